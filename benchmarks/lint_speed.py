"""Whole-process time of ``scfm-lint check`` on the real list and on generated lists.

For each file: entries, the median wall and CPU time of ``--runs`` runs of the whole process
(the installed ``scfm-lint`` console script, or ``python -m scfm_lint`` when it is missing),
the CPU microseconds per entry beyond start-up ((CPU - CPU on a 10-entry list) / entries),
and whether ``aiohttp`` was imported (from ``python -X importtime``). ``--baseline`` names
another ``scfm-lint`` (say, a checkout of an older commit with its own venv): it is timed in
the same run, alternating with this one, and shown side by side. ``--cpu 0`` pins every
process to one core (``taskset``). markdownlint-cli2 (npm) is timed too unless
``--no-markdownlint``.

Targets (2-core machine): <= 0.3 s on the real list without aiohttp, <= 5 s at 50,000
entries, CPU per entry flat from 1,000 to 50,000 entries.

    python benchmarks/lint_speed.py                  # real list, 10,000 and 50,000 entries
    python benchmarks/lint_speed.py --cpu 0 --sizes 1000,5000,20000,50000 --no-markdownlint \\
        --baseline /work/base/.venv/bin/scfm-lint

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
    return timed([cmd], runs, cwd)[0]


def timed(cmds: list[list[str]], runs: int, cwd: Path | None = None) -> list[tuple[float, float]]:
    """:func:`wall` for several commands, run in turn (so a change in load hits all alike)."""
    times: list[list[float]] = [[] for _ in cmds]
    cpus: list[list[float]] = [[] for _ in cmds]
    for i in range(runs + 1):
        for k, cmd in enumerate(cmds):
            elapsed, cpu = _once(cmd, cwd)
            if i:  # the first run warms the OS file cache and .pyc files
                times[k].append(elapsed)
                cpus[k].append(cpu)
    return [(statistics.median(t), statistics.median(c)) for t, c in zip(times, cpus, strict=True)]


def _once(cmd: list[str], cwd: Path | None) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def imports_aiohttp(path: Path, python: str = sys.executable) -> bool:
    proc = subprocess.run(
        [python, "-X", "importtime", "-m", "scfm_lint", "check", str(path)],
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


_IN_PROCESS = """
import gc, sys, time
from pathlib import Path
try:
    from scfm_lint.config.load import load_config
    from scfm_lint.document.parse import parse_document
    from scfm_lint.engine.run import lint
except ImportError:  # the layout before the document package
    from scfm_lint.config import load_config
    from scfm_lint.engine import lint
    from scfm_lint.parse import parse_document
path = sys.argv[1]
config = load_config(Path(path), None, {})
text = Path(path).read_text(encoding="utf-8")
if isinstance(config, dict):  # before the typed Config
    heading, excluded = config["catalog"]["heading"], config["sections"]["exclude"]
else:
    heading, excluded = config.catalog.heading, list(config.sections.exclude)
