"""Read one list item's located pieces as a paper entry: tag, title, links, then loose text."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from scfm_lint.document.facts import (
    LinkForm,
    LinkKind,
    Part,
    PieceKind,
    Span,
    Tag,
    TextPiece,
    Title,
    TitleMarkup,
)
from scfm_lint.document.locate import Kind, Piece, bare_urls
from scfm_lint.document.model import Entry, Link
from scfm_lint.document.tag import read_tag

_TITLE_MARKUP = {"strong_open": TitleMarkup.BOLD, "em_open": TitleMarkup.OTHER}


class Reading:
    """What is read of one entry so far."""

    def __init__(
        self,
        pieces: list[Piece],
        start: int,
        place: Callable[[int], tuple[int, int]],
        entry: int,
        section: int | None,
    ) -> None:
        self.pieces = pieces
        self.start = start
        """Offset where the item's content starts."""
        self.place = place
        self.entry = entry
        self.section = section
        self.i = 0
        """The next piece to read."""
        self.outer = False
        """A ``[`` before the next link is still open (the ``[[label](url)]`` form)."""
        self.tag: Tag | None = None
        self.title: Title | None = None
        self.links: list[Link] = []
        self.texts: list[TextPiece] = []

    def span(self, start: int, text: str) -> Span:
        line, column = self.place(start)
        return Span(start, start + len(text), line, column)


def read_tag_step(r: Reading) -> str:
    """Read the tag, if the item opens with one; returns the text left after it."""
    first = r.pieces[0] if r.pieces else None
    if first is None or first.kind is not Kind.TEXT or not first.text.startswith("["):
        return ""
    close = first.text.find("]")
    if close <= 0:
        return ""
    r.tag = read_tag(first.text[: close + 1], first.start, r.place)
    r.i = 1
    rest = first.text[close + 1 :]
    p = r.pieces
    if rest.strip() == "[" and _name_tag_at(p, 1):
        # The older ``[2023 bioRxiv][**scGPT**] **Title**`` form: a second tag.
        name = p[2]
        r.tag = r.tag._replace(name=_part(r, name.text, first.start + close + 1))
        tail = p[4].text[1:]
        r.pieces = [p[4].moved(tail, p[4].start + 1), *p[5:]]
        r.i = 0
        return ""
    return rest


def _part(r: Reading, text: str, start: int) -> Part:
    return Part(text, r.span(start, text))


def _name_tag_at(pieces: Sequence[Piece], i: int) -> bool:
    """Whether ``pieces[i:]`` reads ``**Name**]``: the second half of a name tag."""
    got = pieces[i : i + 4]
    return (
        len(got) == 4
        and [p.token for p in got] == ["strong_open", "text", "strong_close", "text"]
        and got[3].text.startswith("]")
    )


def _outer_bracket(r: Reading, text: str, at: int) -> bool:
    """Whether ``text`` (the piece before ``pieces[at]``) ends in the ``[`` of ``[[x](u)]``."""
    return text.rstrip().endswith("[") and at < len(r.pieces) and r.pieces[at].kind is Kind.LINK


def read_title_step(r: Reading, rest: str) -> None:
    """Read the title: bold, italic or plain text after the tag."""
    p, n = r.pieces, len(r.pieces)
    if rest.strip():
        # Text right after the tag, in the same text token: a plain title.
        _plain_title(r, rest, r.tag.span.end if r.tag else r.start)
        if r.title is not None:
            while r.i < n and p[r.i].kind is Kind.TEXT:
                more = p[r.i].text.strip()
                if more:
                    r.title = r.title._replace(text=f"{r.title.text} {more}")
                r.i += 1
            return
    while r.i + 1 < n and (
        (p[r.i].kind is Kind.TEXT and not p[r.i].text.strip())
        or (p[r.i].kind is Kind.HTML and p[r.i].text.startswith("<!--"))
    ):
        r.i += 1
    piece = p[r.i] if r.i < n else None
    if piece is not None and piece.token in _TITLE_MARKUP:
        _emphasis_title(r, piece)
        return
    if piece is not None and piece.kind is Kind.TEXT:
        r.i += 1
        _plain_title(r, piece.text, piece.start)
    if r.title is None:
        r.title = Title("", r.span(r.start, ""), TitleMarkup.NONE)


def _plain_title(r: Reading, text: str, start: int) -> None:
    """A title in plain ``text`` written at ``start``, unless it is only the ``[`` of an
    ``[[label](url)]`` link that follows."""
    title = text.strip()
    if _outer_bracket(r, text, r.i):
        r.outer = True
        title = title[:-1].strip()
    if title:
        at = start + text.find(title)
        r.title = Title(title, r.span(at, title), TitleMarkup.PLAIN)


