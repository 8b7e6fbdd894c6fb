"""Read one list item's inline tokens as a paper entry: ``[YEAR VENUE] **Title** [[label]](url)``.

A deviating item is still an entry; what deviates is recorded as a :class:`Problem`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
import re

from markdown_it.token import Token

from scfm_lint.document.model import Entry, Link, Problem

_BARE_URL = re.compile(r"https?://[^\s<>\"'`\]]+")
_SPACE_COLON = re.compile(r"^([^\s:][^:]{0,60}?)(\s+):")
_SEPARATORS = frozenset({"", "·", "|"})


class Cursor:
    """Finds token texts in the source, left to right, so positions are exact."""

    def __init__(
        self,
        text: str,
        start: int,
        to_line_col: Callable[[int], tuple[int, int]],
        offsets: Sequence[int] | None = None,
    ):
        self.text = text
        self.pos = start
        self.to_line_col = to_line_col
        # The entry's first line, where nearly every position falls: no search needed there.
        self.line, col = to_line_col(start)
        self.lo = start - col + 1
        if offsets is not None and self.line < len(offsets):
            self.hi = offsets[self.line]
        else:
            self.hi = self.lo if offsets is None else len(text) + 1

    def find(self, needle: str) -> int:
        """Offset of ``needle`` at or after the cursor; moves the cursor past it."""
        if not needle:
            return self.pos
        at = self.text.find(needle, self.pos)
        if at < 0 or self.text.find("\n\n", self.pos, at) >= 0:
            return self.pos
        self.pos = at + len(needle)
        return at

    def seek(self, needle: str) -> int:
        """Like :meth:`find`, but -1 (the cursor unmoved) when ``needle`` is not found."""
        if not needle:
            return self.pos
        at = self.text.find(needle, self.pos)
        if at < 0 or self.text.find("\n\n", self.pos, at) >= 0:
            return -1
        self.pos = at + len(needle)
        return at

    def line_col(self, offset: int) -> tuple[int, int]:
        if self.lo <= offset < self.hi:
            return self.line, offset - self.lo + 1
        return self.to_line_col(offset)

    def col(self, offset: int) -> int:
        if self.lo <= offset < self.hi:
            return offset - self.lo + 1
        return self.to_line_col(offset)[1]


def _is_comment(token: Token) -> bool:
    return token.type == "html_inline" and token.content.startswith("<!--")


def _name_tag_at(children: Sequence[Token], i: int) -> bool:
    """Whether ``children[i:]`` reads ``**Name**]``: the second half of a name tag."""
    kinds = [c.type for c in children[i : i + 4]]
    return kinds == ["strong_open", "text", "strong_close", "text"] and children[
        i + 3
    ].content.startswith("]")


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
            if close >= 0 and text.find("\n\n", run, close) < 0:
                pos = close + run - pos
                continue
            pos = run
            continue
        elif ch == "\n" and text.startswith("\n", pos + 1):
            return -1
        pos += 1
    return -1


def link_target_form(text: str, link_off: int, after_label: int) -> tuple[bool, int]:
    """Whether the link whose ``[`` is at ``link_off`` is an inline link ``[x](url)``
    (else a reference link ``[x][ref]``, ``[x][]`` or ``[x]``), and the offset after its
    closing ``]`` (-1 if unknown). ``after_label``: where the cursor stands after the label
    text, a cheap guess that holds for nearly every link."""
    if text.startswith("](", after_label):
        return True, after_label + 1
    close = label_end(text, link_off)
    if close < 0:
        return True, -1
    return text.startswith("(", close + 1), close + 1


def reference_end(text: str, after: int) -> int:
    """Offset after the ``[ref]`` or ``[]`` that follows a reference link's text at ``after``."""
    if text.startswith("[", after):
        close = label_end(text, after)
        if close >= 0:
            return close + 1
    return after


def text_of(children: Sequence[Token], start: int, close: str) -> tuple[str, int]:
    """Plain text from ``children[start]`` up to the matching ``close`` token; index after it."""
    parts: list[str] = []
    depth = 0
    i = start
    opener = close.replace("_close", "_open")
    while i < len(children):
        child = children[i]
        if child.type == opener:
            depth += 1
        elif child.type == close:
            if depth == 0:
                return "".join(parts), i + 1
            depth -= 1
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        i += 1
    return "".join(parts), i


