"""``scfm-lint add``: compose a paper's entry in the list's own style and insert it in place."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

EPILOG = """exit codes:
  0  the entry was added (or, with --diff, would be)
  1  the paper is already listed: the line is named, nothing is written
  2  an error: unknown identifier or section, service down (one line on stderr)"""


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"expected a four-digit year, got {text!r}")
    return int(text)


class _Intermixed(argparse.ArgumentParser):
    """Reads positionals wherever they stand: ``add ID --section H FILE`` (plain argparse
    takes ``ID`` for both positionals' turn and then rejects ``FILE``)."""

    _inside = False

    def parse_known_args(  # type: ignore[override]
        self, args: Any = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._inside:  # the intermixed parse calls back in twice
            return super().parse_known_args(args, namespace)
        self._inside = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inside = False


def add_parser(sub: Any, words: list[str]) -> None:
    add = sub.add_parser(
        "add",
        help="add a paper by identifier, in the list's own style (network)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EPILOG,
    )
    # The sub-parsers' class is shared by every command; only add reads positionals mixed.
    add.__class__ = _Intermixed
    add.add_argument(
        "identifier",
        nargs="?",
        metavar="IDENTIFIER",
        help="arXiv id, DOI, PubMed id, or a URL of arXiv, doi.org, bioRxiv, medRxiv,"
        " OpenReview, PubMed or a publisher page naming a DOI",
    )
    add.add_argument("file", nargs="?", metavar="FILE", help="the list (default: README.md)")
    add.add_argument("--section", required=True, metavar="HEADING", help="heading text")
    add.add_argument(
        "--allow-cross-list",
        action="store_true",
        help="add the paper even when another section lists it",
    )
    add.add_argument("--diff", action="store_true", help="print the change; write nothing")
    add.add_argument("--config", type=Path, help="config file (default: discovered)")
    add.add_argument("--no-cache", action="store_true", help="do not use the metadata cache")
    offline = add.add_argument_group(
        "by hand (--title: no request; --year or --venue alone override the record's)"
    )
    offline.add_argument("--title", help="the title as published")
    offline.add_argument("--year", type=_year, help="the year of the version linked")
    offline.add_argument("--venue", help="journal, meeting or preprint server")
    offline.add_argument("--url", help="the paper's URL (else from IDENTIFIER)")


def run(args: argparse.Namespace) -> int:
    from scfm_lint.compose.command import run as add_paper

    return add_paper(args)
