"""Open the SQLite files the caches keep, with one clear error when that is not possible."""

from __future__ import annotations

from pathlib import Path
import sqlite3

from scfm_lint.errors import ConfigError


def open_store(path: Path, schema: str, what: str, hint: str = "") -> sqlite3.Connection:
    """Connect to ``path`` (creating its folder) and apply ``schema``; ConfigError otherwise."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(path))
        db.execute(schema)
        db.commit()
    except (OSError, sqlite3.Error) as exc:
        raise ConfigError(f"cannot use {what} {path}: {exc}{hint}") from None
    return db
