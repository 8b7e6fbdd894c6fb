"""Facts the model records for the rules to judge: tag forms, contents by shape, HTML anchors."""

from __future__ import annotations

import pytest

from scfm_lint.document.facts import LinkForm, TagForm, TitleMarkup
from scfm_lint.document.parse import parse_document


def _entry(line: str):
    [entry] = parse_document(f"## Models\n1. {line}\n", "x.md").entries
    return entry


Y, N = TagForm.YEAR_VENUE, None
TAGS = [
    ("[2024 Nature Methods]", Y, "2024", "Nature Methods", N, N),
    ("[Nature 2024]", TagForm.VENUE_YEAR, "2024", "Nature", N, N),
    ("[2024-ICLR]", TagForm.YEAR_DASH_VENUE, "2024", "ICLR", N, N),
    ("[2024]", TagForm.YEAR_ONLY, "2024", N, N, N),
    ("[Briefings in Bioinformatics]", TagForm.VENUE_ONLY, N, "Briefings in Bioinformatics", N, N),
    ("[✨2025 NIPS]", Y, "2025", "NIPS", "✨", N),
    ("[⭐ 2024 Meta]", Y, "2024", "Meta", "⭐", N),
    ("[2024 Cell, a review]", Y, "2024", "Cell, a review", N, "a review"),
    ("[2024 arXiv(PKU)]", Y, "2024", "arXiv(PKU)", N, "PKU"),
    ("[204 Nature]", Y, "204", "Nature", N, N),
    ("[ ]", TagForm.EMPTY, N, N, N, N),
]


@pytest.mark.parametrize(("tag", "form", "year", "venue", "marker", "note"), TAGS)
def test_tag_parts(tag, form, year, venue, marker, note):
    entry = _entry(f"{tag} **T** [[paper]](https://a.org/x)")
    t = entry.tag
    assert (t.text, t.form, t.span.column) == (tag, form, 4)
    assert (t.year and t.year.text, t.venue and t.venue.text) == (year, venue)
    assert (t.marker and t.marker.text, t.note and t.note.text) == (marker, note)
    if t.venue is not None:
        assert entry.raw[t.venue.span.column - 4 :].startswith(venue)
        assert entry.venue == venue
    assert entry.year == (int(year) if year and len(year) == 4 else None)


def test_no_tag_and_the_outer_bracket_of_a_link_is_not_a_title():
    entry = _entry("[[Detection](#Detection)]")
    assert entry.tag is None
    assert (entry.title, entry.title_info.markup) == ("", TitleMarkup.NONE)
    [link] = entry.links
    assert (link.label, link.form, link.column) == ("Detection", LinkForm.OUTER, 5)
    assert entry.texts == ()


@pytest.mark.parametrize(
    ("line", "form", "column"),
    [
        ("[2024 X] **T** [[paper]](https://a.org/x)", LinkForm.DOUBLE, 19),
        ("[2024 X] **T** [paper](https://a.org/x)", LinkForm.SINGLE, 19),
        ("[2024 X] **T** [[paper](https://a.org/x)]", LinkForm.OUTER, 20),
    ],
)
def test_link_bracket_forms(line, form, column):
    [link] = _entry(line).links
    assert (link.label, link.form, link.column) == ("paper", form, column)
    outer = form is LinkForm.OUTER
    source = line[line.index("[", 9) + outer :].removesuffix("]" if outer else "")
    assert link.span.end - link.span.start == len(source)
    assert (link.span.line, link.span.column) == (2, column)


def test_title_markup_and_trailing_text():
    bold = _entry("[2024 X] **T** [[paper]](https://a.org/x) · [[code]](https://g.org/y) (scT)")
    assert bold.title_info.markup is TitleMarkup.BOLD
    assert [t.text for t in bold.texts] == ["·", "(scT)"]
    assert [(t.text, t.column) for t in bold.trailing] == [("(scT)", 74)]
    assert _entry("[2024 X] *T* [[paper]](u)").title_info.markup is TitleMarkup.OTHER
    assert _entry("[2024 X] T [[paper]](u)").title_info.markup is TitleMarkup.PLAIN


CONTENTS = """\
# My list

## Contents
- [Models](#models)
  - [Small](#small)
- [Data](#Data)

## Models
### Small
1. [2024 X] **T** [[paper]](https://a.org/x)

<a name="Data"></a>
## Data
- [Tool](https://t.org) - a tool
- [Other](https://o.org) - another
"""


def test_contents_recognised_by_shape_under_any_heading():
    doc = parse_document(CONTENTS, "x.md")
    catalog = doc.catalog
    assert catalog is not None
    assert (catalog.heading, catalog.line, catalog.end_line, catalog.by_name) == (1, 4, 6, False)
    assert [(i.text, i.depth) for i in catalog.items] == [("Models", 0), ("Small", 1), ("Data", 0)]
    assert catalog.levels == (2, 3)
    assert [e.line for e in doc.entries] == [10, 14, 15]
    assert "Data" in doc.html_anchors
    assert "models" in doc.anchors


def test_contents_under_no_heading_and_the_configured_name_wins():
    text = "- [A](#a)\n- [B](#b)\n\n## A\n## B\n## Catalog\n- [B](#b)\n"
    doc = parse_document(text, "x.md")
    assert doc.catalog is not None
    assert (doc.catalog.heading, doc.catalog.line) == (2, 7)
    bare = parse_document(text.replace("Catalog", "Other"), "x.md")
    assert bare.catalog is not None
    assert (bare.catalog.heading, bare.catalog.line) == (None, 1)
    assert bare.catalog.after == -1


def test_a_list_of_links_after_the_first_entry_is_not_contents():
    text = "## A\n1. [2024 X] **T** [[paper]](https://a.org/x)\n\n## B\n- [A](#a)\n- [B](#b)\n"
    doc = parse_document(text, "x.md")
    assert doc.catalog is None
    assert len(doc.entries) == 3


def test_html_anchors_in_blocks_and_inline():
    text = '<a name="top"></a>\n\n<div id="intro">x</div>\n\n## A\nSee <a id="here">this</a>.\n'
    doc = parse_document(text, "x.md")
    assert doc.html_anchors == {"top", "intro", "here"}
    assert doc.anchors == {"top", "intro", "here", "a"}


def test_lists_count_their_tagged_items():
    text = "## Tools\n- [Tool](https://t.org) - a tool\n- [Two](https://u.org)\n\n## P\n"
    text += "1. [2024 X] **T** [[paper]](https://a.org/x)\n2. **No tag** [[paper]](https://b.org)\n"
    doc = parse_document(text, "x.md")
    assert [(li.line, len(li.entries), li.tagged) for li in doc.lists] == [(2, 2, 0), (6, 2, 1)]
