"""The parsed document: headings, Catalog, entries and links, each with 1-based positions.

Checks read only this model; they never see markdown-it tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Link:
    """A link target written in the document."""

    url: str
    """The target exactly as written (not normalized, not percent-encoded)."""
    label: str
    """The link text as a reader sees it (for ``[[paper]](u)`` this is ``paper``)."""
    line: int
    """1-based line of the link."""
    column: int
    """1-based column where the link starts (the ``[`` or ``<``, or the URL itself)."""
    kind: str
    """``markdown`` (inline link), ``autolink`` (``<http://…>``), ``bare`` (linkified URL),
    ``html`` (``href``/``src`` attribute inside HTML), ``reference`` (``[x][ref]``, ``[x][]``
    or ``[x]``: the URL is written in a definition elsewhere), ``image`` (``![alt](src)``:
    the label is the alt text, the column that of the ``!``)."""
    url_column: int = 0
    """1-based column where the URL text starts, 0 when unknown (always for ``reference``)."""
    entry: int | None = None
    """Index into :attr:`Document.entries` of the entry holding this link, if any: its own
    links (:attr:`Entry.links`) and those nested in its list item (sub-bullets, inline HTML,
    images)."""
    section: int | None = None
    """Index into :attr:`Document.headings` of the heading this link stands under, if any."""


@dataclass(frozen=True, slots=True)
class Heading:
    """An ATX or setext heading."""

    level: int
    """1 for ``#`` through 6 for ``######``."""
    text: str
    """The heading's plain text, as GitHub renders it (markup removed, whitespace kept)."""
    anchor: str
    """GitHub's anchor slug, with ``-1``, ``-2`` for repeats."""
    line: int
    """1-based line of the heading."""
    column: int
    """1-based column of the first character of the heading text."""
    index: int
    """Position in :attr:`Document.headings`."""
    parent: int | None = None
    """Index of the nearest enclosing heading of a lower level, if any."""


@dataclass(frozen=True, slots=True)
class CatalogItem:
    """One link of the Catalog (table of contents)."""

    text: str
    """The link text."""
    target: str
    """The link target as written (``#single-cell-foundation-models``)."""
    depth: int
    """Nesting depth in the Catalog's list: 0 for top-level items."""
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Catalog:
    """The table of contents under the configured Catalog heading."""

    heading: int
    """Index of the Catalog heading in :attr:`Document.headings`."""
    items: tuple[CatalogItem, ...]
    """Every link of the Catalog's list, in document order."""
    line: int
    """First line of the Catalog's list (0 when the heading has no list)."""
    end_line: int
    """Last line of the Catalog's list."""
    indent: int = 2
    """Spaces of indentation per nesting level, as written."""
    bullet: str = "-"
    """The bullet character the Catalog uses."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A deviation from the entry format, noticed while parsing (reported by SCF1xx checks)."""

    kind: str
    """A short key naming the deviation, e.g. ``title-not-bold``."""
    column: int
    """1-based column of the deviation."""
    detail: str = ""
    """Extra text for the message (the offending text)."""
    line: int = 0
    """1-based line of the deviation; 0 when it is the entry's first line (:attr:`Entry.line`)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One list item in a content section: one paper (or resource) of the list."""

    index: int
    """Position in :attr:`Document.entries`."""
    line: int
    """1-based line where the item starts."""
    end_line: int
    """1-based last line of the item."""
    column: int
    """1-based column of the list marker."""
    marker: str
    """The list marker as written: ``1.``, ``2)``, ``-``."""
    number: int | None
    """The number of an ordered marker; None for bullets."""
    list_id: int
    """Identifies the list the item belongs to; items of one list share it."""
    section: int | None
    """Index of the heading the entry stands under (None before any heading)."""
    raw: str
    """The item's source text after the marker (first line for multi-line items)."""
    content_column: int
    """1-based column where the content after the marker starts."""
    year: int | None = None
    """The tag's year, when it is four digits."""
    year_text: str | None = None
    """The tag's year token as written (may be malformed)."""
    venue: str | None = None
    """The tag's venue as written (None when missing)."""
    venue_column: int = 0
    """1-based column of the venue text, 0 when missing."""
    tag_column: int = 0
    """1-based column of the tag's ``[``, 0 when there is no tag."""
    title: str = ""
    """The title's text, without the ``**``."""
    title_column: int = 0
    """1-based column of the title text, 0 when there is no title."""
    title_bold: bool = False
    """Whether the title is written in ``**bold**``."""
    links: tuple[Link, ...] = ()
    """The entry's own links (``[[label]](url)``, autolinks, bare URLs), in order. Links of
    a list nested in the item, images and inline HTML are only in :attr:`Document.links`,
    with :attr:`Link.entry` set to this entry."""
    problems: tuple[Problem, ...] = field(default=())
    """Format deviations found while parsing."""

    @property
    def model_name(self) -> str | None:
        """The name before the title's first colon (``scGPT`` in ``scGPT: toward ...``)."""
        head, sep, _ = self.title.partition(":")
        head = head.strip()
        if not sep or not head or len(head) > 40 or len(head.split()) > 4:
            return None
        return head


@dataclass(frozen=True, slots=True)
class ListInfo:
    """One Markdown list inside a content section (nested lists are separate)."""

    list_id: int
    ordered: bool
    line: int
    """1-based line of the list's first item."""
    entries: tuple[int, ...]
    """Indexes of its items in :attr:`Document.entries`."""


@dataclass(frozen=True, slots=True)
class Pragma:
    """An inline control comment: ``<!-- scfm-lint-disable CODE -->`` and friends."""

    action: str
    """``disable``, ``enable`` or ``disable-next-line``."""
    codes: tuple[str, ...]
    """Rule codes (upper case); empty, with no :attr:`names` either, means every rule."""
    line: int
    names: tuple[str, ...] = ()
    """Other words naming rules (lower case): rule names such as ``missing-venue``, resolved
    to codes by :mod:`scfm_lint.engine.suppress`; a word that names no rule silences nothing."""


@dataclass(frozen=True, slots=True)
class Document:
    """The whole parsed file."""

    path: str
    """The path as the user named it."""
    text: str
    """The decoded file contents."""
    lines: tuple[str, ...]
    """``text`` split into lines without their line endings."""
    line_offsets: tuple[int, ...]
    """Offset into ``text`` where each line starts (index 0 is line 1)."""
    headings: tuple[Heading, ...]
    catalog: Catalog | None
    entries: tuple[Entry, ...]
    links: tuple[Link, ...]
    """Every link of the document (entries, prose, Catalog and HTML), in order."""
    lists: tuple[ListInfo, ...]
    pragmas: tuple[Pragma, ...]
    html_lines: frozenset[int] = frozenset()
    """Lines that belong to HTML blocks."""
    code_lines: frozenset[int] = frozenset()
    """Lines that belong to fenced or indented code blocks."""

    def offset(self, line: int, column: int) -> int:
        """Offset into :attr:`text` of a 1-based line and column."""
        return self.line_offsets[line - 1] + column - 1

    def section_title(self, heading: int | None) -> str:
        """The text of a heading by index, or ``(top)`` for None."""
        return "(top)" if heading is None else self.headings[heading].text
