"""Verify every identifier-bearing link of a list: one batched pass per service."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
import time
from typing import Any, Protocol

import aiohttp

from scfm_lint.config.load import as_config
from scfm_lint.config.model import Config
from scfm_lint.document.model import Document, Entry, Link
from scfm_lint.paperlist.venues import Catalog
from scfm_lint.verify.cache import MetadataCache
from scfm_lint.verify.http import Pacer
from scfm_lint.verify.ids import Identifier, identify
from scfm_lint.verify.judge import Listed, judge
from scfm_lint.verify.record import Lookup, Paper, Stats, VerifyResult
from scfm_lint.verify.services import RESOLVERS, Client, crossref_articles
from scfm_lint.verify.settings import SERVICES, VerifySettings, load_settings


class EntryLike(Protocol):
    """What verification reads of an entry (:class:`scfm_lint.document.model.Entry` fits)."""

    @property
    def title(self) -> str: ...
    @property
    def year(self) -> int | None: ...
    @property
    def venue(self) -> str | None: ...


class LinkLike(Protocol):
    """A link with its place (:class:`scfm_lint.document.model.Link` fits)."""

    @property
    def url(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


def pacers_for(settings: VerifySettings) -> dict[str, Pacer]:
    """One pacer per service, for the whole run."""
    return {
        name: Pacer(settings.concurrency.get(name, 1), settings.delay.get(name, 0.0))
        for name in SERVICES
    }


async def _within(
    name: str, group: list[Identifier], client: Client, seconds: float | None
) -> dict[Identifier, Lookup]:
    try:
        return await asyncio.wait_for(RESOLVERS[name](client, group), seconds)
    except asyncio.TimeoutError:
        return {i: Lookup(i, reason=f"{name} did not answer before the deadline") for i in group}


async def resolve(
    client: Client, idents: Sequence[Identifier], deadline: float | None = None
) -> dict[Identifier, Lookup]:
    """Ask each identifier's service about it, every service at once; what a service has
    not answered by ``deadline`` (a :func:`time.monotonic` instant) is ``unknown``, while
    the other services keep their answers."""
    asked = {i: _as_asked(i, client.settings) for i in idents}
    by_service: dict[str, list[Identifier]] = {}
    for ident in sorted(set(asked.values())):
        by_service.setdefault(ident.service, []).append(ident)
    seconds = None if deadline is None else max(0.0, deadline - time.monotonic())
    parts = await asyncio.gather(
        *(_within(name, group, client, seconds) for name, group in by_service.items())
    )
    answers = {ident: lookup for part in parts for ident, lookup in part.items()}
    return {i: _rekey(answers[a], i) if a != i else answers[a] for i, a in asked.items()}


def _as_asked(ident: Identifier, settings: VerifySettings) -> Identifier:
    """bioRxiv/medRxiv DOIs go to Crossref in batches when ``verify.rxiv-via`` says so."""
    if ident.service == "biorxiv" and settings.rxiv_via == "crossref":
        return Identifier("doi", ident.value)
    return ident


def _rekey(lookup: Lookup, ident: Identifier) -> Lookup:
    paper = replace(lookup.paper, ident=ident) if lookup.paper else None
    return replace(lookup, ident=ident, paper=paper)


async def _with_published(
    client: Client, lookups: dict[Identifier, Lookup], deadline: float | None
) -> dict[Identifier, Lookup]:
    """Name the journal and year of preprints that record a published DOI (one more pass)."""
    wanted = {
        lookup.paper.published_doi
        for lookup in lookups.values()
        if lookup.paper and lookup.paper.published_doi
    }
    if not wanted:
        return lookups
    journals = await resolve(client, [Identifier("doi", d) for d in wanted], deadline)
    out = dict(lookups)
    for ident, lookup in lookups.items():
        paper = lookup.paper
        found = journals.get(Identifier("doi", paper.published_doi or "")) if paper else None
        if paper and found and found.paper:
            journal = found.paper
            out[ident] = replace(
                lookup,
                paper=replace(
                    paper,
                    published_venue=journal.venue or paper.published_venue,
                    published_year=journal.years[0] if journal.years else None,
                ),
            )
    return out


async def _with_articles(
    client: Client, lookups: dict[Identifier, Lookup], deadline: float | None
) -> dict[Identifier, Lookup]:
    """Find the journal version of preprints that record none, from the journal's side: an
    article whose Crossref record says ``has-preprint`` this preprint (one more pass)."""
    wanted = {
        ident: lookup.paper.doi
        for ident, lookup in lookups.items()
        if lookup.paper is not None
        and lookup.paper.preprint
        and lookup.paper.doi
        and not (lookup.paper.published_doi or lookup.paper.published_venue)
    }
    if not wanted:
        return lookups
    seconds = None if deadline is None else max(0.0, deadline - time.monotonic())
    try:
        articles = await asyncio.wait_for(
            crossref_articles(client, sorted({d for d in wanted.values() if d})), seconds
        )
    except asyncio.TimeoutError:
        return lookups
    out = dict(lookups)
    for ident, doi in wanted.items():
        article = articles.get(doi or "")
        paper = lookups[ident].paper
        if article is None or paper is None:
            continue
        out[ident] = replace(
            lookups[ident],
            paper=replace(
                paper,
                published_doi=article.doi,
                published_venue=article.venue,
                published_year=article.years[0] if article.years else None,
            ),
        )
    return out


def _place(link: LinkLike | str) -> tuple[str, int, int]:
    if isinstance(link, str):
        return link, 0, 0
    return link.url, link.line, link.column


def _primary(entry: EntryLike, link: LinkLike | str) -> bool:
    links = getattr(entry, "links", None)
    return not links or isinstance(link, str) or links[0] is link or links[0] == link


async def verify_entries(
    items: Sequence[tuple[EntryLike, LinkLike | str]],
    config: Config | Mapping[str, Any],
    session: aiohttp.ClientSession,
    *,
    cache: MetadataCache | None = None,
    stats: Stats | None = None,
) -> list[VerifyResult]:
    """The verdict on each (entry, link) pair, in order; links without an identifier get
    ``unknown`` with ``ident`` None (left to the page check)."""
    settings = load_settings(config)
    idents = [identify(_place(link)[0]) for _, link in items]
    wanted = sorted({i for i in idents if i is not None})
    known = cache.get(wanted) if cache is not None else {}
    client = Client(session, settings, pacers_for(settings))
    deadline = time.monotonic() + settings.deadline if settings.deadline else None
    fresh = await resolve(client, [i for i in wanted if i not in known], deadline)
    fresh = await _with_published(client, fresh, deadline)
    fresh = await _with_articles(client, fresh, deadline)
    if cache is not None:
        cache.put(fresh.values())
    if stats is not None:
        stats.identifiers += len(wanted)
        stats.cached += len(known)
        for name, pacer in client.pacers.items():
            stats.requests[name] = stats.requests.get(name, 0) + pacer.sent
    lookups = {**known, **fresh}
    venues = as_config(config).venues
    results = []
    for (entry, link), ident in zip(items, idents, strict=True):
        url, line, column = _place(link)
        if ident is None:
            results.append(VerifyResult(url, line, column, "unknown", None, "no identifier"))
            continue
        lookup = lookups.get(ident)
        if lookup is not None and lookup.paper is not None and lookup.paper.published_venue:
            lookup = replace(lookup, paper=canonical_published(lookup.paper, venues))
        listed = Listed(entry.title, entry.year, entry.venue, _primary(entry, link))
        verdict = judge(listed, lookup, settings.title_threshold)
        paper = lookup.paper if lookup else None
        since = paper if verdict.verdict == "published" and paper is not None else None
        results.append(
            VerifyResult(
                url,
                line,
                column,
                verdict.verdict,
                ident,
                verdict.message,
                verdict.suggestion,
                listed_title=entry.title,
                found_title=paper.title if paper else None,
                found_years=paper.years if paper else (),
                found_venue=paper.venue if paper else None,
                cached=ident in known,
                published_url=_doi_url(since.published_doi) if since else None,
                published_tag=_tag(since) if since else None,
            )
        )
    return results


def canonical_published(paper: Paper, venues: Catalog) -> Paper:
    """``paper`` with its published venue spelled as the venue catalog spells it (found by
    the published DOI's prefix, else by the name); an unknown venue keeps its spelling."""
    name = paper.published_venue or ""
    venue = venues.by_doi(paper.published_doi) if paper.published_doi else None
    if venue is None:
        match = venues.resolve(name, loose=False)
        venue = match.venue if match is not None and not match.rest else None
    return replace(paper, published_venue=venue.name) if venue is not None else paper


def _doi_url(doi: str | None) -> str | None:
    return f"https://doi.org/{doi}" if doi else None


def _tag(paper: Paper) -> tuple[int, str] | None:
    if paper.published_year and paper.published_venue:
        return paper.published_year, paper.published_venue
    return None


def entry_links(doc: Document) -> list[tuple[Entry, Link]]:
    """Every link of every entry of ``doc`` that the document still lists, in order: the
    items :func:`verify_entries` takes. A document narrowed to some links (``links
    --changed-since`` keeps only the new ones in :attr:`Document.links`) yields only those."""
    kept = set(doc.links)
    return [(entry, link) for entry in doc.entries for link in entry.links if link in kept]


async def verify_documents(
    docs: Sequence[Document],
    config: Config | Mapping[str, Any],
    session: aiohttp.ClientSession,
    *,
    cache: MetadataCache | None = None,
    stats: Stats | None = None,
    keep: Callable[[Link], bool] | None = None,
) -> dict[str, list[VerifyResult]]:
    """Verify the entry links of several documents in one batched pass; results by path.

    ``keep`` narrows the links verified (the link checker passes the web links it checks,
    leaving out excluded URLs)."""
    items = [
        (doc.path, pair)
        for doc in docs
        for pair in entry_links(doc)
        if keep is None or keep(pair[1])
    ]
    results = await verify_entries(
        [pair for _, pair in items], config, session, cache=cache, stats=stats
    )
    by_path: dict[str, list[VerifyResult]] = {doc.path: [] for doc in docs}
    for (path, _), result in zip(items, results, strict=True):
        by_path[path].append(result)
    return by_path
