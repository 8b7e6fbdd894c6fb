"""A loopback server impersonating Crossref, arXiv, bioRxiv, OpenReview and E-utilities.

Every answer has the shape the real service gives (``samples/`` holds recorded real
responses; the fake serves those verbatim for their identifiers and writes its own records
in the same shapes, Crossref's rate-limit headers included). ``faults``
queues answers (status, headers) served before the real one, per path prefix, to play
rate limits and outages; ``hang`` makes a path answer too late; ``log`` records requests.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
import json
from pathlib import Path
import re
from typing import Any

from aiohttp import web

SCGPT = "scGPT: toward building a foundation model for single-cell multi-omics using generative AI"
GENEFORMER = "Transfer learning enables predictions in network biology"


SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> Any:
    """A recorded real response: parsed JSON, or the text of an XML or text file."""
    text = (SAMPLES / name).read_text(encoding="utf-8")
    return json.loads(text) if name.endswith(".json") else text


def _date(*parts: int) -> dict[str, Any]:
    return {"date-parts": [list(parts)]}


# What Crossref sends with every answer of its polite pool.
CROSSREF_HEADERS = {
    "x-rate-limit-limit": "50",
    "x-rate-limit-interval": "1s",
    "x-concurrency-limit": "3",
    "x-api-pool": "polite",
}


WORKS: dict[str, dict[str, Any]] = {
    "10.1038/s41592-024-02201-0": {
        "DOI": "10.1038/s41592-024-02201-0",
        "type": "journal-article",
        "title": [SCGPT],
        "container-title": ["Nature Methods"],
        "short-container-title": ["Nat Methods"],
        "published-online": _date(2024, 2, 26),
        "published-print": _date(2024, 8),
        "issued": _date(2024, 2, 26),
    },
    "10.1038/s41586-023-06139-9": {
        "DOI": "10.1038/s41586-023-06139-9",
        "type": "journal-article",
        "title": [GENEFORMER],
        "container-title": ["Nature"],
        "published-online": _date(2023, 5, 31),
        "issued": _date(2023, 5, 31),
    },
    "10.1038/s41592-025-00001-x": {
        "DOI": "10.1038/s41592-025-00001-x",
        "type": "journal-article",
        "title": ["A cell atlas foundation model"],
        "container-title": ["Nature Methods"],
        "published-online": _date(2025, 3, 1),
        "issued": _date(2025, 3, 1),
    },
    "10.1016/j.cell.2024.10.001": {
        "DOI": "10.1016/j.cell.2024.10.001",
        "type": "journal-article",
        "title": ["Cell <i>atlas</i> of everything"],
        "container-title": ["Cell"],
        "alternative-id": ["S0092867424013321"],
        "published-online": _date(2024, 11, 5),
        "issued": _date(2024, 11),
    },
    "10.1145/3701551.3708811": {
        "DOI": "10.1145/3701551.3708811",
        "type": "proceedings-article",
        "title": ["Graph learning for cells"],
        "container-title": ["Proceedings of the 18th ACM International Conference on WSDM"],
        "issued": _date(2025, 3, 10),
    },
    "10.1101/2023.07.13.548886": {
        "DOI": "10.1101/2023.07.13.548886",
        "type": "posted-content",
        "title": ["A preprint on Crossref"],
        "institution": [{"name": "bioRxiv"}],
        "posted": _date(2023, 7, 14),
        "issued": _date(2023, 7, 14),
        "relation": {"is-preprint-of": [{"id-type": "doi", "id": "10.1038/s41592-025-00001-x"}]},
    },
    "10.1093/bioinformatics/btaf001": {
        "DOI": "10.1093/bioinformatics/btaf001",
        "type": "journal-article",
        "title": ["A second arXiv paper"],
        "container-title": ["Bioinformatics"],
        "published-online": _date(2025, 1, 9),
        "issued": _date(2025, 1),
    },
    "10.1186/s13059-025-00009-x": {
        "DOI": "10.1186/s13059-025-00009-x",
        "type": "journal-article",
        "title": ["A preprint the journal names"],
        "container-title": ["Genome Biology"],
        "published-online": _date(2025, 4, 2),
        "issued": _date(2025, 4),
        "relation": {
            "has-preprint": [
                {"id-type": "doi", "id": "10.1101/2024.03.03.000003", "asserted-by": "subject"},
                {"id-type": "doi", "id": "10.48550/arXiv.2403.00003", "asserted-by": "subject"},
            ]
        },
    },
    "10.1016/j.cell.2023.01.099": {
        "DOI": "10.1016/j.cell.2023.01.099",
        "type": "journal-article",
        "title": ["A retracted cell atlas"],
        "container-title": ["Cell"],
        "issued": _date(2023, 2, 1),
        "updated-by": [
            {
                "DOI": "10.1016/j.cell.2024.05.001",
                "type": "retraction",
                "label": "Retraction",
                "source": "retraction-watch",
                "updated": {
                    "date-parts": [[2024, 5, 8]],
                    "date-time": "2024-05-08T00:00:00Z",
                    "timestamp": 1715126400000,
                },
            }
        ],
    },
}
for _name in ("crossref-1.json", "crossref-2.json"):
    _work = sample(_name)["message"]
    WORKS[_work["DOI"].lower()] = _work
for _work in sample("crossref-3.json")["message"]["items"]:
    WORKS[_work["DOI"].lower()] = _work
# The fields Crossref accepts in ``select`` on /works (its validation-failure message).
_SELECTABLE = """
abstract URL resource member posted score created degree update-policy short-title license
ISSN container-title issued update-to issue prefix approved indexed article-number
clinical-trial-number accepted author group-title DOI is-referenced-by-count updated-by event
chair standards-body original-title funder translator published archive published-print
alternative-id subject subtitle published-online publisher-location content-domain reference
title link type publisher volume references-count ISBN issn-type assertion deposited page
content-created short-container-title relation editor
"""
SELECTABLE = frozenset(_SELECTABLE.split())
AGENCIES = {"10.5281/zenodo.123": {"id": "datacite", "label": "DataCite"}}

ARXIV_SAMPLES = {
    "1404.1899": "arxiv-1.xml",  # 2014 layout: namespaces declared on each element
    "1706.03762": "arxiv-2.xml",  # current layout: namespaces on the root only
    "cond-mat/0102536": "arxiv-3.xml",
}
"""arXiv ids answered with the entry of a recorded feed, spliced into the current layout."""

ARXIV = {
    "2306.04371": ("Tabula: a cell foundation model", "2023-06-07T12:00:00Z", None),
    "2401.00001": ("Another arXiv paper", "2024-01-02T00:00:00Z", "10.1038/s41592-025-00001-x"),
    "q-bio/0601001": ("An old arXiv paper", "2006-01-03T00:00:00Z", None),
    "2403.00003": ("A preprint the journal names", "2024-03-04T00:00:00Z", None),
    "2402.00002": (
        "A second arXiv paper",
        "2024-02-03T00:00:00Z",
        "10.1093/bioinformatics/btaf001",
    ),
}

ARXIV_JOURNAL_REF = {
    "2401.00001": "Nature Methods 22, 100-110 (2025)",
    "2402.00002": "Bioinformatics, Volume 41, Issue 1, January 2025, btaf001",
}

BIORXIV_SAMPLES = {"10.1101/641381": "biorxiv-1.json", "10.1101/456574": "biorxiv-2.json"}
BIORXIV = {
    "10.1101/2023.01.01.000001": {
        "versions": [("2023-01-01", "A bioRxiv preprint"), ("2023-06-01", "A bioRxiv preprint")],
        "published": "NA",
    },
    "10.1101/2024.02.02.000002": {
        "versions": [("2024-02-02", "A cell atlas foundation model")],
        "published": "10.1038/s41592-025-00001-x",
    },
    "10.1101/2024.03.03.000003": {
        "versions": [("2024-03-03", "A preprint the journal names")],
        "published": "NA",
    },
    "10.64898/2026.03.30.715396": {
        "versions": [("2026-03-30", "A new-prefix preprint")],
        "published": "NA",
    },
}
MEDRXIV = {"10.64898/2026.06.19.26356060": ("2026-06-19", "A medRxiv preprint")}

OPENREVIEW_SAMPLES = {"ECTxVRFhUa": "openreview-1.json", "o2pnEi65bX": "openreview-2.json"}
OPENREVIEW_V1 = {
    "2mq6uezuGj": {"title": "A workshop paper", "venue": "NeurIPS 2023 Workshop AI4Science"},
}
OPENREVIEW = {
    "Vk2sfKAdeu": {
        "title": {"value": "Cells as sentences"},
        "venue": {"value": "NeurIPS 2025 poster"},
    },
    "BsA2GNkJhz": {
        "title": {"value": "A rejected paper"},
        "venue": {"value": "Submitted to ICLR 2025"},
        "venueid": {"value": "ICLR.cc/2025/Conference/Rejected_Submission"},
    },
    "Wd1Xn5Qm7A": {
        "title": {"value": "A withdrawn paper"},
        "venue": {"value": "ICLR 2024 Conference Withdrawn Submission"},
        "venueid": {"value": "ICLR.cc/2024/Conference/Withdrawn_Submission"},
    },
    "Dr3jQ8pL2z": {
        "title": {"value": "A desk rejected paper"},
        "venue": {"value": "ICLR 2025 Conference Desk Rejected Submission"},
        "venueid": {"value": "ICLR.cc/2025/Conference/Desk_Rejected_Submission"},
    },
    "Ar9Rr2Feb5": {
        "title": {"value": "A rolling review submission"},
        "venue": {"value": "ACL ARR 2025 February Submission"},
        "venueid": {"value": "aclweb.org/ACL/ARR/2025/February"},
    },
}

PUBMED_SAMPLES = {"27933103": "pubmed-1.json", "34813072": "pubmed-2.json"}
PUBMED = {
    "38483032": {
        "uid": "38483032",
        "title": SCGPT + ".",
        "pubdate": "2024 Aug",
        "epubdate": "2024 Feb 26",
        "source": "Nat Methods",
        "fulljournalname": "Nature methods",
        "articleids": [{"idtype": "doi", "value": "10.1038/s41592-024-02201-0"}],
    },
}
PMC = {
    "12356405": {
        "uid": "12356405",
        "title": "A review of single-cell foundation models",
        "pubdate": "2025 Jul 1",
        "source": "Comput Struct Biotechnol J",
        "fulljournalname": "Computational and Structural Biotechnology Journal",
    },
}


@dataclass
class Fake:
    """The server's state, shared with the test."""

    faults: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)
    hang: dict[str, float] = field(default_factory=dict)
    log: list[web.Request] = field(default_factory=list)
    bodies: dict[str, str] = field(default_factory=dict)
    """Path -> a raw body served instead of the real answer (malformed answers)."""
    before: Callable[[web.Request], Awaitable[None]] | None = None
    """Awaited before answering any request (a test holds answers until something else)."""

    def count(self, prefix: str) -> int:
        return sum(1 for r in self.log if r.path.startswith(prefix))


