"""Check URLs concurrently: polite per host, patient with flaky hosts, never a false dead."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
import contextlib
from dataclasses import dataclass, field, replace
import random
import time

import aiohttp
from yarl import URL

from scfm_lint.links import urls
from scfm_lint.links.limits import PrioritySemaphore
from scfm_lint.links.network import Watch, open_session, watch_of
from scfm_lint.links.policy import Policies
from scfm_lint.links.request import (
    ConclusiveError,
    Response,
    StalledError,
    TransientError,
    refused,
    send,
)
from scfm_lint.links.result import LinkResult
from scfm_lint.links.safety import is_public
from scfm_lint.links.settings import Settings

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_HEDGE_AFTER = 0.7  # share of the timeout after which a silent request gets a twin
_HEDGE_SHARE = 1 / 3  # the twin's (or a retry's) timeout, as a share of the timeout
_TICK = time.get_clock_info("monotonic").resolution  # asyncio may wake a timer this early
Progress = Callable[[int, int, str | None], None]
"""``(done, total, verdict of the URL just checked)``: a progress bar's feed."""


@dataclass(slots=True)
class _Host:
    slots: PrioritySemaphore
    delay: float
    next_start: float = 0.0
    spacing: asyncio.Lock = field(default_factory=asyncio.Lock)


