"""CPU time of each paper-list rule (SCF3xx) on one file; not a test (no ``test_`` prefix).

python benchmarks/gen_list.py --entries 50000 -o /tmp/list-50k.md
python tests/paperlist/bench_rules.py /tmp/list-50k.md
"""

from __future__ import annotations

import sys
import time

from scfm_lint.checks.registry import Context, load_all
from scfm_lint.config.load import defaults
from scfm_lint.document.parse import parse_document


def main(argv: list[str]) -> int:
    path = argv[0]
    with open(path, encoding="utf-8") as f:  # noqa: PTH123 - a plain script
        text = f.read()
    doc = parse_document(text, path)
    ctx = Context(doc, defaults())
    total = 0.0
    for code, rule in sorted(load_all().items()):
        if not code.startswith("SCF3"):
            continue
        start = time.process_time()
        count = sum(1 for _ in rule.check(ctx))
        spent = time.process_time() - start
        total += spent
        print(f"{code} {rule.name:<26} {count:>7} findings {spent * 1000:>7.0f} ms")
    print(f"SCF3xx on {len(doc.entries)} entries: {total:.2f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
