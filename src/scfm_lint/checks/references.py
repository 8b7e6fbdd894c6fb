"""Anchors and local files: every ``#anchor`` resolves and every relative link exists on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
import re
from urllib.parse import unquote, urlsplit

from scfm_lint.checks.registry import Context, Hit, rule
from scfm_lint.engine.finding import Severity

# An HTML element's id or name is an anchor too (``<a name="top"></a>``, ``<div id="x">``).
_HTML_ANCHOR = re.compile(r"<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*[\"']?([^\"'\s>]+)")


@rule(
    "SCF211",
    "broken-anchor",
    Severity.ERROR,
    "an #anchor link points to no heading",
    """
What it does: flags every link of the form `#anchor` (in entries, prose and HTML) whose
anchor is not the GitHub anchor of any heading of the document, nor the `id` or `name` of
an HTML element (`<a name="top"></a>`). Catalog links are left to SCF202.
Why is this bad? The link does nothing on GitHub; usually a heading was renamed.
Example: `see [Multimodal scFMs](#multimodal-scfm)` when the heading gives `#multimodal-scfms`.
Fix: use the heading's anchor (lower case, punctuation dropped, spaces as hyphens).
""",
)
def broken_anchor(ctx: Context) -> Iterator[Hit]:
    doc = ctx.doc
    anchors = {h.anchor.lower() for h in doc.headings}
    if "<" in doc.text:
        anchors.update(
            m.group(1).lower()
            for n, line in enumerate(doc.lines, 1)
            if "<" in line and n not in doc.code_lines
            for m in _HTML_ANCHOR.finditer(line)
        )
    catalog = doc.catalog
    for link in doc.links:
        if not link.url.startswith("#") or link.url == "#":
            continue
        if catalog is not None and catalog.line <= link.line <= catalog.end_line:
            continue
        if unquote(link.url[1:]).lower() not in anchors:
            yield Hit(link.line, link.column, f"link {link.url!r} matches no heading")


_WEB = ("http://", "https://", "mailto:")


def _local_target(url: str) -> str | None:
    """The path of a relative link, or None for URLs, anchors and e-mail addresses."""
    if not url or url.startswith(("#", "//")) or url[:8].lower().startswith(_WEB):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    return unquote(parts.path) or None


def _repository_root(folder: Path) -> Path:
    """The nearest folder holding ``.git`` (GitHub resolves ``/x`` there), else ``folder``."""
    resolved = folder.resolve()
    for candidate in (resolved, *resolved.parents):
        if (candidate / ".git").exists():
            return candidate
    return resolved


@rule(
    "SCF212",
    "missing-local-file",
    Severity.ERROR,
    "a relative link points to a file that does not exist",
    """
What it does: flags every relative link (`figs/evo_tree.png`, `docs/CONTRIBUTING.md`),
including `<a href>` and `<img src>` inside HTML blocks, whose file does not exist relative
to the linted file.
Why is this bad? A missing image shows as a broken icon and a missing document as a 404 on
GitHub; usually a file was moved or not committed.
Example: `<img src="figs/evo_tree.png">` when `figs/` holds `evo-tree.png`.
Fix: correct the path or commit the file.
""",
)
def missing_file(ctx: Context) -> Iterator[Hit]:
    base = Path(ctx.doc.path).parent
    root: Path | None = None
    for link in ctx.doc.links:
        target = _local_target(link.url)
        if target is None:
            continue
        if target.startswith("/"):
            root = root or _repository_root(base)
            path = root / target.lstrip("/")
        else:
            path = base / target
        if not path.exists():
            yield Hit(link.line, link.url_column or link.column, f"local file {target!r} not found")
