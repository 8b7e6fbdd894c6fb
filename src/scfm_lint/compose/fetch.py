"""One identifier's metadata: from the verification cache, else from its service (aiohttp)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
import time

import aiohttp  # the add path only: imported by the command when a request is needed

from scfm_lint.config.verify import VerifySettings
from scfm_lint.verify.cache import open_cache
from scfm_lint.verify.core import pacers_for, resolve
from scfm_lint.verify.ids import Identifier
from scfm_lint.verify.record import Lookup
from scfm_lint.verify.services import Client


@dataclass(frozen=True, slots=True)
class Fetched:
    """A service's answer and what it cost."""

    lookup: Lookup
    requests: dict[str, int]
    """Requests sent, per service (every try counts); empty when the cache answered."""
    cached: bool = False


async def fetch(
    ident: Identifier, settings: VerifySettings, session: aiohttp.ClientSession
) -> Fetched:
    """Ask ``ident``'s service about it, politely (pacing, retries, Retry-After, deadline)."""
    client = Client(session, settings, pacers_for(settings))
    deadline = time.monotonic() + settings.deadline if settings.deadline else None
    found = await resolve(client, [ident], deadline)
    sent = {name: p.sent for name, p in client.pacers.items() if p.sent}
    return Fetched(found[ident], sent)


async def _fetch_alone(ident: Identifier, settings: VerifySettings) -> Fetched:
    async with aiohttp.ClientSession() as session:
        return await fetch(ident, settings, session)


def lookup(ident: Identifier, settings: VerifySettings, *, use_cache: bool = True) -> Fetched:
    """The paper ``ident`` names: a fresh cache entry, else one request to its service."""
    cache = open_cache(settings) if use_cache else None
    try:
        if cache is not None:
            hit = cache.get([ident]).get(ident)
            if hit is not None:
                return Fetched(hit, {}, cached=True)
        fetched = asyncio.run(_fetch_alone(ident, settings))
        if cache is not None:
            cache.put([fetched.lookup])
        return fetched
    finally:
        if cache is not None:
            cache.close()
