"""Fixes computed here for findings whose rule attaches none (keyed by rule code)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
import dataclasses
from typing import Any

from scfm_lint.document.model import Document
from scfm_lint.engine.finding import Finding, Fix

Fixer = Callable[[Document, Mapping[str, Any], Sequence[Finding]], Iterator[tuple[Finding, Fix]]]
"""Given the document and the findings of one code, yield each finding with its fix."""


def _fixers() -> dict[str, Fixer]:
    from scfm_lint.fixing import ordering

    return {"SCF311": ordering.year_order}


def fixable_codes() -> frozenset[str]:
    """Codes this package can fix although their rule attaches no fix."""
    return frozenset(_fixers())


def line_ending(text: str) -> str:
    """The file's line ending (its first line's), so inserted lines match the rest."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def owned_lines(doc: Document) -> frozenset[int]:
    """Lines a safe whitespace fix may touch: entries, headings, the Catalog's list, and
    blank lines outside code and HTML. Everything else (prose, where two trailing spaces are
    a line break, HTML, comments, code, reference definitions) keeps its bytes unless the
    user asks for unsafe fixes."""
    owned = {h.line for h in doc.headings}
    for e in doc.entries:
        owned.update(range(e.line, e.end_line + 1))
    if doc.catalog is not None and doc.catalog.line:
        owned.update(range(doc.catalog.line, doc.catalog.end_line + 1))
    kept = doc.code_lines | doc.html_lines
    owned.update(n for n, line in enumerate(doc.lines, 1) if not line.strip() and n not in kept)
    return frozenset(owned)


def span_of_lines(doc: Document, first: int, last: int) -> tuple[int, int]:
    """Offsets of lines ``first``..``last`` (1-based), trailing blank lines and the final
    line ending left out, so a block can be moved without carrying its surroundings."""
    while last > first and not doc.lines[last - 1].strip():
        last -= 1
    return doc.offset(first, 1), doc.line_offsets[last - 1] + len(doc.lines[last - 1])


def attach(
    doc: Document, config: Mapping[str, Any], findings: Iterable[Finding], unsafe: bool
) -> list[Finding]:
    """``findings`` in order, with a fix attached where a fixer knows one."""
    out = list(findings)
    fixers = _fixers()
    wanted: dict[str, list[int]] = {}
    for i, f in enumerate(out):
        if f.fix is None and f.code in fixers:
            wanted.setdefault(f.code, []).append(i)
    for code, positions in wanted.items():
        fixes = {id(f): fix for f, fix in fixers[code](doc, config, [out[i] for i in positions])}
        for i in positions:
            fix = fixes.get(id(out[i]))
            if fix is not None and (fix.safe or unsafe):
                out[i] = dataclasses.replace(out[i], fix=fix)
    return out
