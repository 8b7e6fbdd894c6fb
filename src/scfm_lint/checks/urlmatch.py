"""The tag's year and venue against what the entry's paper URL encodes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from scfm_lint.checks.duplicates import paper_urls
from scfm_lint.checks.registry import Context, Hit, rule
from scfm_lint.checks.shared import per_document
from scfm_lint.document.model import Document, Entry
from scfm_lint.engine.finding import Severity
from scfm_lint.paperlist.urlinfo import UrlInfo, url_info
from scfm_lint.paperlist.venues import Catalog, Venue

if TYPE_CHECKING:
    from scfm_lint.config.model import Config

#: A publisher's article id (Nature id, PII, Elsevier DOI) is assigned at acceptance; the
#: paper appears that year or the next.
ID_LAG = 1
#: A preprint venue's tag may carry the year of a later version: the posting year or the next.
PREPRINT_LAG = 1
#: A conference's arXiv copy may be posted after the meeting (the year after, at most).
CONFERENCE_EARLY = 1
_RXIV_PREFIXES = ("10.1101/", "10.64898/")
_DOI_PUBLISHERS = {
    "10.1038/": "springer-nature",
    "10.1186/": "springer-nature",
    "10.1016/": "elsevier",
    "10.1093/": "oup",
    "10.1126/": "aaas",
    "10.1002/": "wiley",
    "10.1073/": "pnas",
}


class Source(NamedTuple):
    """What the URL says the paper is: a server or a journal, and how it knows."""

    info: UrlInfo
    servers: tuple[str, ...] = ()
    """Preprint servers the URL may belong to (one, or bioRxiv/medRxiv for a bare DOI)."""
    journal: Venue | None = None
    publisher: str | None = None
    evidence: str = ""


def source(venues: Catalog, url: str) -> Source:
    """Identify the server or journal a URL belongs to, only from certain evidence."""
    info = url_info(url)
    if info.preprint:
        if info.server:
            return Source(info, (info.server,), evidence=f"a preprint on {info.server}")
        if info.doi and info.doi.startswith(_RXIV_PREFIXES):
            return Source(info, ("bioRxiv", "medRxiv"), evidence="a bioRxiv/medRxiv DOI")
        return Source(info)
    journal: Venue | None = None
    evidence = ""
    publisher = None
    if info.code:
        journal = venues.by_code.get(info.code)
        publisher, evidence = "springer-nature", f"Springer Nature article id {info.code}"
    elif info.issn:
        journal = venues.by_issn.get(info.issn)
        publisher, evidence = "elsevier", f"Elsevier PII of ISSN {info.issn}"
    if journal is None and info.doi:
        journal = venues.by_doi(info.doi)
        if journal is not None:
            evidence = f"DOI {info.doi}"
        for prefix, name in _DOI_PUBLISHERS.items():
            if publisher is None and info.doi.startswith(prefix):
                publisher, evidence = name, evidence or f"DOI {info.doi}"
    if journal is None and not evidence:
        journal = venues.by_url(info.path)
        if journal is not None:
            evidence = f"URL {info.host}"
    if journal is not None and journal.kind != "journal":
        journal = None
    return Source(
        info, (), journal, publisher or (journal.publisher if journal else None), evidence
    )


_Checked = list[tuple[Entry, Venue | None, list[Source]]]


def _analyse(doc: Document, config: Config) -> _Checked:
    venues = config.venues
    out: _Checked = []
    for entry in doc.entries:
        urls = list(dict.fromkeys(paper_urls(entry)))
        if not urls:
            continue
        match = venues.lookup(entry.venue) if entry.venue else None
        out.append((entry, match.venue if match else None, [source(venues, u) for u in urls]))
    return out


def _checked_build(doc: Document, config: Config) -> _Checked:
    """Every entry with paper links, its catalog venue and its links' sources (shared by the
    three rules, computed once per document)."""
    return _analyse(doc, config)


_checked = per_document(_checked_build)


def _column(entry: Entry) -> int:
    return entry.tag_column or entry.column


@rule(
    "SCF331",
    "year-mismatch-url",
    Severity.ERROR,
    "The tag's year contradicts the date the paper's URL encodes.",
    f"""
