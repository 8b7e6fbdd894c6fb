"""Inline control comments that name no rule: a typo there silences nothing."""

from __future__ import annotations

from collections.abc import Iterator

from scfm_lint.checks.registry import RULES, Context, Hit, rule
from scfm_lint.engine.finding import Severity


def _column(line: str, word: str) -> int:
    """1-based column of ``word`` after the pragma's ``scfm-lint-`` (1 when not found)."""
    start = line.find("scfm-lint-")
    at = line.lower().find(word.lower(), max(start, 0))
    return at + 1 if at >= 0 else 1


@rule(
    "SCF291",
    "unknown-pragma-rule",
    Severity.WARNING,
    "an inline control comment names no rule",
    """
What it does: flags every word of a `<!-- scfm-lint-disable ... -->`,
`<!-- scfm-lint-enable ... -->` or `<!-- scfm-lint-disable-next-line ... -->` comment that
is neither a rule code (`SCF101`) nor a rule name (`missing-venue`), like ruff's check of
unknown codes in `noqa` comments. A reason after ` -- ` is not read.
Why is this bad? A misspelt code or name silences nothing, so the finding the author meant to
silence still shows, or, worse, the author believes a rule is off when it is not.
Example: `<!-- scfm-lint-disable-next-line SCF10 -->` or `<!-- scfm-lint-disable
missing-venu -->`.
Fix: write the code or the name as `scfm-lint rules` lists it, or remove the comment.
""",
)
def unknown_pragma_rule(ctx: Context) -> Iterator[Hit]:
    doc = ctx.doc
    if not doc.pragmas:
        return
    names = {r.name.lower() for r in RULES.values()}
    for pragma in doc.pragmas:
        text = doc.lines[pragma.line - 1] if pragma.line <= len(doc.lines) else ""
        words = (*pragma.codes, *pragma.names)
        unknown = [w for w in words if w.upper() not in RULES and w.lower() not in names]
        if unknown:
            listed = ", ".join(repr(w) for w in unknown)
            yield Hit(
                pragma.line,
                _column(text, unknown[0]),
                f"scfm-lint-{pragma.action} names no rule: {listed} (see 'scfm-lint rules';"
                " a reason goes after ' -- ')",
            )
