"""learn(): each convention from clear majorities, with its evidence and source; pins win."""

from __future__ import annotations

import pytest

from scfm_lint.conventions import CONFIG, DEFAULT, DOCUMENT, LEARNED
from scfm_lint.errors import ConfigError

from .helpers import entries, learned


def _seq(n: int) -> list[str]:
    return [f"{i}." for i in range(1, n + 1)]


def test_numbering_one_and_sequential_per_list() -> None:
    text = "## A\n" + entries([2024] * 5) + "\n## B\n" + entries([2024] * 5, _seq(5))
    conv = learned(text)
    first, second = conv.numbering
    assert (first.value, first.source, first.evidence) == ("one", LEARNED, (("one", 4),))
    assert (second.value, second.source) == ("sequential", LEARNED)
    assert second.evidence == (("sequential", 4),)


def test_short_list_takes_the_documents_numbering() -> None:
    text = "## A\n" + entries([2024] * 6, _seq(6)) + "\n## B\n" + entries([2024] * 2)
    conv = learned(text)
    assert conv.document_numbering.value == "sequential"
    short = conv.numbering[1]
    assert (short.value, short.source) == ("sequential", DOCUMENT)


def test_a_lone_short_list_keeps_its_own_numbering() -> None:
    conv = learned("## A\n" + entries([2024, 2024], ["1.", "2."]))
    assert conv.numbering[0].value == "sequential"
    assert learned("## A\n" + entries([2024])).numbering[0].source == DEFAULT


def test_order_learned_per_section_with_document_fallback() -> None:
    text = (
        "## New\n"
        + entries([2025, 2024, 2023, 2022, 2021])
        + "## Old\n"
        + entries([2019, 2020, 2021, 2022, 2023])
        + "## Small\n"
        + entries([2020, 2021])
        + "## Mixed\n"
        + entries([2020, 2021, 2019])
    )
    conv = learned(text)
    new, old, small, mixed = conv.order
    assert (new.value, new.source) == ("newest-first", LEARNED)
    assert (old.value, old.source) == ("oldest-first", LEARNED)
    # pooled: no clear document order; a short section keeps its own agreeing pairs
    assert conv.document_order.source == DEFAULT
    assert (small.value, small.source) == ("oldest-first", LEARNED)
    assert (mixed.value, mixed.source) == ("none", DEFAULT)


def test_a_messy_section_keeps_the_documents_order() -> None:
    text = "## A\n" + entries([2025, 2024, 2023, 2022, 2021, 2020]) + "## B\n"
    text += entries([2025, 2023, 2024, 2022, 2023])
    conv = learned(text)
    assert conv.document_order.value == "newest-first"
    messy = conv.order_of(conv.order[1].key)
    assert (messy.value, messy.source) == ("newest-first", DOCUMENT)


def test_config_pins_win() -> None:
    text = "## A\n" + entries([2020, 2021, 2022, 2023], _seq(4))
    pins = {"conventions": {"numbering": "one", "order": "newest-first", "arxiv": "pdf"}}
    conv = learned(text, pins)
    assert (conv.numbering[0].value, conv.numbering[0].source) == ("one", CONFIG)
    assert (conv.order[0].value, conv.order[0].source) == ("newest-first", CONFIG)
    assert conv.order[0].evidence == (("oldest-first", 3),)
    assert (conv.arxiv.value, conv.arxiv.source) == ("pdf", CONFIG)


def test_section_pins_apply_to_sub_sections() -> None:
    text = "## A\n### A1\n" + entries([2020, 2021, 2022, 2023]) + "## B\n" + entries([2020, 2021])
    conv = learned(text, {"conventions": {"sections": {"A": {"order": "none"}}}})
    assert [(c.title, c.value, c.source) for c in conv.order] == [
        ("A1", "none", CONFIG),
        ("B", "oldest-first", DOCUMENT),
    ]