What it does: reads dates that URLs encode for certain and compares the tag's year:
- arXiv ids `YYMM.NNNNN` (`2603.25240` was posted in March 2026), old ids `q-bio/YYMMNNN`;
- bioRxiv and medRxiv DOIs `10.1101/YYYY.MM.DD.N` and `10.64898/YYYY.MM.DD.N` (first
  posting date; on biorxiv.org, medrxiv.org or doi.org);
- Springer Nature and BMC article ids `s41592-024-02201-0` (id assigned in 2024, on
  nature.com, biomedcentral.com, link.springer.com or as a `10.1038/`, `10.1186/` DOI);
- Elsevier PIIs `S2666-3899(25)00174-6` (2025; cell.com, sciencedirect.com) and Elsevier
  DOIs `10.1016/j.cell.2016.11.038` (2016).

Tolerances: a publisher id is assigned at acceptance, so the tag may be that year or up
to {ID_LAG} year later. A preprint venue (arXiv, bioRxiv...) may be tagged with the posting
year or up to {PREPRINT_LAG} year later (a later version). A journal paper linked to its
preprint appears in the preprint's year or any later year. A conference or workshop paper
linked to arXiv may be up to {CONFERENCE_EARLY} year earlier than the arXiv posting (copies
are often posted after the meeting), and any later. A tag earlier than the allowed range
is an error (certain); a tag later than it is a warning. Other hosts (doi.org with other
DOIs, PubMed, OpenReview, personal sites) say nothing about the year and are never flagged.

Why is this bad? The year decides where the entry sorts and what readers cite; a year
that the URL contradicts is a typo or a stale tag (a preprint year on a published paper).

Example: `[2024 Patterns] **BioLLM ...** (sciencedirect.com/.../pii/S2666389925001746)`: the
PII was assigned in 2025.

Fix: correct the year (the message and the finding's suggestion give the year the URL
proves: the posting or id year when the tag is too early, the latest allowed year when it is
too late), or the link if it points at the wrong version.
""",
)
def year_mismatch_url(ctx: Context) -> Iterator[Hit]:
    for entry, venue, sources in _checked(ctx):
        if entry.year is None:
            continue
        for src in sources:
            hit = _year_hit(entry, venue, src)
            if hit is not None:
                yield hit
                break


def _year_hit(entry: Entry, venue: Venue | None, src: Source) -> Hit | None:
    year, info = entry.year or 0, src.info
    kind = venue.kind if venue else None
    if info.preprint_year is not None:
        posted = info.preprint_year
        what = f"{src.evidence or 'the preprint'} posted in {posted}"
        if kind in {"blog", "other"}:
            return None
        low = posted - CONFERENCE_EARLY if kind in {None, "conference", "workshop"} else posted
        high = posted + PREPRINT_LAG if kind == "preprint" else None
    elif info.id_year is not None and kind != "preprint":
        posted, what = info.id_year, f"the {src.evidence or 'article id'} dates from {info.id_year}"
        low, high = posted, posted + ID_LAG
    else:
        return None
    if year < low:
        return Hit(
            entry.line,
            _column(entry),
            f"tag year {year} is earlier than the URL allows: {what}; write {posted}",
            suggestion=str(posted),
            severity=Severity.ERROR,
        )
    if high is not None and year > high:
        return Hit(
            entry.line,
            _column(entry),
            f"tag year {year} is later than the URL suggests: {what} (allowed up to {high}); "
            f"write {high} if the tag is wrong",
            suggestion=str(high),
            severity=Severity.WARNING,
        )
    return None


@rule(
    "SCF332",
    "venue-mismatch-url",
    Severity.ERROR,
    "The tag's venue contradicts the journal or preprint server the URL certainly names.",
    """
What it does: identifies the venue of the entry's paper link only from certain evidence
and compares it with the tag's venue (both known to the venue catalog):
- a preprint-server host (arxiv.org, biorxiv.org, medrxiv.org, researchsquare.com) or a
  preprint DOI (`10.48550/arXiv.`, `10.1101/YYYY.MM.DD`, `10.64898/...`, which is bioRxiv
  or medRxiv) against a preprint venue: "bioRxiv" with an arxiv.org URL;
- a Springer Nature article id's journal code (`s41587` is Nature Biotechnology), an
  Elsevier PII's ISSN (`S0092-8674` is Cell), a journal DOI prefix (`10.1093/nar/`,
  `10.1126/science.`), or a journal's own URL path (`academic.oup.com/bib/`) against a
  journal venue: "Nature Methods" on an `s41587` article, a Cell Press journal on another
  journal's PII;
