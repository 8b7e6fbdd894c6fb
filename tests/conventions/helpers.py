"""Parse a Markdown string with the default config (plus overrides) and learn its conventions."""

from __future__ import annotations

import copy
from typing import Any

from scfm_lint.config.load import defaults, merge
from scfm_lint.conventions import Conventions, learn
from scfm_lint.document.model import Document
from scfm_lint.document.parse import parse_document


def config_with(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    return merge(copy.deepcopy(defaults()), overrides or {})


def parsed(text: str, overrides: dict[str, Any] | None = None) -> tuple[Document, dict[str, Any]]:
    config = config_with(overrides)
    doc = parse_document(
        text,
        "README.md",
        catalog_heading=config["catalog"]["heading"],
        excluded_sections=config["sections"]["exclude"],
    )
    return doc, config


def learned(text: str, overrides: dict[str, Any] | None = None) -> Conventions:
    doc, config = parsed(text, overrides)
    return learn(doc, config)


def entries(years: list[int], markers: list[str] | None = None, label: str = "paper") -> str:
    """A list of entries with the given years and markers (default all ``1.``)."""
    marks = markers or ["1."] * len(years)
    return "".join(
        f"{m} [{y} Nature] **Title {i}** [[{label}]](https://example.org/{i})\n"
        for i, (y, m) in enumerate(zip(years, marks, strict=True))
    )
