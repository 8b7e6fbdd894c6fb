"""What the generated venue catalog costs: its cold load, and `check` with it off and on.

Printed side by side in one run:

- ``load``: reading and indexing ``rules/catalog/venues.yaml`` alone in a fresh process
  whose config is already loaded (what a run pays the first time one of its tags is not in
  the hand-maintained core), median of ``--runs`` processes;
- the venue and URL rules (SCF30x, SCF33x) on each corpus list with ``venues.catalog:
  false`` (the baseline: core only) and ``true`` (the shipped default), the catalog rebuilt
  and the generated file re-read before every run, median of ``5 * --runs``.

    python benchmarks/venue_catalog.py [--runs 7]
"""

from __future__ import annotations

import argparse
from pathlib import Path
import statistics
import subprocess
import sys

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
LISTS = (
    "paper-list-2026-07-14.md",
    "paper-list-2025-09-21.md",
    "other-lists/awesome-molecule-protein-pretrain-papers.md",
    "other-lists/personal-paper-list.md",
)

_LOAD = """
import time
from scfm_lint.config.load import defaults
from scfm_lint.paperlist.venues import Generated
defaults()  # as in a real run: the YAML loader and the rules folder are warm
t = time.perf_counter()
g = Generated.shipped()
print(time.perf_counter() - t, len({id(v) for v in g.exact.values()}), len(g.exact))
"""

#: In one process: the venue rules on a parsed list with a fresh catalog, generated part off
#: and on (its file read and indexed again each time), alternating, median of ``runs``.
_RULES = """
import statistics, sys, time
from pathlib import Path
from scfm_lint.checks.registry import load_all
from scfm_lint.config.load import defaults, merge
from scfm_lint.config.resources import load_rule_file
from scfm_lint.document.parse import parse_document
from scfm_lint.engine.run import lint
from scfm_lint.paperlist import venues
doc = parse_document(Path(sys.argv[1]).read_text(encoding="utf-8"), sys.argv[1])
rules = [r for r in load_all().values() if r.code.startswith(("SCF30", "SCF33"))]
times = {False: [], True: []}
for _ in range(int(sys.argv[2])):
    for flag in (False, True):
        config = merge(defaults(), {"venues": {"catalog": flag}})
        load_rule_file.cache_clear()
        venues._cache.clear()
        t = time.perf_counter()
        lint(doc, config, rules)
        times[flag].append(time.perf_counter() - t)
print(*(f(times[flag]) for flag in (False, True) for f in (statistics.median, min)))
"""


def _run(code: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def _median(code: str, runs: int, *args: str) -> float:
    return statistics.median(float(_run(code, *args).split()[0]) for _ in range(runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    first = _run(_LOAD).split()
    load = _median(_LOAD, args.runs)
    print(f"generated catalog: {first[1]} venues, {first[2]} spellings")
    print(f"load (cold, median of {args.runs}): {load * 1000:.1f} ms")
    print("venue and URL rules, ms: median (best) of", args.runs * 5)
    print(f"{'list':58} {'core only':>14} {'+catalog':>14} {'delta':>14}")
    for name in LISTS:
        path = CORPUS / name
        if path.exists():
            off, off_min, on, on_min = (
                float(x) * 1000 for x in _run(_RULES, str(path), str(args.runs * 5)).split()
            )
            print(
                f"{name:58} {off:6.2f} ({off_min:5.2f}) {on:6.2f} ({on_min:5.2f}) "
                f"{on - off:+6.2f} ({on_min - off_min:+5.2f})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
