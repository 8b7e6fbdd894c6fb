"""Apply the fixes findings carry: non-overlapping edits, re-linted until nothing is left."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
import contextlib
import dataclasses
from dataclasses import dataclass, field
import difflib
from itertools import pairwise
import os
from pathlib import Path
import tempfile
from typing import Any

from scfm_lint.config.load import as_config
from scfm_lint.config.model import Config
from scfm_lint.document.model import Document
from scfm_lint.engine.finding import Edit, Finding, Fix
from scfm_lint.errors import InputError

MAX_PASSES = 10
"""Fixes that conflict in one pass land in the next; this bounds a pathological ping-pong."""

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class FixResult:
    """What :func:`fix_document` did."""

    text: str
    """The fixed text (the input text when nothing applied)."""
    applied: Counter[str] = field(default_factory=Counter)
    """Rule code -> number of findings whose fix was applied."""
    remaining: tuple[Finding, ...] = ()
    """The findings of the fixed text, from a fresh parse and lint."""
    passes: int = 0
    """Passes that changed the text."""


def usable(fix: Fix | None, unsafe: bool) -> bool:
    """Whether ``fix`` may be applied at this safety level."""
    return fix is not None and bool(fix.edits) and (fix.safe or unsafe)


def _key(edit: Edit) -> tuple[int, int]:
    return (edit.start, edit.end)


def _clash(a: tuple[int, int], b: tuple[int, int]) -> bool:
    low, high = max(a[0], b[0]), min(a[1], b[1])
    # An insertion touching another edit has no defined order, so it waits a pass.
    if a[0] == a[1] or b[0] == b[1]:
        return low <= high
    return low < high


class _Taken:
    """Edits taken in one pass, sorted, pairwise non-overlapping."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.edits: list[Edit] = []

    def fits(self, edits: Iterable[Edit]) -> bool:
        for edit in edits:
            span = _key(edit)
            at = bisect_left(self.spans, span)
            near = self.spans[max(at - 1, 0) : at + 1]
            if any(_clash(span, other) for other in near):
                return False
        return True

    def add(self, edits: Iterable[Edit]) -> None:
        for edit in edits:
            insort(self.spans, _key(edit))
            self.edits.append(edit)


def select(
    findings: Iterable[Finding], unsafe: bool, size: int | None = None
) -> tuple[list[Edit], Counter[str]]:
    """The edits of one pass and the findings they fix, counted per code.

    Findings are taken in their canonical order; a fix whose edits overlap an edit already
    taken is skipped (the next pass re-lints and offers it again). Findings that share one
    fix (every Catalog finding carries the same regeneration) are all credited. With
    ``size`` (the text's length), a fix reaching outside the text is skipped, not applied.
    """
    taken = _Taken()
    chosen: set[tuple[Edit, ...]] = set()
    credit: Counter[str] = Counter()
    for finding in findings:
        fix = finding.fix
        if fix is None or not usable(fix, unsafe):
            continue
        if fix.edits in chosen:
            credit[finding.code] += 1
            continue
        if size is not None and not all(0 <= e.start <= e.end <= size for e in fix.edits):
            continue
        if taken.fits(fix.edits) and _self_consistent(fix.edits):
            taken.add(fix.edits)
            chosen.add(fix.edits)
            credit[finding.code] += 1
    return taken.edits, credit


def _self_consistent(edits: Sequence[Edit]) -> bool:
    spans = sorted(_key(e) for e in edits)
    return all(not _clash(a, b) for a, b in pairwise(spans))


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=_key):
        if edit.start < pos or edit.end > len(text) or edit.start > edit.end:
            raise ValueError(f"edit {edit} overlaps another or falls outside the text")
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def _relint(text: str, path: str, config: Config) -> tuple[Document, list[Finding]]:
    from scfm_lint.document.parse import parse_document
    from scfm_lint.engine.run import lint

    doc = parse_document(
        text,
        path,
        catalog_heading=config.catalog.heading,
        excluded_sections=list(config.sections.exclude),
    )
    return doc, lint(doc, config)


def attach(
    doc: Document, config: Config, findings: Iterable[Finding], unsafe: bool
) -> list[Finding]:
    """``findings`` in order, each without a fix given one by its rule's ``fix=`` fixer."""
    from scfm_lint.checks.registry import Context, load_all

    out = list(findings)
    rules = load_all()
    wanted: dict[str, list[int]] = {}
    for i, f in enumerate(out):
        rule = rules.get(f.code)
        if f.fix is None and rule is not None and rule.fixer is not None:
            wanted.setdefault(f.code, []).append(i)
    ctx = Context(doc, config)
    for code, positions in wanted.items():
        fixer = rules[code].fixer
        assert fixer is not None
        fixes = {id(f): fix for f, fix in fixer(ctx, [out[i] for i in positions])}
        for i in positions:
            fix = fixes.get(id(out[i]))
            if fix is not None and (fix.safe or unsafe):
                out[i] = dataclasses.replace(out[i], fix=fix)
    return out


def fix_document(
    doc: Document,
    config: Config | Mapping[str, Any],
    findings: Sequence[Finding],
    *,
    unsafe: bool = False,
    max_passes: int = MAX_PASSES,
) -> FixResult:
    """Apply every usable fix of ``findings`` to ``doc``, pass after pass, until none is left."""
    cfg = as_config(config)
    text = doc.text
    current = list(findings)
    applied: Counter[str] = Counter()
    passes = 0
    while passes < max_passes:
        edits, credit = select(attach(doc, cfg, current, unsafe), unsafe, len(text))
        new = apply_edits(text, edits)
        if new == text:
            break
        text = new
        applied.update(credit)
        passes += 1
        doc, current = _relint(text, doc.path, cfg)
    return FixResult(text, applied, tuple(current), passes)


def unified_diff(path: str, old: str, new: str) -> str:
    """The change as a unified diff, headed ``--- path`` / ``+++ path`` as ruff prints it."""
    out: list[str] = []
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=path,
        tofile=path,
    )
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Replace the file's contents with ``text`` (UTF-8) all at once.

    The text goes to a temporary file in the same folder, is flushed to disk, then renamed
    over the original, so a reader or a crash sees the old file or the new one, never half.
    The file's mode (and owner, where allowed) is kept, a symlink is followed (the link stays
    a link) and a byte-order mark the file started with is kept. On any failure the original
    is untouched and the temporary file is removed.
    """
    target = Path(os.path.realpath(path))
    data = text.encode("utf-8")
    owner: tuple[int, int] | None = None
    try:
        info = target.stat()
        mode, owner = info.st_mode & 0o7777, (info.st_uid, info.st_gid)
        with target.open("rb") as fh:
            if fh.read(len(_BOM)) == _BOM and not data.startswith(_BOM):
                data = _BOM + data
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise InputError(f"{path}: cannot rewrite: {exc.strerror}") from None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{path}: cannot write next to it: {exc.strerror}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if owner is not None and hasattr(os, "chown"):
            with contextlib.suppress(OSError):  # only root may give a file away
                os.chown(tmp, *owner)
        if mode is not None:
            tmp.chmod(mode)  # after chown, which may clear set-id bits
        tmp.replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise InputError(f"{path}: cannot rewrite: {exc.strerror or exc}") from None
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    # The rename itself is durable only once the folder's entry is on disk (POSIX).
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
