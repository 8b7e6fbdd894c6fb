"""Fixtures of the pull-request tests: a temporary git repository and a loopback server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
import threading

import pytest

from .helpers import BASE, Edit, Server, git


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


@pytest.fixture
def insert(repo: Path) -> Edit:
    """Insert ``text`` before 1-based line ``at`` of the repository's README.md."""

    def edit(at: int, text: str) -> None:
        readme = repo / "README.md"
        lines = readme.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[at - 1 : at - 1] = [text if text.endswith("\n") else text + "\n"]
        readme.write_text("".join(lines), encoding="utf-8")

    return edit


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    thread = threading.Thread(target=s.httpd.serve_forever, daemon=True)
    thread.start()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


@pytest.fixture
def linked(repo: Path, server: Server) -> Path:
    """The repository with a loopback link in the base and loopback checks allowed."""
    (repo / ".scfm-lint.yaml").write_text("links:\n  allow-private: true\n", encoding="utf-8")
    readme = repo / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(text.replace("https://example.org/x", f"{server.url}/old"), "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "loopback base")
    return repo
