"""``--format github``: workflow-command annotations, the job summary and step outputs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from scfm_lint.cli import main
from scfm_lint.engine.finding import Finding, Severity
from scfm_lint.output.github import (
    annotation,
    escape_data,
    escape_property,
    report_github,
    summary_markdown,
)

from .helpers import Edit


@pytest.fixture
def runner_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """GITHUB_STEP_SUMMARY and GITHUB_OUTPUT pointed at temporary files, as a runner does."""
    summary, output = tmp_path / "summary.md", tmp_path / "output"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_OUTPUT", str(output))
    for name in ("GITHUB_WORKSPACE", "GITHUB_SERVER_URL", "SCFM_CHANGED_SINCE"):
        monkeypatch.delenv(name, raising=False)
    return summary, output


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        pytest.param("plain", "plain", "plain", id="plain"),
        pytest.param("50% done", "50%25 done", "50%25 done", id="percent"),
        pytest.param("a\r\nb", "a%0D%0Ab", "a%0D%0Ab", id="newlines"),
        pytest.param("a: b, c", "a: b, c", "a%3A b%2C c", id="colon-comma"),
        pytest.param("%0A", "%250A", "%250A", id="already-escaped-looking"),
    ],
)
def test_escaping(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_annotation_escapes_properties_and_message() -> None:
    f = Finding(
        "docs/a,b:c.md",
        3,
        7,
        "SCF101",
        "missing-venue",
        Severity.WARNING,
        "tag [2024] has no venue:\nwrite 100%",
        end_line=4,
        suggestion="x",
    )
    assert annotation(f) == (
        "::warning file=docs/a%2Cb%3Ac.md,line=3,col=7,endLine=4,title=SCF101 missing-venue"
        "::tag [2024] has no venue:%0Awrite 100%25 (suggested: x)"
    )
    info = Finding("README.md", 1, 1, "SCF231", "trailing-whitespace", Severity.INFO, "m")
    assert annotation(info).startswith("::notice file=README.md,line=1,col=1,")


def test_summary_table_escapes_cells_and_links_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    f = Finding("README.md", 9, 1, "SCF101", "missing-venue", Severity.ERROR, "a | b <img>")
    env = {
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_SHA": "abc",
    }
    text = summary_markdown([f], 1, env)
    assert "| [README.md:9](https://github.com/o/r/blob/abc/README.md#L9) |" in text
    assert "a \\| b &lt;img> |" in text
    assert summary_markdown([], 1, {}).startswith("## scfm-lint\n\nNo problems found in 1 file.")


def test_report_writes_annotations_summary_and_outputs(runner_files: tuple[Path, Path]) -> None:
    summary, output = runner_files
    found = [
        Finding(
            "README.md", 5, 1, "SCF321", "duplicate-entry", Severity.ERROR, "dup", related_line=8
        ),
        Finding("README.md", 9, 4, "SCF311", "year-order", Severity.WARNING, "order"),
    ]
    out = io.StringIO()
    report_github(found, 1, out)
    lines = out.getvalue().splitlines()
    assert lines == [
        "::error file=README.md,line=5,col=1,title=SCF321 duplicate-entry::dup",
        "::warning file=README.md,line=9,col=4,title=SCF311 year-order::order",
        "Found 2 problems (1 error, 1 warning) in 1 file.",
    ]
    table = summary.read_text(encoding="utf-8")
    assert "| error | 1 |" in table
    assert "| `README.md`:5 | SCF321 duplicate-entry | error | dup |" in table
    assert output.read_text(encoding="utf-8") == "errors=1\nwarnings=1\nnotices=0\ntotal=2\n"


def test_cli_github_format_on_a_change(
    repo: Path,
    insert: Edit,
    runner_files: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    summary, output = runner_files
    insert(8, "1. [2026 Cell Systems] **scNew: a thing** [[paper]](https://example.org/new)")
    monkeypatch.chdir(repo)
    assert main(["check", "--format", "github", "--changed-since", "HEAD", "README.md"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("::warning file=README.md,line=8,col=4,title=SCF311 year-order::")
    assert len(lines) == 2
    assert "errors=0\nwarnings=1\n" in output.read_text(encoding="utf-8")
    assert "SCF311 year-order" in summary.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("message", "suggestion", "expected"),
    [
        pytest.param(
            "arXiv PDF link: use https://arxiv.org/abs/2502.04567v2",
            "https://arxiv.org/abs/2502.04567v2",
            "arXiv PDF link: use https://arxiv.org/abs/2502.04567v2",
            id="url-said",
        ),
        pytest.param(
            "unknown venue 'Sturcture'; did you mean 'Structure'?",
            "Structure",
            "unknown venue 'Sturcture'; did you mean 'Structure'?",
            id="quoted-said",
        ),
        pytest.param("tag year 2024: write 2025", "2025", "tag year 2024: write 2025", id="end"),
        pytest.param(
            "link uses http: use https",
            "https://example.org/p",
            "link uses http: use https (suggested: https://example.org/p)",
            id="not-said",
        ),
        pytest.param(
            "venue 'Cell Reports' is not where it appeared",
            "Cell",
            "venue 'Cell Reports' is not where it appeared (suggested: Cell)",
            id="part-of-a-word-is-not-said",
        ),
    ],
)
def test_annotation_names_a_suggestion_once(message: str, suggestion: str, expected: str) -> None:
    f = Finding(
        "README.md",
        1,
        1,
        "SCF251",
        "arxiv-pdf-link",
        Severity.WARNING,
        message,
        suggestion=suggestion,
    )
    assert annotation(f).split("::", 2)[2] == expected
