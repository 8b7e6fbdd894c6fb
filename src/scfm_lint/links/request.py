"""One HTTP exchange: a single request and what its failure means."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
import time

import aiohttp
from yarl import URL

from scfm_lint.links import urls
from scfm_lint.links.network import proxy_for
from scfm_lint.links.safety import private_cause
from scfm_lint.links.settings import Settings

_GITHUB = ("github.com", "githubusercontent.com")
"""GitHub's own zones (user pages live on github.io, outside them): the token's only hosts."""
_CHALLENGE_MARKERS = (b"cf-browser-verification", b"challenge-platform", b"_Incapsula_")
_MARGIN = 0.05  # seconds added to Retry-After, so the retry lands after the window, not on it


class TransientError(Exception):
    """A transient failure: try again after ``wait`` seconds (None: use the backoff)."""

    def __init__(self, message: str, status: int | None = None, wait: float | None = None):
        super().__init__(message)
        self.status = status
        self.wait = wait


class StalledError(TransientError):
    """The request timed out (``hedged``: and so did a second request sent meanwhile)."""

    def __init__(self, message: str, hedged: bool = False):
        super().__init__(message)
        self.hedged = hedged


class ConclusiveError(Exception):
    """An outcome that no retry can change."""

    def __init__(self, verdict: str, status: int | None, message: str):
        super().__init__(message)
        self.verdict = verdict
        self.status = status


@dataclass(frozen=True, slots=True)
class Response:
    """What the checker keeps of one answer."""

    status: int
    reason: str
    location: str | None
    retry_after: str | None
    challenge: bool


async def send(
    session: aiohttp.ClientSession,
    settings: Settings,
    extra_headers: Mapping[str, str],
    method: str,
    url: str,
    timeout: float,
    hedged: bool = False,
) -> Response:
    """One request, no redirects followed; failures become the errors above."""
    try:
        target = urls.parse(url)
    except ValueError as exc:
        raise ConclusiveError("invalid", None, str(exc)) from None
    host_name = urls.host_of(target)
    headers = settings.base_headers()
    headers.update(extra_headers)
    if settings.github_token and sends_token(target):
        headers["Authorization"] = f"Bearer {settings.github_token}"
    # ceil_threshold: aiohttp otherwise rounds timeouts of 5 s and more up to a whole second.
    limits = aiohttp.ClientTimeout(
        total=timeout, sock_connect=settings.connect_timeout, ceil_threshold=1e9
    )
    try:
        async with session.request(
            method,
            target,
            headers=headers,
            allow_redirects=False,
            timeout=limits,
            **proxy_for(target),
        ) as resp:
            head = b""
            if method == "GET" and resp.status < 300:
                head = await resp.content.read(settings.max_body_bytes)
            if not resp.content.at_eof():
                # Closing rather than draining is what keeps a 50 MB body off the wire.
                resp.close()
            response = Response(
                resp.status,
                resp.reason or "",
                resp.headers.get("Location"),
                resp.headers.get("Retry-After"),
                resp.headers.get("cf-mitigated", "").lower() == "challenge"
                or any(marker in head for marker in _CHALLENGE_MARKERS),
            )
    except (asyncio.TimeoutError, aiohttp.ServerTimeoutError):
        raise StalledError(f"timed out after {timeout:g} s", hedged=hedged) from None
    except aiohttp.ClientConnectorError as exc:
        if private_cause(exc):
            raise ConclusiveError("excluded", None, refused(host_name)) from None
        if isinstance(exc, aiohttp.ClientSSLError):
            raise ConclusiveError("unchecked", None, f"TLS error: {exc}") from None
        if isinstance(exc, aiohttp.ClientConnectorDNSError):
            raise TransientError(f"DNS lookup of {host_name} failed") from None
        raise TransientError(f"connection failed: {exc.os_error.strerror or exc}") from None
    except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError, ConnectionError):
        raise TransientError("connection reset") from None
    except aiohttp.InvalidURL as exc:
        raise ConclusiveError("invalid", None, f"malformed URL ({exc})") from None
    except aiohttp.ClientError as exc:
        raise ConclusiveError("unchecked", None, f"unreadable response: {exc}") from None
    if response.status == 429 or (response.status >= 500 and response.status != 501):
        wait = retry_after(response.retry_after)
        raise TransientError(f"{response.status} {response.reason}".strip(), response.status, wait)
    return response


def sends_token(url: URL) -> bool:
    """Whether the GitHub token may go with a request to ``url``: over https only (never in
    clear text), to a host in GitHub's own zones only, and not when the URL names its own
    user (aiohttp sends that as the Authorization). Each redirect hop is a new request that
    asks again, so a redirect elsewhere never carries it."""
    host = urls.host_of(url)
    github = any(host == h or host.endswith("." + h) for h in _GITHUB)
    return url.scheme == "https" and github and url.raw_user is None


def retry_after(value: str | None) -> float | None:
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


def refused(host: str) -> str:
    """Why the address guard declined a host (the ``excluded`` verdict's message)."""
    return f"refused: {host} is a private, loopback or link-local address (see --allow-private)"
