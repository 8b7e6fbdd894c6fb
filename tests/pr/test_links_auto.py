"""``links --changed-since auto``: pre-commit's from-ref when it sets one, else every link."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scfm_lint.cli import main

from .helpers import Edit, Server


@pytest.fixture(autouse=True)
def _no_precommit_refs(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PRE_COMMIT_FROM_REF", "PRE_COMMIT_TO_REF", "PRE_COMMIT_SOURCE"):
        monkeypatch.delenv(name, raising=False)


def _auto(repo: Path, tmp: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    argv = ["links", "--changed-since", "auto", "--format", "json", "--no-cache"]
    code = main([*argv, str(repo / "README.md")])
    report: dict[str, object] = json.loads(capsys.readouterr().out)
    report["exit"] = code
    return report


def test_no_from_ref_means_every_link(
    linked: Path, insert: Edit, server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # As under `pre-commit run --all-files`: no from-ref, nothing to compare, all is checked.
    readme = linked / "README.md"
    readme.write_text(
        "".join(ln for ln in readme.read_text("utf-8").splitlines(True) if "https:" not in ln),
        encoding="utf-8",
    )
    insert(6, f"1. [2022 Cell] **scNew: a thing** [[paper]]({server.url}/new)")
    report = _auto(linked, tmp_path, capsys)
    assert sorted(server.paths) == ["/new", "/old"]
    assert report["summary"]["links"] == 2  # type: ignore[index]


def test_from_ref_means_new_links_only(
    linked: Path,
    insert: Edit,
    server: Server,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "HEAD")
    insert(8, f"1. [2022 Cell] **scNew: a thing** [[paper]]({server.url}/new)")
    _auto(linked, tmp_path, capsys)
    assert server.paths == ["/new"]