@pytest.mark.parametrize(
    ("pins", "message"),
    [
        ({"numbering": "roman"}, "conventions.numbering.: expected one of learn, one"),
        ({"sections": {"Nowhere": {"order": "none"}}}, "no heading with this text"),
        ({"sections": {"A": {"colour": "red"}}}, "unknown key 'colour'"),
        ({"catalog-depth": -1}, "conventions.catalog-depth"),
    ],
)
def test_bad_pins_are_config_errors(pins: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        learned("## A\n" + entries([2024]), {"conventions": pins})


def test_labels_vocabulary_and_suspects() -> None:
    text = "## A\n" + entries([2024] * 6) + entries([2024] * 3, label="Notes")
    text += entries([2024], label="papr") + entries([2024], label="数据")
    conv = learned(text)
    assert conv.labels.value == ("paper", "Notes", "数据")
    assert conv.suspect_labels == (("papr", "paper"),)


def test_a_known_label_in_other_case_is_suspect_only_next_to_a_common_spelling() -> None:
    text = "## A\n" + entries([2024] * 6) + entries([2024], label="Paper")
    assert learned(text).suspect_labels == (("Paper", "paper"),)
    assert learned("## A\n" + entries([2024], label="Paper")).suspect_labels == ()


def test_labels_pinned_make_every_other_label_suspect() -> None:
    text = "## A\n" + entries([2024] * 2) + entries([2024], label="code")
    conv = learned(text, {"conventions": {"labels": ["paper"]}})
    assert conv.labels.source == CONFIG
    assert conv.suspect_labels == (("code", ""),)


def _arxiv(kind: str, n: int) -> str:
    return "".join(
        f"1. [2024 arXiv] **T{kind}{i}** [[paper]](https://arxiv.org/{kind}/2401.0000{i})\n"
        for i in range(n)
    )


def test_link_forms() -> None:
    conv = learned("## A\n" + _arxiv("pdf", 5))
    assert (conv.arxiv.value, conv.arxiv.source) == ("pdf", LEARNED)
    mixed = learned("## A\n" + _arxiv("pdf", 3) + _arxiv("abs", 3))
    assert (mixed.arxiv.value, mixed.arxiv.source) == ("abs", DEFAULT)
    assert mixed.arxiv.evidence == (("abs", 3), ("pdf", 3))
    assert (conv.scheme.value, conv.scheme.evidence) == ("https", (("https", 5),))


@pytest.mark.parametrize(
    ("tag", "form"),
    [
        ("2024 Nature", "year-venue"),
        ("✨2024 ICLR", "year-venue"),
        ("Nature 2024", "venue-year"),
        ("2024-Nature", "year-dash-venue"),
        ("2024", "year"),
        ("Briefings in Bioinformatics", "venue"),
    ],
)
def test_tag_forms(tag: str, form: str) -> None:
    text = "## A\n" + f"1. [{tag}] **T** [[paper]](https://example.org/)\n" * 3
    assert learned(text).tag.value == form


def test_sections_not_in_the_entry_format() -> None:
    text = "## Tools\n" + "- [Tool](https://example.org/) - a tool\n" * 4
    text += "## Papers\n" + entries([2024] * 2)
    conv = learned(text)
    tools, papers = conv.formats
    assert (tools.value, tools.evidence) == ("other", (("other", 4),))
    assert papers.value == "entries"


def test_catalog_depth_covers_the_levels_it_lists() -> None:
    text = (
        "## Catalog\n- [A](#a)\n- [B](#b)\n\n## A\n### A1\n"
        + entries([2024])
        + "## B\n### B1\n"
        + entries([2024])
    )
    conv = learned(text)
    assert conv.catalog_depth.value == 1
    deeper = text.replace("- [B](#b)\n", "  - [A1](#a1)\n- [B](#b)\n  - [B1](#b1)\n")
    assert learned(deeper).catalog_depth.value == 2
    pinned = learned(text, {"conventions": {"catalog-depth": 2}}).catalog_depth
    assert (pinned.value, pinned.source) == (2, CONFIG)


def test_catalog_depth_counts_html_anchors_and_always_covers_its_top_level() -> None:
    text = (
        "# Content\n1. [[A](#first)]\n2. [[B](#b)]\n\n"
        '<a name="first"></a>\n## A\n' + entries([2024]) + "## B\n## C\n## D\n## E\n"
    )
    conv = learned(text)
    # two of five h2 listed: still the level it covers, so the other three are missing
    assert (conv.catalog_depth.value, conv.catalog_depth.evidence) == (1, (("h2/5", 2),))


def test_items_not_written_as_entries_do_not_vote_on_tag_and_notes() -> None:
    text = "## Papers\n" + entries([2024, 2023, 2022])
    text += "## Tools\n" + "1. [Tool](https://example.org/) - a note\n" * 5
    conv = learned(text)
    assert conv.trailing.evidence == (("none", 3),)
    assert [c.value for c in conv.formats] == ["entries", "other"]


def test_an_entry_missing_only_its_tag_is_still_entry_like() -> None:
    text = "## Papers\n" + "1. **Title** [[paper]](https://example.org/)\n" * 3
    assert learned(text).formats[0].value == "entries"


def test_a_label_with_a_version_tacked_on_is_suspect() -> None:
    text = "## A\n" + entries([2024] * 5) + entries([2024], label="paper v2")
    text += entries([2024], label="SAM3") + entries([2024], label="pdf (v1)")
    assert learned(text).suspect_labels == (("paper v2", "paper"), ("pdf (v1)", "pdf"))


def test_learn_reads_the_pins_of_a_typed_config() -> None:
    from scfm_lint.config.load import build_config
    from scfm_lint.conventions import learn

    from .helpers import parsed

    doc, _ = parsed("## A\n" + entries([2020, 2021, 2022, 2023], _seq(4)))
    config = build_config({"conventions": {"order": "none", "numbering": "one"}}, "x.yaml")
    conv = learn(doc, config)
    assert (conv.order[0].value, conv.order[0].source) == ("none", CONFIG)
    assert (conv.numbering[0].value, conv.numbering[0].source) == ("one", CONFIG)
    assert (learn(doc, build_config()).order[0].value) == "oldest-first"


def test_a_bare_yaml_off_pins_no_order() -> None:
    text = "## A\n" + entries([2020, 2021, 2022, 2023])
    conv = learned(text, {"conventions": {"sections": {"A": {"order": False}}}})
    assert (conv.order[0].value, conv.order[0].source) == ("none", CONFIG)


def test_edit_distance_bounded_by_a_limit() -> None:
    from scfm_lint.conventions.links import edit_distance

    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("kitten", "sitting", limit=1) == 2  # "further than 1"
    assert edit_distance("papr", "paper", limit=1) == 1


def test_many_long_one_off_labels_are_vocabulary() -> None:
    text = "## A\n" + entries([2024] * 5)
    text += "".join(entries([2024], label=f"一条很长的中文笔记标签第{i}条说明") for i in range(60))
    assert learned(text).suspect_labels == ()
