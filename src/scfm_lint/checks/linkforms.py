"""Link forms that have one better spelling, unless the list links the other way throughout."""

from __future__ import annotations

from collections.abc import Iterator

from scfm_lint.checks.registry import Context, Hit, rule
from scfm_lint.conventions import conventions_of
from scfm_lint.engine.finding import Severity
from scfm_lint.util.textedit import arxiv_abs, https, link_fix

_WEB_KINDS = frozenset({"markdown", "autolink", "bare", "html"})


@rule(
    "SCF251",
    "arxiv-pdf-link",
    Severity.WARNING,
    "an arXiv link points at the PDF instead of the abstract page",
    """
What it does: flags an entry link to `arxiv.org/pdf/ID` (with or without a version or
`.pdf`) and offers the abstract page `arxiv.org/abs/ID` (the version is kept) as a safe fix.
A list whose arXiv links go to the PDF throughout (80% of them, at least 3) has that as its
house style and gets no finding; `conventions.arxiv: abs` pins the abstract page (and brings
the fixes back), `conventions.arxiv: pdf` turns the rule off.
Why is this bad? The abstract page shows the title, authors, versions and the published
venue, and links to the PDF; a PDF link downloads a file and hides which version is current.
Duplicate detection treats both forms as one paper, so the list only needs one spelling.
Example: `[[paper]](https://arxiv.org/pdf/2503.03485)`.
Fix: `--fix` writes `https://arxiv.org/abs/2503.03485`.
""",
    fixable=True,
)
def arxiv_pdf(ctx: Context) -> Iterator[Hit]:
    if conventions_of(ctx).arxiv.value == "pdf":
        return
    doc = ctx.doc
    for entry in doc.entries:
        for link in entry.links:
            new = arxiv_abs(link.url)
            if new is None:
                continue
            fix = link_fix(doc, link, new, safe=True)
            col = link.url_column or link.column
            yield Hit(link.line, col, f"arXiv PDF link: use {new}", fix=fix, suggestion=new)


@rule(
    "SCF252",
    "http-link",
    Severity.INFO,
    "a link uses plain http",
    """
What it does: flags an entry link that starts with `http://` and offers the `https://` form
as an unsafe fix (applied only with `--unsafe-fixes`, because not every host serves TLS:
run `scfm-lint links` afterwards to confirm the new URL). A list that links plain http
throughout (80% of its links, at least 3) has that as its house style and gets no finding;
`conventions.scheme: https` pins https (and brings the fixes back).
Why is this bad? Plain http is redirected by almost every publisher today, costs readers a
round trip, and can be tampered with on the way.
Example: `[[paper]](http://www.nature.com/articles/s41592-024-02201-0)`.
Fix: `--fix --unsafe-fixes` writes `https://...`.
""",
    fixable=True,
)
def http_link(ctx: Context) -> Iterator[Hit]:
    if conventions_of(ctx).scheme.value == "http":
        return
    doc = ctx.doc
    for entry in doc.entries:
        for link in entry.links:
            if link.kind not in _WEB_KINDS:
                continue
            new = https(link.url)
            if new is None:
                continue
            fix = link_fix(doc, link, new, safe=False)
            col = link.url_column or link.column
            yield Hit(link.line, col, "link uses http: use https", fix=fix, suggestion=new)
