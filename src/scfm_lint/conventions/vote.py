"""Clear majorities: the thresholds every learned convention shares, and the vote itself."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from scfm_lint.conventions.model import CONFIG, DEFAULT, LEARNED, Convention

#: A value is a scope's convention when at least this share of its observations vote for it.
MAJORITY = 0.8
#: The whole document's year order needs only this share of its adjacent year pairs: one
#: misplaced entry turns a pair, and lists that share a year across many entries have few
#: pairs, so a few defects weigh heavily. A section keeps the document's order unless its
#: own pairs reach :data:`MAJORITY`.
ORDER_MAJORITY = 2 / 3
#: Fewer observations than this are too little evidence: the scope takes the document's value.
MIN_VOTES = 3


def tally(votes: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """Counts per value, most frequent first (ties by value, so the result is stable)."""
    counts = Counter(votes)
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def winner(
    evidence: tuple[tuple[str, int], ...], least: int = MIN_VOTES, majority: float = MAJORITY
) -> str | None:
    """The value holding ``majority`` of at least ``least`` observations, else None."""
    total = sum(n for _, n in evidence)
    if total < least or not evidence:
        return None
    value, n = evidence[0]
    return value if n >= majority * total else None


def decide(name: str, votes: Iterable[str], pinned: str | None, default: str) -> Convention[str]:
    """A document-wide word convention: the pin, else the clear winner, else ``default``."""
    evidence = tally(votes)
    if pinned is not None:
        return Convention(name, pinned, CONFIG, evidence)
    value = winner(evidence)
    if value is None:
        return Convention(name, default, DEFAULT, evidence)
    return Convention(name, value, LEARNED, evidence)
