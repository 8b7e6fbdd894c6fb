"""Scholarly identifiers read off a link's URL: DOIs, PIIs, arXiv, OpenReview, PubMed ids.

Pure. Only identifiers that the URL names for certain are returned; anything guessed would
turn a living link into a false "not found", so such URLs are left to the page check.
"""

from __future__ import annotations

from dataclasses import dataclass
import re
from urllib.parse import parse_qs, unquote, urlsplit

SERVICE_OF = {
    "doi": "crossref",
    "pii": "crossref",
    "arxiv": "arxiv",
    "biorxiv": "biorxiv",
    "medrxiv": "biorxiv",
    "openreview": "openreview",
    "pubmed": "pubmed",
    "pmc": "pubmed",
}
"""Identifier scheme -> the service that answers for it (a key of ``verify:``)."""


@dataclass(frozen=True, slots=True, order=True)
class Identifier:
    """One identifier, normalized so that two links to one paper give equal values."""

    scheme: str
    """A key of :data:`SERVICE_OF`."""
    value: str
    """DOIs lower-cased; PIIs compact upper-case (``S0092867424013321``); arXiv ids without
    version; PubMed and PMC ids as digits."""

    @property
    def service(self) -> str:
        """The service that resolves this identifier."""
        return SERVICE_OF[self.scheme]

    def __str__(self) -> str:
        label = {"doi": "doi", "pii": "PII", "pmc": "PMC", "pubmed": "PMID"}.get(self.scheme)
        return f"{label or self.scheme}:{self.value}"


