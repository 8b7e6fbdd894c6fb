"""What the new entry says (title, year, venue, URL), from a service's record or by hand."""

from __future__ import annotations

from dataclasses import dataclass
import re

from scfm_lint.document.model import Document
from scfm_lint.paperlist.house import spell_venue
from scfm_lint.paperlist.venues import Catalog
from scfm_lint.verify.match import preprint_server
from scfm_lint.verify.record import Paper


@dataclass(frozen=True, slots=True)
class Draft:
    """The facts of one entry before it is written in the list's style."""

    title: str
    year: int | None
    venue: str | None
    url: str


def clean_title(title: str) -> str:
    """The title as published, whitespace collapsed and one trailing period dropped
    (PubMed ends every title with one); an ellipsis or ``?``/``!`` is kept."""
    title = " ".join(title.split())
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()
    return title


def venue_names(paper: Paper) -> list[str]:
    """The names a record gives its venue, most telling first."""
    names: list[str] = []
    for name in (paper.venue, paper.venue_short):
        if not name:
            continue
        # PubMed's preprint "journals": "bioRxiv : the preprint server for biology".
        head = re.split(r"\s+:\s+", name, maxsplit=1)[0]
        server = preprint_server(head)
        names.append(server or name)
    if not names and paper.kind == "conference":
        names.append("OpenReview")  # on OpenReview but not (yet) accepted anywhere
    return names


def draft_from_paper(paper: Paper, url: str, doc: Document, catalog: Catalog) -> Draft:
    """The entry a service's record describes, linked at ``url``."""
    return Draft(
        title=clean_title(paper.title),
        year=paper.years[0] if paper.years else None,
        venue=spell_venue(venue_names(paper), doc, catalog),
        url=url,
    )
