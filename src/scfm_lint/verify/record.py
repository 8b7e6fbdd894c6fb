"""What a metadata service says about a paper, and the verdict on one entry's link. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field

from scfm_lint.verify.ids import Identifier

VERDICTS = (
    "exists",
    "not-found",
    "title-mismatch",
    "year-mismatch",
    "venue-mismatch",
    "published",
    "retracted",
    "unknown",
)
"""Every verdict. ``exists`` and ``published`` mean the link is alive and right (the second
with a published version to mention); ``unknown`` means the service could not say."""


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper as its identifier's service describes it."""

    ident: Identifier
    title: str
    years: tuple[int, ...] = ()
    """Every year the paper may rightly be tagged with, the main one first (publication
    year for journals, first version for preprints, the meeting's year for OpenReview)."""
    venue: str | None = None
    """Journal, meeting or preprint server."""
    venue_short: str | None = None
    """An abbreviated venue (``Nat Methods``) when the service gives one."""
    preprint: bool = False
    kind: str = ""
    """What the paper is: ``journal-article`` (also when unknown: ``""``), ``posted-content``,
    ``proceedings-article``, ``book-chapter``, ``conference`` (OpenReview)..."""
    published_doi: str | None = None
    """For a preprint: the DOI of its journal version, when the service records one."""
    published_venue: str | None = None
    published_year: int | None = None
    doi: str | None = None
    """The paper's DOI, when it has one (for suggestions)."""
    preprint_doi: str | None = None
    """For a published paper: the DOI of its preprint (Crossref ``has-preprint``)."""
    status: str = ""
    """What the service says instead of a venue when the paper was not accepted anywhere
    (``ICLR 2024 Conference Withdrawn Submission``); empty otherwise."""
    updates: tuple[tuple[str, str], ...] = ()
    """Notices that update the paper (Crossref ``updated-by``): (type, notice DOI) pairs,
    the type as Crossref spells it (``correction``, ``retraction``, ``withdrawal``...)."""

    @property
    def retraction(self) -> tuple[str, str] | None:
        """The notice that retracts or withdraws the paper, if any."""
        return next((u for u in self.updates if u[0] in RETRACTING), None)


RETRACTING = frozenset({"retraction", "withdrawal", "removal"})
"""Crossref update types that take a paper back (corrections and addenda do not)."""


@dataclass(frozen=True, slots=True)
class Lookup:
    """A service's answer for one identifier: a paper, a firm "no such paper", or neither."""

    ident: Identifier
    paper: Paper | None = None
    missing: bool = False
    """The service says the identifier does not exist."""
    reason: str = ""
    """Why there is no answer (``HTTP 503``, ``rate-limited``, ``registered with DataCite``)."""


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """The verdict on one link of one entry."""

    url: str
    line: int
    column: int
    verdict: str
    """One of :data:`VERDICTS`."""
    ident: Identifier | None
    message: str = ""
    """One sentence for a person: what disagrees, with both sides."""
    suggestion: str | None = None
    """A replacement tag (``[2025 Nature Methods]``) or URL a person may want to apply."""
    listed_title: str = ""
    found_title: str | None = None
    found_years: tuple[int, ...] = ()
    found_venue: str | None = None
    cached: bool = False
    published_url: str | None = None
    """For a preprint published since: the published version's URL (``https://doi.org/…``)."""
    published_tag: tuple[int, str] | None = None
    """For a preprint published since: the (year, venue) its tag should now say."""

    def to_dict(self) -> dict[str, object]:
        """The JSON form, for the audit report beside the page verdicts."""
        return {
            "url": self.url,
            "line": self.line,
            "column": self.column,
            "verify": self.verdict,
            "identifier": str(self.ident) if self.ident else None,
            "message": self.message,
            "suggestion": self.suggestion,
            "found_title": self.found_title,
            "found_years": list(self.found_years),
            "found_venue": self.found_venue,
            "cached": self.cached,
            "published_url": self.published_url,
            "published_tag": list(self.published_tag) if self.published_tag else None,
        }


@dataclass
class Stats:
    """What a run cost: requests per service, identifiers looked up and cache hits."""

    requests: dict[str, int] = field(default_factory=dict)
    identifiers: int = 0
    cached: int = 0
