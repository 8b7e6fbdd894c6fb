"""Limits the hosts see: per-host and global concurrency, delays, isolated backoff."""

from __future__ import annotations

import itertools
import time

from linkhelpers import check, fast_settings, named_session

from scfm_lint.config.links import parse_hosts


async def test_per_host_concurrency_is_never_exceeded(served):
    base, rec = served
    targets = [f"{base}/slow/{i}" for i in range(24)]
    results, _ = await check(targets, fast_settings(per_host=3))
    assert {r.verdict for r in results.values()} == {"ok"}
    assert rec.peak == 3  # the limit is reached (so the test can see it) and never passed


async def test_host_policy_lowers_the_per_host_limit(served):
    base, rec = served
    targets = [f"{base}/slow/{i}" for i in range(8)]
    policies = parse_hosts({"127.0.0.1": {"concurrency": 1}})
    await check(targets, fast_settings(per_host=4), policies)
    assert rec.peak == 1


async def test_global_limit_caps_all_hosts_together(served):
    base, rec = served
    port = base.rsplit(":", 1)[1]
    names = {f"h{i}.test": "127.0.0.1" for i in range(6)}
    targets = [f"http://h{i}.test:{port}/slow/{j}" for i in range(6) for j in range(4)]
    async with named_session(names) as session:
        await check(targets, fast_settings(concurrency=5, per_host=4), session=session)
    assert rec.peak == 5


async def test_host_delay_spaces_requests(served):
    """Measured on the checker's own clock as each request leaves: CPU load can only widen
    these gaps (the old measure, on the server's clock, narrowed when load held back one
    request's arrival), and no bound is put on wall time."""
    base, rec = served
    policies = parse_hosts({"127.0.0.1": {"delay": 0.2}})
    targets = [f"{base}/ok/{i}" for i in range(4)]
    _, checker = await check(targets, fast_settings(per_host=4), policies)
    starts = [when for when, _ in checker.sent]
    assert sorted(url for _, url in checker.sent) == sorted(targets)  # one request each
    assert starts == sorted(starts)
    assert min(b - a for a, b in itertools.pairwise(starts)) >= 0.2
    assert sum(rec.count(f"/ok/{i}") for i in range(4)) == 4


async def test_host_delay_counts_from_when_a_request_leaves(served):
    """A request held back by the run-wide limit pushes the next one to the host back too."""
    base, _ = served
    port = base.rsplit(":", 1)[1]
    names = {"spaced.test": "127.0.0.1", "busy.test": "127.0.0.1"}
    policies = parse_hosts({"spaced.test": {"delay": 0.1}})
    busy = [f"http://busy.test:{port}/slow/{i}" for i in range(6)]
    spaced = [f"http://spaced.test:{port}/ok/{i}" for i in range(3)]
    async with named_session(names) as session:
        _, checker = await check(
            busy + spaced, fast_settings(concurrency=1), policies, session=session
        )
    starts = [when for when, url in checker.sent if "spaced.test" in url]
    assert len(starts) == 3
    assert min(b - a for a, b in itertools.pairwise(starts)) >= 0.1


async def test_backoff_on_one_host_never_stalls_the_others(served):
    base, rec = served
    port = base.rsplit(":", 1)[1]
    names = {"slow.test": "127.0.0.1", "fast.test": "127.0.0.1"}
    targets = [f"http://slow.test:{port}/ratelimit"]
    targets += [f"http://fast.test:{port}/ok/{i}" for i in range(6)]
    started = time.monotonic()
    async with named_session(names) as session:
        results, _ = await check(targets, fast_settings(per_host=1), session=session)
    assert {r.verdict for r in results.values()} == {"ok"}
    fast_done = max(rec.times[f"/ok/{i}"][0] for i in range(6)) - started
    assert fast_done < 0.8  # all answered while slow.test's Retry-After: 1 was running
    assert rec.times["/ratelimit"][1] - started >= 1.0


async def test_browser_like_headers_and_policy_headers(served):
    base, rec = served
    policies = parse_hosts({"127.0.0.1": {"headers": {"X-Extra": "yes"}}})
    await check([base + "/ok"], fast_settings(), policies)
    sent = rec.headers["/ok"][0]
    assert sent["User-Agent"].startswith("Mozilla/5.0")
    assert "text/html" in sent["Accept"]
    assert sent["X-Extra"] == "yes"


async def test_dns_failure_is_dead_when_other_hosts_answer(served):
    base, _ = served
    port = base.rsplit(":", 1)[1]
    names = {"up.test": "127.0.0.1"}
    targets = [f"http://up.test:{port}/ok", f"http://gone.test:{port}/x"]
    async with named_session(names) as session:
        results, _ = await check(targets, fast_settings(retries=1), session=session)
    gone = results[f"http://gone.test:{port}/x"]
    assert gone.verdict == "dead"
    assert "DNS" in gone.message


async def test_no_host_answering_means_unchecked_not_dead():
    names: dict[str, str] = {}
    targets = ["http://a.test/x", "http://b.test/y"]
    async with named_session(names) as session:
        results, _ = await check(targets, fast_settings(retries=0), session=session)
    assert {r.verdict for r in results.values()} == {"unchecked"}
