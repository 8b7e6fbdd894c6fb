"""Read each service's documented response format into :class:`Paper` records. Pure.

Crossref works (JSON ``message``), arXiv API (Atom feed), bioRxiv/medRxiv details (JSON
``messages`` + ``collection``), OpenReview notes (API 1 and 2 ``content`` shapes) and NCBI
E-utilities esummary (JSON ``result``). A body that does not have the documented shape
raises :class:`ValueError`, which the caller turns into an ``unknown`` verdict.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
import html
import re
from typing import Any
import xml.etree.ElementTree as ET

from scfm_lint.verify.ids import Identifier, normalize_doi
from scfm_lint.verify.record import Paper

_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"</?[a-zA-Z][\w:.-]*(?:\s[^<>]*)?/?>")
_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"
_ARXIV_ID = re.compile(r"/abs/(.+?)(?:v\d+)?$")


def _text(value: Any) -> str:
    """Whitespace collapsed; JATS/HTML markup that Crossref keeps in titles removed."""
    if not isinstance(value, str):
        return ""
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", value))).strip()


def _first(value: Any) -> str | None:
    if isinstance(value, list) and value and isinstance(value[0], str):
        return _text(value[0]) or None
    return _text(value) or None


def _years(*years: int | None) -> tuple[int, ...]:
    """Distinct years, the first given first."""
    out: list[int] = []
    for year in years:
        if year is not None and year not in out:
            out.append(year)
    return tuple(out)


def _date_year(part: Any) -> int | None:
    try:
        year = part["date-parts"][0][0]
    except (KeyError, IndexError, TypeError):
        return None
    return year if isinstance(year, int) else None


def crossref_items(body: Any) -> list[Mapping[str, Any]]:
    """The works of a ``/works`` answer (a list) or of ``/works/{doi}`` (one work)."""
    if not isinstance(body, Mapping) or not isinstance(body.get("message"), Mapping):
        raise ValueError("not a Crossref answer")
    message = body["message"]
    if body.get("message-type") == "work":
        return [message]
    items = message.get("items")
    if not isinstance(items, list):
        raise ValueError("Crossref answer without items")
    return [item for item in items if isinstance(item, Mapping)]


def _rxiv_server(doi: str) -> str | None:
    """The server of a bioRxiv/medRxiv DOI when a work's ``institution`` is not at hand
    (it is not selectable in list queries): medRxiv numbers have eight digits."""
    found = re.match(r"^10\.(?:1101|64898)/\d{4}\.\d{2}\.\d{2}\.(\d+)", doi.lower())
    if not found:
        return None
    return "medRxiv" if len(found.group(1)) == 8 else "bioRxiv"


def _with_subtitle(title: str, subtitle: str | None) -> str:
    """Some publishers deposit ``Title`` and ``subtitle`` apart; readers see them joined."""
    if not subtitle or subtitle.casefold() in title.casefold():
        return title
    return f"{title}: {subtitle}"


def relations(work: Mapping[str, Any], name: str) -> list[str]:
    """The DOIs a Crossref ``relation`` of this name points to (``has-preprint``...)."""
    relation = work.get("relation")
    if not isinstance(relation, Mapping):
        return []
    found = (
        normalize_doi(str(rel["id"]))
        for rel in relation.get(name) or ()
        if isinstance(rel, Mapping) and rel.get("id-type") == "doi" and rel.get("id")
    )
    return [doi for doi in found if doi]


def _relation(work: Mapping[str, Any], name: str) -> str | None:
    return next(iter(relations(work, name)), None)


def _updates(work: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """``updated-by`` notices as (type, DOI) pairs."""
    found = work.get("updated-by")
    if not isinstance(found, list):
        return ()
    return tuple(
        # The notice's DOI as deposited: PLOS annotation DOIs keep their slashes.
        (str(u.get("type") or "").lower(), str(u.get("DOI") or "").strip().lower())
        for u in found
        if isinstance(u, Mapping) and u.get("type")
    )


def _event_year(work: Mapping[str, Any]) -> int | None:
    """A proceedings paper's meeting year: the event's start date, else a year in its name."""
    event = work.get("event")
    if not isinstance(event, Mapping):
        return None
    year = _date_year(event.get("start"))
    if year is None:
        found = _YEAR.search(_text(event.get("name")))
        year = int(found.group(1)) if found else None
    return year


def crossref_work(work: Mapping[str, Any], ident: Identifier) -> Paper:
    """One Crossref work."""
    dates = {key: _date_year(work.get(key)) for key in ("published-online", "published-print")}
    issued = _date_year(work.get("issued"))
    # ``issued`` is ``[[null]]`` on some old proceedings: the meeting's year still dates
    # them. ``created`` does not: it is the deposit (2004 for a 2003 workshop paper).
    if issued is None and not any(dates.values()):
        issued = _event_year(work)
    posted = _date_year(work.get("posted")) or issued
    earliest = min((y for y in (*dates.values(), issued) if y is not None), default=None)
    preprint = work.get("type") == "posted-content"
    venue = _first(work.get("container-title"))
    if preprint:
        institution = work.get("institution")
        names = (
            [i.get("name") for i in institution if isinstance(i, Mapping)]
            if isinstance(institution, list)
            else []
        )
        venue = _first(names) or _rxiv_server(str(work.get("DOI", ""))) or venue
    return Paper(
        ident=ident,
        title=_with_subtitle(_first(work.get("title")) or "", _first(work.get("subtitle"))),
        years=_years(posted if preprint else earliest, *dates.values(), issued),
        venue=venue,
        venue_short=_first(work.get("short-container-title")),
        preprint=preprint,
        kind=str(work.get("type") or ""),
        published_doi=_relation(work, "is-preprint-of") if preprint else None,
        doi=normalize_doi(str(work.get("DOI", ""))),
        preprint_doi=None if preprint else _relation(work, "has-preprint"),
        updates=_updates(work),
    )


def crossref_alternative_ids(work: Mapping[str, Any]) -> list[str]:
    """A work's alternative ids (Elsevier PIIs), compact and upper-case."""
    ids = work.get("alternative-id")
    if not isinstance(ids, list):
        return []
    return [re.sub(r"[^0-9A-Z]", "", str(i).upper()) for i in ids]


