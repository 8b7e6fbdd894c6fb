"""Parser bugs found while writing the core tests, once pinned as strict xfails.

All are fixed now; each test names the defect it guards against (``Was: ...``) and stays as a
regression test.
"""

from __future__ import annotations

from scfm_lint.config.load import defaults
from scfm_lint.document.parse import parse_document
from scfm_lint.engine.run import lint


def _codes(text: str, select: str) -> list[str]:
    doc = parse_document(text, "README.md")
    return [f"{f.line}:{f.column}: {f.code}" for f in lint(doc, {**defaults(), "select": [select]})]


def test_end_line_of_last_item_is_its_own_line():
    """Was: parse.py: end_line of the last list item (and Catalog.end_line) counts the blank line
    after the list, because markdown-it's map end is used as the last line"""
    doc = parse_document(
        "## Catalog\n- [A](#a)\n\n## A\n1. [2024 X] **T** [[paper]](u)\n\nprose\n", "x"
    )
    assert doc.catalog is not None
    assert doc.catalog.end_line == 2
    assert doc.entries[0].end_line == 5


def test_line_separator_inside_a_title_does_not_shift_lines():
    """Was: parse.py split_lines uses str.splitlines, which also splits at U+2028, U+0085 and form
    feed; markdown-it splits only at newlines, so every position after such a character is
    one line off"""
    text = (
        "## Models\n1. [2024 Nature] **A\u2028B** [[paper]](https://example.org/a)\n"
        "1. [2024] **C** [[paper]](https://example.org/c)\n"
    )
    doc = parse_document(text, "x.md")
    assert [lk.line for lk in doc.links] == [2, 3]
    assert len(doc.lines) == 3


def test_catalog_text_with_emphasis_is_complete():
    """Was: parse.py _catalog_item reads the link text from the next three tokens only, so emphasis
    or code in a Catalog link truncates its text (false SCF203)"""
    text = "## Catalog\n- [Tools *and* more](#tools-and-more)\n\n## Tools *and* more\n"
    doc = parse_document(text, "x.md")
    assert doc.catalog is not None
    assert doc.catalog.items[0].text == "Tools and more"
    assert _codes(text, "SCF20") == []


def test_link_label_stops_at_the_link():
    """Was: parse.py _catalog_item and _inline_links take the three tokens after link_open as the
    label, so text after the link joins it"""
    doc = parse_document("## Catalog\n- [A](#a) (new)\n\nSee [b](#a) now.\n\n## A\n", "x.md")
    assert doc.catalog is not None
    assert doc.catalog.items[0].text == "A"
    assert [lk.label for lk in doc.links] == ["A", "b"]


def test_prose_link_column_after_bracketed_text():
    """Was: parse.py _inline_links looks for the first '[' after the paragraph start, so a
    bracketed word before a prose link takes the link's column"""
    doc = parse_document("## A\n\nsee [x] and [y](#a)\n", "x.md")
    assert [(lk.line, lk.column) for lk in doc.links] == [(3, 13)]


def test_inline_html_link_positions():
    """Was: parse.py passes inline HTML to html_links with the paragraph's first line and no column
    offset, so <a href>/<img src> inside a paragraph get the wrong line and column"""
    text = '## A\n\nCredit: <a href="figs/a.png">a</a>\nand <img src="figs/b.png">\n'
    doc = parse_document(text, "x.md")
    assert [(lk.url, lk.line, lk.column) for lk in doc.links] == [
        ("figs/a.png", 3, 18),
        ("figs/b.png", 4, 15),
    ]


def test_link_column_after_title_with_entity_and_brackets():
    """Was: entries.py: when the title's source differs from its text (an entity such as &amp;),
    the cursor does not move past the title, so a '[' inside the title is taken as the
    link's start"""
    text = "## A\n1. [2024 Nature] **Cells &amp; genes [v2]** [[paper]](https://example.org/a)\n"
    [e] = parse_document(text, "x.md").entries
    assert [(lk.line, lk.column) for lk in e.links] == [(2, 45)]


def test_pragma_with_unrecognized_codes_does_not_silence_everything():
    """Was: parse.py reads pragma codes with a case-sensitive SCF\\d{3}; a pragma naming codes in
    lower case or by rule name parses as 'every code' and silences everything"""
    text = "## Models\n<!-- scfm-lint-disable scf105 -->\n1. [2024] **A** [[paper]](https://example.org/a)\n"
    assert _codes(text, "SCF1") == ["3:4: SCF101"]


def test_problem_on_the_second_line_of_a_wrapped_entry():
    """Was: model.Problem has a column but no line and checks/entry_format.py reports every problem
    on the entry's first line, so a problem on a wrapped entry's second line gets the first
    line with the second line's column"""
    text = (
        "## Models\n1. [2024 Nature] **A long title\n"
        "   that wraps** [[paper]](https://example.org/a) (oral)\n"
    )
    assert _codes(text, "SCF1") == ["3:50: SCF107"]


def test_html_comment_after_the_links_is_not_stray_text():
    """Was: entries.py treats inline HTML in an entry as stray text and names it by token type, so
    an invisible <!-- comment --> after the links gives SCF107 "stray text after the links:
    'html_inline'."""
    text = (
        "## Models\n1. [2024 Nature] **T** [[paper]](https://example.org/a) <!-- check venue -->\n"
    )
    assert _codes(text, "SCF1") == []


def test_reference_style_link_kind_and_url_column():
    """Was: parse.py/entries.py never produce Link.kind 'reference' (model.py documents it):
    [[paper]][1] is a 'markdown' link, and its url_column points into the entry although the
    URL is written in the definition at the bottom"""
    text = "## Models\n1. [2024 Nature] **T** [[paper]][1]\n\n[1]: https://example.org/a\n"
    [link] = parse_document(text, "x.md").entries[0].links
    assert (link.kind, link.url, link.column, link.url_column) == (
        "reference",
        "https://example.org/a",
        24,
        0,
    )
