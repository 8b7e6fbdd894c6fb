"""``--changed-since``: the lines a change touches, and only the findings it is responsible for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scfm_lint.cli import main
from scfm_lint.engine.changes import changed_lines, keep_changed, parse_hunks, resolve_ref
from scfm_lint.engine.finding import Finding, Severity
from scfm_lint.errors import UsageError

from .helpers import Edit, git

DUPLICATE = (
    "1. [2025 Cell] **Geneformer: transfer learning** [[paper]](https://example.org/geneformer)"
)
LATE = "1. [2026 Cell Systems] **scNew: a thing** [[paper]](https://example.org/new)"


def _check(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, list[dict[str, object]]]:
    monkeypatch.chdir(repo)
    code = main(["check", "--format", "json", *args, "README.md"])
    return code, json.loads(capsys.readouterr().out)["findings"]


@pytest.mark.parametrize(
    ("diff", "lines"),
    [
        pytest.param("@@ -3 +3 @@\n-a\n+b\n", {3}, id="one-line-modified"),
        pytest.param("@@ -0,0 +1,3 @@\n+a\n+b\n+c\n", {1, 2, 3}, id="added-at-top"),
        pytest.param("@@ -4,2 +3,0 @@\n-a\n-b\n", set(), id="pure-deletion"),
        pytest.param("@@ -1 +1,2 @@ x\n@@ -9,0 +10 @@\n", {1, 2, 10}, id="two-hunks"),
    ],
)
def test_parse_hunks(diff: str, lines: set[int]) -> None:
    assert parse_hunks(diff) == lines


def test_unchanged_file_has_no_changed_lines(repo: Path) -> None:
    assert changed_lines(str(repo / "README.md"), "HEAD") == set()


def test_inserted_line_is_the_only_change(repo: Path, insert: Edit) -> None:
    insert(8, LATE)
    assert changed_lines(str(repo / "README.md"), "HEAD") == {8}


def test_file_new_since_ref_is_changed_everywhere(repo: Path) -> None:
    new = repo / "docs" / "list.md"
    new.parent.mkdir()
    new.write_text("a\nb\nc\n", encoding="utf-8")
    assert changed_lines(str(new), "HEAD") == {1, 2, 3}


def test_odd_file_names_are_literal(repo: Path) -> None:
    odd = repo / "-list [1].md"
    odd.write_text("a\nb\n", encoding="utf-8")
    git(repo, "add", "--", odd.name)
    git(repo, "commit", "-qm", "odd")
    odd.write_text("a\nB\n", encoding="utf-8")
    assert changed_lines(str(odd), "HEAD") == {2}


def test_not_a_repository_and_unknown_ref_are_usage_errors(repo: Path, tmp_path: Path) -> None:
    loose = tmp_path / "loose.md"
    loose.write_text("x\n", encoding="utf-8")
    with pytest.raises(UsageError, match="not in a git repository"):
        changed_lines(str(loose), "HEAD")
    with pytest.raises(UsageError, match="unknown git revision 'no-such-ref'"):
        changed_lines(str(repo / "README.md"), "no-such-ref")


def test_auto_ref_follows_pre_commit() -> None:
    assert resolve_ref("auto", {}) == "HEAD"
    assert resolve_ref("auto", {"PRE_COMMIT_FROM_REF": "abc123"}) == "abc123"
    assert resolve_ref("main", {"PRE_COMMIT_FROM_REF": "abc123"}) == "main"


def _finding(line: int, related: int | None = None, end: int | None = None) -> Finding:
    return Finding(
        "README.md",
        line,
        4,
        "SCF321",
        "duplicate-entry",
        Severity.ERROR,
        "m",
        related_line=related,
        end_line=end,
    )


def test_keep_changed_moves_untouched_side_onto_the_change() -> None:
    kept = keep_changed(
        [_finding(3), _finding(5), _finding(9, related=5), _finding(1, end=4), _finding(2, 7)],
        {4, 5},
    )
    assert [(f.line, f.column, f.related_line) for f in kept] == [
        (5, 4, None),
        (5, 1, 9),
        (1, 4, None),
    ]


def test_cli_reports_only_what_the_change_causes(
    repo: Path, insert: Edit, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    insert(8, LATE)  # newer than every entry, so out of year order at the bottom
    insert(5, DUPLICATE)  # the same paper as the untouched entry that becomes line 8
    code, everything = _check(repo, monkeypatch, capsys)
    assert {(f["line"], f["code"]) for f in everything} == {
        (7, "SCF101"),
        (8, "SCF321"),
        (9, "SCF311"),
    }
    code, changed = _check(repo, monkeypatch, capsys, "--changed-since", "HEAD")
    assert code == 1
    # The pre-existing SCF101 on line 7 is gone; the duplicate lands on the new line 5.
    assert [(f["line"], f["column"], f["code"], f["related_line"]) for f in changed] == [
        (5, 1, "SCF321", 8),
        (9, 4, "SCF311", 5),
    ]


def test_cli_clean_change_passes_despite_old_defects(
    repo: Path, insert: Edit, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    insert(8, "1. [2022 Cell] **scOld: fine** [[paper]](https://example.org/old)")
    git(repo, "commit", "-qam", "add one")
    assert _check(repo, monkeypatch, capsys, "--changed-since", "HEAD~1") == (0, [])


def test_cli_unknown_ref_exits_2(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(repo)
    assert main(["check", "--changed-since", "nope", "README.md"]) == 2
    assert "unknown git revision 'nope'" in capsys.readouterr().err
