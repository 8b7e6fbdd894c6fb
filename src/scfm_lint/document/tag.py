"""Split an entry's ``[...]`` tag into its parts: marker, year, venue and note."""

from __future__ import annotations

from collections.abc import Callable
import re

from scfm_lint.document.facts import Part, Span, Tag, TagForm

# Symbols before the year (``✨``, ``⭐``): neither word characters nor brackets.
_MARKER = re.compile(r"[^\w\s\[\]()]+\s*")
_DASHED = re.compile(r"(\d+)[-\u2013](?=[^\W\d])")
_NOTE = re.compile(r",|;| - | \| |\(")
_PLAIN = re.compile(r"\[(\d+) (\S(?:[^\]]*\S)?)\]")
"""The list's own form, ``[2024 Nature Methods]``: read without the general steps."""

Place = Callable[[int], tuple[int, int]]


def _part(text: str, start: int, place: Place) -> Part:
    line, column = place(start)
    return Part(text, Span(start, start + len(text), line, column))


def _note(venue: Part, place: Place) -> Part | None:
    m = _NOTE.search(venue.text)
    if m is None:
        return None
    note = venue.text[m.end() :].rstrip(")").strip()
    if not note:
        return None
    return _part(note, venue.span.start + venue.text.index(note, m.end()), place)


def read_tag(tag: str, start: int, place: Place) -> Tag:
    """The facts of ``tag`` (``[`` to ``]`` inclusive) written at offset ``start``."""
    line, column = place(start)
    span = Span(start, start + len(tag), line, column)
    plain = _PLAIN.fullmatch(tag)
    if plain is not None:
        year = Part(plain[1], Span(start + 1, start + 1 + len(plain[1]), line, column + 1))
        at = start + 2 + len(plain[1])
        venue = Part(plain[2], Span(at, at + len(plain[2]), line, column + at - start))
        return Tag(tag, span, TagForm.YEAR_VENUE, year, venue, None, _note(venue, place))
    inner = tag[1:-1]
    words = inner.split()
    if not words:
        return Tag(tag, span, TagForm.EMPTY)
    base = start + 1
    pos = len(inner) - len(inner.lstrip())
    marker = None
    m = _MARKER.match(inner, pos)
    if m is not None and inner[m.end() : m.end() + 1].isdigit():
        marker = _part(m.group().strip(), base + pos, place)
        pos = m.end()
    first = inner[pos:].split(None, 1)[0]
    if first[0].isdigit():
        dashed = _DASHED.match(first)
        year_text = dashed.group(1) if dashed else first
        year = _part(year_text, base + pos, place)
        rest_at = pos + len(year_text) + (1 if dashed else 0)
        rest = inner[rest_at:]
        venue_text = rest.strip()
        if not venue_text:
            return Tag(tag, span, TagForm.YEAR_ONLY, year, marker=marker)
        venue = _part(venue_text, base + rest_at + rest.find(venue_text), place)
        form = TagForm.YEAR_DASH_VENUE if dashed else TagForm.YEAR_VENUE
        return Tag(tag, span, form, year, venue, marker, _note(venue, place))
    last = words[-1]
    venue_text = inner.strip()
    venue_at = base + inner.find(venue_text)
    if len(words) > 1 and len(last) == 4 and last.isdigit():
        venue_text = venue_text[: -len(last)].rstrip()
        venue = _part(venue_text, venue_at, place)
        year = _part(last, base + inner.rindex(last), place)
        return Tag(tag, span, TagForm.VENUE_YEAR, year, venue, None, _note(venue, place))
    venue = _part(venue_text, venue_at, place)
    return Tag(tag, span, TagForm.VENUE_ONLY, None, venue, None, _note(venue, place))
