"""The venue catalog: canonical names, aliases and identifiers, and tag lookup."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import re
from typing import Any, Protocol

from scfm_lint.config.resources import load_rule_file
from scfm_lint.errors import ConfigError
from scfm_lint.paperlist.spelling import allowed_edits, distance

KINDS = frozenset({"journal", "conference", "workshop", "preprint", "blog", "other"})
_KEYS = frozenset({"kind", "aliases", "misspellings", "publisher", "codes", "issn", "doi", "urls"})
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
    """Other accepted spellings (abbreviations, former names)."""
    misspellings: tuple[str, ...] = ()
    """Known wrong spellings: always flagged, never a list's house spelling."""
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
    """``exact``, ``alias`` (an accepted other spelling), ``misspelling`` (a listed wrong
    spelling, or stray punctuation) or ``case`` (a case or spacing variant)."""
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
        misspellings=_strings(spec.get("misspellings"), f"{where}.misspellings"),
        publisher=publisher,
        codes=tuple(c.lower() for c in _strings(spec.get("codes"), f"{where}.codes")),
        issn=tuple(i.upper() for i in _strings(spec.get("issn"), f"{where}.issn")),
        doi=tuple(d.lower() for d in _strings(spec.get("doi"), f"{where}.doi")),
        urls=tuple(u.lower() for u in _strings(spec.get("urls"), f"{where}.urls")),
    )


class Generated:
    """The generated catalog (``rules/catalog/venues.yaml``): names and aliases only."""

    def __init__(self, lines: list[str]) -> None:
        self.exact: dict[str, Venue] = {}
        self.folded: dict[str, Venue] = {}
        for line in lines:
            kind, name, *aliases = line.split("|")
            venue = Venue(name, kind if kind in KINDS else "other", tuple(aliases))
            for spelling in (name, *aliases):
                self.exact.setdefault(spelling, venue)
                # Case-blind matching only for longer names: "AI", "IS" or "VR" in another
                # case are ordinary words, not those venues.
                if len(spelling) >= 5:
                    self.folded.setdefault(key(spelling), venue)

    @classmethod
    def shipped(cls) -> Generated:
        data = load_rule_file("catalog/venues")
        block = data.get("venues") if isinstance(data, dict) else None
        if not isinstance(block, str):
            raise ConfigError("rules/catalog/venues.yaml: expected 'venues', a text block")
        return cls([line for line in block.splitlines() if line.count("|") >= 1])


