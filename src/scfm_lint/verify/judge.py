"""The verdict on one link: compare the entry with its paper's metadata. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from scfm_lint.verify.match import preprint_server, titles_match, venue_matches, year_matches
from scfm_lint.verify.record import Lookup, Paper

# Crossref types whose container title is a book or proceedings title that a tag never
# spells out (``WSDM`` vs ``Proceedings of the 18th ACM International Conference...``).
_NAMED_BY_TAG = frozenset({"", "journal-article", "conference"})


SERVICE_NAMES = {
    "crossref": "Crossref",
    "arxiv": "arXiv",
    "biorxiv": "bioRxiv",
    "openreview": "OpenReview",
    "pubmed": "PubMed",
}


@dataclass(frozen=True, slots=True)
class Listed:
    """What the entry says about its paper."""

    title: str
    year: int | None
    venue: str | None
    primary: bool = True
    """Whether the link is the entry's main link (the one its tag describes)."""


@dataclass(frozen=True, slots=True)
class Verdict:
    verdict: str
    message: str = ""
    suggestion: str | None = None


def _where(paper: Paper) -> str:
    year = f" {paper.years[0]}" if paper.years else ""
    return f"{paper.venue or 'unknown venue'}{year}"


def _published(paper: Paper) -> str:
    place = paper.published_venue or "a journal"
    year = f" ({paper.published_year})" if paper.published_year else ""
    doi = f" as https://doi.org/{paper.published_doi}" if paper.published_doi else ""
    return f"{place}{year}{doi}"


def _doi_url(paper: Paper) -> str | None:
    return f"https://doi.org/{paper.published_doi}" if paper.published_doi else None


def judge(listed: Listed, lookup: Lookup | None, threshold: float = 0.9) -> Verdict:
    """The verdict, a message naming both sides, and a suggested tag or URL."""
    if lookup is None or (lookup.paper is None and not lookup.missing):
        reason = lookup.reason if lookup is not None else "not looked up"
        return Verdict("unknown", f"could not verify the paper: {reason}")
    ident = lookup.ident
    if lookup.paper is None:
        name = SERVICE_NAMES[ident.service]
        return Verdict("not-found", f"{ident} does not exist: {name} has no record of it")
    paper = lookup.paper
    if not titles_match(listed.title, paper.title, threshold):
        return Verdict(
            "title-mismatch",
            f"the link's paper is “{paper.title}” ({_where(paper)}, {ident}), "
            f"not the entry's “{listed.title}”",
        )
    retraction = paper.retraction
    if retraction is not None:
        kind, notice = retraction
        where = f" (notice https://doi.org/{notice})" if notice else ""
        return Verdict(
            "retracted",
            f"{ident} has been taken back: Crossref records a {kind}{where}",
            f"https://doi.org/{notice}" if notice else None,
        )
    if not listed.primary:
        return Verdict("exists")
    if paper.kind == "submission":
        return _submission(listed, paper)
    return _preprint(listed, paper) if paper.preprint else _published_paper(listed, paper)


def _submission(listed: Listed, paper: Paper) -> Verdict:
    """An OpenReview submission that no venue accepted: only a preprint tag (or none) fits."""
    if not listed.venue or preprint_server(listed.venue) is not None:
        return Verdict("exists")
    return Verdict(
        "venue-mismatch",
        f"the tag says {listed.venue} but OpenReview lists {paper.ident} as "
        f"“{paper.status}”, not as an accepted paper",
    )


def _preprint(listed: Listed, paper: Paper) -> Verdict:
    server = preprint_server(listed.venue)
    year = paper.years[0] if paper.years else listed.year
    if listed.venue and server is None:
        # A journal or meeting tag on a preprint link: only its published version can say more.
        if paper.published_doi or paper.published_venue:
            return Verdict(
                "venue-mismatch",
                f"the tag says {listed.venue} but the link is its {paper.venue} preprint; "
                f"the paper appeared in {_published(paper)}",
                _doi_url(paper),
            )
        return Verdict("exists")
    if server is not None and not venue_matches(server, [paper.venue]):
        return Verdict(
            "venue-mismatch",
            f"the tag says {server} but {paper.ident} is a preprint on {paper.venue}",
            f"[{year} {paper.venue}]",
        )
    if not year_matches(listed.year, paper.years):
        return Verdict(
            "year-mismatch",
            f"the tag says {listed.year} but {paper.venue} dates {paper.ident} "
            f"{', '.join(map(str, paper.years))}",
            f"[{year} {listed.venue or paper.venue}]",
        )
    if paper.published_doi or (paper.published_venue and paper.published_year):
        tag = new_tag(paper)
        url = _doi_url(paper)
        write = " and ".join(x for x in (tag, url) if x)
        return Verdict(
            "published",
            f"the preprint has since appeared in {_published(paper)}"
            + (f": write {write}" if write else ""),
            " ".join(x for x in (tag, url) if x) or None,
        )
    return Verdict("exists")


def new_tag(paper: Paper) -> str | None:
    """The tag a preprint published since should carry (``[2025 Nature Methods]``), when
    its published version's venue and year are known."""
    if paper.published_venue and paper.published_year:
        return f"[{paper.published_year} {paper.published_venue}]"
    return None


def _published_paper(listed: Listed, paper: Paper) -> Verdict:
    year = paper.years[0] if paper.years else listed.year
    if preprint_server(listed.venue) is not None and paper.venue:
        return Verdict(
            "venue-mismatch",
            f"the tag says {listed.venue} but {paper.ident} is a {_where(paper)} paper",
            f"[{year} {paper.venue}]",
        )
    if paper.kind in _NAMED_BY_TAG and not venue_matches(
        listed.venue, [paper.venue, paper.venue_short]
    ):
        keep = listed.year if year_matches(listed.year, paper.years) else year
        return Verdict(
            "venue-mismatch",
            f"the tag says {listed.venue} but {paper.ident} appeared in {_where(paper)}",
            f"[{keep} {paper.venue}]",
        )
    if not year_matches(listed.year, paper.years):
        where = paper.venue or SERVICE_NAMES[paper.ident.service]
        return Verdict(
            "year-mismatch",
            f"the tag says {listed.year} but {paper.ident} is dated "
            f"{', '.join(map(str, paper.years))} ({where})",
            f"[{year} {listed.venue}]" if listed.venue else str(year),
        )
    return Verdict("exists")
