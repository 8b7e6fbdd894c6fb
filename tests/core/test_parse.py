"""The document model: headings, Catalog, entries, links and pragmas, at exact positions."""

from __future__ import annotations

import pytest

from scfm_lint.document.anchors import Slugger, github_slug
from scfm_lint.document.facts import LinkForm, PieceKind, TagForm, TitleMarkup
from scfm_lint.document.parse import parse_document

DOC = """\
<p align="center">
\t<a href="https://awesome.re"><img src="https://awesome.re/badge.svg" alt="Awesome"></a>
  <a href="figs/tree.pdf"><img src="figs/tree.png" alt="Tree" width="80%"></a>
</p>

# Awesome list

## Catalog
- [Catalog](#catalog)
- [FM + LLM](#fm--llm)
  - [Models](#models)
  - [Models](#models-1)
- [Surveys](#surveys)

## FM + LLM

Prose between headings, with [a link](#models).

### Models
ENTRY

### Models
<!-- scfm-lint-disable-next-line SCF101 -->
2) [2024] **B** [[paper]](https://example.org/b)

## Surveys
- [2023 bioRxiv] Plain title [paper](https://example.org/c)
""".replace(
    "ENTRY",
    "1. [2024 Nature Methods] **scGPT: toward — building** "
    "[[paper]](https://www.cell.com/cell/fulltext/S0092-8674(24)01332-1)"
    " · [[code]](https://github.com/bowang-lab/scGPT)",
)


@pytest.fixture(scope="module")
def doc():
    return parse_document(DOC, "README.md")


def test_heading_tree(doc):
    got = [(h.level, h.text, h.anchor, h.line, h.column, h.parent) for h in doc.headings]
    assert got == [
        (1, "Awesome list", "awesome-list", 6, 3, None),
        (2, "Catalog", "catalog", 8, 4, 0),
        (2, "FM + LLM", "fm--llm", 15, 4, 0),
        (3, "Models", "models", 19, 5, 2),
        (3, "Models", "models-1", 22, 5, 2),
        (2, "Surveys", "surveys", 26, 4, 0),
    ]
    assert [h.index for h in doc.headings] == list(range(6))


def test_catalog_items_with_depth_and_targets(doc):
    assert doc.catalog is not None
    assert doc.catalog.heading == 1
    assert doc.catalog.line == 9
    assert (doc.catalog.bullet, doc.catalog.indent) == ("-", 2)
    got = [(i.text, i.target, i.depth, i.line, i.column) for i in doc.catalog.items]
    assert got == [
        ("Catalog", "#catalog", 0, 9, 3),
        ("FM + LLM", "#fm--llm", 0, 10, 3),
        ("Models", "#models", 1, 11, 5),
        ("Models", "#models-1", 1, 12, 5),
        ("Surveys", "#surveys", 0, 13, 3),
    ]


def test_entry_fields_and_positions(doc):
    e = doc.entries[0]
    assert (e.line, e.column, e.marker, e.number) == (20, 1, "1.", 1)
    assert (e.section, e.content_column, e.tag_column) == (3, 4, 4)
    assert (e.year, e.year_text, e.venue, e.venue_column) == (2024, "2024", "Nature Methods", 10)
    assert (e.title, e.title_column, e.title_bold) == ("scGPT: toward — building", 28, True)
    assert e.model_name == "scGPT"
    assert (e.tag.form, e.tag.text, e.title_info.markup) == (
        TagForm.YEAR_VENUE,
        "[2024 Nature Methods]",
        TitleMarkup.BOLD,
    )
    assert [(t.text, t.column, t.after_link) for t in e.texts] == [("·", 123, True)]
    assert e.trailing == ()
    assert [lk.form for lk in e.links] == [LinkForm.DOUBLE, LinkForm.DOUBLE]
    assert e.raw.startswith("[2024 Nature Methods] **scGPT")
    got = [(lk.label, lk.url, lk.line, lk.column, lk.url_column, lk.kind) for lk in e.links]
    url = "https://www.cell.com/cell/fulltext/S0092-8674(24)01332-1"
    assert got == [
        ("paper", url, 20, 55, 65, "markdown"),
        ("code", "https://github.com/bowang-lab/scGPT", 20, 125, 134, "markdown"),
    ]
    assert {(lk.entry, lk.section) for lk in e.links} == {(0, 3)}