def parse_entry(
    *,
    index: int,
    line: int,
    end_line: int,
    column: int,
    marker: str,
    number: int | None,
    list_id: int,
    section: int | None,
    children: Sequence[Token],
    text: str,
    start: int,
    to_line_col: Callable[[int], tuple[int, int]],
    offsets: Sequence[int] | None = None,
) -> Entry:
    """Build an :class:`Entry` from a list item's inline children (``start``: content offset).

    ``offsets`` (where each line starts) only makes positions on the entry's line cheaper.
    """
    cur = Cursor(text, start, to_line_col, offsets)
    content_column = cur.col(start)
    raw_end = text.find("\n", start)
    raw = text[start : raw_end if raw_end >= 0 else len(text)]
    problems: list[Problem] = []
    links: list[Link] = []
    year_text: str | None = None
    venue: str | None = None
    venue_column = tag_column = title_column = 0
    title = ""
    title_at = start
    title_bold = False
    i = 0
    n = len(children)

    def problem(kind: str, off: int, detail: str = "", shift: int = 0) -> None:
        """Record a problem at offset ``off`` (``shift``: columns to move it by)."""
        ln, col = cur.line_col(off)
        problems.append(Problem(kind, col + shift, detail, 0 if ln == line else ln))

    def bare_urls(content: str, base: int) -> None:
        for m in _BARE_URL.finditer(content):
            off = base + m.start()
            ln, col = cur.line_col(off)
            url = m.group().rstrip(".,;:)")
            links.append(Link(url, url, ln, col, "bare", col, index, section))
            problem("bare-url", off, url)

    # 1. The tag.
    first = children[0] if children else None
    rest_after_tag = ""
    if first is not None and first.type == "text" and first.content.startswith("["):
        close = first.content.find("]")
        if close > 0:
            tag_off = cur.find(first.content)
            tag_column = cur.col(tag_off)
            inner = first.content[1:close]
            parts = inner.split(None, 1)
            if parts:
                year_text = parts[0]
                if len(parts) > 1:
                    venue = parts[1].strip()
                    venue_column = cur.col(tag_off + 1 + inner.find(parts[1]))
            rest_after_tag = first.content[close + 1 :]
            i = 1
            if rest_after_tag.strip() == "[" and _name_tag_at(children, 1):
                # The older ``[2023 bioRxiv][**scGPT**] **Title**`` form: a second tag.
                name = children[2].content
                problem("name-tag", tag_off + close + 1, name)
                cur.pos = tag_off + close + 2
                cur.find(name)
                cur.find("]")
                tail = children[4].content[1:]
                children = [Token("text", "", 0, content=tail), *children[5:]]
                n = len(children)
                i = 0
                rest_after_tag = ""
            if rest_after_tag.strip():
                # Text between the tag and the title: an unbolded title.
                title = rest_after_tag.strip()
                title_at = tag_off + close + 1 + rest_after_tag.find(title)
                title_column = cur.col(title_at)
    if tag_column == 0:
        problem("no-tag", start, raw[:40])

    # 2. The title.
    title_off = -1
    if not title and i < n:
        child = children[i]
        while i + 1 < n and (
            (child.type == "text" and not child.content.strip()) or _is_comment(child)
        ):
            if child.type == "html_inline":
                cur.find(child.content)
            i += 1
            child = children[i]
        if child.type in ("strong_open", "em_open"):
            title_bold = child.type == "strong_open"
            mark_off = cur.find(child.markup)
            title, i = text_of(children, i + 1, child.type.replace("_open", "_close"))
            title_off = mark_off + len(child.markup)
            title_column = cur.col(title_off)
            if title and cur.seek(title) < 0:
                # Written otherwise (``&amp;``, escapes): skip to the closing markup, so that
                # a ``[`` inside the title is not taken for a link.
                cur.find(child.markup)
            title = title.strip()
        elif child.type == "text":
            title = child.content.strip()
            if title:
                title_off = cur.find(title)
                title_column = cur.col(title_off)
            i += 1
    elif title:
        title_off = title_at
        # The title was the rest of the tag's text; more plain text may follow before links.
        while i < n and children[i].type == "text":
            more = children[i].content.strip()
            if more:
                title = f"{title} {more}"
            i += 1
    if title_off < 0:
        title_off = start
    if not title:
        problem("empty-title", title_off)
    elif not title_bold:
        problem("title-not-bold", title_off, title[:60])
    else:
        m = _SPACE_COLON.match(title)
        if m:
            problem("space-before-colon", title_off, m[1], len(m.group(1)))

    # 3. Links, separators and stray text.
    pending_open_bracket = False
    seen_link = False
    while i < n:
        child = children[i]
        ctype = child.type
        if ctype == "text":
            content = child.content
            off = cur.find(content)
            stripped = content.strip()
            if pending_open_bracket and stripped.startswith("]"):
                stripped = stripped[1:].strip()
                pending_open_bracket = False
            if stripped.endswith("[") and i + 1 < n and children[i + 1].type == "link_open":
                pending_open_bracket = True
                stripped = stripped[:-1].strip()
            if "://" in content:
                bare_urls(content, off)
            elif stripped not in _SEPARATORS:
                kind = "stray-text" if seen_link else "text-before-links"
                problem(kind, off + content.find(stripped), stripped)
            i += 1
            continue
        if ctype == "link_open":
            href = str(child.attrs.get("href", ""))
            label_text, after = text_of(children, i + 1, "link_close")
            auto = child.markup == "autolink"
            link_off = cur.find("<" if auto else "[")
            ln, col = cur.line_col(link_off)
            inline = True
            url_col = 0
            if auto:
                # ``<URL>``: the URL is the text (not searched for: it may recur further on).
                if text.startswith(href, link_off + 1):
                    url_col = cur.col(link_off + 1)
                end = text.find(">", link_off)
                if end >= 0:
                    cur.pos = end + 1
            else:
                if label_text:
                    cur.find(label_text)
                inline, close = link_target_form(text, link_off, cur.pos)
                if not inline:
                    cur.pos = reference_end(text, close)
                elif href:
                    url_col = cur.col(cur.find(href))
            if auto:
                links.append(Link(href, href, ln, col, "autolink", url_col, index, section))
                problem("bare-url", link_off, href)
            else:
                label = label_text.strip()
                if label.startswith("[") and label.endswith("]"):
                    label = label[1:-1].strip()
                elif pending_open_bracket:
                    problem("link-brackets", link_off, f"[[{label}]({href})]", -1)
                else:
                    problem("link-brackets", link_off, f"[{label}]({href})")
                kind = "markdown" if inline else "reference"
                links.append(Link(href, label, ln, col, kind, url_col, index, section))
                if not href.strip():
                    problem("empty-link-target", link_off, label)
            seen_link = True
            i = after
            continue
        if ctype == "image":
            # An image (a badge...) is not part of the format; its source is skipped, so that
            # its brackets are not taken for a link's.
            off = cur.find("![")
            close = label_end(text, off + 1)
            if close >= 0:
                cur.pos = close + 1
                src = str(child.attrs.get("src", ""))
                if text.startswith("(", cur.pos) and src:
                    cur.find(src)
            problem("stray-text", off, f"![{child.content}]")
        elif ctype == "html_inline":
            # Inline HTML is markup, not text: a comment is invisible (and may be a pragma);
            # a visible element is named by its tag.
            off = cur.find(child.content)
            if not _is_comment(child):
                problem("stray-text", off, child.content.strip())
        elif ctype not in ("softbreak", "hardbreak", "link_close"):
            off = cur.find(child.markup) if child.markup else cur.pos
            problem("stray-text", off, child.markup or child.type)
        i += 1
    if not links:
        problem("no-link", start)

    year = int(year_text) if year_text and year_text.isdigit() and len(year_text) == 4 else None
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
        content_column=content_column,
        year=year,
        year_text=year_text,
        venue=venue,
        venue_column=venue_column,
        tag_column=tag_column,
        title=title,
        title_column=title_column,
        title_bold=title_bold,
        links=tuple(links),
        problems=tuple(problems),
    )
