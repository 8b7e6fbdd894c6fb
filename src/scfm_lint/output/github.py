"""The ``github`` reporter: annotations (workflow commands), a job summary and step outputs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
import os
from pathlib import Path
import re
from typing import TextIO

from scfm_lint.engine.finding import Finding, Severity
from scfm_lint.output.sarif import workspace_path
from scfm_lint.output.summary import summary_counts, summary_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
MAX_ROWS = 500
"""Rows of the summary's table; GitHub caps a step's summary at 1 MiB."""


def escape_data(text: str) -> str:
    """Escape a workflow command's message (``%``, CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: also ``:`` and ``,``, which end the value early."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def says(message: str, suggestion: str) -> bool:
    """Whether the message already names the suggestion as a word of its own (``use X``,
    ``write 'X'``): 'Cell' is not said by "venue 'Cell Reports'"."""
    before = r"(?:^|(?<=[\s'\"`(]))"
    after = r"(?=$|['\"`?;,)!]|\.(?:\s|$))"
    return re.search(before + re.escape(suggestion) + after, message) is not None


def annotation(f: Finding, root: str | None = None) -> str:
    """The ``::error file=...,line=...,col=...,title=...::message`` command for one finding."""
    props = {"file": workspace_path(f.path, root), "line": str(f.line), "col": str(f.column)}
    if f.end_line is not None and f.end_line > f.line:
        props["endLine"] = str(f.end_line)
    props["title"] = f"{f.code} {f.name}"
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    message = f.message
    if f.suggestion and not says(message, f.suggestion):
        message += f" (suggested: {f.suggestion})"
    return f"::{COMMANDS[f.severity]} {joined}::{escape_data(message)}"


def _cell(text: str) -> str:
    # A table cell is one line; pipes would split it and raw HTML would render.
    text = " ".join(text.split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def _where(f: Finding, env: Mapping[str, str]) -> str:
    path = workspace_path(f.path, env.get("GITHUB_WORKSPACE"))
    keys = ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    if all(env.get(k) for k in keys):
        server, repo, sha = (env[k] for k in keys)
        return f"[{_cell(path)}:{f.line}]({server}/{repo}/blob/{sha}/{path}#L{f.line})"
    return f"`{_cell(path)}`:{f.line}"


def summary_markdown(
    findings: Sequence[Finding],
    files: int,
    env: Mapping[str, str] | None = None,
    title: str = "scfm-lint",
    note: str = "",
) -> str:
    """The job summary: the one-line summary, counts by severity and a table of problems."""
    env = os.environ if env is None else env
    lines = [f"## {title}", "", summary_line(findings, files), ""]
    if env.get("SCFM_CHANGED_SINCE"):
        lines[2:2] = [f"Only lines changed since `{_cell(env['SCFM_CHANGED_SINCE'])}`.", ""]
    if note:
        lines[2:2] = [note, ""]
    if not findings:
        return "\n".join(lines)
    lines += ["| severity | count |", "| --- | ---: |"]
    lines += [f"| {label} | {n} |" for label, n in summary_counts(findings).items()]
    lines += ["", "| where | rule | severity | problem |", "| --- | --- | --- | --- |"]
    for f in findings[:MAX_ROWS]:
        rule = f"{f.code} {f.name}"
        lines.append(f"| {_where(f, env)} | {rule} | {f.severity.label} | {_cell(f.message)} |")
    if len(findings) > MAX_ROWS:
        lines += ["", f"... and {len(findings) - MAX_ROWS} more; see the job log."]
    return "\n".join(lines) + "\n"


def outputs(findings: Sequence[Finding]) -> dict[str, int]:
    """The step outputs: counts by severity and in total."""
    counts = summary_counts(findings)
    return {
        "errors": counts["error"],
        "warnings": counts["warning"],
        "notices": counts["info"],
        "total": len(findings),
    }


def _append(path: str, text: str) -> None:
    with Path(path).open("a", encoding="utf-8") as f:
        f.write(text)


def report_github(
    findings: Sequence[Finding],
    files: int,
    out: TextIO,
    *,
    title: str = "scfm-lint",
    note: str = "",
) -> None:
    """Annotate every finding, then write the summary and outputs the runner asked for."""
    for f in findings:
        out.write(annotation(f) + "\n")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        text = summary_markdown(findings, files, title=title, note=note)
        _append(summary_file, text + "\n")
    output_file = os.environ.get("GITHUB_OUTPUT")
    if output_file:
        _append(output_file, "".join(f"{k}={v}\n" for k, v in outputs(findings).items()))
    out.write(summary_line(findings, files) + "\n")
