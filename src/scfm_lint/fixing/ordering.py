"""Year order (SCF311): sort each out-of-order list, stable within a year (an unsafe fix)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from scfm_lint.document.model import Document, Entry
from scfm_lint.engine.finding import Edit, Finding, Fix
from scfm_lint.fixing import span_of_lines


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
    moved = len(edits)
    return Fix(tuple(edits), f"sort {moved} entries into {mode} year order", safe=False)


def year_order(
    doc: Document, config: Mapping[str, Any], findings: Sequence[Finding]
) -> Iterator[tuple[Finding, Fix]]:
    """One fix per list, shared by every SCF311 finding of that list.

    A list where a pragma silenced one of its out-of-order entries is left alone: sorting it
    would move the entry the author asked to keep.
    """
    from scfm_lint.checks.ordering import misplaced, section_modes

    by_line = {e.line: e for e in doc.entries}
    lists: dict[int, list[Entry]] = {}
    for e in doc.entries:
        lists.setdefault(e.list_id, []).append(e)
    reported: dict[int, list[Finding]] = {}
    for finding in findings:
        entry = by_line.get(finding.line)
        if entry is not None:
            reported.setdefault(entry.list_id, []).append(finding)
    modes = section_modes(doc, config)
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
