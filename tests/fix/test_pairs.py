"""Golden pairs: each input fixes to its expected text, and fixing that again is a no-op."""

from __future__ import annotations

import pytest

from fix.helpers import DATA, Pair, config_for, fixable, read_pairs, run_fix

PAIRS = [
    pytest.param(pair, id=f"{path.stem}: {pair.title}")
    for path in sorted(DATA.glob("*.md"))
    for pair in read_pairs(path)
]


@pytest.mark.parametrize("pair", PAIRS)
def test_fix(pair: Pair) -> None:
    result = run_fix(pair.before, config_for(pair.options), pair.options.get("unsafe", False))
    assert result.text == pair.after


@pytest.mark.parametrize("pair", PAIRS)
def test_fixed_text_is_stable(pair: Pair) -> None:
    unsafe = pair.options.get("unsafe", False)
    config = config_for(pair.options)
    first = run_fix(pair.before, config, unsafe)
    assert fixable(first.remaining, unsafe) == []
    again = run_fix(first.text, config, unsafe)
    assert again.text == first.text
    assert not again.applied


@pytest.mark.parametrize("pair", PAIRS)
def test_applied_counts_match_the_findings_that_went(pair: Pair) -> None:
    unsafe = pair.options.get("unsafe", False)
    result = run_fix(pair.before, config_for(pair.options), unsafe)
    if pair.before == pair.after:
        assert not result.applied
    else:
        assert sum(result.applied.values()) >= 1
    if "applied" in pair.options:
        assert dict(result.applied) == pair.options["applied"]
