"""Polite requests to one metadata service: paced, bounded, retried, Retry-After honoured."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
import json
import random
import re
import time
from typing import Any

import aiohttp  # the links path only: scfm_lint.verify.{http,services,core}

from scfm_lint.links.network import is_down, proxy_for
from scfm_lint.verify.settings import VerifySettings

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class ServiceError(Exception):
    """A service gave no usable answer after the retries; the verdict is ``unknown``."""


@dataclass(frozen=True, slots=True)
class Answer:
    """A final HTTP answer (2xx, or a 4xx other than 429)."""

    status: int
    text: str

    def json(self) -> Any:
        try:
            return json.loads(self.text)
        except ValueError:
            raise ServiceError(f"HTTP {self.status}: body is not JSON") from None


class Pacer:
    """One service's manners: at most ``limit`` requests in flight, ``delay`` seconds between
    two starts, a pause for everyone when the service asks for one (Retry-After), and the
    stricter of these and the limits the service announces (:meth:`announce`)."""

    def __init__(self, limit: int, delay: float) -> None:
        self._slots = asyncio.Semaphore(max(1, limit))
        self._delay = delay
        self._next = 0.0
        self._lock = asyncio.Lock()
        self._room = asyncio.Condition()
        self._cap = max(1, limit)
        self._busy = 0
        self.sent = 0
        """Requests sent so far (every try counts)."""

    @property
    def delay(self) -> float:
        """Seconds between two starts, as configured or as the service announced."""
        return self._delay

    @property
    def cap(self) -> int:
        """Requests allowed in flight at once."""
        return self._cap

    def announce(self, headers: Mapping[str, str]) -> None:
        """Adopt the limits a service announces when they are stricter than ours: Crossref's
        ``x-rate-limit-limit`` requests per ``x-rate-limit-interval`` and its
        ``x-concurrency-limit``. Unreadable values are ignored."""
        limit = _count(headers.get("x-rate-limit-limit"))
        interval = _seconds(headers.get("x-rate-limit-interval"))
        if limit and interval is not None:
            self._delay = max(self._delay, interval / limit)
        concurrency = _count(headers.get("x-concurrency-limit"))
        if concurrency:
            self._cap = min(self._cap, concurrency)

    async def __aenter__(self) -> None:
        await self._slots.acquire()
        async with self._room:
            await self._room.wait_for(lambda: self._busy < self._cap)
            self._busy += 1
        async with self._lock:
            wait = self._next - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self._next = time.monotonic() + self._delay
            self.sent += 1

    async def __aexit__(self, *exc: object) -> None:
        async with self._room:
            self._busy -= 1
            self._room.notify_all()
        self._slots.release()

    def pause(self, seconds: float) -> None:
        """Hold every next request to this service for ``seconds``."""
        self._next = max(self._next, time.monotonic() + seconds)


def _count(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def _seconds(value: str | None) -> float | None:
    """``1s``, ``500ms`` or ``2`` as seconds (Crossref writes ``1s``)."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*", value or "")
    if found is None:
        return None
    number = float(found.group(1))
    return number / 1000 if found.group(2) == "ms" else number


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def _backoff(settings: VerifySettings, attempt: int) -> float:
    base = min(settings.backoff_max, settings.backoff * 2**attempt)
    jitter: float = random.random()
    return float(base) * (0.5 + jitter / 2)


async def fetch(
    session: aiohttp.ClientSession,
    pacer: Pacer,
    settings: VerifySettings,
    url: str,
    params: Mapping[str, str] | None = None,
) -> Answer:
    """GET ``url``; retry 429, 5xx, timeouts and failed connections with bounded backoff."""
    headers = {"User-Agent": settings.user_agent, "Accept": "application/json, */*;q=0.5"}
    if settings.mailto:
        headers["User-Agent"] += f" (mailto:{settings.mailto})"
    timeout = aiohttp.ClientTimeout(total=settings.timeout)
    last = "no answer"
    for attempt in range(settings.retries + 1):
        if is_down(session):
            raise ServiceError("not asked: the network is down")
        wait = _backoff(settings, attempt)
        try:
            async with (
                pacer,
                session.get(
                    url,
                    params=params,
                    headers=headers,
                    timeout=timeout,
                    allow_redirects=True,
                    **proxy_for(url),
                ) as response,
            ):
                status = response.status
                pacer.announce(response.headers)
                if status not in RETRY_STATUS:
                    return Answer(status, await response.text(errors="replace"))
                asked = retry_after(response.headers.get("Retry-After"))
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            last = type(exc).__name__ if not str(exc) else f"{type(exc).__name__}: {exc}"
            if attempt < settings.retries:
                await asyncio.sleep(wait)
            continue
        last = f"HTTP {status}"
        if asked is not None:
            if asked > settings.retry_after_max:
                raise ServiceError(f"HTTP {status}, Retry-After {asked:.0f} s is too long")
            pacer.pause(asked)
            wait = max(wait, asked)
        if attempt < settings.retries:
            await asyncio.sleep(wait)
    raise ServiceError(f"{last} after {settings.retries + 1} tries")
