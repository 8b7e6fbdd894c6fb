"""Both hooks, run by ``pre-commit try-repo`` against a temporary repository."""

from __future__ import annotations

import os
from pathlib import Path
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from .helpers import Edit, Server, git

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def test_links_hook_is_for_push_and_manual_stages() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    links = hooks["scfm-lint-links"]
    assert links["entry"] == "scfm-lint links --changed-since auto"
    assert links["stages"] == ["pre-push", "manual"]
    assert hooks["scfm-lint"]["entry"] == "scfm-lint check"


def _try_repo(work: Path, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp / "pc-home"),
        "XDG_CACHE_HOME": str(tmp / "cache"),
    }
    for name in ("SKIP", "PRE_COMMIT_FROM_REF", "PRE_COMMIT_TO_REF", "PRE_COMMIT_SOURCE"):
        env.pop(name, None)
    exe = shutil.which("pre-commit", path=str(BIN)) or "pre-commit"
    # The manual stage runs both hooks: scfm-lint has no stage limit.
    return subprocess.run(
        [exe, "try-repo", str(ROOT), *args, "--hook-stage", "manual", "--verbose"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow
def test_try_repo_runs_both_hooks_on_the_pushed_change(
    linked: Path, insert: Edit, server: Server, tmp_path: Path
) -> None:
    insert(8, f"1. [2022 Cell] **scNew: a thing** [[paper]]({server.url}/new)")
    insert(9, f"1. [2021 Cell] **scDead: gone** [[paper]]({server.url}/dead)")
    git(linked, "commit", "-qam", "the change to push")
    # What pre-push passes: the remote's commit and the one pushed.
    refs = ("--from-ref", "HEAD~1", "--to-ref", "HEAD")
    first = _try_repo(linked, tmp_path, *refs)
    assert first.returncode == 1, first.stdout + first.stderr
    assert re.search(r"^scfm-lint\.+Failed$", first.stdout, re.MULTILINE)
    assert re.search(r"^scfm-lint links \(new links only\)\.+Failed$", first.stdout, re.M)
    assert "README.md:6:4: SCF101" in first.stdout  # the check hook lints the whole file
    dead = rf"README\.md:9:\d+: SCF401 dead link: {re.escape(server.url)}/dead"
    assert re.search(dead, first.stdout)
    assert "Checked 2 links in 1 file: 1 ok, 1 dead" in first.stdout
    assert set(server.paths) == {"/new", "/dead"}
    assert "/old" not in server.paths

    # The good verdict comes from the cache; a dead one is never cached, so it is asked again.
    asked = len(server.paths)
    again = _try_repo(linked, tmp_path, *refs)
    assert "1 from cache" in again.stdout
    assert "/new" not in server.paths[asked:]


@pytest.mark.slow
def test_links_hook_with_all_files_checks_every_link(
    linked: Path, server: Server, tmp_path: Path
) -> None:
    readme = linked / "README.md"
    only_loopback = [ln for ln in readme.read_text("utf-8").splitlines() if "https:" not in ln]
    readme.write_text("\n".join(only_loopback) + "\n", encoding="utf-8")
    git(linked, "commit", "-qam", "loopback links only")
    # Before: `auto` fell back to HEAD, nothing differed from it, and "Checked 0 links".
    done = _try_repo(linked, tmp_path, "scfm-lint-links", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"Checked 1 links? in 1 file: 1 ok", done.stdout)
    assert server.paths == ["/old"]
