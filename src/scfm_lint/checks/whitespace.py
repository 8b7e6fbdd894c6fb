"""Whitespace: trailing spaces, hard tabs, the final newline."""

from __future__ import annotations

from collections.abc import Iterator

from scfm_lint.checks.registry import Context, Hit, rule
from scfm_lint.document.model import Document
from scfm_lint.engine.finding import Edit, Fix, Severity
from scfm_lint.util.textedit import line_ending, owned_lines


def _owned(doc: Document) -> frozenset[int]:
    return owned_lines(doc)


@rule(
    "SCF231",
    "trailing-whitespace",
    Severity.WARNING,
    "a line ends with spaces or tabs",
    """
What it does: flags every line that ends with spaces or tabs (`whitespace.trailing`).
Why is this bad? Trailing whitespace is invisible, makes diffs noisy, and two trailing spaces
turn into a hard line break in Markdown.
Example: `1. [2025 Advanced Science] **scCompass ...** [[paper]](https://...)␠`.
Fix: `--fix` removes it from entries, headings, the Catalog and blank lines; in prose (where
two trailing spaces are a line break), HTML, comments and code the fix is unsafe.
""",
    fixable=True,
)
def trailing(ctx: Context) -> Iterator[Hit]:
    if not ctx.config.whitespace.trailing:
        return
    doc = ctx.doc
    owned: frozenset[int] | None = None
    for n, line in enumerate(doc.lines, 1):
        if line and line[-1] in " \t":
            owned = _owned(doc) if owned is None else owned
            keep = len(line.rstrip(" \t"))
            start = doc.line_offsets[n - 1]
            edit = Edit(start + keep, start + len(line), "")
            fix = Fix((edit,), "remove trailing whitespace", safe=n in owned)
            yield Hit(n, keep + 1, "trailing whitespace", fix=fix)


@rule(
    "SCF232",
    "hard-tab",
    Severity.WARNING,
    "a tab character outside code and HTML indentation",
    """
What it does: flags tab characters (`whitespace.tabs`), except inside code blocks and in the
leading indentation of HTML blocks, where they render the same as spaces.
Why is this bad? A tab's width depends on the viewer; inside Markdown lists a tab changes the
nesting an item gets, and in a title it is an invisible typo.
Example: `1. [2024 Nature]\t**Title** ...`.
Fix: `--fix` replaces each tab with one space in entries, headings and the Catalog; in prose
and HTML the fix is unsafe.
""",
    fixable=True,
)
def hard_tab(ctx: Context) -> Iterator[Hit]:
    if not ctx.config.whitespace.tabs:
        return
    doc = ctx.doc
    owned: frozenset[int] | None = None
    for n, line in enumerate(doc.lines, 1):
        if "\t" not in line or n in doc.code_lines:
            continue
        skip = len(line) - len(line.lstrip(" \t")) if n in doc.html_lines else 0
        col = line.find("\t", skip)
        if col < 0 or col >= len(line.rstrip(" \t")):
            continue
        start = doc.line_offsets[n - 1]
        edits = tuple(
            Edit(start + i, start + i + 1, " ")
            for i, ch in enumerate(line)
            if ch == "\t" and i >= skip
        )
        owned = _owned(doc) if owned is None else owned
        fix = Fix(edits, "replace tabs with spaces", safe=n in owned)
        yield Hit(n, col + 1, "hard tab", fix=fix)


@rule(
    "SCF233",
    "missing-final-newline",
    Severity.WARNING,
    "the file does not end with a newline",
    """
What it does: flags a file whose last line has no line ending (`whitespace.final-newline`).
Why is this bad? POSIX tools and git treat the last line as incomplete ("\\ No newline at end
of file"), and the next contributor's diff touches a line they did not change.
Example: a README whose last entry is not followed by a newline.
Fix: `--fix` adds the newline.
""",
    fixable=True,
)
def final_newline(ctx: Context) -> Iterator[Hit]:
    text = ctx.doc.text
    if not ctx.config.whitespace.final_newline or not text or text.endswith(("\n", "\r")):
        return
    last = len(ctx.doc.lines)
    fix = Fix((Edit(len(text), len(text), line_ending(text)),), "add a final newline")
    yield Hit(last, len(ctx.doc.lines[-1]) + 1, "no newline at end of file", fix=fix)
