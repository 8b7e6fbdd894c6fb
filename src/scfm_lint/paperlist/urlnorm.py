"""Normalized URL keys: two links to the same paper get the same key."""

from __future__ import annotations

from functools import lru_cache
import re
from typing import NamedTuple
from urllib.parse import parse_qsl, unquote, urlencode

#: URLs whose results are kept: a whole large list, checked by several rules.
_CACHE = 1 << 17
# Query parameters that track the reader rather than name the resource.
_TRACKING = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ref", "ref_src", "via"}
    | {"_returnurl", "cookieset", "rss", "sessionid", "s_cid", "campaign", "src"}
)
# scheme://netloc path ?query (#fragment dropped); faster than urlsplit on large lists.
_URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#\s]+)([^?#]*)(?:\?([^#]*))?")
_DOI = re.compile(r"(?:^|/)(10\.\d{4,9}/[^?#\s]+)", re.IGNORECASE)
_ARXIV_NEW = re.compile(r"(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)
_ARXIV_PATH = re.compile(
    r"^/(?:abs|pdf|html|format|ps)/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[a-z]{2})?/\d{7}))"
    r"(?:v\d+)?(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_PII = re.compile(r"\b(S\d{4}-?\d{3}[\dX])\(?(\d{2})\)?(\d{5})-?([\dX])", re.IGNORECASE)
# bioRxiv / medRxiv dated DOI suffixes, with optional version and view suffixes.
_RXIV_DATED = re.compile(r"(\d{4}\.\d{2}\.\d{2}\.\d{5,}|\d{6,})(?:v\d+)?", re.IGNORECASE)
_RXIV_SUFFIX = re.compile(
    r"(?:v\d+)?(?:\.full(?:\.pdf)?(?:\+html)?|\.abstract|\.full-text|\.supplementary-material"
    r"|\.article-info|\.article-metrics|\.pdf)?/?$",
    re.IGNORECASE,
)
_NATURE = re.compile(r"/articles/([a-z0-9.-]+?)(?:\.pdf)?/?$", re.IGNORECASE)
_RXIV_EARLY = re.compile(r"/early/\d{4}/\d{2}/\d{2}/([\d.]+?)(?:v\d+)?(?:\.full|\.pdf|$)")
_RS = re.compile(r"\brs-(\d+)")
_PMC = re.compile(r"/(PMC\d+)", re.IGNORECASE)
_PUBMED = re.compile(r"/(\d+)")
_ARXIV_HOSTS = frozenset({"arxiv.org", "export.arxiv.org"})
_RXIV_HOSTS = frozenset({"biorxiv.org", "medrxiv.org"})
_DOI_TAIL = re.compile(r"(?:/(?:full|abstract|pdf|epdf|html))+/?$|[.,;)]+$", re.IGNORECASE)


def _split(url: str) -> tuple[str, str, str]:
    parts = _URL.match(url.strip())
    if parts is None:
        return "", "", ""
    host = parts.group(1).rpartition("@")[2].lower()
    if ":" in host:
        host = host.partition(":")[0]
    return host.removeprefix("www."), parts.group(2), parts.group(3) or ""


@lru_cache(maxsize=_CACHE)
def split_host(url: str) -> tuple[str, str, str]:
    """The lower-case host without ``www.`` and port, the path, and the raw query of ``url``."""
    return _split(url)


def doi_in(host: str, path: str) -> str | None:
    """:func:`doi_of` for a URL already split by :func:`split_host`."""
    path = unquote(path)
    if host.endswith("nature.com"):
        # nature.com/articles/<id> is the landing page of DOI 10.1038/<id>.
        article = _NATURE.match(path)
        if article:
            return f"10.1038/{article.group(1)}".lower()
    if host in _RXIV_HOSTS:
        early = _RXIV_EARLY.search(path)
        if early:
            return f"10.1101/{early.group(1)}".lower()
    found = _DOI.search(path)
    if found is None:
        return None
    prefix, _, suffix = found.group(1).partition("/")
    if prefix in {"10.1101", "10.64898"}:
        dated = _RXIV_DATED.match(suffix)
        if dated:
            return f"{prefix}/{dated.group(1)}".lower()
        suffix = _RXIV_SUFFIX.sub("", suffix)
    return _DOI_TAIL.sub("", f"{prefix}/{suffix}").lower()


def arxiv_in(host: str, path: str) -> str | None:
    """:func:`arxiv_id` for a URL already split by :func:`split_host`."""
    if host in _ARXIV_HOSTS:
        found = _ARXIV_PATH.match(path)
        return found.group(1).lower() if found else None
    if "10.48550" not in path:
        return None
    doi = doi_in(host, path)
    if doi and doi.startswith("10.48550/arxiv."):
        found = _ARXIV_NEW.fullmatch(doi.removeprefix("10.48550/arxiv."))
        return found.group(1) if found else None
    return None


def pii_in(text: str) -> str | None:
    """:func:`pii_of` without the cache, for text already at hand."""
    found = _PII.search(unquote(text))
    if found is None:
        return None
    return "".join(found.groups()).replace("-", "").upper()


class UrlIds(NamedTuple):
    """A URL split once, with the paper identifiers it holds (None when it holds none)."""

    host: str
    path: str
    query: str
    arxiv: str | None
    doi: str | None
    pii: str | None


@lru_cache(maxsize=_CACHE)
def ids(url: str) -> UrlIds:
    """Split ``url`` and read its arXiv id, DOI and PII, once per URL for every rule."""
    host, path, query = _split(url)
    if not host:
        return UrlIds("", "", "", None, None, None)
    arxiv = arxiv_in(host, path)
    pii = pii_in(path) if not arxiv and ("S" in path or "s" in path) else None
    return UrlIds(host, path, query, arxiv, doi_in(host, path), pii)


def doi_of(url: str) -> str | None:
    """The DOI a URL names (``doi.org/…``, ``/doi/…``, a bioRxiv content path …), lower-cased.

    Version and view suffixes of preprint DOIs (``v2``, ``.full.pdf``) are dropped.
    """
    return ids(url).doi


def pii_of(text: str) -> str | None:
    """An Elsevier PII in its compact form (``S2666389925001746``), if ``text`` holds one."""
    return pii_in(text)


def arxiv_id(url: str) -> str | None:
    """The arXiv identifier without version (``2503.03485``), if the URL names one."""
    return ids(url).arxiv


@lru_cache(maxsize=_CACHE)
def url_key(url: str) -> str:
    """A key that two spellings of one resource share.

    Papers collapse to ``arxiv:``, ``doi:``, ``pii:``, ``openreview:``, ``pmc:``, ``pubmed:``
    or ``researchsquare:`` keys; other URLs lose scheme, ``www.``, port, fragment, trailing
    slash and tracking parameters, and keep the rest (paths are case-sensitive).
    """
    url = url.strip()
    host, path, query, arxiv, doi, pii = ids(url)
    if not host:
        return url
    if arxiv:
        return f"arxiv:{arxiv}"
    if pii:
        return f"pii:{pii}"
    if host.endswith("researchsquare.com") or (doi and doi.startswith("10.21203/rs.")):
        rs = _RS.search(path)
        if rs:
            return f"researchsquare:rs-{rs.group(1)}"
    if doi:
        return f"doi:{doi}"
    if host == "openreview.net":
        ident = dict(parse_qsl(query)).get("id")
        if ident:
            return f"openreview:{ident}"
    if host.endswith("ncbi.nlm.nih.gov"):
        pmc = _PMC.search(path)
        if pmc:
            return f"pmc:{pmc.group(1).upper()}"
        pmid = _PUBMED.match(path) if host == "pubmed.ncbi.nlm.nih.gov" else None
        if pmid:
            return f"pubmed:{pmid.group(1)}"
    params = [
        (k, v)
        for k, v in parse_qsl(unquote(query), keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in _TRACKING
    ]
    clean_query = urlencode(sorted(params))
    return host + path.rstrip("/") + (f"?{clean_query}" if clean_query else "")
