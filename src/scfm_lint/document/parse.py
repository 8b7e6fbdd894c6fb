"""Turn README text into a Document: one pass over markdown-it's flat token stream."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
import gc
from itertools import accumulate
import re
from types import SimpleNamespace
from typing import Any

from markdown_it import MarkdownIt, helpers
from markdown_it.common.utils import unescapeAll
from markdown_it.token import Token

from scfm_lint.document.anchors import Slugger
from scfm_lint.document.entries import Cursor, label_end, parse_entry, reference_end, text_of
from scfm_lint.document.htmllinks import html_links
from scfm_lint.document.model import (
    Catalog,
    CatalogItem,
    Document,
    Entry,
    Heading,
    Link,
    ListInfo,
    Pragma,
)

_PRAGMA = re.compile(r"<!--\s*scfm-lint-(disable-next-line|disable|enable)\b([^>]*?)-->")
_CODE = re.compile(r"SCF\d{3}", re.IGNORECASE)
_WORD = re.compile(r"[\w-]+")
_BARE_URL = re.compile(r"https?://[^\s<>\"'`]+")


def _identity(url: str) -> str:
    return url


def _accept(url: str) -> bool:
    return True


# The characters at which an enabled inline rule can start (newline, escape, backticks,
# strikethrough, emphasis, link, image, autolink/html_inline, entity), plus ``]``, which
# link-label scanning needs to stop at. markdown-it's default set also stops at ``#$%+-:=>@^{}``
# for plugins; no enabled rule matches there, so the token stream is the same, only faster
# (about 9% of parse time: titles and prose are full of ``-`` and ``:``).
_TERMINATORS = re.compile("[" + re.escape("\n!&*<[\\]_`~") + "]")


PARALLEL_MIN_CHARS = 256_000
"""Texts at least this long (about 1,300 entries; the real list is 62 kB) are parsed on every
core (see parallel.py). Measured in-process: 1,000 entries 88 -> 60 ms, 5,000 435 -> 283 ms."""


def markdown_parser(text: str | None = None, lines: Sequence[str] | None = None) -> MarkdownIt:
    """CommonMark with GFM tables and strikethrough; links kept exactly as written.

    Given the ``text`` it will parse (and optionally its ``lines``), rules that cannot match
    anywhere in it are left out (see :func:`unused_rules`): same tokens, faster parse.
    """
    return _configured(unused_rules(text, lines) if text is not None else frozenset())


class _Destination:
    """What markdown-it's link rules read from a link destination parse."""

    __slots__ = ("ok", "pos", "str")

    def __init__(self) -> None:
        self.ok = False
        self.pos = 0
        self.str = ""


_PLAIN_URL = re.compile(r"[^\x00-\x20\x7f\\()]+")


def _link_destination(string: str, pos: int, maximum: int) -> Any:
    """markdown-it-py's ``parseLinkDestination``, step for step, except that runs of ordinary
    characters (not space, control, backslash or parenthesis) are skipped with one regex match
    instead of a Python loop per character (a link's URL is most of an entry)."""
    if pos < len(string) and string[pos] == "<":
        return helpers.parseLinkDestination(string, pos, maximum)
    result = _Destination()
    start = pos
    level = 0
    plain = _PLAIN_URL.match
    while pos < maximum:
        run = plain(string, pos, maximum)
        if run is not None:
            pos = run.end()
            if pos >= maximum:
                break
        ch = string[pos]
        if ch <= " " or ch == "\x7f":  # space and ASCII control characters end it
            break
        if ch == "\\" and pos + 1 < maximum:
            if string[pos + 1] == " ":
                break
            pos += 2
            continue
        if ch == "(":
            level += 1
            if level > 32:
                return result
        elif ch == ")":
            if level == 0:
                break
            level -= 1
        pos += 1
    if start == pos or level != 0:
        return result
    result.str = unescapeAll(string[start:pos])
    result.pos = pos
    result.ok = True
    return result


@cache
def _configured(skip: frozenset[str]) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # The linter wants URLs as the author wrote them, and must see javascript: links too.
    md.normalizeLink = _identity  # type: ignore[method-assign]
    md.normalizeLinkText = _identity  # type: ignore[method-assign,assignment]
    md.validateLink = _accept  # type: ignore[method-assign]
    md.inline.terminator_re = _TERMINATORS
    # The link rules call their helpers through ``md.helpers``: this instance gets its own.
    md.helpers = SimpleNamespace(  # type: ignore[assignment]
        parseLinkLabel=helpers.parseLinkLabel,
        parseLinkDestination=_link_destination,
        parseLinkTitle=helpers.parseLinkTitle,
    )
    if skip:
        md.disable(sorted(skip))
    return md


