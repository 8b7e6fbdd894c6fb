"""Catalog regeneration (SCF201-SCF205): one list of every heading below the Catalog."""

from __future__ import annotations

import re
from urllib.parse import unquote

from scfm_lint.checks.catalog_map import base_level, deepest_level, headings_below, resolve
from scfm_lint.checks.registry import Context
from scfm_lint.document.model import Catalog, Document, Heading
from scfm_lint.engine.finding import Edit, Fix
from scfm_lint.util.textedit import line_ending, span_of_lines

_SPECIAL = re.compile(r"([\\`*_\[\]<])")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


def _line(catalog: Catalog, depth: int, heading: Heading) -> str:
    indent = " " * (catalog.indent * depth)
    bullet = catalog.bullet if catalog.bullet in "-*+" else "-"
    text = _SPECIAL.sub(r"\\\1", heading.text)
    return f"{indent}{bullet} [{text}](#{heading.anchor})"


def _body(doc: Document, catalog: Catalog, deepest: int) -> tuple[list[str], bool]:
    """The Catalog's lines, and whether a person should review them: building them dropped a
    link to outside the page, or replaced a Catalog text that differs from its heading (which
    side is stale, the Catalog line or the heading, only the author knows).

    Lines that already point at the right heading with its text at its depth are kept as
    written (the author's anchor spelling, a trailing note); links to the Catalog itself or
    to headings above it stay first, in their order. A list nests one level at a time, so a
    heading that skips a level (``##`` then ``####``) is listed one deeper than its parent.
    """
    base = base_level(doc, catalog)
    kept: dict[int, str] = {}
    body: list[tuple[int, str]] = []
    depth = -1
    external = False
    used: set[int] = set()
    anchors = {a.lower() for a in doc.anchors}
    for item in catalog.items:
        if item.line in used:
            continue
        heading = resolve(doc, item)
        if heading is None:
            # A link that leaves the page or leads to an HTML anchor is not stale: dropping
            # it needs a person's eye.
            target = unquote(item.target[1:]).lower() if item.target.startswith("#") else None
            external = external or target is None or target in anchors
            continue
        same = " ".join(item.text.split()) == " ".join(heading.text.split())
        external = external or (not same and heading.index > catalog.after)
        if heading.index <= catalog.after:
            body.append((item.depth, doc.lines[item.line - 1]))
            depth = item.depth
        elif same and item.depth == heading.level - base and heading.index not in kept:
            kept[heading.index] = doc.lines[item.line - 1]
        else:
            continue
        used.add(item.line)
    for h in headings_below(doc, catalog, deepest):
        want = h.level - base
        depth = min(want, depth + 1)
        line = kept[h.index] if h.index in kept and depth == want else _line(catalog, depth, h)
        body.append((depth, line))
    if catalog.bullet in ".)":
        return _numbered(body, catalog.bullet), external
    return [line for _, line in body], external


_MARKER = re.compile(r"^\s*(?:\d{1,9}[.)]|[-*+])\s+")


def _numbered(body: list[tuple[int, str]], delim: str) -> list[str]:
    """A numbered Catalog's lines renumbered ``1.``, ``2.``... per level, each nested under
    the content column of its parent (so a bullet never splits the numbered list in two)."""
    out: list[str] = []
    counts: list[int] = []
    columns: list[int] = [0]
    for depth, line in body:
        del counts[depth + 1 :]
        del columns[depth + 1 :]
        while len(counts) <= depth:
            counts.append(0)
        while len(columns) <= depth:
            columns.append(columns[-1] + 3)
        counts[depth] += 1
        marker = f"{counts[depth]}{delim} "
        out.append(" " * columns[depth] + marker + _MARKER.sub("", line, count=1))
        columns[depth + 1 :] = [columns[depth] + len(marker)]
    return out


def regenerate(ctx: Context) -> Fix | None:
    """Rewrite the Catalog's list from the headings; None when it is already right.

    The fix is unsafe when it would drop a Catalog link that leaves the page, or rewrite a
    Catalog text that differs from its heading. It lists the heading levels the Catalog
    covers (:func:`deepest_level`).
    """
    doc, catalog = ctx.doc, ctx.doc.catalog
    if catalog is None:
        return None
    body, external = _body(doc, catalog, deepest_level(ctx, catalog))
    nl = line_ending(doc.text)
    if catalog.line:
        start, end = span_of_lines(doc, catalog.line, catalog.end_line)
        new = nl.join(body)
    else:
        if not body:
            return None
        line = doc.headings[catalog.after].line
        if line < len(doc.lines) and _SETEXT.match(doc.lines[line]):
            line += 1
        start = end = doc.line_offsets[line - 1] + len(doc.lines[line - 1])
        after = doc.lines[line] if line < len(doc.lines) else ""
        new = nl + nl + nl.join(body) + (nl if after.strip() else "")
    if doc.text[start:end] == new:
        return None
    return Fix((Edit(start, end, new),), "regenerate the Catalog from the headings", not external)
