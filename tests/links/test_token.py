"""GITHUB_TOKEN: over https only, to GitHub's hosts only, never after a redirect elsewhere.

Real servers on loopback, one speaking TLS with a certificate from a test CA (trustme) for
the GitHub names, which a test resolver maps to 127.0.0.1; the servers record the headers.
"""

from __future__ import annotations

import ssl
from urllib.parse import quote

from linkhelpers import Recorder, check, fast_settings, make_app, named_session
import pytest
import trustme
from yarl import URL

NAMES = [
    "github.com",
    "api.github.com",
    "raw.githubusercontent.com",
    "example.org",
    "someone.github.io",
    "github.com.evil.example",
]
TOKEN = "s3cret"


@pytest.fixture(scope="module")
def contexts():
    """The server's and the client's TLS contexts (made once: issuing a key takes time)."""
    ca = trustme.CA()
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*NAMES).configure_cert(server_ctx)
    client_ctx = ssl.create_default_context()
    ca.configure_trust(client_ctx)
    return server_ctx, client_ctx


@pytest.fixture
async def tls(contexts, aiohttp_server):
    """``(https port, http port, recorder, client TLS context)``: both servers share one
    recorder, so a test sees every hop of a redirect chain."""
    rec = Recorder()
    server_ctx, client_ctx = contexts
    secure = await aiohttp_server(make_app(rec), ssl=server_ctx)
    plain = await aiohttp_server(make_app(rec))
    return secure.port, plain.port, rec, client_ctx


async def _run(targets, client_ctx):
    async with named_session(dict.fromkeys(NAMES, "127.0.0.1"), ssl=client_ctx) as session:
        results, _ = await check(targets, fast_settings(github_token=TOKEN), session=session)
    return results


def _auth(rec, path):
    return [h.get("Authorization") for h in rec.headers[path]]


async def test_token_goes_over_https_to_github_hosts(tls):
    port, _, rec, ctx = tls
    hosts = ["github.com", "api.github.com", "raw.githubusercontent.com"]
    targets = [f"https://{host}:{port}/ok/{i}" for i, host in enumerate(hosts)]
    results = await _run(targets, ctx)
    assert {r.verdict for r in results.values()} == {"ok"}
    for i in range(len(hosts)):
        assert _auth(rec, f"/ok/{i}") == [f"Bearer {TOKEN}"]


async def test_token_never_goes_over_plain_http(tls):
    """Was: the token went to http://github.com in clear text."""
    _, plain, rec, ctx = tls
    results = await _run([f"http://github.com:{plain}/ok/clear"], ctx)
    assert results[f"http://github.com:{plain}/ok/clear"].verdict == "ok"
    assert _auth(rec, "/ok/clear") == [None]


async def test_token_never_goes_to_other_hosts_over_https(tls):
    port, _, rec, ctx = tls
    others = ["example.org", "someone.github.io", "github.com.evil.example"]
    await _run([f"https://{host}:{port}/ok/{i}" for i, host in enumerate(others)], ctx)
    for i in range(len(others)):
        assert _auth(rec, f"/ok/{i}") == [None]


async def test_token_is_not_carried_across_a_redirect_to_another_host(tls):
    port, _, rec, ctx = tls
    away = f"https://example.org:{port}/ok/away"
    url = f"https://github.com:{port}/redirect-to?target={quote(away, safe='')}"
    results = await _run([url], ctx)
    assert results[url].final_url == away
    assert _auth(rec, "/redirect-to") == [f"Bearer {TOKEN}"]
    assert _auth(rec, "/ok/away") == [None]


async def test_token_is_not_carried_across_a_redirect_to_plain_http(tls):
    port, plain, rec, ctx = tls
    down = f"http://github.com:{plain}/ok/down"
    url = f"https://github.com:{port}/redirect-to?target={quote(down, safe='')}"
    results = await _run([url], ctx)
    assert results[url].final_url == down
    assert _auth(rec, "/redirect-to") == [f"Bearer {TOKEN}"]
    assert _auth(rec, "/ok/down") == [None]


async def test_no_token_no_header(tls):
    port, _, rec, ctx = tls
    async with named_session(dict.fromkeys(NAMES, "127.0.0.1"), ssl=ctx) as session:
        await check([f"https://github.com:{port}/ok/none"], fast_settings(), session=session)
    assert _auth(rec, "/ok/none") == [None]


@pytest.mark.parametrize(
    ("url", "sent"),
    [
        ("https://github.com/owner/repo", True),
        ("https://GitHub.com./owner/repo", True),
        ("https://api.github.com/repos/o/r", True),
        ("https://raw.githubusercontent.com/o/r/main/README.md", True),
        ("http://github.com/owner/repo", False),
        ("http://api.github.com/repos/o/r", False),
        ("https://owner.github.io/repo", False),
        ("https://github.com.evil.example/x", False),
        ("https://evilgithub.com/x", False),
        ("https://evil.example/github.com", False),
        ("https://github.com@evil.example/x", False),
        ("https://someone@github.com/x", False),
    ],
)
def test_sends_token(url, sent):
    from scfm_lint.links.request import sends_token

    assert sends_token(URL(url)) is sent


async def test_a_url_with_credentials_gets_no_token(tls):
    """The URL's own user goes as Basic auth; adding the token made aiohttp raise."""
    port, _, rec, ctx = tls
    url = f"https://someone@github.com:{port}/ok/user"
    results = await _run([url], ctx)
    assert results[url].verdict == "ok", results[url].message
    assert _auth(rec, "/ok/user") != [f"Bearer {TOKEN}"]
