"""Time ``scfm-lint links`` (and ``links --verify``) with no network: before and after.

A dead network is simulated for both builds the same way: a ``sitecustomize`` module on
``PYTHONPATH`` makes every host name fail to resolve, as a resolver cut off from the world
answers (so nothing leaves the machine, whatever the machine's own network). The baseline is
another build's ``scfm-lint`` (by default main's venv); the candidate is this worktree's.

    python benchmarks/dead_network.py
    python benchmarks/dead_network.py --baseline /work/main/.venv/bin/scfm-lint --no-verify
    python benchmarks/dead_network.py --after-only   # seconds, not minutes
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
import os
from pathlib import Path
import re
import subprocess
import sys
import tempfile
import time

ROOT = Path(__file__).resolve().parents[1]
HOME_LIST = ROOT.parent / "shared" / "corpus" / "paper-list-2026-07-14.md"
DEAD_DNS = '''\
"""Benchmark only: no host name resolves (a dead network)."""
import socket

_real = socket.getaddrinfo


def _dead(host, *args, **kwargs):
    if host in (None, "localhost") or str(host).replace(".", "").isdigit():
        return _real(host, *args, **kwargs)
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


socket.getaddrinfo = _dead
'''
STATS = re.compile(r"Checked (\d+) links? .*?: (.*?) \((\d+) requests?")


def run(tool: str, path: Path, verify: bool, shim: Path, timeout: float) -> dict[str, str]:
    """One run of ``tool links``; its wall time, exit code, requests and verdict counts."""
    cmd = [tool, "links", str(path), "--no-cache", "--no-progress"]
    if verify:
        cmd.append("--verify")
    env = {**os.environ, "PYTHONPATH": str(shim), "NO_COLOR": "1"}
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        env.pop(name, None)
    started = time.monotonic()
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, env=env, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {"wall": f">{timeout:.0f} s", "exit": "killed", "requests": "?", "verdicts": "?"}
    wall = time.monotonic() - started
    found = STATS.search(done.stdout)
    lines = done.stderr.strip().splitlines()
    return {
        "wall": f"{wall:.1f} s",
        "exit": str(done.returncode),
        "requests": found.group(3) if found else "?",
        "verdicts": found.group(2) if found else "?",
        "stderr": lines[-1][:90] if lines else "",
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("list", nargs="?", default=str(HOME_LIST))
    parser.add_argument("--baseline", default="/work/main/.venv/bin/scfm-lint")
    parser.add_argument("--candidate", default=str(ROOT / ".venv" / "bin" / "scfm-lint"))
    parser.add_argument("--no-verify", action="store_true", help="skip the --verify runs")
    parser.add_argument("--after-only", action="store_true", help="skip the baseline runs")
    parser.add_argument("--timeout", type=float, default=900.0, help="per run, seconds")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        shim = Path(tmp)
        (shim / "sitecustomize.py").write_text(DEAD_DNS, encoding="utf-8")
        modes = [False] if args.no_verify else [False, True]
        rows = []
        for verify in modes:
            command = "links --verify" if verify else "links"
            builds = [("before", args.baseline), ("after", args.candidate)]
            for label, tool in builds[1:] if args.after_only else builds:
                print(f"running {label}: {command} ...", file=sys.stderr, flush=True)
                rows.append(
                    (command, label, run(tool, Path(args.list), verify, shim, args.timeout))
                )
    print(f"dead network (no name resolves), list: {args.list}")
    print(f"{'command':<16} {'build':<7} {'wall':>9} {'exit':>6} {'requests':>9}  verdicts")
    for command, label, row in rows:
        print(
            f"{command:<16} {label:<7} {row['wall']:>9} {row['exit']:>6} {row['requests']:>9}"
            f"  {row['verdicts']}"
        )
    for command, label, row in rows:
        if row.get("stderr"):
            print(f"stderr, {command} {label}: {row['stderr']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
