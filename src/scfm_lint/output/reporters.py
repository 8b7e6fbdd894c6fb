"""Reporters: the only code that writes findings out, chosen by name, for every command.

A reporter takes one :class:`Report`: the findings, the number of files and, from commands
that have more to say (``links``), their :class:`Statistics`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
import json
from typing import Any, Protocol, TextIO

from scfm_lint.engine.finding import Finding, Severity
from scfm_lint.output.summary import finding_to_dict, summary_counts, summary_line

JSON_VERSION = 1
__all__ = ["REPORTERS", "Report", "Statistics", "finding_to_dict", "get_reporter", "summary_line"]


class Statistics(Protocol):
    """What a command adds to its findings (the link checker: verdict counts, rows, cost)."""

    @property
    def title(self) -> str:
        """Heading of the GitHub job summary (``scfm-lint links``)."""
        ...

    def lines(self) -> list[str]:
        """Sentences for the text report and the job summary."""
        ...

    def json_fields(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """Extra top-level keys of the JSON report, and extra keys of its ``summary``."""
        ...

    def markdown(self, findings: Sequence[Finding], out: TextIO) -> None:
        """The Markdown report (the link audit)."""
        ...


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one run has to say."""

    findings: Sequence[Finding]
    files: int
    stats: Statistics | None = None
    quiet: bool = False
    """Findings only: no summary lines (text)."""
    statistics: bool = False
    """Counts per rule in place of the findings (text)."""
    color: bool = False
    """ANSI colours (text, on a terminal)."""


def rule_statistics(findings: Sequence[Finding]) -> list[tuple[int, str, str, bool]]:
    """``(count, code, name, fixable)`` per rule, most frequent first (``--statistics``)."""
    counts = Counter((f.code, f.name) for f in findings)
    fixable = {f.code for f in findings if f.fix is not None and f.fix.safe}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return [(n, code, name, code in fixable) for (code, name), n in ranked]


_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def report_text(report: Report, out: TextIO) -> None:
    on = report.color
    if report.statistics:
        for n, code, name, fixable in rule_statistics(report.findings):
            mark = "[*]" if fixable else "   "
            out.write(f"{n:>5}  {_paint(code, '1', on)}  {mark} {name}\n")
    else:
        for f in report.findings:
            where = _paint(f"{f.path}:{f.line}:{f.column}:", "1", on)
            out.write(f"{where} {_paint(f.code, _COLORS[f.severity], on)} {f.message}\n")
    if report.quiet:
        return
    out.write(summary_line(report.findings, report.files) + "\n")
    for line in report.stats.lines() if report.stats is not None else ():
        out.write(line + "\n")


def report_json(report: Report, out: TextIO) -> None:
    findings = report.findings
    top: dict[str, Any] = {}
    summary: dict[str, Any] = {"files": report.files, "total": len(findings)}
    summary.update(summary_counts(findings))
    if report.stats is not None:
        more, more_summary = report.stats.json_fields()
        top.update(more)
        summary.update(more_summary)
    payload = {
        "version": JSON_VERSION,
        "findings": [finding_to_dict(f) for f in findings],
        **top,
        "summary": summary,
    }
    json.dump(payload, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def report_markdown(report: Report, out: TextIO) -> None:
    """A Markdown table of the findings, or the command's own report (the link audit)."""
    if report.stats is not None:
        report.stats.markdown(report.findings, out)
        return
    out.write(f"# scfm-lint\n\n{summary_line(report.findings, report.files)}\n")
    if report.findings:
        out.write("\n| where | rule | severity | problem |\n| --- | --- | --- | --- |\n")
    for f in report.findings:
        out.write(
            f"| {_cell(f.path)}:{f.line} | {f.code} {f.name} | {f.severity.label}"
            f" | {_cell(f.message)} |\n"
        )


def report_sarif(report: Report, out: TextIO) -> None:
    from scfm_lint.output.sarif import report_sarif as sarif

    sarif(report.findings, report.files, out)


def report_github(report: Report, out: TextIO) -> None:
    from scfm_lint.output.github import report_github as github

    stats = report.stats
    title = stats.title if stats is not None else "scfm-lint"
    note = " ".join(stats.lines()) if stats is not None else ""
    github(report.findings, report.files, out, title=title, note=note)


Reporter = Callable[[Report, TextIO], None]
REPORTERS: dict[str, Reporter] = {
    "text": report_text,
    "json": report_json,
    "sarif": report_sarif,
    "github": report_github,
    "markdown": report_markdown,
}
"""Every format, for every command; sarif and github import their modules when used."""


def get_reporter(name: str) -> Reporter:
    """The reporter registered under ``name``."""
    return REPORTERS[name]
