"""Venue rules: spellings against the list's own, unknown venues, extra words in the tag."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
import re

from scfm_lint.checks.registry import Context, Hit, rule
from scfm_lint.document.model import Document, Entry
from scfm_lint.engine.finding import Edit, Fix, Severity
from scfm_lint.paperlist.venues import Catalog, Match

#: A venue left to fill in: X's, question marks, dashes, TBD/TBA/TODO, N/A.
_PLACEHOLDER = re.compile(r"x{2,}|\?+|-+|\.{2,}|…|tb[ad]|todo|n/?a|none|unknown", re.IGNORECASE)


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
    "A venue is misspelt, or spelt differently from the way the list spells it elsewhere.",
    """
What it does: resolves the venue of each tag against the venue catalog (`rules/venues.yaml`,
the generated `rules/catalog/venues.yaml`, and `venues.extra` in the project config) and
judges its spelling against the list's own house spelling of that venue: the accepted
spelling (the canonical name or an accepted alias such as "NIPS" or "Nat Methods") that the
list uses most for it, the canonical name when nothing else is more common. It flags
- a listed misspelling ("Brief in Bioinformatics", "iSchience", "Nature Method") or a case
  variant ("biorxiv", "BioRxiv", "NPJ Digital Medicine", "Arxiv"), always;
- an accepted spelling that is not the house spelling: "NM" in a list that writes "Nature
  Methods", or "NeurIPS" in a list that writes "NIPS" in most entries.
A list that writes an accepted alias throughout ("NIPS" everywhere) is consistent and gets
nothing.

Why is this bad? One venue spelled three ways cannot be counted, filtered or searched, and
readers wonder whether "BioRxiv" and "bioRxiv" are different things.

Example: `1. [2024 biorxiv] **scMulan: ...**`

Fix: write the house spelling the message names; the fix is safe and `--fix` applies it.
""",
    fixable=True,
)
def venue_alias(ctx: Context) -> Iterator[Hit]:
    matches = spelt_venues(ctx.doc, ctx.config.venues)
    house = house_spellings(m for _, m in matches)
    for entry, match in matches:
        canonical = match.venue.name
        write, uses = house.get(canonical, (canonical, 0))
        if match.how in {"exact", "alias"} and match.written == write:
            continue
        message = _spelling_message(match, write, uses)
        span = _span(ctx.doc, entry, 0, match.written)
        fix = None
        if span is not None:
            fix = Fix((Edit(span[0], span[1], write),), f"write {write!r}")
        yield Hit(
            entry.line,
            entry.venue_column or entry.column,
            message,
            fix=fix,
            suggestion=write,
        )


def spelt_venues(doc: Document, venues: Catalog) -> list[tuple[Entry, Match]]:
    """The entries whose tag names a known venue by one of its spellings.

    Only a tag part that is itself a spelling of the venue counts, not a venue composed with
    a year or a workshop's name ("NeurIPS 2023 AI for Science Workshop").
    """
    out: list[tuple[Entry, Match]] = []
    for entry in doc.entries:
        match = venues.lookup(entry.venue) if entry.venue else None
        plain = venues.resolve(match.written) if match is not None else None
        if match is not None and plain is not None and plain.venue is match.venue:
            out.append((entry, match))
    return out


def house_spellings(matches: Iterable[Match]) -> dict[str, tuple[str, int]]:
    """Per canonical venue name: the list's house spelling, the accepted spelling it uses
    most (the canonical one on a tie), and how many entries use it (the learned convention
    that SCF301 judges by; ``conventions`` may show it)."""
    counts: dict[str, Counter[str]] = {}
    for match in matches:
        if match.how in {"exact", "alias"}:
            counts.setdefault(match.venue.name, Counter())[match.written] += 1
    house: dict[str, tuple[str, int]] = {}
    for name, spellings in counts.items():
        best = max(spellings.values())
        write = name if spellings[name] == best else spellings.most_common(1)[0][0]
        house[name] = (write, spellings[write])
    return house


def _spelling_message(match: Match, write: str, uses: int) -> str:
    written, canonical = match.written, match.venue.name
    elsewhere = f"; this list writes {write!r} ({uses} entries)" if uses else ""
    if match.how == "case":
        return f"venue {written!r} is a case variant of {canonical!r}" + (
            elsewhere if write != canonical else ""
        )
    if match.how == "misspelling":
        return f"venue {written!r} is a misspelling of {canonical!r}" + (
            elsewhere if write != canonical else ""
        )
    if match.how == "alias":
        return f"venue {written!r} is an alias of {canonical!r}{elsewhere}"
    return f"venue {written!r} is spelt differently from the rest of this list{elsewhere}"


@rule(
    "SCF302",
    "unknown-venue",
    Severity.INFO,
    "A venue that the venue catalog does not know.",
    """
What it does: reports a tag whose venue matches no known venue, alias or case variant,
even after allowing extra words after a known venue. A well-formed name the catalog
does not know (a company, a new journal) is an info. A name within a few letters of a
known venue ("Sturcture") is a warning that names it, and so is a placeholder ("XXXX",
"TBD"). Short acronyms are never suggested for each other: ICCV is not a typo of MICCAI.

Why is this bad? A placeholder or a typo hides the venue, and the paper-list rules (URL
consistency, venue kinds) cannot reason about a venue they do not know.

Example: `1. [2023 XXXX] **A Deeper Dive into Single-Cell RNA Sequencing Foundation Models**`

Fix: correct the venue, or add it to the project's config under `venues.extra`, e.g.
`venues: {extra: {Nature Cancer: {kind: journal, codes: [s43018]}}}`.
""",
)
def unknown_venue(ctx: Context) -> Iterator[Hit]:
    venues = ctx.config.venues
    for entry in ctx.doc.entries:
        if not entry.venue or venues.lookup(entry.venue) is not None:
            continue
        column = entry.venue_column or entry.column
        if _PLACEHOLDER.fullmatch(entry.venue.strip()):
            yield Hit(
                entry.line,
                column,
                f"venue {entry.venue!r} is a placeholder, not a venue",
                severity=Severity.WARNING,
            )
            continue
        close = venues.closest(entry.venue)
        if close:
            names = ", ".join(repr(c) for c in close)
            yield Hit(
                entry.line,
                column,
                f"unknown venue {entry.venue!r}; did you mean {names}?",
                suggestion=close[0],
                severity=Severity.WARNING,
            )
            continue
        yield Hit(entry.line, column, f"venue {entry.venue!r} is not in the venue catalog")


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
    venues = ctx.config.venues
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
