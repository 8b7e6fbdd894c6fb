"""Run the enabled checks over a document and turn their hits into sorted findings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from scfm_lint.checks.registry import Context, Rule, load_all
from scfm_lint.document.model import Document
from scfm_lint.engine.finding import Finding, Severity
from scfm_lint.engine.suppress import apply_pragmas
from scfm_lint.errors import ConfigError, UsageError


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(p.strip().upper()) for p in patterns if p.strip())


def check_codes(patterns: Iterable[str], rules: Mapping[str, Rule], where: str) -> None:
    """Reject a select/ignore pattern that names no rule."""
    for pattern in patterns:
        p = pattern.strip().upper()
        if p and not any(code.startswith(p) for code in rules):
            raise UsageError(f"{where}: {pattern!r} matches no rule code (see 'scfm-lint rules')")


def enabled_rules(config: Mapping[str, Any]) -> list[Rule]:
    """The rules that ``select`` and ``ignore`` leave on, in code order."""
    rules = load_all()
    select: Sequence[str] = config.get("select") or []
    ignore: Sequence[str] = config.get("ignore") or []
    check_codes(select, rules, "select")
    check_codes(ignore, rules, "ignore")
    return [
        r
        for code, r in sorted(rules.items())
        if (not select or _matches(code, select)) and not _matches(code, ignore)
    ]


def severity_overrides(config: Mapping[str, Any]) -> dict[str, Severity]:
    """``severity:`` from the config, validated."""
    out: dict[str, Severity] = {}
    rules = load_all()
    for code, value in (config.get("severity") or {}).items():
        if code not in rules:
            raise ConfigError(f"severity: unknown rule code {code!r}")
        try:
            out[code] = Severity.parse(str(value))
        except ValueError as exc:
            raise ConfigError(f"severity.{code}: {exc}") from None
    return out


def lint(
    doc: Document, config: Mapping[str, Any], rules: Sequence[Rule] | None = None
) -> list[Finding]:
    """Every finding of the enabled offline rules on ``doc``, silenced ones dropped, sorted."""
    active = enabled_rules(config) if rules is None else rules
    overrides = severity_overrides(config)
    ctx = Context(doc, config)
    findings: list[Finding] = []
    for r in active:
        if r.network:
            continue
        default = overrides.get(r.code, r.severity)
        for hit in r.check(ctx):
            severity = (
                hit.severity if hit.severity is not None and r.code not in overrides else default
            )
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
