"""``scfm-lint add``: compose a paper's entry in the list's own style and insert it in place."""

from __future__ import annotations

import argparse
from collections import Counter
import contextlib
from pathlib import Path
import sys
from typing import TYPE_CHECKING, Any

from scfm_lint.cli.common import EXIT_CLEAN, EXIT_FINDINGS
from scfm_lint.errors import UsageError

if TYPE_CHECKING:
    from scfm_lint.compose.draft import Draft
    from scfm_lint.compose.twins import Listed
    from scfm_lint.config.model import Config
    from scfm_lint.document.model import Document, Heading
    from scfm_lint.verify.ids import Identifier

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


def _names(args: argparse.Namespace) -> tuple[str | None, str, bool]:
    """IDENTIFIER, FILE and whether no request is wanted (``--title`` given); with --url and
    one positional, the positional is the file."""
    offline = args.title is not None
    ident, path = args.identifier, args.file
    if args.url and path is None:
        ident, path = None, ident
    if ident is None and not offline and not args.url:
        raise UsageError("name the paper: IDENTIFIER, or --title, --year, --venue and --url")
    path = path or "README.md"
    if path == "-":
        raise UsageError("add writes the list: name a file, not - (standard input)")
    return ident, path, offline


def _load(path: str, config_path: Path | None) -> tuple[Document, Config]:
    from scfm_lint.config.load import load_config
    from scfm_lint.document.parse import parse_document
    from scfm_lint.document.source import read_source

    text = read_source(path)
    config = load_config(Path(path), config_path)
    doc = parse_document(
        text,
        path,
        catalog_heading=config.catalog.heading,
        excluded_sections=list(config.sections.exclude),
    )
    return doc, config


def _rxiv_habit(doc: Document) -> str | None:
    """``v1`` when most of the list's bioRxiv/medRxiv links name a version."""
    import re

    from scfm_lint.verify.ids import identify

    versioned = re.compile(r"\d(v\d+)(?:\.[a-z+]+)*/?$", re.IGNORECASE)
    votes = [
        versioned.search(link.url) is not None
        for e in doc.entries
        for link in e.links
        if (i := identify(link.url)) is not None and i.scheme in ("biorxiv", "medrxiv")
    ]
    return "v1" if votes and sum(votes) * 2 > len(votes) else None


def _aliases(doi: str | None) -> set[Identifier]:
    """Every identifier a link to ``doi`` may be read as (an arXiv DOI is an arXiv id)."""
    from scfm_lint.compose.identifier import parse_identifier
    from scfm_lint.verify.ids import Identifier

    if not doi:
        return set()
    out = {Identifier("doi", doi)}
    with contextlib.suppress(UsageError):
        out.add(parse_identifier(doi)[0])
    return out


def _refuse(path: str, doc: Document, listed: list[Listed], heading: Heading, allow: bool) -> bool:
    """Name the entries that list the paper; True when that stops the add."""
    blocking = [x for x in listed if not allow or x.entry.section == heading.index]
    for item in blocking or listed:
        e = item.entry
        where = doc.section_title(e.section)
        word = "already listed" if blocking else "cross-listed (--allow-cross-list)"
        print(f"{path}:{e.line}: {word} under {where!r}: {item.reason}: {e.title}", file=sys.stderr)
    return bool(blocking)


