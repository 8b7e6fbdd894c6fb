"""The SQLite verdict cache: TTL per verdict, max-age, failures never kept."""

from __future__ import annotations

import pytest

from scfm_lint.links.cache import Cache
from scfm_lint.links.result import LinkResult

TTL = {"ok": 100.0, "redirected": 100.0, "blocked": 10.0}


def stored(tmp_path, *results, now=1000.0, **kw):
    cache = Cache(tmp_path / "c.sqlite3", TTL, **kw)
    cache.put(results, now=now)
    return cache


def test_hit_within_ttl_carries_everything(tmp_path):
    r = LinkResult("https://a.org/x", "redirected", 200, "https://b.org/", "https://b.org/", "m", 3)
    cache = stored(tmp_path, r)
    hit = cache.get([r.url], now=1050.0)[r.url]
    assert (hit.verdict, hit.status, hit.final_url, hit.suggestion) == (
        "redirected",
        200,
        "https://b.org/",
        "https://b.org/",
    )
    assert hit.cached
    assert hit.requests == 0


def test_expiry_per_verdict(tmp_path):
    ok = LinkResult("https://a.org/ok", "ok", 200)
    blocked = LinkResult("https://a.org/blocked", "blocked", 403)
    cache = stored(tmp_path, ok, blocked)
    assert set(cache.get([ok.url, blocked.url], now=1005.0)) == {ok.url, blocked.url}
    assert set(cache.get([ok.url, blocked.url], now=1050.0)) == {ok.url}
    assert cache.get([ok.url, blocked.url], now=1101.0) == {}


def test_max_age_shortens_every_ttl(tmp_path):
    ok = LinkResult("https://a.org/ok", "ok", 200)
    cache = stored(tmp_path, ok, max_age=20.0)
    assert ok.url in cache.get([ok.url], now=1019.0)
    assert cache.get([ok.url], now=1021.0) == {}


@pytest.mark.parametrize("verdict", ["dead", "unchecked", "invalid"])
def test_failures_are_never_cached_and_evict_an_old_success(tmp_path, verdict):
    url = "https://a.org/x"
    cache = stored(tmp_path, LinkResult(url, "ok", 200))
    cache.put([LinkResult(url, verdict, 404)], now=1001.0)
    assert cache.get([url], now=1002.0) == {}


def test_cache_persists_across_opens(tmp_path):
    url = "https://a.org/x"
    stored(tmp_path, LinkResult(url, "ok", 200)).close()
    assert url in Cache(tmp_path / "c.sqlite3", TTL).get([url], now=1001.0)


def test_a_corrupt_cache_file_is_one_warning_and_no_cache(tmp_path):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    seen = []
    cache = Cache(path, TTL, warn=seen.append)
    assert cache.get(["https://a.org/x"]) == {}
    cache.put([LinkResult("https://a.org/x", "ok", 200)])
    [line] = seen
    assert "cannot use the link cache" in line
    assert "--no-cache" in line
