"""Link forms that have one better spelling, unless the list links the other way throughout."""

from __future__ import annotations

from collections.abc import Iterator
import re

from scfm_lint.checks.entry_shape import judged
from scfm_lint.checks.registry import Context, Hit, rule
from scfm_lint.conventions import CONFIG, conventions_of
from scfm_lint.conventions.links import doi_form
from scfm_lint.document.model import Link
from scfm_lint.engine.finding import Severity
from scfm_lint.util.textedit import arxiv_abs, https, link_fix

_WEB_KINDS = frozenset({"markdown", "autolink", "bare", "html"})
_ARXIV_ABS = re.compile(
    r"^(?P<base>https?://(?:www\.)?arxiv\.org)/abs/(?P<id>[\w./-]+)$", re.IGNORECASE
)


@rule(
    "SCF251",
    "arxiv-pdf-link",
    Severity.WARNING,
    "an arXiv link points at the PDF instead of the abstract page",
    """
What it does: flags an entry link to `arxiv.org/pdf/ID` (with or without a version or
`.pdf`) and offers the abstract page `arxiv.org/abs/ID` (the version is kept) as a safe fix.
A list whose arXiv links go to the PDF throughout (80% of them, at least 3) has that as its
house style and gets no finding, nor does a list where most (but fewer than 80%) do: it has
no house style to cite (`mixed`). `conventions.arxiv: abs` pins the abstract page (and
brings the fixes back); `pdf` or `mixed` turns the rule off.
Why is this bad? The abstract page shows the title, authors, versions and the published
venue, and links to the PDF; a PDF link downloads a file and hides which version is current.
Duplicate detection treats both forms as one paper, so the list only needs one spelling.
Example: `[[paper]](https://arxiv.org/pdf/2503.03485)`.
Fix: `--fix` writes `https://arxiv.org/abs/2503.03485`.
""",
    fixable=True,
)
def arxiv_pdf(ctx: Context) -> Iterator[Hit]:
    if conventions_of(ctx).arxiv.value != "abs":
        return
    doc = ctx.doc
    for entry in judged(ctx):
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
throughout (80% of its links, at least 3) has that as its house style and gets no finding,
nor does one where most links (but fewer than 80%) are http (`mixed`);
`conventions.scheme: https` pins https (and brings the fixes back).
Why is this bad? Plain http is redirected by almost every publisher today, costs readers a
round trip, and can be tampered with on the way.
Example: `[[paper]](http://www.nature.com/articles/s41592-024-02201-0)`.
Fix: `--fix --unsafe-fixes` writes `https://...`.
""",
    fixable=True,
)
def http_link(ctx: Context) -> Iterator[Hit]:
    if conventions_of(ctx).scheme.value != "https":
        return
    doc = ctx.doc
    for link in _web_links(ctx):
        new = https(link.url)
        if new is None:
            continue
        fix = link_fix(doc, link, new, safe=False)
        col = link.url_column or link.column
        yield Hit(link.line, col, "link uses http: use https", fix=fix, suggestion=new)


def arxiv_pdf_url(url: str) -> str | None:
    """The PDF form of an arXiv abstract-page link (version kept), or None."""
    m = _ARXIV_ABS.match(url)
    return None if m is None else f"{m['base']}/pdf/{m['id']}"


@rule(
    "SCF253",
    "link-form-mismatch",
    Severity.INFO,
    "a link departs from the form the list uses for such links",
    """
What it does: where a list links arXiv papers to the PDF throughout (learned from 80% of its
arXiv links, or pinned with `conventions.arxiv: pdf`), flags the abstract-page link that is
the odd one out and offers the PDF form as a safe fix. With `conventions.doi` pinned
(`doi.org` or `publisher`), it also flags each `[[paper]]` link written the other way (no
fix: the other form needs the DOI or the publisher's page). A learned `doi` form is shown by
`conventions` but not judged: `doi.org` links are the most stable form, and a list mixing
them with publisher pages is not wrong.
Why is this bad? One form per kind of link is the list's house style: readers know what a
click opens, and a reviewer sees at a glance which link was added differently.
Example: `[[paper]](https://arxiv.org/abs/2405.06708)` in a list that links every other
arXiv paper as `https://arxiv.org/pdf/...`.
Fix: `--fix` writes the PDF link; or pin `conventions.arxiv: abs` to prefer abstract pages
(SCF251 then flags the PDF links instead).
""",
    fixable=True,
)
def link_form_mismatch(ctx: Context) -> Iterator[Hit]:
    conventions = conventions_of(ctx)
    arxiv_pdf_house = conventions.arxiv.value == "pdf"
    doi = conventions.doi.value if conventions.doi.source == CONFIG else None
    if not arxiv_pdf_house and doi is None:
        return
    doc = ctx.doc
    for link in _web_links(ctx):
        col = link.url_column or link.column
        new = arxiv_pdf_url(link.url) if arxiv_pdf_house else None
        if new is not None:
            fix = link_fix(doc, link, new, safe=True)
            message = f"arXiv abstract link where the list links PDFs: use {new}"
            yield Hit(link.line, col, message, fix=fix, suggestion=new)
            continue
        form = doi_form(link) if doi is not None else None
        if form is not None and form != doi:
            message = f"paper linked through {form} where the list links through {doi}"
            yield Hit(link.line, col, message)


def _web_links(ctx: Context) -> Iterator[Link]:
    """The http(s) links of the entries the entry rules judge."""
    for entry in judged(ctx):
        for link in entry.links:
            if link.kind in _WEB_KINDS:
                yield link
