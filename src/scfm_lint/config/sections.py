"""The typed sections the offline rules read: one frozen record and one parser per section."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scfm_lint.config import read
from scfm_lint.config.read import At


@dataclass(frozen=True, slots=True)
class CatalogSettings:
    heading: str
    """The heading whose list is the table of contents."""
    min_headings: int
    """A list with this many headings and no Catalog gets SCF206 (0: never)."""


@dataclass(frozen=True, slots=True)
class SectionSettings:
    exclude: tuple[str, ...]
    """Headings whose lists are not paper entries (compared case-insensitively)."""


@dataclass(frozen=True, slots=True)
class EntrySettings:
    labels: tuple[str, ...]
    """Labels known to be good (lower case): a rare label within an edit or two of one is
    suspect (SCF105); the list's own labels are its vocabulary (``conventions.labels``)."""
    year_min: int
    years_ahead: int


@dataclass(frozen=True, slots=True)
class WhitespaceSettings:
    trailing: bool
    tabs: bool
    final_newline: bool


@dataclass(frozen=True, slots=True)
class DuplicateSettings:
    title_similarity: float
    allow: tuple[str, ...]
    """Accepted cross-listings: titles or URLs."""


def parse_catalog(section: Mapping[str, Any], at: At) -> CatalogSettings:
    heading = read.text(section.get("heading"), at / "heading")
    if not heading.strip():
        (at / "heading").fail("expected a heading text, got an empty one")
    return CatalogSettings(
        heading, read.integer(section.get("min-headings"), at / "min-headings", 0, 10_000)
    )


def parse_sections(section: Mapping[str, Any], at: At) -> SectionSettings:
    return SectionSettings(read.strings(section.get("exclude"), at / "exclude", "headings"))


def parse_entries(section: Mapping[str, Any], at: At) -> EntrySettings:
    labels = read.strings(section.get("labels"), at / "labels", "link labels")
    return EntrySettings(
        tuple(label.lower() for label in labels),
        read.integer(section.get("year-min"), at / "year-min", 0, 9999),
        read.integer(section.get("years-ahead"), at / "years-ahead", 0, 100),
    )


def parse_whitespace(section: Mapping[str, Any], at: At) -> WhitespaceSettings:
    return WhitespaceSettings(
        read.flag(section.get("trailing"), at / "trailing"),
        read.flag(section.get("tabs"), at / "tabs"),
        read.flag(section.get("final-newline"), at / "final-newline"),
    )


def parse_duplicates(section: Mapping[str, Any], at: At) -> DuplicateSettings:
    return DuplicateSettings(
        read.number(section.get("title-similarity"), at / "title-similarity", 0, 1, above=True),
        read.strings(section.get("allow"), at / "allow", "titles or URLs"),
    )
