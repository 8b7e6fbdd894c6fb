"""Generate a realistic curated paper list of any size, for benchmarks and equivalence checks.

The output is shaped like the real list: an HTML header, a Catalog, top-level sections with
subsections and prose, one-line entries ``1. [YEAR VENUE] **Title** [[paper]](url)`` with
some ``· [[code]](url)`` second links, URLs with parentheses, Unicode in titles, and a small
rate of deliberate defects (missing venue, empty link target, unbolded title, stray text,
trailing spaces, bare URLs, a Catalog line missing, odd numbering, a fenced block).

Deterministic: the same ``--entries`` and ``--seed`` always give the same bytes.

    python benchmarks/gen_list.py --entries 50000 -o /tmp/list-50k.md
"""

from __future__ import annotations

import argparse
from pathlib import Path
import random
import re
import sys

# Venue -> how its paper URLs look, so the URL agrees with the tag's venue and year.
VENUES = (
    ("Nature", "nature:s41586"),
    ("Nature Methods", "nature:s41592"),
    ("Nature Communications", "nature:s41467"),
    ("Nature Machine Intelligence", "nature:s42256"),
    ("Genome Biology", "bmc:s13059"),
    ("Cell", "cell:cell:0092-8674"),
    ("Cell Systems", "cell:cell-systems:2405-4712"),
    ("bioRxiv", "biorxiv"),
    ("bioRxiv", "biorxiv"),
    ("arXiv", "arxiv"),
    ("arXiv", "arxiv"),
    ("NeurIPS", "openreview"),
    ("ICLR", "openreview"),
    ("ICML", "openreview"),
    ("NeurIPS Workshop", "openreview"),
    ("Bioinformatics", "oup:bioinformatics"),
    ("Briefings in Bioinformatics", "oup:bib"),
)
WORDS = [
    "single-cell",
    "foundation",
    "model",
    "transformer",
    "atlas",
    "perturbation",
    "gene",
    "regulatory",
    "network",
    "embedding",
    "multimodal",
    "spatial",
    "transcriptomics",
    "proteomics",
    "chromatin",
    "accessibility",
    "contrastive",
    "generative",
    "pretraining",
    "benchmark",
    "cell",
    "type",
    "annotation",
    "integration",
    "representation",
    "learning",
    "diffusion",
    "language",
    "large-scale",
    "cross-species",
    "virtual",
    "cell",
    "omics",
    "attention",
    "graph",
    "tokenization",
    "expression",
    "niche",
    "lineage",
]
NAMES = (
    "scGPT",
    "Geneformer",
    "scFoundation",
    "CellFM",
    "scBERT",
    "UCE",
    "Nicheformer",
    "scPRINT",
    "CellPLM",
    "GeneCompass",
    "TranscriptFormer",
    "scMulan",
)
TOP_SECTIONS = (
    "Single-Cell Foundation Models",
    "Genetic Perturbation: Models, Atlases and Benchmarks",
    "Virtual Cell, World Models and Digital Human",
    "Pretraining Datasets and Resources",
    "Benchmarks and Evaluation",
    "Infrastructure, Platforms and AI Agents",
    "Surveys and Perspectives",
)
SUB_SECTIONS = (
    "Unimodal scFMs",
    "Multimodal scFMs",
    "Models and frameworks",
    "Datasets and atlases",
    "Critical evaluations",
    "Reviews, comments, and perspectives",
)
HEADER = """<h1 align="center">Awesome Foundation Models for Single-Cell (generated)</h1>

<p align="center">
\t<a href="https://awesome.re"><img src="https://awesome.re/badge.svg" alt="Awesome"></a>
\t<a href="http://makeapullrequest.com"><img src="https://img.shields.io/badge/PRs-welcome-brightgreen.svg"
\t alt="PRs Welcome"></a>
</p>

<p align="center">
A generated reading list of <b>foundation-model</b> research for <b>single-cell genomics</b>.
</p>

"""


def _slug(text: str) -> str:
    out = []
    for ch in text.lower():
        if ch == " ":
            out.append("-")
        elif ch in "-_" or ch.isalnum():
            out.append(ch)
    return "".join(out)


def _url(rng: random.Random, style: str, year: int) -> str:
    r = rng.randint
    kind, _, arg = style.partition(":")
    yy = year % 100
    if kind == "nature":
        return (
            f"https://www.nature.com/articles/{arg}-{year % 1000:03d}-{r(10000, 99999)}-{r(0, 9)}"
        )
    if kind == "bmc":
        doi = f"10.1186/{arg}-{year % 1000:03d}-{r(1000, 9999)}-{r(0, 9)}"
        return f"https://genomebiology.biomedcentral.com/articles/{doi}"
    if kind == "cell":
        # Parentheses inside the URL, as cell.com writes them.
        journal, issn = arg.split(":")
        return f"https://www.cell.com/{journal}/fulltext/S{issn}({yy}){r(10000, 99999)}-{r(0, 9)}"
    if kind == "biorxiv":
        day = f"{year}.{r(1, 12):02d}.{r(1, 28):02d}"
        return f"https://www.biorxiv.org/content/10.1101/{day}.{r(100000, 999999)}v{r(1, 3)}"
    if kind == "arxiv":
        return f"https://arxiv.org/abs/{yy:02d}{r(1, 12):02d}.{r(10000, 99999)}"
    if kind == "oup":
        where = f"{r(30, 42)}/{r(1, 12)}/bt{r(100, 999)}/{r(10**6, 10**7)}"
        return f"https://academic.oup.com/{arg}/article/{where}"
    return f"https://openreview.net/forum?id={r(10**9, 10**10):x}"


