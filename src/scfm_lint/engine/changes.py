"""Changed-only checking: which lines of a file differ from a git revision, and the findings
and links that fall on them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
import dataclasses
import os
from pathlib import Path
import re
import subprocess

from scfm_lint.document.model import Document
from scfm_lint.engine.finding import Finding
from scfm_lint.errors import UsageError

AUTO = "auto"
"""``--changed-since auto``: pre-commit's from-ref when it sets one (pre-push, ``--from-ref``),
else ``HEAD`` (the staged change, when run as a pre-commit hook)."""

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
# Options that keep a user's git configuration (external diff tools, colour, textconv
# filters, mnemonic prefixes) from changing the output we parse.
_DIFF = ("diff", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "-U0")


def precommit_from_ref(environ: Mapping[str, str] | None = None) -> str | None:
    """pre-commit's from-ref (pre-push, ``--from-ref``), or None when it set none."""
    env = os.environ if environ is None else environ
    return env.get("PRE_COMMIT_FROM_REF") or env.get("PRE_COMMIT_SOURCE") or None


def resolve_ref(ref: str, environ: Mapping[str, str] | None = None) -> str:
    """The revision ``ref`` names; :data:`AUTO` is resolved from pre-commit's environment."""
    if ref != AUTO:
        return ref
    return precommit_from_ref(environ) or "HEAD"


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            # Messages we match in English; a file named ``a[1].md`` is a name, not a glob.
            env={**os.environ, "LC_ALL": "C", "LANGUAGE": "", "GIT_LITERAL_PATHSPECS": "1"},
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("--changed-since needs git, which is not installed") from None


def _where(path: str, ref: str) -> tuple[Path, str, str]:
    """The file's directory, its name, and the verified commit id of ``ref``."""
    file = Path(path)
    cwd = file.resolve().parent
    commit = _git(cwd, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if commit.returncode >= 128:  # git's "fatal": no repository, or one git refuses to use
        reason = commit.stderr.strip().splitlines()[-1:] or ["git failed"]
        if "not a git repository" in reason[0]:
            raise UsageError(f"--changed-since: {path} is not in a git repository")
        raise UsageError(f"--changed-since: {reason[0].removeprefix('fatal: ')}")
    if commit.returncode != 0:
        raise UsageError(
            f"--changed-since: unknown git revision {ref!r}"
            " (in CI, fetch it: actions/checkout with fetch-depth: 0, or git fetch the base)"
        )
    return cwd, file.name, commit.stdout.strip()


def parse_hunks(diff: str) -> set[int]:
    """New-side line numbers added or modified by a zero-context unified diff."""
    lines: set[int] = set()
    for match in _HUNK.finditer(diff):
        start, count = int(match[1]), int(match[2] or 1)
        lines.update(range(start, start + count))
    return lines


def _line_count(path: str) -> int:
    return len(Path(path).read_text(encoding="utf-8", errors="replace").splitlines())


def changed_lines(path: str, ref: str) -> set[int]:
    """1-based lines of ``path`` (working tree) added or modified since ``ref``.

    A file that did not exist at ``ref`` is changed on every line. Raises
    :class:`UsageError` outside a git repository or for an unknown revision.
    """
    cwd, name, commit = _where(path, resolve_ref(ref))
    if _git(cwd, "cat-file", "-e", f"{commit}:./{name}").returncode != 0:
        return set(range(1, _line_count(path) + 1))
    diff = _git(cwd, *_DIFF, commit, "--", name)
    if diff.returncode != 0:
        raise UsageError(f"--changed-since: git diff failed: {diff.stderr.strip()}")
    return parse_hunks(diff.stdout)


def text_at(path: str, ref: str) -> str | None:
    """The file's text at ``ref``, or None when it did not exist there."""
    cwd, name, commit = _where(path, resolve_ref(ref))
    shown = _git(cwd, "show", f"{commit}:./{name}")
    return shown.stdout if shown.returncode == 0 else None


def keep_changed(findings: Iterable[Finding], changed: set[int]) -> list[Finding]:
    """The findings a change is responsible for, each placed on a changed line.

    A finding stays when its line (or any line up to its ``end_line``) changed. A two-place
    finding reported on an untouched line whose other place changed (a duplicate of the new
    entry, an entry now out of order next to it) moves to the changed line so that the
    annotation lands in the pull request's diff; it keeps naming the untouched line.
    """
    kept = []
    for f in findings:
        last = f.end_line if f.end_line is not None else f.line
        if any(line in changed for line in range(f.line, last + 1)):
            kept.append(f)
        elif f.related_line is not None and f.related_line in changed:
            kept.append(
                dataclasses.replace(
                    f, line=f.related_line, column=1, related_line=f.line, end_line=None
                )
            )
    return kept


def keep_changed_links(doc: Document, changed: set[int], old_text: str | None) -> Document:
    """``doc`` with only the links that are new: on a changed line and, when the file
    existed at the revision, not written anywhere in it before (a moved entry is not new)."""
    links = tuple(
        link
        for link in doc.links
        if link.line in changed and (old_text is None or link.url not in old_text)
    )
    return dataclasses.replace(doc, links=links)
