"""scfm-lint: a linter and link checker for curated paper lists."""

from __future__ import annotations

__version__ = "0.1.0"
