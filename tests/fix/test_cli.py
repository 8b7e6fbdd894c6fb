"""The command line: --fix rewrites and fails (pre-commit's convention), --diff writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from scfm_lint.cli import main

BROKEN = (
    "# Papers\n\n## Models\n\n"
    "2. [2025 biorxiv] **scAlpha: a model** "
    "[[paper]](https://www.biorxiv.org/content/10.1101/2025.01.01.000001v1)   \n"
    "1. [2024 Nature Methods] **scBeta: b** "
    "[[paper]](https://www.nature.com/articles/s41592-024-02201-0)"
)
FIXED = (
    "# Papers\n\n## Models\n\n"
    "1. [2025 bioRxiv] **scAlpha: a model** "
    "[[paper]](https://www.biorxiv.org/content/10.1101/2025.01.01.000001v1)\n"
    "1. [2024 Nature Methods] **scBeta: b** "
    "[[paper]](https://www.nature.com/articles/s41592-024-02201-0)\n"
)


@pytest.fixture
def readme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "README.md"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_fix_rewrites_and_fails_then_passes(
    readme: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--fix", str(readme)]) == 1
    assert readme.read_text(encoding="utf-8") == FIXED
    assert "fixed 4" in capsys.readouterr().err
    assert main(["check", "--fix", str(readme)]) == 0
    assert readme.read_text(encoding="utf-8") == FIXED


def test_diff_prints_and_writes_nothing(readme: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--diff", str(readme)])
    out = capsys.readouterr().out
    assert readme.read_text(encoding="utf-8") == BROKEN
    assert "-2. [2025 biorxiv]" in out
    assert "+1. [2025 bioRxiv]" in out


def test_unsafe_fixes_move_entries_only_when_asked(readme: Path) -> None:
    # Two entries are too few to show an order: the project pins it.
    (readme.parent / ".scfm-lint.yaml").write_text("conventions: {order: newest-first}\n")
    readme.write_text(FIXED.replace("2025", "2023"), encoding="utf-8")
    before = readme.read_text(encoding="utf-8")
    assert main(["check", "--fix", str(readme)]) == 0
    assert readme.read_text(encoding="utf-8") == before
    assert main(["check", "--fix", "--unsafe-fixes", str(readme)]) == 1
    lines = readme.read_text(encoding="utf-8").splitlines()
    assert "[2024 Nature Methods]" in lines[4]
    assert "[2023 bioRxiv]" in lines[5]
