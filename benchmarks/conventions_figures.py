"""Figures for learned conventions on every list of ``../shared/corpus``.

For each list (the home editions ``paper-list-*.md`` and ``other-lists/*.md``): findings by
code from a baseline ``scfm-lint`` (``--baseline``, say main's venv) and from this checkout,
side by side; the conventions learned (value, source, counts); the time ``learn()`` takes
(median of ``--runs`` in-process runs, the parse left out); then ``--sample`` findings of
this checkout drawn at random (``--seed``) from all lists, each with its source line, for a
hand check (true / false / debatable).

    python benchmarks/conventions_figures.py --baseline /path/to/earlier/venv/bin/scfm-lint
"""

from __future__ import annotations

import argparse
from collections import Counter
import json
import os
from pathlib import Path
import random
import statistics
import subprocess
import sys
import time
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def lists(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("paper-list-*.md")) + sorted(corpus.glob("other-lists/*.md"))


def findings(exe: str, path: Path) -> list[dict[str, Any]]:
    """Every finding of ``exe check --format json`` on ``path`` (exit 0 and 1 both fine)."""
    # Each executable runs its own code: PYTHONPATH (set to time another tree) is not passed on.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = subprocess.run(
        [exe, "check", str(path), "--format", "json", "--fail-on", "never"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if run.returncode not in (0, 1):
        sys.exit(f"{exe} failed on {path}: {run.stderr.strip()}")
    found: list[dict[str, Any]] = json.loads(run.stdout)["findings"]
    return found


def by_code_table(before: Counter[str], after: Counter[str]) -> list[str]:
    rows = [f"  {'code':<8}{'before':>8}{'after':>8}"]
    for code in sorted(before.keys() | after.keys()):
        mark = "" if before[code] == after[code] else "  *"
        rows.append(f"  {code:<8}{before[code]:>8}{after[code]:>8}{mark}")
    rows.append(f"  {'total':<8}{sum(before.values()):>8}{sum(after.values()):>8}")
    return rows


def learn_time(path: Path, runs: int) -> tuple[float, int]:
    """Median milliseconds of ``learn(doc, config)`` on a parsed list, and its entries."""
    from scfm_lint.config.load import load_config
    from scfm_lint.conventions import learn
    from scfm_lint.document.parse import parse_document

    config = load_config(path, None, {})
    text = path.read_text(encoding="utf-8")
    doc = parse_document(text, str(path), catalog_heading=config.catalog.heading)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        learn(doc, config)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(doc.entries)


def conventions_text(path: Path) -> str:
    import contextlib
    from io import StringIO

    from scfm_lint.cli import main

    buffer = StringIO()
    with contextlib.redirect_stdout(buffer):
        main(["conventions", str(path)])
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", required=True, help="an earlier scfm-lint executable")
    parser.add_argument("--current", default=str(ROOT / ".venv" / "bin" / "scfm-lint"))
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--codes", default="", help="draw the sample only from these code prefixes (SCF1,SCF2)"
    )
    args = parser.parse_args()

    pool: list[dict[str, Any]] = []
    for path in lists(args.corpus):
        name = path.relative_to(args.corpus)
        before = findings(args.baseline, path)
        after = findings(args.current, path)
        ms, entries = learn_time(path, args.runs)
        print(f"== {name}: {entries} entries; learn() {ms:.2f} ms (median of {args.runs})")
        print(
            "\n".join(
                by_code_table(Counter(f["code"] for f in before), Counter(f["code"] for f in after))
            )
        )
        print(conventions_text(path))
        lines = path.read_text(encoding="utf-8").splitlines()
        for f in after:
            f["source"] = lines[f["line"] - 1].strip() if 0 < f["line"] <= len(lines) else ""
            f["list"] = str(name)
        pool.extend(after)

    prefixes = tuple(p.strip() for p in args.codes.split(",") if p.strip())
    if prefixes:
        pool = [f for f in pool if f["code"].startswith(prefixes)]
    rng = random.Random(args.seed)
    sample = rng.sample(pool, min(args.sample, len(pool)))
    print(f"== {len(sample)} findings drawn at random (seed {args.seed}) from {len(pool)}")
    for n, f in enumerate(sorted(sample, key=lambda f: (f["list"], f["line"], f["code"])), 1):
        print(f"{n:>2}. {f['list']}:{f['line']}:{f['column']} {f['code']} {f['message']}")
        print(f"    | {f['source'][:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
