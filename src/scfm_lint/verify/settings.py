"""The ``verify:`` configuration as one validated record. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from scfm_lint.errors import ConfigError

SERVICES = ("crossref", "arxiv", "biorxiv", "openreview", "pubmed")
BASES = (*SERVICES, "openreview-v1")
"""Base URL keys: every service, plus OpenReview's API 1 for venues that never moved to 2."""


@dataclass(frozen=True, slots=True)
class VerifySettings:
    """Where the services are and how politely to ask them."""

    base: Mapping[str, str]
    """Key of :data:`BASES` -> base URL, without a trailing slash."""
    mailto: str
    user_agent: str
    timeout: float
    deadline: float
    """Seconds for the whole verification; 0 for none."""
    retries: int
    backoff: float
    backoff_max: float
    retry_after_max: float
    title_threshold: float
    rxiv_via: str
    """``biorxiv`` (the details API, one request per DOI) or ``crossref`` (batched)."""
    batch: Mapping[str, int]
    concurrency: Mapping[str, int]
    delay: Mapping[str, float]
    cache_enabled: bool
    cache_path: str
    cache_ttl: float
    enabled: bool = False
    """Whether ``scfm-lint links`` verifies papers without ``--verify`` (``verify.enabled``)."""


def _number(section: Mapping[str, Any], key: str, where: str, low: float = 0.0) -> float:
    value = section.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < low:
        raise ConfigError(f"verify: key {where + key!r}: expected a number >= {low}, got {value!r}")
    return float(value)


def _per_service(section: Mapping[str, Any], key: str, low: float) -> dict[str, float]:
    table = section.get(key)
    if not isinstance(table, Mapping):
        raise ConfigError(f"verify: key 'verify.{key}': expected a mapping, got {table!r}")
    return {name: _number(table, name, f"verify.{key}.", low) for name in table}


def _choice(section: Mapping[str, Any], key: str, choices: tuple[str, ...]) -> str:
    value = section.get(key)
    if value not in choices:
        raise ConfigError(
            f"verify: key 'verify.{key}': expected one of {', '.join(choices)}, got {value!r}"
        )
    return str(value)


def _url(section: Mapping[str, Any], name: str) -> str:
    value = section.get(name)
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"verify: key 'verify.{name}': expected an http(s) URL, got {value!r}")
    return str(value).rstrip("/")


def load_settings(config: Mapping[str, Any]) -> VerifySettings:
    """Read and check ``config["verify"]`` (the merged configuration)."""
    section = config.get("verify")
    if not isinstance(section, Mapping):
        raise ConfigError("verify: key 'verify': expected a mapping of settings")
    cache = section.get("cache", {})
    if not isinstance(cache, Mapping):
        raise ConfigError(f"verify: key 'verify.cache': expected a mapping, got {cache!r}")
    enabled = section.get("enabled", False)
    if not isinstance(enabled, bool):
        raise ConfigError(f"verify: key 'verify.enabled': expected true or false, got {enabled!r}")
    threshold = _number(section, "title-threshold", "verify.")
    if threshold > 1:
        raise ConfigError(f"verify: key 'verify.title-threshold': expected 0-1, got {threshold}")
    return VerifySettings(
        base=MappingProxyType({name: _url(section, name) for name in BASES}),
        mailto=str(section.get("mailto") or ""),
        user_agent=str(section.get("user-agent") or "scfm-lint"),
        timeout=_number(section, "timeout", "verify.", 0.001),
        deadline=_number(section, "deadline", "verify."),
        retries=int(_number(section, "retries", "verify.")),
        backoff=_number(section, "backoff", "verify."),
        backoff_max=_number(section, "backoff-max", "verify."),
        retry_after_max=_number(section, "retry-after-max", "verify."),
        title_threshold=threshold,
        rxiv_via=_choice(section, "rxiv-via", ("biorxiv", "crossref")),
        batch=MappingProxyType({k: int(v) for k, v in _per_service(section, "batch", 1).items()}),
        concurrency=MappingProxyType(
            {k: int(v) for k, v in _per_service(section, "concurrency", 1).items()}
        ),
        delay=MappingProxyType(_per_service(section, "delay", 0)),
        cache_enabled=bool(cache.get("enabled", True)),
        cache_path=str(cache.get("path") or ""),
        cache_ttl=_number(cache, "ttl", "verify.cache."),
        enabled=enabled,
    )
