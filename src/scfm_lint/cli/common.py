"""What every command shares: the file/config/selection options and reading documents."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scfm_lint.document.model import Document

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def add_common(parser: argparse.ArgumentParser) -> None:
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
    from scfm_lint.config.load import load_config
    from scfm_lint.document.parse import parse_document
    from scfm_lint.document.source import read_source

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
    from scfm_lint.engine.finding import Severity

    if fail_on == "never":
        return False
    return Severity.parse(severity_label) >= Severity.parse(fail_on)