class Catalog:
    """Every known venue, indexed by spelling and by identifier."""

    def __init__(self, venues: Mapping[str, Venue], generated: bool = False) -> None:
        self.venues = dict(venues)
        self._exact: dict[str, Venue] = {}
        self._alias: dict[str, Venue] = {}  # exact alias spelling
        self._wrong: dict[str, Venue] = {}  # exact misspelling
        self._folded: dict[str, Venue] = {}  # key() of names and aliases
        self._folded_wrong: dict[str, Venue] = {}  # key() of misspellings
        for venue in self.venues.values():
            self._exact[venue.name] = venue
            self._folded.setdefault(key(venue.name), venue)
        for venue in self.venues.values():
            for alias in venue.aliases:
                self._alias.setdefault(alias, venue)
                self._folded.setdefault(key(alias), venue)
            for wrong in venue.misspellings:
                self._wrong.setdefault(wrong, venue)
                self._folded_wrong.setdefault(key(wrong), venue)
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
        self._close: dict[str, list[str]] = {}
        self._by_length: dict[int, list[tuple[str, int, str]]] | None = None
        self._max_words = max((len(k.split()) for k in self._folded), default=1)
        self._use_generated = generated
        self._generated: Generated | None = None
        self._workshops: dict[str, Venue] = {}

    @property
    def generated(self) -> Generated | None:
        """The generated catalog, read on first use (most lists never need it)."""
        if self._generated is None and self._use_generated:
            self._generated = Generated.shipped()
        return self._generated

    def resolve(self, text: str, loose: bool = True) -> Match | None:
        """Resolve a whole venue text: exact, alias, misspelling or case variant; None when
        unknown. Without ``loose`` the generated catalog matches exact spellings only."""
        stripped = text.strip()
        for table, how in (
            (self._exact, "exact"),
            (self._alias, "alias"),
            (self._wrong, "misspelling"),
        ):
            venue = table.get(stripped)
            if venue is not None:
                return Match(venue, stripped, how)
        folded = key(stripped)
        venue = self._folded_wrong.get(folded)
        if venue is not None:
            return Match(venue, stripped, "misspelling")
        venue = self._folded.get(folded)
        if venue is not None:
            return Match(venue, stripped, "case")
        found = self._resolve_generated(stripped, loose)
        if found is not None:
            return found
        # "Nature Methods." or "bioRxiv:": stray punctuation, fixed like a misspelling.
        bare = stripped.rstrip(".,;:")
        if bare and bare != stripped:
            found = self.resolve(bare, loose)
            if found is not None:
                return Match(found.venue, stripped, "misspelling")
        return None

    def _resolve_generated(self, stripped: str, loose: bool) -> Match | None:
        generated = self.generated
        if generated is None:
            return None
        venue = generated.exact.get(stripped)
        if venue is not None:
            return Match(venue, stripped, "exact" if stripped == venue.name else "alias")
        venue = generated.folded.get(key(stripped)) if loose else None
        return None if venue is None else Match(venue, stripped, "case")

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
            match = self.resolve(text[:end], loose=False)
            if match is None:
                continue
            rest = text[end:].strip(" ,;:-–—")
            if match.venue.kind == "workshop":  # the rest names the workshop
                return Match(match.venue, match.written, match.how)
            if _WORKSHOP.search(rest) and match.venue.kind == "conference":
                return Match(self._workshop(match.venue), text, "exact")
            head, _, tail = rest.partition(" ")
            if _YEAR.fullmatch(head) and match.venue.kind == "conference":
                if not tail:
                    return Match(match.venue, text, match.how)
            elif _NAME_WORD.fullmatch(head) and not text[end : end + 1].strip():
                # "Nature Cancer", "Cell Metabolism": a longer name we do not know.
                return None
            return Match(match.venue, match.written, match.how, rest, end)
        return None

    def _workshop(self, conference: Venue) -> Venue:
        """The workshops of ``conference``: the catalog's entry, else one made on the fly."""
        name = f"{conference.name} Workshop"
        known = self.venues.get(name)
        if known is not None:
            return known
        return self._workshops.setdefault(name, Venue(name, "workshop"))

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
        """Canonical names of known venues whose spelling is a likely typo of ``text``: within
        a few edits, none at all for short acronyms (ICCV is not a typo of MICCAI)."""
        folded = key(text)
        found = self._close.get(folded)
        if found is None:
            found = self._close[folded] = self._closest(folded)
        return found[:n]

    def _closest(self, folded: str) -> list[str]:
        limit = allowed_edits(folded)
        if limit == 0:
            return []
        if self._by_length is None:
            self._by_length = self._spellings_by_length()
        scored: list[tuple[int, int, str]] = []
        for n in range(len(folded) - limit, len(folded) + limit + 1):
            for spelling, order, name in self._by_length.get(n, ()):
                d = distance(folded, spelling, limit)
                if d <= limit:
                    scored.append((d, order, name))
        names: list[str] = []
        for _d, _order, name in sorted(scored):
            if name not in names:
                names.append(name)
        return names

    def _spellings_by_length(self) -> dict[int, list[tuple[str, int, str]]]:
        """Every suggestible spelling (not a short acronym), bucketed by length: a typo
        within ``k`` edits has a length within ``k``. The core's come first."""
        tables = [self._folded]
        if self.generated is not None:
            tables.append(self.generated.folded)
        buckets: dict[int, list[tuple[str, int, str]]] = {}
        for order, table in enumerate(tables):
            for spelling, venue in table.items():
                if allowed_edits(spelling):
                    buckets.setdefault(len(spelling), []).append((spelling, order, venue.name))
        return buckets


def _longest(pair: tuple[str, Venue]) -> int:
    return -len(pair[0])


def catalog_from_config(config: Mapping[str, Any]) -> Catalog:
    """Build the catalog from ``venues.known`` plus a project's ``venues.extra``.

    An extra venue named like a known one adds its aliases and identifiers to it. With
    ``venues.catalog`` on, the generated catalog answers for names neither of them knows.
    """
    section = config.get("venues") or {}
    generated = section.get("catalog", False)
    if not isinstance(generated, bool):
        raise ConfigError("venues.catalog: expected true or false")
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
    return Catalog(venues, generated=generated)


def _extend(old: Venue, spec: Mapping[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {
        "kind": old.kind,
        "aliases": list(old.aliases),
        "misspellings": list(old.misspellings),
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


class _Configured(Protocol):
    """A typed configuration (:class:`scfm_lint.config.model.Config`) holds its catalog."""

    @property
    def venues(self) -> Catalog: ...


def catalog(config: Mapping[str, Any] | _Configured) -> Catalog:
    """The catalog of a typed config, or of a merged mapping (built once per value)."""
    if not isinstance(config, Mapping):
        return config.venues
    venues = config.get("venues")
    for cached_venues, built in _cache:
        if cached_venues is venues:
            return built
    built = catalog_from_config(config)
    _cache[:] = [(venues, built)]
    return built
