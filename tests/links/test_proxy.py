"""HTTP_PROXY, HTTPS_PROXY and NO_PROXY are honoured by the link checker and by ``--verify``
(issue 12, item 9), tested through a forward proxy on loopback.

The page host's name (``site.test``) is known only to the proxy: a request that reaches the
page without the proxy cannot have resolved it, so an ``ok`` proves the proxy carried it.
"""

from __future__ import annotations

import asyncio
import base64
import ssl

import aiohttp
from aiohttp import web
from linkhelpers import NameResolver, Recorder, check, fast_settings, make_app, named_session
import pytest
import trustme
from yarl import URL

from scfm_lint.links.network import open_session, proxy_for
from scfm_lint.verify.http import Pacer, fetch
from scfm_lint.verify.settings import load_settings


@pytest.fixture
async def proxy(aiohttp_server):
    """A forward proxy on loopback: ``(address, URLs it carried)``; it knows ``*.test``."""
    carried: list[str] = []
    names = {"site.test": "127.0.0.1"}

    async def forward(request: web.Request) -> web.Response:
        target = URL(request.raw_path)  # absolute-form: the whole URL is on the request line
        carried.append(str(target))
        connector = aiohttp.TCPConnector(resolver=NameResolver(names))
        async with (
            aiohttp.ClientSession(connector=connector) as upstream,
            upstream.request(request.method, target, allow_redirects=False) as answer,
        ):
            body = await answer.read()
            return web.Response(status=answer.status, body=body)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", forward)
    server = await aiohttp_server(app)
    return f"http://127.0.0.1:{server.port}", carried


async def test_http_proxy_carries_the_requests(served, proxy, monkeypatch):
    base, rec = served
    address, carried = proxy
    monkeypatch.setenv("HTTP_PROXY", address)
    port = base.rsplit(":", 1)[1]
    target = f"http://site.test:{port}/ok/through"
    settings = fast_settings(retries=0)
    async with open_session(settings, resolver=NameResolver({})) as session:
        results, _ = await check([target], settings, session=session)
    assert results[target].verdict == "ok"
    assert carried == [target]
    assert rec.count("/ok/through") == 1


async def test_a_proxy_on_a_private_address_is_let_through_the_guard(served, proxy, monkeypatch):
    """The SSRF guard refuses private targets, not the proxy the user configured."""
    base, _ = served
    address, carried = proxy
    monkeypatch.setenv("HTTP_PROXY", address.replace("127.0.0.1", "proxy.corp"))
    port = base.rsplit(":", 1)[1]
    target = f"http://site.test:{port}/ok/guarded"
    settings = fast_settings(retries=0, allow_private=False)
    resolver = NameResolver({"proxy.corp": "127.0.0.1"})
    async with open_session(settings, resolver=resolver) as session:
        results, _ = await check([target], settings, session=session)
    assert results[target].verdict == "ok"
    assert carried == [target]


async def test_literal_private_targets_stay_refused_through_a_proxy(proxy, monkeypatch):
    address, carried = proxy
    monkeypatch.setenv("HTTP_PROXY", address)
    settings = fast_settings(retries=0, allow_private=False)
    async with open_session(settings, resolver=NameResolver({})) as session:
        results, _ = await check(["http://10.1.2.3/admin"], settings, session=session)
    assert results["http://10.1.2.3/admin"].verdict == "excluded"
    assert carried == []


@pytest.mark.parametrize("no_proxy", ["site.test", ".test", "*", "other.org,site.test"])
async def test_no_proxy_bypasses_the_proxy(served, proxy, monkeypatch, no_proxy):
    base, rec = served
    address, carried = proxy
    monkeypatch.setenv("HTTP_PROXY", address)
    monkeypatch.setenv("NO_PROXY", no_proxy)
    port = base.rsplit(":", 1)[1]
    target = f"http://site.test:{port}/ok/direct"
    settings = fast_settings(retries=0)
    async with open_session(settings, resolver=NameResolver({"site.test": "127.0.0.1"})) as session:
        results, _ = await check([target], settings, session=session)
    assert results[target].verdict == "ok"
    assert carried == []
    assert rec.count("/ok/direct") == 1


async def test_verify_clients_go_through_the_proxy(served, proxy, monkeypatch):
    base, _ = served
    address, carried = proxy
    monkeypatch.setenv("HTTP_PROXY", address)
    port = base.rsplit(":", 1)[1]
    url = f"http://site.test:{port}/ok/works"
    async with open_session(fast_settings(), resolver=NameResolver({})) as session:
        answer = await fetch(session, Pacer(1, 0.0), load_settings({}), url)
    assert answer.status == 200
    assert carried == [url]


def test_each_scheme_takes_its_own_proxy_and_credentials_go_in_a_header(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://user:pa%20ss@secure.proxy:3128")
    monkeypatch.setenv("HTTP_PROXY", "plain.proxy:8080")
    secure = proxy_for("https://example.org/x")
    assert secure["proxy"] == URL("http://secure.proxy:3128")
    expected = "Basic " + base64.b64encode(b"user:pa ss").decode()
    assert secure["proxy_headers"] == {"Proxy-Authorization": expected}
    assert proxy_for("http://example.org/x") == {"proxy": URL("http://plain.proxy:8080")}
    monkeypatch.delenv("HTTP_PROXY")
    assert proxy_for("http://example.org/x") == {}


@pytest.fixture
async def tunnel():
    """A CONNECT proxy on loopback (what HTTPS_PROXY names): ``(address, hosts tunnelled)``."""
    tunnelled: list[str] = []

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while chunk := await reader.read(65536):
                writer.write(chunk)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        method, authority, _ = head.split(b"\r\n", 1)[0].decode().split(" ", 2)
        assert method == "CONNECT"
        tunnelled.append(authority)
        port = int(authority.rsplit(":", 1)[1])  # every name is on loopback
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        await writer.drain()
        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}", tunnelled
    server.close()


async def test_https_proxy_tunnels_https_links(tunnel, aiohttp_server, monkeypatch):
    address, tunnelled = tunnel
    ca = trustme.CA()
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("site.test").configure_cert(server_ctx)
    client_ctx = ssl.create_default_context()
    ca.configure_trust(client_ctx)
    rec = Recorder()
    secure = await aiohttp_server(make_app(rec), ssl=server_ctx)
    monkeypatch.setenv("HTTPS_PROXY", address)
    target = f"https://site.test:{secure.port}/ok/tunnelled"
    async with named_session({}, ssl=client_ctx) as session:  # only the proxy knows site.test
        results, _ = await check([target], fast_settings(retries=0), session=session)
    assert results[target].verdict == "ok"
    assert tunnelled == [f"site.test:{secure.port}"]
    assert rec.count("/ok/tunnelled") == 1


@pytest.mark.parametrize("value", ["http://[", "http://[]@", "ftp://proxy.test", "http://h:99999"])
def test_a_malformed_proxy_variable_is_one_line_and_exit_2(value, monkeypatch, tmp_path, capsys):
    """Was: a traceback from yarl when the session opened."""
    from scfm_lint.cli import main

    readme = tmp_path / "README.md"
    readme.write_text("# P\n\n1. [2024 Nature] **A** [[paper]](http://site.test/x)\n")
    monkeypatch.setenv("HTTP_PROXY", value)
    assert main(["links", "--no-cache", str(readme)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"scfm-lint: error: HTTP_PROXY is not a proxy address: {value!r}"]
