"""The add command's work: read the list, compose the entry, refuse twins, place, write."""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
import sys

from scfm_lint.compose.draft import Draft, clean_title, draft_from_paper
from scfm_lint.compose.identifier import canonical_url, parse_identifier, rxiv_version_habit
from scfm_lint.compose.place import find_section, insertion, position, section_list
from scfm_lint.compose.style import learn_style, render
from scfm_lint.compose.twins import Listed, aliases, already_listed
from scfm_lint.config.load import load_config
from scfm_lint.config.model import Config
from scfm_lint.conventions import Conventions, learn
from scfm_lint.document.model import Document, Heading
from scfm_lint.document.parse import parse_document
from scfm_lint.document.source import read_source
from scfm_lint.engine.run import lint
from scfm_lint.errors import ScfmLintError, UsageError
from scfm_lint.fixing.apply import apply_edits, unified_diff, write_atomic
from scfm_lint.paperlist.house import spell_venue
from scfm_lint.verify.ids import Identifier, identify

EXIT_ADDED, EXIT_LISTED = 0, 1


@dataclass
class Target:
    """What is known of the paper to add, growing as the command learns it."""

    ident: Identifier | None
    url: str
    same: set[Identifier] = field(default_factory=set)
    """Identifiers of the paper itself (a link naming one lists it)."""
    twins: set[Identifier] = field(default_factory=set)
    """Its published version's or preprint's identifiers."""
    requests: dict[str, int] = field(default_factory=dict)


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


def _parse(text: str, path: str, config: Config) -> Document:
    return parse_document(
        text,
        path,
        catalog_heading=config.catalog.heading,
        excluded_sections=list(config.sections.exclude),
    )


def _refuse(doc: Document, listed: list[Listed], heading: Heading, allow: bool) -> bool:
    """Name the entries that list the paper; True when that stops the add."""
    blocking = [x for x in listed if not allow or x.entry.section == heading.index]
    for item in blocking or listed:
        e = item.entry
        where = doc.section_title(e.section)
        word = "already listed" if blocking else "cross-listed (--allow-cross-list)"
        print(
            f"{doc.path}:{e.line}: {word} under {where!r}: {item.reason}: {e.title}",
            file=sys.stderr,
        )
    return bool(blocking)


def _paper(args: argparse.Namespace, text: str | None, doc: Document, conv: Conventions) -> Target:
    """The identifier and canonical URL of the paper the command line names."""
    if text or args.title is None:
        ident, given = parse_identifier(text or args.url)
    else:
        ident, given = None, None
    if args.url:
        given = args.url
        ident = ident or identify(args.url)
    if ident is None:
        if not given:
            raise UsageError("offline: pass --url (or IDENTIFIER) for the link")
        return Target(None, given)
    habit = rxiv_version_habit(doc)
    url = canonical_url(ident, given, doi_form=conv.doi.value, rxiv_version=habit)
    paper = Target(ident, url, {ident})
    if ident.scheme in ("biorxiv", "medrxiv"):
        paper.same.add(Identifier("doi", ident.value))
    return paper


def _draft(args: argparse.Namespace, paper: Target, doc: Document, config: Config) -> Draft:
    """The entry's facts: from the command line (``--title``), else from the service."""
    venue = spell_venue([args.venue], doc, config.venues) if args.venue else None
    if args.title is not None:
        if not args.title.strip() or args.year is None:
            raise UsageError("offline: pass --title and --year (and --venue, --url)")
        return Draft(clean_title(args.title), args.year, venue, paper.url)
    try:
        from scfm_lint.compose.fetch import lookup  # aiohttp: only when a request is needed
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] == "scfm_lint":
            raise
        raise UsageError(
            f"fetching metadata needs the 'links' extra (aiohttp, yarl); {exc.name} is not"
            " installed: pip install 'scfm-lint[links]', or compose offline with --title,"
            " --year, --venue and --url"
        ) from None

    assert paper.ident is not None
    ident = paper.ident
    fetched = lookup(ident, config.verify, use_cache=not args.no_cache)
    paper.requests = fetched.requests
    found = fetched.lookup.paper
    if found is None:
        if fetched.lookup.missing:
            raise UsageError(f"{ident}: no such paper ({ident.service} says so)")
        raise UsageError(f"{ident}: {ident.service} gave no answer: {fetched.lookup.reason}")
    paper.same |= aliases(found.doi)
    # preprint_doi (Crossref has-preprint) comes with the verify parsers' real shapes.
    paper.twins = aliases(found.published_doi) | aliases(getattr(found, "preprint_doi", None))
    draft = draft_from_paper(found, paper.url, doc, config.venues)
    return replace(draft, year=args.year or draft.year, venue=venue or draft.venue)


def _check(doc: Document, config: Config, new: str, line: int) -> None:
    """Parse the result before writing it: one entry more, every old one kept; and say
    what ``check`` finds on the new line (nothing, when the conventions were read right)."""
    after = _parse(new, doc.path, config)
    lost = Counter(e.raw for e in doc.entries) - Counter(e.raw for e in after.entries)
    if len(after.entries) != len(doc.entries) + 1 or lost:
        raise ScfmLintError(f"{doc.path}: the new entry would not parse as one item; not written")
    for finding in lint(after, config):
        if finding.line == line:
            print(f"{doc.path}:{line}: note: {finding.code} {finding.message}", file=sys.stderr)


def _cost(requests: dict[str, int], offline: bool) -> str:
    total = sum(requests.values())
    if not total:
        return "no request" if offline else "from the cache"
    each = ", ".join(f"{n} to {name}" for name, n in sorted(requests.items()))
    return f"{total} request{'s' * (total != 1)}: {each}"


def run(args: argparse.Namespace) -> int:
    """Add the paper the command line names; the exit code."""
    text, path, offline = _names(args)
    config = load_config(Path(path), args.config)
    doc = _parse(read_source(path), path, config)
    heading = find_section(doc, args.section)
    entries = section_list(doc, heading)
    conventions = learn(doc, config)
    paper = _paper(args, text, doc, conventions)
    threshold = config.duplicates.title_similarity
    early = already_listed(doc, paper.same, (), paper.url, "", threshold)  # before a request
    if early and _refuse(doc, early, heading, args.allow_cross_list):
        return EXIT_LISTED
    draft = _draft(args, paper, doc, config)
    listed = already_listed(doc, paper.same, paper.twins, draft.url, draft.title, threshold)
    if listed and _refuse(doc, listed, heading, args.allow_cross_list):
        return EXIT_LISTED
    body = render(draft, learn_style(conventions, entries, doc.entries))
    mode = conventions.direction_of(heading.index)
    sequential = conventions.numbering_of(entries[0].list_id).value == "sequential"
    placed = insertion(doc, entries, position(entries, draft.year, mode), body, sequential)
    new = apply_edits(doc.text, placed.edits)
    _check(doc, config, new, placed.line)
    if args.diff:
        sys.stdout.write(unified_diff(path, doc.text, new))
    else:
        write_atomic(path, new)
        print(new.splitlines()[placed.line - 1])
    verb = "would add" if args.diff else "added"
    print(
        f"{path}:{placed.line}: {verb} under {heading.text!r} ({_cost(paper.requests, offline)})",
        file=sys.stderr,
    )
    return EXIT_ADDED
