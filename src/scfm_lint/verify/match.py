"""Compare what an entry says (title, year, venue) with what a metadata service says. Pure."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from difflib import SequenceMatcher
import html
import re
import unicodedata

_TAG = re.compile(r"<[^>]{1,200}>")
_DASHES = dict.fromkeys(
    map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-"
)
_NOT_WORD = re.compile(r"[\W_]+")
_STOP = frozenset({"the", "of", "in", "and", "for", "on", "a", "an", "to"})
PREPRINT_SERVERS = {
    "arxiv": "arXiv",
    "biorxiv": "bioRxiv",
    "medrxiv": "medRxiv",
    "research square": "Research Square",
    "chemrxiv": "ChemRxiv",
    "ssrn": "SSRN",
    "preprints": "Preprints",
}
"""Normalized preprint-server names -> their spelling."""


def words(text: str) -> list[str]:
    """Case-, accent-, dash- and punctuation-blind words of ``text`` (markup removed)."""
    text = _TAG.sub(" ", html.unescape(text)).translate(_DASHES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return [w for w in _NOT_WORD.split(text.casefold().replace("&", " and ")) if w]


def _forms(title: str) -> tuple[str, str | None, str | None]:
    """The title; the title without a short ``Model:`` head; the main title without its
    subtitle when that main title is long enough to name a paper alone (None otherwise)."""
    full = " ".join(words(title))
    head, sep, rest = title.partition(":")
    if not sep or not rest.strip():
        return full, None, None
    head_words = words(head)
    short = " ".join(words(rest)) if 0 < len(head_words) <= 5 else None
    main = " ".join(head_words) if len(head_words) >= 4 else None
    return full, short, main


def _close(a: str, b: str, threshold: float) -> bool:
    if a.replace(" ", "") == b.replace(" ", ""):
        return True
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= threshold


def titles_match(listed: str, found: str, threshold: float = 0.9) -> bool:
    """Whether two titles name the same paper.

    Tolerates case, accents, punctuation, Unicode dashes, markup, joined or split words
    (``single-cell`` / ``singlecell``), a ``Model:`` prefix or a subtitle on one side
    only, and small edits (``threshold`` is the lowest
    :class:`difflib.SequenceMatcher` ratio that matches).
    """
    ours, ours_rest, ours_main = _forms(listed)
    theirs, theirs_rest, theirs_main = _forms(found)
    if not ours or not theirs:
        return True  # nothing to compare: not evidence of a wrong link
    # Two different model names before the same subtitle are two papers, so a partial
    # form is only ever compared with a whole title.
    pairs = [
        (ours, theirs),
        (ours_rest, theirs),
        (ours, theirs_rest),
        (ours_main, theirs),
        (ours, theirs_main),
    ]
    return any(a and b and _close(a, b, threshold) for a, b in pairs)


def year_matches(listed: int | None, years: Collection[int]) -> bool:
    """Whether the tag's year is one the service gives (print, online, issue or version)."""
    return listed is None or not years or listed in years


def preprint_server(venue: str | None) -> str | None:
    """The preprint server a venue names (``bioRxiv``), or None for journals and meetings."""
    if not venue:
        return None
    return PREPRINT_SERVERS.get(" ".join(words(venue)))


def _content(names: Iterable[str]) -> list[str]:
    return [w for w in names if w not in _STOP]


def _abbreviates(short: list[str], long: list[str]) -> bool:
    """``brief bioinformatics`` abbreviates ``briefings bioinformatics``; ``pnas`` ``p n a s``."""
    if len(short) == len(long) and all(b.startswith(a) for a, b in zip(short, long, strict=True)):
        return True
    return len(short) == 1 and len(long) > 1 and short[0] == "".join(w[0] for w in long)


def venue_matches(listed: str | None, names: Iterable[str | None]) -> bool:
    """Whether the tag's venue is one of ``names`` (full or short titles), allowing
    abbreviations, ``&`` for ``and``, and stop words."""
    if not listed:
        return True
    ours = _content(words(listed))
    known = [_content(words(name)) for name in names if name]
    if not known or not ours:
        return True
    return any(
        ours == theirs or _abbreviates(ours, theirs) or _abbreviates(theirs, ours)
        for theirs in known
    )
