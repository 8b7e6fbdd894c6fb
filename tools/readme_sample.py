"""Keep README.md's sample output equal to what scfm-lint prints for the shipped sample.

python tools/readme_sample.py            # exit 1 and a diff when the README has drifted
python tools/readme_sample.py --write    # rewrite the block from the real output
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
import difflib
import os
from pathlib import Path
import subprocess
import sys

ROOT = Path(__file__).resolve().parents[1]
COMMAND = ("check", "examples/README.md")
START = "<!-- sample-output: scfm-lint check examples/README.md -->"
END = "<!-- /sample-output -->"


def real_output(root: Path) -> str:
    """What ``scfm-lint check examples/README.md`` prints, run from ``root``, uncoloured."""
    env = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}
    done = subprocess.run(
        [sys.executable, "-m", "scfm_lint", *COMMAND],
        cwd=root,
        env={**env, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"readme_sample: scfm-lint exited {done.returncode}: {done.stderr}")
    return done.stdout


def block(output: str) -> str:
    """The README's block for that output, markers included."""
    return f"{START}\n```text\n{output}```\n{END}"


def current_block(readme: str) -> str:
    """The block as the README has it now."""
    start = readme.index(START)
    return readme[start : readme.index(END, start) + len(END)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite README.md's block")
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    parser.add_argument("--root", type=Path, default=ROOT, help="where the command runs")
    args = parser.parse_args(argv)
    text = args.readme.read_text(encoding="utf-8")
    old, new = current_block(text), block(real_output(args.root))
    if old == new:
        return 0
    if args.write:
        tmp = args.readme.with_name(args.readme.name + ".tmp")
        tmp.write_text(text.replace(old, new, 1), encoding="utf-8")
        tmp.replace(args.readme)
        return 0
    diff = difflib.unified_diff(old.splitlines(True), new.splitlines(True), "README.md", "real")
    sys.stdout.writelines(diff)
    print("README.md's sample output has drifted: run python tools/readme_sample.py --write")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
