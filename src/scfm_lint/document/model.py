"""The parsed document: headings, Catalog, entries and links, each with 1-based positions.

Checks read only this model; they never see markdown-it tokens.
"""

from __future__ import annotations

from dataclasses import dataclass

from scfm_lint.document.facts import LinkForm, LinkKind, Span, Tag, TextPiece, Title, TitleMarkup


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
    kind: LinkKind
    """How the target is written; for an image the label is the alt text and the column
    that of the ``!``."""
    url_column: int = 0
    """1-based column where the URL text starts, 0 when unknown (always for ``reference``)."""
    entry: int | None = None
    """Index into :attr:`Document.entries` of the entry holding this link, if any: its own
    links (:attr:`Entry.links`) and those nested in its list item (sub-bullets, inline HTML,
    images)."""
    section: int | None = None
    """Index into :attr:`Document.headings` of the heading this link stands under, if any."""
    form: LinkForm = LinkForm.NONE
    """The brackets around a Markdown link's text."""
    span: Span | None = None
    """The link's source, from its ``[``, ``<`` or first URL character to its end (None
    for HTML attributes)."""


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
    heading: int | None = None
    """Index in :attr:`Document.headings` of the heading the target leads to: by the
    heading's GitHub anchor, or by an HTML ``id``/``name`` anchor written on the lines just
    before it; None when it leads to no heading."""


@dataclass(frozen=True, slots=True)
class Catalog:
    """The table of contents: the list under the configured Catalog heading or, when no
    heading has that name, the first list whose links all point to ``#anchors``, standing
    before the first entry (under any heading or none)."""

    heading: int | None
    """Index in :attr:`Document.headings` of the heading it stands under (None: none)."""
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
    levels: tuple[int, ...] = ()
    """Heading levels its items link to, distinct and sorted (``(2, 3)``): the depth it covers.
    A target resolves to a heading by its anchor, or by an HTML anchor on the lines just
    before the heading."""
    by_name: bool = True
    """Found by the configured heading name (False: recognised by its shape)."""

    @property
    def after(self) -> int:
        """:attr:`heading`, or -1 when it stands under none: the headings it can list have a
        greater index."""
        return -1 if self.heading is None else self.heading


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
    content_line: int
    """1-based line where the content starts (:attr:`line`, unless the item opens with a
    blank line or a block other than a paragraph)."""
    tag: Tag | None = None
    """The opening ``[...]`` tag split into its parts, None when the item has none."""
    title_info: Title | None = None
    """The title's text, place and markup (None only for an item with no content)."""
    links: tuple[Link, ...] = ()
    """The entry's own links (``[[label]](url)``, autolinks, bare URLs), in order. Links of
    a list nested in the item, images and inline HTML are only in :attr:`Document.links`,
    with :attr:`Link.entry` set to this entry."""
    texts: tuple[TextPiece, ...] = ()
    """Content after the title that is neither a link nor blank, in order (separators such
    as ``·`` included): notes, stray words, images, inline HTML."""
    year: int | None = None
    """The tag's year when it is four digits (any :class:`TagForm` with a year)."""
    venue: str | None = None
    """The tag's venue as written (None when missing)."""
    venue_column: int = 0
    """1-based column of the venue text, 0 when missing."""
    tag_column: int = 0
    """1-based column of the tag's ``[``, 0 when there is no tag."""
    title: str = ""
    """The title's text, without its markup."""
    title_column: int = 0
    """1-based column of the title text, 0 when there is no title."""

    @property
    def year_text(self) -> str | None:
        """The tag's year word as written (may be malformed), None without one."""
        return None if self.tag is None or self.tag.year is None else self.tag.year.text

    @property
    def title_bold(self) -> bool:
        """Whether the title is written in ``**bold**``."""
        return self.title_info is not None and self.title_info.markup is TitleMarkup.BOLD

    @property
    def trailing(self) -> tuple[TextPiece, ...]:
        """The pieces after the entry's last bracketed or ``<>`` link (a tool name, a note)."""
        last = max(
            ((lk.line, lk.column) for lk in self.links if lk.kind is not LinkKind.BARE),
            default=None,
        )
        if last is None:
            return ()
        return tuple(t for t in self.texts if (t.line, t.column) > last)

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
    tagged: int = 0
    """How many of its items open with a ``[...]`` tag; 0 means the list is not written in
    the entry format at all (``- [Tool](url) - description``)."""


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
    html_anchors: frozenset[str] = frozenset()
    """Anchor ids defined in HTML (blocks and inline): every ``id="..."`` and every
    ``<a name="...">``, as written."""

    @property
    def anchors(self) -> frozenset[str]:
        """Every ``#fragment`` this document defines: heading anchors and HTML anchors."""
        return self.html_anchors | {h.anchor for h in self.headings}

    def offset(self, line: int, column: int) -> int:
        """Offset into :attr:`text` of a 1-based line and column."""
        return self.line_offsets[line - 1] + column - 1

    def section_title(self, heading: int | None) -> str:
        """The text of a heading by index, or ``(top)`` for None."""
        return "(top)" if heading is None else self.headings[heading].text
