"""``scfm-lint add`` round trip: take ten entries out of the real list and add them back.

On a temporary copy of the list, two entries per service (arXiv, DOI/Crossref, bioRxiv,
OpenReview, PubMed/PMC) are removed; then ``scfm-lint add URL --section HEADING`` puts each
back, one after another, against loopback services (``tests/add/services.py``) whose answers
are built from the removed entries' own title, year and venue, in each service's real
format. Printed: each produced line beside the original, where it landed (same place in its
section or not), the requests each add sent, and what ``check`` says before and after.

    python benchmarks/add_roundtrip.py
    python benchmarks/add_roundtrip.py --list ../shared/corpus/paper-list-2025-09-21.md
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from collections.abc import Callable
import contextlib
import io
from pathlib import Path
import re
import sys
import tempfile
import threading
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LIST = ROOT.parent / "shared" / "corpus" / "paper-list-2026-07-14.md"
sys.path.insert(0, str(ROOT))

from aiohttp import web  # noqa: E402
from tests.add.services import (  # noqa: E402
    Services,
    arxiv_entry,
    config_text,
    make_app,
    openreview_body,
    pubmed_doc,
    rxiv_body,
    work,
)

from scfm_lint.cli import main as cli  # noqa: E402
from scfm_lint.config.load import load_config  # noqa: E402
from scfm_lint.document.model import Document, Entry  # noqa: E402
from scfm_lint.document.parse import parse_document  # noqa: E402
from scfm_lint.engine.run import lint  # noqa: E402
from scfm_lint.verify.ids import identify  # noqa: E402

KINDS = {
    "arxiv": "arXiv",
    "doi": "DOI/Crossref",
    "biorxiv": "bioRxiv",
    "openreview": "OpenReview",
    "pubmed": "PubMed",
    "pmc": "PubMed",
}
_LINE = re.compile(r"\bline \d+")


def ncbi_case(name: str) -> str:
    """NCBI writes journal names in sentence case: ``Nature methods``."""
    words = name.split()
    return " ".join([words[0], *(w.lower() if w.isalpha() else w for w in words[1:])])


def record(state: Services, entry: Entry, scheme: str, value: str) -> None:
    """Serve a record that matches ``entry``'s own title, year and venue."""
    title, year, venue = entry.title, entry.year or 2024, entry.venue or ""
    if scheme == "arxiv":
        state.arxiv[value] = arxiv_entry(value, title, f"{year}-03-04")
    elif scheme == "doi":
        state.works[value] = work(value, title, venue, f"{year}-05-06")
    elif scheme == "biorxiv":
        state.rxiv[value] = rxiv_body(value, title, [f"{year}-02-03"])
    elif scheme == "openreview":
        meeting = venue.removesuffix(" Workshop")
        kind = "Workshop AI4Science" if venue.endswith("Workshop") else "poster"
        state.openreview[value] = openreview_body(value, title, f"{meeting} {year} {kind}", 0)
    else:
        state.pubmed[value] = pubmed_doc(
            value, title + ".", ncbi_case(venue), venue, f"{year} Jan 5"
        )


