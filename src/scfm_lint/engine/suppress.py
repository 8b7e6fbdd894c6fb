"""Inline control comments: which findings the author silenced, line by line."""

from __future__ import annotations

from collections.abc import Iterable

from scfm_lint.document.model import Document, Pragma
from scfm_lint.engine.finding import Finding

_ALL = "*"
#: Prefix of a code re-enabled while every code is disabled (``-SCF101``).
_EXCEPT = "-"


def _codes(pragma: Pragma, by_name: dict[str, str]) -> set[str]:
    """The codes a pragma names: its codes and rule names; ``*`` when it names nothing at all.

    A word that is neither a code nor a rule name is ignored: a pragma whose words name no
    rule silences nothing (rather than everything).
    """
    if not pragma.codes and not pragma.names:
        return {_ALL}
    codes = set(pragma.codes)
    codes.update(by_name[name] for name in pragma.names if name in by_name)
    return codes


def _rule_names() -> dict[str, str]:
    from scfm_lint.checks.registry import load_all

    return {rule.name.lower(): code for code, rule in load_all().items()}


def _silenced(doc: Document) -> dict[int, set[str]]:
    """Line -> codes silenced there (``*`` for every code, ``-CODE`` for an exception to it)."""
    out: dict[int, set[str]] = {}
    if not doc.pragmas:
        return out
    active: set[str] = set()
    # Codes enabled again after a blanket disable, as ESLint and markdownlint do.
    exceptions: set[str] = set()
    pragmas = sorted(doc.pragmas, key=lambda p: p.line)
    pragma_lines = {p.line for p in pragmas}
    by_name = _rule_names() if any(p.names for p in pragmas) else {}
    next_line: list[tuple[int, set[str]]] = []
    last = len(doc.lines)
    idx = 0
    for line in range(1, last + 1):
        while idx < len(pragmas) and pragmas[idx].line == line:
            p = pragmas[idx]
            codes = _codes(p, by_name)
            if p.action == "disable":
                active |= codes
                exceptions = set() if _ALL in codes else exceptions - codes
            elif p.action == "enable":
                if _ALL in codes:
                    active, exceptions = set(), set()
                else:
                    active -= codes
                    if _ALL in active:
                        exceptions |= codes
            else:
                target = line + 1
                while target <= last and (
                    not doc.lines[target - 1].strip() or target in pragma_lines
                ):
                    target += 1
                next_line.append((target, codes))
            idx += 1
        if active:
            out.setdefault(line, set()).update(active)
            if _ALL in active:
                out[line].update(_EXCEPT + code for code in exceptions)
    # Applied last so that a next-line pragma wins over an exception of an enclosing range.
    for target, codes in next_line:
        silenced = out.setdefault(target, set())
        if _ALL in codes:
            silenced.difference_update([c for c in silenced if c.startswith(_EXCEPT)])
        silenced.difference_update(_EXCEPT + code for code in codes)
        silenced |= codes
    return out


def apply_pragmas(doc: Document, findings: Iterable[Finding]) -> list[Finding]:
    """Drop findings silenced by ``<!-- scfm-lint-disable ... -->`` comments."""
    silenced = _silenced(doc)
    if not silenced:
        return list(findings)
    kept = []
    for f in findings:
        codes = silenced.get(f.line)
        if codes and (f.code in codes or (_ALL in codes and _EXCEPT + f.code not in codes)):
            continue
        kept.append(f)
    return kept
