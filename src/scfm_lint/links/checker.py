"""Check URLs concurrently: polite per host, patient with flaky hosts, never a false dead."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
import random
import time
from urllib.parse import urljoin

import aiohttp
from yarl import URL

from scfm_lint.links import urls
from scfm_lint.links.policy import Policies
from scfm_lint.links.result import LinkResult
from scfm_lint.links.safety import PrivateAddressError, SafeResolver, is_public, private_cause
from scfm_lint.links.settings import Settings

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_GITHUB = ("github.com", "githubusercontent.com")
_CHALLENGE_MARKERS = (b"cf-browser-verification", b"challenge-platform", b"_Incapsula_")
_HEDGE_AFTER = 0.7  # share of the timeout after which a silent request gets a twin
_HEDGE_SHARE = 1 / 3  # the twin's (or a retry's) timeout, as a share of the timeout
_MARGIN = 0.05  # seconds added to Retry-After, so the retry lands after the window, not on it
Progress = Callable[[int, int], None]


class _RetryableError(Exception):
    """A transient failure: try again after ``wait`` seconds (None: use the backoff)."""

    def __init__(self, message: str, status: int | None = None, wait: float | None = None):
        super().__init__(message)
        self.status = status
        self.wait = wait


class _TimeoutError(_RetryableError):
    """The request timed out (``hedged``: and so did a second request sent meanwhile)."""

    def __init__(self, message: str, hedged: bool = False):
        super().__init__(message)
        self.hedged = hedged


@dataclass(slots=True)
class _Host:
    slots: asyncio.Semaphore
    delay: float
    next_start: float = 0.0
    spacing: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass(frozen=True, slots=True)
class _Response:
    status: int
    reason: str
    location: str | None
    retry_after: str | None
    challenge: bool


def open_session(
    settings: Settings, is_allowed: Callable[[str], bool] = is_public
) -> aiohttp.ClientSession:
    """The run's one session: pooled connections, a cookie jar, the SSRF guard unless off."""
    resolver = None if settings.allow_private else SafeResolver(is_allowed=is_allowed)
    connector = aiohttp.TCPConnector(
        limit=settings.concurrency, limit_per_host=0, resolver=resolver, ttl_dns_cache=600
    )
    session = aiohttp.ClientSession(
        connector=connector,
        # unsafe=True keeps cookies of hosts named by IP address (loopback tests, simulators).
        cookie_jar=aiohttp.CookieJar(unsafe=True),
        trust_env=False,
        max_line_size=16384,
        max_field_size=65536,
    )
    # aiohttp silently resends an idempotent request once after a reset; our own retries
    # (with backoff, counted) already cover that, and a hidden resend doubles the load.
    if hasattr(session, "_retry_connection"):
        session._retry_connection = False
    return session


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
        self._global = asyncio.Semaphore(settings.concurrency)
        self._hosts: dict[str, _Host] = {}

    async def check(self, targets: Iterable[str]) -> dict[str, LinkResult]:
        """Check each distinct URL once; after the deadline the rest are ``unchecked``."""
        todo = list(dict.fromkeys(targets))
        tasks = {url: asyncio.ensure_future(self._check_url(url)) for url in todo}
        done = 0

        def tick(_: object) -> None:
            nonlocal done
            done += 1
            if self.progress is not None:
                self.progress(done, len(todo))

        for task in tasks.values():
            task.add_done_callback(tick)
        if tasks:
            await asyncio.wait(tasks.values(), timeout=self.settings.deadline)
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
                results[url] = LinkResult(url, "unchecked", message=message)
        await asyncio.gather(*tasks.values(), return_exceptions=True)
        return offline_guard(results)

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
            except _RetryableError as exc:
                tries += 1
                last_try = tries > self.settings.retries
                if isinstance(exc, _TimeoutError):
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
                if not isinstance(exc, _TimeoutError):  # a timeout has already waited
                    await asyncio.sleep(exc.wait if exc.wait is not None else self._backoff(tries))
                continue
            except _FinalError as stop:
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
        final: _Response,
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

    def _give_up(self, url: str, exc: _RetryableError, requests: int) -> LinkResult:
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
    ) -> tuple[_Response, list[tuple[int, str]]]:
        """Request ``url`` and follow its redirects by hand (loops detected by cookie state)."""
        chain: list[tuple[int, str]] = []
        seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
        current = url
        for _ in range(self.settings.max_redirects + 1):
            cookies = self.session.cookie_jar.filter_cookies(URL(current))
            key = (urls.normalize(current), tuple(sorted((k, m.value) for k, m in cookies.items())))
            if key in seen:
                raise _FinalError("dead", chain[-1][0], f"redirect loop at {current}")
            seen.add(key)
            counter[0] += 1
            response = await self._request(method, current, timeout, counter, hedge)
            if response.status not in _REDIRECTS or not response.location:
                return response, chain
            target = urljoin(current, response.location)
            problem = urls.problem(target)
            if problem is not None:
                raise _FinalError("blocked", response.status, f"redirect to {target} ({problem})")
            chain.append((response.status, target))
            current = target
        raise _FinalError(
            "dead", chain[-1][0], f"more than {self.settings.max_redirects} redirects"
        )

    async def _request(
        self, method: str, url: str, timeout: float, counter: list[int], hedge: bool
    ) -> _Response:
        host_name = urls.host_of(url)
        literal = urls.is_ip_literal(host_name)
        if not self.settings.allow_private and literal and not self.is_allowed(host_name):
            raise _FinalError("blocked", None, _refused(host_name))
        started = asyncio.Event()
        first = asyncio.ensure_future(self._slotted(method, url, host_name, timeout, started))
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
        second = asyncio.ensure_future(self._slotted(method, url, host_name, share, None, True))
        return await _first_answer(first, second)

    async def _slotted(
        self,
        method: str,
        url: str,
        host_name: str,
        timeout: float,
        started: asyncio.Event | None,
        hedged: bool = False,
    ) -> _Response:
        """Send one request inside the host's and the run's limits."""
        host = self._host(host_name)
        async with host.slots:
            await self._space(host)
            async with self._global:
                self.requests_sent += 1
                if started is not None:
                    started.set()
                return await self._send(method, url, host_name, timeout, hedged)

    async def _send(
        self, method: str, url: str, host_name: str, timeout: float, hedged: bool = False
    ) -> _Response:
        headers = self.settings.base_headers()
        headers.update(self.policies.for_host(host_name).headers)
        token = self.settings.github_token
        if token and any(host_name == h or host_name.endswith("." + h) for h in _GITHUB):
            headers["Authorization"] = f"Bearer {token}"
        # ceil_threshold: aiohttp otherwise rounds timeouts of 5 s and more up to a whole second.
        limits = aiohttp.ClientTimeout(
            total=timeout, sock_connect=self.settings.connect_timeout, ceil_threshold=1e9
        )
        try:
            async with self.session.request(
                method, URL(url), headers=headers, allow_redirects=False, timeout=limits
            ) as resp:
                head = b""
                if method == "GET" and resp.status < 300:
                    head = await resp.content.read(self.settings.max_body_bytes)
                if not resp.content.at_eof():
                    # Closing rather than draining is what keeps a 50 MB body off the wire.
                    resp.close()
                response = _Response(
                    resp.status,
                    resp.reason or "",
                    resp.headers.get("Location"),
                    resp.headers.get("Retry-After"),
                    resp.headers.get("cf-mitigated", "").lower() == "challenge"
                    or any(marker in head for marker in _CHALLENGE_MARKERS),
                )
        except (asyncio.TimeoutError, aiohttp.ServerTimeoutError):
            raise _TimeoutError(f"timed out after {timeout:g} s", hedged=hedged) from None
        except aiohttp.ClientConnectorError as exc:
            if private_cause(exc):
                raise _FinalError("blocked", None, _refused(host_name)) from None
            if isinstance(exc, aiohttp.ClientSSLError):
                raise _FinalError("unchecked", None, f"TLS error: {exc}") from None
            if isinstance(exc, aiohttp.ClientConnectorDNSError):
                raise _RetryableError(f"DNS lookup of {host_name} failed") from None
            raise _RetryableError(f"connection failed: {exc.os_error.strerror or exc}") from None
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError, ConnectionError):
            raise _RetryableError("connection reset") from None
        except aiohttp.InvalidURL as exc:
            raise _FinalError("invalid", None, f"malformed URL ({exc})") from None
        except aiohttp.ClientError as exc:
            raise _FinalError("unchecked", None, f"unreadable response: {exc}") from None
        if response.status == 429 or (response.status >= 500 and response.status != 501):
            wait = _retry_after(response.retry_after)
            raise _RetryableError(
                f"{response.status} {response.reason}".strip(), response.status, wait
            )
        return response

    def _host(self, name: str) -> _Host:
        host = self._hosts.get(name)
        if host is None:
            policy = self.policies.for_host(name)
            # A policy may only lower the per-host limit: it records what the host tolerates.
            limit = min(policy.concurrency or self.settings.per_host, self.settings.per_host)
            host = self._hosts[name] = _Host(asyncio.Semaphore(limit), policy.delay)
        return host

    async def _space(self, host: _Host) -> None:
        """Keep ``delay`` seconds between the starts of two requests to one host."""
        if host.delay <= 0:
            return
        async with host.spacing:
            loop = asyncio.get_running_loop()
            wait = host.next_start - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            host.next_start = loop.time() + host.delay


class _FinalError(Exception):
    """An outcome that no retry can change."""

    def __init__(self, verdict: str, status: int | None, message: str):
        super().__init__(message)
        self.verdict = verdict
        self.status = status


async def _first_answer(
    first: asyncio.Future[_Response], second: asyncio.Future[_Response]
) -> _Response:
    """The first of two requests to answer; when both fail, the more telling failure."""
    pending: set[asyncio.Future[_Response]] = {first, second}
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
    telling = [e for e in failures if not isinstance(e, _TimeoutError)]
    if telling:
        raise telling[0]
    raise _TimeoutError(str(failures[0]), hedged=True)


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


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value) + _MARGIN
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time()) + _MARGIN


def _refused(host: str) -> str:
    return f"refused: {host} is a private, loopback or link-local address (see --allow-private)"


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


__all__ = ["Checker", "PrivateAddressError", "open_session"]
