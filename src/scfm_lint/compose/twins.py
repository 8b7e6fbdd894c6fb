"""Is the paper already listed? Same identifier, its preprint or published twin, or a
near-identical title."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
import contextlib
from dataclasses import dataclass

from scfm_lint.compose.identifier import parse_identifier
from scfm_lint.document.model import Document, Entry
from scfm_lint.errors import UsageError
from scfm_lint.paperlist.urlnorm import url_key
from scfm_lint.verify.ids import Identifier, identify
from scfm_lint.verify.match import titles_match, words


@dataclass(frozen=True, slots=True)
class Listed:
    """An entry that already lists the paper, and why we say so."""

    entry: Entry
    reason: str


def _idents_of(entry: Entry) -> Iterator[tuple[Identifier | None, str]]:
    for link in entry.links:
        yield identify(link.url), url_key(link.url)


def already_listed(
    doc: Document,
    same: Iterable[Identifier],
    twins: Iterable[Identifier],
    url: str,
    title: str,
    threshold: float,
) -> list[Listed]:
    """Entries of ``doc`` that list the paper: by one of its own identifiers (``same``),
    by a twin's (its published version or its preprint), by URL, or by title."""
    own, other = set(same), set(twins) - set(same)
    key = url_key(url)
    title = title if words(title) else ""  # a title of no words matches every title
    found: list[Listed] = []
    for entry in doc.entries:
        reason = None
        for ident, link_key in _idents_of(entry):
            if ident is not None and ident in own:
                reason = f"same identifier ({ident})"
            elif ident is not None and ident in other:
                reason = f"its twin ({ident}): the preprint or the published version"
            elif link_key == key:
                reason = "same URL"
            if reason:
                break
        if reason is None and title and entry.title and titles_match(entry.title, title, threshold):
            reason = "near-identical title"
        if reason is not None:
            found.append(Listed(entry, reason))
    return found


def aliases(doi: str | None) -> set[Identifier]:
    """Every identifier a link to ``doi`` may be read as (an arXiv DOI is an arXiv id)."""
    if not doi:
        return set()
    out = {Identifier("doi", doi)}
    with contextlib.suppress(UsageError):
        out.add(parse_identifier(doi)[0])
    return out
