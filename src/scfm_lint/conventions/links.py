"""Link labels (the list's vocabulary) and link forms (arXiv page, scheme, DOI), learned."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
import re

from scfm_lint.conventions.model import CONFIG, DEFAULT, LEARNED, Convention
from scfm_lint.conventions.pins import Pins
from scfm_lint.conventions.shape import entry_like
from scfm_lint.conventions.vote import MIN_VOTES, decide, tally
from scfm_lint.document.model import Document, Link

#: A label used at most this often is rare: a candidate typo when it is close to a common one.
RARE_LABEL_USES = 2
#: A label used at least this often (or a known label) is common: what a rare one may mean.
COMMON_LABEL_USES = 5
#: Edit distance (insertions, deletions, substitutions) at which a rare label is "close";
#: labels of four letters or fewer must be within one edit.
CLOSE_EDITS = 2
LABELLED_KINDS = frozenset({"markdown", "reference"})
_WEB_KINDS = frozenset({"markdown", "autolink", "bare", "html"})
#: A label with a version tacked on (``paper v2``, ``code-2``): the base may be a common label.
_VERSIONED = re.compile(r"^(?P<base>.*?\S)[\s_-]*\(?v?\d{1,2}\)?$", re.IGNORECASE)
_ARXIV = re.compile(r"^https?://(?:www\.|export\.)?arxiv\.org/(abs|pdf)/", re.IGNORECASE)
#: The host of an absolute http(s) URL (a cheap stand-in for urlsplit on every link).
_HOST = re.compile(r"^https?://(?:[^/?#@]*@)?([^/?#:]+)", re.IGNORECASE)
_DOI_HOSTS = frozenset({"doi.org", "dx.doi.org"})
_NOT_PUBLISHER = ("arxiv.org", "biorxiv.org", "medrxiv.org", "github.com", "github.io")


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Levenshtein distance between two short strings; with ``limit``, any value above it
    stands for "further than the limit" (the rows stop as soon as every cell exceeds it)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if limit is not None and min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def entry_links(doc: Document) -> Iterable[Link]:
    """The links of items written as entries: ``1. [Tool](url): note`` lines (a section of
    tools, say) have links of their own habits and do not vote on the list's."""
    for e in doc.entries:
        if entry_like(e):
            yield from e.links


def _close(rare: str, common: str) -> bool:
    if abs(len(rare) - len(common)) > CLOSE_EDITS:
        return False  # lengths this far apart cannot be close: skip the distance
    a, b = rare.casefold(), common.casefold()
    if a == b:
        return rare != common
    limit = 1 if min(len(a), len(b)) <= 4 else CLOSE_EDITS
    return abs(len(a) - len(b)) <= limit and edit_distance(a, b, limit) <= limit


def suspects(
    counts: Sequence[tuple[str, int]], known: Iterable[str]
) -> tuple[tuple[str, str], ...]:
    """Rare labels that look like a slip for a common one: ``(rare, common)`` pairs.

    A known label is suspect only as another spelling of one the list uses often
    (``Paper`` once among many ``paper``); an unknown one when it is within a few edits of
    a common or known label (``papr``), or is one with a version tacked on (``paper v2``).
    """
    known_fold = sorted({k.casefold() for k in known})
    common = [label for label, n in counts if n >= COMMON_LABEL_USES]
    out = []
    for label, n in counts:
        if n > RARE_LABEL_USES:
            continue
        fold = label.casefold()
        if fold in known_fold:
            near = next((c for c in common if c != label and c.casefold() == fold), None)
        else:
            near = next((c for c in (*common, *known_fold) if _close(label, c)), None)
            versioned = _VERSIONED.match(label)
            if near is None and versioned is not None:
                base = versioned["base"].casefold()
                near = next((c for c in (*common, *known_fold) if c.casefold() == base), None)
        if near is not None:
            out.append((label, near))
    return tuple(out)


def labels(
    doc: Document, pins: Pins, known: Iterable[str]
) -> tuple[Convention[tuple[str, ...]], tuple[tuple[str, str], ...]]:
    """The vocabulary: every label the list uses but its suspects, or the pinned list."""
    used = [ln.label for ln in entry_links(doc) if ln.kind in LABELLED_KINDS and ln.label]
    evidence = tally(used)
    if pins.labels:
        pinned = {p.casefold() for p in pins.labels}
        odd = tuple((label, "") for label, _ in evidence if label.casefold() not in pinned)
        return Convention("labels", pins.labels, CONFIG, evidence), odd
    odd = suspects(evidence, known)
    rare = {label for label, _ in odd}
    vocab = tuple(label for label, _ in evidence if label not in rare)
    return Convention("labels", vocab, LEARNED if used else DEFAULT, evidence), odd


#: A link form with no clear majority whose plurality is not the default: nothing is flagged.
MIXED = "mixed"


def _form(name: str, votes: list[str], pins: Pins, default: str) -> Convention[str]:
    decided = decide(name, votes, pins.words.get(name), default)
    if decided.source != DEFAULT or len(votes) < MIN_VOTES:
        return decided
    top, n = decided.evidence[0]
    if top != default and n > dict(decided.evidence).get(default, 0):
        # No clear majority, and most links take the other form: flagging the list's own
        # majority would be noise, and flagging its minority would have no convention to cite.
        return Convention(name, MIXED, LEARNED, decided.evidence)
    return decided


def _host(url: str) -> str:
    m = _HOST.match(url)
    return m[1].lower().removeprefix("www.") if m else ""


def arxiv_form(url: str) -> str | None:
    """``abs`` or ``pdf`` for an arXiv link, None for any other URL."""
    m = _ARXIV.match(url)
    return m[1].lower() if m else None


def doi_form(link: Link) -> str | None:
    """``doi.org`` or ``publisher`` for a ``[[paper]]`` link, None for others (preprints,
    code)."""
    if link.label.casefold() != "paper":
        return None
    host = _host(link.url)
    if host in _DOI_HOSTS:
        return "doi.org"
    if host and not host.endswith(_NOT_PUBLISHER):
        return "publisher"
    return None


def link_forms(doc: Document, pins: Pins) -> tuple[Convention[str], ...]:
    """arXiv ``abs``/``pdf``, ``https``/``http`` and ``doi.org``/``publisher``."""
    arxiv: list[str] = []
    scheme: list[str] = []
    doi: list[str] = []
    for link in entry_links(doc):
        if link.kind not in _WEB_KINDS:
            continue
        url = link.url
        low = url[:8].lower()
        if low.startswith(("http://", "https://")):
            scheme.append("https" if low == "https://" else "http")
        form = arxiv_form(url)
        if form:
            arxiv.append(form)
        form = doi_form(link)
        if form:
            doi.append(form)
    return (
        _form("arxiv", arxiv, pins, "abs"),
        _form("scheme", scheme, pins, "https"),
        _form("doi", doi, pins, "publisher"),
    )
