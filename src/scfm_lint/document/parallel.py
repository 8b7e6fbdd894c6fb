"""Parse a large file on every core: split at top-level headings, parse, re-offset, merge.

The result is the :class:`~scfm_lint.document.model.Document` the serial parse gives,
or ``None`` when
that cannot be guaranteed (then the caller parses serially). How:

1. Split the text at ATX headings in column 0 that follow a blank line, near equal shares of
   the text. Only the line structure matters; nothing is re-tokenized by hand.
2. Fork one child per piece after the first (start-up is a ``fork``: the parser is already
   imported). Each child runs markdown-it on its piece, shifts the token line maps to the
   file's line numbers and runs the same single pass as the serial parse
   (:func:`scfm_lint.document.parse.build`) against the whole text, so every position is exact. What
   it cannot know from its piece (how many headings, entries and lists come before, whether
   the Catalog heading has been seen) it assumes and reports; the parent supplies it.
3. The parent parses the first piece itself, then merges each child's result in order:
   entries, lists and links get their index offsets, headings are replayed through the
   serial heading logic (parents, ``-1`` anchors, Catalog detection).
4. A split is only kept when it is provably invisible to markdown-it: the piece before it
   ends with no top-level fenced code or HTML block still open, the piece after it starts
   with a top-level heading, no piece defines link reference definitions (they would reach
   across pieces), and the child's guess about the Catalog was right. Otherwise the whole
   file is parsed serially.

Children send plain tuples (``marshal``), which the parent turns into model objects once.
"""

from __future__ import annotations

from collections.abc import Sequence
import contextlib
from dataclasses import fields
from itertools import pairwise
import marshal
import os
import re
import signal
import sys
import threading
from typing import Any

from markdown_it.token import Token

from scfm_lint.document.model import CatalogItem, Document, Entry, Link, ListInfo, Pragma, Problem
from scfm_lint.document.parse import Builder, add_heading, build, freeze, markdown_parser

MAX_WORKERS = 4
"""At most this many pieces (the parent and ``MAX_WORKERS - 1`` children)."""

_SPLIT = re.compile(r"^#{1,6}(?:[ \t]|$)")
_OPEN_AT_END = frozenset({"fence", "html_block", "code_block"})
_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))
_LINK_FIELDS = tuple(f.name for f in fields(Link))
_E_INDEX = _ENTRY_FIELDS.index("index")
_E_LIST = _ENTRY_FIELDS.index("list_id")
_E_SECTION = _ENTRY_FIELDS.index("section")
_E_LINKS = _ENTRY_FIELDS.index("links")
_E_PROBLEMS = _ENTRY_FIELDS.index("problems")
_L_ENTRY = _LINK_FIELDS.index("entry")
_L_SECTION = _LINK_FIELDS.index("section")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is cheap and safe: Linux, and no other threads to leave in a broken state."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def split_points(lines: Sequence[str], offsets: Sequence[int], pieces: int) -> list[int]:
    """0-based lines where pieces start (the first is 0): column-0 ATX headings after a blank
    line, the nearest at or after each equal share of the text."""
    total = offsets[-1] + len(lines[-1])
    starts = [0]
    line = 1
    for k in range(1, pieces):
        target = total * k // pieces
        while line < len(lines) and offsets[line] < target:
            line += 1
        while line < len(lines) and not (
            _SPLIT.match(lines[line]) and not lines[line - 1].strip(" \t")
        ):
            line += 1
        if line >= len(lines):
            break
        if line > starts[-1]:
            starts.append(line)
        line += 1
    return starts


def _catalog_before(text: str, catalog_name: str) -> bool:
    """A guess (checked after the merge) whether a Catalog heading precedes this piece."""
    pattern = r"^ {0,3}#{1,6}[ \t][^\n]*" + re.escape(catalog_name)
    return re.search(pattern, text, re.MULTILINE | re.IGNORECASE) is not None