_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_IN_PATH = re.compile(
    r"/(?:doi|articles?|chapter|book|content)/(?:(?:abs|full|pdf|epdf|reader|epub)/)?"
    r"(10\.\d{4,9}/.+)$",
    re.IGNORECASE,
)
_DOI_VIEW = re.compile(r"(?:/(?:full|abstract|pdf|epdf|html|meta|references))+/?$", re.I)
_RXIV_VIEW = re.compile(
    r"(?:v\d+)?(?:\.full(?:\.pdf)?(?:\+html)?|\.abstract|\.full-text|\.supplementary-material"
    r"|\.article-info|\.article-metrics|\.pdf)?/?$",
    re.IGNORECASE,
)
_RXIV_DOI = re.compile(r"^10\.(?:1101|64898)/(?:\d{4}\.\d{2}\.\d{2}\.\d{5,}|\d{5,})$")
_ARXIV_NEW = r"\d{4}\.\d{4,5}"
_ARXIV_OLD = r"[a-z][a-z-]*(?:\.[a-z][a-z-]+)?/\d{7}"
_ARXIV_PATH = re.compile(
    rf"^/(?:abs|pdf|html|format|ps)/({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_ARXIV_DOI = re.compile(rf"^10\.48550/arxiv\.({_ARXIV_NEW}|{_ARXIV_OLD})$", re.IGNORECASE)
_PII = re.compile(r"(S\d{4}-?\d{3}[\dX])\(?(\d{2})\)?(\d{5})-?([\dX])", re.IGNORECASE)
_NATURE_ID = re.compile(r"^/articles/([a-z][a-z0-9._-]*\d[a-z0-9._-]*?)(?:\.pdf)?/?$", re.I)
_OPENREVIEW_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_PUBMED = re.compile(r"^/(?:pubmed/)?(\d{1,9})/?$")
_PMC = re.compile(r"^/(?:pmc/)?articles/PMC(\d{1,9})/?", re.IGNORECASE)
# academic.oup.com/<journal>/article/<volume>/<issue>/<article id>/<n>: the article id is the
# DOI's suffix only in journals whose ids look like ``bbae548``; page-numbered paths (NAR's
# D1099, Bioinformatics' 1607) say nothing of the DOI.
_OUP = re.compile(r"^/([a-z]+)/article/[^/]+/[^/]+/([a-z]{2,5}\d{2,5})(?:/|$)", re.I)
OUP_JOURNALS = {
    "bib": "bib",
    "bioinformatics": "bioinformatics",
    "bioinformaticsadvances": "bioadv",
    "database": "database",
    "gigascience": "gigascience",
    "nar": "nar",
    "nargab": "nargab",
    "nsr": "nsr",
}
"""academic.oup.com journal slugs whose DOIs read ``10.1093/<code>/<article id>``."""


# Registrants whose DOI suffixes never hold a slash: what follows one in a publisher's path
# (``/figures/1``, ``/metrics``) is a page of the article, not part of its DOI.
_SLASHLESS = frozenset(
    {"10.1002", "10.1007", "10.1016", "10.1038", "10.1073", "10.1101", "10.1126", "10.1145"}
    | {"10.1186", "10.1371", "10.64898"}
)


def normalize_doi(text: str) -> str | None:
    """A DOI as Crossref keys it (lower case, no view suffix), or None if ``text`` is none."""
    doi = unquote(text).strip().rstrip(".,;")
    doi = _DOI_VIEW.sub("", doi)
    while doi.endswith(")") and doi.count("(") < doi.count(")"):
        doi = doi[:-1]
    doi = doi.lower()
    prefix, _, suffix = doi.partition("/")
    if prefix in _SLASHLESS:
        doi = f"{prefix}/{suffix.split('/', 1)[0]}"
    return doi if _DOI.match(doi) else None


def _arxiv_id(text: str) -> str:
    """The id as the arXiv API knows it: ``math.GT/0309136`` is ``math/0309136``."""
    archive, slash, number = text.lower().partition("/")
    return f"{archive.split('.')[0]}/{number}" if slash else archive


def _from_doi(doi: str) -> Identifier:
    arxiv = _ARXIV_DOI.match(doi)
    if arxiv:
        return Identifier("arxiv", _arxiv_id(arxiv.group(1)))
    return Identifier("doi", doi)


def _rxiv(host: str, path: str) -> Identifier | None:
    found = _DOI_IN_PATH.search(path)
    if not found:
        return None
    doi = normalize_doi(_RXIV_VIEW.sub("", found.group(1)))
    if doi is None or not _RXIV_DOI.match(doi):
        return None
    return Identifier("medrxiv" if host.endswith("medrxiv.org") else "biorxiv", doi)


def _pii(text: str) -> Identifier | None:
    found = _PII.search(text)
    if not found:
        return None
    return Identifier("pii", "".join(found.groups()).replace("-", "").upper())


def _openreview(path: str, query: str) -> Identifier | None:
    if path.rstrip("/") not in ("/forum", "/pdf"):
        return None
    ids = parse_qs(query).get("id", [])
    if len(ids) != 1 or not _OPENREVIEW_ID.match(ids[0]):
        return None
    return Identifier("openreview", ids[0])


def _by_host(host: str, path: str, query: str) -> Identifier | None:
    """The identifier of a URL on a host known to embed one, else None."""
    if host in ("doi.org", "dx.doi.org"):
        doi = normalize_doi(path.lstrip("/"))
        return _from_doi(doi) if doi else None
    if host in ("biorxiv.org", "medrxiv.org", "connect.biorxiv.org"):
        return _rxiv(host, path)
    if host in ("arxiv.org", "export.arxiv.org"):
        found = _ARXIV_PATH.match(path)
        return Identifier("arxiv", _arxiv_id(found.group(1))) if found else None
    if host == "openreview.net":
        return _openreview(path, query)
    if host == "pubmed.ncbi.nlm.nih.gov" or (host == "ncbi.nlm.nih.gov" and "/pubmed/" in path):
        found = _PUBMED.match(path)
        return Identifier("pubmed", found.group(1)) if found else None
    if host in ("pmc.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov", "europepmc.org"):
        found = _PMC.match(path)
        return Identifier("pmc", found.group(1)) if found else None
    if host == "nature.com":
        found = _NATURE_ID.match(path)
        return Identifier("doi", f"10.1038/{found.group(1).lower()}") if found else None
    if host == "cell.com" or host.endswith(".cell.com") or host == "sciencedirect.com":
        pii_query = parse_qs(query).get("pii", [])
        return _pii(pii_query[0] if pii_query else path)
    if host == "academic.oup.com":
        return _oup(path)
    return _embedded(path)


def _oup(path: str) -> Identifier | None:
    found = _OUP.match(path)
    code = OUP_JOURNALS.get(found.group(1).lower()) if found else None
    if found and code:
        return Identifier("doi", f"10.1093/{code}/{found.group(2).lower()}")
    # /bib/advance-article/doi/10.1093/bib/bbaf380/8211111: the last number is OUP's own.
    embedded = re.search(r"/doi/(10\.1093/[a-z]+/[a-z0-9.]+)(?:/\d+)?/?$", path, re.I)
    doi = normalize_doi(embedded.group(1)) if embedded else None
    return Identifier("doi", doi) if doi else None


def _embedded(path: str) -> Identifier | None:
    """A DOI in a publisher's path: /doi/10.1126/..., /articles/10.1186/..."""
    found = _DOI_IN_PATH.search(path)
    doi = normalize_doi(found.group(1)) if found else None
    return _from_doi(doi) if doi else None


def identify(url: str) -> Identifier | None:
    """The identifier ``url`` names for certain, or None (left to the page check)."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return _by_host(host, parts.path, parts.query)