# A rule is left out only when a condition it needs to match is absent from the whole text,
# so it could never fire (each condition is read off markdown-it-py's rule):
_HR = re.compile(r"([*_-])(?:[ \t]*\1){2,}[ \t]*$")  # a line's tail: 3+ markers and blanks
_SETEXT = re.compile(r"[ \t>]*(?:=+|-+)[ \t]*$")  # an underline, after container markers
_MARKS = frozenset("*_-=")
_NEEDS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("table", lambda t: "|" in t),  # the header row must contain a pipe
    ("fence", lambda t: "```" in t or "~~~" in t),
    ("reference", lambda t: "]:" in t),  # ``[label]:`` with nothing between ``]`` and ``:``
    ("strikethrough", lambda t: "~" in t),
    ("image", lambda t: "![" in t),
    ("backticks", lambda t: "`" in t),
    ("escape", lambda t: "\\" in t),
    ("entity", lambda t: "&" in t),
)


def unused_rules(text: str, lines: Sequence[str] | None = None) -> frozenset[str]:
    """markdown-it rules that cannot match anywhere in ``text`` (none if it has a CR or NUL).

    ``lines``, if given, must be ``text`` split at line breaks (any splitting at least at
    ``\\n`` will do: a horizontal rule or setext underline ends a line and holds no break).
    """
    if "\r" in text or "\0" in text:
        return frozenset()  # markdown-it rewrites these first; keep every rule
    unused = {name for name, needed in _NEEDS if not needed(text)}
    # Horizontal rules and setext underlines end in a marker (then maybe blanks): only such
    # lines are looked at closely.
    marked = [
        ln
        for ln in (text.split("\n") if lines is None else lines)
        if ln[-1:] in _MARKS or (ln[-1:] in (" ", "\t") and ln.rstrip(" \t")[-1:] in _MARKS)
    ]
    if not any(_HR.search(ln) for ln in marked):
        unused.add("hr")
    if not any(_SETEXT.match(ln) for ln in marked):
        unused.add("lheading")
    return frozenset(unused)


_LINE_BREAK = re.compile(r"\r\n?|\n")


