"""`scfm-lint rules` shows `fix` for exactly the rules whose findings can carry a fix."""

from __future__ import annotations

import pytest

from fix.helpers import DATA, config_for, read_pairs
from scfm_lint.checks.registry import load_all
from scfm_lint.document.parse import parse_document
from scfm_lint.engine.run import lint


def _codes_with_fixes() -> set[str]:
    codes = {code for code, rule in load_all().items() if rule.fixer is not None}
    for path in sorted(DATA.glob("*.md")):
        for pair in read_pairs(path):
            config = config_for(pair.options)
            doc = parse_document(pair.before, "README.md", catalog_heading="Catalog")
            codes.update(f.code for f in lint(doc, config) if f.fix is not None)
    return codes


# Codes whose fix exists before their rule is registered fixable (none at present).
PENDING: set[str] = set()


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason="rule not yet registered fixable"))
        if c in PENDING
        else c
        for c in sorted(_codes_with_fixes())
    ],
)
def test_rules_that_fix_are_registered_fixable(code: str) -> None:
    assert load_all()[code].fixable


def test_a_rule_with_a_fixer_is_fixable_through_its_one_registration() -> None:
    rule = load_all()["SCF311"]
    assert rule.fixer is not None
    assert rule.fixable
