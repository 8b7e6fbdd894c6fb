"""Edit distance and the "close enough to suggest" test for venue names."""

from __future__ import annotations


def distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of two neighbours costs one), or ``limit + 1``
    as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


def allowed_edits(text: str) -> int:
    """How many edits a typo of ``text`` may carry and still be recognised.

    Acronyms of four letters or fewer get none: ICCV, ICML and ACL differ from MICCAI, ICMR
    and ACM by one or two letters and are other venues, not typos.
    """
    n = len(text)
    if n <= 4:
        return 0
    if n <= 10:
        return 1
    return 2 if n <= 24 else 3
