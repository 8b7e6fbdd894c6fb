"""What the checker learns about one URL."""

from __future__ import annotations

from dataclasses import dataclass

VERDICTS = ("ok", "redirected", "dead", "blocked", "invalid", "unchecked", "excluded")
"""Every verdict: ``redirected`` is ok with a suggestion; ``blocked`` and ``unchecked``
mean "could not verify" and never count as dead; ``excluded`` means scfm-lint itself
declined to check (its address guard refused the target), so it is never cached: another
run, with ``--allow-private``, may check it."""


@dataclass(frozen=True, slots=True)
class LinkResult:
    """The verdict on one (normalized) URL."""

    url: str
    """The URL requested (normalized)."""
    verdict: str
    """One of :data:`VERDICTS`."""
    status: int | None = None
    """The last HTTP status seen, None when no response arrived."""
    final_url: str | None = None
    """Where the redirects ended, when there were any."""
    suggestion: str | None = None
    """A replacement URL (the target of a permanent redirect)."""
    message: str = ""
    """Why, in a few words: ``404 Not Found``, ``connection refused``, ``redirect loop``."""
    requests: int = 0
    """Requests sent for this URL in this run (0 for cache hits and invalid URLs)."""
    cached: bool = False
    """Whether the verdict came from the cache."""
