"""The link checker's reporters (text, json, markdown), chosen by name.

With paper verification each also tells what the metadata services said: the text summary
counts verify verdicts, the JSON report adds them to each link and to the summary, and the
markdown report shows the page verdict and the paper verdict side by side.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
import json
from typing import TextIO

from scfm_lint.engine.finding import Finding
from scfm_lint.links.findings import Row
from scfm_lint.links.result import VERDICTS
from scfm_lint.verify.record import VERDICTS as PAPER_VERDICTS
from scfm_lint.verify.record import Stats

_PROBLEMS = ("dead", "invalid", "blocked", "redirected", "unchecked")
_PAPER_PROBLEMS = ("not-found", "title-mismatch", "year-mismatch", "venue-mismatch", "published")


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one run has to say."""

    findings: Sequence[Finding]
    rows: Sequence[Row]
    files: int
    requests: int
    """Requests sent over the network in this run."""
    seconds: float
    excluded: int = 0
    """Links skipped because an ``exclude`` pattern matched."""
    verify: Stats | None = None
    """What paper verification cost, when it ran (``--verify``)."""

    def counts(self) -> dict[str, int]:
        """Distinct links written per (settled) verdict, every verdict present (zeros too)."""
        seen = Counter(row.result.verdict for row in self.rows)
        return {v: seen.get(v, 0) for v in VERDICTS}

    def paper_counts(self) -> dict[str, int]:
        """Links written per verify verdict, among those that name an identifier."""
        seen = Counter(row.verify.verdict for row in self.verified() if row.verify)
        return {v: seen.get(v, 0) for v in PAPER_VERDICTS}

    def verified(self) -> list[Row]:
        """The rows whose link names an identifier that verification looked up."""
        return [row for row in self.rows if row.verify is not None and row.verify.ident]

    def settled(self) -> int:
        """Links whose page verdict the paper's metadata turned into a real answer."""
        return sum(1 for row in self.rows if row.page_verdict is not None)

    def summary(self) -> str:
        counts = ", ".join(f"{n} {v}" for v, n in self.counts().items() if n)
        cached = sum(1 for row in self.rows if row.result.cached)
        noun = "file" if self.files == 1 else "files"
        tail = f"; {self.excluded} excluded" if self.excluded else ""
        return (
            f"Checked {len(self.rows)} links in {self.files} {noun}: {counts or 'none'}"
            f" ({self.requests} requests, {cached} from cache, {self.seconds:.1f} s{tail})."
        )

    def paper_summary(self) -> str:
        """One sentence on verification: verdicts, links settled, what it cost."""
        if self.verify is None:
            return ""
        verified = self.verified()
        counts = ", ".join(f"{n} {v}" for v, n in self.paper_counts().items() if n)
        requests = sum(self.verify.requests.values())
        by_service = ", ".join(f"{k} {n}" for k, n in sorted(self.verify.requests.items()) if n)
        return (
            f"Verified {len(verified)} paper links by identifier: {counts or 'none'}"
            f" ({self.settled()} page verdicts settled; {self.verify.identifiers} identifiers,"
            f" {requests} requests{f' ({by_service})' if by_service else ''},"
            f" {self.verify.cached} from cache)."
        )


def report_text(report: Report, out: TextIO) -> None:
    for f in report.findings:
        out.write(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}\n")
    out.write(report.summary() + "\n")
    if report.verify is not None:
        out.write(report.paper_summary() + "\n")


def report_json(report: Report, out: TextIO) -> None:
    from scfm_lint.output.reporters import finding_to_dict

    summary: dict[str, object] = {
        "verdicts": report.counts(),
        "links": len(report.rows),
        "requests": report.requests,
        "cached": sum(1 for row in report.rows if row.result.cached),
        "excluded": report.excluded,
        "seconds": round(report.seconds, 3),
    }
    if report.verify is not None:
        summary["verify"] = {
            "verdicts": report.paper_counts(),
            "links": len(report.verified()),
            "settled": report.settled(),
            "identifiers": report.verify.identifiers,
            "requests": dict(sorted(report.verify.requests.items())),
            "cached": report.verify.cached,
        }
    payload = {
        "version": 1,
        "findings": [finding_to_dict(f) for f in report.findings],
        "links": [row.to_dict() for row in report.rows],
        "summary": summary,
    }
    json.dump(payload, out, indent=2)
    out.write("\n")


