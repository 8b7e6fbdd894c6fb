"""``links --fix`` / ``--diff``: apply the fixes the link and paper findings carry.

Whatever a network finding attaches (a permanent redirect's new URL, a preprint's published
version) is applied the same way: only on entry links (prose, HTML and badges keep their
bytes), unsafe fixes only with ``--unsafe-fixes``, the file written atomically.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
import sys

from scfm_lint.document.model import Document
from scfm_lint.engine.finding import Finding
from scfm_lint.fixing.apply import apply_edits, select, unified_diff, usable, write_atomic


def entry_fixes(doc: Document, findings: Sequence[Finding], unsafe: bool) -> list[Finding]:
    """The findings of ``doc`` whose fix may be applied: on an entry link, safe enough."""
    entry_lines = {x.line for e in doc.entries for x in e.links}
    return [
        f
        for f in findings
        if f.path == doc.path and f.line in entry_lines and usable(f.fix, unsafe)
    ]


def fix_text(doc: Document, findings: Sequence[Finding], unsafe: bool) -> tuple[str, set[int]]:
    """The fixed text, and the ids of the findings whose fix went in."""
    offered = entry_fixes(doc, findings, unsafe)
    edits, _ = select(offered, unsafe, len(doc.text))
    taken = set(edits)
    done = {id(f) for f in offered if f.fix is not None and set(f.fix.edits) <= taken}
    return apply_edits(doc.text, edits), done


def fix_documents(
    documents: Sequence[Document], findings: list[Finding], args: argparse.Namespace
) -> tuple[list[Finding], bool]:
    """Fix (``--fix``) or print the diff of (``--diff``) every document; returns the findings
    left and whether a file was rewritten."""
    unsafe = bool(getattr(args, "unsafe_fixes", False))
    fixed: set[int] = set()
    rewritten = False
    for doc in documents:
        text, done = fix_text(doc, findings, unsafe)
        if text == doc.text:
            continue
        fixed |= done
        if getattr(args, "diff", False):
            sys.stdout.write(unified_diff(doc.path, doc.text, text))
        else:
            write_atomic(doc.path, text)
            rewritten = True
            print(f"{doc.path}: fixed {len(done)} links", file=sys.stderr)
    return [f for f in findings if id(f) not in fixed], rewritten
