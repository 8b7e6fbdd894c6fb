"""Findings: immutable records with one canonical sort order."""

from __future__ import annotations

from dataclasses import dataclass, field
import enum


class Severity(enum.IntEnum):
    """How serious a finding is; errors fail the run by default."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (use error, warning or info)") from None


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` (offsets into the whole document) with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A repair for one finding: one or more non-overlapping edits, safe or not."""

    edits: tuple[Edit, ...]
    description: str
    safe: bool = True


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem at one place in one file.

    Field order is the canonical sort order: path, line, column, code.
    """

    path: str
    """The file as the user named it."""
    line: int
    """1-based line of the problem."""
    column: int
    """1-based column (in characters) of the problem."""
    code: str
    """The rule's stable code, e.g. ``SCF101``."""
    name: str = field(compare=False)
    """The rule's kebab-case name."""
    severity: Severity = field(compare=False)
    """Severity after configuration overrides."""
    message: str = field(compare=False)
    """What is wrong, in one sentence; names the other place for two-place findings."""
    fix: Fix | None = field(default=None, compare=False)
    """A repair, when one is known."""
    related_line: int | None = field(default=None, compare=False)
    """For two-place findings (duplicates, ordering), the other line."""
    end_line: int | None = field(default=None, compare=False)
    """Last line the finding covers, when more than one."""
    suggestion: str | None = field(default=None, compare=False)
    """A replacement text or URL a person may want to apply."""
