"""Loopback servers and helpers for the link checker's tests (no traffic leaves 127/8)."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field, replace
import socket
import struct
import time
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.abc import AbstractResolver

from scfm_lint.config.links import parse_hosts
from scfm_lint.links.checker import Checker, open_session
from scfm_lint.links.policy import Policies
from scfm_lint.links.settings import Settings, from_config


def fast_settings(**changes: Any) -> Settings:
    """Defaults tuned for tests: loopback allowed, short timeouts, tiny backoff, no cache."""
    base = replace(
        from_config({}),
        allow_private=True,
        timeout=2.0,
        connect_timeout=1.0,
        backoff=0.05,
        backoff_max=0.2,
        cache_enabled=False,
    )
    return replace(base, **changes)


@dataclass
class Recorder:
    """What a test server saw: requests per (method, path), in-flight peak, bytes sent."""

    hits: Counter[tuple[str, str]] = field(default_factory=Counter)
    times: dict[str, list[float]] = field(default_factory=dict)
    headers: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    in_flight: int = 0
    peak: int = 0
    bytes_sent: int = 0

    def seen(self, request: web.Request) -> None:
        self.hits[request.method, request.path] += 1
        self.times.setdefault(request.path, []).append(time.monotonic())
        self.headers.setdefault(request.path, []).append(dict(request.headers))

    def count(self, path: str) -> int:
        return sum(n for (_, p), n in self.hits.items() if p == path)


def reset_connection(request: web.Request) -> None:
    """Drop the connection with a TCP RST (SO_LINGER 0), as a crashing server would."""
    transport = request.transport
    assert transport is not None
    sock = transport.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


def make_app(rec: Recorder) -> web.Application:
    """One app with a route per behaviour under test."""
    state: dict[str, Any] = {}

    async def handle(request: web.Request) -> web.StreamResponse:
        rec.seen(request)
        rec.in_flight += 1
        rec.peak = max(rec.peak, rec.in_flight)
        try:
            return await behave(request)
        finally:
            rec.in_flight -= 1

    async def behave(request: web.Request) -> web.StreamResponse:
        path = request.path
        first = rec.count(path) == 1
        if path.startswith("/ok"):
            return web.Response(text="<html>fine</html>")
        if path.startswith("/slow"):
            await asyncio.sleep(0.05)
            return web.Response(text="slow but fine")
        if path == "/404":
            return web.Response(status=404)
        if path == "/410":
            return web.Response(status=410)
        if path == "/403":
            return web.Response(status=403)
        if path == "/500":
            return web.Response(status=500)
        if path == "/challenge":
            return web.Response(status=403, headers={"cf-mitigated": "challenge"})
        if path == "/head405":
            return web.Response(status=405 if request.method == "HEAD" else 200)
        if path == "/head501":
            return web.Response(status=501 if request.method == "HEAD" else 200)
        if path == "/head503":
            return web.Response(status=503 if request.method == "HEAD" else 200)
        if path == "/head404":
            return web.Response(status=404 if request.method == "HEAD" else 200)
        if path == "/ratelimit":
            last = state.get("ratelimit")
            if last is None or time.monotonic() - last < 1.0:
                state.setdefault("ratelimit", time.monotonic())
                return web.Response(status=429, headers={"Retry-After": "1"})
            return web.Response(text="ok now")
        if path == "/ratelimit-long":
            return web.Response(status=429, headers={"Retry-After": "3600"})
        if path == "/503once":
            return web.Response(status=503) if first else web.Response(text="back")
        if path == "/503always":
            return web.Response(status=503)
        if path == "/reset":
            reset_connection(request)
            return web.Response()
        if path == "/stall-once" and first:
            await asyncio.sleep(4)
            return web.Response(text="too late")
        if path == "/stall-once":
            return web.Response(text="fresh connection, fast answer")
        if path == "/hang":
            await asyncio.sleep(4)
            return web.Response(text="too late")
        if path.startswith("/chain"):
            step = {"/chain": ("/chain2", 301), "/chain2": ("/chain3", 308)}
            if path in step:
                target, status = step[path]
                return web.Response(status=status, headers={"Location": target})
            if path == "/chain3":
                return web.Response(status=302, headers={"Location": "/ok-final"})
        if path == "/temp":
            return web.Response(status=302, headers={"Location": "/ok-temp-final"})
        if path == "/loop-a":
            return web.Response(status=302, headers={"Location": "/loop-b"})
        if path == "/loop-b":
            return web.Response(status=302, headers={"Location": "/loop-a"})
        if path == "/cookie":
            if request.cookies.get("session") == "1":
                return web.Response(text="welcome back")
            resp = web.Response(status=302, headers={"Location": "/cookie"})
            resp.set_cookie("session", "1")
            return resp
        if path == "/to-ftp":
            return web.Response(status=301, headers={"Location": "ftp://127.0.0.1/file"})
        if path == "/redirect-to":
            return web.Response(status=302, headers={"Location": request.query["target"]})
        if path == "/big":
            return await big_body(request)
        return web.Response(status=404)

    async def big_body(request: web.Request) -> web.StreamResponse:
        size = 50 * 1024 * 1024
        resp = web.StreamResponse(status=405 if request.method == "HEAD" else 200)
        resp.content_length = size
        await resp.prepare(request)
        if request.method == "HEAD":
            return resp
        chunk = b"x" * 65536
        try:
            for _ in range(size // len(chunk)):
                await resp.write(chunk)
                rec.bytes_sent += len(chunk)
        except (ConnectionError, RuntimeError):
            pass
        return resp

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    return app


class NameResolver(AbstractResolver):
    """Resolves a fixed set of names to loopback addresses; every other name fails (NXDOMAIN)."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    async def resolve(self, host: str, port: int = 0, family: Any = socket.AF_INET) -> list[Any]:
        if host not in self.names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            {
                "hostname": host,
                "host": self.names[host],
                "port": port,
                "family": socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST,
            }
        ]

    async def close(self) -> None:
        pass


def named_session(names: dict[str, str], ssl: Any = True) -> aiohttp.ClientSession:
    """A session whose DNS knows only ``names`` (so tests can use host names on loopback);
    ``ssl``: the client's TLS context (one trusting a test CA)."""
    connector = aiohttp.TCPConnector(resolver=NameResolver(names), ssl=ssl)
    return aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True))


async def check(
    targets: list[str],
    settings: Settings | None = None,
    policies: Policies | None = None,
    session: aiohttp.ClientSession | None = None,
    **checker_kw: Any,
) -> tuple[dict[str, Any], Checker]:
    """Run a Checker over ``targets``; results keyed by URL as given (already normal)."""
    settings = settings or fast_settings()
    policies = policies or parse_hosts({})
    own = session is None
    allowed = {k: v for k, v in checker_kw.items() if k == "is_allowed"}
    session = session or open_session(settings, **allowed)
    try:
        checker = Checker(session, settings, policies, **checker_kw)
        results = await checker.check(targets)
    finally:
        if own:
            await session.close()
    return results, checker
