"""URL validity and normalization: one key per resource, for dedupe and the cache."""

from __future__ import annotations

import contextlib
import ipaddress
import re
from urllib.parse import quote, unquote, urlsplit, urlunsplit

SCHEMES = frozenset({"http", "https"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
# Characters kept as written when re-quoting, so `%2F` and `%28` survive as they are.
_SAFE_PATH = "/:@!$&'()*+,;=~%-._"
_SAFE_QUERY = _SAFE_PATH + "?"


def problem(url: str) -> str | None:
    """Why ``url`` cannot be checked (malformed, unsupported scheme), or None when it can."""
    if not url.strip():
        return "empty URL"
    if any(c.isspace() for c in url):
        return "URL contains whitespace"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return f"malformed URL ({exc})"
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        return f"unsupported scheme {scheme + ':' if scheme else '(none)'}"
    host = parts.hostname
    if not host:
        return "URL has no host"
    if port == 0:
        return "URL has port 0"
    if not _valid_host(host):
        return f"malformed host {host!r}"
    return None


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return True
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.rstrip(".").split(".")
    return len(labels) >= 1 and all(_HOST_LABEL.match(label) for label in labels)


def host_of(url: str) -> str:
    """The lowercased host of ``url`` without a trailing dot ('' when there is none)."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""


def normalize(url: str) -> str:
    """A canonical form of a valid http(s) URL.

    Lowercases scheme and host, drops default ports, the fragment and empty paths' missing
    slash, and re-quotes path and query so that ``(`` and ``%28`` differ only where servers
    would see a difference. Two links with one normal form are requested once.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username is not None:
        auth = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{auth}@{netloc}"
    path = quote(unquote_unreserved(parts.path), safe=_SAFE_PATH) or "/"
    query = quote(unquote_unreserved(parts.query), safe=_SAFE_QUERY)
    return urlunsplit((scheme, netloc, path, query, ""))


_UNRESERVED_ESCAPE = re.compile(r"%(?:[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9]|2[dDeE]|5[fF]|7[eE])")


def unquote_unreserved(text: str) -> str:
    """Decode percent-escapes of unreserved characters only (RFC 3986 6.2.2.2)."""
    return _UNRESERVED_ESCAPE.sub(lambda m: unquote(m.group(0)), text)


def is_ip_literal(host: str) -> bool:
    """Whether ``host`` is an IPv4 or IPv6 address rather than a name."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
