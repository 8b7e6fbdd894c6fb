"""Host policies: per-host limits, delays and status meanings, matched by domain suffix."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
import re
from typing import Any

from scfm_lint.errors import ConfigError

_KEYS = frozenset({"concurrency", "delay", "head", "blocked-status", "headers", "exclude"})


@dataclass(frozen=True, slots=True)
class HostPolicy:
    """How to treat one host; None fields fall back to the run's settings."""

    key: str = ""
    """The ``hosts:`` key that matched ('' for the default policy)."""
    concurrency: int | None = None
    delay: float = 0.0
    """Seconds between the starts of two requests to the host."""
    head: bool = True
    """Whether to try HEAD before GET."""
    blocked_status: frozenset[int] | None = None
    """Statuses meaning "refuses automated checks"; None uses ``links.blocked_status``."""
    headers: Mapping[str, str] = field(default_factory=dict)
    exclude: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True, slots=True)
class Policies:
    """Every configured host policy, looked up by host."""

    by_key: Mapping[str, HostPolicy]

    def for_host(self, host: str) -> HostPolicy:
        """The policy of the longest key equal to ``host`` or a parent domain of it."""
        host = host.lower().rstrip(".")
        if host.startswith("www."):
            host = host[4:]
        while True:
            policy = self.by_key.get(host)
            if policy is not None:
                return policy
            _, dot, host = host.partition(".")
            if not dot:
                return HostPolicy()


def parse_hosts(raw: Any, source: str = "hosts") -> Policies:
    """Validate the ``hosts:`` mapping; a bad value raises ConfigError naming its key."""
    if raw is None:
        return Policies({})
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{source}: expected a mapping of host to policy")
    policies: dict[str, HostPolicy] = {}
    for key, value in raw.items():
        if not isinstance(key, str) or not key.strip():
            raise ConfigError(f"{source}: host names must be non-empty strings, got {key!r}")
        name = key.strip().lower().rstrip(".").removeprefix("www.")
        policies[name] = _policy(name, value, f"{source}.{key}")
    return Policies(policies)


def _policy(name: str, value: Any, where: str) -> HostPolicy:
    if value is None:
        return HostPolicy(key=name)
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: expected a mapping of policy keys")
    unknown = sorted(set(value) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}.{unknown[0]}: unknown key (use {', '.join(sorted(_KEYS))})")
    concurrency = value.get("concurrency")
    if concurrency is not None and (not _is_int(concurrency) or concurrency < 1):
        raise ConfigError(f"{where}.concurrency: expected a positive integer")
    delay = value.get("delay", 0)
    if not _is_number(delay) or delay < 0:
        raise ConfigError(f"{where}.delay: expected a number")
    head = value.get("head", True)
    if not isinstance(head, bool):
        raise ConfigError(f"{where}.head: expected true or false")
    blocked = value.get("blocked-status")
    if blocked is not None:
        blocked = frozenset(status_list(blocked, f"{where}.blocked-status"))
    headers = value.get("headers", {})
    if not isinstance(headers, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
    ):
        raise ConfigError(f"{where}.headers: expected a mapping of header name to text")
    return HostPolicy(
        key=name,
        concurrency=concurrency,
        delay=float(delay),
        head=head,
        blocked_status=blocked,
        headers=dict(headers),
        exclude=patterns(value.get("exclude", []), f"{where}.exclude"),
    )


def status_list(value: Any, where: str) -> list[int]:
    """A list of HTTP status codes, or ConfigError naming ``where``."""
    if not isinstance(value, list) or not all(_is_int(s) and 100 <= s <= 999 for s in value):
        raise ConfigError(f"{where}: expected a list of HTTP status codes")
    return list(value)


def patterns(value: Any, where: str) -> tuple[re.Pattern[str], ...]:
    """Compile a list of regular expressions, or raise ConfigError naming ``where``."""
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise ConfigError(f"{where}: expected a list of regular expressions")
    compiled = []
    for pattern in value:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise ConfigError(f"{where}: bad regular expression {pattern!r}: {exc}") from None
    return tuple(compiled)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
