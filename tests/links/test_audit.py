"""The Markdown audit: a maintainer acts on it without reading the README."""

from __future__ import annotations

import io

from scfm_lint.document.model import Link
from scfm_lint.links.audit import ADVICE, BEFORE_HEADINGS
from scfm_lint.links.findings import Row
from scfm_lint.links.report import LinkStats
from scfm_lint.links.result import LinkResult
from scfm_lint.output.reporters import Report, report_markdown

BADGE = "https://img.shields.io/badge/x"
MOVED = "https://example.org/old"
NEW = "https://example.org/new"


def _row(url, verdict, *, kind="markdown", label="paper", entry=None, section=None, **result):
    link = Link(url, label, 3, 1, kind, 0, 0 if entry else None, section)
    title = "Models" if section is not None else "(top)"
    return Row("README.md", link, LinkResult(url, verdict, **result), title, entry)


def _audit(*rows: Row) -> str:
    out = io.StringIO()
    report_markdown(Report([], 1, LinkStats(list(rows), 1, 0, 0.0)), out)
    return out.getvalue()


def test_a_badge_is_not_shown_as_an_entry_named_a() -> None:
    text = _audit(_row(BADGE, "blocked", kind="html", label="a", status=403))
    row = next(line for line in text.splitlines() if BADGE in line)
    assert "| a |" not in row
    assert "badge" in row


def test_links_before_any_heading_are_named_so_not_top() -> None:
    text = _audit(_row(BADGE, "dead", kind="html", label="Awesome", status=404))
    assert f"## {BEFORE_HEADINGS} (README.md)" in text
    assert "(top)" not in text
    assert "image 'Awesome'" in text


def test_final_and_suggested_urls_are_not_repeated() -> None:
    row = _row(
        MOVED, "redirected", entry="A paper", section=0, status=301, final_url=NEW, suggestion=NEW
    )
    line = next(x for x in _audit(row).splitlines() if MOVED in x)
    assert line.count(NEW) == 1
    assert f"write {NEW}" in line


def test_every_verdict_shown_comes_with_advice() -> None:
    rows = [
        _row("https://a.org/1", "dead", entry="A", section=0, status=404),
        _row("https://a.org/2", "blocked", entry="B", section=0, status=403),
        _row("https://a.org/3", "redirected", entry="C", section=0, suggestion=NEW),
        _row("https://a.org/4", "unchecked", entry="D", section=0),
        _row("https://a.org/5", "excluded", entry="E", section=0),
    ]
    text = _audit(*rows)
    advice = text[text.index("## What to do") :].split("\n## ")[0]
    for verdict in ("dead", "blocked", "redirected", "unchecked", "excluded"):
        assert f"- **{verdict}**: {ADVICE[verdict]}" in advice
    assert "invalid" not in advice  # only the verdicts the audit shows
    assert "| excluded | 1 |" in text  # a verdict the checker adds is counted too


def test_a_clean_run_says_so_and_gives_no_advice() -> None:
    text = _audit(_row("https://a.org/1", "ok", entry="A", section=0, status=200))
    assert "No problems found." in text
    assert "What to do" not in text
