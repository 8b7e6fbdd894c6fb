"""Fixtures: the impersonating loopback server and one client session per test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from .fakes import Fake, make_app


@pytest.fixture(autouse=True)
def _own_cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    # Proxy variables are cleared for the whole suite (tests/conftest.py).
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
async def fake(aiohttp_server: Any) -> tuple[Fake, str]:
    state = Fake()
    server = await aiohttp_server(make_app(state), host="127.0.0.1")
    return state, str(server.make_url("")).rstrip("/")


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client
