"""Shared fixtures for the core tests: an isolated folder and an in-process CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scfm_lint.cli import main
from scfm_lint.config.load import discover

CLEAN = "## Models\n1. [2024 Nature] **A title** [[paper]](https://example.org/a)\n"
"""A list with no findings at all."""
DIRTY = "## Models\n1. [2024] **A title** [[papr]](https://example.org/a)\n"
"""A list with one error (SCF101 at 2:4) and one warning (SCF105 at 2:23)."""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder with no config file above it."""
    if discover(tmp_path) is not None:
        pytest.fail(f"a config file above {tmp_path} would leak into the tests")
    monkeypatch.chdir(tmp_path)
    return tmp_path


Result = tuple[int, str, str]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``main(argv)`` in-process; returns (exit code, stdout, stderr)."""

    def run(*argv: str) -> Result:
        rc = main(list(argv))
        out, err = capsys.readouterr()
        return rc, out, err

    return run


def one_error_line(err: str) -> str:
    """The single line a user error prints on stderr (and never a traceback)."""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("scfm-lint: error: ")
    return lines[0]