def _atom(entries: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:arxiv="http://arxiv.org/schemas/atom" '
        'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">\n'
        "<title>ArXiv Query</title><id>http://arxiv.org/api/x</id>\n"
        f"<opensearch:totalResults>{len(entries)}</opensearch:totalResults>\n"
        + "".join(entries)
        + "</feed>\n"
    )


def _sample_entry(key: str) -> str:
    entries = re.findall(r"<entry>.*?</entry>", sample(ARXIV_SAMPLES[key]), re.S)
    return next(e for e in entries if f"/abs/{key}v" in e) + "\n"


def _entry(key: str) -> str:
    if key in ARXIV_SAMPLES:
        return _sample_entry(key)
    title, published, doi = ARXIV[key]
    extra = f"<arxiv:doi>{doi}</arxiv:doi>" if doi else ""
    if key in ARXIV_JOURNAL_REF:
        extra += f"<arxiv:journal_ref>{ARXIV_JOURNAL_REF[key]}</arxiv:journal_ref>"
    return (
        f"<entry><id>http://arxiv.org/abs/{key}v2</id><updated>{published}</updated>"
        f"<published>{published}</published><title>{title[:10]}\n  {title[10:]}</title>"
        f"<summary>...</summary><author><name>A. Author</name></author>{extra}</entry>\n"
    )


