"""List numbering and year order, each judged against the list's own learned convention."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from scfm_lint.checks.registry import Context, Hit, rule
from scfm_lint.conventions import conventions_of, learn
from scfm_lint.document.model import Document, Entry, ListInfo
from scfm_lint.engine.finding import Edit, Finding, Fix, Severity
from scfm_lint.util.sequences import longest_ordered
from scfm_lint.util.textedit import span_of_lines

if TYPE_CHECKING:
    from scfm_lint.config.model import Config

#: Year orders a section may follow; ``none`` (no evident order) is never judged.
NEWEST, OLDEST = "newest-first", "oldest-first"


def section_modes(doc: Document, config: Config) -> list[str]:
    """Per heading, then for the entries before any heading (index -1): the year order
    SCF311 judges by, as ``descending``, ``ascending`` or ``off`` (for fixes that move
    entries)."""
    conventions = learn(doc, config)
    return [
        *(conventions.direction_of(h.index) for h in doc.headings),
        conventions.direction_of(None),
    ]


def _renumber(doc: Document, items: Sequence[Entry], first: int, delim: str) -> Fix | None:
    edits = []
    for n, e in enumerate(items, first):
        want = f"{n}{delim}"
        if e.marker != want:
            start = doc.offset(e.line, e.column)
            edits.append(Edit(start, start + len(e.marker), want))
    if not edits:
        return None
    what = f"renumber to {first}{delim}" if len(items) == 1 else f"renumber from {first}{delim}"
    return Fix(tuple(edits), what)


def number_breaks(doc: Document, lst: ListInfo, style: str, base: int) -> Iterator[Hit]:
    """One hit per break in a list's numbering; after a break, items count on from it."""
    items = [doc.entries[i] for i in lst.entries]
    delim = items[0].marker[-1:]
    expected = base
    for pos, e in enumerate(items):
        want = 1 if style == "one" else expected
        if e.marker == f"{want}{delim}":
            expected = want + 1
            continue
        if style == "one":
            fix = _renumber(doc, [e], 1, delim)
            message = f"list marker {e.marker!r} should be '1{delim}'"
        else:
            fix = _renumber(doc, items[pos:], want, delim)
            message = f"list marker {e.marker!r} should be '{want}{delim}' (the list counts up)"
            expected = (e.number if e.number is not None else want) + 1
        yield Hit(e.line, e.column, message, fix=fix)


@rule(
    "SCF221",
    "list-numbering",
    Severity.WARNING,
    "a list marker breaks the list's numbering",
    """
What it does: judges the markers of every ordered list of entries against the list's own
numbering, learned from it: `one` (every item is `1.`, so adding a paper never renumbers
the others) or `sequential` (`1.`, `2.`, `3.` ..., restarting with each list). A list
follows the style that at least 80% of its items agree with; a list with too little
evidence takes the document's. `conventions.numbering` (or `conventions.sections:
{Heading: {numbering: ...}}`) pins it and always wins. In a `one` list every other marker
is a finding; in a `sequential` list each break (a gap, a repeat, a restart) is one
finding, and the items after it are judged counting on from the break, never a cascade.
Why is this bad? Mixed markers (`1.` `1.` `2.` `3.` `1.`) are the trace of copy-paste and make
diffs noisy; the rendered numbers are right either way, the source is not.
Example: `2. [2026 arXiv] ...` in a list where every other item is `1.`; `4.` after `2.`
in a list numbered `1. 2. 3.`.
Fix: `--fix` rewrites the marker (in a sequential list, the break and the items after it).
""",
    fixable=True,
)
def numbering(ctx: Context) -> Iterator[Hit]:
    doc = ctx.doc
    conventions = conventions_of(ctx)
    last_number: dict[int | None, int] = {}
    for lst in doc.lists:
        if not lst.ordered or not lst.entries:
            continue
        style = conventions.numbering_of(lst.list_id).value
        first = doc.entries[lst.entries[0]]
        # An HTML comment (a pragma) between items splits a list in two; a second part that
        # carries on the numbering renders correctly and must not be renumbered from 1.
        previous = last_number.get(first.section)
        carries_on = previous is not None and first.number == previous + 1
        base = first.number if style != "one" and carries_on and first.number else 1
        last = doc.entries[lst.entries[-1]].number
        last_number[first.section] = last if last is not None else base + len(lst.entries) - 1
        yield from number_breaks(doc, lst, style, base)


def kept_indexes(keys: Sequence[int]) -> list[int]:
    """Positions of one longest non-decreasing subsequence of ``keys`` (O(n log n))."""
    return longest_ordered(keys)


def _short(entry: Entry) -> str:
    title = entry.title if len(entry.title) <= 50 else entry.title[:47].rstrip() + "..."
    return f"{entry.year} {title!r}" if title else str(entry.year)


