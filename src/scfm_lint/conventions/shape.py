"""The entry's shape (tag form, text after the links) and the contents' depth, learned."""

from __future__ import annotations

from collections import Counter

from scfm_lint.conventions.model import CONFIG, DEFAULT, LEARNED, Convention
from scfm_lint.conventions.pins import Pins
from scfm_lint.conventions.vote import decide
from scfm_lint.document.facts import LinkForm, TagForm
from scfm_lint.document.model import Document, Entry

#: A heading level counts as covered by the table of contents when at least this share of
#: its headings (below the contents) are listed.
COVERED_SHARE = 0.5

_FORMS = {
    TagForm.YEAR_VENUE: "year-venue",
    TagForm.VENUE_YEAR: "venue-year",
    TagForm.YEAR_DASH_VENUE: "year-dash-venue",
    TagForm.YEAR_ONLY: "year",
    TagForm.VENUE_ONLY: "venue",
}


def tag_form(entry: Entry) -> str | None:
    """The form of an entry's leading ``[...]`` tag, or None when it has none."""
    return None if entry.tag is None else _FORMS.get(entry.tag.form)


def tag(doc: Document, pins: Pins) -> Convention[str]:
    """The form most tags take: a list may write only years (``year``) or only venues."""
    votes = [form for e in doc.entries if (form := tag_form(e)) is not None and entry_like(e)]
    return decide("tag", votes, pins.words.get("tag"), "year-venue")


def entry_like(entry: Entry) -> bool:
    """Whether a list item is written as an entry, perhaps a faulty one: it opens with a tag
    or links with ``[[label]](url)``. ``- [Tool](url) - description`` is not."""
    return entry.tag is not None or any(lk.form is LinkForm.DOUBLE for lk in entry.links)


def trailing(doc: Document, pins: Pins) -> Convention[str]:
    """``text`` when most entries with links carry a note after them, else ``none`` (items
    not written as entries, such as ``1. [Tool](url): note``, do not vote)."""
    votes = ["text" if e.trailing else "none" for e in doc.entries if e.links and entry_like(e)]
    return decide("trailing", votes, pins.words.get("trailing"), "none")


def catalog_depth(doc: Document, pins: Pins) -> Convention[int]:
    """How many heading levels, from the shallowest listed, the contents covers.

    The shallowest level it lists is always covered; each deeper level is covered while at
    least :data:`COVERED_SHARE` of its headings are listed (a contents list of level-2
    headings does not have to list the level-3 ones).
    """
    catalog = doc.catalog
    if pins.catalog_depth:
        return Convention("catalog-depth", pins.catalog_depth, CONFIG)
    if catalog is None or not catalog.items:
        return Convention("catalog-depth", 0, DEFAULT)
    below = [h for h in doc.headings if h.index > catalog.after]
    listed = {i.heading for i in catalog.items if i.heading is not None}
    shown_levels = [h.level for h in below if h.index in listed]
    if not shown_levels:
        return Convention("catalog-depth", 0, DEFAULT)
    top = min(shown_levels)
    broken = _broken_by_level(doc)
    evidence = []
    depth = 0
    for level in range(top, 7):
        at_level = [h for h in below if h.level == level]
        if not at_level:
            continue
        shown = sum(1 for h in at_level if h.index in listed)
        # A contents line whose link is broken still lists a heading of its nesting level.
        shown = min(len(at_level), shown + broken.get(level, 0))
        evidence.append((f"h{level}/{len(at_level)}", shown))
        if level > top and shown < COVERED_SHARE * len(at_level):
            break
        depth = level - top + 1
    return Convention("catalog-depth", depth, LEARNED, tuple(evidence))


def _broken_by_level(doc: Document) -> Counter[int]:
    """Contents lines whose link leads to no heading, by the heading level their nesting
    stands for (read from how the resolved lines nest)."""
    catalog = doc.catalog
    if catalog is None:
        return Counter()
    offsets = Counter(
        doc.headings[i.heading].level - i.depth for i in catalog.items if i.heading is not None
    )
    if not offsets:
        return Counter()
    offset = offsets.most_common(1)[0][0]
    return Counter(i.depth + offset for i in catalog.items if i.heading is None)
