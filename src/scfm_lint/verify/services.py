"""One async client per metadata service: identifiers in, :class:`Lookup` answers out.

Batched where the service allows it (Crossref ``filter=doi:…,doi:…``, arXiv ``id_list``,
E-utilities comma-joined ``id``), one request per identifier elsewhere (bioRxiv details,
OpenReview notes), always through the service's :class:`Pacer`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

import aiohttp

from scfm_lint.verify import parsers
from scfm_lint.verify.http import Answer, Pacer, ServiceError, fetch
from scfm_lint.verify.ids import Identifier, normalize_doi
from scfm_lint.verify.record import Lookup, Paper
from scfm_lint.verify.settings import VerifySettings

# Only fields Crossref documents as selectable: an unknown name fails the whole request.
_CROSSREF_FIELDS = (
    "DOI,title,container-title,short-container-title,type,issued,published,"
    "published-print,published-online,relation,group-title,alternative-id,publisher,subtitle,"
    "posted,created,event,updated-by"
)


@dataclass
class Client:
    """What every service client needs: the session, the settings and the pacers."""

    session: aiohttp.ClientSession
    settings: VerifySettings
    pacers: Mapping[str, Pacer]

    async def get(self, service: str, path: str, params: Mapping[str, str] | None = None) -> Answer:
        """The final answer of ``service`` (a key of ``verify:``) at ``path``."""
        url = self.settings.base[service] + path
        pacer = self.pacers[service.removesuffix("-v1")]
        return await fetch(self.session, pacer, self.settings, url, params)

    def crossref_params(self, **params: str) -> dict[str, str]:
        if self.settings.mailto:
            params["mailto"] = self.settings.mailto
        return params


ANSWER_ERRORS = (ServiceError, ValueError, LookupError, TypeError, AttributeError)
"""What an unusable answer raises; its identifiers become ``unknown``, the run goes on."""


def _chunks(items: Sequence[Identifier], size: int) -> Iterator[Sequence[Identifier]]:
    for start in range(0, len(items), max(1, size)):
        yield items[start : start + size]


def _unknown(idents: Sequence[Identifier], reason: str) -> dict[Identifier, Lookup]:
    return {i: Lookup(i, reason=reason) for i in idents}


async def _guarded(
    idents: Sequence[Identifier], job: Awaitable[dict[Identifier, Lookup]]
) -> dict[Identifier, Lookup]:
    """Run one request's job; a failed service makes its identifiers ``unknown``."""
    try:
        return await job
    except ANSWER_ERRORS as exc:
        return _unknown(idents, str(exc) or type(exc).__name__)


async def _crossref_single(client: Client, ident: Identifier) -> Lookup:
    """One DOI missing from a batch: is it unregistered, or registered elsewhere?"""
    doi = quote(ident.value, safe="/")
    try:
        agency = await client.get("crossref", f"/works/{doi}/agency", client.crossref_params())
        if agency.status == 404:
            return Lookup(ident, missing=True, reason="no such DOI")
        if agency.status != 200:
            return Lookup(ident, reason=f"HTTP {agency.status}")
        body = agency.json()
        name = body["message"]["agency"] if isinstance(body, dict) else {}
        if not isinstance(name, dict) or name.get("id") != "crossref":
            label = name.get("label") if isinstance(name, dict) else None
            return Lookup(ident, reason=f"DOI registered with {label or 'another agency'}")
        work = await client.get("crossref", f"/works/{doi}", client.crossref_params())
        if work.status != 200:
            return Lookup(ident, reason=f"HTTP {work.status}")
        items = parsers.crossref_items(work.json())
        return Lookup(ident, parsers.crossref_work(items[0], ident))
    except ANSWER_ERRORS as exc:
        return Lookup(ident, reason=str(exc) or type(exc).__name__)


async def _crossref_works(client: Client, filters: list[str], asked: int) -> list[Any]:
    """The works of one filtered Crossref query (room for two per identifier asked)."""
    params = client.crossref_params(
        filter=",".join(filters), rows=str(asked * 2), select=_CROSSREF_FIELDS
    )
    answer = await client.get("crossref", "/works", params)
    if answer.status != 200:
        raise ServiceError(f"HTTP {answer.status}")
    return list(parsers.crossref_items(answer.json()))


