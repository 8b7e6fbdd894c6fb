"""What the Catalog rules and the Catalog regeneration both read: its headings and targets."""

from __future__ import annotations

from urllib.parse import unquote

from scfm_lint.document.model import Catalog, CatalogItem, Document, Heading


def headings_below(doc: Document, catalog: Catalog) -> list[Heading]:
    """The headings after the Catalog's own, in document order."""
    return [h for h in doc.headings if h.index > catalog.after]


_anchors: list[tuple[Document, dict[str, Heading]]] = []


def anchor_map(doc: Document) -> dict[str, Heading]:
    """Headings by lower-case anchor (first wins), built once per document: five rules ask."""
    if not _anchors or _anchors[0][0] is not doc:
        table: dict[str, Heading] = {}
        for h in doc.headings:
            table.setdefault(h.anchor.lower(), h)
        _anchors[:] = [(doc, table)]
    return _anchors[0][1]


def resolve(doc: Document, item: CatalogItem) -> Heading | None:
    """The heading a Catalog item's ``#anchor`` points to, or None."""
    if not item.target.startswith("#"):
        return None
    return anchor_map(doc).get(unquote(item.target[1:]).lower())


def base_level(doc: Document, catalog: Catalog) -> int:
    """The shallowest heading level from the Catalog's heading on (depth 0 of its list)."""
    return min((h.level for h in doc.headings if h.index >= catalog.after), default=1)
