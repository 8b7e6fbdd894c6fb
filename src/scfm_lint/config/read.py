"""Typed readers of raw config values: each names the file, the key and the allowed range."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import math
import re
from typing import Any, NoReturn

from scfm_lint.errors import ConfigError, UsageError


@dataclass(frozen=True, slots=True)
class At:
    """Where a value came from: the file (or ``command line``) and the dotted key."""

    source: str
    key: str = ""

    def __truediv__(self, name: object) -> At:
        return At(self.source, f"{self.key}.{name}" if self.key else str(name))

    def fail(self, problem: str) -> NoReturn:
        """Raise the error: ConfigError for a file, UsageError for an option (no source)."""
        if not self.source:
            raise UsageError(f"{self.key}: {problem}")
        raise ConfigError(f"{self.source}: key {self.key!r}: {problem}")


def _shown(value: Any) -> str:
    return repr(value) if not isinstance(value, float) else f"{value}"


def number(
    value: Any,
    at: At,
    low: float = 0.0,
    high: float = math.inf,
    *,
    above: bool = False,
) -> float:
    """A finite number in ``[low, high]`` (``(low, high]`` with ``above``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        at.fail(f"expected a number, got {_shown(value)}")
    if not math.isfinite(value):
        at.fail(f"expected a finite number, got {_shown(value)}")
    below = value <= low if above else value < low
    if below or value > high:
        at.fail(f"expected a number {_range(low, high, above)}, got {_shown(value)}")
    return float(value)


def integer(value: Any, at: At, low: int = 0, high: int | None = None) -> int:
    """A whole number in ``[low, high]``."""
    if isinstance(value, bool) or not isinstance(value, int):
        at.fail(f"expected a whole number, got {_shown(value)}")
    if value < low or (high is not None and value > high):
        top = math.inf if high is None else high
        at.fail(f"expected a whole number {_range(low, top, False)}, got {value}")
    return value


def _range(low: float, high: float, above: bool) -> str:
    lo = f"{low:g}"
    if high == math.inf:
        return f"above {lo}" if above else f"of {lo} or more"
    return f"in ({lo}, {high:g}]" if above else f"in [{lo}, {high:g}]"


def flag(value: Any, at: At) -> bool:
    if not isinstance(value, bool):
        at.fail(f"expected true or false, got {_shown(value)}")
    return value


def text(value: Any, at: At) -> str:
    if not isinstance(value, str):
        at.fail(f"expected text, got {_shown(value)}")
    return value


def choice(value: Any, at: At, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        at.fail(f"expected one of {', '.join(allowed)}, got {_shown(value)}")
    return str(value)


def mapping(value: Any, at: At, what: str = "settings") -> Mapping[Any, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        at.fail(f"expected a mapping of {what}, got {_shown(value)}")
    return value


def strings(value: Any, at: At, what: str = "text") -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        at.fail(f"expected a list of {what}, got {_shown(value)}")
    return tuple(value)


def headers(value: Any, at: At) -> dict[str, str]:
    table = mapping(value, at, "header names to text")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
        at.fail("expected a mapping of header name to text")
    return dict(table)


def statuses(value: Any, at: At) -> frozenset[int]:
    """HTTP status codes (100-999)."""
    ok = isinstance(value, list) and all(
        isinstance(s, int) and not isinstance(s, bool) and 100 <= s <= 999 for s in value
    )
    if not ok:
        at.fail(f"expected a list of HTTP status codes (100-999), got {_shown(value)}")
    return frozenset(value)


def patterns(value: Any, at: At) -> tuple[re.Pattern[str], ...]:
    """Compiled regular expressions."""
    compiled = []
    for pattern in strings(value, at, "regular expressions"):
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            at.fail(f"bad regular expression {pattern!r}: {exc}")
    return tuple(compiled)
