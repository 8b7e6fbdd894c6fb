"""``links --changed-since``: only new links are checked, through the cache, on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scfm_lint.cli import main
from scfm_lint.document.parse import parse_document
from scfm_lint.engine.changes import keep_changed_links

from .helpers import Edit, Server, git, inputs, run_step


def _links(repo: Path, tmp: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    argv = ["links", "--changed-since", "HEAD", "--format", "json"]
    code = main([*argv, "--cache-path", str(tmp / "links.sqlite3"), str(repo / "README.md")])
    report: dict[str, object] = json.loads(capsys.readouterr().out)
    report["exit"] = code
    return report


def test_filter_keeps_new_links_on_changed_lines() -> None:
    text = "1. [a](http://h/old)\n2. [b](http://h/old) [c](http://h/new)\n3. [d](http://h/x)\n"
    doc = parse_document(text, "README.md")
    kept = keep_changed_links(doc, {2}, "1. [a](http://h/old)\n3. [d](http://h/x)\n")
    assert [(link.url, link.line) for link in kept.links] == [("http://h/new", 2)]
    assert len(keep_changed_links(doc, {1, 2, 3}, None).links) == 4


def test_one_new_link_is_one_request_then_none(
    linked: Path, insert: Edit, server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    insert(8, f"1. [2022 Cell] **scNew: a thing** [[paper]]({server.url}/new)")
    # A touched line whose link was there before is not a new link.
    readme = linked / "README.md"
    readme.write_text(readme.read_text("utf-8").replace("No venue here", "No venue"), "utf-8")
    first = _links(linked, tmp_path, capsys)
    assert server.paths == ["/new"]
    assert first["summary"]["requests"] == 1  # type: ignore[index]
    assert first["exit"] == 0
    second = _links(linked, tmp_path, capsys)
    assert server.paths == ["/new"]
    assert second["summary"]["requests"] == 0  # type: ignore[index]
    assert second["summary"]["cached"] == 1  # type: ignore[index]


def test_action_links_step_annotates_a_dead_new_link(
    linked: Path, insert: Edit, server: Server, tmp_path: Path
) -> None:
    base = git(linked, "rev-parse", "HEAD").strip()
    insert(8, f"1. [2022 Cell] **scDead: gone** [[paper]]({server.url}/dead)")
    git(linked, "commit", "-qam", "the pull request")
    env = inputs(SCFM_CHANGED_SINCE=base)
    done, outputs, summary = run_step("links", linked, tmp_path, **env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("::error file=README.md,line=8,col=")
    assert server.paths.count("/dead") >= 1
    assert "/old" not in server.paths
    assert outputs["errors"] == "1"
    assert outputs["exit-code"] == "1"
    assert "## scfm-lint links" in summary
