"""The conventions a list follows: each with its value, the counts behind it and its source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

#: Where a convention's value came from.
LEARNED = "learned"
"""From this scope's own evidence (a clear majority)."""
DOCUMENT = "document"
"""Too little (or no clear) evidence in this scope: the whole document's learned value."""
CONFIG = "config"
"""Pinned by the ``conventions:`` configuration; always wins."""
DEFAULT = "default"
"""Too little evidence anywhere: the built-in default."""

SOURCES = (LEARNED, DOCUMENT, CONFIG, DEFAULT)

_DIRECTIONS = {"newest-first": "descending", "oldest-first": "ascending"}


@dataclass(frozen=True)
class Convention(Generic[T]):
    """One convention of one scope (the document, a list or a section)."""

    name: str
    """The convention's config key: ``numbering``, ``order``, ``arxiv``..."""
    value: T
    """What the scope follows; rules judge against it."""
    source: str
    """One of :data:`SOURCES`."""
    evidence: tuple[tuple[str, int], ...] = ()
    """What was counted, most frequent first: ``(("one", 40), ("sequential", 1))``."""
    scope: str = "document"
    """``document``, ``list`` or ``section``."""
    key: int | None = None
    """The list's id (scope ``list``) or the heading's index (scope ``section``, -1 for the
    entries before any heading)."""
    line: int = 0
    """First line of the scope (the list's first item, the heading); 0 for the document."""
    title: str = ""
    """The section's heading text (scope ``list`` and ``section``)."""

    @property
    def total(self) -> int:
        """How many observations the evidence holds."""
        return sum(n for _, n in self.evidence)

    def count(self, value: str) -> int:
        """How many observations voted for ``value``."""
        return next((n for v, n in self.evidence if v == value), 0)


@dataclass(frozen=True, slots=True)
class Conventions:
    """Every convention learned from one document, after the configuration's pins."""

    numbering: tuple[Convention[str], ...]
    """Per ordered list of entries: ``one`` (every item ``1.``) or ``sequential``."""
    order: tuple[Convention[str], ...]
    """Per section holding entries: ``newest-first``, ``oldest-first`` or ``none``."""
    formats: tuple[Convention[str], ...]
    """Per section holding list items: ``entries`` (the entry format) or ``other``."""
    document_numbering: Convention[str]
    """The numbering of the whole document (pooled over its lists): the fallback."""
    document_order: Convention[str]
    """The year order of the whole document (pooled over its sections): the fallback."""
    labels: Convention[tuple[str, ...]]
    """The link labels the list uses (its vocabulary); evidence holds every label's count."""
    suspect_labels: tuple[tuple[str, str], ...]
    """Rare labels close to a common one: ``(("papr", "paper"),)``."""
    arxiv: Convention[str]
    """arXiv links to the ``abs`` page or the ``pdf``."""
    scheme: Convention[str]
    """Links written ``https`` or ``http``."""
    doi: Convention[str]
    """Papers linked through ``doi.org`` or the ``publisher``'s page."""
    tag: Convention[str]
    """The tag's form: ``year-venue``, ``venue-year``, ``year-dash-venue``, ``year``,
    ``venue``."""
    trailing: Convention[str]
    """What follows the links: ``none`` or ``text`` (a note, a tool name)."""
    catalog_depth: Convention[int]
    """How many heading levels the table of contents covers (0: no table of contents)."""

    def numbering_of(self, list_id: int) -> Convention[str]:
        """The numbering convention of one list (the document's when the list has none)."""
        for c in self.numbering:
            if c.key == list_id:
                return c
        return self.document_numbering

    def order_of(self, section: int | None) -> Convention[str]:
        """The year-order convention of one section (-1 or None: before any heading)."""
        key = -1 if section is None else section
        for c in self.order:
            if c.key == key:
                return c
        return self.document_order

    def direction_of(self, section: int | None) -> str:
        """The section's year order as fixes that move entries read it: ``descending``,
        ``ascending`` or ``off`` (no evident order)."""
        return _DIRECTIONS.get(self.order_of(section).value, "off")

    def scalars(self) -> tuple[Convention[str], ...]:
        """The document-wide conventions with a word as value, in display order."""
        return (
            self.document_numbering,
            self.document_order,
            self.arxiv,
            self.scheme,
            self.doi,
            self.tag,
            self.trailing,
        )
