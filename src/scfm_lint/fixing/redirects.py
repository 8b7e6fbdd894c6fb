"""Permanent redirects the link checker has cached (SCF404), offered as unsafe URL fixes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scfm_lint.document.model import Document
from scfm_lint.engine.finding import Finding


def cached_redirects(doc: Document, config: Mapping[str, Any]) -> list[Finding]:
    """SCF404 findings, each with its fix, for entry links the cache knows to be redirected.

    Only the cache is read: no request is sent, and a missing cache is not created. Links
    outside the entries are left alone, so prose and HTML keep their bytes.
    """
    from scfm_lint.links.cache import Cache
    from scfm_lint.links.findings import is_web_link, key_of, to_findings
    from scfm_lint.links.settings import default_cache_path, from_config

    settings = from_config(config)
    path = settings.cache_path or default_cache_path()
    if not settings.cache_enabled or not path.is_file():
        return []
    keys = sorted({key_of(x.url) for e in doc.entries for x in e.links if is_web_link(x.url)})
    cache = Cache(path, settings.ttl, settings.max_age)
    try:
        hits = cache.get(keys)
    finally:
        cache.close()
    moved = {k: r for k, r in hits.items() if r.verdict == "redirected" and r.suggestion}
    entry_lines = {x.line for e in doc.entries for x in e.links}
    return [f for f in to_findings(doc, moved) if f.fix is not None and f.line in entry_lines]
