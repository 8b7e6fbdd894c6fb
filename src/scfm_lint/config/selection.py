"""Which rules run, at what severity, and what fails the run: one object for every command."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from scfm_lint.config import read
from scfm_lint.config.read import At
from scfm_lint.engine.finding import Severity

if TYPE_CHECKING:
    from scfm_lint.checks.registry import Rule
    from scfm_lint.engine.finding import Finding

FAIL_ON = ("error", "warning", "info", "never")


def _registry() -> dict[str, Rule]:
    from scfm_lint.checks.registry import load_all

    return load_all()


def rule_codes(words: Iterable[str], at: At) -> tuple[str, ...]:
    """Code prefixes for ``words``: each a code, a code prefix or a rule name (kebab-case)."""
    rules = _registry()
    by_name = {r.name.lower(): code for code, r in rules.items()}
    out: list[str] = []
    for word in words:
        w = str(word).strip()
        if not w:
            continue
        if w.lower() in by_name:
            out.append(by_name[w.lower()])
        elif any(code.startswith(w.upper()) for code in rules):
            out.append(w.upper())
        else:
            at.fail(f"{w!r} matches no rule code or name (see 'scfm-lint rules')")
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Selection:
    """``select``, ``ignore``, ``severity`` and ``fail-on``, resolved to rule codes."""

    select: tuple[str, ...] = ()
    """Code prefixes to run; empty runs every rule."""
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    """Rule code -> severity that replaces the rule's own."""
    fail_on: str = "error"
    """The lowest severity that fails the run, or ``never``."""

    def enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)

    def rules(self) -> list[Rule]:
        """The enabled rules, in code order."""
        return [r for code, r in sorted(_registry().items()) if self.enabled(code)]

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code, default)

    def fails(self, findings: Iterable[Finding]) -> bool:
        """Whether any finding is at or above ``fail_on``."""
        if self.fail_on == "never":
            return False
        lowest = Severity.parse(self.fail_on)
        return any(f.severity >= lowest for f in findings)

    def overridden(
        self,
        *,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        fail_on: str | None = None,
        source: str = "",
    ) -> Selection:
        """This selection with the command line's options (named ``--select``...) on top."""
        changes: dict[str, Any] = {}
        if select:
            changes["select"] = rule_codes(select, At(source, "--select"))
        if ignore:
            changes["ignore"] = rule_codes(ignore, At(source, "--ignore"))
        if fail_on is not None:
            changes["fail_on"] = read.choice(fail_on, At(source, "--fail-on"), FAIL_ON)
        return replace(self, **changes)


def parse_selection(raw: Mapping[str, Any], source: str) -> Selection:
    """The top-level ``select``, ``ignore``, ``severity`` and ``fail-on`` keys."""
    top = At(source)
    severity: dict[str, Severity] = {}
    table = read.mapping(raw.get("severity"), top / "severity", "rule codes to severities")
    for word, level in table.items():
        at = top / "severity" / word
        codes = rule_codes([str(word)], at)
        exact = [c for c in _registry() if c == codes[0]]
        if not exact:
            at.fail("expected a rule code or name, not a prefix")
        try:
            severity[exact[0]] = Severity.parse(str(level))
        except ValueError as exc:
            at.fail(str(exc))
    return Selection(
        select=rule_codes(read.strings(raw.get("select"), top / "select", "codes"), top / "select"),
        ignore=rule_codes(read.strings(raw.get("ignore"), top / "ignore", "codes"), top / "ignore"),
        severity=MappingProxyType(severity),
        fail_on=read.choice(raw.get("fail-on", "error"), top / "fail-on", FAIL_ON),
    )