def pick(doc: Document) -> list[tuple[Entry, str, str]]:
    """Two entries per service kind, spread over the list, whose paper is listed once."""
    by_kind: dict[str, list[tuple[Entry, str, str]]] = {}
    titles = Counter(e.title.casefold() for e in doc.entries)
    seen = Counter(i for e in doc.entries for ln in e.links if (i := identify(ln.url)))
    for e in doc.entries:
        if not e.links or not e.year or titles[e.title.casefold()] > 1:
            continue
        ident = identify(e.links[0].url)
        if ident is None or ident.scheme not in KINDS or seen[ident] > 1 or len(e.links) > 1:
            continue
        by_kind.setdefault(KINDS[ident.scheme], []).append((e, ident.scheme, ident.value))
    out = []
    for kind in dict.fromkeys(KINDS.values()):
        found = by_kind.get(kind, [])
        if len(found) > 2:
            found = [found[len(found) // 3], found[2 * len(found) // 3]]
        out += found[:2]
    return out


def serve(state: Services) -> tuple[str, Callable[[], None]]:
    """Run the loopback services in a thread; returns the base URL and a stop function."""
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(make_app(state))
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", 0)
    loop.run_until_complete(site.start())
    port = runner.addresses[0][1]
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def stop() -> None:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        loop.run_until_complete(runner.cleanup())
        loop.close()

    return f"http://127.0.0.1:{port}", stop


def findings(path: Path) -> Counter[tuple[str, str]]:
    """``check``'s findings by code and message, line numbers left out (inserts move them)."""
    doc = parse_document(path.read_text(encoding="utf-8"), str(path))
    found = lint(doc, load_config(path))
    return Counter((f.code, _LINE.sub("line N", f.message)) for f in found)


def codes(found: Counter[tuple[str, str]]) -> str:
    tally = Counter[str]()
    for (code, _), n in found.items():
        tally[code] += n
    return ", ".join(f"{c} x{n}" for c, n in sorted(tally.items())) or "none"


def in_year_order(doc: Document, entry: Entry) -> bool:
    """Whether the entry's neighbours in its list leave it in newest-first year order."""
    same = [e for e in doc.entries if e.list_id == entry.list_id and e.year is not None]
    i = same.index(entry)
    newer = same[i - 1].year if i else None
    older = same[i + 1].year if i + 1 < len(same) else None
    year = entry.year or 0
    return (newer is None or newer >= year) and (older is None or older <= year)


def place(doc: Document, entry: Entry) -> tuple[str, int]:
    """The entry's section and index among that section's entries."""
    same = [e for e in doc.entries if e.section == entry.section]
    return doc.section_title(entry.section), same.index(entry)


def run_add(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli(["add", *argv])
    return code, out.getvalue().strip(), err.getvalue().strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", type=Path, default=DEFAULT_LIST)
    args = parser.parse_args(argv)
    text = args.list.read_text(encoding="utf-8")
    original = parse_document(text, "README.md")
    chosen = pick(original)
    state = Services()
    for entry, scheme, value in chosen:
        record(state, entry, scheme, value)
    base, stop = serve(state)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            (folder / ".scfm-lint.yaml").write_text(
                config_text(base) + "  cache: {enabled: false}\n", encoding="utf-8"
            )
            path = folder / "README.md"
            path.write_text(text, encoding="utf-8")
            at_start = findings(path)
            gone = {n for e, _, _ in chosen for n in range(e.line, e.end_line + 1)}
            lines = text.splitlines(keepends=True)
            path.write_text("".join(x for n, x in enumerate(lines, 1) if n not in gone), "utf-8")
            removed = findings(path)
            rows = []
            for entry, scheme, _ in sorted(chosen, key=lambda c: c[0].line):
                heading = original.headings[entry.section] if entry.section is not None else None
                section = heading.text if heading else ""
                if sum(h.text.casefold() == section.casefold() for h in original.headings) > 1:
                    section = f"#{heading.anchor}" if heading else section
                before = len(state.log)
                code, out, err = run_add([entry.links[0].url, "--section", section, str(path)])
                rows.append((entry, scheme, code, out, err, len(state.log) - before))
            final_text = path.read_text(encoding="utf-8")
            final = parse_document(final_text, "README.md")
            after = findings(path)
    finally:
        stop()
    report(args.list, original, final, rows, at_start, removed, after, final_text == text)
    return 0


def report(
    source: Path,
    original: Document,
    final: Document,
    rows: list[Any],
    at_start: Counter[tuple[str, str]],
    removed: Counter[tuple[str, str]],
    after: Counter[tuple[str, str]],
    identical: bool,
) -> None:
    print(f"add round trip on {source.name}: {len(rows)} entries removed and added back\n")
    by_line = {e.line: e for e in final.entries}
    same_place = same_line = ordered = 0
    for entry, scheme, code, out, err, sent in rows:
        print(f"[{KINDS[scheme]}] {entry.links[0].url}")
        print(f"  original (line {entry.line}): {original.lines[entry.line - 1]}")
        if code != 0:
            print(f"  add exit {code}: {err}\n")
            continue
        line = int(err.split(":")[1])
        print(f"  produced (line {line}): {out}")
        orig_body = original.lines[entry.line - 1].strip()
        verdict = "identical" if out.strip() == orig_body else "differs"
        where = place(final, by_line[line]) if line in by_line else ("?", -1)
        ok = where == place(original, entry)
        same_place += ok
        same_line += line == entry.line
        fits = line in by_line and in_year_order(final, by_line[line])
        ordered += fits
        print(
            f"  text: {verdict}; placed in {where[0]!r} at index {where[1]}"
            f" ({'same position' if ok else f'original index {place(original, entry)[1]}'});"
            f" in year order there: {'yes' if fits else 'no'}; requests: {sent}\n"
        )
    same_text = sum(r[3].strip() == original.lines[r[0].line - 1].strip() for r in rows)
    print(f"same text: {same_text}/{len(rows)}")
    print(
        f"same position in section: {same_place}/{len(rows)} (same line: {same_line}/{len(rows)})"
    )
    print(f"in year order where placed: {ordered}/{len(rows)}")
    print(f"requests per add: {[r[5] for r in rows]}")
    print(f"final file byte-identical to the original: {identical}")
    print(f"check on the original:        {sum(at_start.values())} findings ({codes(at_start)})")
    print(f"check with the ten removed:   {sum(removed.values())} findings ({codes(removed)})")
    print(f"check after the ten adds:     {sum(after.values())} findings ({codes(after)})")
    new = after - at_start
    gone = at_start - after
    print(f"new findings after vs original: {sum(new.values())}; gone: {sum(gone.values())}")
    for (code, message), n in sorted(new.items()):
        print(f"  + {code} {message} (x{n})")
    for (code, message), n in sorted(gone.items()):
        print(f"  - {code} {message} (x{n})")


if __name__ == "__main__":
    raise SystemExit(main())