class Checker:
    """Checks URLs over one session; :meth:`check` returns a verdict for each."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        settings: Settings,
        policies: Policies,
        *,
        progress: Progress | None = None,
        is_allowed: Callable[[str], bool] = is_public,
    ) -> None:
        self.session = session
        self.settings = settings
        self.policies = policies
        self.progress = progress
        self.is_allowed = is_allowed
        self.requests_sent = 0
        self.sent: list[tuple[float, str]] = []
        """``(loop time, URL)`` of each request as it left, in order."""
        self.watch: Watch = watch_of(session) or Watch()
        self._global = PrioritySemaphore(settings.concurrency)
        self._hosts: dict[str, _Host] = {}

    async def check(self, targets: Iterable[str]) -> dict[str, LinkResult]:
        """Check each distinct URL once; after the deadline the rest are ``unchecked``."""
        todo = list(dict.fromkeys(targets))
        tasks = {url: asyncio.ensure_future(self._check_url(url)) for url in todo}
        done = 0

        def tick(task: asyncio.Future[LinkResult]) -> None:
            nonlocal done
            done += 1
            if self.progress is not None:
                ok = not task.cancelled() and task.exception() is None
                self.progress(done, len(todo), task.result().verdict if ok else None)

        for task in tasks.values():
            task.add_done_callback(tick)
        if tasks:
            await self._wait(list(tasks.values()))
        down = self.network_down
        results: dict[str, LinkResult] = {}
        for url, task in tasks.items():
            if task.done() and task.exception() is not None:
                error = f"internal error: {task.exception()!r}"
                results[url] = LinkResult(url, "unchecked", message=error)
            elif task.done():
                results[url] = task.result()
            else:
                task.cancel()
                message = f"not finished within the {self.settings.deadline:g} s deadline"
                if down is not None:
                    message = "not checked: the network is down"
                results[url] = LinkResult(url, "unchecked", message=message)
        await asyncio.gather(*tasks.values(), return_exceptions=True)
        return offline_guard(results)

    @property
    def network_down(self) -> str | None:
        """Why the run stopped early when the network went down, else None."""
        return self.watch.message if self.watch.down.is_set() else None

    async def _wait(self, tasks: list[asyncio.Future[LinkResult]]) -> None:
        """Until every task is done, the deadline passes or the network is found down."""
        everything = asyncio.ensure_future(asyncio.wait(tasks))
        down = asyncio.ensure_future(self.watch.down.wait())
        try:
            await asyncio.wait(
                {everything, down},
                timeout=self.settings.deadline,
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:
            everything.cancel()
            down.cancel()

    async def _check_url(self, url: str) -> LinkResult:
        problem = urls.problem(url)
        if problem is not None:
            return LinkResult(url, "invalid", message=problem)
        return await self._attempts(url)

    async def _attempts(self, url: str) -> LinkResult:
        """Try, retry with backoff, and turn the last outcome into a verdict."""
        policy = self.policies.for_host(urls.host_of(url))
        method = "HEAD" if policy.head else "GET"
        timeout = self.settings.timeout
        counter = [0]
        tries = 0
        timed_out = False
        while True:
            try:
                final, chain = await self._follow(url, method, timeout, counter, not timed_out)
            except TransientError as exc:
                tries += 1
                last_try = tries > self.settings.retries
                if isinstance(exc, StalledError):
                    # A timeout is persistent once a second request also went unanswered
                    # (the hedge, or one short retry), so a hang costs ~1 timeout, not 3.
                    last_try = last_try or timed_out or exc.hedged
                    timed_out = True
                    timeout = max(self.settings.timeout * _HEDGE_SHARE, 0.1)
                if exc.wait is not None and exc.wait > self.settings.retry_after_max:
                    message = f"{exc}; asks to retry after {exc.wait:g} s"
                    return LinkResult(
                        url, "blocked", exc.status, message=message, requests=counter[0]
                    )
                if last_try and method == "HEAD" and exc.status is not None:
                    # Some servers fail only HEAD: a GET gets the last word on the host's health.
                    method, tries = "GET", self.settings.retries
                    await asyncio.sleep(exc.wait if exc.wait is not None else self._backoff(tries))
                    continue
                if last_try:
                    return self._give_up(url, exc, counter[0])
                if not isinstance(exc, StalledError):  # a timeout has already waited
                    await asyncio.sleep(exc.wait if exc.wait is not None else self._backoff(tries))
                continue
            except ConclusiveError as stop:
                return LinkResult(
                    url, stop.verdict, stop.status, message=str(stop), requests=counter[0]
                )
            if method == "HEAD" and _inconclusive_head(final.status):
                method = "GET"
                continue
            return self._verdict(url, final, chain, counter[0])

    def _verdict(
        self,
        url: str,
        final: Response,
        chain: list[tuple[int, str]],
        requests: int,
    ) -> LinkResult:
        final_url = chain[-1][1] if chain else None
        status = final.status
        message = f"{status} {final.reason}".strip()
        blocked = self._blocked_status(final_url or url)
        if final.challenge:
            verdict, message = "blocked", f"{message} (bot challenge)"
        elif status < 400:
            suggestion = _permanent_target(chain)
            verdict = "redirected" if suggestion else "ok"
            if suggestion:
                message = f"permanently redirected ({chain[0][0]}) to {suggestion}"
            return LinkResult(url, verdict, status, final_url, suggestion, message, requests)
        elif status in blocked:
            verdict = "blocked"
        else:
            verdict = "dead"
        return LinkResult(url, verdict, status, final_url, None, message, requests)

    def _give_up(self, url: str, exc: TransientError, requests: int) -> LinkResult:
        status = exc.status
        if status is not None and status in self._blocked_status(url):
            return LinkResult(url, "blocked", status, message=str(exc), requests=requests)
        return LinkResult(url, "dead", status, message=str(exc), requests=requests)

    def _blocked_status(self, url: str) -> frozenset[int]:
        policy = self.policies.for_host(urls.host_of(url))
        if policy.blocked_status is not None:
            return policy.blocked_status
        return self.settings.blocked_status

    def _backoff(self, tries: int) -> float:
        base = min(self.settings.backoff_max, self.settings.backoff * 2.0 ** (tries - 1))
        return base * random.uniform(0.5, 1.0)

    async def _follow(
        self, url: str, method: str, timeout: float, counter: list[int], hedge: bool
    ) -> tuple[Response, list[tuple[int, str]]]:
        """Request ``url`` and follow its redirects by hand (loops detected by cookie state)."""
        chain: list[tuple[int, str]] = []
        seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
        current = url
        for _ in range(self.settings.max_redirects + 1):
            cookies = self.session.cookie_jar.filter_cookies(URL(current))
            key = (urls.normalize(current), tuple(sorted((k, m.value) for k, m in cookies.items())))
            if key in seen:
                raise ConclusiveError("dead", chain[-1][0], f"redirect loop at {current}")
            seen.add(key)
            counter[0] += 1
            response = await self._request(method, current, timeout, counter, hedge)
            if response.status not in _REDIRECTS or not response.location:
                return response, chain
            target = urls.join(current, response.location)
            problem = urls.problem(target)
            if problem is not None:
                raise ConclusiveError(
                    "blocked", response.status, f"redirect to {target} ({problem})"
                )
            chain.append((response.status, target))
            current = target
        raise ConclusiveError(
            "dead", chain[-1][0], f"more than {self.settings.max_redirects} redirects"
        )

    async def _request(
        self, method: str, url: str, timeout: float, counter: list[int], hedge: bool
    ) -> Response:
        host_name = urls.host_of(url)
        literal = urls.is_ip_literal(host_name)
        if not self.settings.allow_private and literal and not self.is_allowed(host_name):
            raise ConclusiveError("excluded", None, refused(host_name))
        started = asyncio.Event()
        # A URL's very first request goes ahead of follow-ups (see PrioritySemaphore).
        priority = 0 if counter[0] == 1 else 1
        first = asyncio.ensure_future(
            self._slotted(method, url, host_name, timeout, priority, started)
        )
        if not hedge:
            return await first
        try:
            # The hedge clock starts when the request is sent, not while it waits for a slot.
            waiter = asyncio.ensure_future(started.wait())
            await asyncio.wait({first, waiter}, return_when=asyncio.FIRST_COMPLETED)
            waiter.cancel()
            if not first.done():
                await asyncio.wait({first}, timeout=timeout * _HEDGE_AFTER)
        except BaseException:
            first.cancel()
            raise
        if first.done():
            return first.result()
        # Silent for most of the timeout: ask again on a second connection (a stalled
        # connection or worker is the usual cause), and take whichever answers first.
        counter[0] += 1
        share = max(timeout * _HEDGE_SHARE, 0.1)
        second = asyncio.ensure_future(
            self._slotted(method, url, host_name, share, 0, None, hedged=True)
        )
        return await _first_answer(first, second)

    async def _slotted(
        self,
        method: str,
        url: str,
        host_name: str,
        timeout: float,
        priority: int,
        started: asyncio.Event | None,
        hedged: bool = False,
    ) -> Response:
        """Send one request inside the host's and the run's limits."""
        host = self._host(host_name)
        loop = asyncio.get_running_loop()
        # With a delay, the host's spacing lock is held until the request has its run-wide
        # slot, so the delay counts from when a request really leaves, not from its turn.
        spacing = host.spacing if host.delay > 0 else contextlib.nullcontext()
        async with host.slots.hold(priority), contextlib.AsyncExitStack() as stack:
            async with spacing:
                wait = host.next_start - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait + _TICK)
                await stack.enter_async_context(self._global.hold(priority))
                now = loop.time()
                host.next_start = now + host.delay
                self.sent.append((now, url))
                self.requests_sent += 1
            if started is not None:
                started.set()
            extra = self.policies.for_host(host_name).headers
            return await send(self.session, self.settings, extra, method, url, timeout, hedged)

    def _host(self, name: str) -> _Host:
        host = self._hosts.get(name)
        if host is None:
            policy = self.policies.for_host(name)
            # A policy may only lower the per-host limit: it records what the host tolerates.
            limit = min(policy.concurrency or self.settings.per_host, self.settings.per_host)
            host = self._hosts[name] = _Host(PrioritySemaphore(limit), policy.delay)
        return host


async def _first_answer(
    first: asyncio.Future[Response], second: asyncio.Future[Response]
) -> Response:
    """The first of two requests to answer; when both fail, the more telling failure."""
    pending: set[asyncio.Future[Response]] = {first, second}
    failures: list[BaseException] = []
    try:
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                error = task.exception()
                if error is None:
                    return task.result()
                failures.append(error)
    finally:
        for task in pending:
            task.cancel()
    # A reset or an HTTP answer says more than a timeout; two timeouts make a hang.
    telling = [e for e in failures if not isinstance(e, StalledError)]
    if telling:
        raise telling[0]
    raise StalledError(f"{failures[0]}, and so did a second request", hedged=True)


def _inconclusive_head(status: int) -> bool:
    # Servers answer HEAD with 403, 404 or 405 when only GET is wired up; ask again with GET.
    return (400 <= status < 500 and status != 429) or status == 501


def _permanent_target(chain: list[tuple[int, str]]) -> str | None:
    """Where the leading run of permanent redirects points, if the chain starts with one."""
    target = None
    for status, url in chain:
        if status not in _PERMANENT:
            break
        target = url
    return target


def offline_guard(results: dict[str, LinkResult]) -> dict[str, LinkResult]:
    """When no host answered at all, connection failures say more about us than the links."""
    if any(r.status is not None for r in results.values()):
        return results
    failed = [r for r in results.values() if r.verdict == "dead"]
    if len({urls.host_of(r.url) for r in failed}) < 2:
        return results
    note = " (no host answered: is the network down?)"
    return {
        url: replace(r, verdict="unchecked", message=r.message + note) if r in failed else r
        for url, r in results.items()
    }


__all__ = ["Checker", "open_session"]
