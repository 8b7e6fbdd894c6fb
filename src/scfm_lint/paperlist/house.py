"""A venue as this list writes it: the list's own spelling of a catalog venue."""

from __future__ import annotations

from collections import Counter

from scfm_lint.document.model import Document
from scfm_lint.paperlist.venues import Catalog, key

_SMALL = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"})


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
