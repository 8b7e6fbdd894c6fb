"""Entry format: ``1. [YEAR VENUE] **Title** [[label]](url)`` with `` · `` between links."""

from __future__ import annotations

from collections.abc import Iterator
import datetime

from scfm_lint.checks.registry import Context, Hit, rule
from scfm_lint.engine.finding import Severity

_FORMAT = "`1. [YEAR VENUE] **Title** [[paper]](https://...)`"
_LABELLED = frozenset({"markdown", "reference"})


def _problems(ctx: Context, *kinds: str) -> Iterator[tuple[int, int, str, str]]:
    for entry in ctx.doc.entries:
        for p in entry.problems:
            if p.kind in kinds:
                yield p.line or entry.line, p.column, p.kind, p.detail


def _only_markers(title: str) -> bool:
    """``****`` or ``__``: markdown-it reads empty bold markers as plain text, not as a title."""
    return not title.strip("*_ ")


@rule(
    "SCF101",
    "missing-venue",
    Severity.ERROR,
    "the entry's tag has a year but no venue",
    """
What it does: flags an entry whose tag is only a year, such as `[2024]`.
Why is this bad? Readers scan the list by venue, and the paper-list rules (venue spelling,
venue against the URL) cannot check what is missing.
Example: `1. [2024] **Single-cell metadata as language** [[paper]](https://...)`.
Fix: add the venue after the year: `[2024 Blog]`, `[2024 bioRxiv]`.
""",
)
def missing_venue(ctx: Context) -> Iterator[Hit]:
    for e in ctx.doc.entries:
        if e.tag_column and e.year_text and not e.venue:
            yield Hit(e.line, e.tag_column, f"tag [{e.year_text}] has no venue: write [YEAR VENUE]")


@rule(
    "SCF102",
    "bad-year",
    Severity.ERROR,
    "the tag's year is not four digits or is out of range",
    """
What it does: flags a tag whose first word is not a four-digit year between `entries.year-min`
(default 1950) and next year (`entries.years-ahead`).
Why is this bad? Year ordering and the year-against-URL checks depend on it, and a typo such
as `[204 Nature]` or `[Nature 2024]` misplaces the paper.
Example: `1. [Nature 2024] **Title** [[paper]](...)`.
Fix: put the publication year first: `[2024 Nature]`.
""",
)
def bad_year(ctx: Context) -> Iterator[Hit]:
    settings = ctx.config.entries
    low = settings.year_min
    high = datetime.date.today().year + settings.years_ahead
    for e in ctx.doc.entries:
        if not e.tag_column:
            continue
        col = e.tag_column + 1
        if e.year_text is None:
            yield Hit(e.line, col, "tag has no year: write [YEAR VENUE]")
        elif e.year is None:
            yield Hit(e.line, col, f"tag year {e.year_text!r} is not a four-digit year")
        elif not low <= e.year <= high:
            yield Hit(e.line, col, f"tag year {e.year} is outside {low}..{high}")


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
    for line, col, _, detail in _problems(ctx, "title-not-bold"):
        if _only_markers(detail):
            continue
        yield Hit(line, col, f"title is not bold: write **{detail}**")


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
    for line, col, kind, detail in _problems(ctx, "empty-title", "title-not-bold"):
        if kind == "empty-title" or _only_markers(detail):
            yield Hit(line, col, "entry has no title")


@rule(
    "SCF105",
    "unknown-link-label",
    Severity.WARNING,
    "a link label is not one of the allowed labels",
    """
What it does: flags a link whose label (the text inside `[[...]]`) is not in the allowed set,
`entries.labels` in the config (paper, code, blog, portal, homepage, website, dataset, project
and a few more).
Why is this bad? Labels tell readers what is behind a link before they click; free-form labels
(`[[Paper Link]]`, `[[pdf v2]]`) drift from the list's vocabulary.
Example: `[[Paper Link]](https://...)`.
Fix: use one of the allowed labels, or add the label to `entries.labels` in `.scfm-lint.yaml`.
""",
)
def unknown_label(ctx: Context) -> Iterator[Hit]:
    allowed = set(ctx.config.entries.labels)
    for e in ctx.doc.entries:
        for link in e.links:
            if link.kind in _LABELLED and link.label.lower() not in allowed:
                yield Hit(link.line, link.column, f"link label {link.label!r} is not allowed")


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
    for line, col, _, detail in _problems(ctx, "empty-link-target"):
        yield Hit(line, col, f"link [[{detail}]] has an empty target")


@rule(
    "SCF107",
    "stray-text",
    Severity.WARNING,
    "text outside the tag, title and links",
    """
What it does: flags text in an entry that is not part of the tag, the bold title, the links or
the ` · ` separators between links (for example a trailing note, or a comma between links).
Why is this bad? The format keeps every entry machine-readable; stray words are usually a
misplaced part of the title or a note that belongs elsewhere.
Example: `1. [2024 Nature] **Title** [[paper]](...), [[code]](...) (oral)`.
Fix: move the text into the title or the tag, or separate links with ` · `.
""",
)
def stray_text(ctx: Context) -> Iterator[Hit]:
    for e in ctx.doc.entries:
        for p in e.problems:
            if p.kind in ("stray-text", "text-before-links"):
                where = "after the links" if p.kind == "stray-text" else "between title and links"
                yield Hit(p.line or e.line, p.column, f"stray text {where}: {p.detail[:40]!r}")
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
    for line, col, _, detail in _problems(ctx, "bare-url"):
        yield Hit(line, col, f"bare URL {detail[:60]!r}: write it as [[paper]](URL)")


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

    for e in ctx.doc.entries:
        for p in e.problems:
            if p.kind != "space-before-colon":
                continue
            line = p.line or e.line
            start = ctx.doc.offset(line, p.column)
            end = ctx.doc.text.find(":", start)
            fix = Fix((Edit(start, end, ""),), "remove the space before the colon")
            yield Hit(line, p.column, f"space before the colon after {p.detail!r}", fix=fix)


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
    messages = {
        "no-tag": "entry does not start with a [YEAR VENUE] tag",
        "no-link": "entry has no link",
        "link-brackets": "link written {detail} instead of [[label]](url)",
        "name-tag": "extra tag [**{detail}**]: put the model name in the title instead",
    }
    for line, col, kind, detail in _problems(ctx, *messages):
        short = detail if len(detail) < 50 else detail[:47] + "..."
        yield Hit(line, col, messages[kind].format(detail=short))
