"""What a contributor pays at commit and push time, on the real list.

1. Whole-process wall time of the pre-commit hook's command (``scfm-lint check``) on the
   real list in a temporary git repository, after a one-entry change, with and without
   ``--changed-since HEAD`` (and the findings each reports).
2. Requests the links hook (``scfm-lint links --changed-since auto``) sends for a change
   that adds one link: against a loopback server this benchmark starts, with a fresh
   verdict cache, then again with the cache (targets: 1, then 0).

    python benchmarks/precommit_bench.py
    python benchmarks/precommit_bench.py --runs 20
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
import contextlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import json
import os
from pathlib import Path
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpus" / "paper-list-2026-07-14.md"
_ENTRY = re.compile(r"^1\. \[\d{4} [^\]]+\] \*\*.*$", re.MULTILINE)
NEW_ENTRY = "1. [2026 bioRxiv] **scBench: a one-entry change** [[paper]]({url})\n"


def scfm() -> str:
    script = Path(sys.executable).with_name("scfm-lint")
    return str(script) if script.exists() else shutil.which("scfm-lint") or "scfm-lint"


def git(cwd: Path, *args: str) -> None:
    ident = [
        "-c",
        "user.email=bench@example.org",
        "-c",
        "user.name=bench",
        "-c",
        "commit.gpgsign=false",
    ]
    subprocess.run(["git", *ident, *args], cwd=cwd, check=True, capture_output=True)


def make_repo(where: Path, url: str, config: str = "") -> Path:
    """A git repository whose HEAD holds the real list, and a working tree with one new entry
    (placed before the list's first entry, so it is in year order)."""
    where.mkdir()
    git(where, "init", "-q", "-b", "main")
    text = REAL.read_text(encoding="utf-8")
    (where / "README.md").write_text(text, encoding="utf-8")
    if config:
        (where / ".scfm-lint.yaml").write_text(config, encoding="utf-8")
    git(where, "add", "-A")
    git(where, "commit", "-q", "-m", "the list")
    first = _ENTRY.search(text)
    assert first is not None, "no entry found in the real list"
    changed = text[: first.start()] + NEW_ENTRY.format(url=url) + text[first.start() :]
    (where / "README.md").write_text(changed, encoding="utf-8")
    return where


def timed(cmd: Sequence[str], cwd: Path, runs: int) -> tuple[float, float, str]:
    """Median and best wall seconds of ``runs`` runs after a warm-up, and the last summary."""
    times, out = [], ""
    for i in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
        if i:
            times.append(time.perf_counter() - start)
        out = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    return statistics.median(times), min(times), out


class Counter(BaseHTTPRequestHandler):
    """Answers 200 to everything and counts what it was asked."""

    seen: ClassVar[list[str]] = []

    def do_HEAD(self) -> None:
        Counter.seen.append(f"{self.command} {self.path}")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD  # noqa: N815

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def loopback() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def links_requests(tmp: Path) -> list[tuple[int, int, int, int]]:
    """(requests counted by the server, requests reported, cache hits, links checked) for a
    first and a second run of the links hook's command on a one-link change."""
    out = []
    with loopback() as url:
        repo = make_repo(tmp / "links", f"{url}/new-paper", "links:\n  allow-private: true\n")
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache")}
        env.pop("PRE_COMMIT_FROM_REF", None)
        cmd = [scfm(), "links", "--changed-since", "auto", "--format", "json", "README.md"]
        for _ in range(2):
            before = len(Counter.seen)
            done = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True)
            summary = json.loads(done.stdout)["summary"]
            out.append(
                (
                    len(Counter.seen) - before,
                    summary["requests"],
                    summary["cached"],
                    summary["links"],
                )
            )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs per variant (10)")
    args = parser.parse_args(argv)
    if not REAL.exists():
        print(f"precommit_bench: the real list is missing: {REAL}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="scfm-precommit-") as tmp:
        repo = make_repo(Path(tmp) / "list", "https://example.org/scbench")
        lines = len((repo / "README.md").read_text(encoding="utf-8").splitlines())
        print(f"real list: {REAL.name}, {lines} lines; change: one entry added")
        print(f"{'hook command':<48} {'median':>8} {'best':>8}  summary")
        for extra in ([], ["--changed-since", "HEAD"]):
            cmd = [scfm(), "check", *extra, "README.md"]
            median, best, summary = timed(cmd, repo, args.runs)
            label = " ".join(["scfm-lint check", *extra, "README.md"])
            print(f"{label:<48} {median:>7.3f}s {best:>7.3f}s  {summary}")
        first, second = links_requests(Path(tmp))
        print("links hook (scfm-lint links --changed-since auto), one link added:")
        for name, (served, reported, cached, links) in (("first", first), ("second", second)):
            print(
                f"  {name} run: {served} requests reached the server"
                f" ({reported} reported, {cached} from cache, {links} links checked)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
