"""Fixtures of the link checker's tests: a hermetic environment and a loopback server."""

from __future__ import annotations

from linkhelpers import Recorder, make_app
import pytest


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch, tmp_path):
    """A hermetic environment: no token, no CI, a private cache folder."""
    proxies = ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy")
    for name in ("GITHUB_TOKEN", "CI", *proxies):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture
async def served(aiohttp_server):
    """A running test server and its recorder: ``(base_url, recorder)``."""
    rec = Recorder()
    server = await aiohttp_server(make_app(rec))
    return f"http://127.0.0.1:{server.port}", rec
