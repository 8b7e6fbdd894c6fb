"""A loopback server speaking Crossref, arXiv, bioRxiv, OpenReview and E-utilities formats.

Recorded real answers (``data/``, from ../shared/api-samples) are served as they are; the
builders below make more records in the same shapes (a copy of a recorded record with
its fields replaced). ``faults`` queues (status, headers) answers per path prefix, served
before the real one; ``log`` records every request path and query.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
import json
from pathlib import Path
import re
from typing import Any
from xml.sax.saxutils import escape

from aiohttp import web

DATA = Path(__file__).parent / "data"
ATOM_HEAD = (
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
    'xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">\n'
    "  <id>https://arxiv.org/api/loopback</id>\n"
    "  <title>arXiv Query: id_list={ids}</title>\n"
    "  <updated>2026-09-21T21:09:11Z</updated>\n"
    "  <opensearch:totalResults>{n}</opensearch:totalResults>\n"
)
_ENTRY = re.compile(r"  <entry>.*?</entry>\n", re.DOTALL)
_ARXIV_ID = re.compile(r"<id>https?://arxiv\.org/abs/(.+?)(?:v\d+)?</id>")


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def recorded_arxiv() -> dict[str, str]:
    """The entries of the recorded search feed (current layout), by id."""
    text = (DATA / "arxiv-2.xml").read_text(encoding="utf-8")
    out = {}
    for entry in _ENTRY.findall(text):
        found = _ARXIV_ID.search(entry)
        assert found
        out[found.group(1)] = entry
    return out


def arxiv_entry(
    key: str, title: str, published: str, *, doi: str | None = None, journal_ref: str = ""
) -> str:
    """An entry shaped like the recorded ones (``published``: ``2025-03-04``)."""
    extra = f"    <arxiv:doi>{doi}</arxiv:doi>\n" if doi else ""
    if journal_ref:
        extra += f"    <arxiv:journal_ref>{escape(journal_ref)}</arxiv:journal_ref>\n"
    return (
        "  <entry>\n"
        f"    <id>http://arxiv.org/abs/{key}v1</id>\n"
        f"    <title>{escape(title)}</title>\n"
        f"    <updated>{published}T10:00:00Z</updated>\n"
        f'    <link href="https://arxiv.org/abs/{key}v1" rel="alternate" type="text/html"/>\n'
        f"    <summary>Abstract.</summary>\n"
        f"    <published>{published}T10:00:00Z</published>\n{extra}"
        '    <arxiv:primary_category term="q-bio.GN"/>\n'
        "    <author>\n      <name>A. Author</name>\n    </author>\n"
        "  </entry>\n"
    )


def _date(text: str) -> dict[str, Any]:
    return {"date-parts": [[int(p) for p in text.split("-")]]}


def work(
    doi: str,
    title: str,
    container: str,
    date: str,
    *,
    short: str | None = None,
    kind: str = "journal-article",
    **extra: Any,
) -> dict[str, Any]:
    """A Crossref work: the recorded journal article with its fields replaced."""
    out = copy.deepcopy(load("crossref-3.json")["message"]["items"][0])
    out.update(
        DOI=doi.lower(),
        URL=f"https://doi.org/{doi}",
        type=kind,
        title=[title],
        **{"container-title": [container] if container else []},
        **{"published-online": _date(date), "published-print": _date(date)},
        issued=_date(date),
        published=_date(date),
        relation={},
    )
    if short:
        out["short-container-title"] = [short]
    out.update(extra)
    return out


def rxiv_body(doi: str, title: str, dates: list[str], published: str = "NA") -> dict[str, Any]:
    """A bioRxiv ``/details`` answer: the recorded one with its versions replaced."""
    body = load("biorxiv-1.json")
    first = body["collection"][0]
    server = "medrxiv" if len(doi.rsplit(".", 1)[-1]) == 8 else "biorxiv"
    body["collection"] = [
        {**first, "doi": doi, "title": title, "date": d, "version": str(n), "published": published}
        | {"server": server}
        for n, d in enumerate(dates, 1)
    ]
    return body


def openreview_body(key: str, title: str, venue: str, pdate: int) -> dict[str, Any]:
    """An API 2 ``/notes`` answer: the recorded one with its note replaced."""
    body = load("openreview-1.json")
    note = body["notes"][0]
    note.update(id=key, pdate=pdate)
    note["content"]["title"]["value"] = title
    note["content"]["venue"]["value"] = venue
    return body


def pubmed_doc(
    uid: str, title: str, journal: str, source: str, pubdate: str, doi: str = ""
) -> dict[str, Any]:
    """One esummary document: the recorded one with its fields replaced."""
    doc = copy.deepcopy(load("pubmed-1.json")["result"]["27933103"])
    ids = [{"idtype": "pubmed", "idtypen": 1, "value": uid}]
    if doi:
        ids.append({"idtype": "doi", "idtypen": 3, "value": doi})
    doc.update(
        uid=uid,
        title=title,
        fulljournalname=journal,
        source=source,
        pubdate=pubdate,
        epubdate="",
        sortpubdate=pubdate.replace("-", "/"),
        articleids=ids,
    )
    return doc


@dataclass
class Services:
    """What the server answers; tests and the benchmark add records."""

    works: dict[str, dict[str, Any]] = field(default_factory=dict)
    arxiv: dict[str, str] = field(default_factory=dict)
    rxiv: dict[str, dict[str, Any]] = field(default_factory=dict)
    openreview: dict[str, dict[str, Any]] = field(default_factory=dict)
    pubmed: dict[str, dict[str, Any]] = field(default_factory=dict)
    faults: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)

    @classmethod
    def recorded(cls) -> Services:
        """Every recorded answer of data/."""
        works = {w["DOI"].lower(): w for w in load("crossref-3.json")["message"]["items"]}
        pubmed = load("pubmed-1.json")["result"]
        return cls(
            works=works,
            arxiv=recorded_arxiv(),
            rxiv={
                "10.1101/641381": load("biorxiv-1.json"),
                "10.1101/456574": load("biorxiv-2.json"),
            },
            openreview={
                "ECTxVRFhUa": load("openreview-1.json"),
                "o2pnEi65bX": load("openreview-2.json"),
            },
            pubmed={"27933103": pubmed["27933103"]},
        )

    def count(self, prefix: str = "/") -> int:
        return sum(1 for line in self.log if line.startswith(prefix))


def _json(body: Any, status: int = 200) -> web.Response:
    return web.Response(status=status, text=json.dumps(body), content_type="application/json")


def make_app(state: Services) -> web.Application:
    async def faults(request: web.Request, handler: Any) -> web.StreamResponse:
        state.log.append(request.path_qs)
        for prefix, queue in state.faults.items():
            if request.path.startswith(prefix) and queue:
                status, headers = queue.pop(0)
                return web.Response(status=status, headers=headers, text="fault")
        response: web.StreamResponse = await handler(request)
        return response

    async def crossref_list(request: web.Request) -> web.Response:
        wanted = [p.partition(":")[2].lower() for p in request.query["filter"].split(",")]
        items = [state.works[d] for d in wanted if d in state.works]
        select = request.query.get("select")
        if select:
            keep = set(select.split(","))
            items = [{k: v for k, v in i.items() if k in keep} for i in items]
        message = {"facets": {}, "total-results": len(items), "items": items}
        return _json({"status": "ok", "message-type": "work-list", "message": message})

    async def crossref_one(request: web.Request) -> web.Response:
        doi, agency = request.match_info["doi"].lower(), request.match_info["agency"]
        if doi not in state.works:
            return web.Response(status=404, text=(DATA / "crossref-404.txt").read_text())
        if agency:
            body = load("crossref-agency.json")
            body["message"]["DOI"] = doi
            return _json(body)
        return _json({"status": "ok", "message-type": "work", "message": state.works[doi]})

    async def arxiv(request: web.Request) -> web.Response:
        ids = request.query.get("id_list", "").split(",")
        entries = [state.arxiv[i] for i in ids if i in state.arxiv]
        text = ATOM_HEAD.format(ids=",".join(ids), n=len(entries)) + "".join(entries) + "</feed>\n"
        return web.Response(text=text, content_type="application/atom+xml")

    async def rxiv(request: web.Request) -> web.Response:
        doi = request.match_info["doi"].lower()
        return _json(state.rxiv.get(doi) or load("biorxiv-404.json"))

    async def notes(request: web.Request) -> web.Response:
        return _json(state.openreview.get(request.query["id"]) or {"notes": [], "count": 0})

    async def esummary(request: web.Request) -> web.Response:
        uids = request.query["id"].split(",")
        result: dict[str, Any] = {"uids": uids}
        for uid in uids:
            result[uid] = state.pubmed.get(uid) or {
                "uid": uid,
                "error": "cannot get document summary",
            }
        return _json({"header": {"type": "esummary", "version": "0.3"}, "result": result})

    app = web.Application(middlewares=[web.middleware(faults)])
    app.router.add_get("/cr/works", crossref_list)
    app.router.add_get(r"/cr/works/{doi:10\..+?}{agency:(/agency)?}", crossref_one)
    app.router.add_get("/arxiv/query", arxiv)
    app.router.add_get(r"/rxiv/details/{server}/{doi:10\..+}/na/json", rxiv)
    app.router.add_get("/or/notes", notes)
    app.router.add_get("/or1/notes", notes)
    app.router.add_get("/eutils/esummary.fcgi", esummary)
    return app


def config_text(base: str) -> str:
    """``.scfm-lint.yaml`` pointing every service at ``base``, with quick retries."""
    return f"""\
verify:
  crossref: {base}/cr
  arxiv: {base}/arxiv
  biorxiv: {base}/rxiv
  openreview: {base}/or
  openreview-v1: {base}/or1
  pubmed: {base}/eutils
  retries: 1
  backoff: 0.01
  backoff-max: 0.05
  retry-after-max: 5
  timeout: 5
  delay: {{crossref: 0, arxiv: 0, biorxiv: 0, openreview: 0, pubmed: 0}}
"""
