"""The ``conventions:`` configuration: which conventions are pinned, validated on use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scfm_lint.document.model import Document
from scfm_lint.errors import ConfigError

LEARN = "learn"
#: Each word-valued convention and the values a pin may take (``learn`` leaves it learned).
CHOICES: dict[str, tuple[str, ...]] = {
    "numbering": ("one", "sequential"),
    "order": ("newest-first", "oldest-first", "none"),
    "arxiv": ("abs", "pdf"),
    "scheme": ("https", "http"),
    "doi": ("doi.org", "publisher"),
    "tag": ("year-venue", "venue-year", "year-dash-venue", "year", "venue"),
    "trailing": ("none", "text"),
}
#: Conventions a ``sections:`` entry may pin for one heading and the headings under it.
SECTION_KEYS = ("numbering", "order")


@dataclass(frozen=True, slots=True)
class Pins:
    """What the configuration pins; None (or empty, or 0) leaves a convention learned."""

    words: Mapping[str, str | None]
    """Document-wide word pins by convention name."""
    sections: Mapping[int, Mapping[str, str]]
    """Per heading index: the pins that apply to it (its own, else its nearest ancestor's)."""
    labels: tuple[str, ...]
    catalog_depth: int


def _word(name: str, value: Any, where: str) -> str | None:
    if value == LEARN:
        return None
    if value not in CHOICES[name]:
        allowed = ", ".join((LEARN, *CHOICES[name]))
        raise ConfigError(f"{where}: expected one of {allowed}, got {value!r}")
    return str(value)


def _own_section_pins(doc: Document, named: Any) -> dict[int, dict[str, str]]:
    if not isinstance(named, Mapping):
        raise ConfigError("conventions.sections: expected a mapping of heading text to pins")
    own: dict[int, dict[str, str]] = {}
    for name, pins in named.items():
        where = f"conventions.sections.{name}"
        if not isinstance(pins, Mapping):
            raise ConfigError(f"{where}: expected a mapping such as {{order: none}}")
        words: dict[str, str] = {}
        for key, value in pins.items():
            if key not in SECTION_KEYS:
                raise ConfigError(f"{where}: unknown key {key!r} (use {', '.join(SECTION_KEYS)})")
            word = _word(key, value, f"{where}.{key}")
            if word is not None:
                words[key] = word
        wanted = str(name).strip().lstrip("#").casefold()
        hits = [h.index for h in doc.headings if wanted in (h.text.strip().casefold(), h.anchor)]
        if not hits and doc.entries:
            raise ConfigError(f"{where}: no heading with this text")
        for index in hits:
            own.setdefault(index, {}).update(words)
    return own


def read_pins(doc: Document, config: Mapping[str, Any]) -> Pins:
    """The pins of ``config["conventions"]`` resolved against ``doc``'s headings."""
    settings = config.get("conventions") or {}
    if not isinstance(settings, Mapping):
        raise ConfigError("conventions: expected a mapping")
    words = {
        name: _word(name, settings.get(name, LEARN), f"conventions.{name}") for name in CHOICES
    }
    own = _own_section_pins(doc, settings.get("sections") or {})
    sections: dict[int, Mapping[str, str]] = {}
    for h in doc.headings:  # parents come before their children
        inherited = sections.get(h.parent, {}) if h.parent is not None else {}
        sections[h.index] = {**inherited, **own.get(h.index, {})}
    labels = settings.get("labels") or []
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        raise ConfigError("conventions.labels: expected a list of label words")
    depth = settings.get("catalog-depth", 0)
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise ConfigError(f"conventions.catalog-depth: expected a whole number, got {depth!r}")
    return Pins(words, sections, tuple(labels), depth)
