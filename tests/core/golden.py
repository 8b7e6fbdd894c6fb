"""Read golden fixture files: ``title . input . expected .`` cases, one file per rule family.

Each case is a title line, optional YAML lines (``config:`` overrides merged over the
defaults, ``files:`` to create next to the linted file, ``final-newline: false``), a ``.``
line, the Markdown input, a ``.`` line, the expected findings as ``line:col: CODE`` lines
(none for a case that must stay quiet) and a closing ``.`` line. In the input, ``␉`` stands
for a tab, ``␠`` for a space and ``␍`` for a carriage return, so invisible characters
survive editors and hooks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
import re
from typing import Any

import yaml

FIXTURES = Path(__file__).parent / "fixtures"
_EXPECTED = re.compile(r"^(\d+):(\d+): (SCF\d{3})$")


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    """Line of the title in the fixture file, for error messages."""
    title: str
    text: str
    expected: tuple[str, ...]
    config: dict[str, Any] = field(default_factory=dict)
    files: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.title

    def codes(self) -> set[str]:
        return {e.rsplit(" ", 1)[1] for e in self.expected}


def _block(lines: list[str], i: int, where: str) -> tuple[list[str], int]:
    """Lines from ``i`` up to the next ``.`` line, and the index after it."""
    out: list[str] = []
    while i < len(lines):
        if lines[i] == ".":
            return out, i + 1
        out.append(lines[i])
        i += 1
    raise ValueError(f"{where}: unterminated case (missing '.' line)")


def read_fixture_file(path: Path) -> list[Case]:
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[Case] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        where = f"{path.name}:{i + 1}"
        head, i = _block(lines, i, where)
        body, i = _block(lines, i, where)
        expected, i = _block(lines, i, where)
        meta = yaml.safe_load("\n".join(head[1:])) or {}
        unknown = set(meta) - {"config", "files", "final-newline"}
        if unknown:
            raise ValueError(f"{where}: unknown case keys {sorted(unknown)}")
        bad = [e for e in expected if not _EXPECTED.match(e)]
        if bad:
            raise ValueError(f"{where}: expected lines must read 'line:col: CODE', got {bad}")
        text = "\n".join(body).replace("␉", "\t").replace("␠", " ").replace("␍", "\r")
        if meta.get("final-newline", True):
            text += "\n"
        cases.append(
            Case(
                path.name,
                int(where.rsplit(":", 1)[1]),
                head[0],
                text,
                tuple(expected),
                meta.get("config") or {},
                tuple(meta.get("files") or ()),
            )
        )
    return cases


def run_case(case: Case, select: list[str], folder: Path) -> list[str]:
    """Lint the case's input as ``folder/README.md``; findings as ``line:col: CODE`` lines."""
    from scfm_lint.config.load import defaults, merge, validate
    from scfm_lint.document.parse import parse_document
    from scfm_lint.engine.run import lint

    for name in case.files:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("", encoding="utf-8")
    overrides = merge({"select": select}, case.config)
    validate(overrides, defaults(), f"{case.file}:{case.line}")
    config = merge(defaults(), overrides)
    doc = parse_document(
        case.text,
        str(folder / "README.md"),
        catalog_heading=config["catalog"]["heading"],
        excluded_sections=config["sections"]["exclude"],
    )
    return [f"{f.line}:{f.column}: {f.code}" for f in lint(doc, config)]


#: A case title that promises a verdict: ``SCF101 fires: ...`` or ``SCF101 ok: ...``.
TITLE = re.compile(r"^(SCF\d{3}) (fires|ok): ")


def rule_codes(prefixes: list[str]) -> list[str]:
    """Registered rule codes that start with any of ``prefixes``, sorted."""
    from scfm_lint.checks.registry import load_all

    return [c for c in sorted(load_all()) if any(c.startswith(p) for p in prefixes)]
