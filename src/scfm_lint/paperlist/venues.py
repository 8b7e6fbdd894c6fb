"""The venue catalog: canonical names, aliases and identifiers, and tag lookup."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import difflib
import re
from typing import Any

from scfm_lint.errors import ConfigError

KINDS = frozenset({"journal", "conference", "workshop", "preprint", "blog", "other"})
_KEYS = frozenset({"kind", "aliases", "publisher", "codes", "issn", "doi", "urls"})
_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"(?:19|20)\d\d")
# A word after a conference name that makes the tag that conference's workshop.
_WORKSHOP = re.compile(r"\bworkshops?\b", re.IGNORECASE)
# A first extra word like this continues a longer venue name rather than adding a note.
_NAME_WORD = re.compile(r"[A-Z][a-z]+|&|and|of|for|in|on")


@dataclass(frozen=True, slots=True)
class Venue:
    """One venue of the catalog."""

    name: str
    """The canonical spelling."""
    kind: str
    aliases: tuple[str, ...] = ()
    publisher: str | None = None
    codes: tuple[str, ...] = ()
    """Springer Nature article-id journal codes (``s41592``)."""
    issn: tuple[str, ...] = ()
    """ISSNs embedded in Elsevier PIIs (``2666-3899``)."""
    doi: tuple[str, ...] = ()
    """Lower-case DOI prefixes that name this venue (``10.1016/j.cell.``)."""
    urls: tuple[str, ...] = ()
    """Lower-case ``host/path`` prefixes that belong to this venue."""


@dataclass(frozen=True, slots=True)
class Match:
    """How a tag's venue text resolved against the catalog."""

    venue: Venue
    written: str
    """The part of the tag that names the venue, as written."""
    how: str
    """``exact``, ``alias`` (a listed alias or misspelling) or ``case`` (a case variant)."""
    rest: str = ""
    """Words the tag carries after the venue (empty when the whole tag is the venue)."""
    rest_offset: int = 0
    """Offset of the extra words (including the separator before them) in the tag."""


def key(text: str) -> str:
    """The form two spellings share when they differ only in case or spacing."""
    return _SPACE.sub(" ", text).strip().casefold()


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(value)


def _venue(name: str, spec: Any, where: str) -> Venue:
    if not isinstance(spec, Mapping):
        raise ConfigError(f"{where}: expected a mapping with at least 'kind'")
    unknown = sorted(set(spec) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r}")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise ConfigError(f"{where}.kind: expected one of {', '.join(sorted(KINDS))}, got {kind!r}")
    publisher = spec.get("publisher")
    if publisher is not None and not isinstance(publisher, str):
        raise ConfigError(f"{where}.publisher: expected a string")
    return Venue(
        name=name,
        kind=kind,
        aliases=_strings(spec.get("aliases"), f"{where}.aliases"),
        publisher=publisher,
        codes=tuple(c.lower() for c in _strings(spec.get("codes"), f"{where}.codes")),
        issn=tuple(i.upper() for i in _strings(spec.get("issn"), f"{where}.issn")),
        doi=tuple(d.lower() for d in _strings(spec.get("doi"), f"{where}.doi")),
        urls=tuple(u.lower() for u in _strings(spec.get("urls"), f"{where}.urls")),
    )


