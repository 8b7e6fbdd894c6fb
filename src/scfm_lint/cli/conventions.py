"""``scfm-lint conventions FILE``: what scfm-lint learned from a list, and from how much."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from scfm_lint.cli.common import EXIT_CLEAN, STDIN, load_documents


def add_parser(sub: Any, words: list[str]) -> None:
    parser = sub.add_parser(
        "conventions",
        help="print the conventions learned from a list",
        description="Print the conventions learned from each file (numbering, year order, "
        "tag form, labels, link forms, contents depth), where each came from (learned, "
        "document, config, default) and the counts behind it.",
    )
    parser.add_argument(
        "files", nargs="*", default=["README.md"], help="Markdown files; - reads standard input"
    )
    parser.add_argument("--config", help="config file (default: discovered by walking up)")
    parser.add_argument(
        "--format",
        choices=["text", "json", "config"],
        default="text",
        help="config: the YAML `conventions:` block that would pin them",
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from scfm_lint.conventions import learn
    from scfm_lint.output.conventions import FORMATTERS

    if args.config is not None:
        args.config = Path(args.config)
    write = FORMATTERS[args.format]
    for doc, config in load_documents(args):
        write(learn(doc, config), "<stdin>" if doc.path == STDIN else doc.path, sys.stdout)
    return EXIT_CLEAN