async def _crossref_batch(
    client: Client, idents: Sequence[Identifier], field: str
) -> dict[Identifier, Lookup]:
    works = await _crossref_works(client, [f"{field}:{i.value}" for i in idents], len(idents))
    found: dict[Identifier, Lookup] = {}
    for work in works:
        keys = (
            [normalize_doi(str(work.get("DOI", "")))]
            if field == "doi"
            else parsers.crossref_alternative_ids(work)
        )
        for ident in idents:
            if ident.value in keys and ident not in found:
                found[ident] = Lookup(ident, parsers.crossref_work(work, ident))
    for ident in idents:
        if ident in found:
            continue
        if field == "doi":
            found[ident] = await _crossref_single(client, ident)
        else:  # Crossref indexes most, not all, PIIs: absence proves nothing
            found[ident] = Lookup(ident, reason="PII not indexed by Crossref")
    return found


async def _articles_batch(client: Client, dois: Sequence[str]) -> dict[str, Paper]:
    filters = ["relation.type:has-preprint", *(f"relation.object:{d}" for d in dois)]
    found: dict[str, Paper] = {}
    for work in await _crossref_works(client, filters, len(dois)):
        doi = normalize_doi(str(work.get("DOI", "")))
        if not doi or work.get("type") == "posted-content":
            continue
        for preprint in parsers.relations(work, "has-preprint"):
            if preprint in dois and preprint not in found:
                found[preprint] = parsers.crossref_work(work, Identifier("doi", doi))
    return found


async def crossref_articles(client: Client, dois: Sequence[str]) -> dict[str, Paper]:
    """The published articles that declare one of these preprint DOIs as their preprint
    (Crossref ``has-preprint``, deposited by the journal), by preprint DOI; a failed request
    only leaves its preprints without an answer."""
    found: dict[str, Paper] = {}
    size = client.settings.batch.get("crossref", 20)
    for start in range(0, len(dois), max(1, size)):
        chunk = list(dois[start : start + size])
        try:
            found.update(await _articles_batch(client, chunk))
        except ANSWER_ERRORS:
            continue
    return found


async def crossref(client: Client, idents: Sequence[Identifier]) -> dict[Identifier, Lookup]:
    """DOIs and PIIs, several per request (a DOI with a comma goes alone)."""
    size = client.settings.batch.get("crossref", 20)
    jobs: list[tuple[Sequence[Identifier], Awaitable[dict[Identifier, Lookup]]]] = []
    for field, scheme in (("doi", "doi"), ("alternative-id", "pii")):
        group = [i for i in idents if i.scheme == scheme]
        alone = [i for i in group if "," in i.value]
        batched = [i for i in group if "," not in i.value]
        jobs += [(c, _crossref_batch(client, c, field)) for c in _chunks(batched, size)]
        jobs += [([i], _one(i, _crossref_single(client, i))) for i in alone]
    return await _gather(jobs)


async def _one(ident: Identifier, job: Awaitable[Lookup]) -> dict[Identifier, Lookup]:
    return {ident: await job}


async def _gather(
    jobs: Sequence[tuple[Sequence[Identifier], Awaitable[dict[Identifier, Lookup]]]],
) -> dict[Identifier, Lookup]:
    out: dict[Identifier, Lookup] = {}
    for part in await asyncio.gather(*(_guarded(ids, job) for ids, job in jobs)):
        out.update(part)
    return out


async def _arxiv_query(client: Client, idents: Sequence[Identifier]) -> dict[str, Any]:
    params = {"id_list": ",".join(i.value for i in idents), "max_results": str(len(idents))}
    answer = await client.get("arxiv", "/query", params)
    if answer.status != 200:
        raise ServiceError(f"HTTP {answer.status}")
    return parsers.arxiv_feed(answer.text)


async def _arxiv_batch(client: Client, idents: Sequence[Identifier]) -> dict[Identifier, Lookup]:
    papers = await _arxiv_query(client, idents)
    if not papers and len(idents) > 1:
        # arXiv sometimes answers an overloaded query with an empty feed: no verdict.
        return _unknown(idents, "arXiv returned an empty feed")
    out = {i: Lookup(i, papers[i.value]) for i in idents if i.value in papers}
    for ident in idents:
        if ident not in out:  # confirm alone before calling it missing
            alone = papers if len(idents) == 1 else await _arxiv_query(client, [ident])
            paper = alone.get(ident.value)
            out[ident] = Lookup(ident, paper) if paper else Lookup(ident, missing=True)
    return out


