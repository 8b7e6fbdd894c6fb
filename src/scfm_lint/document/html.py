"""HTML inside Markdown: link targets (``href``, ``src``), anchors (``id``, ``name``), pragmas."""

from __future__ import annotations

from html.parser import HTMLParser
import re

from scfm_lint.document.model import Pragma

_URL_ATTRS = frozenset({"href", "src"})
_PRAGMA = re.compile(r"<!--\s*scfm-lint-(disable-next-line|disable|enable)\b([^>]*?)-->")
_CODE = re.compile(r"SCF\d{3}", re.IGNORECASE)
_WORD = re.compile(r"[\w-]+")


class HtmlFacts:
    """What a piece of HTML holds; lines are 0-based from the HTML's first line."""

    __slots__ = ("anchors", "links")

    def __init__(self) -> None:
        self.links: list[tuple[int, int, str, str]] = []
        """(line, 1-based column of the value, URL, label) per ``href``/``src``."""
        self.anchors: list[tuple[int, str]] = []
        """(line, id) per ``id`` attribute and per ``<a name>``."""


class _Collector(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source_lines = source.split("\n")
        self.facts = HtmlFacts()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        src = self.source_lines[line - 1] if line - 1 < len(self.source_lines) else ""
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                if value.strip():
                    self.facts.anchors.append((line - 1, value))
                continue
            if name not in _URL_ATTRS:
                continue
            label = next((v or "" for n, v in attrs if n == "alt"), "") or tag
            at = src.find(value, col)
            self.facts.links.append((line - 1, (at if at >= 0 else col) + 1, value, label))


def read_html(source: str) -> HtmlFacts:
    """Link targets and anchors of ``source`` (cheap when it holds neither)."""
    if not any(word in source for word in ("href", "src", "id", "name")):
        return HtmlFacts()
    collector = _Collector(source)
    collector.feed(source)
    collector.close()
    return collector.facts


def pragmas(content: str, first_line: int) -> list[Pragma]:
    """The ``<!-- scfm-lint-... -->`` comments of HTML starting on ``first_line``."""
    found = []
    for m in _PRAGMA.finditer(content):
        line = first_line + content.count("\n", 0, m.start())
        # Words up to an optional `` -- reason``; ``SCF101:`` names SCF101.
        words = _WORD.findall(m.group(2).split(" -- ", 1)[0])
        codes = tuple(w.upper() for w in words if _CODE.fullmatch(w))
        names = tuple(w.lower() for w in words if not _CODE.fullmatch(w))
        found.append(Pragma(m.group(1), codes, line, names))
    return found
