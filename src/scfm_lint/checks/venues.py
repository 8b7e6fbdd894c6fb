"""Venue rules: known spellings, unknown venues, extra words in the tag."""

from __future__ import annotations

from collections.abc import Iterator

from scfm_lint.checks.registry import Context, Hit, rule
from scfm_lint.document.model import Document, Entry
from scfm_lint.engine.finding import Edit, Fix, Severity
from scfm_lint.paperlist.venues import catalog


def _span(doc: Document, entry: Entry, start: int, text: str) -> tuple[int, int] | None:
    """Offsets of ``text`` at ``start`` characters into the entry's venue, if it is there."""
    if not entry.venue_column:
        return None
    begin = doc.offset(entry.line, entry.venue_column) + start
    end = begin + len(text)
    return (begin, end) if doc.text[begin:end] == text else None


@rule(
    "SCF301",
    "venue-alias",
    Severity.WARNING,
    "A venue is written as an alias, misspelling or case variant of a known venue.",
    """
What it does: compares the venue of each tag with the venue catalog (`rules/venues.yaml`
plus `venues.extra` in the project config) and flags spellings that are a listed alias or
misspelling ("Brief in Bioinformatics", "iSchience", "NM") or differ only in case
("biorxiv", "BioRxiv", "NPJ Digital Medicine").

Why is this bad? One venue spelled three ways cannot be counted, filtered or searched, and
readers wonder whether "BioRxiv" and "bioRxiv" are different things.

Example: `1. [2024 biorxiv] **scMulan: ...**`

Fix: write the canonical spelling (`bioRxiv`); the fix is safe and `--fix` applies it.
""",
    fixable=True,
)
def venue_alias(ctx: Context) -> Iterator[Hit]:
    venues = catalog(ctx.config)
    for entry in ctx.doc.entries:
        if not entry.venue:
            continue
        match = venues.lookup(entry.venue)
        if match is None or match.how == "exact":
            continue
        canonical = match.venue.name
        what = "a case variant" if match.how == "case" else "an alias"
        span = _span(ctx.doc, entry, 0, match.written)
        fix = None
        if span is not None:
            fix = Fix((Edit(span[0], span[1], canonical),), f"write {canonical!r}")
        yield Hit(
            entry.line,
            entry.venue_column or entry.column,
            f"venue {match.written!r} is {what} of {canonical!r}",
            fix=fix,
            suggestion=canonical,
        )


@rule(
    "SCF302",
    "unknown-venue",
    Severity.WARNING,
    "A venue that the venue catalog does not know.",
    """
What it does: flags a tag whose venue matches no known venue, alias or case variant, even
after allowing extra words after a known venue. The message names the closest known
venues.

Why is this bad? An unknown venue is usually a typo or a placeholder ("XXXX"), and the
paper-list rules (URL consistency, venue kinds) cannot reason about it.

Example: `1. [2023 XXXX] **A Deeper Dive into Single-Cell RNA Sequencing Foundation Models**`

Fix: correct the venue, or add it to the project's config under `venues.extra`, e.g.
`venues: {extra: {Nature Cancer: {kind: journal, codes: [s43018]}}}`.
""",
)
def unknown_venue(ctx: Context) -> Iterator[Hit]:
    venues = catalog(ctx.config)
    for entry in ctx.doc.entries:
        if not entry.venue or venues.lookup(entry.venue) is not None:
            continue
        close = venues.closest(entry.venue)
        hint = f"; closest known: {', '.join(repr(c) for c in close)}" if close else ""
        yield Hit(
            entry.line,
            entry.venue_column or entry.column,
            f"unknown venue {entry.venue!r}{hint}",
            suggestion=close[0] if close else None,
        )


@rule(
    "SCF303",
    "venue-extra-words",
    Severity.WARNING,
    "The tag carries extra words after a known venue.",
    """
What it does: flags a tag that starts with a known venue and goes on with other words
(`[2023 bioRxiv scEval]`, `[2024 ICLR benchmark DNA FD]`, `[2024 Cell, FM4perturbation
data: a review]`). A year inside a conference name and a conference followed by a workshop
name (`[2023 NeurIPS 2023 AI for Science Workshop]`) are venues, not extra words.

Why is this bad? The tag is for year and venue only; notes in it break venue statistics
and hide the venue from the other checks. Model names belong in the title, topics in the
section.

Example: `1. [2023 bioRxiv multi-modal] **Single-cell gene expression prediction ...**`

Fix: move the words into the title or drop them; the offered fix deletes them and is
unsafe (it may drop information).
""",
    fixable=True,
)
def venue_extra_words(ctx: Context) -> Iterator[Hit]:
    venues = catalog(ctx.config)
    for entry in ctx.doc.entries:
        if not entry.venue:
            continue
        match = venues.lookup(entry.venue)
        if match is None or not match.rest:
            continue
        tail = entry.venue[match.rest_offset :]
        span = _span(ctx.doc, entry, match.rest_offset, tail)
        fix = None
        if span is not None:
            fix = Fix((Edit(span[0], span[1], ""),), f"delete {tail.strip()!r}", safe=False)
        yield Hit(
            entry.line,
            (entry.venue_column + match.rest_offset) if entry.venue_column else entry.column,
            f"tag carries extra words after venue {match.venue.name!r}: {match.rest!r}",
            fix=fix,
        )
