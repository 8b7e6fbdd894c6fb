"""Shared helpers of the pull-request tests: git, a loopback server, the Action's steps."""

from __future__ import annotations

from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import os
from pathlib import Path
import subprocess
import sys
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = str(Path(sys.executable).parent)
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = {s.get("id") or s.get("name"): s for s in ACTION["runs"]["steps"]}

BASE = """## Catalog
- [Papers](#papers)

## Papers
1. [2025 Nature Methods] **scGPT: a model** [[paper]](https://www.nature.com/articles/s41592-024-02201-0)
1. [2024] **No venue here** [[paper]](https://example.org/x)
1. [2023 Cell] **Geneformer: transfer learning** [[paper]](https://example.org/geneformer)
"""


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        [
            "git",
            "-c",
            "user.email=t@example.org",
            "-c",
            "user.name=t",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


Edit = Callable[[int, str], None]
"""Insert a text before a 1-based line of the README.md under test."""


class Server:
    """A loopback web server that answers 404 under ``/dead`` and 200 elsewhere."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        seen = self.paths

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                seen.append(self.path)
                self.send_response(404 if self.path.startswith("/dead") else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_HEAD = do_GET = _answer  # noqa: N815

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"


def run_step(
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


def inputs(**overrides: str) -> dict[str, str]:
    """The env of the Lint step as the Action fills it on a pull request."""
    env = {
        "SCFM_FILES": "README.md",
        "SCFM_CHANGED_ONLY": "auto",
        "SCFM_BASE_REF": "",
        "SCFM_EVENT": "pull_request",
        "SCFM_FAIL_ON": "error",
    }
    return {**env, **overrides}
