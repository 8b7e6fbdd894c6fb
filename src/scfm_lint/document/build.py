"""The single pass over markdown-it's flat token stream that builds the Document."""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.token import Token

from scfm_lint.document.anchors import Slugger
from scfm_lint.document.contents import CatalogDraft
from scfm_lint.document.entry import read_entry
from scfm_lint.document.facts import LinkForm, LinkKind, Span
from scfm_lint.document.html import pragmas, read_html
from scfm_lint.document.lines import position
from scfm_lint.document.locate import Kind, Piece, bare_urls, locate, plain_text
from scfm_lint.document.model import CatalogItem, Entry, Heading, Link, ListInfo, Pragma


class ListFrame:
    """One open list of the pass."""

    __slots__ = ("depth", "in_catalog", "items", "line", "list_id", "ordered", "owner")

    def __init__(
        self,
        list_id: int,
        ordered: bool,
        line: int,
        in_catalog: bool,
        depth: int,
        owner: int | None,
    ) -> None:
        self.list_id = list_id
        self.ordered = ordered
        self.line = line
        self.in_catalog = in_catalog
        self.depth = depth
        self.owner = owner
        """The entry this list is nested in (its items are part of that entry), if any."""
        self.items: list[int] = []


class Builder:
    """Mutable state of the single pass; frozen into a Document at the end.

    A plain class, not a dataclass: building dataclasses costs start-up time on every run.
    """

    def __init__(
        self,
        text: str,
        lines: tuple[str, ...],
        offsets: tuple[int, ...],
        catalog: CatalogDraft,
        excluded: frozenset[str],
    ) -> None:
        self.text = text
        self.lines = lines
        self.offsets = offsets
        self.catalog = catalog
        self.excluded = excluded
        self.headings: list[Heading] = []
        self.entries: list[Entry] = []
        self.links: list[Link] = []
        self.lists: list[ListInfo] = []
        self.pragmas: list[Pragma] = []
        self.html_lines: set[int] = set()
        self.code_lines: set[int] = set()
        self.html_anchors: list[tuple[int, str]] = []
        """(1-based line, id) of every HTML anchor."""
        self.section: int | None = None
        self.heading_stack: list[int] = []
        self.list_stack: list[ListFrame] = []
        self.next_list_id = 0
        self.slugger = Slugger()
        self._line = (0, 0, 0)
        """The line last placed: its number and where it starts and ends."""

    def place(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset into the text."""
        line, lo, hi = self._line
        if lo <= offset < hi:
            return line, offset - lo + 1
        line, column = position(self.offsets, offset)
        lo = offset - column + 1
        hi = self.offsets[line] if line < len(self.offsets) else len(self.text) + 1
        self._line = (line, lo, hi)
        return line, column

    def content_offset(self, token: Token) -> int:
        """Offset in the text where an inline token's content starts."""
        assert token.map is not None
        line = token.map[0]
        src = self.lines[line]
        first = token.content.split("\n", 1)[0]
        col = src.find(first) if first else -1
        if col < 0:
            col = len(src) - len(src.lstrip())
        return self.offsets[line] + col

    def in_content_section(self) -> bool:
        if self.section is None or self.section == self.catalog.heading:
            return False
        return self.headings[self.section].text.strip().lower() not in self.excluded


def add_heading(b: Builder, open_tok: Token, inline: Token) -> None:
    """Record a heading: its parent, anchor and whether it is the Catalog; it opens a section."""
    assert open_tok.map is not None
    level = int(open_tok.tag[1])
    text = plain_text(inline.children or []).strip()
    line = open_tok.map[0] + 1
    col = b.lines[line - 1].find(text[:1]) + 1 if text else 1
    while b.heading_stack and b.headings[b.heading_stack[-1]].level >= level:
        b.heading_stack.pop()
    parent = b.heading_stack[-1] if b.heading_stack else None
    index = len(b.headings)
    heading = Heading(level, text, b.slugger.slug(text), line, max(col, 1), index, parent)
    b.headings.append(heading)
    b.heading_stack.append(index)
    b.section = index
    if b.catalog.heading is None and b.catalog.name_matches(text):
        b.catalog.heading = index


def prose_links(b: Builder, pieces: Sequence[Piece], entry: int | None) -> None:
    """The links of a paragraph, heading or list item that is not an entry's own text."""
    section = b.section
    for p in pieces:
        if p.kind is Kind.TEXT and "://" in p.text:
            for at, url, matched in bare_urls(p):
                line, col = b.place(at)
                span = Span(at, at + len(matched), line, col)
                b.links.append(
                    Link(url, matched, line, col, LinkKind.BARE, col, entry, section, span=span)
                )
        elif p.kind is Kind.LINK:
            b.links.append(_link(b, p, entry))
        else:
            media(b, p, entry)


def media(b: Builder, p: Piece, entry: int | None) -> None:
    """Images and inline HTML (links, anchors, pragmas) of any paragraph."""
    if p.kind is Kind.IMAGE:
        line, col = b.place(p.start)
        url_col = b.place(p.url_start)[1] if p.url_start >= 0 else 0
        span = Span(p.start, p.end, line, col)
        b.links.append(
            Link(p.href, p.text, line, col, LinkKind.IMAGE, url_col, entry, b.section, span=span)
        )
    elif p.kind is Kind.HTML:
        inline_html(b, p.text, p.start, entry)


def _link(b: Builder, p: Piece, entry: int | None) -> Link:
    line, col = b.place(p.start)
    url_col = b.place(p.url_start)[1] if p.url_start >= 0 else 0
    kind = p.link or LinkKind.MARKDOWN
    label = p.text.strip()
    form = LinkForm.NONE
    if kind is not LinkKind.AUTOLINK:
        double = label.startswith("[") and label.endswith("]")
        form = LinkForm.DOUBLE if double else LinkForm.SINGLE
    span = Span(p.start, p.end, line, col)
    return Link(p.href, p.text, line, col, kind, url_col, entry, b.section, form, span)


def html_block(b: Builder, token: Token) -> None:
    """Lines, pragmas, link targets and anchors of an HTML block."""
    assert token.map is not None
    first = token.map[0] + 1
    b.html_lines.update(range(first, token.map[1] + 1))
    content = token.content
    if "<!--" in content:
        b.pragmas.extend(pragmas(content, first))
    facts = read_html(content)
    for line_off, col, url, label in facts.links:
        b.links.append(Link(url, label, first + line_off, col, LinkKind.HTML, col, None, b.section))
    b.html_anchors.extend((first + off, name) for off, name in facts.anchors)


def inline_html(b: Builder, content: str, offset: int, entry: int | None) -> None:
    """Pragmas, link targets and anchors of inline HTML written at ``offset`` of the text."""
    first_line = b.place(offset)[0]
    if "<!--" in content:
        b.pragmas.extend(pragmas(content, first_line))
    facts = read_html(content)
    for line_off, col, url, label in facts.links:
        line = first_line + line_off
        at = offset + col - 1 if not line_off else b.offsets[line - 1]
        if not b.text.startswith(url, at):
            # Not where the tag's text puts it (an indented continuation line, an
            # entity in the value): the first occurrence on its line.
            found = b.lines[line - 1].find(url, at - b.offsets[line - 1])
            at = b.offsets[line - 1] + found if found >= 0 else at
        line, col = b.place(at)
        b.links.append(Link(url, label, line, col, LinkKind.HTML, col, entry, b.section))
    b.html_anchors.extend((first_line + off, name) for off, name in facts.anchors)


def catalog_item(b: Builder, frame: ListFrame, inline: Token, pieces: Sequence[Piece]) -> None:
    """The item's first link, as a Catalog item."""
    link = next((p for p in pieces if p.kind is Kind.LINK), None)
    if link is None:
        return
    assert inline.map is not None
    line = inline.map[0] + 1
    col = b.lines[line - 1].find("[") + 1
    b.catalog.items.append(
        CatalogItem(link.text.strip(), link.href, frame.depth, line, max(col, 1))
    )


def last_line(lines: Sequence[str], span: Sequence[int]) -> int:
    """1-based last line of a block whose markdown-it map is ``span``: the blank lines that
    markdown-it counts into a list item (or list) before what follows are not part of it."""
    end = span[1]
    while end > span[0] + 1 and not lines[end - 1].strip(" \t"):
        end -= 1
    return end


def new_entry(
    b: Builder, item: Token, frame: ListFrame, inline: Token
) -> tuple[Entry, list[Piece]]:
    """Read a list item of a content section as an entry."""
    assert item.map is not None
    line = item.map[0] + 1
    src = b.lines[line - 1]
    start = b.content_offset(inline)
    pieces = locate(inline.children or [], b.text, start)
    raw_end = b.text.find("\n", start)
    entry = read_entry(
        pieces,
        start,
        b.place,
        index=len(b.entries),
        line=line,
        end_line=last_line(b.lines, item.map),
        column=len(src) - len(src.lstrip()) + 1,
        marker=(item.info or "") + item.markup,
        number=int(item.info) if item.info.isdigit() else None,
        list_id=frame.list_id,
        section=b.section,
        raw=b.text[start : raw_end if raw_end >= 0 else len(b.text)],
    )
    return entry, pieces
