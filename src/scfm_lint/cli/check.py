"""``scfm-lint check``: the offline rules, and fixes with ``--fix``/``--diff``."""

from __future__ import annotations

import argparse
import gc
import sys
from typing import TYPE_CHECKING, Any

from scfm_lint.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    add_common,
    add_fix_options,
    emit,
    load_documents,
)

if TYPE_CHECKING:
    from scfm_lint.config.model import Config
    from scfm_lint.document.model import Document
    from scfm_lint.engine.finding import Finding


def add_parser(sub: Any, words: list[str]) -> None:
    check = sub.add_parser("check", help="run the offline rules")
    add_common(check)
    add_fix_options(check, "and write the file")
    check.add_argument(
        "--changed-since",
        metavar="REF",
        help="report only findings on lines changed since the git revision REF",
    )


def _fix(
    doc: Document, config: Config, found: list[Finding], args: argparse.Namespace
) -> tuple[list[Finding], bool]:
    """Apply fixes (``--fix``) or print them (``--diff``); the findings left and if text changed."""
    from scfm_lint.fixing.apply import fix_document, unified_diff, write_atomic

    result = fix_document(doc, config, found, unsafe=args.unsafe_fixes)
    changed = result.text != doc.text
    if changed and args.diff:
        sys.stdout.write(unified_diff(doc.path, doc.text, result.text))
    elif changed:
        write_atomic(doc.path, result.text)
        applied = ", ".join(f"{code} x{n}" for code, n in sorted(result.applied.items()))
        print(f"{doc.path}: fixed {sum(result.applied.values())} ({applied})", file=sys.stderr)
    return list(result.remaining), changed


def run(args: argparse.Namespace) -> int:
    from scfm_lint.engine.run import lint
    from scfm_lint.output.reporters import Report

    findings = []
    fail = False
    rewritten = False
    docs = load_documents(args)
    # The documents live until the process ends and hold no garbage: keep the collector from
    # rescanning them, which made each entry cost more in a longer list.
    gc.freeze()
    for doc, config in docs:
        found = lint(doc, config)
        if args.fix or args.diff:
            found, changed = _fix(doc, config, found, args)
            rewritten = rewritten or (changed and not args.diff)
        if args.changed_since:
            from scfm_lint.engine.changes import changed_lines, keep_changed

            found = keep_changed(found, changed_lines(doc.path, args.changed_since))
        fail = fail or config.selection.fails(found)
        findings.extend(found)
    # With --diff, stdout carries only the patch, so the report goes to stderr.
    emit(Report(sorted(findings), len(docs)), args, sys.stderr if args.diff else sys.stdout)
    # pre-commit's convention: a hook that rewrites a file fails, so the change gets staged.
    return EXIT_FINDINGS if fail or rewritten else EXIT_CLEAN
