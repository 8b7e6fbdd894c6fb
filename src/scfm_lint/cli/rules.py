"""``scfm-lint rules`` and ``scfm-lint rule CODE``: the registry, listed and explained."""

from __future__ import annotations

import argparse
from typing import Any

from scfm_lint.cli.common import EXIT_CLEAN
from scfm_lint.errors import UsageError


def add_parser(sub: Any, words: list[str]) -> None:
    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument(
        "--format", choices=["text", "markdown"], default="text", help="markdown: a table"
    )
    explain = sub.add_parser("rule", help="explain one rule")
    explain.add_argument("code")


def run_rules(args: argparse.Namespace) -> int:
    from scfm_lint.checks.registry import load_all

    fmt = args.format
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


def run_rule(args: argparse.Namespace) -> int:
    from scfm_lint.checks.registry import load_all

    code = args.code
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
