"""The table of contents: found by the configured heading name, else by its shape."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import unquote

from markdown_it.token import Token

from scfm_lint.document.locate import plain_text
from scfm_lint.document.model import Catalog, CatalogItem, Heading

_MIN_LINKS = 2
"""A contents list has at least this many links (one ``#`` link is a stray cross-reference)."""


class CatalogDraft:
    """The Catalog while the pass runs."""

    def __init__(self, name: str, named: bool) -> None:
        self.name = name
        """The configured heading name, lower case."""
        self.named = named
        """Whether a heading has that name: then it holds the Catalog; shapes are not looked at."""
        self.heading: int | None = None
        self.found = False
        self.items: list[CatalogItem] = []
        self.lines = (0, 0)
        self.bullet = "-"
        self.indent = 2

    def name_matches(self, text: str) -> bool:
        return self.named and text.strip().lower() == self.name


def has_heading_named(tokens: Sequence[Token], text: str, name: str) -> bool:
    """Whether any heading of the token stream reads ``name`` (lower case)."""
    if name not in text.lower():
        return False
    return any(
        tok.type == "heading_open"
        and plain_text(tokens[i + 1].children or ()).strip().lower() == name
        for i, tok in enumerate(tokens)
    )


def is_contents(tokens: Sequence[Token], i: int) -> bool:
    """Whether the list opening at ``tokens[i]`` has only links to ``#anchors`` (at least two)."""
    level = tokens[i].level
    close = tokens[i].type.replace("_open", "_close")
    count = 0
    for tok in tokens[i + 1 :]:
        if tok.type == close and tok.level == level:
            break
        if tok.type != "inline":
            continue
        for child in tok.children or ():
            if child.type == "link_open":
                if not str(child.attrs.get("href", "")).startswith("#"):
                    return False
                count += 1
    return count >= _MIN_LINKS


def _resolved(
    items: Sequence[CatalogItem], headings: Sequence[Heading], html: Sequence[tuple[int, str]]
) -> tuple[CatalogItem, ...]:
    """The items with the heading each target leads to: by heading anchor (case aside), or
    by an HTML anchor written in a heading or on the two lines before it."""
    by_anchor: dict[str, int] = {}
    for h in headings:
        by_anchor.setdefault(h.anchor.lower(), h.index)
    by_line = {h.line: h.index for h in headings}
    for line, name in html:
        index = next((by_line[n] for n in (line, line + 1, line + 2) if n in by_line), None)
        if index is not None:
            by_anchor.setdefault(name.lower(), index)
    out = []
    for item in items:
        target = unquote(item.target[1:]).lower() if item.target.startswith("#") else None
        index = by_anchor.get(target) if target is not None else None
        out.append(replace(item, heading=index) if index is not None else item)
    return tuple(out)


def freeze_catalog(
    c: CatalogDraft, headings: Sequence[Heading], html: Sequence[tuple[int, str]]
) -> Catalog | None:
    if not c.found and c.heading is None:
        return None
    items = _resolved(c.items, headings, html)
    levels = sorted({headings[i.heading].level for i in items if i.heading is not None})
    return Catalog(
        c.heading,
        items,
        c.lines[0],
        c.lines[1],
        c.indent,
        c.bullet,
        tuple(levels),
        c.named,
    )
