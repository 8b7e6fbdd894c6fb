"""The run's network: its one session, the proxies the environment names, and a watch that
notices a dead network after a handful of requests instead of after every link.

Requests go through ``HTTPS_PROXY`` / ``HTTP_PROXY`` unless ``NO_PROXY`` names the host
(the variables curl, lychee and markdown-link-check honour). The session itself keeps
``trust_env=False``: that would also send ``~/.netrc`` passwords to whatever host a list
links to.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable
from dataclasses import dataclass, field
import errno
import socket
from types import SimpleNamespace
from typing import Any
from urllib.request import getproxies_environment, proxy_bypass
import weakref

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from yarl import URL

from scfm_lint.errors import ConfigError
from scfm_lint.links.safety import SafeResolver, is_public
from scfm_lint.links.settings import Settings

DEAD_HOSTS = 3
"""Distinct hosts that must fail with no answer (and none answer) before the network is
declared down: one gone domain among live ones never is."""
_UNREACHABLE = frozenset({errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN})


def environment_proxies() -> dict[str, URL]:
    """The environment's http(s) proxies by scheme; ConfigError naming a variable that is
    not a proxy address (read before any request, so the run stops with one line)."""
    found = {}
    for scheme, value in getproxies_environment().items():
        if scheme not in ("http", "https") or not value:
            continue
        text = value if "://" in value else "http://" + value
        try:
            address = URL(text)
            ok = address.scheme in ("http", "https") and bool(address.host)
            address.port  # noqa: B018 - yarl reads the port lazily; a bad one raises here
        except (ValueError, TypeError, IndexError):
            ok = False
        if not ok:
            raise ConfigError(f"{scheme.upper()}_PROXY is not a proxy address: {value!r}")
        found[scheme] = address
    return found


def proxy_for(url: str | URL) -> dict[str, Any]:
    """The ``session.request`` keywords that route ``url`` through the environment's proxy
    (none when no proxy is set or ``NO_PROXY`` covers the host)."""
    target = URL(url) if isinstance(url, str) else url  # yarl: the parser requests use
    address = environment_proxies().get((target.scheme or "").lower())
    if address is None or not target.host:
        return {}
    # NO_PROXY is read as its other readers (urllib, requests) read it.
    if proxy_bypass(f"{target.host}:{target.port}" if target.port else target.host):
        return {}
    if address.user is None:
        return {"proxy": address}
    # The header by hand: aiohttp deprecates proxy_auth= and BasicAuth (3.14).
    secret = f"{address.user}:{address.password or ''}".encode()
    return {
        "proxy": address.with_user(None),
        "proxy_headers": {"Proxy-Authorization": "Basic " + base64.b64encode(secret).decode()},
    }


def proxy_hosts() -> frozenset[str]:
    """The host names of the environment's http(s) proxies."""
    return frozenset(
        address.host.lower() for address in environment_proxies().values() if address.host
    )


class ProxyAwareResolver(AbstractResolver):
    """The SSRF guard for targets, the plain resolver for the proxies the user configured
    (a company proxy usually sits on a private address)."""

    def __init__(self, guarded: AbstractResolver, plain: AbstractResolver, proxies: frozenset[str]):
        self._guarded = guarded
        self._plain = plain
        self._proxies = proxies

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        inner = self._plain if host.lower().rstrip(".") in self._proxies else self._guarded
        return await inner.resolve(host, port, family)

    async def close(self) -> None:
        await self._guarded.close()
        await self._plain.close()


