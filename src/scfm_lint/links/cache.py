"""A SQLite cache of verdicts, so a rerun over an unchanged list sends no request."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
import time

from scfm_lint.links.result import LinkResult
from scfm_lint.util.sqlite_store import Store, warn_stderr

_SCHEMA = """
CREATE TABLE IF NOT EXISTS verdicts (
    url TEXT PRIMARY KEY,
    verdict TEXT NOT NULL,
    status INTEGER,
    final_url TEXT,
    suggestion TEXT,
    message TEXT NOT NULL,
    checked REAL NOT NULL
)
"""
NEVER_CACHED = frozenset({"dead", "unchecked", "invalid", "excluded"})
"""A failure must be seen afresh every run, so a passing outage never sticks; and a link the
address guard declined must be tried again when a run allows private addresses."""


class Cache:
    """Verdicts by normalized URL, each reused while younger than its verdict's TTL.

    A file that cannot be used costs the cache, never the run: ``warn`` gets one line."""

    def __init__(
        self,
        path: Path,
        ttl: Mapping[str, float],
        max_age: float | None = None,
        warn: Callable[[str], None] = warn_stderr,
    ):
        self.path = path
        self.ttl = ttl
        self.max_age = max_age
        hint = " (use --no-cache or another --cache-path)"
        self._store = Store(path, _SCHEMA, "link cache", hint, warn)

    def get(self, urls: Iterable[str], now: float | None = None) -> dict[str, LinkResult]:
        """Fresh cached verdicts of ``urls``."""
        now = time.time() if now is None else now
        found: dict[str, LinkResult] = {}
        query = "SELECT verdict, status, final_url, suggestion, message, checked FROM verdicts "
        for url in urls:
            row = self._store.one(query + "WHERE url = ?", (url,))
            if row is None:
                continue
            verdict, status, final_url, suggestion, message, checked = row
            age = now - checked
            limit = self.ttl.get(verdict, 0.0)
            if self.max_age is not None:
                limit = min(limit, self.max_age)
            if verdict in NEVER_CACHED or not 0 <= age < limit:
                continue
            found[url] = LinkResult(
                url, verdict, status, final_url, suggestion, message, requests=0, cached=True
            )
        return found

    def put(self, results: Iterable[LinkResult], now: float | None = None) -> None:
        """Store fresh verdicts (failures are dropped, and evict older entries)."""
        now = time.time() if now is None else now
        rows = []
        stale = []
        for r in results:
            if r.cached:
                continue
            if r.verdict in NEVER_CACHED or self.ttl.get(r.verdict, 0.0) <= 0:
                stale.append((r.url,))
            else:
                rows.append((r.url, r.verdict, r.status, r.final_url, r.suggestion, r.message, now))
        self._store.write(
            ("DELETE FROM verdicts WHERE url = ?", stale),
            ("INSERT OR REPLACE INTO verdicts VALUES (?,?,?,?,?,?,?)", rows),
        )

    def close(self) -> None:
        self._store.close()
