"""Empty sections."""

from __future__ import annotations

from collections.abc import Iterator
import re

from scfm_lint.checks.registry import Context, Hit, rule
from scfm_lint.document.model import Document, Heading
from scfm_lint.engine.finding import Severity

_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


@rule(
    "SCF241",
    "empty-section",
    Severity.WARNING,
    "a content heading has no entries and no subsections",
    """
What it does: flags a heading below the Catalog (or anywhere, when there is no Catalog) that
has nothing under it: no entries, no subsections and no content of its own (a section of
notes in several paragraphs, or with a link or an image, is not empty; a lone line such as
"Coming soon" is a placeholder; HTML anchors and comments do not count).
Why is this bad? An empty section is either a placeholder that was never filled or a sign that
its entries were moved away; readers who follow the Catalog there find nothing.
Example: `### Data privacy and accessibility` followed directly by the next heading.
Fix: add entries, or remove the heading and its Catalog line.
""",
)
def empty_section(ctx: Context) -> Iterator[Hit]:
    doc = ctx.doc
    start = doc.catalog.after if doc.catalog is not None else -1
    has_entries = {e.section for e in doc.entries}
    has_children = {h.parent for h in doc.headings}
    excluded = {s.lower() for s in ctx.config.sections.exclude}
    for h in doc.headings:
        if h.index <= start or h.text.lower() in excluded:
            continue
        if h.index not in has_entries and h.index not in has_children and not _prose(doc, h):
            yield Hit(h.line, h.column, f"section {h.text!r} has no entries and no subsections")


def _prose(doc: Document, h: Heading) -> bool:
    """Whether a section holds content of its own that is not a list of entries: a link or
    an image, or notes of more than one paragraph. A lone line of text ("Coming soon") is a
    placeholder; HTML blocks (anchors, comments) do not count."""
    end = doc.headings[h.index + 1].line if h.index + 1 < len(doc.headings) else len(doc.lines) + 1
    if any(link.section == h.index and h.line < link.line < end for link in doc.links):
        return True
    paragraphs, inside = 0, False
    for n in range(h.line + 1, end):
        text = doc.lines[n - 1]
        filled = bool(text.strip()) and n not in doc.html_lines and not _SETEXT.match(text)
        paragraphs += filled and not inside
        inside = filled
    return paragraphs > 1
