"""The engine (rule selection, severities, pragmas, order) and the reporters."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
import io
import json

import pytest

from core.conftest import DIRTY
from scfm_lint.checks.registry import load_all
from scfm_lint.config.load import build_config, defaults, merge
from scfm_lint.document.parse import parse_document
from scfm_lint.engine.finding import Finding, Severity
from scfm_lint.engine.run import lint
from scfm_lint.errors import ConfigError
from scfm_lint.output.reporters import REPORTERS, Report, summary_line


def _lint(text: str, **over):
    doc = parse_document(text, "README.md")
    return lint(doc, merge(defaults(), over))


def _enabled(**user):
    return [r.code for r in build_config(user).selection.rules()]


def test_select_takes_prefixes_and_ignore_wins():
    assert _enabled(select=["SCF2"]) == sorted(c for c in load_all() if c.startswith("SCF2"))
    codes = _enabled(select=["scf10"], ignore=["SCF105"])
    assert codes == [f"SCF10{i}" for i in range(1, 10) if i != 5]


def test_select_and_ignore_take_rule_names_too():
    assert _enabled(select=["missing-venue", "SCF105"]) == ["SCF101", "SCF105"]
    assert "SCF231" not in _enabled(ignore=["Trailing-Whitespace"])


@pytest.mark.parametrize("key", ["select", "ignore"])
def test_a_pattern_that_matches_no_rule_is_an_error(key):
    with pytest.raises(ConfigError, match=f"key '{key}': 'SCF9' matches no rule code or name"):
        build_config({key: ["SCF9"]}, "x.yaml")
    with pytest.raises(ConfigError, match="'no-such-rule' matches no rule"):
        build_config({key: ["no-such-rule"]}, "x.yaml")


def test_network_rules_never_run_offline():
    network = [c for c, r in load_all().items() if r.network]
    text = "## Models\n1. [2024 Nature] **A** [[paper]](https://example.invalid/a)\n"
    if network:
        assert _lint(text, select=network) == []


def test_severity_override():
    findings = _lint(DIRTY, severity={"SCF101": "info", "SCF105": "error"})
    assert [(f.code, f.severity) for f in findings] == [
        ("SCF101", Severity.INFO),
        ("SCF105", Severity.ERROR),
    ]


def test_findings_come_sorted_and_carry_the_rule_identity():
    text = "## Models  \n1. [2024] **A** [[papr]](https://example.org/a)\n1. [204 X] **B**\n"
    findings = _lint(text, select=["SCF1", "SCF23"])
    assert findings == sorted(findings)
    assert [(f.line, f.column, f.code) for f in findings] == [
        (1, 10, "SCF231"),
        (2, 4, "SCF101"),
        (2, 17, "SCF105"),
        (3, 4, "SCF110"),
        (3, 5, "SCF102"),
    ]
    rules = load_all()
    assert all(f.name == rules[f.code].name and f.path == "README.md" for f in findings)


def test_pragmas_apply_inside_lint():
    text = "<!-- scfm-lint-disable SCF101 -->\n" + DIRTY
    assert [f.code for f in _lint(text, select=["SCF1"])] == ["SCF105"]


def test_findings_are_immutable_and_ordered_by_place():
    a = Finding("a.md", 2, 1, "SCF101", "missing-venue", Severity.ERROR, "m")
    b = Finding("a.md", 10, 1, "SCF101", "missing-venue", Severity.INFO, "other message")
    with pytest.raises(FrozenInstanceError):
        a.line = 3  # type: ignore[misc]
    assert sorted([b, a]) == [a, b]  # line 10 after line 2: numbers, not strings


def _findings():
    return [
        Finding("a.md", 1, 1, "SCF101", "missing-venue", Severity.ERROR, "one"),
        Finding("a.md", 2, 5, "SCF231", "trailing-whitespace", Severity.WARNING, "two"),
        Finding("a.md", 3, 1, "SCF241", "empty-section", Severity.INFO, "three"),
    ]


@pytest.mark.parametrize(
    ("findings", "files", "line"),
    [
        pytest.param([], 1, "No problems found in 1 file.", id="clean one file"),
        pytest.param([], 3, "No problems found in 3 files.", id="clean three files"),
        pytest.param(_findings()[:1], 1, "Found 1 problem (1 error) in 1 file.", id="singular"),
        pytest.param(
            _findings(),
            2,
            "Found 3 problems (1 error, 1 warning, 1 info) in 2 files.",
            id="every severity",
        ),
    ],
)
def test_summary_line(findings, files, line):
    assert summary_line(findings, files) == line


def test_text_reporter():
    out = io.StringIO()
    REPORTERS["text"](Report(_findings(), 1), out)
    assert out.getvalue().splitlines() == [
        "a.md:1:1: SCF101 one",
        "a.md:2:5: SCF231 two",
        "a.md:3:1: SCF241 three",
        "Found 3 problems (1 error, 1 warning, 1 info) in 1 file.",
    ]


def test_json_reporter_keeps_unicode_and_counts():
    out = io.StringIO()
    f = Finding("ü.md", 1, 1, "SCF101", "missing-venue", Severity.ERROR, "title — “x”")
    REPORTERS["json"](Report([f], 1), out)
    assert "title — “x”" in out.getvalue()
    payload = json.loads(out.getvalue())
    assert payload["findings"][0]["path"] == "ü.md"
    assert payload["summary"] == {"files": 1, "total": 1, "error": 1, "warning": 0, "info": 0}


def test_a_catalog_line_listed_twice_says_so():
    text = "## Catalog\n- [A](#a)\n- [B](#b)\n- [A](#a)\n\n## A\n## B\n"
    [f] = _lint(text, select=["SCF205"])
    assert (f.line, f.message) == (
        4,
        "Catalog link to 'A' is listed twice (first at line 2) (heading at line 6)",
    )
