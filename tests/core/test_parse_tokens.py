"""The tuned markdown-it parser gives the same tokens as stock markdown-it-py, on every input."""

from __future__ import annotations

from pathlib import Path
import random
import sys
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination
import pytest

from scfm_lint.document.markdown import _link_destination, markdown_parser, unused_rules

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS.parent / "benchmarks"))
from gen_list import generate  # noqa: E402

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


def _stock() -> MarkdownIt:
    """markdown-it-py with the project's configuration only: no terminators, helpers or rules
    left out."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.normalizeLinkText = lambda url: url  # type: ignore[method-assign,assignment]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


STOCK = _stock()


def _dump(tokens: list[Any]) -> list[Any]:
    return [
        (t.type, t.tag, t.map, t.content, t.markup, t.info, t.attrs, t.level, t.hidden)
        + ((_dump(t.children),) if t.children else ())
        for t in tokens
    ]


def _same(text: str) -> None:
    assert _dump(markdown_parser(text).parse(text)) == _dump(STOCK.parse(text))


def _fixture_texts() -> list[Any]:
    texts = [
        pytest.param(p.read_text(encoding="utf-8"), id=f"file {p.parent.parent.name}/{p.name}")
        for p in sorted(TESTS.glob("*/fixtures/*.md"))
    ]
    texts += [pytest.param(t, id=f"trap {name}") for name, t in TRAPS.items()]
    texts += [
        pytest.param(generate(300, seed=s, defects=0.3), id=f"generated seed {s}") for s in (1, 2)
    ]
    return texts


@pytest.mark.parametrize("text", _fixture_texts())
def test_fixture_files_traps_and_generated_lists(text):
    _same(text)


def test_every_fixture_case_input():
    from core.golden import read_fixture_file

    for path in sorted(TESTS.glob("*/fixtures/*.md")):
        try:
            cases = read_fixture_file(path)
        except ValueError:
            continue  # not a golden fixture file
        for case in cases:
            _same(case.text)


def test_seeded_fragment_documents():
    rng = random.Random(7)
    for _ in range(600):
        lines = [rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 12))]
        _same("\n".join(lines) + rng.choice(["", "\n"]))
        soup = [
            "".join(rng.choice(" \t-*_=>#|`~&![]:1.ab") for _ in range(rng.randint(0, 9)))
            for _ in range(rng.randint(1, 8))
        ]
        _same("\n".join(soup) + "\n")


def test_rules_are_left_out_where_they_cannot_match():
    assert {"table", "fence", "hr", "lheading"} <= unused_rules("1. [2024 X] **T** [[p]](u)\n")
    assert unused_rules("a\r\nb") == frozenset()


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("\n".join))
def test_generated_documents(text):
    _same(text)


@settings(max_examples=2000, deadline=None, derandomize=True, database=None)
@given(st.text(alphabet="ab/:.%()\\ <>\n\t\x00\x1f\x7f\u00e9&;", max_size=40), st.data())
def test_link_destination_matches_markdown_it(s, data):
    pos = data.draw(st.integers(0, len(s)))
    maximum = data.draw(st.integers(pos, len(s)))
    want = parseLinkDestination(s, pos, maximum)
    got = _link_destination(s, pos, maximum)
    assert (got.ok, got.pos, got.str) == (want.ok, want.pos, want.str)


def test_deeply_nested_destination_parentheses():
    for depth in (31, 32, 33):
        s = "(" * depth + "x" + ")" * depth
        want = parseLinkDestination(s, 0, len(s))
        got = _link_destination(s, 0, len(s))
        assert (got.ok, got.pos, got.str) == (want.ok, want.pos, want.str)
