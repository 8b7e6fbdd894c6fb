"""The rewrite of preprints published since, on parsed lists: tag shape, notes, order
modes, numbering, and the entries it must leave alone. No network: verdicts are given."""

from __future__ import annotations

from typing import Any

import pytest

from scfm_lint.config.load import as_config, defaults, merge
from scfm_lint.document.parse import parse_document
from scfm_lint.fixing.apply import apply_edits
from scfm_lint.links.fixes import published_fix
from scfm_lint.verify.record import VerifyResult

URL = "https://doi.org/10.1038/s41592-025-00001-x"


def _fixed(
    text: str, lines: list[int], tag: tuple[int, str] = (2025, "Nature Methods"), **config: Any
) -> str | None:
    doc = parse_document(text, "README.md")
    results = []
    for line in lines:
        [entry] = [e for e in doc.entries if e.line == line]
        link = entry.links[0]
        results.append(
            VerifyResult(
                link.url,
                link.line,
                link.column,
                "published",
                None,
                published_url=URL,
                published_tag=tag,
            )
        )
    fix = published_fix(doc, as_config(merge(defaults(), config)), results)
    if fix is None:
        return None
    assert not fix.safe
    after = apply_edits(text, fix.edits)
    assert len(parse_document(after, "README.md").entries) == len(doc.entries)
    return after


def _list(*items: str) -> str:
    return "# P\n\n## Models\n\n" + "\n".join(items) + "\n"


PRE = "[2023 bioRxiv] **Pre** [[paper]](https://www.biorxiv.org/content/10.1101/2023.01.01.1)"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        pytest.param(
            ["1. [2025 Cell] **A** [[paper]](https://x.org/a)", f"1. {PRE}"],
            ["1. [2025 Cell] **A**", f"1. [2025 Nature Methods] **Pre** [[paper]]({URL})"],
            id="newest-first-stays-after-same-year",
        ),
        pytest.param(
            [
                "1. [2025 Cell] **A** [[paper]](https://x.org/a)",
                "2. [2024 Cell] **B** [[paper]](https://x.org/b)",
                f"3. {PRE}",
            ],
            [
                "1. [2025 Cell] **A**",
                f"2. [2025 Nature Methods] **Pre** [[paper]]({URL})",
                "3. [2024 Cell] **B**",
            ],
            id="sequential-numbers-keep-counting",
        ),
        pytest.param(
            [
                f"- {PRE}",
                "- [2024 Cell] **B** [[paper]](https://x.org/b)",
                "- [2026 Cell] **C** [[paper]](https://x.org/c)",
            ],
            [
                "- [2024 Cell] **B**",
                f"- [2025 Nature Methods] **Pre** [[paper]]({URL})",
                "- [2026 Cell] **C**",
            ],
            id="ascending",
        ),
        pytest.param(
            [
                "1. [2024 Cell] **B** [[paper]](https://x.org/b)",
                f"1. {PRE.replace('bioRxiv]', 'bioRxiv, oral]')}",
            ],
            [
                f"1. [2025 Nature Methods, oral] **Pre** [[paper]]({URL})",
                "1. [2024 Cell] **B**",
            ],
            id="note-kept",
        ),
    ],
)
def test_rewrite_and_place(items: list[str], expected: list[str]) -> None:
    text = _list(*items)
    line = 5 + next(n for n, item in enumerate(items) if "**Pre**" in item)
    mode = "oldest-first" if items[0].startswith("- ") else "newest-first"
    after = _fixed(text, [line], conventions={"order": mode})
    assert after is not None
    body = after.splitlines()[4:]
    assert len(body) == len(expected)
    for got, want in zip(body, expected, strict=True):
        assert got.startswith(want), (got, want)


def test_order_off_rewrites_in_place() -> None:
    items = [
        "1. [2025 Cell] **A** [[paper]](https://x.org/a)",
        "1. [2024 Cell] **B** [[paper]](https://x.org/b)",
        f"1. {PRE}",
    ]
    after = _fixed(_list(*items), [7], conventions={"order": "none"})
    assert after is not None
    assert after.splitlines()[6].startswith("1. [2025 Nature Methods] **Pre**")


@pytest.mark.parametrize(
    "item",
    [
        "1. [bioRxiv] **Pre** [[paper]](https://www.biorxiv.org/content/10.1101/2023.01.01.1)",
        "1. [2023] **Pre** [[paper]](https://www.biorxiv.org/content/10.1101/2023.01.01.1)",
    ],
    ids=["no-year", "no-venue"],
)
def test_a_tag_without_year_or_venue_is_left_alone(item: str) -> None:
    assert _fixed(_list(item), [5]) is None


def test_a_multi_line_entry_moves_whole() -> None:
    items = [
        "1. [2025 Cell] **A** [[paper]](https://x.org/a)",
        "1. [2024 Cell] **B** [[paper]](https://x.org/b)",
        f"1. {PRE}\n   a note on a second line",
    ]
    after = _fixed(_list(*items), [7])
    assert after is not None
    assert after.splitlines()[4:] == [
        "1. [2025 Cell] **A** [[paper]](https://x.org/a)",
        f"1. [2025 Nature Methods] **Pre** [[paper]]({URL})",
        "   a note on a second line",
        "1. [2024 Cell] **B** [[paper]](https://x.org/b)",
    ]


def test_an_ordering_setting_naming_no_heading_only_stops_the_move() -> None:
    items = [
        "1. [2025 Cell] **A** [[paper]](https://x.org/a)",
        "1. [2024 Cell] **B** [[paper]](https://x.org/b)",
        f"1. {PRE}",
    ]
    pin = {"sections": {"No such heading": {"order": "oldest-first"}}}
    after = _fixed(_list(*items), [7], conventions=pin)
    assert after is not None
    assert after.splitlines()[6].startswith("1. [2025 Nature Methods] **Pre**")


def test_the_new_venue_is_spelt_as_the_list_spells_it():
    """The service says NeurIPS; a list that writes the alias NIPS throughout keeps it."""
    text = _list(
        "1. [2024 NIPS] **A** [[paper]](https://x.org/a)",
        "1. [2024 NIPS] **B** [[paper]](https://x.org/b)",
        f"1. {PRE}",
    )
    after = _fixed(text, [7], tag=(2025, "NeurIPS"))
    assert after is not None
    assert f"[2025 NIPS] **Pre** [[paper]]({URL})" in after
