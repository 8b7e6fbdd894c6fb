"""Numbering per list, year order per section and entry format per section, learned."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import pairwise

from scfm_lint.conventions.model import CONFIG, DEFAULT, DOCUMENT, LEARNED, Convention
from scfm_lint.conventions.pins import Pins
from scfm_lint.conventions.shape import entry_like
from scfm_lint.conventions.vote import MAJORITY, ORDER_MAJORITY, decide, tally, winner
from scfm_lint.document.model import Document, Entry

DEFAULT_NUMBERING = "one"
#: With no evident order anywhere there is nothing to judge.
DEFAULT_ORDER = "none"


#: Problems that mean an item is not written in the entry format at all.
def numbering_votes(numbers: Sequence[int | None]) -> Iterator[str]:
    """For each item after the first: ``one`` (it is 1), ``sequential`` (previous + 1)."""
    for prev, n in pairwise(numbers):
        if n == 1:
            yield "one"
        elif prev is not None and n is not None and n == prev + 1:
            yield "sequential"


def order_votes(years: Sequence[int]) -> Iterator[str]:
    """For each adjacent pair of dated entries: ``newest-first`` or ``oldest-first``."""
    for a, b in pairwise(years):
        if a > b:
            yield "newest-first"
        elif a < b:
            yield "oldest-first"


def _pinned(pins: Pins, section: int | None, name: str) -> str | None:
    if section is not None and name in pins.sections.get(section, {}):
        return pins.sections[section][name]
    return pins.words.get(name)


def _list_numbers(doc: Document, entries: Sequence[int]) -> list[int | None]:
    return [doc.entries[i].number for i in entries]


def numbering(doc: Document, pins: Pins) -> tuple[Convention[str], list[Convention[str]]]:
    """The document's numbering and each ordered list's.

    A list takes its own clear majority, else the document's, else its own unanimous votes
    (a short list numbered ``1. 2.`` in a document that says nothing), else the default.
    """
    ordered = [lst for lst in doc.lists if lst.ordered and lst.entries]
    pooled = [v for lst in ordered for v in numbering_votes(_list_numbers(doc, lst.entries))]
    whole = decide("numbering", pooled, pins.words.get("numbering"), DEFAULT_NUMBERING)
    out = []
    for lst in ordered:
        section = doc.entries[lst.entries[0]].section
        evidence = tally(numbering_votes(_list_numbers(doc, lst.entries)))
        pinned = _pinned(pins, section, "numbering")
        own = winner(evidence)
        if pinned is not None:
            value, source = pinned, CONFIG
        elif own is not None:
            value, source = own, LEARNED
        elif whole.source != DEFAULT:
            value, source = whole.value, DOCUMENT
        elif len(evidence) == 1:
            value, source = evidence[0][0], LEARNED
        else:
            value, source = DEFAULT_NUMBERING, DEFAULT
        title = doc.section_title(section)
        out.append(
            Convention("numbering", value, source, evidence, "list", lst.list_id, lst.line, title)
        )
    return whole, out


def _sections(doc: Document) -> dict[int, list[list[Entry]]]:
    """Each section's lists of entries (key -1: before any heading), in document order."""
    lists: dict[int, list[Entry]] = {}
    for e in doc.entries:
        lists.setdefault(e.list_id, []).append(e)
    out: dict[int, list[list[Entry]]] = {}
    for members in lists.values():
        section = members[0].section
        out.setdefault(-1 if section is None else section, []).append(members)
    return out


def _heading_line(doc: Document, key: int) -> tuple[int, str]:
    if key < 0:
        return 0, doc.section_title(None)
    return doc.headings[key].line, doc.headings[key].text


def order(doc: Document, pins: Pins) -> tuple[Convention[str], list[Convention[str]]]:
    """The document's year order and each section's, from adjacent pairs within its lists.

    The document's order needs :data:`ORDER_MAJORITY` of its pairs. A section keeps the
    document's order unless its own pairs show a clear majority (:data:`MAJORITY`): a few
    misplaced entries in a small section are defects, not a new convention. With no
    document order, a section whose few pairs all agree keeps their order.
    """
    sections = _sections(doc)
    votes = {
        key: [v for members in lists for v in order_votes(_years(members))]
        for key, lists in sections.items()
    }
    pooled = tally(v for vs in votes.values() for v in vs)
    pinned = pins.words.get("order")
    clear = winner(pooled, majority=ORDER_MAJORITY)
    if pinned is not None:
        whole = Convention("order", pinned, CONFIG, pooled)
    elif clear is not None:
        whole = Convention("order", clear, LEARNED, pooled)
    else:
        whole = Convention("order", DEFAULT_ORDER, DEFAULT, pooled)
    out = []
    for key, vs in votes.items():
        evidence = tally(vs)
        pinned = _pinned(pins, None if key < 0 else key, "order")
        own = winner(evidence)
        if pinned is not None:
            value, source = pinned, CONFIG
        elif own is not None:
            value, source = own, LEARNED
        elif whole.source != DEFAULT:
            value, source = whole.value, DOCUMENT
        elif len(evidence) == 1:
            # A short section whose few pairs all agree (2025, 2024, 2022) is in that order;
            # the year-order rule finds nothing there, but `add` places by it.
            value, source = evidence[0][0], LEARNED
        else:
            value, source = whole.value, DEFAULT
        line, title = _heading_line(doc, key)
        out.append(Convention("order", value, source, evidence, "section", key, line, title))
    return whole, out


def _years(members: Sequence[Entry]) -> list[int]:
    return [e.year for e in members if e.year is not None]


def formats(doc: Document) -> list[Convention[str]]:
    """Per section: ``entries`` unless nearly all of its items are not entry-like at all."""
    out = []
    for key, lists in _sections(doc).items():
        shapes = ["entries" if entry_like(e) else "other" for members in lists for e in members]
        evidence = tally(shapes)
        value = "other" if dict(evidence).get("other", 0) >= MAJORITY * len(shapes) else "entries"
        line, title = _heading_line(doc, key)
        out.append(Convention("format", value, LEARNED, evidence, "section", key, line, title))
    return out
