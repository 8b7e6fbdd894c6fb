"""Merging paper verification into link rows and findings (pure: no network, no aiohttp)."""

from __future__ import annotations

import io

import pytest

from scfm_lint.document.parse import parse_document
from scfm_lint.links.findings import key_of, rows, to_findings
from scfm_lint.links.report import LinkStats
from scfm_lint.links.result import LinkResult
from scfm_lint.output.reporters import Report, report_markdown, report_text
from scfm_lint.verify.ids import Identifier
from scfm_lint.verify.record import Stats, VerifyResult

URL = "https://www.science.org/doi/10.1126/science.abc1234"
TEXT = f"# L\n\n## Papers\n\n1. [2024 Science] **A paper: on cells** [[paper]]({URL})\n"
DOI = Identifier("doi", "10.1126/science.abc1234")


def _doc():
    return parse_document(TEXT, "README.md")


def _verified(verdict: str, ident: Identifier | None = DOI) -> dict:
    [link] = _doc().links
    result = VerifyResult(URL, link.line, link.column, verdict, ident, f"{verdict} says so")
    return {(link.line, link.column, URL): result}


@pytest.mark.parametrize(
    ("page", "verify", "settled", "codes"),
    [
        ("blocked", "exists", "ok", []),
        ("unchecked", "exists", "ok", []),
        ("blocked", "title-mismatch", "ok", []),
        ("blocked", "not-found", "dead", ["SCF401"]),
        ("unchecked", "unknown", "unchecked", ["SCF405"]),
        ("ok", "not-found", "ok", []),  # a page reached is first-hand
        ("dead", "exists", "dead", ["SCF401"]),
        ("redirected", "exists", "redirected", ["SCF404"]),
    ],
)
def test_page_verdicts_settled_by_the_paper(page, verify, settled, codes) -> None:
    doc = _doc()
    results = {key_of(URL): LinkResult(key_of(URL), page, 403, message="403 Forbidden")}
    verified = _verified(verify)
    [row] = rows(doc, results, verified)
    assert row.result.verdict == settled
    assert row.page == page
    assert (row.page_verdict is not None) == (settled != page)
    data = row.to_dict()
    assert (data["verdict"], data["page_verdict"]) == (settled, page)
    assert data["verify"]["verify"] == verify
    assert [f.code for f in to_findings(doc, results, verified=verified)] == codes


def test_without_an_identifier_the_page_verdict_stands() -> None:
    doc = _doc()
    results = {key_of(URL): LinkResult(key_of(URL), "blocked", 403)}
    [row] = rows(doc, results, _verified("unknown", None))
    assert (row.result.verdict, row.page_verdict) == ("blocked", None)


def test_without_verification_rows_say_so() -> None:
    results = {key_of(URL): LinkResult(key_of(URL), "blocked", 403)}
    [row] = rows(_doc(), results)
    data = row.to_dict()
    assert (data["verdict"], data["page_verdict"], data["verify"]) == ("blocked", "blocked", None)
    out = io.StringIO()
    report_text(Report([], 1, LinkStats([row], 1, 1, 0.1)), out)
    assert "Verified" not in out.getvalue()
    out = io.StringIO()
    report_markdown(Report([], 1, LinkStats([row], 1, 1, 0.1)), out)
    assert "| page | paper |" not in out.getvalue()
    assert "paper verdict" not in out.getvalue()


def test_settled_dead_message_names_the_identifier_and_the_page() -> None:
    doc = _doc()
    results = {key_of(URL): LinkResult(key_of(URL), "blocked", 403, message="403 Forbidden")}
    [finding] = to_findings(doc, results, verified=_verified("not-found"))
    assert finding.message == (
        f"dead link: {URL} (not-found says so; the page was blocked: 403 Forbidden)"
    )


def test_text_summary_counts_paper_verdicts_and_cost() -> None:
    doc = _doc()
    results = {key_of(URL): LinkResult(key_of(URL), "blocked", 403)}
    row_list = list(rows(doc, results, _verified("exists")))
    stats = Stats(requests={"crossref": 2, "arxiv": 0}, identifiers=1, cached=0)
    out = io.StringIO()
    report_text(Report([], 1, LinkStats(row_list, 1, 1, 0.1, verify=stats)), out)
    _, summary, papers = out.getvalue().splitlines()
    assert summary.startswith("Checked 1 links in 1 file: 1 ok")
    assert papers == (
        "Verified 1 paper links by identifier: 1 exists (1 page verdicts settled;"
        " 1 identifiers, 2 requests (crossref 2), 0 from cache)."
    )
