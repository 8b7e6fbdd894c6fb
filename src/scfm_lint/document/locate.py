"""The one locator: places each inline token of a paragraph in the source text, links included."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import Enum
import re

from markdown_it.token import Token

from scfm_lint.document.facts import LinkKind

BARE_URL = re.compile(r"https?://[^\s<>\"'`[\]]+")
"""A URL written as plain text; a bracket ends it (``[see https://x.org]``: brackets are markup)."""


class Kind(Enum):
    """What a located piece is."""

    TEXT = "text"
    CODE = "code"
    LINK = "link"
    LINK_END = "link-end"
    IMAGE = "image"
    HTML = "html"
    OPEN = "open"
    CLOSE = "close"
    BREAK = "break"


class Piece:
    """One inline token, placed in the source."""

    __slots__ = (
        "depth",
        "end",
        "href",
        "kind",
        "link",
        "markup",
        "start",
        "text",
        "token",
        "url_start",
    )

    def __init__(
        self,
        kind: Kind,
        text: str,
        start: int,
        token: str,
        depth: int,
        href: str = "",
        link: LinkKind | None = None,
        url_start: int = -1,
        end: int = -1,
        markup: str = "",
    ) -> None:
        self.kind = kind
        self.text = text
        """Text and code: the content; a link: its label's plain text; an image: its alt
        text; HTML: the markup; emphasis and other markup: the marker (or the token type)."""
        self.start = start
        """Offset where it is written (where the search stood, when it was not found)."""
        self.token = token
        """The markdown-it token type (``strong_open``...)."""
        self.depth = depth
        """How many links it stands inside."""
        self.href = href
        """Link and image targets."""
        self.link = link
        self.url_start = url_start
        """Offset of the target's text, -1 when unknown."""
        self.end = end
        """Links and images: offset after their source."""
        self.markup = markup
        """Code spans: their backticks."""

    def moved(self, text: str, start: int) -> Piece:
        """The same piece with other text written at ``start``."""
        return Piece(self.kind, text, start, self.token, self.depth, self.href, self.link)


class Cursor:
    """Finds token texts in the source, left to right, so positions are exact."""

    def __init__(self, text: str, start: int):
        self.text = text
        self.pos = start

    def find(self, needle: str) -> int:
        """Offset of ``needle`` at or after the cursor (moving past it), else the cursor."""
        at = self.seek(needle)
        return self.pos if at < 0 else at

    def seek(self, needle: str) -> int:
        """Like :meth:`find`, but -1 (the cursor unmoved) when ``needle`` is not found."""
        if not needle:
            return self.pos
        at = self.text.find(needle, self.pos)
        if at < 0 or self.text.find("\n\n", self.pos, at) >= 0:
            return -1
        self.pos = at + len(needle)
        return at


def label_end(text: str, start: int) -> int:
    """Offset of the ``]`` that closes the link text opening at ``text[start]`` (a ``[``),
    or -1: brackets nest, a backslash escapes, code spans are skipped, a blank line stops it."""
    depth = 0
    pos = start
    end = len(text)
    while pos < end:
        ch = text[pos]
        if ch == "\\":
            pos += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return pos
        elif ch == "`":
            run = pos
            while run < end and text[run] == "`":
                run += 1
            close = text.find(text[pos:run], run)
            pos = close + run - pos if close >= 0 and text.find("\n\n", run, close) < 0 else run
            continue
        elif ch == "\n" and text.startswith("\n", pos + 1):
            return -1
        pos += 1
    return -1


def reference_end(text: str, after: int) -> int:
    """Offset after the ``[ref]`` or ``[]`` that follows a reference link's text at ``after``."""
    if text.startswith("[", after):
        close = label_end(text, after)
        if close >= 0:
            return close + 1
    return after


def text_of(children: Sequence[Token], start: int, close: str) -> str:
    """Plain text from ``children[start]`` up to the matching ``close`` token."""
    parts: list[str] = []
    depth = 0
    opener = close.replace("_close", "_open")
    for child in children[start:]:
        ctype = child.type
        if ctype == opener:
            depth += 1
        elif ctype == close:
            if depth == 0:
                break
            depth -= 1
        elif ctype == "text" or ctype == "code_inline":
            parts.append(child.content)
        elif ctype == "softbreak" or ctype == "hardbreak":
            parts.append(" ")
    return "".join(parts)


def _target(text: str, href: str, close: int) -> tuple[int, int]:
    """Where the URL of the ``(url)`` after a label's ``]`` at ``close`` starts (-1: not
    found), and where the link ends: after its ``)`` when that follows the URL."""
    at = text.find(href, close + 2) if href else -1
    if at < 0 or text.find("\n\n", close, at) >= 0:
        return -1, close + 3 if text.startswith("()", close + 1) else close + 1
    end = at + len(href)
    return at, end + 1 if text.startswith(")", end) else end


def _link(cur: Cursor, child: Token, label: str, depth: int) -> Piece:
    text = cur.text
    href = str(child.attrs.get("href", ""))
    if child.markup == "autolink":
        pos = cur.find("<")
        url = pos + 1 if text.startswith(href, pos + 1) else -1
        end = text.find(">", pos) + 1 or pos + 1
        return Piece(Kind.LINK, label, pos, "link_open", depth, href, LinkKind.AUTOLINK, url, end)
    pos = cur.find("[")
    # Nearly every label is written as its plain text: no bracket matching needed then.
    guess = pos + 1 + len(label)
    if not (text.startswith(label, pos + 1) and text.startswith("](", guess)):
        guess = label_end(text, pos)
    if guess < 0:
        return Piece(
            Kind.LINK, label, pos, "link_open", depth, href, LinkKind.MARKDOWN, -1, pos + 1
        )
    if text.startswith("(", guess + 1):
        url, end = _target(text, href, guess)
        return Piece(Kind.LINK, label, pos, "link_open", depth, href, LinkKind.MARKDOWN, url, end)
    end = reference_end(text, guess + 1)
    return Piece(Kind.LINK, label, pos, "link_open", depth, href, LinkKind.REFERENCE, -1, end)


def _image(cur: Cursor, child: Token, depth: int) -> Piece:
    text = cur.text
    src = str(child.attrs.get("src", ""))
    pos = cur.find("![")
    close = label_end(text, pos + 1)
    url = -1
    if close >= 0 and text.startswith("(", close + 1):
        url, cur.pos = _target(text, src, close)
    elif close >= 0:
        cur.pos = reference_end(text, close + 1)
    return Piece(Kind.IMAGE, child.content, pos, "image", depth, src, LinkKind.IMAGE, url, cur.pos)


def locate(children: Sequence[Token], text: str, start: int) -> list[Piece]:
    """Every inline token of a paragraph (content at offset ``start``), placed in ``text``."""
    cur = Cursor(text, start)
    pieces: list[Piece] = []
    add = pieces.append
    ends: list[int] = []  # where each open link's source ends
    for i, child in enumerate(children):
        ctype = child.type
        depth = len(ends)
        if ctype == "text":
            content = child.content
            # Nearly every text stands right at the cursor: no search needed then.
            at = cur.pos
            if text.startswith(content, at):
                cur.pos = at + len(content)
            else:
                at = cur.find(content)
            add(Piece(Kind.TEXT, content, at, ctype, depth))
        elif ctype == "link_open":
            piece = _link(cur, child, text_of(children, i + 1, "link_close"), depth)
            add(piece)
            ends.append(piece.end)
        elif ctype == "link_close":
            cur.pos = max(cur.pos, ends.pop() if ends else cur.pos)
            add(Piece(Kind.LINK_END, "", cur.pos, ctype, len(ends)))
        elif ctype == "softbreak" or ctype == "hardbreak":
            add(Piece(Kind.BREAK, " ", cur.pos, ctype, depth))
        else:
            add(_other(cur, child, depth))
    return pieces


def _other(cur: Cursor, child: Token, depth: int) -> Piece:
    ctype = child.type
    if ctype == "code_inline":
        at = cur.find(child.markup)
        cur.seek(child.content)
        return Piece(Kind.CODE, child.content, at, ctype, depth, markup=child.markup)
    if ctype == "image":
        return _image(cur, child, depth)
    if ctype == "html_inline":
        return Piece(Kind.HTML, child.content, cur.find(child.content), ctype, depth)
    kind = Kind.CLOSE if ctype.endswith("_close") else Kind.OPEN
    at = cur.find(child.markup) if child.markup else cur.pos
    return Piece(kind, child.markup or ctype, at, ctype, depth)


def bare_urls(piece: Piece) -> Iterator[tuple[int, str, str]]:
    """(offset, URL, URL as matched) for each bare URL in a text piece; trailing punctuation
    is not part of the URL."""
    for m in BARE_URL.finditer(piece.text):
        yield piece.start + m.start(), m.group().rstrip(".,;:)"), m.group()


def plain_text(children: Sequence[Token]) -> str:
    """The text of inline tokens as GitHub shows it (markup dropped, line breaks as spaces)."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)
