"""The link checker's settings: ``links:`` config merged under the command-line options."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
import os
from pathlib import Path
import re
from typing import Any

from scfm_lint.config.resources import load_rule_file
from scfm_lint.errors import ConfigError, UsageError
from scfm_lint.links.policy import patterns, status_list
from scfm_lint.links.result import VERDICTS

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that shapes one run of the checker."""

    concurrency: int = 64
    per_host: int = 4
    timeout: float = 10.0
    connect_timeout: float = 5.0
    deadline: float = 600.0
    retries: int = 2
    backoff: float = 0.5
    backoff_max: float = 8.0
    retry_after_max: float = 30.0
    max_redirects: int = 10
    max_body_bytes: int = 8192
    allow_private: bool = False
    user_agent: str = "scfm-lint"
    accept: str = "*/*"
    accept_language: str = "en"
    headers: Mapping[str, str] = field(default_factory=dict)
    blocked_status: frozenset[int] = frozenset({401, 403, 429})
    fail_on: frozenset[str] = frozenset({"dead", "invalid"})
    github_token: str | None = None
    exclude: tuple[re.Pattern[str], ...] = ()
    cache_enabled: bool = True
    cache_path: Path | None = None
    ttl: Mapping[str, float] = field(default_factory=dict)
    max_age: float | None = None
    """Reuse cached verdicts only when younger than this many seconds."""

    def base_headers(self) -> dict[str, str]:
        """Browser-like headers sent with every request, before host policy headers."""
        return {
            "User-Agent": self.user_agent,
            "Accept": self.accept,
            "Accept-Language": self.accept_language,
            **self.headers,
        }


def parse_duration(text: str | float, where: str) -> float:
    """Seconds from ``90``, ``90s``, ``15m``, ``12h`` or ``7d``."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        seconds = float(text)
    else:
        match = _DURATION.match(str(text))
        if not match:
            raise UsageError(f"{where}: expected a duration such as 90, 15m, 12h or 7d")
        seconds = float(match.group(1)) * _UNIT[match.group(2)]
    if seconds < 0:
        raise UsageError(f"{where}: expected a duration of zero or more")
    return seconds


def from_config(config: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> Settings:
    """Validate ``config['links']`` (defaults from ``rules/links.yaml`` fill the gaps)."""
    env = os.environ if environ is None else environ
    defaults = load_rule_file("links")["links"]
    if not isinstance(config.get("links") or {}, Mapping):
        raise ConfigError("links: expected a mapping")
    raw = {**defaults, **(config.get("links") or {})}
    for key in sorted(set(raw) - set(defaults)):
        raise ConfigError(f"links.{key}: unknown key")
    cache = {**defaults["cache"], **(raw.get("cache") or {})}
    for key in sorted(set(cache) - set(defaults["cache"])):
        raise ConfigError(f"links.cache.{key}: unknown key")
    ttl = {**defaults["cache"]["ttl"], **(cache.get("ttl") or {})}
    for verdict, seconds in ttl.items():
        if verdict not in VERDICTS:
            raise ConfigError(f"links.cache.ttl.{verdict}: unknown verdict")
        if verdict in ("dead", "unchecked", "invalid"):
            raise ConfigError(f"links.cache.ttl.{verdict}: never cached (a failure must be seen)")
        _number(seconds, f"links.cache.ttl.{verdict}")
    headers = raw.get("headers") or {}
    if not isinstance(headers, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
    ):
        raise ConfigError("links.headers: expected a mapping of header name to text")
    fail_on = raw.get("fail-on")
    if not isinstance(fail_on, list) or not all(v in VERDICTS for v in fail_on):
        raise ConfigError(f"links.fail-on: expected a list of verdicts ({', '.join(VERDICTS)})")
    if not isinstance(cache.get("enabled"), bool):
        raise ConfigError("links.cache.enabled: expected true or false")
    if not isinstance(cache.get("path"), str):
        raise ConfigError("links.cache.path: expected a path")
    token_env = _text(raw.get("github-token-env"), "links.github-token-env")
    return Settings(
        concurrency=_positive(raw.get("concurrency"), "links.concurrency"),
        per_host=_positive(raw.get("per-host"), "links.per-host"),
        timeout=_number(raw.get("timeout"), "links.timeout", positive=True),
        connect_timeout=_number(raw.get("connect-timeout"), "links.connect-timeout", True),
        deadline=_number(raw.get("deadline"), "links.deadline", positive=True),
        retries=_count(raw.get("retries"), "links.retries"),
        backoff=_number(raw.get("backoff"), "links.backoff"),
        backoff_max=_number(raw.get("backoff-max"), "links.backoff-max"),
        retry_after_max=_number(raw.get("retry-after-max"), "links.retry-after-max"),
        max_redirects=_count(raw.get("max-redirects"), "links.max-redirects"),
        max_body_bytes=_count(raw.get("max-body-bytes"), "links.max-body-bytes"),
        allow_private=_flag(raw.get("allow-private"), "links.allow-private"),
        user_agent=_text(raw.get("user-agent"), "links.user-agent"),
        accept=_text(raw.get("accept"), "links.accept"),
        accept_language=_text(raw.get("accept-language"), "links.accept-language"),
        headers=dict(headers),
        blocked_status=frozenset(status_list(raw.get("blocked-status"), "links.blocked-status")),
        fail_on=frozenset(fail_on),
        github_token=env.get(token_env) or None,
        exclude=patterns(raw.get("exclude"), "links.exclude"),
        cache_enabled=cache["enabled"],
        cache_path=Path(cache["path"]).expanduser() if cache["path"] else None,
        ttl={k: float(v) for k, v in ttl.items()},
    )


def with_options(settings: Settings, args: argparse.Namespace) -> Settings:
    """Apply command-line options (those left at None keep the configured value)."""
    changes: dict[str, Any] = {}
    for name in ("concurrency", "per_host", "retries"):
        value = getattr(args, name, None)
        if value is not None:
            if value < (0 if name == "retries" else 1):
                raise UsageError(f"--{name.replace('_', '-')}: expected a positive number")
            changes[name] = value
    for name in ("timeout", "deadline"):
        value = getattr(args, name, None)
        if value is not None:
            if value <= 0:
                raise UsageError(f"--{name}: expected a positive number of seconds")
            changes[name] = float(value)
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


def _number(value: Any, where: str, positive: bool = False) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
        raise ConfigError(f"{where}: expected a number")
    if positive and value == 0:
        raise ConfigError(f"{where}: expected a number above zero")
    return float(value)


def _count(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ConfigError(f"{where}: expected a whole number")
    return value


def _positive(value: Any, where: str) -> int:
    if _count(value, where) < 1:
        raise ConfigError(f"{where}: expected a positive whole number")
    return int(value)


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected text")
    return value
