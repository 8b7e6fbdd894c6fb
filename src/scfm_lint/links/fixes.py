"""``links --fix`` / ``--diff``: apply the fixes the link and paper findings carry.

Whatever a network finding attaches (a permanent redirect's new URL, a preprint's published
version: new tag, URL and place) is applied the same way: only on entries (prose, HTML and
badges keep their bytes), unsafe fixes only with ``--unsafe-fixes``, the file written
atomically.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, replace
import sys

from scfm_lint.checks.verify_rules import CODES
from scfm_lint.config.model import Config
from scfm_lint.document.model import Document, Entry
from scfm_lint.engine.finding import Edit, Finding, Fix
from scfm_lint.errors import ConfigError
from scfm_lint.fixing.apply import apply_edits, select, unified_diff, usable, write_atomic
from scfm_lint.paperlist.house import spell_venue
from scfm_lint.paperlist.venues import Catalog
from scfm_lint.util.textedit import span_of_lines
from scfm_lint.verify.record import VerifyResult


def entry_fixes(doc: Document, findings: Sequence[Finding], unsafe: bool) -> list[Finding]:
    """The findings of ``doc`` whose fix may be applied: on an entry link, safe enough."""
    entry_lines = {x.line for e in doc.entries for x in e.links}
    return [
        f
        for f in findings
        if f.path == doc.path and f.line in entry_lines and usable(f.fix, unsafe)
    ]


def fix_text(doc: Document, findings: Sequence[Finding], unsafe: bool) -> tuple[str, set[int]]:
    """The fixed text, and the ids of the findings whose fix went in."""
    offered = entry_fixes(doc, findings, unsafe)
    edits, _ = select(offered, unsafe, len(doc.text))
    taken = set(edits)
    done = {id(f) for f in offered if f.fix is not None and set(f.fix.edits) <= taken}
    return apply_edits(doc.text, edits), done


def fix_documents(
    documents: Sequence[Document], findings: list[Finding], args: argparse.Namespace
) -> tuple[list[Finding], bool]:
    """Fix (``--fix``) or print the diff of (``--diff``) every document; returns the findings
    left and whether a file was rewritten."""
    unsafe = bool(getattr(args, "unsafe_fixes", False))
    fixed: set[int] = set()
    rewritten = False
    for doc in documents:
        text, done = fix_text(doc, findings, unsafe)
        if text == doc.text:
            continue
        fixed |= done
        if getattr(args, "diff", False):
            sys.stdout.write(unified_diff(doc.path, doc.text, text))
        else:
            write_atomic(doc.path, text)
            rewritten = True
            print(f"{doc.path}: fixed {len(done)} links", file=sys.stderr)
    return [f for f in findings if id(f) not in fixed], rewritten


@dataclass(frozen=True, slots=True)
class _Since:
    """One preprint entry to rewrite as its published version."""

    entry: Entry
    year: int
    block: str
    """The entry's lines with the new tag and URL."""


def _rewritten(
    doc: Document, entry: Entry, result: VerifyResult, catalog: Catalog
) -> _Since | None:
    """The entry's block with the published tag and URL, or None when the entry's shape
    leaves no safe place to write them (no year or venue in the tag, a URL not as parsed)."""
    tag, link = entry.tag, entry.links[0] if entry.links else None
    if result.published_tag is None or result.published_url is None or tag is None:
        return None
    if tag.year is None or tag.venue is None or link is None or not link.url_column:
        return None
    year, venue = result.published_tag
    venue = spell_venue([venue], doc, catalog) or venue  # as this list spells that venue
    start, end = span_of_lines(doc, entry.line, entry.end_line)
    url_at = doc.offset(link.line, link.url_column)
    if doc.text[url_at : url_at + len(link.url)] != link.url:
        return None
    venue_end = tag.venue.span.end
    if tag.note is not None:  # keep a note written after the venue ("oral", "Spotlight")
        written = doc.text[tag.venue.span.start : tag.note.span.start]
        venue_end = tag.venue.span.start + len(written.rstrip(" ,;-("))
    edits = [
        Edit(tag.year.span.start, tag.year.span.end, str(year)),
        Edit(tag.venue.span.start, venue_end, venue),
        Edit(url_at, url_at + len(link.url), result.published_url),
    ]
    if not all(start <= e.start <= e.end <= end for e in edits):
        return None
    block = apply_edits(
        doc.text[start:end], [Edit(e.start - start, e.end - start, e.replacement) for e in edits]
    )
    return _Since(entry, year, block)


