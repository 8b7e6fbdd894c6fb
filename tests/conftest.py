"""Suite-wide settings."""

from __future__ import annotations

import pytest

# Tests marked slow build wheels or pre-commit environments: on a loaded machine that takes
# minutes, so they get a longer budget than the suite's 60 s default instead of failing.
SLOW_TIMEOUT = 900

# The link checker and the verify clients honour these, so a developer's proxy would send the
# tests' loopback requests elsewhere. Tests that want a proxy set one themselves.
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("slow") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT))


@pytest.fixture(autouse=True)
def no_proxy_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