def _cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _paper_problem(row: Row) -> bool:
    return row.verify is not None and row.verify.verdict in _PAPER_PROBLEMS


def _paper_cell(row: Row) -> str:
    v = row.verify
    if v is None:
        return ""
    return f"{v.verdict} ({v.ident})" if v.ident else v.verdict


def _why(row: Row) -> str:
    """The page's reason when the page is a problem, and the paper's when it is one."""
    parts = []
    if row.page in _PROBLEMS and row.result.message:
        parts.append(row.result.message)
    if row.verify is not None and (_paper_problem(row) or row.page_verdict is not None):
        parts.append(row.verify.message)
    return "; ".join(parts)


def _suggested(row: Row) -> str:
    found = [row.result.suggestion, row.verify.suggestion if row.verify else None]
    return "; ".join(dict.fromkeys(s for s in found if s))


def report_markdown(report: Report, out: TextIO) -> None:
    """What a maintainer acts on: problems grouped by file and section, then counts.

    With verification, a link is a problem when its settled verdict is one or its paper
    disagrees with the entry; its row shows the page verdict and the paper verdict."""
    papers = report.verify is not None
    problems = [
        row
        for row in report.rows
        if row.result.verdict in _PROBLEMS or (papers and _paper_problem(row))
    ]
    out.write("# Link check\n\n")
    out.write("| verdict | links |\n| --- | ---: |\n")
    for verdict, n in report.counts().items():
        out.write(f"| {verdict} | {n} |\n")
    if papers:
        out.write("\n| paper verdict | links |\n| --- | ---: |\n")
        for verdict, n in report.paper_counts().items():
            out.write(f"| {verdict} | {n} |\n")
    out.write(f"\n{report.summary()}\n")
    if papers:
        out.write(f"\n{report.paper_summary()}\n")
    if not problems:
        out.write("\nNo problems found.\n")
        return
    order = {v: i for i, v in enumerate(_PROBLEMS)}
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in sorted(problems, key=lambda r: (r.path, r.link.line, r.link.column)):
        groups.setdefault((row.path, row.section), []).append(row)
    for (path, section), members in groups.items():
        out.write(f"\n## {_cell(section)} ({_cell(path)})\n\n")
        if papers:
            out.write(
                "| line | entry | verdict | page | paper | status | why | link | final URL"
                " | suggested |\n"
                "| ---: | --- | --- | --- | --- | ---: | --- | --- | --- | --- |\n"
            )
        else:
            out.write(
                "| line | entry | verdict | status | why | link | final URL | suggested URL |\n"
            )
            out.write("| ---: | --- | --- | ---: | --- | --- | --- | --- |\n")
        for row in sorted(members, key=lambda r: (order.get(r.result.verdict, 9), r.link.line)):
            r = row.result
            head = f"| {row.link.line} | {_cell(row.entry_title or row.link.label)} | {r.verdict}"
            if papers:
                out.write(
                    f"{head} | {row.page} | {_cell(_paper_cell(row))} | {_cell(r.status)}"
                    f" | {_cell(_why(row))} | {_cell(row.link.url)} | {_cell(r.final_url)}"
                    f" | {_cell(_suggested(row))} |\n"
                )
            else:
                out.write(
                    f"{head} | {_cell(r.status)} | {_cell(r.message)} | {_cell(row.link.url)}"
                    f" | {_cell(r.final_url)} | {_cell(r.suggestion)} |\n"
                )


REPORTERS: dict[str, Callable[[Report, TextIO], None]] = {
    "text": report_text,
    "json": report_json,
    "markdown": report_markdown,
}
