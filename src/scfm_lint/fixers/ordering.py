"""Year order (SCF311): sort each out-of-order list, stable within a year (an unsafe fix)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from scfm_lint.finding import Edit, Finding, Fix
from scfm_lint.fixers import span_of_lines
from scfm_lint.model import Document, Entry


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
    """One fix per list, shared by every SCF311 finding of that list."""
    from scfm_lint.checks.ordering import section_modes

    by_line = {e.line: e for e in doc.entries}
    lists: dict[int, list[Entry]] = {}
    for e in doc.entries:
        lists.setdefault(e.list_id, []).append(e)
    modes = section_modes(doc, config)
    fixes: dict[int, Fix | None] = {}
    for finding in findings:
        entry = by_line.get(finding.line)
        if entry is None:
            continue
        if entry.list_id not in fixes:
            members = lists[entry.list_id]
            section = members[0].section
            mode = modes[-1 if section is None else section]
            fixes[entry.list_id] = None if mode == "off" else sort_fix(doc, members, mode)
        fix = fixes[entry.list_id]
        if fix is not None:
            yield finding, fix
