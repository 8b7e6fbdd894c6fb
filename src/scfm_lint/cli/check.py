"""``scfm-lint check``: the offline rules, and fixes with ``--fix``/``--diff``."""

from __future__ import annotations

import argparse
import gc
import sys
from typing import Any

from scfm_lint.cli.common import EXIT_CLEAN, EXIT_FINDINGS, add_common, fails, load_documents
from scfm_lint.document.model import Document


def add_parser(sub: Any, words: list[str]) -> None:
    check = sub.add_parser("check", help="run the offline rules")
    add_common(check)
    check.add_argument("--format", choices=["text", "json", "sarif", "github"], default="text")
    check.add_argument("--fix", action="store_true", help="apply safe fixes and write the file")
    check.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff; write nothing"
    )
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="also apply fixes a person should review"
    )
    check.add_argument(
        "--changed-since",
        metavar="REF",
        help="report only findings on lines changed since the git revision REF",
    )


def _fix(
    doc: Document, config: dict[str, Any], found: list[Any], args: argparse.Namespace
) -> tuple[list[Any], bool]:
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
    from scfm_lint.output.reporters import get_reporter

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
        fail = fail or any(fails(f.severity.label, config["fail-on"]) for f in found)
        findings.extend(found)
    # With --diff, stdout carries only the patch, so the report goes to stderr.
    out = sys.stderr if args.diff else sys.stdout
    get_reporter(args.format)(sorted(findings), len(docs), out)
    # pre-commit's convention: a hook that rewrites a file fails, so the change gets staged.
    return EXIT_FINDINGS if fail or rewritten else EXIT_CLEAN
