"""Locate and load the YAML rule data shipped in ``rules/``."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from scfm_lint.errors import ConfigError

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def rules_dir() -> Path:
    """The folder holding the rule data: inside the installed wheel, else the checkout's.

    An editable install imports the package from ``src/``, where no ``rules/`` exists, so
    fall back to the top-level ``rules/`` two levels above the package.
    """
    packaged = Path(str(resources.files("scfm_lint"))) / "rules"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "rules"
    if checkout.is_dir():
        return checkout
    raise ConfigError(f"rule data not found (looked in {packaged} and {checkout})")


def load_yaml_text(text: str, source: str) -> Any:
    """Parse YAML safely; a syntax error becomes a ConfigError naming ``source``."""
    try:
        return yaml.load(text, Loader=_Loader)  # _Loader is a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{source}{where}: invalid YAML: {problem}") from None


@cache
def load_rule_file(name: str) -> Any:
    """Load ``rules/<name>.yaml``; cached for the life of the process."""
    path = rules_dir() / f"{name}.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read rule data {path}: {exc.strerror}") from None
    return load_yaml_text(text, str(path))
