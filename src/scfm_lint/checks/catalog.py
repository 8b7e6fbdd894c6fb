"""Catalog in sync: the table of contents lists every heading below it, as written."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

from scfm_lint.checks.catalog_fix import regenerate
from scfm_lint.checks.catalog_map import base_level, deepest_level, headings_below, resolve
from scfm_lint.checks.registry import Context, Hit, rule
from scfm_lint.document.model import CatalogItem, Document, Heading
from scfm_lint.engine.finding import Severity
from scfm_lint.util.sequences import longest_ordered


@rule(
    "SCF201",
    "catalog-missing-heading",
    Severity.ERROR,
    "a heading below the Catalog is not listed in it",
    """
What it does: flags every heading below the Catalog (the table of contents: the list under
the heading named by `catalog.heading`, default "Catalog", or else a list whose links all
point to headings, before the first section of entries) that no Catalog link points to, down
to the depth the Catalog covers: its shallowest level, and each deeper level of which it lists
at least half (`conventions.catalog-depth` pins it). A contents list of level-2 headings does
not have to list the level-3 ones. A heading that a broken Catalog link names is left to SCF202.
Why is this bad? Readers navigate the list from the Catalog; a section missing from it is a
section nobody finds. Contributors who add a section often forget the Catalog.
Example: a new `### Perturbation benchmarks` heading with no `- [Perturbation benchmarks]
(#perturbation-benchmarks)` line in the Catalog.
Fix: add a Catalog line at the heading's depth, in document order (`scfm-lint check --fix`
regenerates the Catalog).
""",
    fixable=True,
)
def missing_heading(ctx: Context) -> Iterator[Hit]:
    doc, catalog = ctx.doc, ctx.doc.catalog
    if catalog is None:
        return
    listed = {item.heading for item in catalog.items}
    # A heading that a broken Catalog link evidently means is reported once, by SCF202.
    meant = {h.index for item in catalog.items if (h := _meant(doc, item)) is not None}
    fix = None
    for h in headings_below(doc, catalog, deepest_level(ctx, catalog)):
        if h.index not in listed and h.index not in meant:
            fix = fix or regenerate(ctx)
            yield Hit(
                h.line,
                h.column,
                f"heading {h.text!r} (#{h.anchor}) is missing from the Catalog",
                fix=fix,
            )


def _meant(doc: Document, item: CatalogItem) -> Heading | None:
    """The heading a broken Catalog link names by its text, if any."""
    if item.heading is not None or _anchor_exists(doc, item):
        return None
    text = " ".join(item.text.split()).casefold()
    return next((h for h in doc.headings if " ".join(h.text.split()).casefold() == text), None)


def _anchor_exists(doc: Document, item: CatalogItem) -> bool:
    """Whether the item's ``#target`` is an anchor of the document (a heading's or HTML's)."""
    if not item.target.startswith("#"):
        return False
    target = unquote(item.target[1:]).lower()
    return any(a.lower() == target for a in doc.anchors)


@rule(
    "SCF202",
    "catalog-broken-link",
    Severity.ERROR,
    "a Catalog link points to no heading",
    """
What it does: flags a Catalog link whose `#anchor` matches no anchor of the document: no
heading's (GitHub's anchors: lower case, punctuation dropped, spaces as hyphens, `-1`, `-2`
for repeats) and no HTML `id` or `<a name>` (`<a name="KD"></a>` before `## KD`).
Why is this bad? The link does nothing when clicked; usually a heading was renamed or removed.
Example: `- [Benchmarks](#benchmark)` when the heading is `## Benchmarks`.
Fix: point the link at the heading's anchor, or remove the line if the section is gone.
""",
    fixable=True,
)
def broken_link(ctx: Context) -> Iterator[Hit]:
    doc, catalog = ctx.doc, ctx.doc.catalog
    if catalog is None:
        return
    fix = None
    for item in catalog.items:
        if item.heading is not None or _anchor_exists(doc, item):
            continue
        fix = fix or regenerate(ctx)
        guess = _meant(doc, item)
        hint = f"; did you mean #{guess.anchor}?" if guess else ""
        yield Hit(
            item.line,
            item.column,
            f"Catalog link {item.target!r} matches no heading{hint}",
            suggestion=f"#{guess.anchor}" if guess else None,
            fix=fix,
        )


