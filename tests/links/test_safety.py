"""The SSRF guard: private targets refused after DNS and after every redirect."""

from __future__ import annotations

from linkhelpers import Recorder, check, fast_settings, make_app
import pytest

from scfm_lint.links.safety import is_public


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
    ],
)
def test_is_public(address, public):
    assert is_public(address) is public


async def test_loopback_literal_is_refused_by_default(served):
    base, rec = served
    results, checker = await check([base + "/ok"], fast_settings(allow_private=False))
    result = results[base + "/ok"]
    assert result.verdict == "blocked"
    assert "private" in result.message
    assert checker.requests_sent == 0
    assert rec.count("/ok") == 0


async def test_name_resolving_to_loopback_is_refused_by_default(served):
    base, rec = served
    url = base.replace("127.0.0.1", "localhost") + "/ok"
    results, _ = await check([url], fast_settings(allow_private=False))
    assert results[url].verdict == "blocked"
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
    assert results[url].verdict == "blocked"
    assert rec.count("/redirect-to") == 1
    assert inner_rec.count("/ok/secret") == 0