def _has_preprint(filters: str) -> list[dict[str, Any]]:
    """``relation.type:has-preprint,relation.object:A,relation.object:B``: the works with a
    ``has-preprint`` relation to A or B (objects compared as DOIs, case-blind)."""
    wanted = {p.partition(":")[2].lower() for p in filters.split(",")[1:]}
    return [
        work
        for work in WORKS.values()
        if any(
            rel["id"].lower() in wanted for rel in work.get("relation", {}).get("has-preprint", [])
        )
    ]


def _crossref_list(filters: str, select: str | None) -> web.Response:
    items = []
    if filters.startswith("relation.type:has-preprint,"):
        items = _has_preprint(filters)
    for part in filters.split(","):
        name, _, value = part.partition(":")
        for work in WORKS.values():
            if (name == "doi" and work["DOI"].lower() == value.lower()) or (
                name == "alternative-id" and value in work.get("alternative-id", [])
            ):
                items.append(work)
    if select:
        fields = select.split(",")
        items = [{k: v for k, v in item.items() if k in fields} for item in items]
    message = {"total-results": len(items), "items": items, "items-per-page": 20}
    return web.json_response(
        {"status": "ok", "message-type": "work-list", "message": message},
        headers=CROSSREF_HEADERS,
    )


def _crossref_404() -> web.Response:
    return web.Response(status=404, text=sample("crossref-404.txt"), headers=CROSSREF_HEADERS)


