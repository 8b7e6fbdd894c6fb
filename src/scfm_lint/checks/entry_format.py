"""Entry format: ``1. [YEAR VENUE] **Title** [[label]](url)`` with `` · `` between links."""

from __future__ import annotations

from collections.abc import Iterator
import datetime
import re

from scfm_lint.checks.entry_shape import judged, pattern
from scfm_lint.checks.registry import Context, Hit, rule
from scfm_lint.conventions import CONFIG, conventions_of
from scfm_lint.document.facts import LinkForm, LinkKind, PieceKind, TagForm, TitleMarkup
from scfm_lint.document.model import Entry, Link
from scfm_lint.engine.finding import Severity

_FORMAT = "`1. [YEAR VENUE] **Title** [[paper]](https://...)`"
_LABELLED = frozenset({LinkKind.MARKDOWN, LinkKind.REFERENCE})
_SEPARATORS = frozenset({"·", "|"})
_INVISIBLE = re.compile(r"</?a(?:\s+(?:id|name)\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))*\s*/?>", re.I)
_SPACE_COLON = re.compile(r"^([^\s:][^:]{0,60}?)(\s+):")


def _only_markers(title: str) -> bool:
    """``****`` or ``__``: markdown-it reads empty bold markers as plain text, not as a title."""
    return not title.strip("*_ ")


def _short(text: str) -> str:
    return text if len(text) < 50 else text[:47] + "..."


@rule(
    "SCF101",
    "missing-venue",
    Severity.ERROR,
    "the entry's tag has a year but no venue",
    """
What it does: flags an entry whose tag is only a year, such as `[2024]` (unless
`conventions.tag: year` says the list writes years only: a list that leaves out every venue
still leaves them out, so this is never learned).
Why is this bad? Readers scan the list by venue, and the paper-list rules (venue spelling,
venue against the URL) cannot check what is missing.
Example: `1. [2024] **Single-cell metadata as language** [[paper]](https://...)`.
Fix: add the venue after the year: `[2024 Blog]`, `[2024 bioRxiv]`.
""",
)
def missing_venue(ctx: Context) -> Iterator[Hit]:
    conv = conventions_of(ctx)
    if conv.tag.value == "year" and conv.tag.source == CONFIG:
        return
    form = pattern(conv)
    for e in judged(ctx):
        tag = e.tag
        if tag is not None and tag.form is TagForm.YEAR_ONLY and tag.year is not None:
            yield Hit(e.line, e.tag_column, f"tag [{tag.year.text}] has no venue: write {form}")


@rule(
    "SCF102",
    "bad-year",
    Severity.ERROR,
    "the tag's year is not four digits or is out of range",
    """
What it does: flags a tag with no year (unless `conventions.tag: venue` says the list writes
venues only), or a year that is not four digits or not between
`entries.year-min` (default 1950) and next year (`entries.years-ahead`). Where the year
stands (`[2024 Nature]`, `[Nature 2024]`, `[2024-Nature]`) is the list's own form: SCF112.
Why is this bad? Year ordering and the year-against-URL checks depend on it, and a typo such
as `[204 Nature]` misplaces the paper.
Example: `1. [204 Nature] **Title** [[paper]](...)`.
Fix: write the four-digit publication year: `[2024 Nature]`.
""",
)
def bad_year(ctx: Context) -> Iterator[Hit]:
    settings = ctx.config.entries
    low = settings.year_min
    high = datetime.date.today().year + settings.years_ahead
    conv = conventions_of(ctx)
    form = "" if conv.tag.value == "venue" and conv.tag.source == CONFIG else pattern(conv)
    for e in judged(ctx):
        message = _year_problem(e, low, high, form)
        if message:
            yield Hit(e.line, e.tag_column + 1, message)


def _year_problem(e: Entry, low: int, high: int, form: str) -> str:
    tag = e.tag
    if tag is None:
        return ""
    year = tag.year.text if tag.year is not None else None
    if year is None:
        return f"tag has no year: write {form}" if form else ""
    if e.year is None:
        return f"tag year {year!r} is not a four-digit year"
    if not low <= e.year <= high:
        return f"tag year {e.year} is outside {low}..{high}"
    return ""


