"""Text edits rules attach as fixes: line endings, spans of lines, URL rewrites in place."""

from __future__ import annotations

import re

from scfm_lint.document.model import Document, Link
from scfm_lint.engine.finding import Edit, Fix

_ARXIV_PDF = re.compile(
    r"^(?P<base>https?://(?:www\.|export\.)?arxiv\.org)/pdf/"
    r"(?P<id>\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?P<version>v\d+)?(?:\.pdf)?/?$",
    re.IGNORECASE,
)


def arxiv_abs(url: str) -> str | None:
    """The abstract page of an arXiv PDF link (version kept), or None for any other URL.

    A query or fragment makes it None: the rewrite must not drop what the author wrote.
    """
    m = _ARXIV_PDF.match(url)
    if m is None:
        return None
    return f"{m['base']}/abs/{m['id']}{m['version'] or ''}"


def https(url: str) -> str | None:
    """The ``https`` form of an ``http`` URL, or None. Unsafe: not every host serves TLS."""
    if url[:7].lower() != "http://":
        return None
    return "https://" + url[7:]


def link_fix(doc: Document, link: Link, new_url: str, *, safe: bool) -> Fix | None:
    """A fix that writes ``new_url`` in place of ``link``'s URL, when its position is known."""
    if not new_url or not link.url_column or new_url == link.url:
        return None
    start = doc.offset(link.line, link.url_column)
    end = start + len(link.url)
    if doc.text[start:end] != link.url:
        return None
    return Fix((Edit(start, end, new_url),), f"write {new_url}", safe=safe)


def line_ending(text: str) -> str:
    """The file's line ending (its first line's), so inserted lines match the rest."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def owned_lines(doc: Document) -> frozenset[int]:
    """Lines a safe whitespace fix may touch: entries, headings, the Catalog's list, and
    blank lines outside code and HTML. Everything else (prose, where two trailing spaces are
    a line break, HTML, comments, code, reference definitions) keeps its bytes unless the
    user asks for unsafe fixes."""
    owned = {h.line for h in doc.headings}
    for e in doc.entries:
        owned.update(range(e.line, e.end_line + 1))
    if doc.catalog is not None and doc.catalog.line:
        owned.update(range(doc.catalog.line, doc.catalog.end_line + 1))
    kept = doc.code_lines | doc.html_lines
    owned.update(n for n, line in enumerate(doc.lines, 1) if not line.strip() and n not in kept)
    return frozenset(owned)


def span_of_lines(doc: Document, first: int, last: int) -> tuple[int, int]:
    """Offsets of lines ``first``..``last`` (1-based), trailing blank lines and the final
    line ending left out, so a block can be moved without carrying its surroundings."""
    while last > first and not doc.lines[last - 1].strip():
        last -= 1
    return doc.offset(first, 1), doc.line_offsets[last - 1] + len(doc.lines[last - 1])
