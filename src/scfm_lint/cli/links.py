"""``scfm-lint links``: check every http(s) link (network); ``--fix`` applies what it found."""

from __future__ import annotations

import argparse
from types import ModuleType
from typing import Any

from scfm_lint.cli.common import add_common, add_fix_options, load_documents
from scfm_lint.errors import UsageError


def add_parser(sub: Any, words: list[str]) -> None:
    links = sub.add_parser("links", help="check every http(s) link (network)")
    add_common(links)
    add_fix_options(links, "(entry links: --unsafe-fixes for redirects) and write the file")
    links.add_argument(
        "--changed-since",
        metavar="REF",
        help=(
            "check only links new on lines changed since REF ('auto': pre-commit's from-ref;"
            " every link when it set none)"
        ),
    )
    if "links" in words:
        # Only the links path pays for the checker's options.
        _checker().add_arguments(links)


def _missing_extra(exc: ImportError) -> UsageError:
    """The one line for a network module that is not installed (a bug of ours re-raises)."""
    missing = exc.name or "aiohttp"
    if missing.partition(".")[0] == "scfm_lint":
        raise exc
    return UsageError(
        f"scfm-lint links needs the 'links' extra (aiohttp, yarl); {missing} is not installed:"
        " pip install 'scfm-lint[links]'"
    )


def _checker() -> ModuleType:
    """The link checker's command module; its options need yarl, not yet aiohttp."""
    try:
        from scfm_lint.links import command
    except ImportError as exc:
        raise _missing_extra(exc) from None
    return command


def run(args: argparse.Namespace) -> int:
    try:
        import aiohttp  # noqa: F401  (imported here only to tell a missing extra from a bug)
    except ImportError as exc:
        raise _missing_extra(exc) from None
    _checker()
    from scfm_lint.engine.changes import AUTO, precommit_from_ref
    from scfm_lint.links import command as links_command

    docs = load_documents(args)
    documents = [d for d, _ in docs]
    # pre-commit sets no from-ref for --all-files (nor for a push of a whole new history):
    # there is no change to compare, so every link is checked.
    if args.changed_since == AUTO and precommit_from_ref() is None:
        args.changed_since = None
    if args.changed_since:
        from scfm_lint.engine.changes import changed_lines, keep_changed_links, text_at

        ref = args.changed_since
        documents = [
            keep_changed_links(d, changed_lines(d.path, ref), text_at(d.path, ref))
            for d in documents
        ]
    return links_command.run(args, documents, docs[0][1])