@rule(
    "SCF103",
    "title-not-bold",
    Severity.ERROR,
    "the title is not written in **bold**",
    """
What it does: flags an entry whose title is plain or italic text instead of `**bold**`.
Why is this bad? The list's format sets titles in bold so they stand out from tags and
links, and the tools that read the list find the title by its bold markup.
Example: `1. [2024 Nature] Title [[paper]](...)` or `*Title*`.
Fix: wrap the title in `**`.
""",
)
def title_not_bold(ctx: Context) -> Iterator[Hit]:
    for e in judged(ctx):
        t = e.title_info
        if t is None or t.markup not in (TitleMarkup.PLAIN, TitleMarkup.OTHER) or not t.text:
            continue
        if not _only_markers(t.text):
            yield Hit(t.span.line, t.span.column, f"title is not bold: write **{t.text[:60]}**")


@rule(
    "SCF104",
    "empty-title",
    Severity.ERROR,
    "the entry has no title",
    """
What it does: flags an entry with no title text (for example `****` or a tag followed
directly by a link).
Why is this bad? An entry without a title tells the reader nothing and cannot be checked
for duplicates.
Example: `1. [2024 Nature] **** [[paper]](...)`.
Fix: write the paper's title in bold after the tag.
""",
)
def empty_title(ctx: Context) -> Iterator[Hit]:
    for e in judged(ctx):
        t = e.title_info
        if t is None:
            continue
        if not t.text or (t.markup is not TitleMarkup.BOLD and _only_markers(t.text)):
            yield Hit(t.span.line, t.span.column, "entry has no title")


@rule(
    "SCF105",
    "unknown-link-label",
    Severity.WARNING,
    "a rare link label looks like a slip for one the list uses",
    """
What it does: the link labels a list uses (the text inside `[[...]]`) are its vocabulary,
learned from the list: `[[code]]`, `[[data]]`, `[[Notes]]` or labels in any language are
all fine. The rule flags a rare label (used at most twice) that looks like a slip for a
common one (used at least 5 times) or one of `entries.labels`: within one edit for short
labels or two for longer ones (`[[papr]]`, `[[coder]]`), another case of a label the list
writes one way (`[[Paper]]` among many `[[paper]]`), or a label with a version tacked on
(`[[paper v2]]`). With `conventions.labels: [...]` the vocabulary is pinned: every other
label is flagged.
Why is this bad? Labels tell readers what is behind a link before they click; a misspelt
or one-off label drifts from the list's vocabulary.
Example: `[[papr]](https://...)` in a list of `[[paper]]` links.
Fix: write the label the message names, or pin the vocabulary in `conventions.labels`.
""",
)
def unknown_label(ctx: Context) -> Iterator[Hit]:
    conventions = conventions_of(ctx)
    if not conventions.suspect_labels:
        return
    suspects = dict(conventions.suspect_labels)
    uses = dict(conventions.labels.evidence)
    for e in judged(ctx):
        for link in e.links:
            if link.kind not in _LABELLED or link.label not in suspects:
                continue
            near = suspects[link.label]
            if near:
                used = uses.get(near, 0)
                why = f"used {used} times" if used else "one of entries.labels"
                message = f"link label {link.label!r} looks like a slip for {near!r} ({why})"
            else:
                message = f"link label {link.label!r} is not one of conventions.labels"
            yield Hit(link.line, link.column, message, suggestion=near or None)


@rule(
    "SCF106",
    "empty-link-target",
    Severity.ERROR,
    "a link has an empty target, as in [[paper]]()",
    """
What it does: flags a link whose URL is empty: `[[paper]]()`.
Why is this bad? The link goes nowhere; usually the URL was forgotten when the entry was added.
Example: `1. [2026 arXiv] **Title** [[paper]]()`.
Fix: paste the paper's URL between the parentheses.
""",
)
def empty_target(ctx: Context) -> Iterator[Hit]:
    for e in judged(ctx):
        for link in e.links:
            if link.kind in _LABELLED and not link.url.strip():
                yield Hit(link.line, link.column, f"link [[{link.label}]] has an empty target")


@rule(
    "SCF107",
    "stray-text",
    Severity.WARNING,
    "text outside the tag, title and links",
    """
What it does: flags text in an entry that is not part of the tag, the bold title, the links or
the ` · ` separators between links (for example a trailing note, or a comma between links).
A list whose entries mostly end with a note after their links (a tool name in parentheses,
a remark: learned by clear majority, or `conventions.trailing: text`) has notes as part of
its format: there only text between the title and the links is stray. HTML anchors
(`<a name="x"></a>`) show nothing and are not stray.
Why is this bad? The format keeps every entry machine-readable; stray words are usually a
misplaced part of the title or a note that belongs elsewhere.
Example: `1. [2024 Nature] **Title** [[paper]](...), [[code]](...) (oral)`.
Fix: move the text into the title or the tag, or separate links with ` · `.
""",
)
def stray_text(ctx: Context) -> Iterator[Hit]:
    notes = conventions_of(ctx).trailing.value == "text"
    for e in judged(ctx):
        trailing = e.trailing if notes else ()
        for p in e.texts:
            if p.kind is PieceKind.TEXT and (p.has_url or p.text in _SEPARATORS):
                continue
            if p.kind is PieceKind.HTML and _INVISIBLE.fullmatch(p.text):
                continue
            between = p.kind is PieceKind.TEXT and not p.after_link
            if p in trailing:
                continue
            where = "between title and links" if between else "after the links"
            yield Hit(p.line, p.column, f"stray text {where}: {p.text[:40]!r}")
            break


