"""The real paper list (read from ../shared/corpus when present, never copied): the known
defects are found and none of the traps is flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from scfm_lint.config.load import defaults, merge
from scfm_lint.document.parse import parse_document
from scfm_lint.document.source import read_source
from scfm_lint.engine.run import lint

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
LIST_2026 = CORPUS / "paper-list-2026-07-14.md"

pytestmark = pytest.mark.skipif(not LIST_2026.is_file(), reason=f"no corpus at {CORPUS}")

# SCF212 is left out: the list's figs/ folder is not part of the corpus.
CONFIG = merge(defaults(), {"select": ["SCF1", "SCF2"], "ignore": ["SCF212"]})


def _findings(path: Path) -> list[str]:
    doc = parse_document(read_source(str(path)), str(path))
    return [f"{f.line}:{f.column}: {f.code}" for f in lint(doc, CONFIG)]


def test_known_defects_of_the_2026_list_and_nothing_else():
    assert _findings(LIST_2026) == [
        "59:3: SCF203",  # Catalog says "Transcriptomes (related work)"
        "70:132: SCF106",  # [[paper]]()
        "107:4: SCF101",  # [2024] with no venue
        "108:4: SCF101",
        "116:118: SCF251",  # arxiv.org/pdf link
        "274:25: SCF109",  # OCOO-T : ...
        "290:181: SCF231",
        "324:1: SCF221",  # 2. and 3. in a list of 1.
        "325:1: SCF221",
        "460:171: SCF233",
    ]


def test_no_trap_of_the_2026_list_is_flagged():
    lines = LIST_2026.read_text(encoding="utf-8").splitlines()
    flagged = {int(f.split(":")[0]) for f in _findings(LIST_2026)}
    traps = {
        n
        for n, line in enumerate(lines, 1)
        if "(24)" in line or " · " in line or "—" in line or "<img" in line
    }
    assert len(traps) > 10
    assert not flagged & traps


def test_the_2025_list_parses_every_entry():
    path = CORPUS / "paper-list-2025-09-21.md"
    doc = parse_document(read_source(str(path)), str(path))
    items = [n for n, line in enumerate(doc.lines, 1) if line.startswith(("1. ", "- ["))]
    assert [e.line for e in doc.entries] == items
