"""How much of the real list paper verification can answer, and what a full audit costs.

Offline. Reads the list with the project's parser and prints:

- the links whose paper can be verified by identifier, by service, and how many of them sit
  on hosts whose policy in ``rules/hosts.yaml`` expects bot refusals (``blocked`` page
  verdicts that an identifier turns into a real answer);
- the requests a full ``--verify`` audit needs, batched as ``rules/verify.yaml`` says, against
  one request per link, and the least wall time the services' pacing allows;
- measured: the same audit run by :func:`scfm_lint.verify.core.verify_entries` against a
  loopback stub that answers every identifier, once per ``verify.rxiv-via`` mode (requests
  counted by the stub and by the pacers; pacing delays set to zero so the run is quick;
  ``--with-delays`` keeps them and so shows the real wall time the pacing costs).

    python benchmarks/verify_bench.py
    python benchmarks/verify_bench.py --list ../shared/corpus/paper-list-2025-09-21.md
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from collections.abc import Sequence
import math
from pathlib import Path
import sys
import time
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LIST = ROOT.parent / "shared" / "corpus" / "paper-list-2026-07-14.md"


def _host_policy(host: str, hosts: dict[str, Any]) -> dict[str, Any]:
    keys = [k for k in hosts if host == k or host.endswith("." + k)]
    return hosts[max(keys, key=len)] if keys else {}


def plan(idents: Sequence[Any], settings: Any) -> dict[str, int]:
    """Requests a batched audit sends per service (first pass, no retries)."""
    count = Counter(i.scheme for i in set(idents))
    batch = settings.batch
    return {
        "crossref": math.ceil(count["doi"] / batch["crossref"])
        + math.ceil(count["pii"] / batch["crossref"]),
        "arxiv": math.ceil(count["arxiv"] / batch["arxiv"]),
        "biorxiv": count["biorxiv"] + count["medrxiv"],
        "openreview": count["openreview"],
        "pubmed": math.ceil(count["pubmed"] / batch["pubmed"])
        + math.ceil(count["pmc"] / batch["pubmed"]),
    }


def _stub_app(log: list[str]) -> Any:
    from aiohttp import web

    def work(doi: str, alt: str | None = None) -> dict[str, Any]:
        return {
            "DOI": doi,
            "type": "journal-article",
            "title": ["stub"],
            "container-title": ["Stub"],
            "issued": {"date-parts": [[2024]]},
            "alternative-id": [alt] if alt else [],
        }

    async def record(request: web.Request, handler: Any) -> web.StreamResponse:
        log.append(request.path)
        response: web.StreamResponse = await handler(request)
        return response

    async def works(request: web.Request) -> web.Response:
        items = []
        for part in request.query.get("filter", "").split(","):
            name, _, value = part.partition(":")
            items.append(work(value) if name == "doi" else work("10.1/" + value, value))
        return web.json_response({"message-type": "work-list", "message": {"items": items}})

    async def arxiv(request: web.Request) -> web.Response:
        entries = "".join(
            f"<entry><id>http://arxiv.org/abs/{i}v1</id><title>stub</title>"
            "<published>2024-01-01T00:00:00Z</published></entry>"
            for i in request.query.get("id_list", "").split(",")
        )
        feed = f'<feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'
        return web.Response(text=feed, content_type="application/atom+xml")

    async def details(request: web.Request) -> web.Response:
        version = {"title": "stub", "date": "2024-01-01", "published": "NA"}
        return web.json_response({"messages": [{"status": "ok"}], "collection": [version]})

    async def notes(request: web.Request) -> web.Response:
        note = {"id": request.query.get("id"), "content": {"title": {"value": "stub"}}}
        return web.json_response({"notes": [note]})

    async def esummary(request: web.Request) -> web.Response:
        ids = request.query.get("id", "").split(",")
        result = {i: {"uid": i, "title": "stub", "pubdate": "2024"} for i in ids}
        return web.json_response({"result": {"uids": ids, **result}})

    app = web.Application(middlewares=[web.middleware(record)])
    app.router.add_get("/cr/works", works)
    app.router.add_get("/arxiv/query", arxiv)
    app.router.add_get("/rxiv/details/{rest:.+}", details)
    app.router.add_get("/or/notes", notes)
    app.router.add_get("/eutils/esummary.fcgi", esummary)
    return app


async def measure(
    items: list[tuple[Any, Any]], with_delays: bool, rxiv_via: str = "biorxiv"
) -> tuple[Counter[str], Any, float]:
    """Run the audit against the stub: requests seen by the stub, the run's stats, seconds."""
    import aiohttp
    from aiohttp import web

    from scfm_lint.config.load import defaults, merge
    from scfm_lint.verify.core import Stats, verify_entries

    log: list[str] = []
    runner = web.AppRunner(_stub_app(log))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    base = f"http://127.0.0.1:{port}"
    section: dict[str, Any] = {
        "crossref": f"{base}/cr",
        "arxiv": f"{base}/arxiv",
        "biorxiv": f"{base}/rxiv",
        "openreview": f"{base}/or",
        "pubmed": f"{base}/eutils",
        "cache": {"enabled": False},
        "rxiv-via": rxiv_via,
    }
    if not with_delays:
        section["delay"] = dict.fromkeys(
            ("crossref", "arxiv", "biorxiv", "openreview", "pubmed"), 0
        )
    config = merge(defaults(), {"verify": section})
    stats = Stats()
    started = time.perf_counter()
    async with aiohttp.ClientSession() as session:
        await verify_entries(items, config, session, stats=stats)
    elapsed = time.perf_counter() - started
    await runner.cleanup()
    by_prefix = Counter("/" + path.split("/")[1] for path in log)
    return by_prefix, stats, elapsed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", type=Path, default=DEFAULT_LIST)
    parser.add_argument("--with-delays", action="store_true", help="keep the services' pacing")
    parser.add_argument("--no-measure", action="store_true", help="skip the loopback run")
    args = parser.parse_args(argv)

    from scfm_lint.config.load import defaults
    from scfm_lint.config.resources import load_rule_file
    from scfm_lint.document.parse import parse_document
    from scfm_lint.verify.ids import identify
    from scfm_lint.verify.settings import load_settings

    settings = load_settings(defaults())
    hosts = load_rule_file("hosts")["hosts"]
    doc = parse_document(args.list.read_text(encoding="utf-8"), str(args.list))
    items = [(entry, link) for entry in doc.entries for link in entry.links]
    idents = [identify(link.url) for _, link in items]
    found = [i for i in idents if i is not None]
    total = len(items)

    print(f"list: {args.list.name}: {len(doc.entries)} entries, {total} entry links")
    print(
        f"verifiable by identifier: {len(found)} links ({len(found) / total:.1%}), "
        f"{len(set(found))} distinct identifiers"
    )
    by_service = Counter(i.service for i in found)
    distinct = Counter(i.service for i in set(found))
    for service in ("crossref", "arxiv", "biorxiv", "openreview", "pubmed"):
        schemes = Counter(i.scheme for i in found if i.service == service)
        detail = ", ".join(f"{k} {v}" for k, v in schemes.most_common())
        print(
            f"  {service:<10} {by_service[service]:>4} links ({by_service[service] / total:5.1%}),"
            f" {distinct[service]:>4} distinct  [{detail}]"
        )

    blocking = 0
    rescued = 0
    rescued_by: Counter[str] = Counter()
    for (_, link), ident in zip(items, idents, strict=True):
        host = (urlsplit(link.url).hostname or "").removeprefix("www.")
        if 403 in _host_policy(host, hosts).get("blocked-status", []):
            blocking += 1
            if ident is not None:
                rescued += 1
                rescued_by[host.split(".")[-2] if host.count(".") else host] += 1
    print(
        f"links on hosts that refuse bots (hosts.yaml blocked-status has 403): {blocking}; "
        f"verifiable by identifier: {rescued} ({rescued / max(blocking, 1):.1%})"
    )
    print("  by host: " + ", ".join(f"{h} {n}" for h, n in rescued_by.most_common()))

    planned = plan(found, settings)
    batched = sum(planned.values())
    print(
        f"requests for a full --verify audit (batched, first pass): {batched}  "
        + " ".join(f"{k}={v}" for k, v in planned.items())
    )
    print(
        f"  one request per verifiable link: {len(found)}; per distinct identifier: "
        f"{len(set(found))}; page check of every entry link: {total}"
    )
    rxiv = planned["biorxiv"]
    via_crossref = math.ceil(
        (sum(1 for i in set(found) if i.scheme == "doi") + rxiv) / settings.batch["crossref"]
    ) + math.ceil(sum(1 for i in set(found) if i.scheme == "pii") / settings.batch["crossref"])
    print(
        f"  (if bioRxiv/medRxiv DOIs were asked of Crossref in batches instead: "
        f"{batched - rxiv - planned['crossref'] + via_crossref})"
    )
    floor = max(planned[s] * settings.delay[s] / 1 for s in planned)
    slowest = max(planned, key=lambda s: planned[s] * settings.delay[s])
    print(
        f"  least wall time the pacing allows: {floor:.1f} s ({slowest}: "
        f"{planned[slowest]} requests x {settings.delay[slowest]} s, services in parallel)"
    )

    if args.no_measure:
        return 0
    names = {
        "/cr": "crossref",
        "/arxiv": "arxiv",
        "/rxiv": "biorxiv",
        "/or": "openreview",
        "/eutils": "pubmed",
    }
    for via in ("biorxiv", "crossref"):
        by_prefix, stats, elapsed = asyncio.run(measure(items, args.with_delays, via))
        seen = {names[p]: n for p, n in by_prefix.items()}
        print(
            f"measured on a loopback stub, rxiv-via={via} "
            f"({'with' if args.with_delays else 'without'} pacing delays): "
            f"{sum(seen.values())} requests in {elapsed:.2f} s  "
            + " ".join(f"{k}={seen.get(k, 0)}" for k in planned)
            + f"  (pacers counted {sum(stats.requests.values())}, "
            f"identifiers {stats.identifiers})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