def test_a_deviating_item_is_still_an_entry(doc):
    b, c = doc.entries[1], doc.entries[2]
    assert (b.line, b.marker, b.number, b.section, b.venue, b.year) == (24, "2)", 2, 4, None, 2024)
    assert (c.line, c.marker, c.number, c.section) == (27, "-", None, 5)
    assert (c.title, c.title_bold, c.title_column) == ("Plain title", False, 18)
    assert c.title_info.markup is TitleMarkup.PLAIN
    assert [lk.form for lk in c.links] == [LinkForm.SINGLE]
    assert [(lk.label, lk.column) for lk in c.links] == [("paper", 30)]


def test_each_list_is_recorded_once(doc):
    assert [(li.ordered, li.line, li.entries) for li in doc.lists] == [
        (True, 20, (0,)),
        (True, 24, (1,)),
        (False, 27, (2,)),
    ]
    assert len({li.list_id for li in doc.lists}) == 3


def test_html_links_with_positions(doc):
    html = [
        (lk.url, lk.label, lk.line, lk.column, lk.section) for lk in doc.links if lk.kind == "html"
    ]
    assert html == [
        ("https://awesome.re", "a", 2, 11, None),
        ("https://awesome.re/badge.svg", "Awesome", 2, 41, None),
        ("figs/tree.pdf", "a", 3, 12, None),
        ("figs/tree.png", "Tree", 3, 37, None),
    ]
    assert doc.html_lines >= {1, 2, 3, 4}


def test_every_link_in_document_order(doc):
    places = [(lk.line, lk.column) for lk in doc.links]
    assert places == sorted(places)
    catalog = [lk.url for lk in doc.links if 9 <= lk.line <= 13]
    assert catalog == ["#catalog", "#fm--llm", "#models", "#models-1", "#surveys"]
    prose = [lk for lk in doc.links if lk.line == 17]
    assert [(lk.url, lk.column, lk.kind, lk.entry, lk.section) for lk in prose] == [
        ("#models", 30, "markdown", None, 2)
    ]


def test_pragmas(doc):
    assert [(p.action, p.codes, p.line) for p in doc.pragmas] == [
        ("disable-next-line", ("SCF101",), 23)
    ]


def test_lines_offsets_and_helpers(doc):
    assert doc.lines[5] == "# Awesome list"
    assert doc.text[doc.offset(6, 3) :].startswith("Awesome list")
    assert doc.section_title(None) == "(top)"
    assert doc.section_title(2) == "FM + LLM"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        pytest.param("FM + LLM", "fm--llm", id="plus between spaces"),
        pytest.param(
            "Multi-omics: RNA, ATAC and Protein",
            "multi-omics-rna-atac-and-protein",
            id="colon-comma",
        ),
        pytest.param(
            "Foundation Models for Pathology (related work)",
            "foundation-models-for-pathology-related-work",
            id="parentheses",
        ),
        pytest.param("Infrastructure & AI Agents", "infrastructure--ai-agents", id="ampersand"),
        pytest.param("scRNA-seq", "scrna-seq", id="hyphen kept"),
        pytest.param("snake_case name", "snake_case-name", id="underscore kept"),
        pytest.param("Über Zellen", "über-zellen", id="unicode letters kept"),
        pytest.param("单细胞 模型", "单细胞-模型", id="cjk"),
        pytest.param("Models 🧬", "models-", id="emoji dropped"),
        pytest.param("v2.0 “quoted”", "v20-quoted", id="dots and curly quotes dropped"),
    ],
)
def test_github_slug(text, slug):
    assert github_slug(text) == slug


def test_slugger_suffixes_repeats_like_github():
    s = Slugger()
    assert [s.slug(t) for t in ["Models", "Models", "Models-1", "Models", "Other"]] == [
        "models",
        "models-1",
        "models-1-1",
        "models-2",
        "other",
    ]


