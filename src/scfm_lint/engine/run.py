"""Run the enabled checks over a document and turn their hits into sorted findings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from scfm_lint.checks.registry import Context, Rule
from scfm_lint.config.load import as_config
from scfm_lint.config.model import Config
from scfm_lint.document.model import Document
from scfm_lint.engine.finding import Finding
from scfm_lint.engine.suppress import apply_pragmas


def lint(
    doc: Document, config: Config | Mapping[str, Any], rules: Sequence[Rule] | None = None
) -> list[Finding]:
    """Every finding of the enabled offline rules on ``doc``, silenced ones dropped, sorted."""
    cfg = as_config(config)
    selection = cfg.selection
    active = selection.rules() if rules is None else rules
    ctx = Context(doc, cfg)
    findings: list[Finding] = []
    for r in active:
        if r.network:
            continue
        default = selection.severity_of(r.code, r.severity)
        pinned = r.code in selection.severity
        for hit in r.check(ctx):
            severity = hit.severity if hit.severity is not None and not pinned else default
            findings.append(
                Finding(
                    doc.path,
                    hit.line,
                    hit.column,
                    r.code,
                    r.name,
                    severity,
                    hit.message,
                    hit.fix,
                    hit.related_line,
                    hit.end_line,
                    hit.suggestion,
                )
            )
    return sorted(apply_pragmas(doc, findings))