def _key(year: int | None, mode: str) -> int | None:
    if year is None:
        return None
    return -year if mode == "descending" else year


def _placed(members: list[Entry], since: dict[int, _Since], mode: str) -> list[int]:
    """The list's new order (positions into ``members``): each entry whose year changed and
    now breaks the order moves after the entries of its new year (or newer, when
    descending); the others keep their places."""
    order = list(range(len(members)))
    if mode not in ("ascending", "descending"):
        return order

    def key(i: int) -> int | None:
        found = since.get(members[i].index)
        return _key(found.year if found else members[i].year, mode)

    for i, member in enumerate(members):
        found = since.get(member.index)
        if found is None or found.year == member.year:
            continue
        at = order.index(i)
        before = [k for j in order[:at] if (k := key(j)) is not None]
        after = [k for j in order[at + 1 :] if (k := key(j)) is not None]
        mine = key(i)
        assert mine is not None
        if (not before or before[-1] <= mine) and (not after or mine <= after[0]):
            continue
        order.pop(at)
        place = next((n for n, j in enumerate(order) if (key(j) or mine) > mine), len(order))
        order.insert(place, i)
    return order


def _with_marker(block: str, entry: Entry, marker: str) -> str:
    """``block`` (the lines of ``entry``) with the list marker of another slot."""
    at = entry.column - 1
    return block[:at] + marker + block[at + len(entry.marker) :]


def published_fix(doc: Document, config: Config, results: Sequence[VerifyResult]) -> Fix | None:
    """One unsafe fix rewriting every preprint of ``results`` published since: the tag's year
    and venue, the first link's URL, and the entry's place when its new year breaks the
    order of its list. Entries only change places, so none is ever lost."""
    from scfm_lint.checks.ordering import section_modes

    by_link = {(r.line, r.column): r for r in results if r.verdict == "published"}
    since: dict[int, _Since] = {}
    for entry in doc.entries:
        result = by_link.get((entry.links[0].line, entry.links[0].column)) if entry.links else None
        found = None if result is None else _rewritten(doc, entry, result, config.venues)
        if found is not None:
            since[entry.index] = found
    if not since:
        return None
    try:
        modes = section_modes(doc, config)
    except ConfigError:  # `check` reports it; here entries are only rewritten in place
        modes = ["off"] * (len(doc.headings) + 1)
    edits: list[Edit] = []
    for list_id in dict.fromkeys(doc.entries[i].list_id for i in since):
        members = [e for e in doc.entries if e.list_id == list_id]
        section = members[0].section
        order = _placed(members, since, modes[-1 if section is None else section])
        slots = [span_of_lines(doc, e.line, e.end_line) for e in members]
        moved = [k for k, i in enumerate(order) if k != i]
        for k, member in enumerate(members):
            if member.index in since and not (moved and moved[0] <= k <= moved[-1]):
                edits.append(Edit(*slots[k], since[member.index].block))
        if not moved:
            continue
        lo, hi = moved[0], moved[-1]
        parts: list[str] = []
        for k in range(lo, hi + 1):
            entry = members[order[k]]
            found = since.get(entry.index)
            block = found.block if found else doc.text[slice(*slots[order[k]])]
            parts.append(_with_marker(block, entry, members[k].marker))
            if k < hi:
                parts.append(doc.text[slots[k][1] : slots[k + 1][0]])
        edits.append(Edit(slots[lo][0], slots[hi][1], "".join(parts)))
    return Fix(tuple(edits), f"rewrite {len(since)} preprints as published", safe=False)


def attach_published(
    doc: Document, config: Config, findings: Sequence[Finding], results: Sequence[VerifyResult]
) -> list[Finding]:
    """``findings`` with the rewrite of :func:`published_fix` on each SCF505 finding of
    ``doc`` (only the entries whose finding is still reported are rewritten)."""
    code = CODES["published"][0]
    kept = {(f.line, f.column) for f in findings if f.code == code and f.path == doc.path}
    chosen = [r for r in results if (r.line, r.column) in kept]
    fix = published_fix(doc, config, chosen) if chosen else None
    if fix is None:
        return list(findings)
    return [replace(f, fix=fix) if f.code == code and f.path == doc.path else f for f in findings]
