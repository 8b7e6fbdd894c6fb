"""The link checker's settings: ``links:`` (typed in :mod:`scfm_lint.config.links`) under
the command-line options, each option checked against the same range as its key."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import replace
import os
from pathlib import Path
from typing import Any

from scfm_lint.config.links import LinkSettings, bounded
from scfm_lint.config.links import parse_duration as _duration
from scfm_lint.config.load import as_config
from scfm_lint.config.model import Config
from scfm_lint.config.read import At
from scfm_lint.errors import UsageError
from scfm_lint.links.result import VERDICTS

Settings = LinkSettings
"""The settings of one run (the name the checker modules know)."""


def parse_duration(text: str | float, where: str) -> float:
    """Seconds from ``90``, ``90s``, ``15m``, ``12h`` or ``7d`` (an option named ``where``)."""
    return _duration(text, At("", where))


def from_config(
    config: Config | Mapping[str, Any], environ: Mapping[str, str] | None = None
) -> Settings:
    """The ``links:`` settings of ``config``, with the GitHub token read from the environment."""
    env = os.environ if environ is None else environ
    settings = as_config(config).links
    return replace(settings, github_token=env.get(settings.github_token_env) or None)


#: Option attribute -> the ``links:`` key whose range it shares.
_OPTIONS = {
    "concurrency": "concurrency",
    "per_host": "per-host",
    "retries": "retries",
    "timeout": "timeout",
    "deadline": "deadline",
}


def with_options(settings: Settings, args: argparse.Namespace) -> Settings:
    """Apply command-line options (those left at None keep the configured value)."""
    changes: dict[str, Any] = {}
    for name, key in _OPTIONS.items():
        value = getattr(args, name, None)
        if value is not None:
            changes[name] = bounded(key, value, At("", f"--{key}"))
    if getattr(args, "allow_private", False):
        changes["allow_private"] = True
    if getattr(args, "no_cache", False):
        changes["cache_enabled"] = False
    if getattr(args, "cache_path", None):
        changes["cache_path"] = Path(args.cache_path).expanduser()
    if getattr(args, "max_age", None) is not None:
        changes["max_age"] = parse_duration(args.max_age, "--max-age")
    fail_on = getattr(args, "fail_verdicts", None)
    if fail_on is not None:
        verdicts = [v.strip() for v in fail_on.split(",") if v.strip()]
        bad = [v for v in verdicts if v not in VERDICTS]
        if bad:
            raise UsageError(
                f"--fail-verdicts: unknown verdict {bad[0]!r} (use {', '.join(VERDICTS)})"
            )
        changes["fail_on"] = frozenset(verdicts)
    return replace(settings, **changes)


def default_cache_path(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CACHE_HOME/scfm-lint/links.sqlite3`` (``~/.cache`` when unset)."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scfm-lint" / "links.sqlite3"
