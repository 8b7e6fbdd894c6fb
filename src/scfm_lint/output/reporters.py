"""Reporters: the only code that writes findings out, chosen by name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
import json
from typing import Any, TextIO

from scfm_lint.engine.finding import Finding, Severity

JSON_VERSION = 1


def finding_to_dict(f: Finding) -> dict[str, Any]:
    """The stable JSON form of a finding (documented in README.md)."""
    return {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line if f.end_line is not None else f.line,
        "code": f.code,
        "name": f.name,
        "severity": f.severity.label,
        "message": f.message,
        "related_line": f.related_line,
        "suggestion": f.suggestion,
        "fixable": f.fix is not None,
        "fix_safe": f.fix.safe if f.fix is not None else None,
    }


def summary_counts(findings: Sequence[Finding]) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {s.label: counts.get(s, 0) for s in sorted(Severity, reverse=True)}


def summary_line(findings: Sequence[Finding], files: int) -> str:
    noun = "file" if files == 1 else "files"
    if not findings:
        return f"No problems found in {files} {noun}."
    counts = summary_counts(findings)
    parts = [f"{n} {label}{'s' if n != 1 else ''}" for label, n in counts.items() if n]
    fixable = sum(1 for f in findings if f.fix is not None and f.fix.safe)
    tail = f"; {fixable} fixable with --fix" if fixable else ""
    total = len(findings)
    plural = "s" if total != 1 else ""
    return f"Found {total} problem{plural} ({', '.join(parts)}) in {files} {noun}{tail}."


def report_text(findings: Sequence[Finding], files: int, out: TextIO) -> None:
    for f in findings:
        out.write(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}\n")
    out.write(summary_line(findings, files) + "\n")


def report_json(findings: Sequence[Finding], files: int, out: TextIO) -> None:
    payload = {
        "version": JSON_VERSION,
        "findings": [finding_to_dict(f) for f in findings],
        "summary": {"files": files, "total": len(findings), **summary_counts(findings)},
    }
    json.dump(payload, out, indent=2, ensure_ascii=False)
    out.write("\n")


Reporter = Callable[[Sequence[Finding], int, TextIO], None]
REPORTERS: dict[str, Reporter | str] = {
    "text": report_text,
    "json": report_json,
    # Loaded on demand so that the common formats import nothing they do not use.
    "sarif": "scfm_lint.output.sarif:report_sarif",
    "github": "scfm_lint.output.github:report_github",
}


def get_reporter(name: str) -> Reporter:
    """The reporter registered under ``name`` (importing its module if needed)."""
    import importlib

    entry = REPORTERS[name]
    if isinstance(entry, str):
        module, _, attr = entry.partition(":")
        loaded: Reporter = getattr(importlib.import_module(module), attr)
        REPORTERS[name] = loaded
        return loaded
    return entry
