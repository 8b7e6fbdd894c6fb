"""Read one list item's inline tokens as a paper entry: ``[YEAR VENUE] **Title** [[label]](url)``.

A deviating item is still an entry; what deviates is recorded as a :class:`Problem`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
import re

from markdown_it.token import Token

from scfm_lint.model import Entry, Link, Problem

_BARE_URL = re.compile(r"https?://[^\s<>\"'`\]]+")
_SPACE_COLON = re.compile(r"^([^\s:][^:]{0,60}?)(\s+):")
_SEPARATORS = frozenset({"", "·", "|"})


class _Cursor:
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

    def line_col(self, offset: int) -> tuple[int, int]:
        if self.lo <= offset < self.hi:
            return self.line, offset - self.lo + 1
        return self.to_line_col(offset)

    def col(self, offset: int) -> int:
        if self.lo <= offset < self.hi:
            return offset - self.lo + 1
        return self.to_line_col(offset)[1]


def _name_tag_at(children: Sequence[Token], i: int) -> bool:
    """Whether ``children[i:]`` reads ``**Name**]``: the second half of a name tag."""
    kinds = [c.type for c in children[i : i + 4]]
    return kinds == ["strong_open", "text", "strong_close", "text"] and children[
        i + 3
    ].content.startswith("]")


def _text_of(children: Sequence[Token], start: int, close: str) -> tuple[str, int]:
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
    cur = _Cursor(text, start, to_line_col, offsets)
    content_column = cur.col(start)
    raw_end = text.find("\n", start)
    raw = text[start : raw_end if raw_end >= 0 else len(text)]
    problems: list[Problem] = []
    links: list[Link] = []
    year_text: str | None = None
    venue: str | None = None
    venue_column = tag_column = title_column = 0
    title = ""
    title_bold = False
    i = 0
    n = len(children)

    def bare_urls(content: str, base: int) -> None:
        for m in _BARE_URL.finditer(content):
            off = base + m.start()
            ln, col = cur.line_col(off)
            url = m.group().rstrip(".,;:)")
            links.append(Link(url, url, ln, col, "bare", col, index, section))
            problems.append(Problem("bare-url", col, url))

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
                problems.append(Problem("name-tag", cur.col(tag_off + close + 1), name))
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
                title_column = cur.col(tag_off + close + 1 + rest_after_tag.find(title))
    if tag_column == 0:
        problems.append(Problem("no-tag", content_column, raw[:40]))

    # 2. The title.
    if not title and i < n:
        child = children[i]
        if child.type == "text" and not child.content.strip():
            i += 1
            child = children[i] if i < n else child
        if child.type in ("strong_open", "em_open"):
            title_bold = child.type == "strong_open"
            mark_off = cur.find(child.markup)
            title, i = _text_of(children, i + 1, child.type.replace("_open", "_close"))
            title_column = cur.col(mark_off + len(child.markup))
            if title:
                cur.find(title)
            title = title.strip()
        elif child.type == "text":
            title = child.content.strip()
            if title:
                title_column = cur.col(cur.find(title))
            i += 1
    elif title:
        # The title was the rest of the tag's text; more plain text may follow before links.
        while i < n and children[i].type == "text":
            more = children[i].content.strip()
            if more:
                title = f"{title} {more}"
            i += 1
    if not title:
        problems.append(Problem("empty-title", title_column or content_column))
    elif not title_bold:
        problems.append(Problem("title-not-bold", title_column or content_column, title[:60]))
    else:
        m = _SPACE_COLON.match(title)
        if m:
            problems.append(Problem("space-before-colon", title_column + len(m.group(1)), m[1]))

    # 3. Links, separators and stray text.
    pending_open_bracket = False
    seen_link = False
    while i < n:
        child = children[i]
        if child.type == "text":
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
                problems.append(Problem(kind, cur.col(off + content.find(stripped)), stripped))
            i += 1
            continue
        if child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            label_text, after = _text_of(children, i + 1, "link_close")
            auto = child.markup == "autolink"
            link_off = cur.find("<" if auto else "[")
            ln, col = cur.line_col(link_off)
            if label_text:
                cur.find(label_text)
            url_off = cur.find(href) if href else -1
            url_col = cur.col(url_off) if url_off >= 0 else 0
            if auto:
                links.append(Link(href, href, ln, col, "autolink", url_col, index, section))
                problems.append(Problem("bare-url", col, href))
            else:
                label = label_text.strip()
                if label.startswith("[") and label.endswith("]"):
                    label = label[1:-1].strip()
                elif pending_open_bracket:
                    problems.append(Problem("link-brackets", col - 1, f"[[{label}]({href})]"))
                else:
                    problems.append(Problem("link-brackets", col, f"[{label}]({href})"))
                links.append(Link(href, label, ln, col, "markdown", url_col, index, section))
                if not href.strip():
                    problems.append(Problem("empty-link-target", col, label))
            seen_link = True
            i = after
            continue
        if child.type not in ("softbreak", "hardbreak", "link_close"):
            off = cur.find(child.markup) if child.markup else cur.pos
            problems.append(Problem("stray-text", cur.col(off), child.markup or child.type))
        i += 1
    if not links:
        problems.append(Problem("no-link", content_column))

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
