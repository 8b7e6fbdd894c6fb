"""Golden fixtures: every rule family fires where it should and stays quiet where it should."""

from __future__ import annotations

import pytest

from core.golden import FIXTURES, TITLE, Case, read_fixture_file, rule_codes, run_case

#: fixture file -> the rule-code prefixes its cases run with (and the codes it must cover).
FAMILIES: dict[str, list[str]] = {
    "entry_format.md": ["SCF1"],
    "catalog.md": ["SCF20"],
    "references.md": ["SCF21"],
    "layout.md": ["SCF22", "SCF24"],
    "whitespace.md": ["SCF23"],
    "linkforms.md": ["SCF25"],
    # Pragmas and traps run every core rule: a trap must not trip any of them.
    "pragmas.md": ["SCF1", "SCF2"],
    "traps.md": ["SCF1", "SCF2"],
}

CASES = [(name, case) for name in FAMILIES for case in read_fixture_file(FIXTURES / name)]


def test_every_fixture_file_is_run():
    assert sorted(p.name for p in FIXTURES.glob("*.md")) == sorted(FAMILIES)


@pytest.mark.parametrize(
    ("family", "case"), [pytest.param(n, c, id=f"{n[:-3]}: {c.id}") for n, c in CASES]
)
def test_golden(family: str, case: Case, tmp_path):
    assert run_case(case, FAMILIES[family], tmp_path) == list(case.expected), (
        f"{case.file}:{case.line}: {case.title}"
    )


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for _, c in CASES])
def test_case_title_tells_the_truth(case: Case):
    """A case titled ``CODE fires:`` expects CODE; one titled ``CODE ok:`` must not."""
    m = TITLE.match(case.title)
    if m is None:
        return
    code, verdict = m.groups()
    assert (code in case.codes()) == (verdict == "fires"), f"{case.file}:{case.line}"


@pytest.mark.parametrize(
    ("family", "code"),
    [
        pytest.param(name, code, id=code)
        for name, prefixes in FAMILIES.items()
        if name not in ("pragmas.md", "traps.md")
        for code in rule_codes(prefixes)
    ],
)
def test_family_file_has_firing_and_quiet_case_for_each_rule(family: str, code: str):
    titles = [c.title for c in read_fixture_file(FIXTURES / family)]
    assert any(t.startswith(f"{code} fires: ") for t in titles), f"no '{code} fires:' case"
    assert any(t.startswith(f"{code} ok: ") for t in titles), f"no '{code} ok:' case"
