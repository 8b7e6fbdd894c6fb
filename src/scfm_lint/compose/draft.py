"""What the new entry says (title, year, venue, URL), from a service's record or by hand."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
import re

from scfm_lint.document.model import Document
from scfm_lint.paperlist.venues import Catalog, key
from scfm_lint.verify.match import preprint_server
from scfm_lint.verify.record import Paper

_SMALL = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"})


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


def _title_case(name: str) -> str:
    """``Nature methods`` -> ``Nature Methods``: NCBI lower-cases journal names."""
    if any(w[:1].isupper() for w in name.split()[1:]):
        return name
    words = name.split()
    return " ".join(
        w if (i and w in _SMALL) or not w[:1].islower() else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def spell_venue(names: list[str], doc: Document, catalog: Catalog) -> str | None:
    """The venue as this list writes it: its own spelling of the catalog's venue (an alias
    it uses throughout stays), else the catalog's canonical name, else a spelling already in
    the list, else the service's name (title-cased when NCBI lower-cased it)."""
    written = Counter(e.venue for e in doc.entries if e.venue)
    for name in names:
        match = catalog.resolve(name)
        if match is None:
            continue
        house = Counter(
            {
                spelling: n
                for spelling, n in written.items()
                if (m := catalog.lookup(spelling)) is not None
                and m.venue is match.venue
                and m.how in ("exact", "alias")
                and not m.rest
            }
        )
        return house.most_common(1)[0][0] if house else match.venue.name
    for name in names:
        same = [(n, v) for v, n in written.items() if key(v) == key(name)]
        if same:
            return max(same)[1]
    return _title_case(names[0]) if names else None


def draft_from_paper(paper: Paper, url: str, doc: Document, catalog: Catalog) -> Draft:
    """The entry a service's record describes, linked at ``url``."""
    return Draft(
        title=clean_title(paper.title),
        year=paper.years[0] if paper.years else None,
        venue=spell_venue(venue_names(paper), doc, catalog),
        url=url,
    )
