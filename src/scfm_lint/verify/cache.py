"""A SQLite cache of paper metadata by identifier, with its own TTL.

Only papers found are kept: "no such paper" and "could not tell" are asked afresh every
run, so a passing outage or a DOI registered yesterday never sticks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
import json
import os
from pathlib import Path
import time
from typing import Any

from scfm_lint.util.sqlite_store import Store, warn_stderr
from scfm_lint.verify.ids import Identifier
from scfm_lint.verify.record import Lookup, Paper
from scfm_lint.verify.settings import VerifySettings

_SCHEMA = """
CREATE TABLE IF NOT EXISTS papers (
    ident TEXT PRIMARY KEY,
    paper TEXT NOT NULL,
    checked REAL NOT NULL
)
"""


def default_path() -> Path:
    """``$XDG_CACHE_HOME/scfm-lint/verify.sqlite3`` (``~/.cache`` when unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scfm-lint" / "verify.sqlite3"


def _key(ident: Identifier) -> str:
    return f"{ident.scheme}:{ident.value}"


def _paper(data: Any) -> Paper:
    data["ident"] = Identifier(**data["ident"])
    data["years"] = tuple(data["years"])
    # A paper cached before ``updates`` was read is asked again: it may have been retracted.
    data["updates"] = tuple(tuple(u) for u in data["updates"])
    return Paper(**data)


class MetadataCache:
    """Papers by identifier, each reused while younger than ``ttl`` seconds.

    A file that cannot be used costs the cache, never the run: ``warn`` gets one line."""

    def __init__(self, path: Path, ttl: float, warn: Callable[[str], None] = warn_stderr) -> None:
        self.path = path
        self.ttl = ttl
        hint = " (use --no-cache or another --verify-cache-path)"
        self._store = Store(path, _SCHEMA, "verify cache", hint, warn)

    def get(
        self, idents: Sequence[Identifier], now: float | None = None
    ) -> dict[Identifier, Lookup]:
        """The fresh cached answers for ``idents``."""
        now = time.time() if now is None else now
        found: dict[Identifier, Lookup] = {}
        for ident in idents:
            row = self._store.one(
                "SELECT paper, checked FROM papers WHERE ident = ?", (_key(ident),)
            )
            if row is None or not 0 <= now - row[1] < self.ttl:
                continue
            try:
                found[ident] = Lookup(ident, _paper(json.loads(row[0])))
            except (ValueError, TypeError, KeyError):
                continue  # written by another version: ask again
        return found

    def put(self, lookups: Iterable[Lookup], now: float | None = None) -> None:
        """Keep the papers found; misses and failures are never cached."""
        now = time.time() if now is None else now
        rows = [
            (_key(lookup.ident), json.dumps(asdict(lookup.paper)), now)
            for lookup in lookups
            if lookup.paper is not None
        ]
        self._store.write(("INSERT OR REPLACE INTO papers VALUES (?, ?, ?)", rows))

    def close(self) -> None:
        self._store.close()


def open_cache(settings: VerifySettings, path: Path | None = None) -> MetadataCache | None:
    """The cache the settings ask for (``path`` overrides theirs), or None when disabled."""
    if not settings.cache_enabled and path is None:
        return None
    chosen = path or (Path(settings.cache_path) if settings.cache_path else default_path())
    return MetadataCache(chosen, settings.cache_ttl)