def make_app(fake: Fake) -> web.Application:
    async def middleware_entry(request: web.Request) -> web.StreamResponse | None:
        fake.log.append(request)
        if fake.before is not None:
            await fake.before(request)
        for prefix, queue in fake.faults.items():
            if request.path.startswith(prefix) and queue:
                status, headers = queue.pop(0)
                return web.Response(status=status, headers=headers, text="slow down")
        for prefix, seconds in fake.hang.items():
            if request.path.startswith(prefix):
                await asyncio.sleep(seconds)
        if request.path in fake.bodies:
            return web.Response(text=fake.bodies[request.path], content_type="application/json")
        return None

    @web.middleware
    async def middleware(request: web.Request, handler: Any) -> web.StreamResponse:
        early = await middleware_entry(request)
        return early if early is not None else await handler(request)

    async def works(request: web.Request) -> web.Response:
        unknown = set(request.query.get("select", "").split(",")) - SELECTABLE - {""}
        if unknown:  # as the real service does
            return web.json_response(
                {
                    "status": "failed",
                    "message-type": "validation-failure",
                    "message": [{"type": "select-field", "value": sorted(unknown)}],
                },
                status=400,
            )
        return _crossref_list(request.query.get("filter", ""), request.query.get("select"))

    async def work(request: web.Request) -> web.Response:
        doi = request.match_info["doi"].lower()
        if doi.endswith("/agency"):
            doi = doi.removesuffix("/agency")
            agency = AGENCIES.get(doi) or (
                {"id": "crossref", "label": "Crossref"} if doi in WORKS else None
            )
            if agency is None:
                return _crossref_404()
            return web.json_response(
                {
                    "status": "ok",
                    "message-type": "work-agency",
                    "message": {"DOI": doi, "agency": agency},
                },
                headers=CROSSREF_HEADERS,
            )
        if doi not in WORKS:
            return _crossref_404()
        return web.json_response(
            {"status": "ok", "message-type": "work", "message": WORKS[doi]},
            headers=CROSSREF_HEADERS,
        )

    async def arxiv(request: web.Request) -> web.Response:
        ids = [i for i in request.query.get("id_list", "").split(",") if i]
        return web.Response(
            text=_atom([_entry(i) for i in ids if i in ARXIV or i in ARXIV_SAMPLES]),
            content_type="application/atom+xml",
        )

    async def details(request: web.Request) -> web.Response:
        server, doi = request.match_info["server"], request.match_info["doi"]
        doi = doi.removesuffix("/na/json")
        if server == "biorxiv" and doi in BIORXIV_SAMPLES:
            return web.json_response(sample(BIORXIV_SAMPLES[doi]))
        collection = []
        if server == "biorxiv" and doi in BIORXIV:
            record = BIORXIV[doi]
            collection = [
                {
                    "doi": doi,
                    "title": title,
                    "date": date,
                    "version": str(n + 1),
                    "type": "new results",
                    "category": "bioinformatics",
                    "published": record["published"],
                    "server": "biorxiv",
                }
                for n, (date, title) in enumerate(record["versions"])
            ]
        elif server == "medrxiv" and doi in MEDRXIV:
            date, title = MEDRXIV[doi]
            collection = [
                {
                    "doi": doi,
                    "title": title,
                    "date": date,
                    "version": "1",
                    "published": "NA",
                    "server": "medrxiv",
                }
            ]
        if not collection:  # the real answer: HTTP 200 and no ``collection`` key at all
            return web.json_response(sample("biorxiv-404.json"))
        return web.json_response({"messages": [{"status": "ok"}], "collection": collection})

    async def notes(request: web.Request) -> web.Response:
        ident = request.query.get("id", "")
        if ident in OPENREVIEW_SAMPLES:
            return web.json_response(sample(OPENREVIEW_SAMPLES[ident]))
        if ident not in OPENREVIEW:  # API 2 answers an unknown id with 404 NotFoundError
            return web.json_response({"name": "NotFoundError", "status": 404}, status=404)
        venueid = OPENREVIEW[ident].get("venueid", {}).get("value", "")
        note = {
            "id": ident,
            "forum": ident,
            "invitations": [venueid.rsplit("/", 1)[0] + "/-/Submission"],
            "content": OPENREVIEW[ident],
            "cdate": 1684000000000,
            "pdate": 1684000000000,
        }
        return web.json_response({"notes": [note], "count": 1})

    async def notes_v1(request: web.Request) -> web.Response:
        ident = request.query.get("id", "")
        if ident not in OPENREVIEW_V1:
            return web.json_response({"notes": [], "count": 0})
        note = {"id": ident, "forum": ident, "content": OPENREVIEW_V1[ident], "tcdate": 1684e9}
        return web.json_response({"notes": [note], "count": 1})

    async def esummary(request: web.Request) -> web.Response:
        pmc = request.query.get("db") == "pmc"
        table = PMC if pmc else PUBMED
        ids = request.query.get("id", "").split(",")
        # Every id asked is in ``uids``; an unknown one carries a per-uid ``error``.
        result: dict[str, Any] = {"uids": ids}
        for i in ids:
            if not pmc and i in PUBMED_SAMPLES:
                result[i] = sample(PUBMED_SAMPLES[i])["result"][i]
            else:
                result[i] = table.get(i) or {"uid": i, "error": "cannot get document summary"}
        return web.json_response(
            {"header": {"type": "esummary", "version": "0.3"}, "result": result}
        )

    app = web.Application(middlewares=[middleware])
    app.router.add_get("/cr/works", works)
    app.router.add_get("/cr/works/{doi:.+}", work)
    app.router.add_get("/arxiv/query", arxiv)
    app.router.add_get("/rxiv/details/{server}/{doi:.+}", details)
    app.router.add_get("/or/notes", notes)
    app.router.add_get("/or1/notes", notes_v1)
    app.router.add_get("/eutils/esummary.fcgi", esummary)
    return app


def config_for(base: str, **verify: Any) -> dict[str, Any]:
    """The default configuration with every service on the loopback server, fast retries."""
    from scfm_lint.config.load import defaults, merge

    section: dict[str, Any] = {
        "crossref": f"{base}/cr",
        "arxiv": f"{base}/arxiv",
        "biorxiv": f"{base}/rxiv",
        "openreview": f"{base}/or",
        "openreview-v1": f"{base}/or1",
        "pubmed": f"{base}/eutils",
        "retries": 2,
        "backoff": 0.01,
        "backoff-max": 0.05,
        "retry-after-max": 5,
        "timeout": 5,
        "delay": dict.fromkeys(("crossref", "arxiv", "biorxiv", "openreview", "pubmed"), 0),
        "cache": {"enabled": False},
    }
    section = merge(section, verify)
    return merge(defaults(), {"verify": section})
