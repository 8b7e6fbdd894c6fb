"""The ``conventions:`` pins of the typed configuration, resolved against one document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scfm_lint.config.conventions import ConventionSettings
from scfm_lint.document.model import Document
from scfm_lint.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Pins:
    """The configuration's pins with its per-heading pins resolved against one document."""

    settings: ConventionSettings
    """The document-wide pins, as configured."""
    sections: Mapping[int, Mapping[str, str]]
    """Per heading index: the pins that apply to it (its own, else its nearest ancestor's)."""

    @property
    def words(self) -> Mapping[str, str | None]:
        """Document-wide word pins by convention name."""
        return self.settings.words

    @property
    def labels(self) -> tuple[str, ...]:
        return self.settings.labels

    @property
    def catalog_depth(self) -> int:
        return self.settings.catalog_depth


def _own_section_pins(doc: Document, settings: ConventionSettings) -> dict[int, dict[str, str]]:
    own: dict[int, dict[str, str]] = {}
    for name, words in settings.sections.items():
        wanted = name.strip().lstrip("#").strip().casefold()
        hits = [h.index for h in doc.headings if wanted in (h.text.strip().casefold(), h.anchor)]
        if not hits and doc.entries:
            # A fact about this document, not the file: only a lint can tell.
            raise ConfigError(f"conventions.sections.{name}: no heading with this text")
        for index in hits:
            own.setdefault(index, {}).update(words)
    return own


def read_pins(doc: Document, settings: ConventionSettings) -> Pins:
    """The pins of ``settings`` with its per-heading pins resolved against ``doc``."""
    own = _own_section_pins(doc, settings)
    sections: dict[int, Mapping[str, str]] = {}
    for h in doc.headings:  # parents come before their children
        inherited = sections.get(h.parent, {}) if h.parent is not None else {}
        sections[h.index] = {**inherited, **own.get(h.index, {})}
    return Pins(settings, sections)