def arxiv_feed(text: str) -> dict[str, Paper]:
    """The papers of an arXiv API Atom feed by id (no version); error entries are skipped."""
    try:
        # Expat (bundled since 3.7.1) refuses entity-expansion bombs; the feed is the service.
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise ValueError(f"arXiv feed is not XML: {exc}") from None
    if root.tag != f"{_ATOM}feed":
        raise ValueError("not an Atom feed")
    papers: dict[str, Paper] = {}
    for entry in root.iter(f"{_ATOM}entry"):
        found = _ARXIV_ID.search(entry.findtext(f"{_ATOM}id") or "")
        if not found or "/api/errors" in (entry.findtext(f"{_ATOM}id") or ""):
            continue
        key = found.group(1).lower()
        published = _YEAR.search(entry.findtext(f"{_ATOM}published") or "")
        updated = _YEAR.search(entry.findtext(f"{_ATOM}updated") or "")
        doi = normalize_doi(entry.findtext(f"{_ARXIV}doi") or "")
        journal, journal_year = journal_ref(entry.findtext(f"{_ARXIV}journal_ref") or "")
        papers[key] = Paper(
            ident=Identifier("arxiv", key),
            title=_text(entry.findtext(f"{_ATOM}title")),
            years=_years(*(int(m.group(1)) for m in (published, updated) if m)),
            venue="arXiv",
            preprint=True,
            kind="posted-content",
            published_doi=doi,
            published_venue=journal,
            published_year=journal_year,
            doi=f"10.48550/arxiv.{key}",
        )
    return papers


_REF_DETAILS = re.compile(r"[\s,;:]*(?:\d|\(|\b(?:vol|volume|pp|no)\b\.?)", re.IGNORECASE)


def journal_ref(text: str) -> tuple[str | None, int | None]:
    """An arXiv ``journal_ref`` split into its venue and year: ``J. Chem. Phys. 115, 1626
    (2001)`` -> (``J. Chem. Phys.``, 2001); the year is the last one written."""
    text = _text(text)
    years = _YEAR.findall(text)
    venue = _REF_DETAILS.split(text, maxsplit=1)[0].strip(" ,;:")
    return venue or None, int(years[-1]) if years else None


def biorxiv_details(body: Any, ident: Identifier) -> Paper | None:
    """A bioRxiv/medRxiv ``/details`` answer: the paper, or None when there is no such DOI."""
    if not isinstance(body, Mapping) or not isinstance(body.get("messages"), list):
        raise ValueError("not a bioRxiv answer")
    versions = [v for v in body.get("collection") or () if isinstance(v, Mapping)]
    if not versions:
        return None
    years = [int(m.group(1)) for v in versions if (m := _YEAR.match(str(v.get("date", ""))))]
    latest = versions[-1]
    published = str(latest.get("published") or "")
    return Paper(
        ident=ident,
        title=_text(latest.get("title")),
        years=_years(*years),
        venue="medRxiv" if ident.scheme == "medrxiv" else "bioRxiv",
        preprint=True,
        kind="posted-content",
        published_doi=normalize_doi(published) if published.upper() != "NA" else None,
        doi=ident.value,
    )


