"""The priority semaphore that lets first requests go ahead of follow-ups."""

from __future__ import annotations

import asyncio

from scfm_lint.links.limits import PrioritySemaphore


async def test_waiters_served_by_priority_then_arrival():
    sem = PrioritySemaphore(1)
    await sem.acquire()
    order: list[str] = []

    async def waiter(name: str, priority: int) -> None:
        async with sem.hold(priority):
            order.append(name)

    tasks = [
        asyncio.create_task(waiter(name, prio))
        for name, prio in [("retry-a", 1), ("first-a", 0), ("retry-b", 1), ("first-b", 0)]
    ]
    await asyncio.sleep(0)
    sem.release()
    await asyncio.gather(*tasks)
    assert order == ["first-a", "first-b", "retry-a", "retry-b"]


async def test_never_more_holders_than_permits_and_cancelled_waiters_skipped():
    sem = PrioritySemaphore(2)
    holding = peak = 0

    async def work() -> None:
        nonlocal holding, peak
        async with sem.hold():
            holding += 1
            peak = max(peak, holding)
            await asyncio.sleep(0.01)
            holding -= 1

    doomed = [asyncio.create_task(work()) for _ in range(3)]
    await asyncio.sleep(0)
    doomed[2].cancel()  # a waiter that leaves must not take a permit with it
    others = [asyncio.create_task(work()) for _ in range(6)]
    await asyncio.gather(*doomed, *others, return_exceptions=True)
    assert peak == 2
    await asyncio.wait_for(sem.acquire(), 0.5)
    await asyncio.wait_for(sem.acquire(), 0.5)