def test_heading_text_drops_markup_and_setext_headings_count():
    text = "## Tools *and* `code` [link](#x) ##\n\nSetext heading\n--------------\n"
    doc = parse_document(text, "x.md")
    assert [(h.level, h.text, h.anchor, h.line) for h in doc.headings] == [
        (2, "Tools and code link", "tools-and-code-link", 1),
        (2, "Setext heading", "setext-heading", 3),
    ]


def test_excluded_sections_and_catalog_hold_no_entries():
    text = (
        "## Catalog\n- [Models](#models)\n\n## Contributing\n1. Fork the repo\n\n## Models\n1. x\n"
    )
    doc = parse_document(text, "x.md", excluded_sections=["contributing"])
    assert [e.line for e in doc.entries] == [8]


def test_catalog_heading_is_configurable_and_optional():
    text = "## Index\n- [Models](#models)\n\n## Models\n"
    assert parse_document(text, "x.md").catalog is None
    doc = parse_document(text, "x.md", catalog_heading="index")
    assert doc.catalog is not None
    assert [i.target for i in doc.catalog.items] == ["#models"]


def test_code_lines_and_crlf():
    text = "## Models\r\n\r\n```\r\n1. [2024] not an entry\r\n```\r\n1. [2024 Nature] **A** [[paper]](https://example.org/a)\r\n"
    doc = parse_document(text, "x.md")
    assert doc.code_lines == {3, 4, 5}
    assert doc.lines[0] == "## Models"
    [e] = doc.entries
    assert (e.line, e.venue, e.title) == (6, "Nature", "A")
    assert [(lk.line, lk.column) for lk in e.links] == [(6, 24)]


def test_multi_line_entry_keeps_link_positions():
    text = "## Models\n1. [2024 Nature] **A long title that wraps\n   onto a second line** [[paper]](https://example.org/a)\n"
    [e] = parse_document(text, "x.md").entries
    assert (e.line, e.end_line) == (2, 3)
    assert e.title == "A long title that wraps onto a second line"
    assert [(lk.line, lk.column) for lk in e.links] == [(3, 25)]


def test_pragma_spellings():
    text = (
        "<!-- scfm-lint-disable SCF101,SCF102 -->\n"
        "<!--scfm-lint-enable SCF101, SCF102-->\n"
        "<!-- scfm-lint-disable -->\n"
        "<!-- scfm-lint-enable -->\n"
        "<!-- scfm-lint-disable-next-line SCF231 -->\n"
        "<!-- a plain comment -->\n"
    )
    doc = parse_document(text, "x.md")
    assert [(p.action, p.codes, p.line) for p in doc.pragmas] == [
        ("disable", ("SCF101", "SCF102"), 1),
        ("enable", ("SCF101", "SCF102"), 2),
        ("disable", (), 3),
        ("enable", (), 4),
        ("disable-next-line", ("SCF231",), 5),
    ]


def test_catalog_bullet_and_indent_as_written():
    text = "## Catalog\n* [A](#a)\n    * [B](#b)\n\n## A\n### B\n"
    doc = parse_document(text, "x.md")
    assert doc.catalog is not None
    assert (doc.catalog.bullet, doc.catalog.indent) == ("*", 4)
    assert [(i.text, i.depth, i.column) for i in doc.catalog.items] == [("A", 0, 3), ("B", 1, 7)]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        pytest.param("scGPT: toward building a foundation model", "scGPT", id="name"),
        pytest.param("Cell2Sentence 2 : Scaling", "Cell2Sentence 2", id="space before colon"),
        pytest.param("Universal cell embeddings", None, id="no colon"),
        pytest.param("A very long phrase with many words: subtitle", None, id="too many words"),
    ],
)
def test_entry_model_name(title, name):
    text = f"## Models\n1. [2024 Nature] **{title}** [[paper]](https://example.org/a)\n"
    [e] = parse_document(text, "x.md").entries
    assert e.model_name == name


