"""The ``conventions:`` section: which of a list's conventions the configuration pins."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from scfm_lint.config import read
from scfm_lint.config.read import At

LEARN = "learn"
#: Each word-valued convention and the values a pin may take (``learn`` leaves it learned).
CHOICES: dict[str, tuple[str, ...]] = {
    "numbering": ("one", "sequential"),
    "order": ("newest-first", "oldest-first", "none"),
    "arxiv": ("abs", "pdf", "mixed"),
    "scheme": ("https", "http", "mixed"),
    "doi": ("doi.org", "publisher", "mixed"),
    "tag": ("year-venue", "venue-year", "year-dash-venue", "year", "venue"),
    "trailing": ("none", "text"),
}
#: Conventions a ``sections:`` entry may pin for one heading and the headings under it.
SECTION_KEYS = ("numbering", "order")


@dataclass(frozen=True, slots=True)
class ConventionSettings:
    """What the configuration pins; None (or empty, or 0) leaves a convention learned."""

    words: Mapping[str, str | None]
    """Document-wide pins by convention name (every key of :data:`CHOICES`)."""
    sections: Mapping[str, Mapping[str, str]]
    """Heading text or anchor (as written) -> its pins (keys of :data:`SECTION_KEYS`)."""
    labels: tuple[str, ...]
    """The only link labels allowed; empty: the list's own vocabulary, learned."""
    catalog_depth: int
    """Heading levels the table of contents lists; 0: learned."""

    def word(self, name: str) -> str | None:
        """The pinned value of a word convention, or None when it is learned."""
        return self.words.get(name)


def _word(name: str, value: Any, at: At) -> str | None:
    if value is None or value == LEARN:
        return None
    if value is False and name == "order":
        return "none"  # YAML 1.1 reads a bare ``off`` as false
    return read.choice(value, at, (LEARN, *CHOICES[name]))


def _section(pins: Any, at: At) -> Mapping[str, str]:
    table = read.mapping(pins, at, "pins such as {order: none}")
    words: dict[str, str] = {}
    for key, value in table.items():
        if key not in SECTION_KEYS:
            at.fail(f"unknown key {key!r} (use {', '.join(SECTION_KEYS)})")
        word = _word(key, value, at / key)
        if word is not None:
            words[key] = word
    return MappingProxyType(words)


def parse_conventions(section: Mapping[str, Any], at: At) -> ConventionSettings:
    words = {name: _word(name, section.get(name), at / name) for name in CHOICES}
    named = read.mapping(section.get("sections"), at / "sections", "heading text to pins")
    sections = {str(k): _section(v, at / "sections" / k) for k, v in named.items()}
    return ConventionSettings(
        MappingProxyType(words),
        MappingProxyType(sections),
        read.strings(section.get("labels"), at / "labels", "link labels"),
        read.integer(section.get("catalog-depth") or 0, at / "catalog-depth", 0, 6),
    )
