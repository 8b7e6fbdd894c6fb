"""The configuration as one frozen, typed object, built and validated in one pass.

To add a section (``conventions:``): put its defaults in ``rules/<name>.yaml``, a frozen
dataclass and a ``parse_<name>(section, at)`` in a module of this package, a field on
:class:`Config`, and one entry in :data:`SECTIONS`. Rules then read ``ctx.config.<name>``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from scfm_lint.config import sections as s
from scfm_lint.config.conventions import ConventionSettings, parse_conventions
from scfm_lint.config.links import LinkSettings, parse_hosts, parse_links
from scfm_lint.config.read import At
from scfm_lint.config.selection import Selection, parse_selection
from scfm_lint.config.verify import VerifySettings, parse_verify
from scfm_lint.errors import ConfigError

if TYPE_CHECKING:
    from scfm_lint.links.policy import Policies
    from scfm_lint.paperlist.venues import Catalog


@dataclass(frozen=True, slots=True, eq=False)
class Config:
    """Defaults < project file < command line, every value checked and typed."""

    source: str
    """The project file the values came from ('' for the defaults alone)."""
    selection: Selection
    catalog: s.CatalogSettings
    sections: s.SectionSettings
    entries: s.EntrySettings
    whitespace: s.WhitespaceSettings
    conventions: ConventionSettings
    """Pins on the conventions learned from each list (:mod:`scfm_lint.conventions`)."""
    duplicates: s.DuplicateSettings
    venues: Catalog
    hosts: Policies
    links: LinkSettings
    verify: VerifySettings
    raw: Mapping[str, Any]
    """The merged mapping the fields were read from (read-only; for reports and tools)."""


#: Section key -> its parser; each field of :class:`Config` of the same (snake) name.
SECTIONS: dict[str, Callable[[Mapping[str, Any], At], Any]] = {
    "catalog": s.parse_catalog,
    "sections": s.parse_sections,
    "entries": s.parse_entries,
    "whitespace": s.parse_whitespace,
    "conventions": parse_conventions,
    "duplicates": s.parse_duplicates,
    "links": parse_links,
    "verify": parse_verify,
}


def _venues(merged: Mapping[str, Any], source: str) -> Catalog:
    from scfm_lint.paperlist.venues import catalog_from_config

    try:
        return catalog_from_config(merged)
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from None


def build(merged: Mapping[str, Any], source: str = "") -> Config:
    """Read every section of ``merged`` (defaults already merged in) into a :class:`Config`."""
    label = source or "configuration"
    parsed = {
        key.replace("-", "_"): parse(merged.get(key) or {}, At(label, key))
        for key, parse in SECTIONS.items()
    }
    return Config(
        source=source,
        selection=parse_selection(merged, label),
        venues=_venues(merged, label),
        hosts=parse_hosts(merged.get("hosts"), At(label, "hosts")),
        raw=MappingProxyType(dict(merged)),
        **parsed,
    )
