"""Year order of the entries within each list."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from scfm_lint.checks.registry import Context, Hit, rule
from scfm_lint.document.model import Document, Entry
from scfm_lint.engine.finding import Edit, Finding, Fix, Severity
from scfm_lint.errors import ConfigError
from scfm_lint.util.sequences import longest_ordered
from scfm_lint.util.textedit import span_of_lines

if TYPE_CHECKING:
    from scfm_lint.config.model import Config


def section_modes(doc: Document, config: Config) -> list[str]:
    """The order mode of every heading: its own setting, else its nearest ancestor's."""
    settings = config.ordering
    wanted = {name.strip().casefold(): mode for name, mode in settings.sections.items()}
    own: dict[int, str] = {}
    for heading in doc.headings:
        for k in (heading.text.strip().casefold(), heading.anchor.casefold()):
            if k in wanted:
                own[heading.index] = wanted[k]
    if doc.entries:
        found = {h.text.strip().casefold() for h in doc.headings}
        found |= {h.anchor.casefold() for h in doc.headings}
        for name in settings.sections:
            if name.strip().casefold() not in found:
                # A fact about this document, not the file: only a lint can tell.
                raise ConfigError(f"ordering.sections.{name}: no heading with this text")
    modes: list[str] = []
    for heading in doc.headings:  # parents come before their children
        if heading.index in own:
            modes.append(own[heading.index])
        elif heading.parent is not None:
            modes.append(modes[heading.parent])
        else:
            modes.append(settings.default)
    modes.append(settings.default)  # index -1: entries before any heading
    return modes


def kept_indexes(keys: Sequence[int]) -> list[int]:
    """Positions of one longest non-decreasing subsequence of ``keys`` (O(n log n))."""
    return longest_ordered(keys)


def _short(entry: Entry) -> str:
    title = entry.title if len(entry.title) <= 50 else entry.title[:47].rstrip() + "..."
    return f"{entry.year} {title!r}" if title else str(entry.year)


def misplaced(entries: Sequence[Entry], mode: str) -> Iterator[Hit]:
    """One hit for each entry outside the longest run in order, saying where it belongs."""
    dated = [e for e in entries if e.year is not None]
    sign = -1 if mode == "descending" else 1
    keys = [sign * (e.year or 0) for e in dated]
    # Scanning from the end makes ties keep the earlier entries, so the entry that jumped
    # ahead of its neighbours is the one reported.
    n = len(keys)
    kept = [n - 1 - p for p in reversed(kept_indexes([-k for k in reversed(keys)]))]
    kept_set = set(kept)
    kept_keys = [keys[i] for i in kept]
    word = "newest" if mode == "descending" else "oldest"
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
            f"{entry.year} is out of year order ({word} first): {where}",
            related_line=anchor.line,
        )


def sort_fix(doc: Document, entries: Sequence[Entry], mode: str) -> Fix | None:
    """Move the dated entries of one list into year order; undated ones stay where they are.

    Each dated entry's block (its lines, without trailing blank lines) is written into the
    slot of the entry that sorts there, so blank lines and comments between items stay put.
    """
    dated = [e for e in entries if e.year is not None]
    sign = -1 if mode == "descending" else 1
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
    return Fix(tuple(edits), f"sort {len(edits)} entries into {mode} year order", safe=False)


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
    modes = section_modes(doc, ctx.config)
    for list_id, found in reported.items():
        members = lists[list_id]
        section = members[0].section
        mode = modes[-1 if section is None else section]
        if mode == "off":
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
What it does: within each list, entries run newest year first (`ordering.default:
descending`; `ascending` and `off` are the other choices, and `ordering.sections` sets
one heading and its sub-headings apart). The check keeps the longest run of entries that
is already in order and reports every other entry once, saying which entry it should come
after (or before), so one misplaced entry gives one finding, not a cascade. Entries
without a four-digit year are ignored.

Why is this bad? Readers scan a section from the newest work down; an old paper among new
ones hides it, and a new one at the bottom is never seen.

Example: `[2025 bioRxiv] ...`, `[2024 bioRxiv] ...`, `[2025 Nature Methods] ...`: the 2024
entry should come after the second 2025 entry.

Fix: move the entry to the place the message names, or set the section's order to `off`.
`--fix --unsafe-fixes` moves every misplaced entry of a list (stable: entries of one year
keep their relative order).
""",
    fix=sort_lists,
)
def year_order(ctx: Context) -> Iterator[Hit]:
    doc = ctx.doc
    modes = section_modes(doc, ctx.config)
    lists: dict[int, list[Entry]] = {}
    for entry in doc.entries:
        lists.setdefault(entry.list_id, []).append(entry)
    for entries in lists.values():
        section = entries[0].section
        mode = modes[-1 if section is None else section]
        if mode != "off":
            yield from misplaced(entries, mode)
