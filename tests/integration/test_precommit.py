"""The pre-commit hook, run by pre-commit itself against a temporary repository."""

from __future__ import annotations

import os
from pathlib import Path
import shutil
import subprocess
import sys

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

GOOD = """## Catalog
- [Papers](#papers)

## Papers
1. [2024 Nature Methods] **scGPT: a model** [[paper]](https://www.nature.com/articles/s41592-024-02201-0)
"""
BAD = GOOD + "1. [2023] **No venue here** [[paper]](https://example.org/x)\n"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    work = tmp_path / "list"
    work.mkdir()
    _git(work, "init", "-q")
    _git(work, "config", "user.email", "t@example.org")
    _git(work, "config", "user.name", "t")
    return work


def _try_repo(
    work: Path, tmp_path: Path, hook: str = "scfm-lint"
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home")}
    env.pop("SKIP", None)
    exe = shutil.which("pre-commit", path=str(BIN)) or "pre-commit"
    return subprocess.run(
        [exe, "try-repo", str(ROOT), hook, "--all-files", "--verbose"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_hook_manifest_is_valid() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert by_id["scfm-lint"]["language"] == "python"
    assert by_id["scfm-lint"]["entry"].startswith("scfm-lint check")


@pytest.mark.slow
def test_try_repo_passes_clean_list_and_fails_defective_one(repo: Path, tmp_path: Path) -> None:
    readme = repo / "README.md"
    readme.write_text(GOOD, encoding="utf-8")
    (repo / "notes.md").write_text("1. not a paper list\n", encoding="utf-8")
    _git(repo, "add", "-A")
    clean = _try_repo(repo, tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout

    readme.write_text(BAD, encoding="utf-8")
    _git(repo, "add", "-A")
    dirty = _try_repo(repo, tmp_path)
    assert dirty.returncode == 1, dirty.stdout + dirty.stderr
    assert "README.md:6:4: SCF101" in dirty.stdout
    # The hook runs on README.md only: notes.md is not a paper list and is never linted.
    assert "notes.md" not in dirty.stdout
