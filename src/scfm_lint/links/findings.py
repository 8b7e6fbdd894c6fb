"""Turn verdicts into rows (one per link written) and findings (one per problem): pure.

With paper verification (``links --verify``) a row also carries its link's
:class:`~scfm_lint.verify.record.VerifyResult`, and its verdict is the page verdict settled
by :func:`~scfm_lint.verify.findings.settle`: a ``blocked`` or ``unchecked`` page whose paper
exists is ``ok`` (no SCF403/SCF405 any more), one whose identifier does not exist is ``dead``
(SCF401). The SCF4xx finding follows the settled verdict; SCF5xx findings say what the
metadata says, independently.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, replace
import re

from scfm_lint.checks.links_rules import CODES
from scfm_lint.document.model import Document, Link
from scfm_lint.engine.finding import Edit, Finding, Fix, Severity
from scfm_lint.links import urls
from scfm_lint.links.result import LinkResult
from scfm_lint.verify.findings import settle
from scfm_lint.verify.record import VerifyResult

Verified = Mapping[tuple[int, int, str], VerifyResult]
"""One document's verify results keyed by the link's ``(line, column, url)``."""

_SCHEMEY = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:?//|^https?:", re.IGNORECASE)
_DEFAULT_SEVERITY = {
    "dead": Severity.ERROR,
    "invalid": Severity.ERROR,
    "blocked": Severity.WARNING,
    "redirected": Severity.WARNING,
    "unchecked": Severity.INFO,
    "excluded": Severity.WARNING,
}


def is_web_link(url: str) -> bool:
    """Whether a link is meant for the web (``http:``, ``https:``, or any ``x://``).

    Relative paths, ``#anchors`` and ``mailto:`` are not; ``htps://`` is, so that the
    typo is reported as an invalid URL instead of being skipped.
    """
    return bool(_SCHEMEY.match(url.strip()))


def key_of(url: str) -> str:
    """The URL a link is checked as: normalized when valid, else as written."""
    return url if urls.problem(url) is not None else urls.normalize(url)


@dataclass(frozen=True, slots=True)
class Row:
    """One link as written in one document, with the verdict on its URL."""

    path: str
    link: Link
    result: LinkResult
    section: str
    entry_title: str | None
    verify: VerifyResult | None = None
    """The paper's verification, when it ran and the link belongs to an entry."""
    page_verdict: str | None = None
    """The page check's own verdict, when verification settled it into another."""

    @property
    def page(self) -> str:
        """The page check's verdict (before settling)."""
        return self.page_verdict or self.result.verdict

    def to_dict(self) -> dict[str, object]:
        """The JSON form of a link (``links`` array of the JSON report)."""
        r = self.result
        return {
            "path": self.path,
            "url": self.link.url,
            "line": self.link.line,
            "column": self.link.column,
            "kind": self.link.kind,
            "verdict": r.verdict,
            "page_verdict": self.page,
            "verify": self.verify.to_dict() if self.verify is not None else None,
            "status": r.status,
            "final_url": r.final_url,
            "suggestion": r.suggestion,
            "message": r.message,
            "section": self.section,
            "entry_title": self.entry_title,
            "cached": r.cached,
        }


def rows(
    doc: Document, results: Mapping[str, LinkResult], verified: Verified | None = None
) -> Iterator[Row]:
    """Every web link of ``doc`` that has a verdict in ``results`` (keyed by :func:`key_of`),
    with its paper's verification from ``verified`` and the verdict settled by it."""
    for link in doc.links:
        if not is_web_link(link.url):
            continue
        result = results.get(key_of(link.url))
        if result is None:
            continue
        title = doc.entries[link.entry].title if link.entry is not None else None
        section = doc.section_title(link.section)
        checked = verified.get((link.line, link.column, link.url)) if verified else None
        if checked is None:
            yield Row(doc.path, link, result, section, title or None)
            continue
        settled = settle(result.verdict, checked.verdict if checked.ident else None)
        if settled != result.verdict:
            page = result.verdict
            result = replace(result, verdict=settled)
            yield Row(doc.path, link, result, section, title or None, checked, page)
        else:
            yield Row(doc.path, link, result, section, title or None, checked)


def to_findings(
    doc: Document,
    results: Mapping[str, LinkResult],
    fail_on: Collection[str] = ("dead", "invalid"),
    severity: Mapping[str, Severity] | None = None,
    verified: Verified | None = None,
) -> list[Finding]:
    """One finding per link whose (settled) verdict is a problem, sorted; other producers
    merge them."""
    found = [finding(doc, row, fail_on, severity or {}) for row in rows(doc, results, verified)]
    return sorted(f for f in found if f is not None)


def finding(
    doc: Document, row: Row, fail_on: Collection[str], overrides: Mapping[str, Severity]
) -> Finding | None:
    """The finding for one row, or None when its verdict is ``ok``."""
    r = row.result
    if r.verdict not in CODES:
        return None
    code, name = CODES[r.verdict]
    severity = _DEFAULT_SEVERITY[r.verdict]
    if r.verdict in fail_on:
        severity = Severity.ERROR
    elif severity is Severity.ERROR:
        severity = Severity.WARNING
    severity = overrides.get(code, severity)
    link = row.link
    fix = None
    if r.suggestion and link.url_column:
        start = doc.offset(link.line, link.url_column)
        if doc.text[start : start + len(link.url)] == link.url:
            edit = Edit(start, start + len(link.url), r.suggestion)
            fix = Fix((edit,), f"replace with {r.suggestion}", safe=False)
    return Finding(
        row.path,
        link.line,
        link.column,
        code,
        name,
        severity,
        message(link.url, r, row),
        fix,
        suggestion=r.suggestion,
    )


def message(url: str, r: LinkResult, row: Row | None = None) -> str:
    """One sentence: what the verdict is, why, and where the link led."""
    if row is not None and row.page_verdict is not None and row.verify is not None:
        # Settled by the paper's metadata: the page could not tell, the identifier did.
        why = f": {r.message}" if r.message else ""
        return f"dead link: {url} ({row.verify.message}; the page was {row.page_verdict}{why})"
    words = {
        "dead": "dead link",
        "invalid": "invalid URL",
        "blocked": "could not verify (the host blocks automated checks)",
        "redirected": "permanently redirected link",
        "unchecked": "link not checked",
        "excluded": "link excluded, not checked",
    }[r.verdict]
    if r.verdict == "redirected":
        return f"{words} {url} -> {r.suggestion}"
    text = f"{words}: {url} ({r.message})" if r.message else f"{words}: {url}"
    if r.final_url and r.verdict != "redirected":
        text += f", ended at {r.final_url}"
    return text
