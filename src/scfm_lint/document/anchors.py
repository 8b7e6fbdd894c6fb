"""GitHub-style heading anchors, with ``-1``, ``-2`` suffixes for repeated headings."""

from __future__ import annotations

import unicodedata


def github_slug(text: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    out: list[str] = []
    for ch in text.lower():
        if ch == " ":
            out.append("-")
        elif ch in "-_" or ch.isalnum() or unicodedata.category(ch)[0] == "M":
            out.append(ch)
    return "".join(out)


class Slugger:
    """Hands out unique anchors in document order, as GitHub does for repeated headings."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = github_slug(text)
        result = base
        while result in self._seen:
            self._seen[base] += 1
            result = f"{base}-{self._seen[base]}"
        self._seen[result] = 0
        return result
