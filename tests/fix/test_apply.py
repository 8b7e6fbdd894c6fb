"""Choosing the edits of one pass: overlaps wait, shared fixes count once per finding."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
import pytest

from fix.helpers import config_for
from scfm_lint.document.parse import parse_document
from scfm_lint.engine.finding import Edit, Finding, Fix, Severity
from scfm_lint.fixing.apply import apply_edits, fix_document, select


def finding(code: str, line: int, fix: Fix | None) -> Finding:
    return Finding("README.md", line, 1, code, "x", Severity.WARNING, "m", fix)


def edit_fix(start: int, end: int, text: str, safe: bool = True) -> Fix:
    return Fix((Edit(start, end, text),), "d", safe)


@pytest.mark.parametrize(
    ("first", "second", "both"),
    [
        pytest.param((0, 2), (2, 4), True, id="touching replacements"),
        pytest.param((0, 3), (2, 4), False, id="overlapping replacements"),
        pytest.param((2, 2), (2, 4), False, id="insertion at a replacement's start"),
        pytest.param((0, 2), (2, 2), False, id="insertion at a replacement's end"),
        pytest.param((1, 1), (1, 1), False, id="two insertions at one place"),
        pytest.param((0, 1), (3, 3), True, id="apart"),
        pytest.param((0, 6), (2, 3), False, id="one inside the other"),
    ],
)
def test_overlapping_edits_wait_for_the_next_pass(
    first: tuple[int, int], second: tuple[int, int], both: bool
) -> None:
    a = finding("SCF231", 1, edit_fix(*first, "A"))
    b = finding("SCF232", 2, edit_fix(*second, "B"))
    edits, credit = select([a, b], unsafe=False)
    assert len(edits) == (2 if both else 1)
    assert credit == ({"SCF231": 1, "SCF232": 1} if both else {"SCF231": 1})


def test_a_shared_fix_is_applied_once_and_credited_to_each_finding() -> None:
    shared = edit_fix(0, 3, "new")
    edits, credit = select(
        [finding("SCF201", 1, shared), finding("SCF203", 2, shared), finding("SCF201", 3, shared)],
        unsafe=False,
    )
    assert edits == list(shared.edits)
    assert credit == {"SCF201": 2, "SCF203": 1}


def test_unsafe_fixes_need_the_flag() -> None:
    risky = finding("SCF311", 1, edit_fix(0, 1, "x", safe=False))
    assert select([risky], unsafe=False) == ([], {})
    assert select([risky], unsafe=True)[1] == {"SCF311": 1}


def test_apply_edits_in_any_order() -> None:
    edits = [Edit(4, 5, "E"), Edit(0, 0, ">"), Edit(1, 2, "")]
    assert apply_edits("abcdef", edits) == ">acdEf"
    with pytest.raises(ValueError, match="overlaps"):
        apply_edits("abcdef", [Edit(0, 3, ""), Edit(2, 4, "")])


def test_a_fix_that_keeps_coming_back_stops_at_the_pass_limit() -> None:
    text = "# P\n\n## M\n\n2. [2024 Nature] **T** [[paper]](https://example.org/a)\n"
    config = config_for()
    doc = parse_document(text, "README.md")
    # An edit that changes the text but never the finding: a bad rule must not hang --fix.
    stubborn = finding("SCF221", 5, edit_fix(0, 1, "# "))
    result = fix_document(doc, config, [stubborn], max_passes=1)
    assert result.passes == 1
    assert result.text.startswith("#  P")
    assert any(f.code == "SCF221" for f in result.remaining)


def test_nothing_to_fix_returns_the_findings_given() -> None:
    text = "# P\n\n## M\n\n1. [2024 Nature] **T** [[paper]](https://example.org/a)\n"
    doc = parse_document(text, "README.md")
    given = [finding("SCF101", 5, None)]
    result = fix_document(doc, config_for(), given)
    assert result.text == text
    assert result.remaining == tuple(given)
    assert result.passes == 0


@settings(database=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 5), st.text("xy", max_size=3))))
def test_selected_edits_never_overlap(raw: list[tuple[int, int, str]]) -> None:
    fixes = [finding("SCF231", i + 1, edit_fix(s, s + n, t)) for i, (s, n, t) in enumerate(raw)]
    edits, credit = select(fixes, unsafe=False)
    spans = sorted((e.start, e.end) for e in edits)
    for (a0, a1), (b0, b1) in itertools.pairwise(spans):
        assert a1 <= b0
        assert not a0 == a1 == b0  # an insertion touching the next edit
        assert not b0 == b1 == a1
    assert sum(credit.values()) >= len(edits)
    apply_edits("z" * 40, edits)  # raises on an overlap


def test_a_fix_outside_the_text_is_skipped() -> None:
    wild = finding("SCF231", 1, edit_fix(5, 99, ""))
    assert select([wild], unsafe=False, size=10) == ([], {})
