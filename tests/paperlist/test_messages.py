"""Messages, severities, fixes and config errors of the paper-list rules."""

from __future__ import annotations

import pytest

from scfm_lint.checks.ordering import kept_indexes
from scfm_lint.config.load import build_config, defaults, merge
from scfm_lint.document.parse import parse_document
from scfm_lint.engine.finding import Severity
from scfm_lint.engine.run import lint
from scfm_lint.errors import ConfigError


def findings(text: str, select: str, **config):
    cfg = merge(defaults(), {"select": [select], **config})
    return lint(parse_document(text, "README.md"), cfg)


CROSS = """\
## scRNA-seq
1. [2026 arXiv] **Cell-JEPA: Latent Representation Learning** [[paper]](https://arxiv.org/abs/2602.02093)

## Virtual cell models
1. [2026 arXiv] **Cell-JEPA: Latent Representation Learning** [[paper]](https://arxiv.org/pdf/2602.02093v1)
1. [2026 arXiv] **Cell-JEPA: Latent Representation Learning** [[paper]](https://arxiv.org/abs/2602.02093v2)
"""


def test_duplicates_name_both_places_and_grade_by_certainty():
    found = findings(CROSS, "SCF32")
    assert [(f.line, f.code, f.severity, f.related_line) for f in found] == [
        (5, "SCF326", Severity.WARNING, 2),
        (6, "SCF326", Severity.WARNING, 2),
    ]
    assert "line 5 ('Virtual cell models')" in found[0].message
    assert "line 2 ('scRNA-seq')" in found[0].message


def test_same_section_duplicate_is_an_error():
    text = CROSS.replace("## Virtual cell models\n", "")
    found = findings(text, "SCF32")
    assert [(f.code, f.severity) for f in found] == [
        ("SCF321", Severity.ERROR),
        ("SCF321", Severity.ERROR),
    ]


def test_three_copies_give_two_findings_not_three():
    text = (
        CROSS
        + "1. [2026 arXiv] **Cell-JEPA: Latent representation learning!** [[paper]](https://example.org/x)\n"
    )
    found = findings(text, "SCF32")
    assert [f.code for f in found] == ["SCF326", "SCF326", "SCF322"]


def test_url_under_two_titles_message():
    text = """\
## A
1. [2024 Cell] **How to build the virtual cell** [[paper]](https://www.cell.com/cell/fulltext/S0092-8674(24)01332-1)
## B
1. [2024 Cell] **A mini-review on perturbation modelling** [[paper]](https://www.sciencedirect.com/science/article/pii/S0092867424013321)
"""
    (f,) = findings(text, "SCF325")
    assert (f.line, f.related_line, f.severity) == (4, 2, Severity.ERROR)
    assert "unrelated title" in f.message


def test_venue_alias_has_a_safe_fix_and_suggestion():
    text = "## Models\n1. [2024 BioRxiv, note] **A title** [[paper]](https://example.org/a)\n"
    (f,) = findings(text, "SCF301")
    assert f.suggestion == "bioRxiv"
    assert f.fix is not None
    assert f.fix.safe
    (edit,) = f.fix.edits
    fixed = text[: edit.start] + edit.replacement + text[edit.end :]
    assert fixed.startswith("## Models\n1. [2024 bioRxiv, note]")


def test_extra_words_fix_is_unsafe_and_removes_them():
    text = "## Models\n1. [2023 bioRxiv scEval] **A title** [[paper]](https://example.org/a)\n"
    (f,) = findings(text, "SCF303")
    assert f.fix is not None
    assert not f.fix.safe
    (edit,) = f.fix.edits
    assert text[: edit.start] + edit.replacement + text[edit.end :] == text.replace(" scEval", "")


def test_unknown_venue_names_the_closest():
    text = "## Models\n1. [2024 Nature Methds] **A title** [[paper]](https://example.org/a)\n"
    (f,) = findings(text, "SCF302")
    assert "did you mean 'Nature Methods'" in f.message
    assert f.suggestion == "Nature Methods"


def test_year_order_says_where_the_entry_belongs():
    text = """\
## Models
1. [2026 arXiv] **A** [[paper]](https://example.org/a)
1. [2024 arXiv] **B** [[paper]](https://example.org/b)
1. [2025 arXiv] **C** [[paper]](https://example.org/c)
1. [2025 arXiv] **D** [[paper]](https://example.org/d)
1. [2027 arXiv] **E** [[paper]](https://example.org/e)
"""
    found = findings(text, "SCF311", conventions={"order": "newest-first"})
    assert [(f.line, f.related_line) for f in found] == [(3, 5), (6, 2)]
    assert "move it after line 5 (2025 'D')" in found[0].message
    assert "move it before line 2 (2026 'A')" in found[1].message


