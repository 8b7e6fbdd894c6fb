"""Verdict rules on their own (pure), and the tables that must agree with each other."""

from __future__ import annotations

import pytest

from scfm_lint.checks.verify_rules import CODES, SEVERITY
from scfm_lint.config.load import defaults
from scfm_lint.document.parse import parse_document
from scfm_lint.engine.changes import keep_changed_links
from scfm_lint.verify.core import entry_links
from scfm_lint.verify.ids import SERVICE_OF, Identifier
from scfm_lint.verify.judge import Listed, judge
from scfm_lint.verify.record import VERDICTS, Lookup, Paper
from scfm_lint.verify.settings import SERVICES

DOI = Identifier("doi", "10.1/x")
JOURNAL = Paper(DOI, "A paper", (2024, 2025), "Nature Methods", "Nat Methods")
RXIV = Identifier("biorxiv", "10.1101/2023.01.01.000001")
PREPRINT = Paper(RXIV, "A paper", (2023,), "bioRxiv", preprint=True, kind="posted-content")


@pytest.mark.parametrize(
    ("listed", "lookup", "verdict"),
    [
        (Listed("A paper", 2024, "Nature Methods"), None, "unknown"),
        (Listed("A paper", 2024, "Nature Methods"), Lookup(DOI, reason="HTTP 503"), "unknown"),
        (Listed("A paper", 2024, "Nature Methods"), Lookup(DOI, missing=True), "not-found"),
        (Listed("A paper", 2025, "Nat Methods"), Lookup(DOI, JOURNAL), "exists"),
        (
            Listed("Another paper entirely", 2024, "Nature Methods"),
            Lookup(DOI, JOURNAL),
            "title-mismatch",
        ),
        (Listed("A paper", 2020, "Nature", primary=False), Lookup(DOI, JOURNAL), "exists"),
        (Listed("A paper", 2023, "Nature Methods"), Lookup(DOI, JOURNAL), "year-mismatch"),
        (Listed("A paper", 2024, "arXiv"), Lookup(DOI, JOURNAL), "venue-mismatch"),
        (Listed("A paper", 2024, None), Lookup(DOI, JOURNAL), "exists"),
        (Listed("A paper", None, None), Lookup(RXIV, PREPRINT), "exists"),
        (Listed("A paper", 2023, "ICML"), Lookup(RXIV, PREPRINT), "exists"),
        (Listed("A paper", 2023, "arXiv"), Lookup(RXIV, PREPRINT), "venue-mismatch"),
    ],
)
def test_verdicts(listed: Listed, lookup: Lookup | None, verdict: str) -> None:
    assert judge(listed, lookup).verdict == verdict


def test_unknown_says_why() -> None:
    assert "HTTP 503" in judge(Listed("A", 1, None), Lookup(DOI, reason="HTTP 503")).message


def test_every_reported_verdict_has_a_code_and_severity() -> None:
    reported = set(VERDICTS) - {"exists"}
    assert set(CODES) == reported
    assert set(SEVERITY) == reported
    assert len({code for code, _ in CODES.values()}) == len(CODES)


def test_every_service_has_its_settings() -> None:
    section = defaults()["verify"]
    assert set(SERVICE_OF.values()) == set(SERVICES)
    for service in SERVICES:
        assert section[service].startswith("https://")
        assert service in section["concurrency"]
        assert service in section["delay"]


def test_entry_links_pairs_each_link_with_its_entry() -> None:
    text = (
        "# List\n\n## Papers\n\n"
        "1. [2024 Nature Methods] **scGPT: x** [[paper]](https://doi.org/10.1/a) · "
        "[[code]](https://github.com/x/y)\n"
        "2. [2023 arXiv] **Tabula: y** [[paper]](https://arxiv.org/abs/2306.04371)\n"
    )
    doc = parse_document(text, "README.md")
    pairs = entry_links(doc)
    assert [(e.title, link.url, link.line) for e, link in pairs] == [
        ("scGPT: x", "https://doi.org/10.1/a", 5),
        ("scGPT: x", "https://github.com/x/y", 5),
        ("Tabula: y", "https://arxiv.org/abs/2306.04371", 6),
    ]


def test_entry_links_only_those_the_document_still_lists() -> None:
    text = (
        "# List\n\n## Papers\n\n"
        "1. [2024 Nature Methods] **scGPT: x** [[paper]](https://doi.org/10.1/a)\n"
        "2. [2023 arXiv] **Tabula: y** [[paper]](https://arxiv.org/abs/2306.04371)\n"
    )
    doc = parse_document(text, "README.md")
    narrowed = keep_changed_links(doc, {6}, None)  # as ``links --changed-since`` does
    assert [link.url for _, link in entry_links(narrowed)] == ["https://arxiv.org/abs/2306.04371"]
