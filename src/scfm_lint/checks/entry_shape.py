"""Entry shape against the list's own: its tag form, and sections not in the entry format."""

from __future__ import annotations

from collections.abc import Iterator

from scfm_lint.checks.registry import Context, Hit, rule
from scfm_lint.conventions import DEFAULT, Conventions, conventions_of
from scfm_lint.conventions.shape import tag_form as shape_of
from scfm_lint.document.facts import Tag
from scfm_lint.document.model import Document, Entry
from scfm_lint.engine.finding import Severity

FORMAT = "`1. [YEAR VENUE] **Title** [[label]](url)`"
#: How each tag form with both a year and a venue is written, by convention name.
PATTERNS = {
    "year-venue": "[YEAR VENUE]",
    "venue-year": "[VENUE YEAR]",
    "year-dash-venue": "[YEAR-VENUE]",
}


def other_sections(conv: Conventions) -> frozenset[int]:
    """Sections (by heading index, -1 before any heading) whose items are not entries."""
    return frozenset(c.key for c in conv.formats if c.value == "other" and c.key is not None)


def judged(ctx: Context) -> Iterator[Entry]:
    """The entries the entry-format rules judge: those of sections written in the format."""
    other = other_sections(conventions_of(ctx))
    if not other:
        yield from ctx.doc.entries
        return
    for e in ctx.doc.entries:
        if (-1 if e.section is None else e.section) not in other:
            yield e


def pattern(conv: Conventions) -> str:
    """The list's tag as a pattern, ``[YEAR VENUE]`` unless it writes another form."""
    return PATTERNS.get(conv.tag.value, "[YEAR VENUE]")


def rewrite(tag: Tag, form: str) -> str | None:
    """``tag`` rewritten in ``form`` (marker and venue as written), None without both parts."""
    if tag.year is None or tag.venue is None:
        return None
    marker = tag.marker.text if tag.marker is not None else ""
    year, venue = tag.year.text, tag.venue.text
    if form == "venue-year":
        return f"[{marker}{venue} {year}]"
    if form == "year-dash-venue":
        return f"[{marker}{year}-{venue}]"
    return f"[{marker}{year} {venue}]"


@rule(
    "SCF111",
    "not-entry-format",
    Severity.INFO,
    "a section (or the whole file) is not written in the entry format",
    f"""
What it does: notes, once per section, that its list items are not written in the entry
format {FORMAT} at all (nearly all of them have no `[YEAR VENUE]` tag: a list of tools
`- [Tool](url) - description`, links, notes). The entry rules (SCF101-SCF110) leave such a
section alone instead of flagging every line. When no list of the file is in the entry
format, one note on the first line says so instead.
Why is this bad? It is not: it tells you which parts of the file scfm-lint does not check
entry by entry, so that silence there is not read as approval.
Example: a `## Chemistry Toolkits` section of `1. [RDKit](http://www.rdkit.org/): **...**`.
Fix: nothing to fix when the section is meant that way; to have its items checked, write them
as entries. To silence the note, ignore SCF111.
""",
)
def not_entry_format(ctx: Context) -> Iterator[Hit]:
    doc = ctx.doc
    conv = conventions_of(ctx)
    other = [c for c in conv.formats if c.value == "other"]
    if not other:
        return
    if len(other) == len(conv.formats):
        yield Hit(1, 1, _whole_file(doc))
        return
    for c in other:
        items = c.total
        line, column = _place(doc, c.key)
        title = "before the first heading" if c.key == -1 else f"section {c.title!r}"
        yield Hit(
            line,
            column,
            f"{title}: {items} list item{'s' * (items != 1)} not in the entry format "
            f"{FORMAT}; not checked entry by entry",
        )


def _place(doc: Document, key: int | None) -> tuple[int, int]:
    if key is None or key < 0:
        first = doc.entries[0] if doc.entries else None
        return (first.line, first.column) if first is not None else (1, 1)
    h = doc.headings[key]
    return h.line, h.column


def _whole_file(doc: Document) -> str:
    items = len(doc.entries)
    return (
        f"no list of this file is in the entry format {FORMAT} ({items} list "
        f"item{'s' * (items != 1)} in other formats): scfm-lint has nothing to check "
        "entry by entry here; run it on the file that holds the paper list "
        "(scfm-lint check PATH/TO/LIST.md)"
    )


@rule(
    "SCF112",
    "tag-form",
    Severity.WARNING,
    "the entry's tag is written in another form than the list's",
    """
What it does: learns how the list writes its tags (`[YEAR VENUE]`, `[VENUE YEAR]` or
`[YEAR-VENUE]`, by clear majority; `conventions.tag` pins it) and flags a tag written in
another of these forms. A marker before the year (`[✨2025 ICCV]`) and a note after the venue
(`[2024 NeurIPS, oral]`) are part of any form. With too few tags to learn from, the form is
`[YEAR VENUE]`.
Why is this bad? Readers scan the list by its tags; one tag written the other way round reads
as a different venue or a typo, and sorting by year misses it.
Example: `1. [Nature 2024] **Title** [[paper]](...)` in a list of `[2024 Nature]` tags.
Fix: write the tag in the list's form: `[2024 Nature]`.
""",
)
def tag_form(ctx: Context) -> Iterator[Hit]:
    conv = conventions_of(ctx)
    want = conv.tag.value
    if want not in PATTERNS:
        return
    learned = (
        "" if conv.tag.source == DEFAULT else f" ({conv.tag.count(want)} of {conv.tag.total} tags)"
    )
    for e in judged(ctx):
        tag, form = e.tag, shape_of(e)
        if tag is None or form not in PATTERNS or form == want:
            continue
        better = rewrite(tag, want)
        yield Hit(
            e.line,
            e.tag_column,
            f"tag {tag.text} is written {PATTERNS[form]}; this list writes {PATTERNS[want]}"
            f"{learned}: write {better}",
            suggestion=better,
        )
