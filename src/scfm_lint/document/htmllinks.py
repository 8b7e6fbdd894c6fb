"""Link targets inside HTML (``<a href>``, ``<img src>``), found with the standard HTML parser."""

from __future__ import annotations

from html.parser import HTMLParser

_URL_ATTRS = frozenset({"href", "src"})


class _Collector(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source_lines = source.split("\n")
        self.found: list[tuple[int, int, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        src = self.source_lines[line - 1] if line - 1 < len(self.source_lines) else ""
        for name, value in attrs:
            if name not in _URL_ATTRS or value is None:
                continue
            label = next((v or "" for n, v in attrs if n == "alt"), "") or tag
            at = src.find(value, col)
            self.found.append((line - 1, (at if at >= 0 else col) + 1, value, label))


def html_links(source: str) -> list[tuple[int, int, str, str]]:
    """(line offset from the block's first line, 1-based column, URL, label) for each target."""
    collector = _Collector(source)
    collector.feed(source)
    collector.close()
    return collector.found