def test_list_nested_in_an_entry_is_part_of_it():
    text = (
        "## Models\n"
        "1. [2024 Nature] **T** [[paper]](https://example.org/a)\n"
        "   - code: [repo](https://github.com/x/y)\n"
        "     1. deeper [z](figs/z.png)\n"
        "1. [2024 Nature] **U** [[paper]](https://example.org/b)\n"
    )
    doc = parse_document(text, "x.md")
    assert [(e.line, e.end_line, len(e.links)) for e in doc.entries] == [(2, 4, 1), (5, 5, 1)]
    assert [(lk.url, lk.line, lk.column, lk.entry) for lk in doc.links] == [
        ("https://example.org/a", 2, 24, 0),
        ("https://github.com/x/y", 3, 12, 0),
        ("figs/z.png", 4, 16, 0),
        ("https://example.org/b", 5, 24, 1),
    ]
    assert [li.entries for li in doc.lists] == [(0, 1)]


def test_images_are_links_with_exact_positions():
    text = (
        "## A\n\nA tree: ![the tree](figs/tree.png) [![b](https://i.org/b.svg)](https://c.org)\n"
        "\n1. [2024 X] **T** [[paper]](https://example.org/a) ![badge](figs/b.svg)\n"
    )
    doc = parse_document(text, "x.md")
    got = [(lk.url, lk.label, lk.line, lk.column, lk.url_column, lk.kind) for lk in doc.links]
    assert got == [
        ("figs/tree.png", "the tree", 3, 9, 21, "image"),
        ("https://c.org", "", 3, 36, 64, "markdown"),
        ("https://i.org/b.svg", "b", 3, 37, 42, "image"),
        ("https://example.org/a", "paper", 5, 19, 29, "markdown"),
        ("figs/b.svg", "badge", 5, 52, 61, "image"),
    ]
    assert [lk.entry for lk in doc.links] == [None, None, None, 0, 0]
    assert [lk.url for lk in doc.entries[0].links] == ["https://example.org/a"]


def test_reference_links_in_prose():
    text = "## A\n\nSee [the paper][p], [p][] and [p] or [inline](#a).\n\n[p]: https://e.org/p\n"
    doc = parse_document(text, "x.md")
    got = [(lk.kind, lk.url, lk.label, lk.column, lk.url_column) for lk in doc.links]
    assert got == [
        ("reference", "https://e.org/p", "the paper", 5, 0),
        ("reference", "https://e.org/p", "p", 21, 0),
        ("reference", "https://e.org/p", "p", 31, 0),
        ("markdown", "#a", "inline", 38, 47),
    ]


def test_fact_lines_on_a_wrapped_entry():
    text = "## M\n1. [2024 X] **T** [[paper]](u)\n   [[Paper Link]]() (oral)\n"
    [entry] = parse_document(text, "x.md").entries
    assert [(lk.url, lk.line, lk.column) for lk in entry.links] == [("u", 2, 19), ("", 3, 4)]
    assert [(t.text, t.line, t.column, t.after_link) for t in entry.texts] == [
        ("(oral)", 3, 21, True)
    ]
    assert [t.text for t in entry.trailing] == ["(oral)"]


def test_pragma_codes_and_names():
    text = (
        "<!-- scfm-lint-disable scf101, SCF105: missing-venue -- why: Not-A-Rule -->\n"
        "<!-- scfm-lint-enable -->\n"
    )
    doc = parse_document(text, "x.md")
    assert [(p.action, p.codes, p.names, p.line) for p in doc.pragmas] == [
        ("disable", ("SCF101", "SCF105"), ("missing-venue",), 1),
        ("enable", (), (), 2),
    ]


def test_lines_break_only_at_newlines():
    text = "a\u2028b\x0cc\u0085d\r\ne\rf\n"
    doc = parse_document(text, "x.md")
    assert doc.lines == ("a\u2028b\x0cc\u0085d", "e", "f")
    assert doc.line_offsets == (0, 9, 11)


def test_entry_positions_after_an_image_and_an_autolink():
    text = (
        "## M\n1. [2024 X] **T** ![i](f.png) <https://a.org/x>\n"
        "   [[code]](https://g.org/y)\n\n<https://a.org/x>\n"
    )
    [entry] = parse_document(text, "x.md").entries
    got = [(lk.kind, lk.line, lk.column, lk.url_column) for lk in entry.links]
    assert got == [("autolink", 2, 31, 32), ("markdown", 3, 4, 13)]
    assert [(t.kind, t.line, t.column, t.text) for t in entry.texts] == [
        (PieceKind.IMAGE, 2, 19, "![i]"),
    ]
