"""What an entry is made of, as written: tag, title, link forms, loose text (named tuples)."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class LinkKind(str, Enum):
    """How a link target is written (a ``str`` enum: compares equal to its value)."""

    MARKDOWN = "markdown"
    """An inline link ``[text](url)``."""
    REFERENCE = "reference"
    """``[x][ref]``, ``[x][]`` or ``[x]``: the URL is written in a definition elsewhere."""
    AUTOLINK = "autolink"
    """``<https://…>``."""
    BARE = "bare"
    """A URL written as plain text."""
    HTML = "html"
    """An ``href`` or ``src`` attribute inside HTML."""
    IMAGE = "image"
    """``![alt](src)``."""

    def __str__(self) -> str:
        return self.value


class LinkForm(Enum):
    """The brackets around a Markdown link's text."""

    DOUBLE = "[[label]](url)"
    """The label in its own brackets, the list's format."""
    SINGLE = "[label](url)"
    """A plain Markdown link."""
    OUTER = "[[label](url)]"
    """A plain link with a ``[`` written right before it (and usually a ``]`` after)."""
    NONE = "none"
    """No brackets: an autolink, a bare URL, an image or an HTML attribute."""


class TagForm(Enum):
    """The shape of the bracketed tag that opens an entry."""

    YEAR_VENUE = "[YEAR VENUE]"
    """A word starting with a digit, then the venue (the list's format)."""
    VENUE_YEAR = "[VENUE YEAR]"
    """The venue, then a four-digit year."""
    YEAR_DASH_VENUE = "[YEAR-VENUE]"
    """Digits, a hyphen and the venue, in one word."""
    YEAR_ONLY = "[YEAR]"
    """Only a word starting with a digit."""
    VENUE_ONLY = "[VENUE]"
    """Words and no year, e.g. ``[Briefings in Bioinformatics]``."""
    EMPTY = "[]"
    """Nothing (or only blanks) between the brackets."""


class TitleMarkup(Enum):
    """How the title is set."""

    BOLD = "bold"
    """``**Title**`` or ``__Title__``."""
    PLAIN = "plain"
    """Plain text."""
    OTHER = "other"
    """Other emphasis, e.g. ``*Title*``."""
    NONE = "none"
    """No title text was found where the title belongs."""


class PieceKind(Enum):
    """What a piece of loose content in an entry's link part is."""

    TEXT = "text"
    """Plain text."""
    IMAGE = "image"
    """An image (a badge); :attr:`TextPiece.text` is ``![alt]``."""
    HTML = "html"
    """A visible inline HTML element (comments are not recorded)."""
    MARKUP = "markup"
    """Other inline markup: emphasis, code or strikethrough; the text is its marker."""


class Span(NamedTuple):
    """Where something is written: offsets into the text and the 1-based start position."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset after the last character."""
    line: int
    column: int


class Part(NamedTuple):
    """A piece of a tag, as written, and where."""

    text: str
    span: Span


class Tag(NamedTuple):
    """The bracketed tag at the start of an entry, split into its parts."""

    text: str
    """The whole tag with its brackets, e.g. ``[2024 Nature Methods]``."""
    span: Span
    form: TagForm
    year: Part | None = None
    """The year word as written (``2024``, or a malformed ``204``), if the form has one."""
    venue: Part | None = None
    """Everything after the year (or before it, for :attr:`TagForm.VENUE_YEAR`)."""
    marker: Part | None = None
    """Symbols written before the year, such as ``✨`` or ``⭐``."""
    note: Part | None = None
    """A note inside the venue text: after ``,``, ``;``, `` - `` or in parentheses (part of
    :attr:`venue`)."""
    name: Part | None = None
    """A second tag ``[**Name**]`` right after this one (an older form): the name."""


class Title(NamedTuple):
    """The entry's title: its text and markup."""

    text: str
    """The text without its markup, stripped; empty when there is none."""
    span: Span
    """Where the text starts (for a missing title: where it was expected)."""
    markup: TitleMarkup


class TextPiece(NamedTuple):
    """Content among an entry's links that is neither a link nor blank."""

    text: str
    """The stripped text (brackets of an ``[[label](url)]`` link left out)."""
    line: int
    column: int
    kind: PieceKind
    after_link: bool
    """Whether a bracketed or ``<>`` link comes before it in the entry."""
    has_url: bool = False
    """The text holds ``://``; its bare URLs are in :attr:`Entry.links`."""
