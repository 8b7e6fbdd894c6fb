"""Venue judgement: house spellings, severities and suggestions of SCF301 and SCF302."""

from __future__ import annotations

import pytest

from scfm_lint.config.load import defaults, merge
from scfm_lint.document.parse import parse_document
from scfm_lint.engine.finding import Severity
from scfm_lint.engine.run import lint


def findings(text: str, select: str, **config):
    cfg = merge(defaults(), {"select": [select], **config})
    return lint(parse_document(text, "README.md"), cfg)


def entries(*venues: str) -> str:
    lines = [
        f"1. [2024 {v}] **Title {i}** [[paper]](https://example.org/{i})"
        for i, v in enumerate(venues)
    ]
    return "## Models\n" + "\n".join(lines) + "\n"


def test_minority_spelling_is_told_the_house_spelling_and_fixed_to_it():
    text = entries("NIPS", "NIPS", "NeurIPS", "NIPS")
    (f,) = findings(text, "SCF301")
    assert f.line == 4
    assert f.suggestion == "NIPS"
    assert "this list writes 'NIPS' (3 entries)" in f.message
    (edit,) = f.fix.edits
    assert text[edit.start : edit.end] == "NeurIPS"
    assert edit.replacement == "NIPS"


def test_case_variant_is_fixed_to_the_house_alias():
    (f,) = findings(entries("NIPS", "NIPS", "Neurips"), "SCF301")
    assert f.message == (
        "venue 'Neurips' is a case variant of 'NeurIPS'; this list writes 'NIPS' (2 entries)"
    )
    assert f.suggestion == "NIPS"


def test_tie_goes_to_the_canonical_name():
    (f,) = findings(entries("NIPS", "NeurIPS"), "SCF301")
    assert (f.line, f.suggestion) == (2, "NeurIPS")


def test_consistent_alias_is_not_a_finding():
    assert findings(entries("Nat Methods", "Nat Methods", "NMI"), "SCF301") == []


@pytest.mark.parametrize(
    ("venue", "severity", "suggestion"),
    [
        pytest.param("XXXX", Severity.WARNING, None, id="placeholder"),
        pytest.param("TODO", Severity.WARNING, None, id="placeholder word"),
        pytest.param("Sturcture", Severity.WARNING, "Structure", id="near miss"),
        pytest.param("Nature Biotechnolgy", Severity.WARNING, "Nature Biotechnology", id="typo"),
        pytest.param("GoogleDeepMind", Severity.INFO, None, id="company"),
        pytest.param("ICCP", Severity.INFO, None, id="unknown acronym"),
        pytest.param("IJCAI-ECAI", Severity.INFO, None, id="joint conference"),
    ],
)
def test_unknown_venue_severity_and_suggestion(venue, severity, suggestion):
    (f,) = findings(entries(venue), "SCF302")
    assert (f.severity, f.suggestion) == (severity, suggestion)
    assert "MICCAI" not in f.message


@pytest.mark.parametrize(
    "venue", ["ICCV", "IJCAI", "ACS Central Science", "WACV", "Genome Research", "TKDE"]
)
def test_real_venues_are_known(venue):
    assert findings(entries(venue), "SCF302") == []


@pytest.mark.parametrize(
    ("code", "venue_year", "url", "write", "words"),
    [
        pytest.param(
            "SCF331",
            "2024 Patterns",
            "https://www.sciencedirect.com/science/article/pii/S2666389925001746",
            "2025",
            "; write 2025",
            id="year earlier than the PII",
        ),
        pytest.param(
            "SCF331",
            "2027 Nature Methods",
            "https://www.nature.com/articles/s41592-024-02202-0",
            "2025",
            "(allowed up to 2025); write 2025 if the tag is wrong",
            id="year later than the article id allows",
        ),
        pytest.param(
            "SCF332",
            "2025 Nature Methods",
            "https://www.nature.com/articles/s41587-025-02846-y",
            "Nature Biotechnology",
            "; write 'Nature Biotechnology', or link the paper at 'Nature Methods'",
            id="another journal's article",
        ),
        pytest.param(
            "SCF332",
            "2024 bioRxiv",
            "https://arxiv.org/abs/2406.01234",
            "arXiv",
            "; write 'arXiv'",
            id="another preprint server",
        ),
        pytest.param(
            "SCF333",
            "2025 Nature",
            "https://www.biorxiv.org/content/10.1101/2023.09.24.559168v1",
            "bioRxiv",
            "; write 'bioRxiv', or link the article published in Nature",
            id="journal on a preprint",
        ),
    ],
)
def test_url_rules_say_what_to_write(code, venue_year, url, write, words):
    text = f"## Models\n1. [{venue_year}] **A title** [[paper]]({url})\n"
    (f,) = findings(text, code)
    assert f.suggestion == write
    assert words in f.message


def test_publisher_mismatch_has_no_venue_to_propose():
    text = (
        "## Models\n1. [2024 Cell] **A title** [[paper]]"
        "(https://www.nature.com/articles/s41999-024-00001-1)\n"
    )
    (f,) = findings(text, "SCF332")
    assert f.suggestion is None
    assert "write" not in f.message
