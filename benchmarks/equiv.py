"""Equivalence check for parser speed work: the findings and the model must not change.

``save DIR`` records, for each input, the JSON findings of ``scfm-lint check --select
SCF1,SCF2`` and a full dump of the parsed
:class:`~scfm_lint.document.model.Document`; ``compare DIR``
recomputes both and reports every difference (exit 1). Inputs: both corpus editions and
generated lists (``benchmarks/gen_list.py``, deterministic) of 2,000 entries by default.

    python benchmarks/equiv.py save /tmp/scfm-equiv          # before a change
    python benchmarks/equiv.py compare /tmp/scfm-equiv       # after it
    python benchmarks/equiv.py split                         # parallel parse == serial parse
    python benchmarks/equiv.py ref --ref 55830e0             # today's tree vs. old parser
    python benchmarks/equiv.py lean                          # lean parser == full parser

``lean`` fuzzes the parser configuration that leaves out rules unused by a text
(``parse.unused_rules``): on the corpus, the trap documents and thousands of random documents
made of Markdown fragments and near misses, the token streams must be identical.

``ref`` is the strongest check while others keep adding rules: it copies today's ``src/`` and
``rules/`` into a temporary tree, puts the parser modules (``parse.py``, ``entries.py``,
``anchors.py``, ``htmllinks.py``, and ``parallel.py`` if it existed) back as they were at
``--ref``, and
compares the complete ``check --format json`` output (every rule) and the model dump of both
trees on the corpus and on generated lists (``--sizes``, default 2000,10000,50000).
``--ignore end_line,line`` leaves model fields out of the comparison (``name=value``, for a
field whose value a deliberate fix changed); ``--show N`` prints up to N diff lines per input.

``split`` parses tricky documents (unclosed fences and HTML comments before headings,
reference definitions, Catalog late or twice, setext headings, CRLF...) serially and with
the parallel parser forced at every possible split, and checks the Documents are equal.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import os
from pathlib import Path
import re
import shutil
import subprocess
import sys
import tempfile
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
REAL = ("paper-list-2026-07-14.md", "paper-list-2025-09-21.md")
SELECT = "SCF1,SCF20,SCF21,SCF22,SCF23,SCF24"  # the rules that existed at the start


def _inputs(workdir: Path, sizes: list[int]) -> list[Path]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_list import generate

    files = [CORPUS / name for name in REAL if (CORPUS / name).exists()]
    for n in sizes:
        path = workdir / f"generated-{n}.md"
        text = generate(n)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def _findings(path: Path, select: str | None = SELECT, src: Path | None = None) -> str:
    cmd = [sys.executable, "-m", "scfm_lint", "check", "--format=json", str(path)]
    if select:
        cmd.append(f"--select={select}")
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT, env=env)
    return f"exit {proc.returncode}\n{proc.stdout}{proc.stderr}"


PARSER_FILES = ("parse.py", "entries.py", "anchors.py", "htmllinks.py")


def _model_in(src: Path, path: Path) -> str:
    """The model dump computed by the package under ``src`` (in a subprocess)."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[2]);"
        "import equiv; from pathlib import Path; sys.stdout.write(equiv._model(Path(sys.argv[3])))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(src), str(ROOT / "benchmarks"), str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    return proc.stdout + proc.stderr


def _without(dump: str, ignore: list[str]) -> str:
    """A model dump without the ``name=value`` of each ignored field."""
    for name in ignore:
        dump = re.sub(rf"\b{re.escape(name)}=[^,()]*(?:, )?", "", dump)
    return dump