def test_url_year_severity_depends_on_direction():
    text = """\
## Models
1. [2023 Nature Methods] **A** [[paper]](https://www.nature.com/articles/s41592-024-02201-0)
1. [2027 Nature Methods] **B** [[paper]](https://www.nature.com/articles/s41592-024-02202-0)
"""
    found = findings(text, "SCF331")
    assert [(f.line, f.severity) for f in found] == [(2, Severity.ERROR), (3, Severity.WARNING)]
    assert "Springer Nature article id s41592 dates from 2024" in found[0].message


def test_venue_mismatch_names_the_journal_of_the_url():
    text = "## S\n1. [2025 Nature Methods] **A** [[paper]](https://www.nature.com/articles/s41587-025-02846-y)\n"
    (f,) = findings(text, "SCF332")
    assert "Nature Biotechnology article (Springer Nature article id s41587)" in f.message


@pytest.mark.parametrize(
    ("config", "message"),
    [
        pytest.param({"conventions": {"order": "newest"}}, "conventions.order", id="bad order"),
        pytest.param(
            {"conventions": {"sections": {"Models": {"order": "sideways"}}}},
            "conventions.sections.Models.order",
            id="bad section order",
        ),
        pytest.param(
            {"conventions": {"sections": {"Nowhere": {"order": "none"}}}},
            "conventions.sections.Nowhere: no heading",
            id="unknown section",
        ),
    ],
)
def test_ordering_config_errors(config, message):
    with pytest.raises(ConfigError, match=message):
        findings(
            "## Models\n1. [2024 arXiv] **A** [[paper]](https://example.org/a)\n",
            "SCF311",
            **config,
        )


@pytest.mark.parametrize(
    ("config", "message"),
    [
        pytest.param({"title-similarity": 1.5}, r"in \(0, 1\], got 1.5", id="threshold too high"),
        pytest.param({"title-similarity": True}, "expected a number", id="threshold boolean"),
        pytest.param({"allow": [3]}, "duplicates.allow", id="allow not strings"),
    ],
)
def test_duplicates_config_errors(config, message):
    cfg = merge(defaults(), {"select": ["SCF321"]})
    cfg["duplicates"] = {**cfg["duplicates"], **config}
    doc = parse_document(
        "## M\n1. [2024 arXiv] **A** [[paper]](https://example.org/a)\n", "README.md"
    )
    with pytest.raises(ConfigError, match=message):
        lint(doc, cfg)


@pytest.mark.parametrize(
    ("keys", "kept"),
    [
        pytest.param([], [], id="empty"),
        pytest.param([1, 2, 3], [0, 1, 2], id="sorted"),
        pytest.param([1, 1, 0, 1], [0, 1, 3], id="ties"),
        pytest.param([3, 1, 2, 4], [1, 2, 3], id="one out"),
    ],
)
def test_kept_indexes(keys, kept):
    assert kept_indexes(keys) == kept


def test_sections_must_be_a_mapping():
    with pytest.raises(ConfigError, match=r"key 'conventions\.sections': expected a mapping"):
        build_config({"conventions": {"sections": ["M"]}}, "x.yaml")


@pytest.mark.parametrize(
    ("links", "detail"),
    [
        (("https://a.org/1", "https://a.org/2"), "the same title with a different URL"),
        (("", ""), "the same title twice, neither with a link"),
        (("https://a.org/1", ""), "the same title twice, one of them without a link"),
    ],
)
def test_duplicate_title_says_how_the_links_differ(links, detail):
    body = "".join(
        "1. [2024 Nature] **Predicting molecular conformation**"
        + (f" [[paper]]({u})" if u else "")
        + "\n"
        for u in links
    )
    [found] = findings("## Models\n" + body, "SCF322")
    assert found.message.endswith(detail)


def test_a_duplicate_item_without_a_bold_title_is_named_by_its_link():
    text = (
        "## Toolkits\n"
        "1. [DeepChem](https://deepchem.io/): **A library for chemistry**\n"
        "2. [OpenChem](https://deepchem.io/): **A toolkit for drug design**\n"
    )
    [hit] = findings(text, "SCF321")
    assert hit.message.startswith("'OpenChem' at line 3")
