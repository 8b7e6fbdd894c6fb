"""A dead network is noticed after a few requests, not after every link (issue 12, item 8).

No test here leaves loopback: "no network" is a resolver that knows no name (as a resolver
cut off from the world answers), injected the way :func:`open_session` allows.
"""

from __future__ import annotations

import asyncio
import errno
import json
import socket

import aiohttp
from linkhelpers import NameResolver, check, fast_settings
import pytest

from scfm_lint.cli import main
from scfm_lint.links import network
from scfm_lint.links.network import Watch, no_answer, open_session
from scfm_lint.verify.http import Pacer, ServiceError, fetch
from scfm_lint.verify.settings import load_settings

SLOW_TO_GIVE_UP = {"retries": 3, "backoff": 0.5, "backoff_max": 2.0, "deadline": 20.0}


async def run(targets, names, **settings):
    config = fast_settings(**{**SLOW_TO_GIVE_UP, **settings})
    async with open_session(config, resolver=NameResolver(names)) as session:
        return await check(targets, config, session=session)


async def test_no_name_resolving_stops_the_run_after_a_few_requests():
    targets = [f"https://h{i}.example/paper" for i in range(40)]
    results, checker = await run(targets, {}, concurrency=4)
    assert checker.network_down is not None
    assert "network is down" in checker.network_down
    assert {r.verdict for r in results.values()} == {"unchecked"}
    # Without the watch: 40 links x 4 tries = 160 requests and the whole deadline.
    assert checker.requests_sent <= 2 * 4


async def test_one_dead_host_among_live_ones_is_dead_and_the_run_goes_on(served):
    base, _ = served
    port = base.rsplit(":", 1)[1]
    names = {f"live{i}.test": "127.0.0.1" for i in range(6)}
    targets = [f"http://live{i}.test:{port}/ok/{i}" for i in range(6)]
    targets.append(f"http://gone.test:{port}/x")
    results, checker = await run(targets, names, retries=1, backoff=0.05)
    assert checker.network_down is None
    assert results[f"http://gone.test:{port}/x"].verdict == "dead"
    assert all(results[t].verdict == "ok" for t in targets[:-1])


async def test_dead_hosts_failing_before_live_ones_answer_do_not_stop_the_run(served):
    base, _ = served
    port = base.rsplit(":", 1)[1]
    names = {f"live{i}.test": "127.0.0.1" for i in range(8)}
    live = [f"http://live{i}.test:{port}/slow/{i}" for i in range(8)]
    gone = [f"http://gone{i}.test:{port}/x" for i in range(5)]
    # The gone names fail at once, while every live host takes 50 ms to answer.
    results, checker = await run(gone + live, names, retries=1, backoff=0.05)
    assert checker.network_down is None
    assert {results[t].verdict for t in live} == {"ok"}
    assert {results[t].verdict for t in gone} == {"dead"}


def test_the_watch_waits_for_requests_already_in_flight():
    watch = Watch()
    live = watch.start()  # sent first, still in flight (a live host, slow to answer)
    dead = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    for host in ("a.test", "b.test", "c.test"):
        watch.fail(watch.start(), host, dead)
    assert not watch.down.is_set()
    watch.answer(live)
    watch.fail(watch.start(), "d.test", dead)
    assert not watch.down.is_set()  # one answer clears the network for the whole run


def test_the_watch_declares_the_network_down_when_nothing_answered():
    watch = Watch()
    tickets = [watch.start() for _ in range(4)]
    for ticket, host in zip(tickets, ("a.test", "b.test", "c.test", "d.test"), strict=True):
        watch.fail(ticket, host, OSError(errno.ENETUNREACH, "Network is unreachable"))
    assert watch.down.is_set()
    assert "4 hosts" in watch.message


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        pytest.param(socket.gaierror(socket.EAI_AGAIN, "Temporary failure"), True, id="no-dns"),
        pytest.param(socket.gaierror(socket.EAI_NONAME, "Name not known"), True, id="nxdomain"),
        pytest.param(OSError(errno.ENETUNREACH, "Network is unreachable"), True, id="no-net"),
        pytest.param(OSError(errno.EHOSTUNREACH, "No route to host"), True, id="no-route"),
        pytest.param(ConnectionRefusedError(errno.ECONNREFUSED, "refused"), False, id="refused"),
        pytest.param(asyncio.TimeoutError(), False, id="timeout"),
    ],
)
def test_which_failures_mean_nothing_answered(error, expected):
    assert no_answer(error) is expected


async def test_verify_asks_nothing_once_the_network_is_down():
    settings = load_settings({})
    async with open_session(fast_settings(), resolver=NameResolver({})) as session:
        watch = network.watch_of(session)
        assert watch is not None
        watch.down.set()
        pacer = Pacer(1, 0.0)
        with pytest.raises(ServiceError, match="network is down"):
            await fetch(session, pacer, settings, "https://api.crossref.org/works/10.1/x")
    assert pacer.sent == 0


LIST = """\
# Papers

## Models
1. [2024 Nature Methods] **scGPT** [[paper]](https://doi.org/10.1038/s41592-024-02201-0)
2. [2023 Nature] **Geneformer** [[paper]](https://www.nature.com/articles/s41586-023-06139-9)
3. [2024 bioRxiv] **scFoundation** [[paper]](https://www.biorxiv.org/content/10.1101/2023.05.29.542705)
4. [2024 arXiv] **CellPLM** [[paper]](https://arxiv.org/abs/2401.00001) · [[code]](https://github.com/a/b)
5. [2025 ICLR] **Model** [[paper]](https://openreview.net/forum?id=abc) · [[code]](https://gitlab.com/c/d)
"""


@pytest.mark.parametrize("verify", [False, True], ids=["links", "links-verify"])
def test_links_command_on_a_dead_network_says_so_once_and_exits_2(
    tmp_path, monkeypatch, capsys, verify
):
    monkeypatch.setattr(network, "DefaultResolver", lambda: NameResolver({}))
    path = tmp_path / "README.md"
    path.write_text(LIST, encoding="utf-8")
    argv = ["links", str(path), "--no-cache", "--no-progress", "--format", "json"]
    code = main(argv + (["--verify"] if verify else []))
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("scfm-lint: error: the network is down")
    verdicts = {link["verdict"] for link in json.loads(captured.out)["links"]}
    assert verdicts == {"unchecked"}


def test_no_answer_reads_through_aiohttp_errors():
    key = aiohttp.client_reqrep.ConnectionKey("x.test", 443, True, True, None, None, None)
    dns = aiohttp.ClientConnectorDNSError(key, socket.gaierror(socket.EAI_AGAIN, "again"))
    refused = aiohttp.ClientConnectorError(key, ConnectionRefusedError(111, "refused"))
    assert no_answer(dns)
    assert not no_answer(refused)