def split_lines(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Lines without their endings, and the offset where each starts.

    Lines end where markdown-it ends them: at ``\\n``, ``\\r\\n`` and ``\\r`` only (not at
    the other breaks ``str.splitlines`` knows: U+2028, U+0085, form feed...). A final line
    break does not start another line.
    """
    if not text:
        return ("",), (0,)
    if "\r" not in text:
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()
        starts = accumulate(map(len, lines[:-1]), lambda pos, n: pos + n + 1, initial=0)
        return tuple(lines), tuple(starts)
    lines = []
    offsets = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        offsets.append(pos)
        lines.append(text[pos : m.start()])
        pos = m.end()
    if pos < len(text):
        offsets.append(pos)
        lines.append(text[pos:])
    return tuple(lines), tuple(offsets)


@dataclass
class _ListFrame:
    list_id: int
    ordered: bool
    line: int
    in_catalog: bool
    depth: int
    items: list[int] = field(default_factory=list)
    owner: int | None = None
    """The entry this list is nested in (its items are part of that entry), if any."""


@dataclass
class Builder:
    """Mutable state of the single pass; frozen into a Document at the end."""

    path: str
    text: str
    lines: tuple[str, ...]
    offsets: tuple[int, ...]
    catalog_name: str
    excluded: frozenset[str]
    headings: list[Heading] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    lists: list[ListInfo] = field(default_factory=list)
    pragmas: list[Pragma] = field(default_factory=list)
    html_lines: set[int] = field(default_factory=set)
    code_lines: set[int] = field(default_factory=set)
    catalog_items: list[CatalogItem] = field(default_factory=list)
    catalog_heading: int | None = None
    catalog_lines: tuple[int, int] = (0, 0)
    catalog_bullet: str = "-"
    catalog_indent: int = 2
    section: int | None = None
    heading_stack: list[int] = field(default_factory=list)
    list_stack: list[_ListFrame] = field(default_factory=list)
    next_list_id: int = 0
    slugger: Slugger = field(default_factory=Slugger)

    def to_line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.offsets, offset)
        return line, offset - self.offsets[line - 1] + 1

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
        if self.section is None:
            return False
        if self.section == self.catalog_heading:
            return False
        return self.headings[self.section].text.strip().lower() not in self.excluded


def _plain_text(children: Sequence[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _heading(b: Builder, open_tok: Token, inline: Token) -> None:
    assert open_tok.map is not None
    level = int(open_tok.tag[1])
    text = _plain_text(inline.children or []).strip()
    line = open_tok.map[0] + 1
    src = b.lines[line - 1]
    col = src.find(text[:1]) + 1 if text else 1
    add_heading(b, level, text, line, col)


def add_heading(b: Builder, level: int, text: str, line: int, col: int) -> None:
    """Record a heading: its parent, anchor and whether it is the Catalog; it opens a section."""
    while b.heading_stack and b.headings[b.heading_stack[-1]].level >= level:
        b.heading_stack.pop()
    parent = b.heading_stack[-1] if b.heading_stack else None
    index = len(b.headings)
    heading = Heading(level, text, b.slugger.slug(text), line, max(col, 1), index, parent)
    b.headings.append(heading)
    b.heading_stack.append(index)
    b.section = index
    if b.catalog_heading is None and text.strip().lower() == b.catalog_name:
        b.catalog_heading = index


def _inline_links(b: Builder, inline: Token, entry: int | None, own: bool = True) -> list[Link]:
    """Links of a paragraph, heading or list item, located in the source; also records the
    pragmas and ``href``/``src`` targets of its inline HTML.

    ``own=False`` (an entry's first paragraph, whose own links :func:`parse_entry` reads):
    only images and inline HTML.
    """
    found: list[Link] = []
    children = inline.children or []
    text = b.text
    cur = Cursor(text, b.content_offset(inline), b.to_line_col, b.offsets)
    section = b.section
    link_end = 0  # where the open link's source ends: the cursor skips its URL there
    for i, child in enumerate(children):
        ctype = child.type
        if ctype == "text" or ctype == "code_inline":
            content = child.content
            at = cur.seek(content)
            if own and ctype == "text" and "://" in content:
                base = at if at >= 0 else cur.pos
                for m in _BARE_URL.finditer(content):
                    line, col = cur.line_col(base + m.start())
                    url = m.group().rstrip(".,;:)")
                    found.append(Link(url, m.group(), line, col, "bare", col, entry, section))
        elif ctype == "link_open":
            href = str(child.attrs.get("href", ""))
            label = text_of(children, i + 1, "link_close")[0]
            auto = child.markup == "autolink"
            pos = cur.find("<" if auto else "[")
            line, col = cur.line_col(pos)
            url_col = 0
            kind = "autolink" if auto else "markdown"
            url_pos = -1
            if auto:
                url_pos = pos + 1 if text.startswith(href, pos + 1) else -1
                link_end = text.find(">", pos) + 1 or pos + 1
            else:
                close = label_end(text, pos)
                if close < 0:
                    link_end = pos + 1
                elif text.startswith("(", close + 1):
                    # The label's own tokens follow; the URL is looked for after the label.
                    url_pos = text.find(href, close + 2) if href else -1
                    if url_pos >= 0 and text.find("\n\n", close, url_pos) >= 0:
                        url_pos = -1
                    link_end = url_pos + len(href) if url_pos >= 0 else close + 1
                else:
                    kind = "reference"
                    link_end = reference_end(text, close + 1)
            if own:
                url_col = cur.col(url_pos) if url_pos >= 0 else 0
                found.append(Link(href, label, line, col, kind, url_col, entry, section))
        elif ctype == "link_close":
            cur.pos = max(cur.pos, link_end)
        elif ctype == "image":
            src = str(child.attrs.get("src", ""))
            pos = cur.find("![")
            line, col = cur.line_col(pos)
            close = label_end(text, pos + 1)
            url_col = 0
            kind = "image"
            if close >= 0 and text.startswith("(", close + 1):
                url_pos = text.find(src, close + 2) if src else -1
                if url_pos >= 0 and text.find("\n\n", close, url_pos) < 0:
                    url_col = cur.col(url_pos)
                    cur.pos = url_pos + len(src)
                else:
                    cur.pos = close + 1
            elif close >= 0:
                cur.pos = reference_end(text, close + 1)
            found.append(Link(src, child.content, line, col, kind, url_col, entry, section))
        elif ctype == "html_inline":
            at = cur.seek(child.content)
            _inline_html(b, child.content, at if at >= 0 else cur.pos, entry)
    return found


def _pragma(m: re.Match[str], line: int) -> Pragma:
    # Words up to an optional `` -- reason``; ``SCF101:`` names SCF101.
    words = _WORD.findall(m.group(2).split(" -- ", 1)[0])
    codes = tuple(w.upper() for w in words if _CODE.fullmatch(w))
    names = tuple(w.lower() for w in words if not _CODE.fullmatch(w))
    return Pragma(m.group(1), codes, line, names)


def _html(b: Builder, token: Token, first_line: int) -> None:
    """Pragmas and link targets of an HTML block."""
    content = token.content
    if "<!--" in content:
        for m in _PRAGMA.finditer(content):
            line = first_line + content.count("\n", 0, m.start())
            b.pragmas.append(_pragma(m, line))
    if "href" in content or "src" in content:
        base_line = first_line
        for line_off, col, url, label in html_links(content):
            line = base_line + line_off
            b.links.append(Link(url, label, line, col, "html", col, None, b.section))


def _inline_html(b: Builder, content: str, offset: int, entry: int | None) -> None:
    """Pragmas and link targets of inline HTML written at ``offset`` of the text."""
    first_line = b.to_line_col(offset)[0]
    if "<!--" in content:
        for m in _PRAGMA.finditer(content):
            line = first_line + content.count("\n", 0, m.start())
            b.pragmas.append(_pragma(m, line))
    if "href" in content or "src" in content:
        for line_off, col, url, label in html_links(content):
            line = first_line + line_off
            at = offset + col - 1 if not line_off else b.offsets[line - 1]
            if not b.text.startswith(url, at):
                # Not where the tag's text puts it (an indented continuation line, an
                # entity in the value): the first occurrence on its line.
                src = b.lines[line - 1]
                found = src.find(url, at - b.offsets[line - 1])
                at = b.offsets[line - 1] + found if found >= 0 else at
            line, col = b.to_line_col(at)
            b.links.append(Link(url, label, line, col, "html", col, entry, b.section))


def _catalog_item(b: Builder, frame: _ListFrame, inline: Token) -> None:
    children = inline.children or []
    for i, child in enumerate(children):
        if child.type == "link_open":
            assert inline.map is not None
            line = inline.map[0] + 1
            href = str(child.attrs.get("href", ""))
            text = text_of(children, i + 1, "link_close")[0].strip()
            col = b.lines[line - 1].find("[") + 1
            b.catalog_items.append(CatalogItem(text, href, frame.depth, line, max(col, 1)))
            return


def parse_document(
    text: str,
    path: str,
    catalog_heading: str = "Catalog",
    excluded_sections: Sequence[str] = (),
) -> Document:
    """Parse README text into the document model (positions are 1-based)."""
    # The parse allocates a few objects per character and keeps them all alive, so the cyclic
    # garbage collector would rescan a growing heap over and over (about 20% of a 50,000-entry
    # parse) while finding nothing to free: pause it for the parse.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, path, catalog_heading, excluded_sections)
    finally:
        if gc_was_enabled:
            gc.enable()


def _parse(
    text: str, path: str, catalog_heading: str, excluded_sections: Sequence[str]
) -> Document:
    lines, offsets = split_lines(text)
    catalog_name = catalog_heading.strip().lower()
    excluded = frozenset(s.strip().lower() for s in excluded_sections)
    if len(text) >= PARALLEL_MIN_CHARS:
        from scfm_lint.document.parallel import parse_parallel

        doc = parse_parallel(text, path, lines, offsets, catalog_name, excluded)
        if doc is not None:
            return doc
    b = Builder(path, text, lines, offsets, catalog_name, excluded)
    build(b, markdown_parser(text, lines).parse(text))
    return freeze(b)


def build(b: Builder, tokens: Sequence[Token]) -> None:
    """Run the single pass over ``tokens`` (whole lists and sections) into the builder."""
    lines = b.lines
    item_stack: list[tuple[Token, _ListFrame]] = []
    item_has_entry: list[bool] = []
    # The entry each open list item belongs to: its own, or the one it is nested in.
    item_owner: list[int | None] = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        ttype = tok.type
        if ttype == "inline":
            owner = item_owner[-1] if item_owner else None
            if item_stack and not item_has_entry[-1]:
                item_tok, frame = item_stack[-1]
                item_has_entry[-1] = True
                if frame.in_catalog:
                    _catalog_item(b, frame, tok)
                    b.links.extend(_inline_links(b, tok, None))
                elif owner is None and b.in_content_section():
                    entry = _entry(b, item_tok, frame, tok)
                    frame.items.append(entry.index)
                    b.entries.append(entry)
                    b.links.extend(entry.links)
                    item_owner[-1] = entry.index
                    content = tok.content
                    if "<" in content or "![" in content:  # inline HTML or images
                        b.links.extend(_inline_links(b, tok, entry.index, own=False))
                else:
                    b.links.extend(_inline_links(b, tok, owner))
            else:
                b.links.extend(_inline_links(b, tok, owner))
        elif ttype == "heading_open":
            _heading(b, tok, tokens[i + 1])
            b.links.extend(_inline_links(b, tokens[i + 1], None))
            i += 3
            continue
        elif ttype in ("bullet_list_open", "ordered_list_open"):
            assert tok.map is not None
            parent_catalog = b.list_stack[-1].in_catalog if b.list_stack else False
            in_catalog = parent_catalog or (
                b.catalog_heading is not None
                and b.section == b.catalog_heading
                and not b.catalog_lines[0]
            )
            if in_catalog and not b.list_stack:
                b.catalog_lines = (tok.map[0] + 1, _last_line(lines, tok.map))
                b.catalog_bullet = tok.markup or "-"
            frame = _ListFrame(
                b.next_list_id,
                ttype == "ordered_list_open",
                tok.map[0] + 1,
                in_catalog,
                len([f for f in b.list_stack if f.in_catalog]) if in_catalog else 0,
            )
            if in_catalog and frame.depth == 1:
                src = lines[tok.map[0]]
                b.catalog_indent = len(src) - len(src.lstrip()) or 2
            # A list inside an entry's item (sub-bullets with code, data...) is part of it.
            frame.owner = item_owner[-1] if item_owner and not in_catalog else None
            b.next_list_id += 1
            b.list_stack.append(frame)
        elif ttype in ("bullet_list_close", "ordered_list_close"):
            frame = b.list_stack.pop()
            if frame.items:
                b.lists.append(
                    ListInfo(frame.list_id, frame.ordered, frame.line, tuple(frame.items))
                )
        elif ttype == "list_item_open":
            item_stack.append((tok, b.list_stack[-1]))
            item_has_entry.append(False)
            item_owner.append(b.list_stack[-1].owner)
        elif ttype == "list_item_close":
            item_stack.pop()
            item_has_entry.pop()
            item_owner.pop()
        elif ttype == "html_block":
            assert tok.map is not None
            b.html_lines.update(range(tok.map[0] + 1, tok.map[1] + 1))
            _html(b, tok, tok.map[0] + 1)
        elif ttype in ("fence", "code_block"):
            assert tok.map is not None
            b.code_lines.update(range(tok.map[0] + 1, tok.map[1] + 1))
        i += 1


def _last_line(lines: Sequence[str], span: Sequence[int]) -> int:
    """1-based last line of a block whose markdown-it map is ``span``: the blank lines that
    markdown-it counts into a list item (or list) before what follows are not part of it."""
    end = span[1]
    while end > span[0] + 1 and not lines[end - 1].strip(" \t"):
        end -= 1
    return end


def _entry(b: Builder, item: Token, frame: _ListFrame, inline: Token) -> Entry:
    assert item.map is not None
    line = item.map[0] + 1
    src = b.lines[line - 1]
    column = len(src) - len(src.lstrip()) + 1
    marker = (item.info or "") + item.markup
    number = int(item.info) if item.info.isdigit() else None
    index = len(b.entries)
    start = b.content_offset(inline)
    return parse_entry(
        index=index,
        line=line,
        end_line=_last_line(b.lines, item.map),
        column=column,
        marker=marker,
        number=number,
        list_id=frame.list_id,
        section=b.section,
        children=inline.children or [],
        text=b.text,
        start=start,
        to_line_col=b.to_line_col,
        offsets=b.offsets,
    )


def freeze(b: Builder) -> Document:
    catalog = None
    if b.catalog_heading is not None:
        catalog = Catalog(
            b.catalog_heading,
            tuple(b.catalog_items),
            b.catalog_lines[0],
            b.catalog_lines[1],
            b.catalog_indent,
            b.catalog_bullet,
        )
    links = sorted(b.links, key=lambda lk: (lk.line, lk.column))
    return Document(
        path=b.path,
        text=b.text,
        lines=b.lines,
        line_offsets=b.offsets,
        headings=tuple(b.headings),
        catalog=catalog,
        entries=tuple(b.entries),
        links=tuple(links),
        lists=tuple(sorted(b.lists, key=lambda li: li.line)),
        pragmas=tuple(b.pragmas),
        html_lines=frozenset(b.html_lines),
        code_lines=frozenset(b.code_lines),
    )
