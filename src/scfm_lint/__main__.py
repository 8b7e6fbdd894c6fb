"""Entry point for ``python -m scfm_lint``."""

from scfm_lint.cli import run

run()
