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
