"""The link checker's reporters (text, json, markdown), chosen by name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
import json
from typing import TextIO

from scfm_lint.finding import Finding
from scfm_lint.links.findings import Row
from scfm_lint.links.result import VERDICTS

_PROBLEMS = ("dead", "invalid", "blocked", "redirected", "unchecked")


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

    def counts(self) -> dict[str, int]:
        """Distinct links written per verdict, every verdict present (zeros included)."""
        seen = Counter(row.result.verdict for row in self.rows)
        return {v: seen.get(v, 0) for v in VERDICTS}

    def summary(self) -> str:
        counts = ", ".join(f"{n} {v}" for v, n in self.counts().items() if n)
        cached = sum(1 for row in self.rows if row.result.cached)
        noun = "file" if self.files == 1 else "files"
        tail = f"; {self.excluded} excluded" if self.excluded else ""
        return (
            f"Checked {len(self.rows)} links in {self.files} {noun}: {counts or 'none'}"
            f" ({self.requests} requests, {cached} from cache, {self.seconds:.1f} s{tail})."
        )


def report_text(report: Report, out: TextIO) -> None:
    for f in report.findings:
        out.write(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}\n")
    out.write(report.summary() + "\n")


def report_json(report: Report, out: TextIO) -> None:
    from scfm_lint.report import finding_to_dict

    payload = {
        "version": 1,
        "findings": [finding_to_dict(f) for f in report.findings],
        "links": [row.to_dict() for row in report.rows],
        "summary": {
            "verdicts": report.counts(),
            "links": len(report.rows),
            "requests": report.requests,
            "cached": sum(1 for row in report.rows if row.result.cached),
            "excluded": report.excluded,
            "seconds": round(report.seconds, 3),
        },
    }
    json.dump(payload, out, indent=2)
    out.write("\n")


def _cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def report_markdown(report: Report, out: TextIO) -> None:
    """What a maintainer acts on: problems grouped by file and section, then counts."""
    problems = [row for row in report.rows if row.result.verdict in _PROBLEMS]
    out.write("# Link check\n\n")
    out.write("| verdict | links |\n| --- | ---: |\n")
    for verdict, n in report.counts().items():
        out.write(f"| {verdict} | {n} |\n")
    out.write(f"\n{report.summary()}\n")
    if not problems:
        out.write("\nNo problems found.\n")
        return
    order = {v: i for i, v in enumerate(_PROBLEMS)}
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in sorted(problems, key=lambda r: (r.path, r.link.line, r.link.column)):
        groups.setdefault((row.path, row.section), []).append(row)
    for (path, section), members in groups.items():
        out.write(f"\n## {_cell(section)} ({_cell(path)})\n\n")
        out.write("| line | entry | verdict | status | why | link | final URL | suggested URL |\n")
        out.write("| ---: | --- | --- | ---: | --- | --- | --- | --- |\n")
        for row in sorted(members, key=lambda r: (order[r.result.verdict], r.link.line)):
            r = row.result
            out.write(
                f"| {row.link.line} | {_cell(row.entry_title or row.link.label)} | {r.verdict}"
                f" | {_cell(r.status)} | {_cell(r.message)} | {_cell(row.link.url)}"
                f" | {_cell(r.final_url)}"
                f" | {_cell(r.suggestion)} |\n"
            )


REPORTERS: dict[str, Callable[[Report, TextIO], None]] = {
    "text": report_text,
    "json": report_json,
    "markdown": report_markdown,
}
