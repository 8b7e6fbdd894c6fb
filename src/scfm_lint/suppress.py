"""Inline control comments: which findings the author silenced, line by line."""

from __future__ import annotations

from collections.abc import Iterable

from scfm_lint.finding import Finding
from scfm_lint.model import Document

_ALL = "*"


def _silenced(doc: Document) -> dict[int, set[str]]:
    """Line -> codes silenced there (``*`` for every code)."""
    out: dict[int, set[str]] = {}
    if not doc.pragmas:
        return out
    active: set[str] = set()
    pragmas = sorted(doc.pragmas, key=lambda p: p.line)
    pragma_lines = {p.line for p in pragmas}
    last = len(doc.lines)
    idx = 0
    for line in range(1, last + 1):
        while idx < len(pragmas) and pragmas[idx].line == line:
            p = pragmas[idx]
            codes = set(p.codes) or {_ALL}
            if p.action == "disable":
                active |= codes
            elif p.action == "enable":
                active = set() if _ALL in codes else active - codes
            else:
                target = line + 1
                while target <= last and (
                    not doc.lines[target - 1].strip() or target in pragma_lines
                ):
                    target += 1
                out.setdefault(target, set()).update(codes)
            idx += 1
        if active:
            out.setdefault(line, set()).update(active)
    return out


def apply_pragmas(doc: Document, findings: Iterable[Finding]) -> list[Finding]:
    """Drop findings silenced by ``<!-- scfm-lint-disable ... -->`` comments."""
    silenced = _silenced(doc)
    if not silenced:
        return list(findings)
    kept = []
    for f in findings:
        codes = silenced.get(f.line)
        if codes and (_ALL in codes or f.code in codes):
            continue
        kept.append(f)
    return kept
