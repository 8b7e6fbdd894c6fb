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
# IPv6 forms that carry an IPv4 address in their low 32 bits and reach it: NAT64's
# well-known prefix (RFC 6052) and the deprecated IPv4-compatible form (RFC 4291).
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_COMPATIBLE = ipaddress.IPv6Network("::/96")
_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")  # SIIT (RFC 2765)
_UNICAST = ipaddress.IPv6Network("2000::/3")
"""Where all global unicast IPv6 space lies; the rest of ``::/8`` is reserved."""
# Local-use NAT64 (RFC 8215): where the IPv4 address sits depends on the site's prefix
# length, so nothing in it can be judged public.
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")


class PrivateAddressError(OSError):
    """A host resolved only to addresses the checker must not contact."""


def is_public(address: str) -> bool:
    """Whether ``address`` is a globally routable unicast address (not metadata).

    An IPv6 address that embeds an IPv4 address (mapped, IPv4-compatible, NAT64, 6to4,
    Teredo) is judged by the IPv4 address it reaches, so that ``64:ff9b::7f00:1`` is as
    private as ``127.0.0.1``, on every Python version whatever its ``is_global`` table says.
    """
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _LOCAL_NAT64:
            return False
        carried = embedded_ipv4(ip)
        if carried:
            return all(_public(v4) for v4 in carried)
        if ip not in _UNICAST:
            return False
    return _public(ip)


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return ip.is_global and not ip.is_multicast and ip not in _METADATA


def embedded_ipv4(ip: ipaddress.IPv6Address) -> tuple[ipaddress.IPv4Address, ...]:
    """The IPv4 addresses an IPv6 address carries and would reach (none for a plain one).

    Teredo carries two: its server and its client (de-obfuscated by :mod:`ipaddress`).
    """
    if ip.ipv4_mapped is not None:
        return (ip.ipv4_mapped,)
    if ip.sixtofour is not None:
        return (ip.sixtofour,)
    if ip.teredo is not None:
        return ip.teredo
    if ip in _NAT64 or ip in _COMPATIBLE or ip in _TRANSLATED:
        return (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF),)
    return ()


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
