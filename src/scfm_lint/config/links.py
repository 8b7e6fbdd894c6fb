"""The ``links:`` and ``hosts:`` sections, typed: the link checker's settings and host policies."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
import re
from typing import Any

from scfm_lint.config import read
from scfm_lint.config.read import At
from scfm_lint.links.policy import HostPolicy, Policies
from scfm_lint.links.result import VERDICTS

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
TEN_YEARS = 10 * 365 * 86400.0
"""The longest duration any setting takes (cache ages, TTLs)."""

#: key -> (low, high, above): the range of every number of ``links:`` and its options.
NUMBERS: dict[str, tuple[float, float, bool]] = {
    "concurrency": (1, 10_000, False),
    "per-host": (1, 1_000, False),
    "timeout": (0, 3_600, True),
    "connect-timeout": (0, 3_600, True),
    "deadline": (0, 7 * 86_400, True),
    "retries": (0, 100, False),
    "backoff": (0, 3_600, False),
    "backoff-max": (0, 3_600, False),
    "retry-after-max": (0, 86_400, False),
    "max-redirects": (0, 100, False),
    "max-body-bytes": (0, 100 * 2**20, False),
}
_WHOLE = frozenset({"concurrency", "per-host", "retries", "max-redirects", "max-body-bytes"})
NEVER_CACHED = ("dead", "unchecked", "invalid", "excluded")


@dataclass(frozen=True, slots=True)
class LinkSettings:
    """Everything that shapes one run of the checker (``links:`` plus the options)."""

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
    github_token_env: str = "GITHUB_TOKEN"
    github_token: str | None = None
    """Read from the environment variable ``github_token_env`` when a run starts."""
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


def bounded(name: str, value: Any, at: At) -> float:
    """A ``links:`` number (or its option) checked against :data:`NUMBERS`."""
    low, high, above = NUMBERS[name]
    if name in _WHOLE:
        return read.integer(value, at, int(low), int(high))
    return read.number(value, at, low, high, above=above)


def parse_duration(value: str | float, at: At) -> float:
    """Seconds from ``90``, ``90s``, ``15m``, ``12h`` or ``7d``; at most ten years."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value))
        if not match:
            at.fail(f"expected a duration such as 90, 15m, 12h or 7d, got {value!r}")
        seconds = float(match.group(1)) * _UNIT[match.group(2)]
    return read.number(seconds, at, 0, TEN_YEARS)


def parse_links(section: Mapping[str, Any], at: At) -> LinkSettings:
    """The ``links:`` section (already merged over its defaults)."""
    cache = read.mapping(section.get("cache"), at / "cache")
    ttl = read.mapping(cache.get("ttl"), at / "cache" / "ttl", "verdicts to seconds")
    for verdict in ttl:
        where = at / "cache" / "ttl" / verdict
        if verdict not in VERDICTS:
            where.fail(f"unknown verdict (use {', '.join(VERDICTS)})")
        if verdict in NEVER_CACHED:
            where.fail("never cached (a failure must be seen)")
    fail_on = read.strings(section.get("fail-on"), at / "fail-on", "verdicts")
    if not all(v in VERDICTS for v in fail_on):
        (at / "fail-on").fail(f"expected a list of verdicts ({', '.join(VERDICTS)})")
    path = read.text(cache.get("path"), at / "cache" / "path")
    numbers = {key.replace("-", "_"): bounded(key, section.get(key), at / key) for key in NUMBERS}
    return LinkSettings(
        **numbers,  # type: ignore[arg-type]
        allow_private=read.flag(section.get("allow-private"), at / "allow-private"),
        user_agent=read.text(section.get("user-agent"), at / "user-agent"),
        accept=read.text(section.get("accept"), at / "accept"),
        accept_language=read.text(section.get("accept-language"), at / "accept-language"),
        headers=read.headers(section.get("headers"), at / "headers"),
        blocked_status=read.statuses(section.get("blocked-status"), at / "blocked-status"),
        fail_on=frozenset(fail_on),
        github_token_env=read.text(section.get("github-token-env"), at / "github-token-env"),
        exclude=read.patterns(section.get("exclude"), at / "exclude"),
        cache_enabled=read.flag(cache.get("enabled"), at / "cache" / "enabled"),
        cache_path=Path(path).expanduser() if path else None,
        ttl={
            str(k): read.number(v, at / "cache" / "ttl" / k, 0, TEN_YEARS) for k, v in ttl.items()
        },
    )


_POLICY_KEYS = frozenset({"concurrency", "delay", "head", "blocked-status", "headers", "exclude"})


def parse_hosts(raw: Any, at: At | None = None) -> Policies:
    """The ``hosts:`` mapping: one policy per host name (matched with its subdomains)."""
    at = at or At("configuration", "hosts")
    policies: dict[str, HostPolicy] = {}
    for key, value in read.mapping(raw, at, "host to policy").items():
        if not isinstance(key, str) or not key.strip():
            at.fail(f"host names must be non-empty strings, got {key!r}")
        name = key.strip().lower().rstrip(".").removeprefix("www.")
        policies[name] = _policy(name, value, at / key)
    return Policies(policies)


def _policy(name: str, value: Any, at: At) -> HostPolicy:
    if value is None:
        return HostPolicy(key=name)
    spec = read.mapping(value, at, "policy keys")
    unknown = sorted(set(spec) - _POLICY_KEYS)
    if unknown:
        (at / unknown[0]).fail(f"unknown key (use {', '.join(sorted(_POLICY_KEYS))})")
    concurrency = spec.get("concurrency")
    if concurrency is not None:
        concurrency = read.integer(concurrency, at / "concurrency", 1, 1_000)
    blocked = spec.get("blocked-status")
    return HostPolicy(
        key=name,
        concurrency=concurrency,
        delay=read.number(spec.get("delay", 0), at / "delay", 0, 3_600),
        head=read.flag(spec.get("head", True), at / "head"),
        blocked_status=None if blocked is None else read.statuses(blocked, at / "blocked-status"),
        headers=read.headers(spec.get("headers", {}), at / "headers"),
        exclude=read.patterns(spec.get("exclude", []), at / "exclude"),
    )
