"""Preprints published since: how many injected journal versions `links --verify` finds, and
the lines `--fix --unsafe-fixes` writes.

Offline. Copies a list to a temporary folder, starts loopback Crossref, arXiv and bioRxiv
stubs that speak the services' real formats and know every preprint entry of the list (its
title and year, so nothing else disagrees), and gives every ``--every``-th preprint a journal
version: bioRxiv's ``published`` DOI, arXiv's ``doi`` and ``journal_ref``, a Crossref
``is-preprint-of`` relation, or (every fourth) only the article's ``has-preprint`` relation,
in a real journal one year later (every third keeps its year; none after 2026).
Then it runs the verification and the fix as ``scfm-lint links --verify --fix
--unsafe-fixes`` does (the same functions; the page check is left out, as it would need the
network) and prints: preprints, injected, found, false alarms, entries before and after,
the offline findings before and after, and every rewritten line with its old and new place.

    python benchmarks/published_since.py
    python benchmarks/published_since.py --list ../shared/corpus/paper-list-2025-09-21.md --every 3
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
import sys
import tempfile
import time
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LIST = ROOT.parent / "shared" / "corpus" / "paper-list-2026-07-14.md"
LATEST = 2026
"""No journal version is dated after this year."""
# (venue as Crossref writes it, DOI pattern): real journals whose DOI prefixes the catalog knows.
JOURNALS = (
    ("Nature Methods", "10.1038/s41592-{year}-{n:05d}-x"),
    ("Genome Biology", "10.1186/s13059-{year}-{n:05d}-x"),
    ("Bioinformatics", "10.1093/bioinformatics/btaf{n:03d}"),
    ("Cell Systems", "10.1016/j.cels.{year}.{n:02d}.001"),
)


class Stub:
    """What the fake services know: each preprint, and the journal version of some."""

    def __init__(self) -> None:
        self.preprints: dict[tuple[str, str], tuple[str, int]] = {}
        self.published: dict[tuple[str, str], str] = {}
        self.journal_side: dict[str, str] = {}
        """Preprint DOI -> journal DOI known only from the article's ``has-preprint``."""
        self.journals: dict[str, tuple[str, int, str]] = {}
        self.requests: Counter[str] = Counter()

    def app(self) -> Any:
        from aiohttp import web

        async def count(request: web.Request, handler: Any) -> web.StreamResponse:
            self.requests[request.path.split("/")[1]] += 1
            response: web.StreamResponse = await handler(request)
            return response

        app = web.Application(middlewares=[web.middleware(count)])
        app.router.add_get("/cr/works", self.works)
        app.router.add_get("/cr/works/{doi:.+}", self.agency)
        app.router.add_get("/arxiv/query", self.arxiv)
        app.router.add_get("/rxiv/details/{server}/{doi:.+}", self.details)
        return app

    def _work(self, doi: str) -> dict[str, Any] | None:
        if doi in self.journals:
            venue, year, title = self.journals[doi]
            return {
                "DOI": doi,
                "type": "journal-article",
                "title": [title],
                "container-title": [venue],
                "published-online": {"date-parts": [[year, 3, 1]]},
                "issued": {"date-parts": [[year, 3, 1]]},
            }
        for scheme in ("doi", "biorxiv", "medrxiv"):
            if (scheme, doi) in self.preprints:
                title, year = self.preprints[(scheme, doi)]
                work: dict[str, Any] = {
                    "DOI": doi,
                    "type": "posted-content",
                    "title": [title],
                    "posted": {"date-parts": [[year, 1, 5]]},
                    "issued": {"date-parts": [[year, 1, 5]]},
                }
                journal = self.published.get((scheme, doi))
                if journal:
                    work["relation"] = {
                        "is-preprint-of": [
                            {"id-type": "doi", "id": journal, "asserted-by": "subject"}
                        ]
                    }
                return work
        return None

    async def works(self, request: Any) -> Any:
        from aiohttp import web

        filters = request.query.get("filter", "")
        dois = [p.partition(":")[2].lower() for p in filters.split(",")]
        if filters.startswith("relation.type:has-preprint,"):
            items = []
            for preprint in dois[1:]:
                journal = self.journal_side.get(preprint)
                work = self._work(journal) if journal else None
                if work is not None:
                    link = {"id-type": "doi", "id": preprint, "asserted-by": "subject"}
                    items.append({**work, "relation": {"has-preprint": [link]}})
        else:
            items = [w for d in dois if (w := self._work(d)) is not None]
        body = {"status": "ok", "message-type": "work-list", "message": {"items": items}}
        headers = {"x-rate-limit-limit": "50", "x-rate-limit-interval": "1s"}
        return web.json_response(body, headers=headers)

    async def agency(self, request: Any) -> Any:
        from aiohttp import web

        return web.Response(status=404, text="Resource not found.")

    async def arxiv(self, request: Any) -> Any:
        from xml.sax.saxutils import escape

        from aiohttp import web

        entries = []
        for key in request.query.get("id_list", "").split(","):
            if ("arxiv", key) not in self.preprints:
                continue
            title, year = self.preprints[("arxiv", key)]
            extra = ""
            journal = self.published.get(("arxiv", key))
            if journal:
                venue, jyear, _ = self.journals[journal]
                extra = (
                    f"<arxiv:doi>{journal}</arxiv:doi>"
                    f"<arxiv:journal_ref>{escape(venue)} 12, 34-56 ({jyear})</arxiv:journal_ref>"
                )
            entries.append(
                f"<entry><id>http://arxiv.org/abs/{key}v2</id>"
                f"<published>{year}-01-05T00:00:00Z</published>"
                f"<updated>{year}-01-05T00:00:00Z</updated><title>{escape(title)}</title>"
                f"{extra}</entry>"
            )
        feed = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
            'xmlns:arxiv="http://arxiv.org/schemas/atom">' + "".join(entries) + "</feed>"
        )
        return web.Response(text=feed, content_type="application/atom+xml")

    async def details(self, request: Any) -> Any:
        from aiohttp import web

        server = request.match_info["server"]
        doi = request.match_info["doi"].removesuffix("/na/json")
        if (server, doi) not in self.preprints:
            return web.json_response({"messages": [{"status": "no posts found"}]})
        title, year = self.preprints[(server, doi)]
        version = {
            "doi": doi,
            "title": title,
            "date": f"{year}-01-05",
            "version": "1",
            "published": self.published.get((server, doi), "NA"),
            "server": server,
        }
        return web.json_response({"messages": [{"status": "ok"}], "collection": [version]})


