"""What every reporter says the same way: a finding's JSON form, counts, the summary line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from scfm_lint.engine.finding import Finding, Severity


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
