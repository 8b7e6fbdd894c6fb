"""Longest ordered subsequences: which items of a list can stay where they are."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence


def longest_ordered(keys: Sequence[int], *, strict: bool = False) -> list[int]:
    """Positions of one longest increasing (``strict``) or non-decreasing run of ``keys``.

    Patience sorting, O(n log n). The items outside the run are the fewest that must move,
    which is how a misplaced item gives one finding instead of a cascade.
    """
    place = bisect_left if strict else bisect_right
    tails: list[int] = []  # tails[k]: smallest key ending a subsequence of length k + 1
    tail_pos: list[int] = []
    parent = [-1] * len(keys)
    for i, k in enumerate(keys):
        at = place(tails, k)
        if at == len(tails):
            tails.append(k)
            tail_pos.append(i)
        else:
            tails[at] = k
            tail_pos[at] = i
        parent[i] = tail_pos[at - 1] if at else -1
    out: list[int] = []
    i = tail_pos[-1] if tail_pos else -1
    while i != -1:
        out.append(i)
        i = parent[i]
    return out[::-1]
