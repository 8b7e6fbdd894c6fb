"""Split text into lines where markdown-it does, and map offsets to 1-based positions."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
import re

_LINE_BREAK = re.compile(r"\r\n?|\n")


def split_lines(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Lines without their endings, and the offset where each starts.

    Lines end where markdown-it ends them: at ``\\n``, ``\\r\\n`` and ``\\r`` only (not at
    the other breaks ``str.splitlines`` knows: U+2028, U+0085, form feed...). A final line
    break does not start another line.
    """
    if not text:
        return ("",), (0,)
    if "\r" not in text:
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()
        starts = accumulate(map(len, lines[:-1]), lambda pos, n: pos + n + 1, initial=0)
        return tuple(lines), tuple(starts)
    lines = []
    offsets = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        offsets.append(pos)
        lines.append(text[pos : m.start()])
        pos = m.end()
    if pos < len(text):
        offsets.append(pos)
        lines.append(text[pos:])
    return tuple(lines), tuple(offsets)


def position(offsets: Sequence[int], offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, given where each line starts."""
    line = bisect_right(offsets, offset)
    return line, offset - offsets[line - 1] + 1
