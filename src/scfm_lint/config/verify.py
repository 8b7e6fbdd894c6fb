"""The ``verify:`` section, typed: where the metadata services are and how to ask them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from scfm_lint.config import read
from scfm_lint.config.read import At

SERVICES = ("crossref", "arxiv", "biorxiv", "openreview", "pubmed")
BASES = (*SERVICES, "openreview-v1")
"""Base URL keys: every service, plus OpenReview's API 1 for venues that never moved to 2."""
TEN_YEARS = 10 * 365 * 86400.0


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


def _url(value: Any, at: At) -> str:
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        at.fail(f"expected an http(s) URL, got {value!r}")
    return str(value).rstrip("/")


def _whole(table: Any, at: At, high: int) -> Mapping[str, int]:
    found = read.mapping(table, at, "service to number")
    return MappingProxyType({str(k): read.integer(v, at / k, 1, high) for k, v in found.items()})


def parse_verify(section: Mapping[str, Any], at: At) -> VerifySettings:
    """The ``verify:`` section (already merged over its defaults)."""
    cache = read.mapping(section.get("cache"), at / "cache")
    delays = read.mapping(section.get("delay"), at / "delay", "service to seconds")
    return VerifySettings(
        base=MappingProxyType({name: _url(section.get(name), at / name) for name in BASES}),
        mailto=read.text(section.get("mailto") or "", at / "mailto"),
        user_agent=read.text(section.get("user-agent") or "scfm-lint", at / "user-agent"),
        timeout=read.number(section.get("timeout"), at / "timeout", 0, 3_600, above=True),
        deadline=read.number(section.get("deadline"), at / "deadline", 0, 7 * 86_400),
        retries=read.integer(section.get("retries"), at / "retries", 0, 100),
        backoff=read.number(section.get("backoff"), at / "backoff", 0, 3_600),
        backoff_max=read.number(section.get("backoff-max"), at / "backoff-max", 0, 3_600),
        retry_after_max=read.number(
            section.get("retry-after-max"), at / "retry-after-max", 0, 86_400
        ),
        title_threshold=read.number(section.get("title-threshold"), at / "title-threshold", 0, 1),
        rxiv_via=read.choice(section.get("rxiv-via"), at / "rxiv-via", ("biorxiv", "crossref")),
        batch=_whole(section.get("batch"), at / "batch", 1_000),
        concurrency=_whole(section.get("concurrency"), at / "concurrency", 100),
        delay=MappingProxyType(
            {str(k): read.number(v, at / "delay" / k, 0, 3_600) for k, v in delays.items()}
        ),
        cache_enabled=read.flag(cache.get("enabled", True), at / "cache" / "enabled"),
        cache_path=read.text(cache.get("path") or "", at / "cache" / "path"),
        cache_ttl=read.number(cache.get("ttl"), at / "cache" / "ttl", 0, TEN_YEARS),
        enabled=read.flag(section.get("enabled", False), at / "enabled"),
    )