@rule(
    "SCF203",
    "catalog-text-mismatch",
    Severity.WARNING,
    "a Catalog link's text differs from its heading",
    """
What it does: flags a Catalog link whose text is not the text of the heading it points to.
Why is this bad? The Catalog should read like the document; a stale text (a heading that was
renamed, a plural added on one side) confuses readers and hides which section is meant.
Example: `- [Foundation Models for Bulk Transcriptomes](#foundation-models-for-bulk-transcriptome)`
pointing at `## Foundation Models for Bulk Transcriptome`.
Fix: copy the heading's text into the Catalog line.
""",
    fixable=True,
)
def text_mismatch(ctx: Context) -> Iterator[Hit]:
    doc, catalog = ctx.doc, ctx.doc.catalog
    if catalog is None:
        return
    fix = None
    for item in catalog.items:
        h = resolve(doc, item)
        if h is not None and " ".join(item.text.split()) != " ".join(h.text.split()):
            fix = fix or regenerate(ctx)
            yield Hit(
                item.line,
                item.column,
                f"Catalog text {item.text!r} differs from heading {h.text!r} (line {h.line})",
                related_line=h.line,
                suggestion=h.text,
                fix=fix,
            )


@rule(
    "SCF204",
    "catalog-wrong-depth",
    Severity.ERROR,
    "a Catalog link is nested at the wrong depth for its heading",
    """
What it does: flags a Catalog link whose nesting depth does not match its heading's level
(the shallowest heading level the Catalog lists is depth 0, the next level depth 1...).
Why is this bad? The Catalog's indentation shows which sections belong to which; a wrong depth
files a subsection under the wrong parent.
Example: a `####` heading listed at the same indentation as a `###` heading.
Fix: indent the Catalog line to its heading's depth.
""",
    fixable=True,
)
def wrong_depth(ctx: Context) -> Iterator[Hit]:
    doc, catalog = ctx.doc, ctx.doc.catalog
    if catalog is None or not catalog.items:
        return
    base = base_level(doc, catalog)
    fix = None
    for item in catalog.items:
        h = resolve(doc, item)
        if h is not None and h.level - base != item.depth:
            fix = fix or regenerate(ctx)
            yield Hit(
                item.line,
                item.column,
                f"Catalog link to {h.text!r} is at depth {item.depth}, "
                f"its heading (h{h.level}) belongs at depth {h.level - base}",
                related_line=h.line,
                fix=fix,
            )


@rule(
    "SCF205",
    "catalog-order",
    Severity.ERROR,
    "a Catalog link is out of document order",
    """
What it does: flags Catalog links that do not follow the order of their headings in the
document. Only the links that must move are reported (those outside the longest run that is
already in order), so one misplaced line gives one finding.
Why is this bad? A table of contents out of order sends readers up and down the page.
Example: `- [Surveys](#surveys)` listed before `- [Benchmarks](#benchmarks)` when the
Benchmarks section comes first.
Fix: move the line to its heading's place (`--fix` regenerates the Catalog).
""",
    fixable=True,
)
def catalog_order(ctx: Context) -> Iterator[Hit]:
    doc, catalog = ctx.doc, ctx.doc.catalog
    if catalog is None:
        return
    resolved = [(item, h) for item in catalog.items if (h := resolve(doc, item)) is not None]
    keep = set(longest_ordered([h.index for _, h in resolved], strict=True))
    fix = None
    first_line: dict[int, int] = {}
    for pos, (item, h) in enumerate(resolved):
        first = first_line.setdefault(h.index, item.line)
        if pos not in keep:
            fix = fix or regenerate(ctx)
            twice = first != item.line
            where = f"listed twice (first at line {first})" if twice else "out of order"
            yield Hit(
                item.line,
                item.column,
                f"Catalog link to {h.text!r} is {where} (heading at line {h.line})",
                related_line=h.line,
                fix=fix,
            )


@rule(
    "SCF206",
    "catalog-missing",
    Severity.WARNING,
    "a list with many sections has no Catalog",
    """
What it does: flags a document with at least `catalog.min-headings` headings (default 4) and
no table of contents: neither a heading named by `catalog.heading` (default "Catalog") nor a
list whose links all point to headings of the document, standing before the first section
of entries (under any heading, or none). The finding sits on the first heading.
Why is this bad? Without a table of contents every section is missing from it: readers of a
long list cannot see its structure or jump to a section, and the Catalog rules (SCF201-205)
have nothing to keep in sync.
Example: a list whose first line is `## Foundation-Model-Evaluation-For-Single-cell`, with five
more sections below and no `## Catalog`.
Fix: add a `## Catalog` heading with a nested list of links to every heading below it (or set
`catalog.heading` to the name the list uses, or `catalog.min-headings: 0`).
""",
)
def catalog_missing(ctx: Context) -> Iterator[Hit]:
    doc = ctx.doc
    least = ctx.config.catalog.min_headings
    if doc.catalog is not None or not least or len(doc.headings) < least:
        return
    first = doc.headings[0]
    name = ctx.config.catalog.heading
    yield Hit(
        first.line,
        first.column,
        f"{len(doc.headings)} headings but no table of contents: no {name!r} heading, "
        "no list of links to them before the first section",
    )