@dataclass
class Watch:
    """Notices a dead network: requests to ``DEAD_HOSTS`` distinct hosts failed with no
    answer at all (a name that did not resolve, no route) and none got an answer.

    The verdict waits for every request that was in flight when the failures added up: a
    live host among them answers, and one answer clears the network for the rest of the
    run. Timeouts, refusals and resets prove nothing either way.
    """

    hosts: int = DEAD_HOSTS
    failed: set[str] = field(default_factory=set)
    answered: bool = False
    down: asyncio.Event = field(default_factory=asyncio.Event)
    _next: int = 0
    _in_flight: set[int] = field(default_factory=set)
    _horizon: int | None = None

    def start(self) -> int:
        ticket = self._next
        self._next += 1
        self._in_flight.add(ticket)
        return ticket

    def answer(self, ticket: int | None) -> None:
        self.answered = True
        self._in_flight.discard(ticket if ticket is not None else -1)

    def fail(self, ticket: int | None, host: str, exc: BaseException | None) -> None:
        self._in_flight.discard(ticket if ticket is not None else -1)
        if self.answered or self.down.is_set():
            return
        if exc is not None and no_answer(exc):
            self.failed.add(host)
        if self._horizon is None and len(self.failed) >= self.hosts:
            self._horizon = self._next
        if self._horizon is not None and not any(t < self._horizon for t in self._in_flight):
            self.down.set()

    @property
    def message(self) -> str:
        names = ", ".join(sorted(self.failed)[:3])
        return (
            f"the network is down: {len(self.failed)} hosts ({names}, ...) could not be"
            " resolved or reached and none answered; the links are left unchecked"
        )

    def trace(self) -> aiohttp.TraceConfig:
        """Feeds the watch from every request of a session (link checks and ``--verify``)."""
        config = aiohttp.TraceConfig()

        async def on_start(_: Any, ctx: SimpleNamespace, params: Any) -> None:
            ctx.ticket = self.start()

        async def on_end(_: Any, ctx: SimpleNamespace, params: Any) -> None:
            self.answer(getattr(ctx, "ticket", None))

        async def on_error(_: Any, ctx: SimpleNamespace, params: Any) -> None:
            self.fail(getattr(ctx, "ticket", None), params.url.host or "", params.exception)

        config.on_request_start.append(on_start)
        config.on_request_end.append(on_end)
        config.on_request_exception.append(on_error)
        return config


def no_answer(exc: BaseException) -> bool:
    """Whether ``exc`` is a failure in which nothing out there answered: a name that did
    not resolve (no DNS answer, or NXDOMAIN from a resolver cut off from the world), or no
    route to the host's network."""
    if isinstance(exc, aiohttp.ClientProxyConnectionError):
        return False  # the proxy's problem; the network behind it is unknown
    error = getattr(exc, "os_error", None) if isinstance(exc, aiohttp.ClientError) else exc
    if isinstance(error, socket.gaierror):
        return True
    return isinstance(error, OSError) and error.errno in _UNREACHABLE


_WATCHES: weakref.WeakKeyDictionary[aiohttp.ClientSession, Watch] = weakref.WeakKeyDictionary()


def watch_of(session: aiohttp.ClientSession) -> Watch | None:
    """The watch fed by ``session``'s requests (None for a session opened elsewhere)."""
    return _WATCHES.get(session)


def is_down(session: aiohttp.ClientSession) -> bool:
    """Whether ``session``'s watch has declared the network down."""
    watch = _WATCHES.get(session)
    return watch is not None and watch.down.is_set()


def open_session(
    settings: Settings,
    is_allowed: Callable[[str], bool] = is_public,
    resolver: AbstractResolver | None = None,
) -> aiohttp.ClientSession:
    """The run's one session: pooled connections, a cookie jar, the SSRF guard unless off,
    and a :class:`Watch`. ``resolver`` replaces the system resolver (tests)."""
    plain = resolver if resolver is not None else DefaultResolver()
    guarded: AbstractResolver = plain
    if not settings.allow_private:
        guarded = SafeResolver(plain, is_allowed=is_allowed)
        proxies = proxy_hosts()
        if proxies:
            guarded = ProxyAwareResolver(guarded, plain, proxies)
    connector = aiohttp.TCPConnector(
        limit=settings.concurrency, limit_per_host=0, resolver=guarded, ttl_dns_cache=600
    )
    watch = Watch()
    session = aiohttp.ClientSession(
        connector=connector,
        # unsafe=True keeps cookies of hosts named by IP address (loopback tests, simulators).
        cookie_jar=aiohttp.CookieJar(unsafe=True),
        trust_env=False,
        max_line_size=16384,
        max_field_size=65536,
        trace_configs=[watch.trace()],
    )
    _WATCHES[session] = watch
    # aiohttp silently resends an idempotent request once after a reset; our own retries
    # (with backoff, counted) already cover that, and a hidden resend doubles the load.
    if hasattr(session, "_retry_connection"):
        session._retry_connection = False
    return session


async def unless_down(session: aiohttp.ClientSession, work: asyncio.Future[Any]) -> bool:
    """Wait for ``work``, or cancel it when the network goes down; whether it finished."""
    watch = _WATCHES.get(session)
    if watch is None:
        await work
        return True
    gone = asyncio.ensure_future(watch.down.wait())
    try:
        await asyncio.wait({work, gone}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        gone.cancel()
    if work.done():
        return True
    work.cancel()
    await asyncio.gather(work, return_exceptions=True)
    return False