@rule(
    "SCF108",
    "bare-url",
    Severity.ERROR,
    "a URL is written bare instead of as [[label]](url)",
    """
What it does: flags a URL written as plain text or as an autolink `<https://...>` inside an
entry.
Why is this bad? Bare URLs carry no label, break the entry format and are often pasted by
mistake next to an existing link.
Example: `1. [2024 Nature] **Title** https://www.nature.com/articles/...`.
Fix: write `[[paper]](https://...)`.
""",
)
def bare_url(ctx: Context) -> Iterator[Hit]:
    for e in judged(ctx):
        for link in e.links:
            if link.kind is LinkKind.BARE or link.kind is LinkKind.AUTOLINK:
                message = f"bare URL {link.url[:60]!r}: write it as [[paper]](URL)"
                yield Hit(link.line, link.column, message)


@rule(
    "SCF109",
    "space-before-colon",
    Severity.WARNING,
    "a space before the colon after a model name",
    """
What it does: flags a title whose model name is followed by a space before the colon, as in
`**OCOO-T : A Simple ...**`.
Why is this bad? The list writes `Name: subtitle`; the stray space breaks model-name matching
in duplicate detection and looks like a typo.
Example: `**OCOO-T : A Simple and Scalable Virtual Cell Model**`.
Fix: remove the space: `**OCOO-T: A Simple ...**`.
""",
    fixable=True,
)
def space_before_colon(ctx: Context) -> Iterator[Hit]:
    from scfm_lint.engine.finding import Edit, Fix

    for e in judged(ctx):
        t = e.title_info
        if t is None or t.markup is not TitleMarkup.BOLD:
            continue
        colon = t.text.find(":")
        if colon < 2 or not t.text[colon - 1].isspace():
            continue  # the pattern needs blanks right before the first colon
        m = _SPACE_COLON.match(t.text)
        if m is None:
            continue
        start = t.span.start + len(m[1])
        end = ctx.doc.text.find(":", start)
        fix = Fix((Edit(start, end, ""),), "remove the space before the colon")
        line, col = t.span.line, t.span.column + len(m[1])
        yield Hit(line, col, f"space before the colon after {m[1]!r}", fix=fix)


@rule(
    "SCF110",
    "malformed-entry",
    Severity.ERROR,
    "the entry deviates from the list's format",
    f"""
What it does: flags an entry that deviates from the format {_FORMAT} in a way the other
SCF1xx rules do not name: no `[YEAR VENUE]` tag at the start, no link at all, a link written
`[paper](url)` or `[[paper](url)]` instead of `[[paper]](url)`, or an older second tag such as
`[2023 bioRxiv][**scGPT**]`.
Why is this bad? Every entry is read by the same rules; a deviating one is easy to misread
and is the first step of a list drifting into several formats.
Example: `1. [2024 bioRxiv] **Title** [[paper](https://...)]`.
Fix: rewrite the entry in the list's format.
""",
)
def malformed(ctx: Context) -> Iterator[Hit]:
    form = pattern(conventions_of(ctx))
    for e in judged(ctx):
        if e.tag is None:
            yield Hit(e.content_line, e.content_column, f"entry does not start with a {form} tag")
        elif e.tag.name is not None:
            name = _short(e.tag.name.text)
            where = e.tag.name.span
            message = f"extra tag [**{name}**]: put the model name in the title instead"
            yield Hit(where.line, where.column, message)
        for link in e.links:
            hit = _bracket_hit(link)
            if hit is not None:
                yield hit
        if not e.links:
            yield Hit(e.content_line, e.content_column, "entry has no link")


def _bracket_hit(link: Link) -> Hit | None:
    if link.kind not in _LABELLED or link.form is LinkForm.DOUBLE:
        return None
    outer = link.form is LinkForm.OUTER
    written = f"[[{link.label}]({link.url})]" if outer else f"[{link.label}]({link.url})"
    message = f"link written {_short(written)} instead of [[label]](url)"
    return Hit(link.line, link.column - 1 if outer else link.column, message)