def misplaced(entries: Sequence[Entry], mode: str) -> Iterator[Hit]:
    """One hit for each entry outside the longest run in order, saying where it belongs."""
    dated = [e for e in entries if e.year is not None]
    sign = -1 if mode == NEWEST else 1
    keys = [sign * (e.year or 0) for e in dated]
    # Scanning from the end makes ties keep the earlier entries, so the entry that jumped
    # ahead of its neighbours is the one reported.
    n = len(keys)
    kept = [n - 1 - p for p in reversed(kept_indexes([-k for k in reversed(keys)]))]
    kept_set = set(kept)
    kept_keys = [keys[i] for i in kept]
    word = mode.replace("-", " ")
    for i, entry in enumerate(dated):
        if i in kept_set:
            continue
        at = bisect_right(kept_keys, keys[i])
        if at:
            anchor = dated[kept[at - 1]]
            where = f"move it after line {anchor.line} ({_short(anchor)})"
        else:
            anchor = dated[kept[0]]
            where = f"move it before line {anchor.line} ({_short(anchor)})"
        yield Hit(
            entry.line,
            entry.tag_column or entry.column,
            f"{entry.year} is out of year order ({word}): {where}",
            related_line=anchor.line,
        )


def sort_fix(doc: Document, entries: Sequence[Entry], mode: str) -> Fix | None:
    """Move the dated entries of one list into year order; undated ones stay where they are.

    Each dated entry's block (its lines, without trailing blank lines) is written into the
    slot of the entry that sorts there, so blank lines and comments between items stay put.
    """
    dated = [e for e in entries if e.year is not None]
    sign = -1 if mode == NEWEST else 1
    order = sorted(dated, key=lambda e: sign * (e.year or 0))
    edits = []
    for slot, entry in zip(dated, order, strict=True):
        if slot is entry:
            continue
        start, end = span_of_lines(doc, slot.line, slot.end_line)
        src_start, src_end = span_of_lines(doc, entry.line, entry.end_line)
        edits.append(Edit(start, end, doc.text[src_start:src_end]))
    if not edits:
        return None
    return Fix(tuple(edits), f"sort {len(edits)} entries {mode}", safe=False)


def sort_lists(ctx: Context, findings: Sequence[Finding]) -> Iterator[tuple[Finding, Fix]]:
    """One fix per list, shared by every SCF311 finding of that list.

    A list where a pragma silenced one of its out-of-order entries is left alone: sorting it
    would move the entry the author asked to keep.
    """
    doc = ctx.doc
    by_line = {e.line: e for e in doc.entries}
    lists: dict[int, list[Entry]] = {}
    for e in doc.entries:
        lists.setdefault(e.list_id, []).append(e)
    reported: dict[int, list[Finding]] = {}
    for finding in findings:
        entry = by_line.get(finding.line)
        if entry is not None:
            reported.setdefault(entry.list_id, []).append(finding)
    conventions = conventions_of(ctx)
    for list_id, found in reported.items():
        members = lists[list_id]
        mode = conventions.order_of(members[0].section).value
        if mode not in (NEWEST, OLDEST):
            continue
        if {hit.line for hit in misplaced(members, mode)} != {f.line for f in found}:
            continue
        fix = sort_fix(doc, members, mode)
        if fix is not None:
            for finding in found:
                yield finding, fix


@rule(
    "SCF311",
    "year-order",
    Severity.WARNING,
    "An entry breaks the year order of its list.",
    """
What it does: judges each list against its section's year order, learned from the list
itself: `newest-first`, `oldest-first` or `none`. A section follows an order when at least
80% of its adjacent pairs of differing years agree (at least 3 pairs); a section with less
evidence takes the whole document's order (two thirds of all its pairs), and where no order
is evident nothing is judged. `conventions.order` (or `conventions.sections: {Heading:
{order: ...}}`) pins it and always wins. The check keeps the longest run of entries that
is already in order and reports every other entry once, saying which entry it should come
after (or before), so one misplaced entry gives one finding, not a cascade. Entries
without a four-digit year are ignored.

Why is this bad? Readers scan a section from the newest work down; an old paper among new
ones hides it, and a new one at the bottom is never seen.

Example: `[2025 bioRxiv] ...`, `[2024 bioRxiv] ...`, `[2025 Nature Methods] ...`: the 2024
entry should come after the second 2025 entry.

Fix: move the entry to the place the message names, or pin the section's order to `none`.
`--fix --unsafe-fixes` moves every misplaced entry of a list (stable: entries of one year
keep their relative order).
""",
    fix=sort_lists,
)
def year_order(ctx: Context) -> Iterator[Hit]:
    conventions = conventions_of(ctx)
    lists: dict[int, list[Entry]] = {}
    for entry in ctx.doc.entries:
        lists.setdefault(entry.list_id, []).append(entry)
    for entries in lists.values():
        mode = conventions.order_of(entries[0].section).value
        if mode in (NEWEST, OLDEST):
            yield from misplaced(entries, mode)
