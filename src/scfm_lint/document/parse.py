"""Turn README text into a Document: parse with markdown-it, then one pass over its tokens."""

from __future__ import annotations

from collections.abc import Sequence
import gc

from markdown_it.token import Token

from scfm_lint.document.build import (
    Builder,
    ListFrame,
    add_heading,
    catalog_item,
    html_block,
    last_line,
    media,
    new_entry,
    prose_links,
)
from scfm_lint.document.contents import CatalogDraft, freeze_catalog, has_heading_named, is_contents
from scfm_lint.document.lines import split_lines
from scfm_lint.document.locate import locate
from scfm_lint.document.markdown import markdown_parser
from scfm_lint.document.model import Document, ListInfo

_LIST_OPEN = frozenset({"bullet_list_open", "ordered_list_open"})
_LIST_CLOSE = frozenset({"bullet_list_close", "ordered_list_close"})


def parse_document(
    text: str,
    path: str,
    catalog_heading: str = "Catalog",
    excluded_sections: Sequence[str] = (),
) -> Document:
    """Parse README text into the document model (positions are 1-based)."""
    # The parse allocates a few objects per character and keeps them all alive, so the cyclic
    # garbage collector would rescan a growing heap over and over while finding nothing to
    # free: pause it for the parse.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        lines, offsets = split_lines(text)
        tokens = markdown_parser(text, lines).parse(text)
        name = catalog_heading.strip().lower()
        catalog = CatalogDraft(name, has_heading_named(tokens, text, name))
        excluded = frozenset(s.strip().lower() for s in excluded_sections)
        b = Builder(text, lines, offsets, catalog, excluded)
        walk(b, tokens)
        return freeze(b, path)
    finally:
        if gc_was_enabled:
            gc.enable()


def _starts_catalog(b: Builder, tokens: Sequence[Token], i: int) -> bool:
    """Whether the top-level list at ``tokens[i]`` is the Catalog's list."""
    c = b.catalog
    if c.lines[0]:
        return False
    if c.named:
        return c.heading is not None and b.section == c.heading
    if c.found or b.entries or not is_contents(tokens, i):
        return False
    c.found = True
    c.heading = b.section
    return True


def _open_list(b: Builder, tokens: Sequence[Token], i: int, owner: int | None) -> None:
    tok = tokens[i]
    assert tok.map is not None
    parent = b.list_stack[-1] if b.list_stack else None
    in_catalog = (parent is not None and parent.in_catalog) or _starts_catalog(b, tokens, i)
    if in_catalog and parent is None:
        b.catalog.lines = (tok.map[0] + 1, last_line(b.lines, tok.map))
        b.catalog.bullet = tok.markup or "-"
    depth = len([f for f in b.list_stack if f.in_catalog]) if in_catalog else 0
    if in_catalog and depth == 1:
        src = b.lines[tok.map[0]]
        b.catalog.indent = len(src) - len(src.lstrip()) or 2
    # A list inside an entry's item (sub-bullets with code, data...) is part of it.
    frame = ListFrame(
        b.next_list_id,
        tok.type == "ordered_list_open",
        tok.map[0] + 1,
        in_catalog,
        depth,
        None if in_catalog else owner,
    )
    b.next_list_id += 1
    b.list_stack.append(frame)


def _close_list(b: Builder) -> None:
    frame = b.list_stack.pop()
    if frame.items:
        tagged = sum(1 for i in frame.items if b.entries[i].tag is not None)
        b.lists.append(
            ListInfo(frame.list_id, frame.ordered, frame.line, tuple(frame.items), tagged)
        )


class _Items:
    """The open list items: their token, list, whether their first paragraph was read, and
    the entry each belongs to (its own, or the one it is nested in)."""

    def __init__(self) -> None:
        self.stack: list[tuple[Token, ListFrame]] = []
        self.read: list[bool] = []
        self.owner: list[int | None] = []


def _inline(b: Builder, items: _Items, tok: Token) -> None:
    owner = items.owner[-1] if items.owner else None
    if not items.stack or items.read[-1]:
        prose_links(b, locate(tok.children or [], b.text, b.content_offset(tok)), owner)
        return
    item_tok, frame = items.stack[-1]
    items.read[-1] = True
    if frame.in_catalog:
        pieces = locate(tok.children or [], b.text, b.content_offset(tok))
        catalog_item(b, frame, tok, pieces)
        prose_links(b, pieces, None)
    elif owner is None and b.in_content_section():
        entry, pieces = new_entry(b, item_tok, frame, tok)
        frame.items.append(entry.index)
        b.entries.append(entry)
        b.links.extend(entry.links)
        items.owner[-1] = entry.index
        content = tok.content
        if "<" in content or "![" in content:  # inline HTML or images
            for piece in pieces:
                media(b, piece, entry.index)
    else:
        prose_links(b, locate(tok.children or [], b.text, b.content_offset(tok)), owner)


def walk(b: Builder, tokens: Sequence[Token]) -> None:
    """The single pass over ``tokens`` into the builder."""
    items = _Items()
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        ttype = tok.type
        if ttype == "inline":
            _inline(b, items, tok)
        elif ttype == "heading_open":
            add_heading(b, tok, tokens[i + 1])
            inline = tokens[i + 1]
            prose_links(b, locate(inline.children or [], b.text, b.content_offset(inline)), None)
            i += 3
            continue
        elif ttype in _LIST_OPEN:
            _open_list(b, tokens, i, items.owner[-1] if items.owner else None)
        elif ttype in _LIST_CLOSE:
            _close_list(b)
        elif ttype == "list_item_open":
            items.stack.append((tok, b.list_stack[-1]))
            items.read.append(False)
            items.owner.append(b.list_stack[-1].owner)
        elif ttype == "list_item_close":
            items.stack.pop()
            items.read.pop()
            items.owner.pop()
        elif ttype == "html_block":
            html_block(b, tok)
        elif ttype in ("fence", "code_block"):
            assert tok.map is not None
            b.code_lines.update(range(tok.map[0] + 1, tok.map[1] + 1))
        i += 1


def freeze(b: Builder, path: str) -> Document:
    return Document(
        path=path,
        text=b.text,
        lines=b.lines,
        line_offsets=b.offsets,
        headings=tuple(b.headings),
        catalog=freeze_catalog(b.catalog, b.headings, b.html_anchors),
        entries=tuple(b.entries),
        links=tuple(sorted(b.links, key=lambda lk: (lk.line, lk.column))),
        lists=tuple(sorted(b.lists, key=lambda li: li.line)),
        pragmas=tuple(b.pragmas),
        html_lines=frozenset(b.html_lines),
        code_lines=frozenset(b.code_lines),
        html_anchors=frozenset(name for _, name in b.html_anchors),
    )
