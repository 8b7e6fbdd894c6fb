"""Each verdict, and each transient failure the checker must see through, on loopback."""

from __future__ import annotations

import socket
import time

from linkhelpers import check, fast_settings
import pytest

from scfm_lint.config.links import parse_hosts


@pytest.mark.parametrize(
    ("path", "verdict", "status"),
    [
        pytest.param("/ok", "ok", 200, id="200-ok"),
        pytest.param("/404", "dead", 404, id="404-dead"),
        pytest.param("/410", "dead", 410, id="410-dead"),
        pytest.param("/403", "blocked", 403, id="403-blocked"),
        pytest.param("/challenge", "blocked", 403, id="bot-challenge-blocked"),
        pytest.param("/head405", "ok", 200, id="head-405-then-get"),
        pytest.param("/head404", "ok", 200, id="head-404-then-get"),
        pytest.param("/head501", "ok", 200, id="head-501-then-get"),
        pytest.param("/head503", "ok", 200, id="head-503-always-then-get"),
        pytest.param("/temp", "ok", 200, id="temporary-redirect-ok"),
        pytest.param("/chain", "redirected", 200, id="permanent-chain-redirected"),
        pytest.param("/500", "dead", 500, id="persistent-500-dead"),
    ],
)
async def test_verdict_by_status(served, path, verdict, status):
    base, _ = served
    results, _ = await check([base + path])
    result = results[base + path]
    assert (result.verdict, result.status) == (verdict, status)


async def test_head_refused_then_get_ok(served):
    base, rec = served
    results, _ = await check([base + "/head405"])
    assert results[base + "/head405"].verdict == "ok"
    assert rec.hits["HEAD", "/head405"] == 1
    assert rec.hits["GET", "/head405"] == 1


async def test_host_without_head_goes_straight_to_get(served):
    base, rec = served
    policies = parse_hosts({"127.0.0.1": {"head": False}})
    results, _ = await check([base + "/ok"], policies=policies)
    assert results[base + "/ok"].verdict == "ok"
    assert rec.hits == {("GET", "/ok"): 1}


async def test_429_with_retry_after_then_ok(served):
    base, rec = served
    results, _ = await check([base + "/ratelimit"])
    result = results[base + "/ratelimit"]
    assert result.verdict == "ok"
    times = rec.times["/ratelimit"]
    assert len(times) == 2
    assert times[1] - times[0] >= 1.0  # Retry-After honoured, not the 50 ms backoff


async def test_retry_after_beyond_cap_is_blocked_without_waiting(served):
    base, rec = served
    started = time.monotonic()
    results, _ = await check([base + "/ratelimit-long"])
    assert results[base + "/ratelimit-long"].verdict == "blocked"
    assert time.monotonic() - started < 1.5
    assert rec.count("/ratelimit-long") == 1


async def test_503_once_then_ok(served):
    base, rec = served
    results, _ = await check([base + "/503once"])
    assert results[base + "/503once"].verdict == "ok"
    assert rec.count("/503once") == 2


async def test_persistent_503_is_dead_by_default_and_blocked_by_policy(served):
    base, rec = served
    results, _ = await check([base + "/503always"], fast_settings(retries=1))
    assert results[base + "/503always"].verdict == "dead"
    assert rec.hits["HEAD", "/503always"] == 2
    assert rec.hits["GET", "/503always"] == 1  # GET has the last word before "dead"
    policy = parse_hosts({"127.0.0.1": {"blocked-status": [503]}})
    results, _ = await check([base + "/503always"], fast_settings(retries=1), policy)
    assert results[base + "/503always"].verdict == "blocked"


async def test_reset_is_retried_then_dead(served):
    base, rec = served
    results, _ = await check([base + "/reset"], fast_settings(retries=2))
    result = results[base + "/reset"]
    assert result.verdict == "dead"
    assert "reset" in result.message
    assert rec.count("/reset") == 3


async def test_refused_connection_is_dead():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    url = f"http://127.0.0.1:{port}/"
    results, _ = await check([url], fast_settings(retries=1))
    assert results[url].verdict == "dead"
    assert results[url].status is None