def _inject(doc: Any, stub: Stub, every: int) -> set[tuple[str, str]]:
    """Record every preprint entry; give every ``every``-th preprint a journal version.
    Returns the identifiers given one (a paper listed in two sections counts once)."""
    from scfm_lint.verify.ids import identify
    from scfm_lint.verify.match import preprint_server

    injected: set[tuple[str, str]] = set()
    n = 0
    for entry in doc.entries:
        ident = identify(entry.links[0].url) if entry.links else None
        if ident is None or not preprint_server(entry.venue) or entry.year is None:
            continue
        if ident.scheme not in ("arxiv", "biorxiv", "medrxiv", "doi"):
            continue
        server = (preprint_server(entry.venue) or "").lower()
        if ident.scheme != "doi" and server != ident.scheme:
            continue  # a bioRxiv tag on an arXiv link is a venue mismatch first
        key = (ident.scheme, ident.value)
        if key in stub.preprints:
            continue
        stub.preprints[key] = (entry.title, entry.year)
        n += 1
        if n % every:
            continue
        venue, pattern = JOURNALS[(n // every) % len(JOURNALS)]
        year = entry.year if (n // every) % 3 == 0 else min(entry.year + 1, LATEST)
        doi = pattern.format(year=year, n=n)
        stub.journals[doi] = (venue, year, entry.title)
        if (n // every) % 4 == 3:  # only the journal's record names the preprint
            preprint = f"10.48550/arxiv.{ident.value}" if ident.scheme == "arxiv" else ident.value
            stub.journal_side[preprint] = doi
        else:
            stub.published[key] = doi
        injected.add(key)
    return injected


def _codes(path: Path) -> Counter[str]:
    from contextlib import redirect_stdout
    import io
    import json

    from scfm_lint.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        main(["check", str(path), "--format", "json", "--fail-on", "never"])
    return Counter(f["code"] for f in json.loads(out.getvalue())["findings"])


async def _verify(doc: Any, config: dict[str, Any], stub: Stub) -> list[Any]:
    """Verify the preprint entries (the others would only ask the stubs for unknown DOIs)."""
    import aiohttp

    from scfm_lint.verify.core import verify_documents
    from scfm_lint.verify.ids import identify

    def preprint(link: Any) -> bool:
        ident = identify(link.url)
        return ident is not None and (ident.scheme, ident.value) in stub.preprints

    async with aiohttp.ClientSession() as session:
        found = await verify_documents([doc], config, session, keep=preprint)
    return found[doc.path]


def run(list_path: Path, every: int) -> int:
    from aiohttp import web

    from scfm_lint.config.load import as_config, defaults, merge
    from scfm_lint.document.parse import parse_document
    from scfm_lint.fixing.apply import write_atomic
    from scfm_lint.links.fixes import attach_published, fix_text
    from scfm_lint.verify.findings import results_to_findings

    folder = Path(tempfile.mkdtemp(prefix="published-since-"))
    copy = folder / "README.md"
    text = list_path.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    doc = parse_document(text, str(copy))
    stub = Stub()
    injected = _inject(doc, stub, every)

    async def verify() -> list[Any]:
        runner = web.AppRunner(stub.app())
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        base = f"http://127.0.0.1:{port}"
        section = {
            "crossref": f"{base}/cr",
            "arxiv": f"{base}/arxiv",
            "biorxiv": f"{base}/rxiv",
            "delay": dict.fromkeys(("crossref", "arxiv", "biorxiv"), 0),
            "cache": {"enabled": False},
        }
        try:
            return await _verify(doc, merge(defaults(), {"verify": section}), stub)
        finally:
            await runner.cleanup()

    before = _codes(copy)
    started = time.monotonic()
    results = asyncio.run(verify())
    verified = time.monotonic() - started
    config = as_config(merge(defaults(), {}))
    findings = attach_published(doc, config, results_to_findings(results, doc.path), results)
    since = [f for f in findings if f.code == "SCF505"]
    new_text, _ = fix_text(doc, findings, unsafe=True)
    write_atomic(copy, new_text)
    after_doc = parse_document(new_text, str(copy))
    after = _codes(copy)
    by_link = {(lk.line, lk.column): e.index for e in doc.entries for lk in e.links[:1]}
    rewritten = {by_link[(f.line, f.column)] for f in since if (f.line, f.column) in by_link}
    found = {
        (r.ident.scheme, r.ident.value) for r in results if r.verdict == "published" and r.ident
    }
    print(f"list: {list_path} ({len(doc.entries)} entries)")
    print(
        f"preprint entries known to the stubs: {len(stub.preprints)}; "
        f"injected journal versions: {len(injected)}"
    )
    print(
        f"found (SCF505): {len(found & injected)} / {len(injected)}; "
        f"false alarms: {len(found - injected)}; entries rewritten: {len(rewritten)} "
        f"(a paper listed in two sections is rewritten in both)"
    )
    for scheme, value in sorted(injected - found):
        print(f"missed: {scheme}:{value}")
    print(f"verification: {verified:.2f} s, requests {dict(sorted(stub.requests.items()))}")
    print(f"entries before / after the fix: {len(doc.entries)} / {len(after_doc.entries)}")
    titles_kept = sorted(e.title for e in doc.entries) == sorted(e.title for e in after_doc.entries)
    print(f"every title kept: {titles_kept}")
    print(f"offline findings before / after: {sum(before.values())} / {sum(after.values())}")
    changed = {
        c: after[c] - before[c] for c in sorted(set(before) | set(after)) if after[c] != before[c]
    }
    print(f"offline findings that changed (code: after - before): {changed or 'none'}")
    placed = {(e.section, e.title): e for e in after_doc.entries}
    print("\nrewritten lines (section: old line -> new line):")
    for index in sorted(rewritten):
        entry = doc.entries[index]
        new = placed[(entry.section, entry.title)]
        moved = ""
        if new.line != entry.line:
            moved = " (re-placed: new year)" if new.year != entry.year else " (shifted)"
        section = doc.section_title(entry.section)
        print(
            f"  {section}: {entry.line} -> {new.line}{moved}\n"
            f"    - {doc.lines[entry.line - 1].strip()}\n"
            f"    + {after_doc.lines[new.line - 1].strip()}"
        )
    print(f"\nfixed copy: {copy}")
    return 0 if found == injected and len(after_doc.entries) == len(doc.entries) else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", type=Path, default=DEFAULT_LIST)
    parser.add_argument("--every", type=int, default=4, help="inject every N-th preprint")
    args = parser.parse_args(argv)
    if not args.list.is_file():
        print(f"{args.list}: no such file", file=sys.stderr)
        return 2
    return run(args.list, max(1, args.every))


if __name__ == "__main__":
    raise SystemExit(main())