def _emphasis_title(r: Reading, open_piece: Piece) -> None:
    close = open_piece.token.replace("_open", "_close")
    parts: list[str] = []
    depth = 0
    r.i += 1
    while r.i < len(r.pieces):
        piece = r.pieces[r.i]
        r.i += 1
        if piece.token == open_piece.token:
            depth += 1
        elif piece.token == close:
            if depth == 0:
                break
            depth -= 1
        elif piece.kind in (Kind.TEXT, Kind.CODE, Kind.BREAK):
            parts.append(piece.text)
    title = "".join(parts).strip()
    at = open_piece.start + len(open_piece.text)
    r.title = Title(title, r.span(at, title), _TITLE_MARKUP[open_piece.token])


def read_links_step(r: Reading) -> None:
    """Read the links and the loose text among and after them."""
    p, n = r.pieces, len(r.pieces)
    seen_link = False
    outer = r.outer
    while r.i < n:
        piece = p[r.i]
        r.i += 1
        if piece.depth:
            continue
        if piece.kind is Kind.TEXT:
            text = piece.text.strip()
            if outer and text.startswith("]"):
                text = text[1:].strip()
                outer = False
            if _outer_bracket(r, piece.text, r.i):
                outer = True
                text = text[:-1].strip()
            has_url = "://" in piece.text
            if has_url:
                for at, url, _ in bare_urls(piece):
                    r.links.append(_bare(r, at, url))
            if text:
                at = piece.start + piece.text.find(text)
                _loose(r, text, at, PieceKind.TEXT, seen_link, has_url)
        elif piece.kind is Kind.LINK:
            r.links.append(_link(r, piece, outer))
            seen_link = True
        elif piece.kind is Kind.IMAGE:
            _loose(r, f"![{piece.text}]", piece.start, PieceKind.IMAGE, seen_link)
        elif piece.kind is Kind.HTML:
            if not piece.text.startswith("<!--"):
                _loose(r, piece.text.strip(), piece.start, PieceKind.HTML, seen_link)
        elif piece.kind is Kind.CODE:
            _loose(r, piece.markup, piece.start, PieceKind.MARKUP, seen_link)
        elif piece.kind not in (Kind.BREAK, Kind.LINK_END):
            _loose(r, piece.text, piece.start, PieceKind.MARKUP, seen_link)


def _loose(r: Reading, text: str, at: int, kind: PieceKind, after: bool, url: bool = False) -> None:
    line, column = r.place(at)
    r.texts.append(TextPiece(text, line, column, kind, after, url))


def _bare(r: Reading, at: int, url: str) -> Link:
    line, column = r.place(at)
    span = Span(at, at + len(url), line, column)
    return Link(url, url, line, column, LinkKind.BARE, column, r.entry, r.section, span=span)


def _link(r: Reading, piece: Piece, outer: bool) -> Link:
    line, column = r.place(piece.start)
    url_column = r.place(piece.url_start)[1] if piece.url_start >= 0 else 0
    span = Span(piece.start, piece.end, line, column)
    kind = piece.link or LinkKind.MARKDOWN
    if kind is LinkKind.AUTOLINK:
        href = piece.href
        return Link(href, href, line, column, kind, url_column, r.entry, r.section, span=span)
    label = piece.text.strip()
    if label.startswith("[") and label.endswith("]"):
        label, form = label[1:-1].strip(), LinkForm.DOUBLE
    else:
        form = LinkForm.OUTER if outer else LinkForm.SINGLE
    return Link(piece.href, label, line, column, kind, url_column, r.entry, r.section, form, span)


def read_entry(
    pieces: list[Piece],
    start: int,
    place: Callable[[int], tuple[int, int]],
    *,
    index: int,
    line: int,
    end_line: int,
    column: int,
    marker: str,
    number: int | None,
    list_id: int,
    section: int | None,
    raw: str,
) -> Entry:
    """The entry whose content (at offset ``start``) is made of ``pieces``."""
    r = Reading(pieces, start, place, index, section)
    read_title_step(r, read_tag_step(r))
    read_links_step(r)
    tag, title = r.tag, r.title
    year = tag.year.text if tag is not None and tag.year is not None else ""
    venue = tag.venue if tag is not None else None
    shown = title is not None and (title.text or title.markup is not TitleMarkup.NONE)
    return Entry(
        index=index,
        line=line,
        end_line=end_line,
        column=column,
        marker=marker,
        number=number,
        list_id=list_id,
        section=section,
        raw=raw,
        content_column=place(start)[1],
        content_line=place(start)[0],
        tag=tag,
        title_info=title,
        links=tuple(r.links),
        texts=tuple(r.texts),
        year=int(year) if len(year) == 4 and year.isdecimal() else None,
        venue=venue.text if venue is not None else None,
        venue_column=venue.span.column if venue is not None else 0,
        tag_column=tag.span.column if tag is not None else 0,
        title=title.text if title is not None else "",
        title_column=title.span.column if title is not None and shown else 0,
    )
