"""The SQLite files the caches keep.

A cache that cannot be opened, read or written (read-only, locked by another process,
corrupt, on a full disk) costs the cache, never the run: one warning line on stderr, and the
store answers nothing and keeps nothing for the rest of the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
import contextlib
from pathlib import Path
import sqlite3
import sys
from typing import Any

BUSY_SECONDS = 2.0
"""How long a read or write waits for another process's lock before the cache is given up."""

Rows = Iterable[Sequence[object]]


def warn_stderr(line: str) -> None:
    """The default warning channel: one line on stderr."""
    print(f"scfm-lint: warning: {line}", file=sys.stderr)


class Store:
    """One SQLite file with its schema applied; after the first failure it is closed."""

    def __init__(
        self,
        path: Path,
        schema: str,
        what: str,
        hint: str = "",
        warn: Callable[[str], None] = warn_stderr,
    ) -> None:
        self.path = path
        self.what = what
        self.hint = hint
        self._warn = warn
        self.db: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(path), timeout=BUSY_SECONDS)
            with self.db:
                self.db.execute(schema)
        except (OSError, sqlite3.Error) as exc:
            self._give_up("cannot use", exc, "running without it")

    def one(self, sql: str, params: Sequence[object]) -> Any:
        """The first row of ``sql``, or None (no row, or the store given up)."""
        if self.db is None:
            return None
        try:
            return self.db.execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            self._give_up("cannot read", exc, "running without it")
            return None

    def write(self, *steps: tuple[str, Rows]) -> None:
        """Run each statement (over its rows, if any) in one transaction, or none of them."""
        if self.db is None:
            return
        try:
            with self.db:
                for sql, rows in steps:
                    self.db.executemany(sql, rows)
        except sqlite3.Error as exc:
            self._give_up("cannot write", exc, "this run's answers are not kept")

    def close(self) -> None:
        if self.db is not None:
            db, self.db = self.db, None
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def _give_up(self, doing: str, exc: Exception, then: str) -> None:
        self._warn(f"{doing} the {self.what} {self.path}: {exc}; {then}{self.hint}")
        self.close()