def _ref_check(
    ref: str, workdir: Path, sizes: list[int], ignore: list[str] = (), show: int = 30
) -> int:
    """Complete findings and model: today's tree vs. the same tree with the parser at ``ref``."""
    tree = Path(tempfile.mkdtemp(prefix="scfm-ref-"))
    try:
        shutil.copytree(ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(ROOT / "rules", tree / "rules")
        pkg = tree / "src" / "scfm_lint"
        (pkg / "parallel.py").unlink(missing_ok=True)
        for name in (*PARSER_FILES, "parallel.py"):
            old = subprocess.run(
                ["git", "show", f"{ref}:src/scfm_lint/{name}"],
                capture_output=True,
                text=True,
                check=name != "parallel.py",  # parallel.py is newer than early revisions
                cwd=ROOT,
            )
            if old.returncode == 0:
                (pkg / name).write_text(old.stdout, encoding="utf-8")
        probe = subprocess.run(
            [sys.executable, "-c", "import scfm_lint.document.parse as p; print(p.__file__)"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(tree / "src")},
        ).stdout.strip()
        if not probe.startswith(str(tree)):
            print(f"reference tree not imported (got {probe})")
            return 2
        print(f"reference: {ref} parser files in {tree} (imported: {probe})")
        failed = 0
        for path in _inputs(workdir, sizes):
            for kind, now, then in (
                ("findings", _findings(path, None), _findings(path, None, tree / "src")),
                (
                    "model",
                    _without(_model_in(ROOT / "src", path), ignore),
                    _without(_model_in(tree / "src", path), ignore),
                ),
            ):
                if now == then:
                    print(f"same     {path.name} {kind} ({now.count(chr(10))} lines)")
                    continue
                failed += 1
                print(f"DIFFERS  {path.name} {kind}")
                diff = difflib.unified_diff(
                    then.splitlines(), now.splitlines(), ref, "now", lineterm="", n=1
                )
                for i, line in enumerate(diff):
                    if i >= show:
                        break
                    print(f"  {line[:300]}")
        print("EQUIVALENT" if not failed else f"{failed} DIFFERENCE(S)")
        return 1 if failed else 0
    finally:
        shutil.rmtree(tree, ignore_errors=True)


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


TRAPS = {
    "unclosed-fence": "```text\nnot closed\n\n",
    "closed-fence-with-heading": "```\n# fake\n\n## fake too\n```\n\n",
    "tilde-fence-in-list": "1. [2024 X] **T** [[paper]](https://a.b/c)\n\n   ~~~\n   code\n\n",
    "unclosed-comment": "<!-- a comment\n\nthat goes on\n\n",
    "closed-comment": "<!-- scfm-lint-disable SCF101 -->\n\n",
    "script": "<script>\nvar a;\n\n",
    "html-div": '<div>\n<a href="#catalog">x</a>\n\n',
    "reference-def": "[ref]: https://example.org/ref\n\n",
    "reference-use": "1. [2024 X] **T** [[paper]][ref]\n\n",
    "catalog-again": "## Catalog\n\n- [Again](#again)\n\n",
    "setext": "Setext heading\n==============\n\n1. [2023 Y] **S** [[paper]](https://s.t/u)\n\n",
    "blockquote-fence": "> ```\n> quoted code\n\n",
    "table": "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n",
    "indented-code": "    ## not a heading\n\n",
    "entities": "1. [2024 A&amp;B] **T &copy;** [[paper]](https://a.b/(x)y)\n\n",
    "nested-in-entry": "1. [2024 X] **T** [[paper]](https://a.b/c)\n   - code: [repo](https://g.h/i)\n"
    "     - [[data]](data/x.csv) ![fig](figs/y.png)\n\n",
    "images-and-html": 'See ![a](figs/a.png) and <img src="figs/b.png"> [x][ref] [y](#y)\n\n'
    "1. [2024 X] **T** [[paper]](https://a.b/c) <!-- scfm-lint-disable-line missing-venue -->"
    " ![b](figs/c.png)\n\n",
    "wrapped-entry": "1. [2024 X] **A long title\n   wraps** [[paper]](https://a.b/c) (oral)\n\n",
}


def _split_check(sizes: list[int]) -> int:
    """Serial parse vs. the parallel parse forced at every top-level split; 1 on a difference."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from gen_list import generate
    from scfm_lint.document import parallel
    from scfm_lint.document.parse import parse_document, split_lines

    def serial(text: str) -> object:
        return parse_document(text, "x.md", "Catalog", ["Surveys and Perspectives"])

    docs: dict[str, str] = {}
    for n in sizes:
        base = generate(n, seed=n)
        docs[f"generated-{n}"] = base
        heads = [i for i, ln in enumerate(base.split("\n")) if ln.startswith("## ")]
        for name, trap in TRAPS.items():
            for where in (heads[1], heads[len(heads) // 2], heads[-1]):
                lines = base.split("\n")
                lines.insert(where, trap.rstrip("\n"))
                docs[f"{name}@{where}-{n}"] = "\n".join(lines)
        docs[f"no-catalog-{n}"] = base.replace("## Catalog", "## Contents")
        docs[f"crlf-{n}"] = base.replace("\n", "\r\n")
        docs[f"title-{n}"] = "# The list\n\n" + base
    failed = checked = unused = 0
    for name, text in docs.items():
        want = serial(text)
        lines, offsets = split_lines(text)
        candidates = [i for i in range(1, len(lines)) if lines[i].startswith("#")]
        # Every candidate as the only split; then pairs of them for three pieces.
        splits = [[0, c] for c in candidates]
        splits += [[0, a, b] for a, b in zip(candidates[::4], candidates[2::4], strict=False)]
        for starts in splits:
            got = parallel.parse_parallel(
                text,
                "x.md",
                lines,
                offsets,
                "catalog",
                frozenset({"surveys and perspectives"}),
                workers=len(starts),
                starts=starts,
            )
            checked += 1
            if got is None:
                unused += 1
            elif got != want:
                failed += 1
                print(f"DIFFERS  {name} starts={starts}")
    print(f"split: {checked} forced splits on {len(docs)} documents, {unused} declined, ", end="")
    print("EQUIVALENT" if not failed else f"{failed} DIFFERENCE(S)")
    return 1 if failed else 0


FRAGMENTS = (
    "1. [2024 Nature] **scGPT: a model** [[paper]](https://a.b/c(1)d)",
    "- [Catalog](#catalog)",
    "## Heading",
    "Setext",
    "===",
    "---",
    "- --",
    "* * *",
    "__",
    "_ _ _",
    "**bold**",
    "text ending with -",
    "> quote",
    "> ---",
    "    indented",
    "\tTabbed",
    "```",
    "~~~",
    "~~strike~~",
    "`code`",
    "\\*escaped\\*",
    "&amp; &copy; &#35; & plain",
    "![img](x.png)",
    "! [not image]",
    "[ref]: https://example.org",
    "[ref] : not a def",
    "[x][ref]",
    "1. [2024 X] **T** [[paper]](u)\n   - code: [c](v)",
    '![a](x.png) <img src="y.png"> <!-- scfm-lint-disable scf101 -->',
    "| a | b |",
    "| --- | --- |",
    "a | b",
    "<div>",
    "</div>",
    "<!-- c -->",
    "<https://auto.link>",
    "",
    "",
)


def _stock_parser() -> Any:
    """markdown-it-py as configured before the speed work: default terminators and helpers."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.normalizeLinkText = lambda url: url  # type: ignore[method-assign,assignment]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def _destination_check(count: int) -> int:
    """parse._link_destination vs. markdown-it-py's parseLinkDestination on random strings."""
    import random

    from markdown_it.helpers import parseLinkDestination

    from scfm_lint.document.parse import _link_destination

    rng = random.Random(11)
    alphabet = "ab/:.%()\\ <>\n\t\x00\x1f\x7f\u00e9&;"
    failed = 0
    for _ in range(count):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.3:
            s = "(" * rng.randint(30, 35) + s + ")" * rng.randint(30, 35)
        pos = rng.randint(0, len(s))
        maximum = rng.randint(pos, len(s))
        want = parseLinkDestination(s, pos, maximum)
        got = _link_destination(s, pos, maximum)
        if (want.ok, want.pos, want.str) != (got.ok, got.pos, got.str):
            failed += 1
            if failed < 5:
                print(f"DIFFERS  destination {s!r} {pos} {maximum}")
    print(f"destination: {count} random strings, ", end="")
    print("EQUIVALENT" if not failed else f"{failed} DIFFERENCE(S)")
    return 1 if failed else 0


def _lean_check(count: int) -> int:
    """Tokens of the stock parser vs. ours (terminators, rules a text cannot use, helpers)."""
    import random

    from scfm_lint.document.parse import markdown_parser, unused_rules

    def dump(tokens: list[Any]) -> list[Any]:
        return [
            (t.type, t.tag, t.map, t.content, t.markup, t.info, t.attrs, t.level, t.hidden)
            + ((dump(t.children),) if t.children else ())
            for t in tokens
        ]

    texts = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.md")}
    texts.update(TRAPS)
    rng = random.Random(7)
    for i in range(count):
        lines = [rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 12))]
        texts[f"random-{i}"] = "\n".join(lines) + rng.choice(["", "\n"])
        # Character soup: lines of Markdown punctuation, blanks and tabs.
        soup = [
            "".join(rng.choice(" \t-*_=>#|`~&![]:1.ab") for _ in range(rng.randint(0, 9)))
            for _ in range(rng.randint(1, 8))
        ]
        texts[f"soup-{i}"] = "\n".join(soup) + "\n"
    full = _stock_parser()
    failed = leaner = 0
    for name, text in texts.items():
        skip = unused_rules(text)
        leaner += bool(skip)
        if dump(full.parse(text)) != dump(markdown_parser(text).parse(text)):
            failed += 1
            print(f"DIFFERS  {name} (left out: {sorted(skip)})")
    print(f"lean: {len(texts)} documents, {leaner} parsed with rules left out, ", end="")
    print("EQUIVALENT" if not failed else f"{failed} DIFFERENCE(S)")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "compare", "split", "ref", "lean"])
    parser.add_argument("--ref", default="55830e0", help="git revision of the old parser")
    parser.add_argument("dir", type=Path, nargs="?", default=Path("/tmp/scfm-equiv"))
    parser.add_argument(
        "--sizes", default="", help="sizes of generated lists (default 2000; ref: 2000,10000,50000)"
    )
    parser.add_argument("--ignore", default="", help="ref: model fields left out, e.g. end_line")
    parser.add_argument("--show", type=int, default=30, help="ref: diff lines shown per input")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.action == "split":
        return _split_check([700])
    if args.action == "lean":
        return _destination_check(200_000) | _lean_check(20000)
    sizes = sizes or ([2000, 10000, 50000] if args.action == "ref" else [2000])
    if args.action == "ref":
        ignore = [f for f in args.ignore.split(",") if f]
        return _ref_check(args.ref, args.dir, sizes, ignore, args.show)
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
