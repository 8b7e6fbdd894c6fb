"""Properties over generated lists: nothing lost, outside content untouched, idempotent."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fix.helpers import config_for, fixable, run_fix
from scfm_lint.document.model import Document
from scfm_lint.document.parse import parse_document
from scfm_lint.paperlist.venues import catalog as venue_catalog

CONFIG = config_for()
#: Generated lists are too short to show an order of their own: the sort test pins one.
NEWEST_FIRST = config_for({"config": {"conventions": {"order": "newest-first"}}})
VENUES = ["bioRxiv", "biorxiv", "BioRxiv", "arXiv", "Nature Methods", "NM", "Nat Commun"]
VENUES += ["Brief in Bioinformatics", "Nature", "Cell", "ICLR", "Some Workshop"]
OUTSIDE = [
    '<p align="center">\n  <img src="logo.png" width="200">\n</p>',
    "<!-- a comment\n1. [2020 biorxiv] **not an entry** [[paper]](https://x.org)   -->",
    "Some prose: 2. not a list, [a link](https://example.org) and *emphasis*.",
    "[ref]: https://example.org/ref  'A title'",
    "| a | b |\n| - | - |\n| 1 | 2 |",
    "A hard break at the end of this line  \nand the next line.",
    "<div>\t\n<b>html with a trailing tab</b>\n</div>",
]
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    database=None,  # no .hypothesis folder in the checkout
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def entries(draw: st.DrawFn, section: int) -> list[str]:
    out = []
    for n in range(draw(st.integers(0, 6))):
        marker = draw(st.sampled_from(["1.", "2.", "3."]))
        year = draw(st.integers(2019, 2026))
        venue = draw(st.sampled_from(VENUES))
        gap = draw(st.sampled_from([" ", " ", "\t"]))
        colon = draw(st.sampled_from([":", " :"]))
        trailing = draw(st.sampled_from(["", "", " ", "  ", "\t"]))
        title = f"Model{section}x{n}{colon} paper {section}.{n}"
        url = f"https://example.org/{section}/{n}"
        out.append(f"{marker} [{year} {venue}]{gap}**{title}** [[paper]]({url}){trailing}")
    return out


@st.composite
def documents(draw: st.DrawFn) -> str:
    blocks = ["# Papers"]
    blocks += draw(st.lists(st.sampled_from(OUTSIDE), max_size=3))
    names = [f"Section {i}" for i in range(draw(st.integers(1, 3)))]
    if draw(st.booleans()):
        listed = draw(st.permutations(names))[: draw(st.integers(1, len(names)))]
        bullet = draw(st.sampled_from(["-", "*"]))
        lines = [f"{bullet} [Catalog](#catalog)"] if draw(st.booleans()) else []
        lines += [f"{bullet} [{n}](#{n.lower().replace(' ', '-')})" for n in listed]
        blocks.append("## Catalog\n" + "\n".join(lines))
    for i, name in enumerate(names):
        blocks.append(f"## {name}")
        if draw(st.booleans()):
            level = draw(st.sampled_from(["###", "####"]))
            blocks.append(f"{level} {name} part")
        items = draw(entries(i))
        if items:
            joiner = draw(st.sampled_from(["\n", "\n\n"]))
            blocks.append(joiner.join(items))
        blocks += draw(st.lists(st.sampled_from(OUTSIDE), max_size=2))
    end = draw(st.sampled_from(["\n", ""]))
    text = "\n\n".join(blocks) + end
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


def parse(text: str) -> Document:
    return parse_document(text, "README.md", catalog_heading="Catalog")


def records(doc: Document) -> Counter[tuple[str, int | None, str | None, tuple[str, ...]]]:
    return Counter((e.title, e.year, e.venue, tuple(x.url for x in e.links)) for e in doc.entries)


def house_venues(doc: Document) -> dict[str, str]:
    """Per known venue, the list's house spelling: the accepted spelling (canonical name or
    alias) its entries use most, the canonical name on a tie or when none is used."""
    venues = venue_catalog(CONFIG)
    counts: dict[str, Counter[str]] = {}
    for e in doc.entries:
        match = venues.lookup(e.venue) if e.venue else None
        if match is not None and not match.rest and match.how in {"exact", "alias"}:
            counts.setdefault(match.venue.name, Counter())[match.written] += 1
    house = {}
    for name, spellings in counts.items():
        top = max(spellings.values())
        house[name] = name if spellings[name] == top else spellings.most_common(1)[0][0]
    return house


def expected_records(doc: Document) -> Counter[tuple[str, int | None, str | None, tuple[str, ...]]]:
    """The entries after the named changes: each venue in the list's house spelling, no space
    before the colon."""
    venues, house = venue_catalog(CONFIG), house_venues(doc)

    def spelt(venue: str | None) -> str | None:
        match = venues.lookup(venue) if venue else None
        if match is None or match.rest:
            return venue
        return house.get(match.venue.name, match.venue.name)

    return Counter(
        (
            e.title.replace(" :", ":", 1),
            e.year,
            spelt(e.venue),
            tuple(x.url for x in e.links),
        )
        for e in doc.entries
    )


def outside(doc: Document) -> list[str]:
    """Every line that is neither part of an entry nor of the Catalog's list."""
    inside: set[int] = set()
    for e in doc.entries:
        inside.update(range(e.line, e.end_line + 1))
    if doc.catalog is not None and doc.catalog.line:
        inside.update(range(doc.catalog.line, doc.catalog.end_line + 1))
    return [line for n, line in enumerate(doc.lines, 1) if n not in inside and line.strip()]


