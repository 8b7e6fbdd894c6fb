"""A semaphore whose waiters are served by priority, then in arrival order."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
import heapq
import itertools


class PrioritySemaphore:
    """Like :class:`asyncio.Semaphore`, but a waiter with a lower priority number goes first.

    The checker gives each URL's first request priority 0 and follow-ups (retries, GET after
    HEAD, redirect hops) priority 1: every URL gets started as early as the limits allow, so a
    host that hangs is found (and its timeout starts running) early rather than at the end.
    """

    def __init__(self, value: int) -> None:
        self._value = value
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    async def acquire(self, priority: int = 0) -> None:
        # A free permit implies no live waiter: release() hands permits to waiters first.
        if self._value > 0:
            self._value -= 1
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (priority, next(self._order), future))
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release()  # granted just as we were cancelled: pass the permit on
            raise

    def release(self) -> None:
        while self._waiters:
            _, _, future = heapq.heappop(self._waiters)
            if not future.done():
                future.set_result(None)
                return
        self._value += 1

    @asynccontextmanager
    async def hold(self, priority: int = 0) -> AsyncIterator[None]:
        await self.acquire(priority)
        try:
            yield
        finally:
            self.release()
