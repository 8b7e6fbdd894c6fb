"""The command line: ``scfm-lint COMMAND``; one module per command, registered in COMMANDS."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
import os
import sys
from typing import Any

from scfm_lint import __version__
from scfm_lint.cli import add, check, conventions, links, rules
from scfm_lint.cli.common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from scfm_lint.errors import ScfmLintError

__all__ = ["EXIT_CLEAN", "EXIT_ERROR", "EXIT_FINDINGS", "build_parser", "main", "run"]

#: Each command module adds its sub-parser(s); RUNNERS maps a command name to its runner.
PARSERS: tuple[Callable[[Any, list[str]], None], ...] = (
    check.add_parser,
    conventions.add_parser,
    links.add_parser,
    rules.add_parser,
    add.add_parser,
)
RUNNERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": check.run,
    "conventions": conventions.run,
    "links": links.run,
    "rules": rules.run_rules,
    "rule": rules.run_rule,
    "add": add.run,
}


def build_parser(words: Sequence[str] = ("links",)) -> argparse.ArgumentParser:
    """The argument parser; a command's heavier options are added only when it is named."""
    parser = argparse.ArgumentParser(
        prog="scfm-lint", description="Lint a curated paper list and check its links."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add_to in PARSERS:
        add_to(sub, list(words))
    return parser


def run() -> None:
    """Console-script entry point."""
    raise SystemExit(main())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 clean, 1 findings, 2 error)."""
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser(words)
    except ScfmLintError as exc:  # a command's options need what is not installed
        print(f"scfm-lint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    args = parser.parse_args(words)
    try:
        runner = RUNNERS.get(args.command or "")
        if runner is None:
            parser.print_help()
            return EXIT_ERROR
        return runner(args)
    except ScfmLintError as exc:
        print(f"scfm-lint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``); point stdout at devnull so exit is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
