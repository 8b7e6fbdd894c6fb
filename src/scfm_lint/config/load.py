"""Configuration: rules/*.yaml defaults < project file < command line, validated early."""

from __future__ import annotations

from collections.abc import Mapping
import copy
from functools import cache
from pathlib import Path
import sys
from typing import Any

from scfm_lint.config.resources import load_rule_file, load_yaml_text, rules_dir
from scfm_lint.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

PROJECT_FILE = ".scfm-lint.yaml"
PYPROJECT = "pyproject.toml"
#: rules/*.yaml files that hold data for one feature rather than config defaults.
_DATA_ONLY: frozenset[str] = frozenset()
#: Mappings whose keys the user names although the defaults hold some (host names); the
#: feature that reads them validates each value and names the key in its errors.
OPEN_MAPPINGS: frozenset[str] = frozenset({"hosts"})


@cache
def defaults() -> dict[str, Any]:
    """The deep merge of every top-level key of every ``rules/*.yaml``; each key has one owner."""
    merged: dict[str, Any] = {}
    owner: dict[str, str] = {}
    for path in sorted(rules_dir().glob("*.yaml")):
        if path.stem in _DATA_ONLY:
            continue
        data = load_rule_file(path.stem)
        if data is None:
            continue
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: expected a mapping at the top level")
        for key, value in data.items():
            if key in owner:
                raise ConfigError(f"{path}: key {key!r} is already defined in {owner[key]}")
            owner[key] = path.name
            merged[key] = value
    return merged


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _same_kind(value: Any, default: Any) -> bool:
    if default is None:
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def validate(
    user: Mapping[str, Any], schema: Mapping[str, Any], source: str, prefix: str = ""
) -> None:
    """Reject unknown keys and values of the wrong kind; the defaults are the schema.

    A mapping whose default is empty is open (its keys are the user's: venue names, hosts...).
    """
    for key, value in user.items():
        where = f"{prefix}{key}"
        if not isinstance(key, str):
            raise ConfigError(f"{source}: key {where!r} must be a string")
        if key not in schema:
            if schema or not prefix:
                raise ConfigError(f"{source}: unknown key {where!r}")
            continue
        default = schema[key]
        if not _same_kind(value, default):
            raise ConfigError(
                f"{source}: key {where!r}: expected {_type_name(default)}, got {value!r}"
            )
        if where in OPEN_MAPPINGS:
            continue
        if isinstance(default, dict) and default:
            validate(value, default, source, f"{where}.")
        elif isinstance(default, list) and default and value:
            for item in value:
                if not _same_kind(item, default[0]):
                    raise ConfigError(
                        f"{source}: key {where!r}: items must be {_type_name(default[0])}, "
                        f"got {item!r}"
                    )


#: Settings that take one of a few words; a typo must not silently pick a behaviour.
_CHOICES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("fail-on",): ("error", "warning", "info", "never"),
    ("numbering", "style"): ("one", "sequential"),
}


def validate_values(user: Mapping[str, Any], source: str) -> None:
    """Check word-valued settings and rule codes (``select``, ``ignore``, ``severity``)."""
    from scfm_lint.checks.registry import load_all
    from scfm_lint.engine.finding import Severity

    for path, allowed in _CHOICES.items():
        value: Any = user
        for part in path:
            value = value.get(part) if isinstance(value, Mapping) else None
        if value is not None and value not in allowed:
            raise ConfigError(
                f"{source}: key {'.'.join(path)!r}: expected one of {', '.join(allowed)}, "
                f"got {value!r}"
            )
    rules = load_all()
    for key in ("select", "ignore"):
        for pattern in user.get(key) or ():
            if not any(code.startswith(str(pattern).strip().upper()) for code in rules):
                raise ConfigError(f"{source}: key {key!r}: {pattern!r} matches no rule code")
    for code, level in (user.get("severity") or {}).items():
        if code not in rules:
            raise ConfigError(f"{source}: key 'severity.{code}': unknown rule code")
        try:
            Severity.parse(str(level))
        except ValueError as exc:
            raise ConfigError(f"{source}: key 'severity.{code}': {exc}") from None


def merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """Deep merge: mappings merge, everything else is replaced. Returns a new mapping."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def read_project_file(path: Path) -> dict[str, Any]:
    """Load one config file (``.scfm-lint.yaml`` or ``pyproject.toml``) as a mapping."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    if path.name == PYPROJECT or path.suffix == ".toml":
        try:
            data: Any = tomllib.loads(text).get("tool", {}).get("scfm-lint", {})
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    else:
        data = load_yaml_text(text, str(path))
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level")
    return data


def discover(start: Path) -> Path | None:
    """Walk up from ``start`` to the first folder with ``.scfm-lint.yaml`` or a pyproject
    that has a ``[tool.scfm-lint]`` table."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        yaml_file = candidate / PROJECT_FILE
        if yaml_file.is_file():
            return yaml_file
        toml_file = candidate / PYPROJECT
        if toml_file.is_file():
            try:
                text = toml_file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if "[tool.scfm-lint" in text:
                return toml_file
    return None


def load_config(
    target: Path,
    explicit: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The merged configuration for linting ``target``: defaults < project file < CLI."""
    # A copy: defaults() is cached, and a caller that edits its config must not edit the cache.
    config = copy.deepcopy(defaults())
    source = explicit if explicit is not None else discover(target)
    if source is not None:
        user = read_project_file(source)
        validate(user, config, str(source))
        validate_values(user, str(source))
        config = merge(config, user)
    if overrides:
        validate(overrides, config, "command line")
        config = merge(config, overrides)
    return config