def _parse_piece(b: Builder, start: int, end: int) -> tuple[bool, bool, bool]:
    """Parse lines ``[start, end)`` into ``b``; (starts with a top-level heading, leaves a
    block open at its end, defines references)."""
    offsets = b.offsets
    stop = offsets[end] if end < len(offsets) else len(b.text)
    env: dict[str, Any] = {}
    piece = b.text[offsets[start] : stop]
    # Rules unused by this piece are left out; the piece is parsed on its own anyway.
    tokens = markdown_parser(piece, b.lines[start:end]).parse(piece, env)
    if start:
        for tok in tokens:
            if tok.map is not None:
                tok.map = [tok.map[0] + start, tok.map[1] + start]
    heading_first = bool(tokens) and _top_heading_at(tokens[0], start)
    open_end = any(
        t.level == 0 and t.type in _OPEN_AT_END and t.map is not None and t.map[1] >= end
        for t in tokens
    )
    build(b, tokens)
    return heading_first, open_end, bool(env.get("references"))


def _top_heading_at(tok: Token, line: int) -> bool:
    return (
        tok.type == "heading_open"
        and tok.level == 0
        and tok.map is not None
        and (tok.map[0] == line)
    )


def _link_record(lk: Link) -> tuple[Any, ...]:
    return tuple(getattr(lk, name) for name in _LINK_FIELDS)


def _child(b: Builder, start: int, end: int, assume_catalog: bool) -> tuple[Any, ...]:
    """Parse one piece; the result as plain data (see :func:`_merge`)."""
    if assume_catalog:
        b.catalog_heading = -1  # seen in an earlier piece: nothing here is the Catalog
    heading_first, open_end, refs = _parse_piece(b, start, end)
    entries = []
    for e in b.entries:
        rec = [getattr(e, name) for name in _ENTRY_FIELDS]
        rec[_E_LINKS] = tuple(_link_record(lk) for lk in e.links)
        rec[_E_PROBLEMS] = tuple((p.kind, p.column, p.detail, p.line) for p in e.problems)
        entries.append(tuple(rec))
    links: list[Any] = []
    skip = 0
    for lk in b.links:
        if skip:
            skip -= 1
            continue
        own = b.entries[lk.entry].links if lk.entry is not None else ()
        if own and lk is own[0]:
            links.append(lk.entry)  # the entry's links go here, in order
            skip = len(own) - 1
        else:  # not in an entry, or in a list nested in one
            links.append(_link_record(lk))
    catalog = None
    if not assume_catalog and b.catalog_heading is not None:
        items = tuple((c.text, c.target, c.depth, c.line, c.column) for c in b.catalog_items)
        catalog = (
            b.catalog_heading,
            items,
            b.catalog_lines,
            b.catalog_indent,
            b.catalog_bullet,
        )
    return (
        heading_first,
        open_end,
        refs,
        assume_catalog,
        tuple((h.level, h.text, h.line, h.column) for h in b.headings),
        tuple(entries),
        tuple(links),
        tuple((li.list_id, li.ordered, li.line, li.entries) for li in b.lists),
        tuple((p.action, p.codes, p.line, p.names) for p in b.pragmas),
        tuple(sorted(b.html_lines)),
        tuple(sorted(b.code_lines)),
        b.next_list_id,
        b.section,
        catalog,
    )


def _merge(b: Builder, result: tuple[Any, ...]) -> bool:
    """Append a child's piece to the parent's builder; False when the split was not clean."""
    (
        heading_first,
        _open_end,
        refs,
        assumed_catalog,
        headings,
        entries,
        links,
        lists,
        pragmas,
        html_lines,
        code_lines,
        next_list_id,
        section,
        catalog,
    ) = result
    if not heading_first or refs or assumed_catalog != (b.catalog_heading is not None):
        return False
    h0, e0, l0 = len(b.headings), len(b.entries), b.next_list_id
    for level, text, line, col in headings:
        add_heading(b, level, text, line, col)
    if catalog is not None:
        heading, items, catalog_lines, indent, bullet = catalog
        if b.catalog_heading != heading + h0:
            return False
        b.catalog_items.extend(CatalogItem(*item) for item in items)
        b.catalog_lines, b.catalog_indent, b.catalog_bullet = catalog_lines, indent, bullet
    elif not assumed_catalog and b.catalog_heading is not None:
        return False  # a heading of this piece became the Catalog, unlike in the child
    for rec in entries:
        values = list(rec)
        values[_E_INDEX] += e0
        values[_E_LIST] += l0
        if values[_E_SECTION] is not None:
            values[_E_SECTION] += h0
        values[_E_LINKS] = tuple(_link(lk, e0, h0) for lk in rec[_E_LINKS])
        values[_E_PROBLEMS] = tuple(Problem(*p) for p in rec[_E_PROBLEMS])
        b.entries.append(Entry(*values))
    for lk in links:
        if isinstance(lk, int):
            b.links.extend(b.entries[lk + e0].links)
        else:
            b.links.append(_link(lk, e0, h0))
    b.lists.extend(
        ListInfo(list_id + l0, ordered, line, tuple(i + e0 for i in items))
        for list_id, ordered, line, items in lists
    )
    b.pragmas.extend(Pragma(*p) for p in pragmas)
    b.html_lines.update(html_lines)
    b.code_lines.update(code_lines)
    b.next_list_id += next_list_id
    b.section = None if section is None else section + h0
    return True