class Catalog:
    """Every known venue, indexed by spelling and by identifier."""

    def __init__(self, venues: Mapping[str, Venue]) -> None:
        self.venues = dict(venues)
        self._exact: dict[str, Venue] = {}
        self._alias: dict[str, Venue] = {}  # exact alias spelling
        self._folded: dict[str, Venue] = {}  # key() of names and aliases
        for venue in self.venues.values():
            self._exact[venue.name] = venue
            self._folded.setdefault(key(venue.name), venue)
        for venue in self.venues.values():
            for alias in venue.aliases:
                self._alias.setdefault(alias, venue)
                self._folded.setdefault(key(alias), venue)
        self.by_code = {c: v for v in self.venues.values() for c in v.codes}
        self.by_issn = {i: v for v in self.venues.values() for i in v.issn}
        self._doi: dict[str, list[tuple[str, Venue]]] = {}  # by registrant (10.1016)
        dois = ((d, venue) for venue in self.venues.values() for d in venue.doi)
        for d, v in sorted(dois, key=_longest):
            self._doi.setdefault(d.partition("/")[0], []).append((d, v))
        self._url: dict[str, list[tuple[str, Venue]]] = {}  # by host
        urls = ((u, venue) for venue in self.venues.values() for u in venue.urls)
        for u, v in sorted(urls, key=_longest):
            self._url.setdefault(u.partition("/")[0], []).append((u, v))
        self._memo: dict[str, Match | None] = {}
        self._max_words = max((len(k.split()) for k in self._folded), default=1)

    def resolve(self, text: str) -> Match | None:
        """Resolve a whole venue text: exact, alias or case variant; None when unknown."""
        stripped = text.strip()
        venue = self._exact.get(stripped)
        if venue is not None:
            return Match(venue, stripped, "exact")
        venue = self._alias.get(stripped)
        if venue is not None:
            return Match(venue, stripped, "alias")
        venue = self._folded.get(key(stripped))
        if venue is None:
            # "Nature Methods." or "bioRxiv:": stray punctuation, fixed like an alias.
            venue = self._folded.get(key(stripped.rstrip(".,;:")))
            return None if venue is None else Match(venue, stripped, "alias")
        folded_alias = any(key(a) == key(stripped) for a in venue.aliases)
        return Match(venue, stripped, "alias" if folded_alias else "case")

    def lookup(self, text: str) -> Match | None:
        """Resolve a tag's venue text (memoized: a list repeats a few dozen venues)."""
        try:
            return self._memo[text]
        except KeyError:
            found = self._memo[text] = self._lookup(text)
            return found

    def _lookup(self, text: str) -> Match | None:
        """Resolve a tag's venue text, allowing extra words after the longest known prefix.

        A year inside the text is part of a conference name (``NeurIPS 2023 AI for Science
        Workshop``), and a conference followed by words ending in "Workshop" is that
        conference's workshop.
        """
        whole = self.resolve(text)
        if whole is not None:
            return whole
        words = list(re.finditer(r"[^\s,;]+", text))
        for n in range(min(len(words), self._max_words), 0, -1):
            end = words[n - 1].end()
            match = self.resolve(text[:end])
            if match is None:
                continue
            rest = text[end:].strip(" ,;:-–—")
            if match.venue.kind == "workshop":  # the rest names the workshop
                return Match(match.venue, match.written, match.how)
            if _WORKSHOP.search(rest) and match.venue.kind == "conference":
                workshop = self.venues.get(f"{match.venue.name} Workshop")
                if workshop is not None:
                    return Match(workshop, text, "exact")
            head, _, tail = rest.partition(" ")
            if _YEAR.fullmatch(head) and match.venue.kind == "conference":
                if not tail:
                    return Match(match.venue, text, match.how)
            elif _NAME_WORD.fullmatch(head) and not text[end : end + 1].strip():
                # "Nature Cancer", "Cell Metabolism": a longer name we do not know.
                return None
            return Match(match.venue, match.written, match.how, rest, end)
        return None

    def by_doi(self, doi: str) -> Venue | None:
        """The venue whose DOI prefix is the longest match of ``doi`` (lower-case)."""
        for prefix, venue in self._doi.get(doi.partition("/")[0], ()):
            if doi.startswith(prefix):
                return venue
        return None

    def by_url(self, path: str) -> Venue | None:
        """The venue whose URL prefix is the longest match of ``host/path`` (lower-case)."""
        for prefix, venue in self._url.get(path.partition("/")[0], ()):
            if path.startswith(prefix):
                return venue
        return None

    def closest(self, text: str, n: int = 3) -> list[str]:
        """The canonical names of the known venues whose spelling is closest to ``text``."""
        found = difflib.get_close_matches(key(text), list(self._folded), n=n * 2, cutoff=0.6)
        names: list[str] = []
        for k in found:
            name = self._folded[k].name
            if name not in names:
                names.append(name)
        return names[:n]


def _longest(pair: tuple[str, Venue]) -> int:
    return -len(pair[0])


def catalog_from_config(config: Mapping[str, Any]) -> Catalog:
    """Build the catalog from ``venues.known`` plus a project's ``venues.extra``.

    An extra venue named like a known one adds its aliases and identifiers to it.
    """
    section = config.get("venues") or {}
    venues: dict[str, Venue] = {}
    for group in ("known", "extra"):
        entries = section.get(group) or {}
        if not isinstance(entries, Mapping):
            raise ConfigError(f"venues.{group}: expected a mapping of venue names")
        for name, spec in entries.items():
            where = f"venues.{group}.{name}"
            if not isinstance(name, str) or not name.strip():
                raise ConfigError(f"{where}: a venue name must be a non-empty string")
            old = venues.get(name)
            if old is not None and isinstance(spec, Mapping) and "kind" not in spec:
                spec = _extend(old, spec)
            venues[name] = _venue(name, spec, where)
    return Catalog(venues)


def _extend(old: Venue, spec: Mapping[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {
        "kind": old.kind,
        "aliases": list(old.aliases),
        "publisher": old.publisher,
        "codes": list(old.codes),
        "issn": list(old.issn),
        "doi": list(old.doi),
        "urls": list(old.urls),
    }
    for k, v in spec.items():
        merged[k] = merged.get(k, []) + v if isinstance(v, list) else v
    return merged


_cache: list[tuple[Any, Catalog]] = []


def catalog(config: Mapping[str, Any]) -> Catalog:
    """The catalog for ``config``, built once per configuration value."""
    venues = config.get("venues")
    for cached_venues, built in _cache:
        if cached_venues is venues:
            return built
    built = catalog_from_config(config)
    _cache[:] = [(venues, built)]
    return built
