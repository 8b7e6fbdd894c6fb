"""The rule registry: every check is a pure function registered with its identity."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
import importlib
import pkgutil
from typing import TYPE_CHECKING

from scfm_lint.document.model import Document
from scfm_lint.engine.finding import Finding, Fix, Severity

if TYPE_CHECKING:
    from scfm_lint.config.model import Config


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check yields: a place and a message; the engine adds the rule's identity."""

    line: int
    column: int
    message: str
    fix: Fix | None = None
    related_line: int | None = None
    suggestion: str | None = None
    severity: Severity | None = None
    """Overrides the rule's default severity for this one hit (e.g. certainty-graded duplicates)."""
    end_line: int | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What a check may read: the document and the typed configuration."""

    doc: Document
    config: Config
    """Defaults < project file < command line, validated (:mod:`scfm_lint.config`)."""


Check = Callable[[Context], Iterator[Hit]]
Fixer = Callable[[Context, Sequence[Finding]], Iterator[tuple[Finding, Fix]]]
"""A fix computed once the rule's findings are known (a list sorted as a whole): given the
findings of the rule that survived pragmas, yield each finding with its fix."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's identity and documentation."""

    code: str
    """Stable ``SCF###`` code; never reused."""
    name: str
    """Kebab-case name of the flagged pattern."""
    severity: Severity
    """Default severity."""
    summary: str
    """One line for ``scfm-lint rules``."""
    explanation: str
    """The paragraph ``scfm-lint rule CODE`` prints."""
    check: Check
    fixable: bool = False
    network: bool = False
    """Produced by the link checker rather than an offline check."""
    fixer: Fixer | None = None
    """Fixes the findings whose hits carry none (registered with ``@rule(fix=...)``)."""


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    explanation: str,
    *,
    fixable: bool = False,
    fix: Fixer | None = None,
) -> Callable[[Check], Check]:
    """Register an offline check under ``code``.

    A rule's fix comes with its hits (``Hit.fix``) or, when it needs every finding of the
    rule at once, from ``fix``; either way ``fixable`` is what ``scfm-lint rules`` shows.
    """

    def register(func: Check) -> Check:
        if code in RULES:
            raise RuntimeError(f"rule code {code} registered twice")
        RULES[code] = Rule(
            code,
            name,
            severity,
            summary,
            explanation.strip(),
            func,
            fixable or fix is not None,
            fixer=fix,
        )
        return func

    return register


def _no_offline_check(ctx: Context) -> Iterator[Hit]:
    return iter(())


def network_rule(code: str, name: str, severity: Severity, summary: str, explanation: str) -> None:
    """Register a rule whose findings the link checker produces (documentation only)."""
    if code in RULES:
        raise RuntimeError(f"rule code {code} registered twice")
    RULES[code] = Rule(
        code, name, severity, summary, explanation.strip(), _no_offline_check, network=True
    )


_loaded = False


def load_all() -> dict[str, Rule]:
    """Import every module of ``scfm_lint.checks`` so their rules register; return the registry."""
    global _loaded
    if not _loaded:
        from scfm_lint import checks

        for info in pkgutil.iter_modules(checks.__path__):
            importlib.import_module(f"scfm_lint.checks.{info.name}")
        _loaded = True
    return RULES
