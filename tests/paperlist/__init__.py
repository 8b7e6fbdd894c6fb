"""Tests of the paper-list rules (SCF3xx)."""

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
