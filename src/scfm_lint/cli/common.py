"""What every command shares: file, config, selection and output options, reading documents
(``-`` is standard input) and writing the report."""

from __future__ import annotations

import argparse
import io
import os
from pathlib import Path
import sys
from typing import TYPE_CHECKING, TextIO

from scfm_lint.errors import UsageError

if TYPE_CHECKING:
    from scfm_lint.config.model import Config
    from scfm_lint.document.model import Document
    from scfm_lint.output.reporters import Report

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github", "markdown")
STDIN = "-"

EXIT_CODES = """exit codes:
  0  no finding at or above --fail-on (and no file rewritten)
  1  findings at or above --fail-on, or --fix rewrote a file
  2  an error: bad option, config or input (one line on stderr)"""


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXIT_CODES
    parser.add_argument(
        "files",
        nargs="*",
        default=["README.md"],
        help="Markdown files; - reads standard input (default: README.md)",
    )
    parser.add_argument(
        "--config", type=Path, help="config file (default: discovered by walking up)"
    )
    parser.add_argument(
        "--select", type=_codes, help="comma-separated rule codes, prefixes or names to run"
    )
    parser.add_argument(
        "--ignore", type=_codes, help="comma-separated rule codes, prefixes or names to skip"
    )
    parser.add_argument(
        "--fail-on",
        choices=["error", "warning", "info", "never"],
        help="lowest severity that fails the run (default: error)",
    )
    out = parser.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS, default="text", help="report format (text)")
    out.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    out.add_argument(
        "--quiet", "-q", action="store_true", help="findings only: no summary, no progress"
    )
    out.add_argument(
        "--statistics", action="store_true", help="count findings per rule instead of listing"
    )


def add_fix_options(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--fix", action="store_true", help=f"apply safe fixes {what}")
    parser.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff; write nothing"
    )
    parser.add_argument(
        "--unsafe-fixes", action="store_true", help="also apply fixes a person should review"
    )


def _overrides(args: argparse.Namespace) -> dict[str, object]:
    out: dict[str, object] = {}
    if getattr(args, "select", None):
        out["select"] = args.select
    if getattr(args, "ignore", None):
        out["ignore"] = args.ignore
    if getattr(args, "fail_on", None):
        out["fail-on"] = args.fail_on
    return out


def read_stdin() -> str:
    from scfm_lint.document.source import read_stream

    return read_stream(sys.stdin.buffer, STDIN)


def load_documents(args: argparse.Namespace) -> list[tuple[Document, Config]]:
    """Read, configure and parse every file named on the command line."""
    from scfm_lint.config.load import load_config
    from scfm_lint.document.parse import parse_document
    from scfm_lint.document.source import read_source

    if args.files.count(STDIN) > 1:
        raise UsageError("- (standard input) can be named once")
    if STDIN in args.files and getattr(args, "fix", False):
        raise UsageError("--fix cannot rewrite standard input; use --diff")
    overrides = _overrides(args)
    out = []
    for name in args.files:
        text = read_stdin() if name == STDIN else read_source(name)
        where = Path.cwd() if name == STDIN else Path(name)
        config = load_config(where, args.config, overrides)
        doc = parse_document(
            text,
            name,
            catalog_heading=config.catalog.heading,
            excluded_sections=list(config.sections.exclude),
        )
        out.append((doc, config))
    return out


def use_color(stream: TextIO, environ: dict[str, str] | None = None) -> bool:
    """Colour on a terminal; ``NO_COLOR`` turns it off, ``FORCE_COLOR`` on (no-color.org)."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def emit(report: Report, args: argparse.Namespace, stream: TextIO | None = None) -> None:
    """Write ``report`` as ``--format`` says, to ``--output`` (atomically) or ``stream``."""
    from dataclasses import replace

    from scfm_lint.output.reporters import get_reporter

    target = stream or sys.stdout
    path = getattr(args, "output", None)
    buffer = io.StringIO() if path else target
    report = replace(
        report,
        quiet=bool(getattr(args, "quiet", False)),
        statistics=bool(getattr(args, "statistics", False)),
        color=not path and use_color(target),
    )
    get_reporter(getattr(args, "format", None) or "text")(report, buffer)
    if path:
        from scfm_lint.fixing.apply import write_atomic

        assert isinstance(buffer, io.StringIO)
        write_atomic(path, buffer.getvalue())
