"""Suite-wide settings."""

from __future__ import annotations

import pytest

# Tests marked slow build wheels or pre-commit environments: on a loaded machine that takes
# minutes, so they get a longer budget than the suite's 60 s default instead of failing.
SLOW_TIMEOUT = 900


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("slow") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT))
