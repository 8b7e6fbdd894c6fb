"""Properties over generated Markdown: parsing and linting never crash, places stay in the file."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scfm_lint.config.load import defaults, merge
from scfm_lint.document.parse import parse_document
from scfm_lint.engine.run import lint

# Fragments of the real list's shapes plus Markdown's sharp edges; derandomized so a run
# is repeatable. Inline HTML links and
# problems on wrapped entries are left out: their wrong places are pinned in
# test_parse_known_bugs.py.
PIECES = st.sampled_from(
    [
        "## Models\n",
        "## Catalog\n",
        "- [Models](#models)\n",
        "  - [A](#a)\n",
        "### A\n",
        "1. ",
        "- ",
        "2) ",
        "[2024 Nature] ",
        "[2024] ",
        "[Nature 2024] ",
        "**Title**",
        "**T : x**",
        "*it*",
        "****",
        " [[paper]](https://a.org/x_(1))",
        " · ",
        " [[code]]()",
        " [paper](u)",
        " https://a.org/b",
        " <https://a.org/c>",
        "\n",
        "\n\n",
        "   ",
        "\t",
        '<p align="center">\n',
        "</p>\n",
        "<!-- scfm-lint-disable SCF101 -->\n",
        "<!-- scfm-lint-disable-next-line -->\n",
        "<!-- scfm-lint-enable -->\n",
        "```\n",
        "— ü 单",
        "[x]",
        "(",
        ")",
        "[",
        "]",
        "*",
        "&amp;",
        "\\",
        "\r\n",
        "  \n",
        "> quote\n",
        "| a | b |\n|---|---|\n",
        "Setext\n---\n",
    ]
)
CONFIG = merge(defaults(), {"select": ["SCF1", "SCF2"]})


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_every_place_lies_inside_the_document(text):
    doc = parse_document(text, "/nonexistent/README.md")
    lines = doc.lines

    def inside(line: int, column: int) -> bool:
        return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1

    for f in lint(doc, CONFIG):
        assert 1 <= f.line <= len(lines), f
        assert f.code.startswith("SCF1") or inside(f.line, f.column), f
    for link in doc.links:
        assert inside(link.line, link.column), link
    for h in doc.headings:
        assert inside(h.line, h.column), h
        assert lines[h.line - 1].strip()
    for e in doc.entries:
        assert inside(e.line, e.column), e
        assert e.line <= e.end_line <= len(lines) + 1, e
        assert lines[e.line - 1][e.column - 1 :].startswith(e.marker), e


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(
    st.text(alphabet=st.sampled_from(list("#-1.[]()*_<>!`|: \n\tab/\\&;\"'=\r\u2028")), max_size=60)
)
def test_arbitrary_text_never_crashes(text):
    lint(parse_document(text, "/nonexistent/README.md"), CONFIG)
