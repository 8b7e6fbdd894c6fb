"""Equivalence check for document-layer work: the findings and the model must not change.

``save DIR`` records, for each input, the JSON findings of ``scfm-lint check`` (every rule)
and a full dump of the parsed :class:`~scfm_lint.document.model.Document`; ``compare DIR``
recomputes both and reports every difference (exit 1). Inputs: both corpus editions, the
other lists of the corpus, and generated lists (``benchmarks/gen_list.py``, deterministic)
of 2,000 entries by default (``--sizes``).

    python benchmarks/equiv.py save /tmp/scfm-equiv          # before a change
    python benchmarks/equiv.py compare /tmp/scfm-equiv       # after it

That the tuned markdown-it parser gives stock markdown-it-py's tokens is a test:
tests/core/test_parse_tokens.py.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
from pathlib import Path
import subprocess
import sys
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
REAL = ("paper-list-2026-07-14.md", "paper-list-2025-09-21.md")


def _inputs(workdir: Path, sizes: list[int]) -> list[Path]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_list import generate

    files = [CORPUS / name for name in REAL if (CORPUS / name).exists()]
    files += sorted((CORPUS / "other-lists").glob("*.md"))
    for n in sizes:
        path = workdir / f"generated-{n}.md"
        text = generate(n)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def _findings(path: Path) -> str:
    cmd = [sys.executable, "-m", "scfm_lint", "check", "--format=json", str(path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    return f"exit {proc.returncode}\n{proc.stdout}{proc.stderr}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _model(path: Path) -> str:
    from scfm_lint.config.load import load_config
    from scfm_lint.document.parse import parse_document
    from scfm_lint.document.source import read_source

    config: Any = load_config(path, None, {})
    # A typed Config since the config seam; a merged mapping in older trees this compares.
    typed = hasattr(config, "catalog")
    doc = parse_document(
        read_source(str(path)),
        str(path),
        catalog_heading=config.catalog.heading if typed else config["catalog"]["heading"],
        excluded_sections=(
            list(config.sections.exclude) if typed else config["sections"]["exclude"]
        ),
    )
    parts = [f"path={doc.path!r}", f"catalog={doc.catalog!r}"]
    parts.append(f"text={_digest(doc.text)} lines={_digest(repr(doc.lines))}")
    parts.append(f"line_offsets={_digest(repr(doc.line_offsets))}")
    parts.append(f"html_lines={sorted(doc.html_lines)}")
    parts.append(f"code_lines={sorted(doc.code_lines)}")
    for name in ("headings", "entries", "links", "lists", "pragmas"):
        for item in getattr(doc, name):
            parts.append(f"{name}: {item!r}")
    # Properties the checks read, too.
    parts.extend(f"model_name: {e.index} {e.model_name!r}" for e in doc.entries)
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("dir", type=Path, nargs="?", default=Path("/tmp/scfm-equiv"))
    parser.add_argument("--sizes", default="2000", help="sizes of generated lists")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    failed = 0
    for path in _inputs(args.dir, sizes):
        for kind, produce in (("findings.json", _findings), ("model.txt", _model)):
            got = produce(path)
            golden = args.dir / f"{path.stem}.{kind}"
            if args.action == "save":
                golden.write_text(got, encoding="utf-8")
                print(f"saved    {golden}")
                continue
            want = golden.read_text(encoding="utf-8")
            if got == want:
                print(f"same     {path.name} {kind}")
                continue
            failed += 1
            print(f"DIFFERS  {path.name} {kind}")
            diff = difflib.unified_diff(
                want.splitlines(), got.splitlines(), "saved", "now", lineterm="", n=1
            )
            for i, line in enumerate(diff):
                if i >= 40:
                    print("  ...")
                    break
                print(f"  {line[:300]}")
    if args.action == "compare":
        print("EQUIVALENT" if not failed else f"{failed} DIFFERENCE(S)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