start = time.process_time()
doc = parse_document(text, path, heading, excluded)
parsed = time.process_time()
gc.freeze()  # as check does: the document lives until the end
found = list(lint(doc, config))
print(len(doc.entries), parsed - start, time.process_time() - parsed)
"""


def in_process(python: str, path: Path, runs: int, pin: list[str]) -> tuple[int, float, float]:
    """Entries, and the least CPU seconds of parsing and of linting over ``runs`` fresh
    processes (start-up left out)."""
    best = (0, float("inf"), float("inf"))
    for _ in range(runs):
        out = subprocess.run(
            [*pin, python, "-c", _IN_PROCESS, str(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        entries, parse, check = int(out[0]), float(out[1]), float(out[2])
        best = (entries, min(best[1], parse), min(best[2], check))
    return best


def _row(name: str, entries: int, got: tuple[float, float], base_cpu: float, aio: str) -> str:
    seconds, cpu = got
    per = (cpu - base_cpu) / entries * 1e6 if entries > 10 else 0.0
    return f"{name:<34} {entries:>7} {seconds:>8.3f} {cpu:>7.2f} {per:>9.1f} {aio:>8}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per file (median)")
    parser.add_argument(
        "--sizes", default="10000,50000", help="comma-separated generated list sizes"
    )
    parser.add_argument("--real", type=Path, default=CORPUS / REAL, help="the real list")
    parser.add_argument(
        "--baseline",
        action="append",
        default=[],
        help="another scfm-lint executable, timed side by side (repeatable)",
    )
    parser.add_argument("--cpu", help="pin every timed process to this core (taskset -c)")
    parser.add_argument("--no-markdownlint", action="store_true", help="skip markdownlint-cli2")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_list import generate

    pin = ["taskset", "-c", args.cpu] if args.cpu is not None else []
    versions = [("now", [*pin, *scfm_command()], sys.executable)]
    for k, baseline in enumerate(args.baseline, 1):
        base = Path(baseline)
        name = "baseline" if len(args.baseline) == 1 else f"baseline {k}"
        versions.append((name, [*pin, str(base), "check"], str(base.with_name("python"))))
    with tempfile.TemporaryDirectory(prefix="scfm-lint-speed-") as tmp:
        files: list[Path] = []
        tiny = Path(tmp) / "generated-10.md"
        tiny.write_text(generate(10), encoding="utf-8")
        if args.real.exists():
            files.append(args.real)
        else:
            print(f"skip: real list {args.real} not found")
        for n in (int(s) for s in args.sizes.split(",") if s.strip()):
            path = Path(tmp) / f"generated-{n}.md"
            path.write_text(generate(n), encoding="utf-8")
            files.append(path)

        mdl, where = (None, "--no-markdownlint") if args.no_markdownlint else markdownlint()
        for name, cmd, _ in versions:
            print(f"{name}: {' '.join(cmd)} FILE   (median of {args.runs} runs, after 1 warm-up)")
        print(f"markdownlint-cli2: {where if mdl else 'SKIPPED: ' + where}")
        print(f"cores: {os.cpu_count()}  python: {sys.version.split()[0]}")
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        header = (
            f"{'file (version)':<34} {'entries':>7} {'wall s':>8} {'cpu s':>7} {'cpu us/e':>9}"
            f" {'aiohttp':>8}"
        )
        print(header)
        print("-" * len(header))
        start = timed([[*cmd, str(tiny)] for _, cmd, _ in versions], args.runs)
        for (name, _, _), got in zip(versions, start, strict=True):
            print(_row(f"start-up, 10 entries ({name})", 10, got, 0.0, ""))
        for path in files:
            entries = count_entries(path)
            results = timed([[*cmd, str(path)] for _, cmd, _ in versions], args.runs)
            for (name, _, python), got, first in zip(versions, results, start, strict=True):
                aio = (
                    "?"
                    if not Path(python).exists()
                    else "yes"
                    if imports_aiohttp(path, python)
                    else "no"
                )
                print(_row(f"{path.name} ({name})", entries, got, first[1], aio))
            if mdl:
                md_seconds, md_cpu = wall([*mdl, path.name], args.runs, cwd=path.parent)
                print(_row(f"{path.name} (markdownlint)", entries, (md_seconds, md_cpu), 0.0, ""))
        print("\nCPU per entry in the process (start-up left out; least of the runs):")
        print(
            f"{'file (version)':<34} {'entries':>7} {'parse us/e':>10} {'lint us/e':>10} {'sum':>7}"
        )
        for path in files[1:] if args.real.exists() else files:
            for name, _, python in versions:
                if not Path(python).exists():
                    continue
                n, parse, check = in_process(python, path, args.runs, pin)
                per = (parse * 1e6 / n, check * 1e6 / n)
                print(
                    f"{path.name + f' ({name})':<34} {n:>7} {per[0]:>10.1f} {per[1]:>10.1f}"
                    f" {sum(per):>7.1f}"
                )
        print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print("(wall seconds need free cores: other busy processes on the machine inflate them)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