async def test_hang_is_dead_after_a_hedged_second_request(served):
    base, rec = served
    started = time.monotonic()
    results, _ = await check([base + "/hang"], fast_settings(timeout=1.0))
    elapsed = time.monotonic() - started
    result = results[base + "/hang"]
    assert result.verdict == "dead"
    assert "timed out" in result.message
    assert rec.count("/hang") == 2
    times = rec.times["/hang"]
    assert 0.6 <= times[1] - times[0] <= 0.9  # the twin leaves at 70 % of the timeout
    assert elapsed < 1.0 * 1.1 + 0.2  # about one timeout in all, not three


async def test_a_stalled_first_request_is_rescued_by_its_twin(served):
    base, rec = served
    started = time.monotonic()
    results, _ = await check([base + "/stall-once"], fast_settings(timeout=1.0))
    assert results[base + "/stall-once"].verdict == "ok"
    assert rec.count("/stall-once") == 2
    assert time.monotonic() - started < 1.0  # answered before the first request's timeout


async def test_hedge_respects_the_per_host_limit(served):
    base, rec = served
    results, _ = await check([base + "/hang"], fast_settings(timeout=0.6, per_host=1))
    assert results[base + "/hang"].verdict == "dead"
    times = rec.times["/hang"]
    assert times[1] - times[0] >= 0.55  # the twin waited for the only slot
    assert rec.peak == 1


async def test_hang_past_the_deadline_is_unchecked_not_dead(served):
    base, _ = served
    started = time.monotonic()
    settings = fast_settings(timeout=3.0, deadline=0.8)
    results, _ = await check([base + "/hang", base + "/ok"], settings)
    assert time.monotonic() - started < 1.5
    assert results[base + "/hang"].verdict == "unchecked"
    assert "deadline" in results[base + "/hang"].message
    assert results[base + "/ok"].verdict == "ok"


async def test_permanent_redirect_chain_suggests_the_last_permanent_target(served):
    base, rec = served
    results, _ = await check([base + "/chain"])
    result = results[base + "/chain"]
    assert result.verdict == "redirected"
    assert result.suggestion == base + "/chain3"  # 301 then 308; the 302 after is temporary
    assert result.final_url == base + "/ok-final"
    assert rec.count("/ok-final") == 1


async def test_redirect_loop_is_dead_and_stops(served):
    base, rec = served
    results, _ = await check([base + "/loop-a"])
    result = results[base + "/loop-a"]
    assert result.verdict == "dead"
    assert "loop" in result.message
    assert rec.count("/loop-a") == 1
    assert rec.count("/loop-b") == 1


async def test_cookie_jar_breaks_a_publisher_style_loop(served):
    base, rec = served
    results, _ = await check([base + "/cookie"])
    assert results[base + "/cookie"].verdict == "ok"
    assert rec.count("/cookie") == 2


async def test_redirect_to_a_non_http_scheme_is_not_followed(served):
    base, _ = served
    results, _ = await check([base + "/to-ftp"])
    result = results[base + "/to-ftp"]
    assert result.verdict == "blocked"
    assert "ftp:" in result.message


async def test_too_many_redirects_is_dead(served):
    base, _ = served
    results, _ = await check([base + "/chain"], fast_settings(max_redirects=1))
    assert results[base + "/chain"].verdict == "dead"
    assert "redirects" in results[base + "/chain"].message


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("htps://arxiv.org/abs/2306.00001", id="typo-scheme"),
        pytest.param("ftp://example.org/file", id="ftp"),
        pytest.param("http://exa mple.org/", id="space"),
        pytest.param("https://", id="no-host"),
        pytest.param("http://bad_host-.org/", id="bad-host"),
    ],
)
async def test_invalid_urls_send_no_request(url):
    results, checker = await check([url])
    assert results[url].verdict == "invalid"
    assert checker.requests_sent == 0


async def test_fifty_megabyte_body_is_not_downloaded(served):
    base, rec = served
    results, _ = await check([base + "/big"])
    assert results[base + "/big"].verdict == "ok"
    assert rec.hits["GET", "/big"] == 1
    assert rec.bytes_sent < 4 * 1024 * 1024  # the server stopped long before 50 MB


async def test_identical_urls_are_requested_once(served):
    base, rec = served
    results, checker = await check([base + "/ok", base + "/ok", base + "/ok"])
    assert len(results) == 1
    assert checker.requests_sent == 1
    assert rec.count("/ok") == 1
