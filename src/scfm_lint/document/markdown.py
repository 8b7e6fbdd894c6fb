"""The one configured markdown-it parser: CommonMark, GFM tables and strikethrough, raw URLs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
import re
from types import SimpleNamespace
from typing import Any

from markdown_it import MarkdownIt, helpers
from markdown_it.common.utils import unescapeAll


def _identity(url: str) -> str:
    return url


def _accept(url: str) -> bool:
    return True


# The characters at which an enabled inline rule can start (newline, escape, backticks,
# strikethrough, emphasis, link, image, autolink/html_inline, entity), plus ``]``, which
# link-label scanning needs to stop at. markdown-it's default set also stops at ``#$%+-:=>@^{}``
# for plugins; no enabled rule matches there, so the token stream is the same, only faster
# (about 9% of parse time: titles and prose are full of ``-`` and ``:``).
_TERMINATORS = re.compile("[" + re.escape("\n!&*<[\\]_`~") + "]")


def markdown_parser(text: str | None = None, lines: Sequence[str] | None = None) -> MarkdownIt:
    """CommonMark with GFM tables and strikethrough; links kept exactly as written.

    Given the ``text`` it will parse (and optionally its ``lines``), rules that cannot match
    anywhere in it are left out (see :func:`unused_rules`): same tokens, faster parse.
    """
    return _configured(unused_rules(text, lines) if text is not None else frozenset())


class _Destination:
    """What markdown-it's link rules read from a link destination parse."""

    __slots__ = ("ok", "pos", "str")

    def __init__(self) -> None:
        self.ok = False
        self.pos = 0
        self.str = ""


_PLAIN_URL = re.compile(r"[^\x00-\x20\x7f\\()]+")


def _link_destination(string: str, pos: int, maximum: int) -> Any:
    """markdown-it-py's ``parseLinkDestination``, step for step, except that runs of ordinary
    characters (not space, control, backslash or parenthesis) are skipped with one regex match
    instead of a Python loop per character (a link's URL is most of an entry)."""
    if pos < len(string) and string[pos] == "<":
        return helpers.parseLinkDestination(string, pos, maximum)
    result = _Destination()
    start = pos
    level = 0
    plain = _PLAIN_URL.match
    while pos < maximum:
        run = plain(string, pos, maximum)
        if run is not None:
            pos = run.end()
            if pos >= maximum:
                break
        ch = string[pos]
        if ch <= " " or ch == "\x7f":  # space and ASCII control characters end it
            break
        if ch == "\\" and pos + 1 < maximum:
            if string[pos + 1] == " ":
                break
            pos += 2
            continue
        if ch == "(":
            level += 1
            if level > 32:
                return result
        elif ch == ")":
            if level == 0:
                break
            level -= 1
        pos += 1
    if start == pos or level != 0:
        return result
    result.str = unescapeAll(string[start:pos])
    result.pos = pos
    result.ok = True
    return result


@cache
def _configured(skip: frozenset[str]) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # The linter wants URLs as the author wrote them, and must see javascript: links too.
    md.normalizeLink = _identity  # type: ignore[method-assign]
    md.normalizeLinkText = _identity  # type: ignore[method-assign,assignment]
    md.validateLink = _accept  # type: ignore[method-assign]
    md.inline.terminator_re = _TERMINATORS
    # The link rules call their helpers through ``md.helpers``: this instance gets its own.
    md.helpers = SimpleNamespace(  # type: ignore[assignment]
        parseLinkLabel=helpers.parseLinkLabel,
        parseLinkDestination=_link_destination,
        parseLinkTitle=helpers.parseLinkTitle,
    )
    if skip:
        md.disable(sorted(skip))
    return md


# A rule is left out only when a condition it needs to match is absent from the whole text,
# so it could never fire (each condition is read off markdown-it-py's rule):
_HR = re.compile(r"([*_-])(?:[ \t]*\1){2,}[ \t]*$")  # a line's tail: 3+ markers and blanks
_SETEXT = re.compile(r"[ \t>]*(?:=+|-+)[ \t]*$")  # an underline, after container markers
_MARKS = frozenset("*_-=")
_NEEDS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("table", lambda t: "|" in t),  # the header row must contain a pipe
    ("fence", lambda t: "```" in t or "~~~" in t),
    ("reference", lambda t: "]:" in t),  # ``[label]:`` with nothing between ``]`` and ``:``
    ("strikethrough", lambda t: "~" in t),
    ("image", lambda t: "![" in t),
    ("backticks", lambda t: "`" in t),
    ("escape", lambda t: "\\" in t),
    ("entity", lambda t: "&" in t),
)


def unused_rules(text: str, lines: Sequence[str] | None = None) -> frozenset[str]:
    """markdown-it rules that cannot match anywhere in ``text`` (none if it has a CR or NUL).

    ``lines``, if given, must be ``text`` split at line breaks (any splitting at least at
    ``\\n`` will do: a horizontal rule or setext underline ends a line and holds no break).
    """
    if "\r" in text or "\0" in text:
        return frozenset()  # markdown-it rewrites these first; keep every rule
    unused = {name for name, needed in _NEEDS if not needed(text)}
    # Horizontal rules and setext underlines end in a marker (then maybe blanks): only such
    # lines are looked at closely.
    marked = [
        ln
        for ln in (text.split("\n") if lines is None else lines)
        if ln[-1:] in _MARKS or (ln[-1:] in (" ", "\t") and ln.rstrip(" \t")[-1:] in _MARKS)
    ]
    if not any(_HR.search(ln) for ln in marked):
        unused.add("hr")
    if not any(_SETEXT.match(ln) for ln in marked):
        unused.add("lheading")
    return frozenset(unused)
