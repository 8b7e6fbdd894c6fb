"""Where the new entry goes: the section asked for, its list, its year's place, the edits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
import difflib

from scfm_lint.document.model import Document, Entry, Heading
from scfm_lint.engine.finding import Edit
from scfm_lint.errors import UsageError
from scfm_lint.util.textedit import line_ending, span_of_lines

#: Learned order -> the direction entries run in.


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _closest(doc: Document, wanted: str) -> str:
    names = [h.text for h in doc.headings]
    by_norm = {_norm(n): n for n in names}
    close = difflib.get_close_matches(_norm(wanted), list(by_norm), n=5, cutoff=0.4)
    inside = [n for k, n in by_norm.items() if _norm(wanted) in k and k not in close]
    picked = [by_norm[c] for c in close] + inside
    return ", ".join(repr(n) for n in picked[:5]) or "none close"


def find_section(doc: Document, wanted: str) -> Heading:
    """The one heading whose text is ``wanted`` (case and spacing ignored); a heading's
    anchor (``#scrna-seq``) also names it."""
    norm = _norm(wanted)
    found = [h for h in doc.headings if _norm(h.text) == norm or h.anchor == norm.removeprefix("#")]
    if len(found) == 1:
        return found[0]
    if found:
        where = ", ".join(f"line {h.line}" for h in found)
        raise UsageError(f"section {wanted!r} is ambiguous: {len(found)} headings ({where})")
    raise UsageError(f"no section {wanted!r}; closest headings: {_closest(doc, wanted)}")


def section_list(doc: Document, heading: Heading) -> list[Entry]:
    """The entries of the section's first list written in the entry format."""
    for info in doc.lists:
        members = [doc.entries[i] for i in info.entries]
        if info.tagged and members and members[0].section == heading.index:
            return members
    below = [h.text for h in doc.headings if h.parent == heading.index]
    hint = f"; its subsections: {', '.join(map(repr, below))}" if below else ""
    raise UsageError(f"section {heading.text!r} (line {heading.line}) has no list of entries{hint}")


def position(entries: Sequence[Entry], year: int | None, mode: str) -> int:
    """Index in ``entries`` before which the new entry goes.

    The place that puts the fewest dated entries on the wrong side of the new one, so a
    list already out of order gets no new disorder. Among its year's entries the new one is
    the newest: first in a newest-first list, last in an oldest-first one; the entries
    already there keep their order (stable)."""
    if year is None or mode not in ("ascending", "descending"):
        return len(entries)
    sign = 1 if mode == "descending" else -1
    # wrong_before[i]: entries before slot i that belong after the new one; wrong_after[i]:
    # entries from slot i on that belong before it.
    wrong_before = [0]
    for e in entries:
        wrong_before.append(wrong_before[-1] + (e.year is not None and sign * (e.year - year) < 0))
    wrong_after = [0] * (len(entries) + 1)
    for i in range(len(entries) - 1, -1, -1):
        e = entries[i]
        wrong_after[i] = wrong_after[i + 1] + (e.year is not None and sign * (e.year - year) > 0)
    costs = [b + a for b, a in zip(wrong_before, wrong_after, strict=True)]
    best = min(costs)
    ties = [i for i, c in enumerate(costs) if c == best]
    if mode == "descending":
        beside = [i for i in ties if i < len(entries) and entries[i].year == year]
        return min(beside or ties)
    beside = [i for i in ties if i and entries[i - 1].year == year]
    return max(beside or ties)


@dataclass(frozen=True, slots=True)
class Insertion:
    """The edits that add the entry, and the line it lands on."""

    edits: tuple[Edit, ...]
    line: int


def _marker(entry: Entry, number: int) -> str:
    return f"{number}{entry.marker[-1]}"


def insertion(
    doc: Document, entries: Sequence[Entry], at: int, body: str, sequential: bool
) -> Insertion:
    """Write ``body`` as a list item before ``entries[at]`` (after the last when ``at`` is
    the length), renumbering the items after it when the list counts up."""
    eol = line_ending(doc.text)
    model = entries[at] if at < len(entries) else entries[-1]
    indent = doc.lines[model.line - 1][: model.column - 1]
    ordered = model.number is not None
    edits: list[Edit] = []
    if ordered and sequential:
        number = entries[at].number if at < len(entries) else (entries[-1].number or 0) + 1
        marker = _marker(model, number or 1)
        for e in entries[at:]:
            if e.number is None:
                continue
            start = doc.offset(e.line, e.column)
            edits.append(Edit(start, start + len(e.marker), _marker(e, e.number + 1)))
    elif ordered:
        marker = _marker(model, 1)
    else:
        marker = model.marker
    text = f"{indent}{marker} {body}"
    if at < len(entries):
        start = doc.offset(entries[at].line, 1)
        edits.insert(0, Edit(start, start, text + eol))
        line = entries[at].line
    else:
        last = entries[-1]
        _, end = span_of_lines(doc, last.line, last.end_line)
        edits.insert(0, Edit(end, end, eol + text))
        line = doc.text.count("\n", 0, end) + 2
    return Insertion(tuple(edits), line)
