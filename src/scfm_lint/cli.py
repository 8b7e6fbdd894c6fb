"""The command line: ``scfm-lint check|links|rules|rule``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
import os
from pathlib import Path
import sys
from typing import Any

from scfm_lint import __version__
from scfm_lint.errors import ScfmLintError, UsageError
from scfm_lint.model import Document

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="*", default=["README.md"], help="Markdown files (default: README.md)"
    )
    parser.add_argument(
        "--config", type=Path, help="config file (default: discovered by walking up)"
    )
    parser.add_argument(
        "--select", type=_codes, help="comma-separated rule codes or prefixes to run"
    )
    parser.add_argument("--ignore", type=_codes, help="comma-separated rule codes to skip")
    parser.add_argument(
        "--fail-on",
        choices=["error", "warning", "info", "never"],
        help="lowest severity that fails the run (default: error)",
    )


def build_parser(with_links: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scfm-lint", description="Lint a curated paper list and check its links."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser("check", help="run the offline rules")
    _common(check)
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
    links = sub.add_parser("links", help="check every http(s) link (network)")
    _common(links)
    links.add_argument(
        "--changed-since",
        metavar="REF",
        help="check only links new on lines changed since REF ('auto': pre-commit's from-ref)",
    )
    if with_links:
        # Only the links path pays for the checker's options (and never imports aiohttp here).
        from scfm_lint.links import command as links_command

        links_command.add_arguments(links)
    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument(
        "--format", choices=["text", "markdown"], default="text", help="markdown: a table"
    )
    explain = sub.add_parser("rule", help="explain one rule")
    explain.add_argument("code")
    return parser


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if getattr(args, "select", None):
        out["select"] = args.select
    if getattr(args, "ignore", None):
        out["ignore"] = args.ignore
    if getattr(args, "fail_on", None):
        out["fail-on"] = args.fail_on
    return out


def load_documents(args: argparse.Namespace) -> list[tuple[Document, dict[str, Any]]]:
    """Read, configure and parse every file named on the command line."""
    from scfm_lint.config import load_config
    from scfm_lint.parse import parse_document
    from scfm_lint.source import read_source

    overrides = _overrides(args)
    out = []
    for name in args.files:
        text = read_source(name)
        config = load_config(Path(name), args.config, overrides)
        doc = parse_document(
            text,
            name,
            catalog_heading=config["catalog"]["heading"],
            excluded_sections=config["sections"]["exclude"],
        )
        out.append((doc, config))
    return out


def fails(severity_label: str, fail_on: str) -> bool:
    from scfm_lint.finding import Severity

    if fail_on == "never":
        return False
    return Severity.parse(severity_label) >= Severity.parse(fail_on)


def _fix(
    doc: Document, config: dict[str, Any], found: list[Any], args: argparse.Namespace
) -> tuple[list[Any], bool]:
    """Apply fixes (``--fix``) or print them (``--diff``); the findings left and if text changed."""
    from scfm_lint.fix import fix_document, unified_diff, write_atomic

    result = fix_document(doc, config, found, unsafe=args.unsafe_fixes)
    changed = result.text != doc.text
    if changed and args.diff:
        sys.stdout.write(unified_diff(doc.path, doc.text, result.text))
    elif changed:
        write_atomic(doc.path, result.text)
        applied = ", ".join(f"{code} x{n}" for code, n in sorted(result.applied.items()))
        print(f"{doc.path}: fixed {sum(result.applied.values())} ({applied})", file=sys.stderr)
    return list(result.remaining), changed


def cmd_check(args: argparse.Namespace) -> int:
    from scfm_lint.engine import lint
    from scfm_lint.report import get_reporter

    findings = []
    fail = False
    rewritten = False
    docs = load_documents(args)
    for doc, config in docs:
        found = lint(doc, config)
        if args.fix or args.diff:
            found, changed = _fix(doc, config, found, args)
            rewritten = rewritten or (changed and not args.diff)
        if args.changed_since:
            from scfm_lint.changes import changed_lines, keep_changed

            found = keep_changed(found, changed_lines(doc.path, args.changed_since))
        fail = fail or any(fails(f.severity.label, config["fail-on"]) for f in found)
        findings.extend(found)
    # With --diff, stdout carries only the patch, so the report goes to stderr.
    out = sys.stderr if args.diff else sys.stdout
    get_reporter(args.format)(sorted(findings), len(docs), out)
    # pre-commit's convention: a hook that rewrites a file fails, so the change gets staged.
    return EXIT_FINDINGS if fail or rewritten else EXIT_CLEAN


def cmd_links(args: argparse.Namespace) -> int:
    from scfm_lint.links import command as links_command

    docs = load_documents(args)
    documents = [d for d, _ in docs]
    if args.changed_since:
        from scfm_lint.changes import changed_lines, keep_changed_links, text_at

        ref = args.changed_since
        documents = [
            keep_changed_links(d, changed_lines(d.path, ref), text_at(d.path, ref))
            for d in documents
        ]
    return links_command.run(args, documents, docs[0][1])


def cmd_rules(fmt: str) -> int:
    from scfm_lint.registry import load_all

    if fmt == "markdown":
        print("| code | name | severity | fix | source | what it flags |")
        print("| --- | --- | --- | --- | --- | --- |")
    for code, r in sorted(load_all().items()):
        fix = "fix" if r.fixable else ""
        source = "links" if r.network else "check"
        if fmt == "markdown":
            print(f"| {code} | {r.name} | {r.severity.label} | {fix} | {source} | {r.summary} |")
        else:
            flags = f"{fix} {'net' if r.network else ''}".strip()
            print(f"{code}  {r.severity.label:<7}  {flags:<7}  {r.name}: {r.summary}")
    return EXIT_CLEAN


def cmd_rule(code: str) -> int:
    from scfm_lint.registry import load_all

    rules = load_all()
    r = rules.get(code.strip().upper())
    if r is None:
        by_name = {x.name: x for x in rules.values()}
        r = by_name.get(code.strip().lower())
    if r is None:
        raise UsageError(f"unknown rule {code!r} (see 'scfm-lint rules')")
    fix = "yes" if r.fixable else "no"
    print(f"{r.code} {r.name}\nseverity: {r.severity.label}; fixable: {fix}\n")
    print(r.explanation)
    return EXIT_CLEAN


def run() -> None:
    """Console-script entry point: :func:`main`, then a fast exit after ``check``.

    ``check`` on a 50,000-entry list leaves about a million objects, and tearing them down
    at interpreter exit costs half a second that nobody needs: flush the output and leave.
    """
    code = main()
    if sys.argv[1:2] == ["check"] and not (set(sys.argv) & {"--fix", "--diff"}):
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:
            code = EXIT_ERROR
        os._exit(code)
    raise SystemExit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 clean, 1 findings, 2 error)."""
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(with_links="links" in words)
    args = parser.parse_args(words)
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "links":
            return cmd_links(args)
        if args.command == "rules":
            return cmd_rules(args.format)
        if args.command == "rule":
            return cmd_rule(args.code)
        parser.print_help()
        return EXIT_ERROR
    except ScfmLintError as exc:
        print(f"scfm-lint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``); point stdout at devnull so exit is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
