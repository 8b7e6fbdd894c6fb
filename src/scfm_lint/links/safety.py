"""Refuse targets on private, loopback, link-local and metadata addresses (SSRF guard)."""

from __future__ import annotations

from collections.abc import Callable
import ipaddress
import socket
from typing import Any

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

_METADATA = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)


class PrivateAddressError(OSError):
    """A host resolved only to addresses the checker must not contact."""


def is_public(address: str) -> bool:
    """Whether ``address`` is a globally routable unicast address (not metadata)."""
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast and ip not in _METADATA


class SafeResolver(AbstractResolver):
    """Resolve with the default resolver, then keep public addresses only.

    Checking the addresses the connector will actually dial (rather than resolving once
    beforehand) leaves no window for a DNS answer to change between check and connect.
    """

    def __init__(
        self,
        inner: AbstractResolver | None = None,
        is_allowed: Callable[[str], bool] = is_public,
    ) -> None:
        self._inner = inner if inner is not None else DefaultResolver()
        self._is_allowed = is_allowed

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        public = [r for r in results if self._is_allowed(r["host"])]
        if not public:
            raise PrivateAddressError(f"{host} resolves to a private or local address")
        return public

    async def close(self) -> None:
        await self._inner.close()


def private_cause(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) is a :class:`PrivateAddressError`."""
    seen: Any = exc
    while seen is not None:
        if isinstance(seen, PrivateAddressError):
            return True
        if isinstance(getattr(seen, "os_error", None), PrivateAddressError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