def _link(rec: Sequence[Any], e0: int, h0: int) -> Link:
    values = list(rec)
    if values[_L_ENTRY] is not None:
        values[_L_ENTRY] += e0
    if values[_L_SECTION] is not None:
        values[_L_SECTION] += h0
    return Link(*values)


def _fork_child(b: Builder, start: int, end: int, assume_catalog: bool) -> tuple[int, int]:
    """Start a child parsing lines ``[start, end)``; (pid, read end of its pipe)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_fd)
        return pid, read_fd
    # In the child: never return into the caller, never flush the parent's buffers.
    code = 0
    try:
        os.close(read_fd)
        data = marshal.dumps(_child(b, start, end, assume_catalog))
        with os.fdopen(write_fd, "wb") as out:
            out.write(data)
    except BaseException:  # pragma: no cover - the parent sees no data and parses serially
        code = 1
    os._exit(code)


def _collect(pid: int, read_fd: int) -> tuple[Any, ...] | None:
    try:
        with os.fdopen(read_fd, "rb") as pipe:
            data = pipe.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    result: tuple[Any, ...] = marshal.loads(data)
    return result


def parse_parallel(
    text: str,
    path: str,
    lines: tuple[str, ...],
    offsets: tuple[int, ...],
    catalog_name: str,
    excluded: frozenset[str],
    workers: int | None = None,
    starts: Sequence[int] | None = None,
) -> Document | None:
    """The serial parse's Document, computed on up to ``workers`` cores; None if not possible.

    ``starts`` (for tests) forces the pieces' first lines instead of :func:`split_points`.
    """
    workers = min(MAX_WORKERS, cores() if workers is None else workers)
    if workers < 2 or not can_fork():
        return None
    if "\r" in text or len(lines) != text.count("\n") + (not text.endswith("\n")):
        return None  # other line breaks than \\n: markdown-it's line numbers could differ
    starts = split_points(lines, offsets, workers) if starts is None else list(starts)
    if (
        len(starts) < 2
        or starts[0] != 0
        or starts[-1] >= len(lines)
        or any(b <= a for a, b in pairwise(starts))
        or any(lines[s - 1].strip(" \t") for s in starts[1:])
    ):
        return None  # a split must follow a blank line
    ends = [*starts[1:], len(lines)]

    def builder() -> Builder:
        return Builder(path, text, lines, offsets, catalog_name, excluded)

    children: list[tuple[int, int]] = []
    try:
        for start, end in zip(starts[1:], ends[1:], strict=True):
            assume = _catalog_before(text[: offsets[start]], catalog_name)
            try:
                children.append(_fork_child(builder(), start, end, assume))
            except OSError:  # no more processes or memory: parse serially instead
                return None
        b = builder()
        _, open_end, refs = _parse_piece(b, 0, ends[0])
        ok = not open_end and not refs
        results = []
        while children:
            results.append(_collect(*children.pop(0)))
    finally:
        for pid, read_fd in children:  # only left after an error or a failed fork
            os.close(read_fd)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    for k, result in enumerate(results):
        if not ok or result is None:
            return None
        last = k == len(results) - 1
        ok = _merge(b, result) and (last or not result[1])
    if not ok:
        return None
    return freeze(b)