async def arxiv(client: Client, idents: Sequence[Identifier]) -> dict[Identifier, Lookup]:
    """arXiv ids, ``batch.arxiv`` per ``id_list`` request."""
    size = client.settings.batch.get("arxiv", 50)
    return await _gather([(c, _arxiv_batch(client, c)) for c in _chunks(idents, size)])


async def _biorxiv_one(client: Client, ident: Identifier) -> dict[Identifier, Lookup]:
    answer = await client.get("biorxiv", f"/details/{ident.scheme}/{ident.value}/na/json")
    if answer.status not in (200, 404):
        raise ServiceError(f"HTTP {answer.status}")
    paper = parsers.biorxiv_details(answer.json(), ident) if answer.status == 200 else None
    if paper is not None:
        return {ident: Lookup(ident, paper)}
    # The details API lags new posts (and may not know a new prefix yet): only a DOI that
    # Crossref has never registered either is missing.
    crossref = await _crossref_single(client, Identifier("doi", ident.value))
    found = replace(crossref.paper, ident=ident) if crossref.paper else None
    return {ident: replace(crossref, ident=ident, paper=found)}


async def biorxiv(client: Client, idents: Sequence[Identifier]) -> dict[Identifier, Lookup]:
    """bioRxiv and medRxiv DOIs, one ``/details`` request each."""
    return await _gather([([i], _biorxiv_one(client, i)) for i in idents])


async def _openreview_notes(client: Client, base: str, ident: Identifier) -> Paper | None:
    answer = await client.get(base, "/notes", {"id": ident.value})
    if answer.status == 404:
        return None
    if answer.status != 200:
        raise ServiceError(f"HTTP {answer.status}")
    return parsers.openreview_notes(answer.json(), ident)


async def _openreview_one(client: Client, ident: Identifier) -> dict[Identifier, Lookup]:
    paper = await _openreview_notes(client, "openreview", ident)
    if paper is None:  # older venues live on API 1 only
        paper = await _openreview_notes(client, "openreview-v1", ident)
    return {ident: Lookup(ident, paper, missing=paper is None)}


async def openreview(client: Client, idents: Sequence[Identifier]) -> dict[Identifier, Lookup]:
    """OpenReview forum ids, one ``/notes`` request each (API 2, then API 1 if need be)."""
    return await _gather([([i], _openreview_one(client, i)) for i in idents])


async def _esummary(client: Client, idents: Sequence[Identifier]) -> dict[Identifier, Lookup]:
    params = {
        "db": "pmc" if idents[0].scheme == "pmc" else "pubmed",
        "id": ",".join(i.value for i in idents),
        "retmode": "json",
        "tool": "scfm-lint",
    }
    if client.settings.mailto:
        params["email"] = client.settings.mailto
    answer = await client.get("pubmed", "/esummary.fcgi", params)
    if answer.status != 200:
        raise ServiceError(f"HTTP {answer.status}")
    papers = parsers.esummary(answer.json(), idents)
    return {i: Lookup(i, papers[i], missing=papers[i] is None) for i in idents}


async def pubmed(client: Client, idents: Sequence[Identifier]) -> dict[Identifier, Lookup]:
    """PubMed and PMC ids, ``batch.pubmed`` per esummary request (one database each)."""
    size = client.settings.batch.get("pubmed", 100)
    jobs: list[tuple[Sequence[Identifier], Awaitable[dict[Identifier, Lookup]]]] = []
    for scheme in ("pubmed", "pmc"):
        group = [i for i in idents if i.scheme == scheme]
        jobs += [(c, _esummary(client, c)) for c in _chunks(group, size)]
    return await _gather(jobs)


Resolver = Callable[[Client, Sequence[Identifier]], Awaitable[dict[Identifier, Lookup]]]
RESOLVERS: dict[str, Resolver] = {
    "crossref": crossref,
    "arxiv": arxiv,
    "biorxiv": biorxiv,
    "openreview": openreview,
    "pubmed": pubmed,
}
"""Service name -> its client."""
