"""Golden fixtures for the paper-list rules (SCF3xx): firing and quiet cases per family."""

from __future__ import annotations

import pytest

from core.golden import TITLE, Case, read_fixture_file, rule_codes, run_case
from paperlist import FIXTURES

#: fixture file -> the rule-code prefixes its cases run with (and the codes it must cover).
FAMILIES: dict[str, list[str]] = {
    "venues.md": ["SCF30"],
    "ordering.md": ["SCF31"],
    "duplicates.md": ["SCF32"],
    "urlmatch.md": ["SCF33"],
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
    m = TITLE.match(case.title)
    assert m is not None, f"{case.file}:{case.line}: title must start 'SCF3xx fires:' or 'ok:'"
    code, verdict = m.groups()
    assert (code in case.codes()) == (verdict == "fires"), f"{case.file}:{case.line}"


@pytest.mark.parametrize(
    ("family", "code"),
    [pytest.param(n, c, id=c) for n, prefixes in FAMILIES.items() for c in rule_codes(prefixes)],
)
def test_each_rule_has_a_firing_and_a_quiet_case(family: str, code: str):
    titles = [c.title for c in read_fixture_file(FIXTURES / family)]
    assert any(t.startswith(f"{code} fires: ") for t in titles), f"no '{code} fires:' case"
    assert any(t.startswith(f"{code} ok: ") for t in titles), f"no '{code} ok:' case"
