"""The ``verify:`` settings: typed and checked in :mod:`scfm_lint.config.verify`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scfm_lint.config.load import as_config
from scfm_lint.config.model import Config
from scfm_lint.config.verify import BASES, SERVICES, VerifySettings

__all__ = ["BASES", "SERVICES", "VerifySettings", "load_settings"]


def load_settings(config: Config | Mapping[str, Any]) -> VerifySettings:
    """The ``verify:`` settings of ``config``."""
    return as_config(config).verify
