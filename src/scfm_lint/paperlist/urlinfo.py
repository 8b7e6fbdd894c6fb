"""What a URL says for certain about a paper: its server, journal identifiers and dates."""

from __future__ import annotations

from functools import lru_cache
import re
from typing import NamedTuple

from scfm_lint.paperlist.urlnorm import ids

# Springer Nature article ids: s41592-024-02201-0 (journal s41592, year 2024); BMC too.
_SPRINGER = re.compile(r"\b([sd]\d{5})-(\d{3})-\d{4,6}-[\da-z]\b", re.IGNORECASE)
_ELSEVIER_DOI = re.compile(r"^10\.1016/j\.[a-z-]+\.(\d{4})\.", re.IGNORECASE)
_ARXIV_NEW = re.compile(r"\d{4}\.\d{4,5}")
_RXIV_DATE = re.compile(r"^10\.(?:1101|64898)/(\d{4})\.(\d{2})\.\d{2}\.")
_PREPRINT_HOSTS = {
    "arxiv.org": "arXiv",
    "export.arxiv.org": "arXiv",
    "biorxiv.org": "bioRxiv",
    "medrxiv.org": "medRxiv",
    "researchsquare.com": "Research Square",
}


class UrlInfo(NamedTuple):
    """Facts read off a URL; every field is None when the URL does not say."""

    host: str
    server: str | None = None
    """The preprint server (``arXiv``, ``bioRxiv``...) when the host is one."""
    preprint: bool = False
    """The URL is a preprint, even if the server is not known (``doi.org/10.1101/...``)."""
    preprint_year: int | None = None
    """The year the preprint was first posted (arXiv id, bioRxiv/medRxiv dated DOI)."""
    preprint_month: int | None = None
    code: str | None = None
    """Springer Nature journal code of the article id (``s41592``)."""
    issn: str | None = None
    """ISSN embedded in an Elsevier PII (``2666-3899``)."""
    doi: str | None = None
    """The DOI the URL names, lower-cased."""
    id_year: int | None = None
    """The year a publisher's article id was assigned (Nature id, PII, Elsevier DOI)."""
    path: str = ""
    """``host`` + path, lower-cased, for URL-prefix matches."""


@lru_cache(maxsize=1 << 17)
def url_info(url: str) -> UrlInfo:
    """Read what ``url`` encodes; unknown hosts give an almost empty record."""
    host, path, _, arxiv, doi, pii = ids(url)
    if not host:
        return UrlInfo(host="")
    server = _PREPRINT_HOSTS.get(host)
    year = month = id_year = None
    code = issn = None
    if arxiv and _ARXIV_NEW.fullmatch(arxiv):
        year, month = 2000 + int(arxiv[:2]), int(arxiv[2:4])
        server = "arXiv"
    elif arxiv:  # old-style ids: q-bio/0601001
        yy = int(arxiv.rsplit("/", 1)[1][:2])
        year, month = (1900 + yy if yy >= 90 else 2000 + yy), int(arxiv.rsplit("/", 1)[1][2:4])
        server = "arXiv"
    preprint = server is not None
    if doi:
        dated = _RXIV_DATE.match(doi)
        if dated:
            year, month, preprint = int(dated.group(1)), int(dated.group(2)), True
        elif doi.startswith("10.21203/rs."):
            preprint = True
        elsevier = _ELSEVIER_DOI.match(doi)
        if elsevier:
            id_year = int(elsevier.group(1))
    springer = None
    if host.endswith(("nature.com", "biomedcentral.com", "springer.com")) or (
        doi and doi.startswith(("10.1038/", "10.1186/"))
    ):
        springer = _SPRINGER.search(doi or path)
    if springer:
        code, id_year = springer.group(1).lower(), 2000 + int(springer.group(2))
    if pii and not preprint:
        issn = f"{pii[1:5]}-{pii[5:9]}"
        yy = int(pii[9:11])
        id_year = 1900 + yy if yy >= 90 else 2000 + yy
    return UrlInfo(
        host=host,
        server=server,
        preprint=preprint,
        preprint_year=year,
        preprint_month=month,
        code=code,
        issn=issn,
        doi=doi,
        id_year=id_year,
        path=(host + path).lower(),
    )
