"""The Action's run steps, executed locally as the runner would, in a temporary repository."""

from __future__ import annotations

import os
from pathlib import Path
import re
import subprocess
import sys
from typing import Any

import yaml

from .conftest import Edit, git

ROOT = Path(__file__).resolve().parents[2]
BIN = str(Path(sys.executable).parent)
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = {s.get("id") or s.get("name"): s for s in ACTION["runs"]["steps"]}
DUPLICATE = (
    "1. [2025 Cell] **Geneformer: transfer learning** [[paper]](https://example.org/geneformer)"
)
LATE = "1. [2026 Cell Systems] **scNew: a thing** [[paper]](https://example.org/new)"


def test_inputs_reach_scripts_only_through_env() -> None:
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert "${{" not in step["run"], step.get("name")
            assert step["shell"] == "bash"
    declared = set(ACTION["inputs"])
    used = set(re.findall(r"inputs\.([a-z-]+)", yaml.safe_dump(ACTION["runs"])))
    assert used == declared


def _run(
    step: str, cwd: Path, tmp: Path, **env: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, str], str]:
    """Run one step's script with bash as the runner does; its outputs and job summary."""
    spec: dict[str, Any] = STEPS[step]
    assert set(spec.get("env", {})) <= set(env), "the test must give every env the step reads"
    output, summary = tmp / f"{step}.out", tmp / f"{step}.md"
    runner = {
        "PATH": BIN + os.pathsep + os.environ["PATH"],
        "HOME": str(tmp),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_WORKSPACE": str(cwd),
        "RUNNER_TEMP": str(tmp),
        "XDG_CACHE_HOME": str(tmp / "cache"),
    }
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", spec["run"]],
        cwd=cwd,
        env={**runner, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    outputs = (
        dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
        if output.exists()
        else {}
    )
    return done, outputs, summary.read_text(encoding="utf-8") if summary.exists() else ""


def _inputs(**overrides: str) -> dict[str, str]:
    env = {
        "SCFM_FILES": "README.md",
        "SCFM_CHANGED_ONLY": "auto",
        "SCFM_BASE_REF": "",
        "SCFM_EVENT": "pull_request",
        "SCFM_FAIL_ON": "error",
    }
    return {**env, **overrides}


def test_pull_request_annotates_only_changed_lines(
    repo: Path, insert: Edit, tmp_path: Path
) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    insert(8, LATE)
    insert(5, DUPLICATE)
    git(repo, "commit", "-qam", "the pull request")
    done, outputs, summary = _run("check", repo, tmp_path, **_inputs(SCFM_BASE_REF=base))
    assert done.returncode == 0, done.stderr
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert [a.split("::")[1] for a in annotations] == [
        "error file=README.md,line=5,col=1,title=SCF321 duplicate-entry",
        "warning file=README.md,line=9,col=4,title=SCF311 year-order",
    ]
    assert outputs == {
        "errors": "1",
        "warnings": "1",
        "notices": "0",
        "total": "2",
        "changed-since": base,
        "exit-code": "1",
    }
    assert f"Only lines changed since `{base}`." in summary
    assert "| `README.md`:5 | SCF321 duplicate-entry | error |" in summary
    assert "SCF101" not in summary  # the untouched defect of the base

    fail, _, _ = _run("Fail on findings", repo, tmp_path, SCFM_CHECK_RC="1", SCFM_LINKS_RC="")
    assert fail.returncode == 1
    ok, _, _ = _run("Fail on findings", repo, tmp_path, SCFM_CHECK_RC="0", SCFM_LINKS_RC="")
    assert ok.returncode == 0


def test_push_lints_every_line(repo: Path, tmp_path: Path) -> None:
    done, outputs, _ = _run("check", repo, tmp_path, **_inputs(SCFM_EVENT="push"))
    assert "::error file=README.md,line=6,col=4,title=SCF101 missing-venue::" in done.stdout
    assert outputs["exit-code"] == "1"
    assert "changed-since" not in outputs


def test_shallow_checkout_fetches_the_base(repo: Path, insert: Edit, tmp_path: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    insert(8, LATE)
    git(repo, "commit", "-qam", "the pull request")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    done, outputs, _ = _run("check", clone, tmp_path, **_inputs(SCFM_BASE_REF=base))
    assert done.returncode == 0, done.stderr
    assert outputs["total"] == "1"


def test_hostile_input_is_data_not_code(repo: Path, tmp_path: Path) -> None:
    files = '$(touch pwned) `touch pwned2` ";touch pwned3"'
    done, _, _ = _run("check", repo, tmp_path, **_inputs(SCFM_FILES=files, SCFM_EVENT="push"))
    assert done.returncode == 2
    assert "$(touch: no such file" in done.stderr
    assert not list(repo.glob("pwned*"))


def test_unknown_base_fails_the_step(repo: Path, tmp_path: Path) -> None:
    done, _, _ = _run("check", repo, tmp_path, **_inputs(SCFM_BASE_REF="0" * 40))
    assert done.returncode != 0
