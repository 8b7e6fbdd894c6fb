"""Turn verify verdicts into findings (SCF5xx) at the link's place: pure, no aiohttp."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from scfm_lint.checks.verify_rules import CODES, SEVERITY
from scfm_lint.engine.finding import Finding, Severity
from scfm_lint.verify.record import VerifyResult


def results_to_findings(
    results: Iterable[VerifyResult],
    path: str,
    *,
    severities: Mapping[str, Severity] | None = None,
    include_unknown: bool = False,
) -> list[Finding]:
    """One finding per link whose paper disagrees with its entry, sorted canonically.

    ``severities`` overrides the default severity by code (``{"SCF503": Severity.INFO}``);
    ``unknown`` verdicts (SCF506) are reported only with ``include_unknown``.
    """
    found: list[Finding] = []
    for result in results:
        if result.verdict == "exists" or (result.verdict == "unknown" and not include_unknown):
            continue
        code, name = CODES[result.verdict]
        severity = (severities or {}).get(code, SEVERITY[result.verdict])
        found.append(
            Finding(
                path=path,
                line=result.line,
                column=result.column,
                code=code,
                name=name,
                severity=severity,
                message=result.message,
                suggestion=result.suggestion,
            )
        )
    return sorted(found)


ALIVE = frozenset(
    {"exists", "title-mismatch", "year-mismatch", "venue-mismatch", "published", "retracted"}
)
"""Verify verdicts that prove the identifier, hence the link's target, exists."""


def settle(page: str, verify: str | None) -> str:
    """The link's verdict once its identifier has been verified.

    A page that could not be checked (``blocked``, ``unchecked``) is ``ok`` when its paper
    exists and ``dead`` when its identifier does not; a page the checker reached keeps its
    own verdict, which is first-hand.
    """
    if page not in ("blocked", "unchecked") or verify is None:
        return page
    if verify in ALIVE:
        return "ok"
    return "dead" if verify == "not-found" else page