def _value(content: Mapping[str, Any], key: str) -> str:
    field = content.get(key)
    return _text(field.get("value") if isinstance(field, Mapping) else field)


def _ms_year(value: Any) -> int | None:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
        return None
    return datetime.fromtimestamp(value / 1000, tz=timezone.utc).year


_NOT_ACCEPTED = re.compile(
    r"^(?:submitted to|under review)|\b(?:withdrawn|rejected|desk.rejected)\b|\bsubmission\b"
    r"|^acl arr\b",
    re.IGNORECASE,
)
_NOT_ACCEPTED_ID = re.compile(r"/(?:Desk_)?(?:Rejected|Withdrawn)_Submission$|/ARR/", re.I)


def openreview_venue(venue: str, venueid: str = "") -> tuple[str | None, int | None]:
    """``NeurIPS 2023 poster`` -> (``NeurIPS``, 2023); a workshop keeps ``Workshop``;
    ``Submitted to ICLR 2025``, ``ICLR 2024 Conference Withdrawn Submission``, a desk-rejected
    or rejected submission and an ACL Rolling Review submission are no venue (the paper was
    not accepted there)."""
    found = _YEAR.search(venue)
    year = int(found.group(1)) if found else None
    if not venue or _NOT_ACCEPTED.search(venue) or _NOT_ACCEPTED_ID.search(venueid):
        return None, year
    name = venue[: found.start()].strip() if found else venue
    if "workshop" in venue.lower() and "workshop" not in name.lower():
        name = f"{name} Workshop"
    return name or None, year


def _dblp_arxiv(note: Mapping[str, Any], content: Mapping[str, Any]) -> bool:
    """A note OpenReview imported from DBLP's record of an arXiv paper (``CoRR``)."""
    invitations = [str(i) for i in note.get("invitations") or () if isinstance(i, str)]
    imported = any(i.startswith("DBLP.org/") for i in invitations) or str(
        note.get("invitation", "")
    ).startswith("DBLP.org/")
    where = f"{_value(content, 'venue')} {_value(content, 'venueid')}".lower()
    return imported and ("corr" in where.split() or "/corr/" in where)


def openreview_notes(body: Any, ident: Identifier) -> Paper | None:
    """An OpenReview ``/notes`` answer: the forum's paper, or None when there is none."""
    if not isinstance(body, Mapping) or not isinstance(body.get("notes"), list):
        raise ValueError("not an OpenReview answer")
    notes = [n for n in body["notes"] if isinstance(n, Mapping)]
    if not notes:
        return None
    note = next((n for n in notes if n.get("id") == ident.value), notes[0])
    content = note.get("content") if isinstance(note.get("content"), Mapping) else {}
    assert isinstance(content, Mapping)
    written = _value(content, "venue")
    venue, year = openreview_venue(written, _value(content, "venueid"))
    dates = [_ms_year(note.get(k)) for k in ("pdate", "odate", "cdate", "tcdate")]
    years = _years(year) if year else _years(*dates)
    title = _value(content, "title")
    if _dblp_arxiv(note, content):
        return Paper(ident, title, years, "arXiv", preprint=True, kind="posted-content")
    if venue is None and written:
        return Paper(ident, title, years, None, kind="submission", status=written)
    return Paper(ident=ident, title=title, years=years, venue=venue, kind="conference")


def esummary(body: Any, ids: Iterable[Identifier]) -> dict[Identifier, Paper | None]:
    """An E-utilities esummary JSON answer: each id's paper, or None when NCBI has none."""
    if not isinstance(body, Mapping) or not isinstance(body.get("result"), Mapping):
        raise ValueError("not an esummary answer")
    result = body["result"]
    out: dict[Identifier, Paper | None] = {}
    for ident in ids:
        doc = result.get(ident.value)
        if not isinstance(doc, Mapping) or doc.get("error") or not doc.get("title"):
            out[ident] = None
            continue
        years = (_YEAR.match(str(doc.get(k, ""))) for k in ("pubdate", "epubdate", "sortpubdate"))
        doi = next(
            (
                str(a.get("value"))
                for a in doc.get("articleids") or ()
                if isinstance(a, Mapping) and a.get("idtype") == "doi"
            ),
            "",
        )
        out[ident] = Paper(
            ident=ident,
            title=_text(doc.get("title")),
            years=_years(*(int(m.group(1)) for m in years if m)),
            venue=_text(doc.get("fulljournalname")) or None,
            venue_short=_text(doc.get("source")) or None,
            doi=normalize_doi(doi),
        )
    return out