class _Names:
    """Model names, unique across the list (repeats would be duplicate findings)."""

    def __init__(self) -> None:
        self.n = 0

    def title(self, rng: random.Random) -> str:
        words = rng.sample(WORDS, rng.randint(5, 12))
        body = " ".join(words)
        body = body[0].upper() + body[1:]
        if rng.random() < 0.1:
            body = body.replace(" ", " — ", 1)  # an em-dash
        self.n += 1
        if rng.random() < 0.6:
            return f"{rng.choice(NAMES)}-{self.n}: {body}"
        return f"{body} ({self.n})"


def _entry(rng: random.Random, names: _Names, year: int, defects: float) -> str:
    venue, style = rng.choice(VENUES)
    title = names.title(rng)
    tag = f"[{year} {venue}]"
    bold = f"**{title}**"
    links = f"[[paper]]({_url(rng, style, year)})"
    if rng.random() < 0.2:
        links += f" · [[code]](https://github.com/lab{rng.randint(1, 500)}/repo{names.n})"
    tail = ""
    if rng.random() < defects:
        kind = rng.randrange(8)
        if kind == 0:
            tag = f"[{year}]"  # missing venue
        elif kind == 1:
            links = "[[paper]]()"  # empty link target
        elif kind == 2:
            bold = title  # title not bold
        elif kind == 3:
            tail = " (accepted)"  # stray text
        elif kind == 4:
            tail = "  "  # trailing spaces
        elif kind == 5:
            links = f"[[pdf]]({_url(rng, style, year)})"  # label outside the allowed set
        elif kind == 6:
            links += f" https://example.org/{names.n}"  # bare URL
        else:
            tag = f"[{year % 100} {venue}]"  # two-digit year
    return f"1. {tag} {bold} {links}{tail}"


def generate(entries: int, seed: int = 1, defects: float = 0.02) -> str:
    """A Markdown paper list with ``entries`` entries."""
    rng = random.Random(seed)
    names = _Names()
    # Sections scale with the list: about 45 entries per leaf section, 6 leaves per top section.
    leaves = max(1, round(entries / 45))
    tops = max(1, -(-leaves // 6))
    plan: list[tuple[str, list[tuple[str, int]]]] = []
    left = entries
    leaf_left = leaves
    for t in range(tops):
        name = TOP_SECTIONS[t % len(TOP_SECTIONS)]
        if t >= len(TOP_SECTIONS):
            name = f"{name} {t // len(TOP_SECTIONS) + 1}"
        subs: list[tuple[str, int]] = []
        for s in range(min(6, leaf_left)):
            count = left // leaf_left
            left -= count
            leaf_left -= 1
            sub = f"{SUB_SECTIONS[s % len(SUB_SECTIONS)]} ({t + 1}.{s + 1})"
            subs.append((sub, count))
        plan.append((name, subs))

    out: list[str] = [HEADER, "## Catalog\n", "- [Catalog](#catalog)\n"]
    for t, (name, subs) in enumerate(plan):
        out.append(f"- [{name}](#{_slug(name)})\n")
        for s, (sub, _) in enumerate(subs):
            if t == 1 and s == 2:
                continue  # a heading missing from the Catalog
            out.append(f"  - [{sub}](#{_slug(sub)})\n")
    out.append("\n")
    for t, (name, subs) in enumerate(plan):
        out.append(f"## {name}\n\nPapers about {name.lower()}, grouped by approach.\n\n")
        if t == 0:
            out.append("```text\n# not a heading, inside a fence\n1. not an entry\n```\n\n")
        if t == 2:
            out.append("| model | year |\n| --- | --- |\n| scGPT | 2024 |\n\n")
            out.append("> A quoted remark with a [link](https://example.org/quote).\n\n")
            out.append('<details>\n<summary>Older <a href="#catalog">notes</a></summary>\n\n')
            out.append("</details>\n\n")
        for s, (sub, count) in enumerate(subs):
            out.append(f"### {sub}\n")
            if s % 3 == 1:
                out.append(f"\nWork on {sub.lower()} (see [the review](#catalog)).\n\n")
            years = sorted((rng.randint(2018, 2026) for _ in range(count)), reverse=True)
            for k, year in enumerate(years):
                line = _entry(rng, names, year, defects)
                if k == 7 and s == 1 and rng.random() < 0.5:
                    line = line.replace("1. ", "2. ", 1)  # odd numbering
                if k == 3 and s == 0 and t % 2 == 1:
                    out.append("<!-- scfm-lint-disable-next-line SCF101 -->\n")
                    line = re.sub(r"^1\. \[(\d+) [^\]]*\]", r"1. [\1]", line)
                out.append(line + "\n")
            out.append("\n")
    return "".join(out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--defects", type=float, default=0.02, help="share of defective entries")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    text = generate(args.entries, args.seed, args.defects)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
