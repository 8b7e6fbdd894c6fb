"""The SSRF guard: private targets refused after DNS and after every redirect."""

from __future__ import annotations

import socket

from linkhelpers import NameResolver, Recorder, check, fast_settings, make_app
import pytest

from scfm_lint.links.safety import PrivateAddressError, SafeResolver, is_public

#: IPv6 spellings of 127.0.0.1, 10.0.0.1 and 169.254.169.254 (metadata) that route to them.
EMBEDDED_PRIVATE = [
    pytest.param("::ffff:127.0.0.1", id="mapped"),
    pytest.param("::ffff:a00:1", id="mapped-10/8"),
    pytest.param("::7f00:1", id="ipv4-compatible"),
    pytest.param("::ffff:0:7f00:1", id="siit-translated"),
    pytest.param("64:ff9b::7f00:1", id="nat64"),
    pytest.param("64:ff9b::a9fe:a9fe", id="nat64-metadata"),
    pytest.param("64:ff9b:1::7f00:1", id="nat64-local-use"),
    pytest.param("2002:7f00:1::", id="6to4"),
    pytest.param("2002:a00:1::1", id="6to4-10/8"),
    pytest.param("2002:a9fe:a9fe::", id="6to4-metadata"),
    # Teredo: server 65.54.227.120, client 127.0.0.1 stored obfuscated (bits inverted).
    pytest.param("2001:0:4136:e378:8000:63bf:80ff:fffe", id="teredo-client"),
    pytest.param("2001:0:a00:1:8000:63bf:f7f7:f7f7", id="teredo-server"),
]


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700::6810:85e5", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("0.0.0.0", False),
        ("not-an-ip", False),
        ("::", False),
        ("2001:db8::1", False),
        ("ff02::1", False),
        ("::1:2:3", False),
        # The same forms carrying a public address reach a public host.
        ("::ffff:8.8.8.8", True),
        ("64:ff9b::808:808", True),
        ("2002:808:808::", True),
        ("2001:0:4136:e378:8000:63bf:f7f7:f7f7", True),
    ],
)
def test_is_public(address, public):
    assert is_public(address) is public


@pytest.mark.parametrize("address", EMBEDDED_PRIVATE)
def test_ipv6_forms_of_private_ipv4_are_not_public(address):
    """Was: NAT64, 6to4, IPv4-compatible and SIIT forms of 127.0.0.1 counted as public."""
    assert not is_public(address)


@pytest.mark.parametrize("address", EMBEDDED_PRIVATE)
async def test_ipv6_literal_embedding_a_private_ipv4_is_excluded_unrequested(address):
    url = f"http://[{address}]:8080/x"
    results, checker = await check([url], fast_settings(allow_private=False))
    assert results[url].verdict == "excluded"
    assert checker.requests_sent == 0


@pytest.mark.parametrize("address", EMBEDDED_PRIVATE)
async def test_name_resolving_to_an_embedded_private_ipv4_is_refused(address):
    class Inner(NameResolver):
        async def resolve(self, host, port=0, family=socket.AF_INET):
            return [
                {**r, "host": address, "family": socket.AF_INET6}
                for r in await super().resolve(host, port, family)
            ]

    resolver = SafeResolver(Inner({"nat64.example": address}))
    with pytest.raises(PrivateAddressError):
        await resolver.resolve("nat64.example", 80, socket.AF_INET6)


@pytest.mark.parametrize(
    "host", ["127.1", "2130706433", "0x7f000001", "0x7f.0.0.1", "017.0.0.1", "127.0.1"]
)
async def test_numeric_host_spellings_of_loopback_are_invalid_unrequested(served, host):
    """Our own parser refuses them, whatever the aiohttp version: aiohttp dials an all-digit
    host (127.1) without asking the resolver, the literal check (ipaddress) sees no address
    in it, and only recent aiohttp releases refuse such hosts themselves."""
    base, rec = served
    port = base.rsplit(":", 1)[1]
    url = f"http://{host}:{port}/ok/numeric"
    results, checker = await check([url], fast_settings(allow_private=False))
    assert results[url].verdict == "invalid"
    assert "dotted-quad" in results[url].message
    assert checker.requests_sent == 0
    assert rec.count("/ok/numeric") == 0


async def test_loopback_literal_is_refused_by_default(served):
    base, rec = served
    results, checker = await check([base + "/ok"], fast_settings(allow_private=False))
    result = results[base + "/ok"]
    assert result.verdict == "excluded"
    assert "private" in result.message
    assert checker.requests_sent == 0
    assert rec.count("/ok") == 0


async def test_name_resolving_to_loopback_is_refused_by_default(served):
    base, rec = served
    url = base.replace("127.0.0.1", "localhost") + "/ok"
    results, _ = await check([url], fast_settings(allow_private=False))
    assert results[url].verdict == "excluded"
    assert rec.count("/ok") == 0


async def test_allow_private_checks_loopback(served):
    base, rec = served
    results, _ = await check([base + "/ok"], fast_settings(allow_private=True))
    assert results[base + "/ok"].verdict == "ok"
    assert rec.count("/ok") == 1


async def test_redirect_to_a_refused_address_is_not_followed(served, aiohttp_server):
    base, rec = served
    inner_rec = Recorder()
    inner = await aiohttp_server(make_app(inner_rec), host="127.0.0.2")
    target = f"http://127.0.0.2:{inner.port}/ok/secret"
    url = f"{base}/redirect-to?target={target}"
    # Treat 127.0.0.1 as public so that the first hop is allowed and the redirect is tested.
    results, _ = await check(
        [url], fast_settings(allow_private=False), is_allowed=lambda a: a == "127.0.0.1"
    )
    assert results[url].verdict == "excluded"
    assert rec.count("/redirect-to") == 1
    assert inner_rec.count("/ok/secret") == 0