@SETTINGS
@given(documents(), st.booleans())
def test_nothing_is_lost(text: str, unsafe: bool) -> None:
    result = run_fix(text, CONFIG, unsafe)
    assert records(parse(result.text)) == expected_records(parse(text))


@SETTINGS
@given(documents(), st.booleans())
def test_content_outside_entries_is_unchanged(text: str, unsafe: bool) -> None:
    result = run_fix(text, CONFIG, unsafe)
    before, after = outside(parse(text)), outside(parse(result.text))
    if unsafe:  # an unsafe whitespace fix may strip line ends, and nothing else
        before = [line.rstrip() for line in before]
        after = [line.rstrip() for line in after]
    assert after == before


@SETTINGS
@given(documents(), st.booleans())
def test_idempotent_and_nothing_fixable_left(text: str, unsafe: bool) -> None:
    first = run_fix(text, CONFIG, unsafe)
    assert fixable(first.remaining, unsafe) == []
    again = run_fix(first.text, CONFIG, unsafe)
    assert again.text == first.text
    assert not again.applied


def _lists(doc: Document) -> list[list[Any]]:
    return [[doc.entries[i] for i in lst.entries] for lst in doc.lists]


@SETTINGS
@given(documents())
def test_unsafe_sort_is_stable_within_a_year(text: str) -> None:
    before = _lists(parse(text))
    after = _lists(parse(run_fix(text, NEWEST_FIRST, unsafe=True).text))
    assert len(before) == len(after)
    for old, new in zip(before, after, strict=True):
        want = sorted(old, key=lambda e: -(e.year or 0))
        assert [e.links[0].url for e in new] == [e.links[0].url for e in want]


@SETTINGS
@given(documents())
def test_safe_fixes_never_reorder(text: str) -> None:
    before = [e.links[0].url for e in parse(text).entries]
    after = [e.links[0].url for e in parse(run_fix(text, CONFIG).text).entries]
    assert after == before


@SETTINGS
@given(documents(), st.booleans())
def test_line_endings_are_kept(text: str, unsafe: bool) -> None:
    fixed = run_fix(text, CONFIG, unsafe).text
    if "\r\n" in text:
        assert "\n" not in fixed.replace("\r\n", "")
    else:
        assert "\r" not in fixed
