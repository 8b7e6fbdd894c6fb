"""The Action's run steps, executed locally as the runner would, in a temporary repository."""

from __future__ import annotations

from pathlib import Path
import re

import yaml

from .helpers import ACTION, Edit, git, inputs, run_step

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


def test_pull_request_annotates_only_changed_lines(
    repo: Path, insert: Edit, tmp_path: Path
) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    insert(8, LATE)
    insert(5, DUPLICATE)
    git(repo, "commit", "-qam", "the pull request")
    done, outputs, summary = run_step("check", repo, tmp_path, **inputs(SCFM_BASE_REF=base))
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

    fail, _, _ = run_step("Fail on findings", repo, tmp_path, SCFM_CHECK_RC="1", SCFM_LINKS_RC="")
    assert fail.returncode == 1
    ok, _, _ = run_step("Fail on findings", repo, tmp_path, SCFM_CHECK_RC="0", SCFM_LINKS_RC="")
    assert ok.returncode == 0


def test_push_lints_every_line(repo: Path, tmp_path: Path) -> None:
    done, outputs, _ = run_step("check", repo, tmp_path, **inputs(SCFM_EVENT="push"))
    assert "::error file=README.md,line=6,col=4,title=SCF101 missing-venue::" in done.stdout
    assert outputs["exit-code"] == "1"
    assert "changed-since" not in outputs


def test_shallow_checkout_fetches_the_base(repo: Path, insert: Edit, tmp_path: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    insert(8, LATE)
    git(repo, "commit", "-qam", "the pull request")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    done, outputs, _ = run_step("check", clone, tmp_path, **inputs(SCFM_BASE_REF=base))
    assert done.returncode == 0, done.stderr
    assert outputs["total"] == "1"


def test_hostile_input_is_data_not_code(repo: Path, tmp_path: Path) -> None:
    files = '$(touch pwned) `touch pwned2` ";touch pwned3"'
    done, _, _ = run_step("check", repo, tmp_path, **inputs(SCFM_FILES=files, SCFM_EVENT="push"))
    assert done.returncode == 2
    assert "$(touch: no such file" in done.stderr
    assert not list(repo.glob("pwned*"))


def test_unknown_base_fails_the_step(repo: Path, tmp_path: Path) -> None:
    done, _, _ = run_step("check", repo, tmp_path, **inputs(SCFM_BASE_REF="0" * 40))
    assert done.returncode != 0


def test_bad_changed_only_value_is_refused(repo: Path, tmp_path: Path) -> None:
    done, _, _ = run_step("check", repo, tmp_path, **inputs(SCFM_CHANGED_ONLY="yes"))
    assert done.returncode == 2
    assert "changed-only input must be true, false or auto" in done.stdout


def test_base_ref_is_never_an_option_of_git_fetch(repo: Path, insert: Edit, tmp_path: Path) -> None:
    insert(8, LATE)
    git(repo, "commit", "-qam", "the pull request")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    pwned = tmp_path / "pwned"
    # Without `--` git would take this for its --upload-pack option and run it.
    hostile = f"--upload-pack=touch {pwned}; git-upload-pack"
    done, outputs, _ = run_step("check", clone, tmp_path, **inputs(SCFM_BASE_REF=hostile))
    assert done.returncode != 0
    assert not pwned.exists()
    assert "exit-code" not in outputs
