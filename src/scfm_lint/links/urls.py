"""URLs as the checker sees them: one parser for validity, host, normal form and request.

That parser is yarl's, the one aiohttp requests with. A second parser (``urlsplit``) once
read ``http://evil.example\\@github.com/x`` as a github.com URL while yarl refused it, so
the token, host policy, address guard and cache key each decide from :func:`parse` alone.
"""

from __future__ import annotations

import ipaddress
import re

from yarl import URL

SCHEMES = frozenset({"http", "https"})
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
# A host ending in a number is an IPv4 address to browsers and to getaddrinfo (127.1,
# 2130706433, 0x7f.0.0.1), which aiohttp then dials without asking our resolver.
_NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$")


def parse(url: str) -> URL:
    """``url`` as aiohttp will request it; ValueError saying why it cannot be checked."""
    if not url.strip():
        raise ValueError("empty URL")
    if any(c.isspace() for c in url):
        raise ValueError("URL contains whitespace")
    try:
        parsed = URL(url)
        port = parsed.port
    except (ValueError, TypeError, IndexError) as exc:
        # yarl raises IndexError on an empty bracketed host ("http://[]@"): still malformed.
        raise ValueError(f"malformed URL ({str(exc) or type(exc).__name__})") from None
    scheme = parsed.scheme
    if scheme not in SCHEMES:
        raise ValueError(f"unsupported scheme {scheme + ':' if scheme else '(none)'}")
    host = parsed.raw_host
    if not host:
        raise ValueError("URL has no host")
    if port == 0:
        raise ValueError("URL has port 0")
    why = _host_problem(host)
    if why:
        raise ValueError(f"{why} {host!r}")
    return parsed


def problem(url: str) -> str | None:
    """Why ``url`` cannot be checked (malformed, unsupported scheme), or None when it can."""
    try:
        parse(url)
    except ValueError as exc:
        return str(exc)
    return None


def _host_problem(host: str) -> str | None:
    if ":" in host:
        return None if is_ip_literal(host) else "malformed IPv6 host"
    labels = host.rstrip(".").split(".")
    if _NUMERIC_LABEL.match(labels[-1]):
        try:
            ipaddress.IPv4Address(host.rstrip("."))
        except ValueError:
            return "numeric host that is not a dotted-quad IPv4 address"
        return None
    if not all(_HOST_LABEL.match(label) for label in labels):
        return "malformed host"
    return None


def host_of(url: str | URL) -> str:
    """The host of ``url`` as it is dialled: lowercase, IDNA-encoded, no trailing dot
    ('' when the URL cannot be parsed)."""
    try:
        parsed = parse(url) if isinstance(url, str) else url
    except ValueError:
        return ""
    return (parsed.raw_host or "").rstrip(".")


def normalize(url: str) -> str:
    """The canonical form of a valid http(s) URL: the URL aiohttp will request.

    Lowercases scheme and host, drops default ports, the fragment and a host's trailing
    dot, writes an empty path as ``/``, and quotes path and query as yarl does (so ``%41``
    and ``A`` are one key, as they are one request). Two links with one normal form are
    requested once.
    """
    parsed = parse(url.strip()).with_fragment(None)
    host = parsed.raw_host or ""
    if host.endswith("."):
        parsed = parsed.with_host(host.rstrip("."))
    if parsed.raw_path == "/":
        # yarl prints an empty path as nothing: spell it so that both forms are one key.
        parsed = parsed.with_path("/", keep_query=True)
    return str(parsed)


def join(base: str, location: str) -> str:
    """Where a redirect from ``base`` to ``location`` leads (``location`` as written when
    it cannot be parsed, so that :func:`problem` says why)."""
    try:
        return str(URL(base).join(URL(location)))
    except (ValueError, TypeError, IndexError):
        return location


def is_ip_literal(host: str) -> bool:
    """Whether ``host`` is an IPv4 or IPv6 address rather than a name."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
