"""Consistency: the registry, the README and the fixtures describe the same rules."""

from __future__ import annotations

import json
from pathlib import Path
import re

import pytest

from core.golden import FIXTURES, read_fixture_file
from scfm_lint.checks.registry import load_all
from scfm_lint.config.load import build_config
from scfm_lint.document.parse import parse_document
from scfm_lint.engine.finding import Finding, Severity
from scfm_lint.output.reporters import finding_to_dict

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
RULES = load_all()
#: Codes whose firing cases live with other engineers (paper-list, network and later rules).
OWNED_ELSEWHERE = ("SCF3", "SCF4", "SCF5")


def _section(title: str) -> str:
    """The text of README.md's section headed ``title``, up to the next heading of its level."""
    text = README.read_text(encoding="utf-8")
    level = title.split(" ", 1)[0]
    m = re.search(rf"^{re.escape(title)}\n(.*?)(?=^{level} |\Z)", text, re.M | re.S)
    if m is None:
        pytest.skip(f"README.md has no '{title}' section yet")
    return m.group(1)


def _fenced(section: str, info: str) -> str:
    m = re.search(rf"^```{info}\n(.*?)^```", section, re.M | re.S)
    assert m is not None, f"no ```{info} block"
    return m.group(1)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_identity_and_explanation(code):
    r = RULES[code]
    assert re.fullmatch(r"SCF\d{3}", r.code)
    assert r.code == code
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", r.name), r.name
    assert r.summary.strip()
    assert "\n" not in r.summary
    assert isinstance(r.severity, Severity)
    for part in ("What it does", "Why is this bad?", "Example", "Fix"):
        assert part in r.explanation, f"{code}: explanation lacks {part!r}"


def test_rule_names_are_unique():
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names))


def _readme_rule_rows() -> dict[str, list[str]]:
    rows = {}
    for line in _section("## Rules").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and re.fullmatch(r"SCF\d{3}", cells[0]):
            rows[cells[0]] = cells
    return rows


@pytest.mark.parametrize("code", sorted(RULES))
def test_readme_rule_table_lists_every_rule(code):
    rows = _readme_rule_rows()
    assert code in rows, f"README.md's rule table has no row for {code}"
    r = RULES[code]
    assert rows[code][1:3] == [r.name, r.severity.label], f"README.md row for {code} is stale"


def test_readme_rule_table_lists_no_unknown_rule():
    assert set(_readme_rule_rows()) <= set(RULES)


def _fixture_codes() -> set[str]:
    codes: set[str] = set()
    for path in FIXTURES.glob("*.md"):
        for case in read_fixture_file(path):
            codes |= case.codes()
    return codes


@pytest.mark.parametrize("code", [c for c in sorted(RULES) if not c.startswith(OWNED_ELSEWHERE)])
def test_every_core_rule_fires_in_some_fixture(code):
    assert code in _fixture_codes(), f"no golden fixture expects {code}"


def test_readme_json_example_has_the_reporters_keys():
    example = json.loads(_fenced(_section("### JSON output (stable)"), "json"))
    finding = Finding("README.md", 1, 1, "SCF101", "missing-venue", Severity.ERROR, "m")
    assert example["findings"][0].keys() == finding_to_dict(finding).keys()
    assert {"version", "findings", "summary"} == example.keys()
    assert set(example["summary"]) == {"files", "total", *(s.label for s in Severity)}


def test_readme_config_example_is_valid():
    block = _fenced(_section("## Configuration"), "yaml")
    import yaml

    user = yaml.safe_load(block)
    build_config(user, "README.md")


def test_readme_pragma_spellings_are_understood():
    block = _fenced(_section("### Inline control"), "markdown")
    comments = re.findall(r"<!--.*?-->", block)
    assert len(comments) == 3
    doc = parse_document("\n\n".join(comments) + "\n", "README.md")
    assert [p.action for p in doc.pragmas] == ["disable", "enable", "disable-next-line"]
    assert all(p.codes for p in doc.pragmas)
