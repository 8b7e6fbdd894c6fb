"""Configuration: rules/*.yaml defaults < project file < command line, read into a Config."""

from __future__ import annotations

from collections.abc import Mapping
import copy
from dataclasses import replace
from functools import cache
from pathlib import Path
import sys
from typing import Any

from scfm_lint.config.model import Config, build
from scfm_lint.config.resources import load_rule_file, load_yaml_text, rules_dir
from scfm_lint.errors import ConfigError
from scfm_lint.util.textfile import decode, read_regular

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
OPEN_MAPPINGS: frozenset[str] = frozenset({"hosts", "links.cache.ttl"})


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
        text = decode(read_regular(path, ConfigError), str(path), ConfigError)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a directory, not a config file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc.strerror or exc}") from None
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


_OUR_TABLE = tuple(
    "[tool.scfm-lint".encode(encoding)
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


def _has_our_table(path: Path) -> bool:
    # Found in any encoding, so that a pyproject saved as UTF-16 is named, not ignored.
    try:
        data = read_regular(path, ConfigError)
    except (OSError, ConfigError):
        return False
    return any(table in data for table in _OUR_TABLE)


def discover(start: Path, notices: list[str] | None = None) -> Path | None:
    """Walk up from ``start`` to the first folder with ``.scfm-lint.yaml`` or a pyproject
    that has a ``[tool.scfm-lint]`` table. In one folder ``.scfm-lint.yaml`` wins; when both
    are there, a notice saying so is appended to ``notices``."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        yaml_file = candidate / PROJECT_FILE
        toml_file = candidate / PYPROJECT
        if yaml_file.is_file():
            if notices is not None and toml_file.is_file() and _has_our_table(toml_file):
                notices.append(
                    f"using {yaml_file}; [tool.scfm-lint] in {toml_file} is ignored"
                    f" ({PROJECT_FILE} comes first in one folder)"
                )
            return yaml_file
        if toml_file.is_file() and _has_our_table(toml_file):
            return toml_file
    return None


_notified: set[str] = set()


def _notify(notices: list[str]) -> None:
    # One notice per process for each folder, however many files share it.
    for line in notices:
        if line not in _notified:
            _notified.add(line)
            print(f"scfm-lint: notice: {line}", file=sys.stderr)


def build_config(user: Mapping[str, Any] | None = None, source: str = "") -> Config:
    """The typed configuration of ``user`` settings merged over the defaults."""
    config = copy.deepcopy(defaults())
    if user:
        validate(user, config, source or "configuration")
        config = merge(config, user)
    return build(config, source)


def load_config(
    target: Path,
    explicit: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Config:
    """The configuration for linting ``target``: defaults < project file < command line.

    ``overrides`` holds the command line's ``select``, ``ignore`` and ``fail-on``.
    """
    notices: list[str] = []
    source = explicit if explicit is not None else discover(target, notices)
    _notify(notices)
    user = read_project_file(source) if source is not None else None
    config = build_config(user, str(source) if source is not None else "")
    if overrides:
        unknown = sorted(set(overrides) - {"select", "ignore", "fail-on"})
        if unknown:
            raise ConfigError(f"command line: unknown setting {unknown[0]!r}")
        selection = config.selection.overridden(
            select=overrides.get("select"),
            ignore=overrides.get("ignore"),
            fail_on=overrides.get("fail-on"),
        )
        config = replace(config, selection=selection)
    return config


_last: list[tuple[Mapping[str, Any], Any, Config]] = []


def as_config(value: Config | Mapping[str, Any]) -> Config:
    """A :class:`Config` as is; a merged mapping (tests, scripts) built into one (the last
    one memoized, as a test lints many documents with one mapping)."""
    if isinstance(value, Config):
        return value
    if _last and _last[0][0] is value and _last[0][1] == value:
        return _last[0][2]
    built = build_config(value)
    _last[:] = [(value, copy.deepcopy(dict(value)), built)]
    return built
