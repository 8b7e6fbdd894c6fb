"""A list's own conventions, learned from the list before any rule judges it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scfm_lint.checks.registry import Context
from scfm_lint.checks.shared import per_document
from scfm_lint.config.load import as_config
from scfm_lint.config.model import Config
from scfm_lint.conventions import links, lists, shape
from scfm_lint.conventions.model import (
    CONFIG,
    DEFAULT,
    DOCUMENT,
    LEARNED,
    SOURCES,
    Convention,
    Conventions,
)
from scfm_lint.conventions.pins import read_pins
from scfm_lint.document.model import Document

__all__ = [
    "CONFIG",
    "DEFAULT",
    "DOCUMENT",
    "LEARNED",
    "SOURCES",
    "Convention",
    "Conventions",
    "conventions_of",
    "learn",
]


def learn(doc: Document, config: Config | Mapping[str, Any]) -> Conventions:
    """Every convention of ``doc``: learned from clear majorities, then pinned by config."""
    typed = as_config(config)
    pins = read_pins(doc, typed.conventions)
    whole_numbering, numbering = lists.numbering(doc, pins)
    whole_order, order = lists.order(doc, pins)
    vocabulary, suspects = links.labels(doc, pins, typed.entries.labels)
    arxiv, scheme, doi = links.link_forms(doc, pins)
    return Conventions(
        numbering=tuple(numbering),
        order=tuple(order),
        formats=tuple(lists.formats(doc)),
        document_numbering=whole_numbering,
        document_order=whole_order,
        labels=vocabulary,
        suspect_labels=suspects,
        arxiv=arxiv,
        scheme=scheme,
        doi=doi,
        tag=shape.tag(doc, pins),
        trailing=shape.trailing(doc, pins),
        catalog_depth=shape.catalog_depth(doc, pins),
    )


_memo = per_document(learn)


def conventions_of(ctx: Context) -> Conventions:
    """The document's conventions, learned once and shared by every rule that asks."""
    return _memo(ctx)