- the publisher of such an id against a journal whose publisher is certain (a Cell Press
  journal on a nature.com article);
- a preprint venue on a journal article's URL (the tag is stale).
Conference, workshop and blog venues are never compared (a conference paper linked to its
arXiv preprint or to a journal is normal), nor are venues the catalog does not know, nor
hosts that name no venue (doi.org with other DOIs, PubMed, PMC, OpenReview, personal sites).

Why is this bad? Either the venue or the link is wrong, and readers follow the link.

Example: `[2025 Nature Methods] **Overcoming barriers ...**`
(nature.com/articles/s41587-025-02846-y).

Fix: write the venue the URL proves (named in the message and given as the suggestion when
the URL names one journal or server), or replace the link with the paper's link at the
tagged venue.
""",
)
def venue_mismatch_url(ctx: Context) -> Iterator[Hit]:
    for entry, venue, sources in _checked(ctx):
        for src in sources:
            message = _venue_problem(venue, src)
            if message and venue is not None:
                proven = _proven_venue(src)
                if proven is not None:
                    message += f"; write {proven!r}, or link the paper at {venue.name!r}"
                yield Hit(
                    entry.line, entry.venue_column or _column(entry), message, suggestion=proven
                )
                break


def _proven_venue(src: Source) -> str | None:
    """The venue the URL proves: its journal, or its one preprint server."""
    if src.journal is not None:
        return src.journal.name
    if len(src.servers) == 1:
        return src.servers[0]
    return None


def _venue_problem(venue: Venue | None, src: Source) -> str | None:
    if venue is None:
        return None
    if src.servers:
        if venue.kind == "preprint" and venue.name not in src.servers:
            return f"venue {venue.name!r} but the link is {src.evidence}"
        return None
    if venue.kind not in {"journal", "preprint"} or not src.evidence:
        return None
    url_journal = src.journal.name if src.journal else None
    if venue.kind == "preprint":
        if src.journal is not None or src.publisher is not None:
            named = f"a {url_journal} article" if url_journal else "a journal article"
            return f"venue {venue.name!r} but the link is {named} ({src.evidence})"
        return None
    if src.journal is not None:
        if src.journal.name != venue.name:
            return (
                f"venue {venue.name!r} but the link is a {src.journal.name} article "
                f"({src.evidence})"
            )
        return None
    info = src.info
    if (info.code and venue.codes and info.code not in venue.codes) or (
        info.issn and venue.issn and info.issn not in venue.issn
    ):
        return f"venue {venue.name!r} but the link is another journal's article ({src.evidence})"
    if src.publisher and venue.publisher and src.publisher != venue.publisher:
        return (
            f"venue {venue.name!r} ({venue.publisher}) but the link is a {src.publisher} "
            f"article ({src.evidence})"
        )
    return None


@rule(
    "SCF333",
    "journal-on-preprint-url",
    Severity.WARNING,
    "A journal venue whose paper link is a preprint.",
    """
What it does: flags an entry tagged with a journal (a venue of kind `journal` in the
catalog) whose paper link is a preprint: a preprint-server host (arxiv.org, biorxiv.org,
medrxiv.org, researchsquare.com) or a preprint DOI (`10.48550/arXiv.`, bioRxiv/medRxiv
`10.1101/YYYY.MM.DD...`). Conference and workshop papers linked to arXiv are normal and
never flagged.

Why is this bad? Either the venue is wrong (the paper is still a preprint) or the link is
stale (the paper was published and readers should get the version of record).

Example: `[2025 Nature] **GET: a foundation model of transcription ...**
(biorxiv.org/content/10.1101/2023.09.24.559168v1)`.

Fix: link the published article, or tag the preprint server (the message names it and
gives it as the suggestion).
""",
)
def journal_on_preprint_url(ctx: Context) -> Iterator[Hit]:
    for entry, venue, sources in _checked(ctx):
        for src in sources:
            if venue is not None and venue.kind == "journal" and src.info.preprint:
                where = src.evidence or "a preprint"
                proven = _proven_venue(src)
                what = f"write {proven!r}" if proven else "tag the preprint server"
                yield Hit(
                    entry.line,
                    entry.venue_column or _column(entry),
                    f"journal venue {venue.name!r} but the link is {where}; {what}, "
                    f"or link the article published in {venue.name}",
                    suggestion=proven,
                )
                break
