"""Whole-process wall time of ``scfm-lint check`` on the real list and on generated lists.

For each file: entries, the median wall time of ``--runs`` runs of the whole process (the
installed ``scfm-lint`` console script, or ``python -m scfm_lint`` when it is missing), the
microseconds per entry, and whether ``aiohttp`` was imported (from ``python -X importtime``).
In the same run, markdownlint-cli2 (npm) is timed on the same files for comparison.

Targets (2-core machine): <= 0.3 s on the real list without aiohttp, <= 5 s at 50,000
entries, time growing linearly with entries.

    python benchmarks/lint_speed.py                  # real list, 10,000 and 50,000 entries
    python benchmarks/lint_speed.py --runs 3 --sizes 10000,50000,100000

The real list is read from ``../shared/corpus`` (relative to the repository root); generated
lists go to a temporary directory. markdownlint-cli2 is taken from PATH, ``npx --no-install``
or a cache directory, where it is installed with ``npm install`` when missing.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
REAL = "paper-list-2026-07-14.md"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "scfm-lint-bench"
_ITEM = re.compile(r"^ {0,3}\d{1,9}[.)] +\[", re.MULTILINE)


def count_entries(path: Path) -> int:
    """Ordered-list items that open with a ``[`` tag: the paper entries."""
    return len(_ITEM.findall(path.read_text(encoding="utf-8")))


def scfm_command() -> list[str]:
    script = Path(sys.executable).with_name("scfm-lint")
    if script.exists():
        return [str(script), "check"]
    return [sys.executable, "-m", "scfm_lint", "check"]


def wall(cmd: list[str], runs: int, cwd: Path | None = None) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (user + system, the process and its
    children) of ``runs`` runs, after one warm-up run."""
    times: list[float] = []
    cpus: list[float] = []
    for i in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, check=False
        )
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        if i:  # the first run warms the OS file cache and .pyc files
            times.append(elapsed)
            cpus.append(cpu)
    return statistics.median(times), statistics.median(cpus)


def imports_aiohttp(path: Path) -> bool:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "scfm_lint", "check", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    return re.search(r"\|\s*aiohttp(\.|\s*$)", proc.stderr, re.MULTILINE) is not None


def markdownlint() -> tuple[list[str] | None, str]:
    """The command that runs markdownlint-cli2, or None and why it is skipped."""
    found = shutil.which("markdownlint-cli2")
    if found:
        return [found], found
    cached = CACHE / "node_modules" / ".bin" / "markdownlint-cli2"
    if cached.exists():
        return [str(cached)], str(cached)
    npx = shutil.which("npx")
    if npx:
        probe = subprocess.run(
            [npx, "--no-install", "markdownlint-cli2", "--help"],
            capture_output=True,
            check=False,
        )
        if probe.returncode in (0, 2) and b"markdownlint-cli2" in probe.stdout:
            return [npx, "--no-install", "markdownlint-cli2"], "npx --no-install"
    npm = shutil.which("npm")
    if not npm:
        return None, "npm is not installed"
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"installing markdownlint-cli2 into {CACHE} ...", file=sys.stderr)
    proc = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--prefix", str(CACHE), "markdownlint-cli2"],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0 or not cached.exists():
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return None, f"npm install markdownlint-cli2 failed: {last}"
    return [str(cached)], str(cached)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per file (median)")
    parser.add_argument(
        "--sizes", default="10000,50000", help="comma-separated generated list sizes"
    )
    parser.add_argument("--real", type=Path, default=CORPUS / REAL, help="the real list")
    parser.add_argument("--no-markdownlint", action="store_true", help="skip markdownlint-cli2")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_list import generate

    with tempfile.TemporaryDirectory(prefix="scfm-lint-speed-") as tmp:
        files: list[Path] = []
        if args.real.exists():
            files.append(args.real)
        else:
            print(f"skip: real list {args.real} not found")
        for n in (int(s) for s in args.sizes.split(",") if s.strip()):
            path = Path(tmp) / f"generated-{n}.md"
            path.write_text(generate(n), encoding="utf-8")
            files.append(path)

        mdl, where = (None, "--no-markdownlint") if args.no_markdownlint else markdownlint()
        cmd = scfm_command()
        print(f"scfm-lint: {' '.join(cmd)} FILE   (median of {args.runs} runs, after 1 warm-up)")
        print(f"markdownlint-cli2: {where if mdl else 'SKIPPED: ' + where}")
        print(f"cores: {os.cpu_count()}  python: {sys.version.split()[0]}")
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        header = (
            f"{'file':<28} {'entries':>8} {'scfm s':>8} {'cpu s':>7} {'us/entry':>9}"
            f" {'aiohttp':>8} {'mdlint s':>9} {'us/entry':>9}"
        )
        print(header)
        print("-" * len(header))
        rows: list[tuple[int, float]] = []
        for path in files:
            entries = count_entries(path)
            seconds, cpu = wall([*cmd, str(path)], args.runs)
            aio = "yes" if imports_aiohttp(path) else "no"
            per = seconds / entries * 1e6 if entries else 0.0
            md_s = md_per = "skip"
            if mdl:
                md_seconds, _md_cpu = wall([*mdl, path.name], args.runs, cwd=path.parent)
                md_s = f"{md_seconds:.3f}"
                md_per = f"{md_seconds / entries * 1e6:.1f}" if entries else "-"
            print(
                f"{path.name:<28} {entries:>8} {seconds:>8.3f} {cpu:>7.2f} {per:>9.1f} {aio:>8}"
                f" {md_s:>9} {md_per:>9}"
            )
            rows.append((entries, seconds))
        print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print("(wall seconds need free cores: other busy processes on the machine inflate them)")
        generated = rows[1:] if args.real.exists() else rows
        if len(generated) >= 2:
            (n1, t1), (n2, t2) = generated[0], generated[-1]
            print(
                f"growth {n1} -> {n2} entries: x{n2 / n1:.1f} entries, x{t2 / t1:.2f} time"
                f" (linear would be x{n2 / n1:.1f}; start-up cost makes it a little less)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
