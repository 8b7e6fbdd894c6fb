"""Benchmark ``scfm-lint links`` against markdown-link-check on simulated hosts (loopback only).

Runs ``../shared/bench/hostsim.py`` on the real list and on a generated 2,000-link,
40-host list, checks each rewritten list with our checker (``--allow-private --no-cache``)
and with markdown-link-check 3.15.0, and prints wall time beside the simulator's lower bound,
requests sent, precision and recall of ``dead`` against the simulator's truth, peak RSS of
each checker process, and what a warm-cache rerun sends.

    python benchmarks/links_bench.py                    # both scenarios, both tools
    python benchmarks/links_bench.py --skip-mlc --scenarios real
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
import json
import os
from pathlib import Path
import re
import shutil
import subprocess
import sys
import tempfile
import time
from typing import Any
import urllib.request

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MLC_VERSION = "3.15.0"


@dataclass
class Measure:
    tool: str
    wall: float
    requests: int
    precision: float
    recall: float
    false_dead: int
    missed_dead: int
    rss_mb: float
    note: str = ""


def run_child(cmd: Sequence[str], out_path: Path, timeout: float) -> tuple[int, float, float]:
    """Run ``cmd`` with stdout to ``out_path``; return (exit code, wall s, peak RSS MB)."""
    started = time.monotonic()
    with out_path.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)  # wait4 reaped it; tell Popen
    return proc.returncode, time.monotonic() - started, usage.ru_maxrss / 1024


def sim(port: int, path: str) -> dict[str, object]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as resp:
        data: dict[str, object] = json.load(resp)
        return data


def score(dead: set[str], truth: dict[str, str]) -> tuple[float, float, int, int]:
    true_dead = {u for u, v in truth.items() if v == "dead"}
    hits = len(dead & true_dead)
    precision = hits / len(dead) if dead else 1.0
    recall = hits / len(true_dead) if true_dead else 1.0
    return precision, recall, len(dead - true_dead), len(true_dead - dead)


def ours(
    md: Path, extra: Sequence[str], work: Path, args: argparse.Namespace
) -> tuple[dict[str, Any], float, float]:
    cmd = [sys.executable, "-m", "scfm_lint", "links", str(md), "--allow-private"]
    cmd += ["--format", "json", "--timeout", str(args.timeout), "--per-host", str(args.per_host)]
    cmd += ["--concurrency", str(args.concurrency), *extra]
    out = work / "ours.json"
    _, wall, rss = run_child(cmd, out, 1800)
    return json.loads(out.read_text("utf-8")), wall, rss


def find_mlc(work: Path) -> list[str] | None:
    found = shutil.which("markdown-link-check")
    if found:
        return [found]
    if not shutil.which("npm"):
        return None
    prefix = work.parent / "mlc"
    binary = prefix / "node_modules" / ".bin" / "markdown-link-check"
    if not binary.exists():
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", f"markdown-link-check@{MLC_VERSION}"],
            cwd=prefix,
            check=False,
            capture_output=True,
        )
    return [str(binary)] if binary.exists() else None


def mlc_dead(output: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"\[✖\] (\S+)", output)}


def scenario(name: str, prep: list[str], args: argparse.Namespace, work: Path) -> list[str]:
    hostsim = str(args.hostsim)
    outdir = work / name
    port = args.port + (0 if name == "real" else 1)
    common = ["--seed", str(args.seed), "--port", str(port), "--latency-ms", str(args.latency_ms)]
    subprocess.run(
        [sys.executable, hostsim, *prep, *common, "--outdir", str(outdir)],
        check=True,
        capture_output=True,
    )
    plan = outdir / "plan.json"
    truth: dict[str, str] = json.loads((outdir / "truth.json").read_text("utf-8"))
    bound = {}
    for cap, t in ((args.per_host, args.timeout), (args.per_host, 0), (8, 0)):
        limit = ["--limit", "--plan", str(plan), "--cap", str(cap), "--timeout-s", str(t)]
        text = subprocess.run(
            [sys.executable, hostsim, *limit],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        bound[cap, t] = float(json.loads(text)["limit_s"])
    server = subprocess.Popen(
        [sys.executable, hostsim, "--serve", "--plan", str(plan), "--ttl", "3000"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        ready = outdir / "ready"
        for _ in range(300):
            if ready.exists():
                break
            time.sleep(0.1)
        rows = measure(name, outdir / "links.md", truth, port, args, work)
    finally:
        server.terminate()
        server.wait(10)
    lb = bound[args.per_host, args.timeout]
    lines = [
        f"## {name}: {len(truth)} distinct URLs, latency {args.latency_ms} ms,"
        f" ours at --concurrency {args.concurrency} --per-host {args.per_host}",
        f"lower bound: {lb:.2f} s with per-host {args.per_host} and hang timeout T="
        f"{args.timeout:g} s (without T: {bound[args.per_host, 0]:.2f} s at per-host "
        f"{args.per_host}, {bound[8, 0]:.2f} s at the simulator's cap 8)",
        "",
        "| tool | wall s | x bound | requests | precision dead | recall dead | false dead |"
        " missed dead | peak RSS MB | note |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in rows:
        lines.append(
            f"| {m.tool} | {m.wall:.2f} | {m.wall / lb:.2f} | {m.requests} | {m.precision:.3f}"
            f" | {m.recall:.3f} | {m.false_dead} | {m.missed_dead} | {m.rss_mb:.0f} | {m.note} |"
        )
    return lines


def measure(
    name: str, md: Path, truth: dict[str, str], port: int, args: argparse.Namespace, work: Path
) -> list[Measure]:
    rows = []
    sim(port, "/__sim/reset")
    data, wall, rss = ours(md, ["--no-cache"], work, args)
    stats = sim(port, "/__sim/stats")
    sent = int(stats["requests"])  # type: ignore[call-overload]
    dead = {link["url"] for link in data["links"] if link["verdict"] == "dead"}
    verdicts = data["summary"]["verdicts"]
    note = ", ".join(f"{n} {v}" for v, n in verdicts.items() if n)
    note += (
        f"; peak in flight on one host {stats['peak_host_inflight']},"
        f" big-body bytes sent {stats['big_bytes_sent']}"
    )
    rows.append(Measure("scfm-lint links", wall, sent, *score(dead, truth), rss, note))
    cache = work / f"{name}-cache.sqlite3"
    sim(port, "/__sim/reset")
    ours(md, ["--cache-path", str(cache)], work, args)
    sim(port, "/__sim/reset")
    data, wall, rss = ours(md, ["--cache-path", str(cache)], work, args)
    stats = sim(port, "/__sim/stats")
    sent = int(stats["requests"])  # type: ignore[call-overload]
    cached = sum(1 for link in data["links"] if link["cached"])
    plan = json.loads((md.parent / "plan.json").read_text("utf-8"))
    key_of = {u: e["key"] for e in plan["urls"] for u in e["md_urls"]}
    seen = stats["urls"]
    assert isinstance(seen, dict)
    cached_keys = {key_of[link["url"]] for link in data["links"] if link["cached"]}
    to_cached = sum(seen[k]["n"] for k in cached_keys if k in seen)
    dead = {link["url"] for link in data["links"] if link["verdict"] == "dead"}
    rows.append(
        Measure(
            "scfm-lint links, warm cache",
            wall,
            sent,
            *score(dead, truth),
            rss,
            f"{cached} links from cache, {to_cached} requests to cached URLs"
            " (the rest re-checks dead URLs, which are never cached)",
        )
    )
    if args.skip_mlc:
        return rows
    mlc = find_mlc(work)
    if mlc is None:
        print("markdown-link-check skipped: npm is not available", file=sys.stderr)
        return rows
    config = work / "mlc.json"
    config.write_text(json.dumps({"timeout": f"{args.timeout:g}s", "retryOn429": True}))
    sim(port, "/__sim/reset")
    out = work / "mlc.txt"
    _, wall, rss = run_child([*mlc, "--retry", "--config", str(config), str(md)], out, 3000)
    sent = int(sim(port, "/__sim/stats")["requests"])  # type: ignore[call-overload]
    dead = mlc_dead(out.read_text("utf-8", errors="replace"))
    rows.append(Measure(f"markdown-link-check {MLC_VERSION}", wall, sent, *score(dead, truth), rss))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hostsim", type=Path, default=SHARED / "bench" / "hostsim.py")
    parser.add_argument(
        "--corpus", type=Path, default=SHARED / "corpus" / "paper-list-2026-07-14.md"
    )
    parser.add_argument("--scenarios", default="real,synthetic")
    parser.add_argument("--port", type=int, default=18530)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--latency-ms", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=10.0, help="request timeout T")
    parser.add_argument("--per-host", type=int, default=4, help="our per-host limit (default 4)")
    parser.add_argument("--concurrency", type=int, default=64, help="our global limit (64)")
    parser.add_argument("--skip-mlc", action="store_true")
    parser.add_argument("--workdir", type=Path, help="keep the files here (default: a temp dir)")
    args = parser.parse_args(argv)
    if not args.hostsim.is_file():
        print(f"hostsim not found: {args.hostsim}", file=sys.stderr)
        return 2
    work = args.workdir or Path(tempfile.mkdtemp(prefix="links-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    preps = {
        "real": ["--input", str(args.corpus)],
        "synthetic": ["--synthetic", "2000", "--hosts", "40"],
    }
    report = []
    for name in args.scenarios.split(","):
        report += [*scenario(name, preps[name], args, work), ""]
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
