"""URL rewrites a rule can offer as fixes: arXiv ``pdf`` to ``abs`` (safe), ``http`` to ``https``.

No rule reports these yet; a rule that does attaches :func:`link_fix` with one of the
rewrites below, and ``--fix`` applies it like any other fix.
"""

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
