"""What the Catalog rules and the Catalog regeneration both read: its headings and targets."""

from __future__ import annotations

from scfm_lint.checks.registry import Context
from scfm_lint.conventions import conventions_of
from scfm_lint.document.model import Catalog, CatalogItem, Document, Heading


def resolve(doc: Document, item: CatalogItem) -> Heading | None:
    """The heading a Catalog item leads to (by its anchor or an HTML anchor), or None."""
    return None if item.heading is None else doc.headings[item.heading]


def base_level(doc: Document, catalog: Catalog) -> int:
    """The heading level at depth 0 of the Catalog's list: the shallowest level it links to
    below its own heading, else the shallowest level from its heading on."""
    listed = [
        doc.headings[i.heading].level
        for i in catalog.items
        if i.heading is not None and i.heading > catalog.after
    ]
    if listed:
        return min(listed)
    return min((h.level for h in doc.headings if h.index >= catalog.after), default=1)


def deepest_level(ctx: Context, catalog: Catalog) -> int:
    """The deepest heading level the Catalog must list: the depth it covers (learned from
    the levels it lists, or pinned by ``conventions.catalog-depth``) below its base level."""
    depth = conventions_of(ctx).catalog_depth.value
    return base_level(ctx.doc, catalog) + depth - 1 if depth else 6


def headings_below(doc: Document, catalog: Catalog, deepest: int = 6) -> list[Heading]:
    """The headings after the Catalog's own, down to level ``deepest``, in document order."""
    return [h for h in doc.headings if h.index > catalog.after and h.level <= deepest]
