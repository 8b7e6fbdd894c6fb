"""A temporary git repository holding a paper list, for the changed-only tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
import subprocess

import pytest

BASE = """## Catalog
- [Papers](#papers)

## Papers
1. [2025 Nature Methods] **scGPT: a model** [[paper]](https://www.nature.com/articles/s41592-024-02201-0)
1. [2024] **No venue here** [[paper]](https://example.org/x)
1. [2023 Cell] **Geneformer: transfer learning** [[paper]](https://example.org/geneformer)
"""


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose first commit holds ``README.md`` = :data:`BASE`."""
    work = tmp_path / "list"
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    (work / "README.md").write_text(BASE, encoding="utf-8")
    git(work, "add", "README.md")
    git(work, "commit", "-q", "-m", "base")
    return work


Edit = Callable[[int, str], None]


@pytest.fixture
def insert(repo: Path) -> Edit:
    """Insert ``text`` before 1-based line ``at`` of the repository's README.md."""

    def edit(at: int, text: str) -> None:
        readme = repo / "README.md"
        lines = readme.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[at - 1 : at - 1] = [text if text.endswith("\n") else text + "\n"]
        readme.write_text("".join(lines), encoding="utf-8")

    return edit