def _compose(
    args: argparse.Namespace, doc: Document, config: Config, ident_text: str | None, offline: bool
) -> tuple[Draft, set[Identifier], set[Identifier], dict[str, int], Heading] | int:
    from dataclasses import replace

    from scfm_lint.compose.draft import Draft, clean_title, draft_from_paper, spell_venue
    from scfm_lint.compose.identifier import canonical_url, parse_identifier
    from scfm_lint.compose.place import find_section
    from scfm_lint.compose.twins import already_listed
    from scfm_lint.conventions import learn
    from scfm_lint.verify.ids import Identifier, identify

    heading = find_section(doc, args.section)
    if ident_text or not offline:
        ident, given = parse_identifier(ident_text or args.url)
    else:
        ident, given = None, None
    if args.url:
        given = args.url
        ident = ident or identify(args.url)
    conventions = learn(doc, config)
    if ident is not None:
        url = canonical_url(
            ident, given, doi_form=conventions.doi.value, rxiv_version=_rxiv_habit(doc)
        )
    elif given:
        url = given
    else:
        raise UsageError("offline: pass --url (or IDENTIFIER) for the link")
    same = {ident} if ident else set()
    if ident is not None and ident.scheme in ("biorxiv", "medrxiv"):
        same.add(Identifier("doi", ident.value))
    threshold = config.duplicates.title_similarity
    early = already_listed(doc, same, (), url, "", threshold)  # before any request
    if early and _refuse(args.file or "README.md", doc, early, heading, args.allow_cross_list):
        return EXIT_FINDINGS
    requests: dict[str, int] = {}
    twins: set[Identifier] = set()
    if offline:
        if not args.title or args.year is None:
            raise UsageError("offline: pass --title and --year (and --venue, --url)")
        venue = spell_venue([args.venue], doc, config.venues) if args.venue else None
        draft = Draft(clean_title(args.title), args.year, venue, url)
    else:
        from scfm_lint.compose.fetch import lookup

        assert ident is not None
        fetched = lookup(ident, config.verify, use_cache=not args.no_cache)
        requests = fetched.requests
        found = fetched.lookup
        if found.paper is None:
            if found.missing:
                raise UsageError(f"{ident}: no such paper ({ident.service} says so)")
            raise UsageError(f"{ident}: {ident.service} gave no answer: {found.reason}")
        paper = found.paper
        draft = draft_from_paper(paper, url, doc, config.venues)
        venue = spell_venue([args.venue], doc, config.venues) if args.venue else draft.venue
        draft = replace(draft, year=args.year or draft.year, venue=venue)
        same |= _aliases(paper.doi)
        # preprint_doi (Crossref has-preprint) comes with the verify parsers' real shapes.
        twins = _aliases(paper.published_doi) | _aliases(getattr(paper, "preprint_doi", None))
    return draft, same, twins, requests, heading


def _verify(doc: Document, config: Config, new: str, line: int) -> None:
    """Parse the result before writing it: one entry more, every old one kept; and say
    what ``check`` finds on the new line (nothing, when the list's conventions were read
    right)."""
    from scfm_lint.document.parse import parse_document
    from scfm_lint.engine.run import lint
    from scfm_lint.errors import ScfmLintError

    after = parse_document(
        new,
        doc.path,
        catalog_heading=config.catalog.heading,
        excluded_sections=list(config.sections.exclude),
    )
    kept = Counter(e.raw for e in doc.entries) - Counter(e.raw for e in after.entries)
    if len(after.entries) != len(doc.entries) + 1 or kept:
        raise ScfmLintError(
            f"{doc.path}: the new entry would not parse as one item; nothing written"
        )
    for finding in lint(after, config):
        if finding.line == line:
            print(f"{doc.path}:{line}: note: {finding.code} {finding.message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from scfm_lint.checks.ordering import section_modes
    from scfm_lint.compose.place import direction, insertion, position, section_list
    from scfm_lint.compose.style import learn_style, render
    from scfm_lint.compose.twins import already_listed
    from scfm_lint.conventions import learn
    from scfm_lint.fixing.apply import apply_edits, unified_diff, write_atomic

    ident_text, path, offline = _names(args)
    args.file = path
    doc, config = _load(path, args.config)
    composed = _compose(args, doc, config, ident_text, offline)
    if isinstance(composed, int):
        return composed
    draft, same, twins, requests, heading = composed
    threshold = config.duplicates.title_similarity
    listed = already_listed(doc, same, twins, draft.url, draft.title, threshold)
    if listed and _refuse(path, doc, listed, heading, args.allow_cross_list):
        return EXIT_FINDINGS
    entries = section_list(doc, heading)
    conventions = learn(doc, config)
    body = render(draft, learn_style(conventions, entries, doc.entries))
    mode = direction(conventions, heading, section_modes(doc, config)[heading.index])
    at = position(entries, draft.year, mode)
    sequential = conventions.numbering_of(entries[0].list_id).value == "sequential"
    placed = insertion(doc, entries, at, body, sequential)
    new = apply_edits(doc.text, placed.edits)
    _verify(doc, config, new, placed.line)
    if args.diff:
        sys.stdout.write(unified_diff(path, doc.text, new))
    else:
        write_atomic(path, new)
    cost = ", ".join(f"{n} to {name}" for name, n in sorted(requests.items()))
    how = f"{sum(requests.values())} request{'s' * (sum(requests.values()) != 1)}"
    how = f"{how}: {cost}" if cost else ("no request" if offline else "from the cache")
    verb = "would add" if args.diff else "added"
    print(f"{path}:{placed.line}: {verb} under {heading.text!r} ({how})", file=sys.stderr)
    if not args.diff:
        print(new.splitlines()[placed.line - 1])
    return EXIT_CLEAN
