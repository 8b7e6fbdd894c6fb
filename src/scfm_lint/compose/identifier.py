"""What the user typed (an id, a DOI, a URL) as an :class:`Identifier`, and its canonical URL."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from scfm_lint.document.model import Document
from scfm_lint.errors import UsageError
from scfm_lint.verify.ids import Identifier, identify, normalize_doi

_ARXIV = re.compile(
    r"^(?:arxiv:\s*)?(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[a-z]{2})?/\d{7})(v\d+)?$", re.I
)
_PMID = re.compile(r"^(?:pmid:?\s*)?(\d{1,9})$", re.IGNORECASE)
_PMC = re.compile(r"^(?:pmcid:?\s*)?PMC(\d{1,9})$", re.IGNORECASE)
_DOI = re.compile(r"^(?:doi:\s*)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_RXIV = re.compile(r"^10\.(?:1101|64898)/(\d{4}\.\d{2}\.\d{2}\.(\d{5,})|\d{5,})$")
_VERSION = re.compile(r"(v\d+)(?:\.full|\.abstract|\.pdf|\.full\.pdf(?:\+html)?)?/?$", re.I)
_VERSIONED = re.compile(r"\d(v\d+)(?:\.[a-z+]+)*/?$", re.IGNORECASE)
_HOSTLESS = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/", re.IGNORECASE)


def _rxiv_scheme(doi: str) -> str | None:
    """``biorxiv`` or ``medrxiv`` for a dated bioRxiv-style DOI (medRxiv numbers have 8
    digits), None for any other DOI."""
    found = _RXIV.match(doi)
    if not found:
        return None
    return "medrxiv" if found.group(2) and len(found.group(2)) == 8 else "biorxiv"


def _bare(text: str) -> Identifier | None:
    if found := _ARXIV.match(text):
        name, slash, number = found.group(1).lower().partition("/")
        return Identifier("arxiv", f"{name.split('.')[0]}/{number}" if slash else name)
    if found := _PMC.match(text):
        return Identifier("pmc", found.group(1))
    if found := _PMID.match(text):
        return Identifier("pubmed", found.group(1))
    if found := _DOI.match(text):
        doi = normalize_doi(found.group(1))
        if doi is None:
            return None
        return identify(f"https://doi.org/{doi}")
    return None


def parse_identifier(text: str) -> tuple[Identifier, str | None]:
    """The identifier ``text`` names, and the URL it was given as (None for a bare id).

    Raises :class:`UsageError` (exit 2) for anything else."""
    text = text.strip()
    url = None
    found = _bare(text)
    if found is None:
        url = f"https://{text}" if _HOSTLESS.match(text) else text
        found = identify(url)
    if found is None:
        raise UsageError(
            f"{text!r}: not an identifier (an arXiv id, a DOI, a PubMed id, or a URL of"
            " arXiv, doi.org, bioRxiv, medRxiv, OpenReview, PubMed or a publisher page"
            " that names a DOI)"
        )
    if found.scheme == "doi" and (rxiv := _rxiv_scheme(found.value)):
        found = Identifier(rxiv, found.value)
    return found, url


def _https(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    path = re.sub(r"/doi/(?:pdf|epdf|pdfdirect|full|abs)/10\.", "/doi/10.", parts.path)
    if host.endswith("nature.com"):
        path = path.removesuffix(".pdf")
    if host.endswith("cell.com") and "/pdf/" in path:
        path = path.replace("/pdf/", "/fulltext/").removesuffix(".pdf")
    if host.endswith("sciencedirect.com"):
        path = re.sub(r"(/pii/[^/]+)/pdfft.*$", r"\1", path)
    return urlunsplit(("https", parts.netloc.lower(), path, parts.query, ""))


def _rxiv_version(given: str | None, habit: str | None) -> str:
    if given:
        path = urlsplit(given).path
        found = _VERSION.search(path)
        if found:
            return found.group(1).lower()
    return habit or ""


def canonical_url(
    ident: Identifier,
    given: str | None,
    *,
    doi_form: str = "publisher",
    rxiv_version: str | None = None,
) -> str:
    """The URL the entry links: the abstract page (never the PDF), over https.

    ``doi_form`` is the list's habit for DOIs (``doi.org`` or ``publisher``); a publisher
    URL the user gave is kept (cleaned of PDF views). ``rxiv_version`` (``v1``) is added to a
    bioRxiv link given without a version when the list writes versions."""
    scheme, value = ident.scheme, ident.value
    if scheme == "arxiv":
        version = ""
        if given and (found := re.search(r"(v\d+)(?:\.pdf)?/?$", urlsplit(given).path)):
            version = found.group(1)
        return f"https://arxiv.org/abs/{value}{version}"
    if scheme in ("biorxiv", "medrxiv"):
        host = "www.medrxiv.org" if scheme == "medrxiv" else "www.biorxiv.org"
        return f"https://{host}/content/{value}{_rxiv_version(given, rxiv_version)}"
    if scheme == "openreview":
        return f"https://openreview.net/forum?id={value}"
    if scheme == "pubmed":
        return f"https://pubmed.ncbi.nlm.nih.gov/{value}/"
    if scheme == "pmc":
        return f"https://pmc.ncbi.nlm.nih.gov/articles/PMC{value}/"
    host = (urlsplit(given).hostname or "").lower() if given else ""
    if given and host not in ("doi.org", "dx.doi.org"):
        return _https(given)
    if scheme == "doi" and doi_form == "publisher" and value.startswith("10.1038/"):
        return f"https://www.nature.com/articles/{value.partition('/')[2]}"
    return f"https://doi.org/{value}"


def rxiv_version_habit(doc: Document) -> str | None:
    """``v1`` when most of the list's bioRxiv/medRxiv links name a version."""
    votes = [
        _VERSIONED.search(link.url) is not None
        for e in doc.entries
        for link in e.links
        if (i := identify(link.url)) is not None and i.scheme in ("biorxiv", "medrxiv")
    ]
    return "v1" if votes and sum(votes) * 2 > len(votes) else None
