"""Host policies: per-host limits, delays and status meanings, matched by domain suffix.

Read and checked from the ``hosts:`` config by :func:`scfm_lint.config.links.parse_hosts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
import re


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
