"""Title, year and venue comparison: what counts as the same paper."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
import pytest

from scfm_lint.verify.match import (
    preprint_server,
    titles_match,
    venue_matches,
    words,
    year_matches,
)

SCGPT = "scGPT: toward building a foundation model for single-cell multi-omics using generative AI"

SAME_TITLE = [
    (SCGPT, SCGPT),
    (SCGPT, SCGPT.upper()),
    (SCGPT, "Toward building a foundation model for single-cell multi-omics using generative AI"),
    (
        "Geneformer: Transfer learning enables predictions in network biology",
        "Transfer learning enables predictions in network biology",
    ),
    ("Toward building a foundation model", "scGPT: Toward building a foundation model"),
    ("Single-cell atlas — a map", "Single‐cell atlas – a map"),
    ("Single-cell atlas - a map", "Single cell atlas: a map."),
    ("A singlecell atlas", "A single-cell atlas"),
    ("Naïve cells in <i>vivo</i>", "Naive cells in vivo"),
    ("Cells &amp; genes", "Cells and genes"),
    ("Cells & genes", "Cells and genes"),
    ("Large-scale   foundation\nmodel", "Large-scale foundation model"),
    ("Modelling cellular responses", "Modeling cellular responses"),
    ("", "Anything at all"),
    (
        "Spatial omics foundation models: a benchmark",
        "Spatial omics foundation models",
    ),
    (
        "Spatial omics foundation models",
        "Spatial omics foundation models: a benchmark across tissues",
    ),
]

OTHER_TITLE = [
    (SCGPT, "Large-scale foundation model on single-cell transcriptomics"),
    ("scBERT: a large-scale pretrained model", "scFoundation: a large-scale pretrained model"),
    (
        "A foundation model for spatial proteomics",
        "A foundation model for spatial transcriptomics data",
    ),
    ("Geneformer: Transfer learning", "scGPT: Transfer learning enables predictions in biology"),
    ("Omics models: a review", "Omics models: a benchmark"),
]


@pytest.mark.parametrize(("listed", "found"), SAME_TITLE, ids=[r[1][:40] for r in SAME_TITLE])
def test_same_title(listed: str, found: str) -> None:
    assert titles_match(listed, found)


@pytest.mark.parametrize(("listed", "found"), OTHER_TITLE, ids=[r[1][:40] for r in OTHER_TITLE])
def test_other_title(listed: str, found: str) -> None:
    assert not titles_match(listed, found)


def test_threshold_is_a_knob() -> None:
    assert not titles_match("Modelling cellular responses", "Modeling cellular responses", 1.0)


def test_words_fold_everything() -> None:
    assert words("Naïve  T‑cells — in <scp>vivo</scp>!") == ["naive", "t", "cells", "in", "vivo"]


@given(st.text(max_size=60))
def test_a_title_matches_itself(title: str) -> None:
    assert titles_match(title, title)


@given(st.text(alphabet="abcdefgh ", min_size=1, max_size=40))
def test_case_and_dashes_never_matter(title: str) -> None:
    assert titles_match(title, title.upper().replace(" ", " – "))


@pytest.mark.parametrize(
    ("listed", "years", "expected"),
    [
        (2024, {2024}, True),
        (2024, {2023, 2024}, True),
        (2024, {2025}, False),
        (None, {2025}, True),
        (2024, set(), True),
    ],
)
def test_year_matches(listed: int | None, years: set[int], expected: bool) -> None:
    assert year_matches(listed, years) is expected


SAME_VENUE = [
    ("Nature Methods", ["Nature Methods", "Nat Methods"]),
    ("nature methods", ["Nature Methods"]),
    ("Nat Methods", ["Nature Methods"]),
    ("Nature Computational Science", ["Nat Comput Sci"]),
    ("Brief in Bioinformatics", ["Briefings in Bioinformatics"]),
    ("PNAS", ["Proceedings of the National Academy of Sciences"]),
    ("Genome Biology", [None, "Genome Biology"]),
    ("Cell Reports & Methods", ["Cell Reports and Methods"]),
    ("NeurIPS", ["NeurIPS"]),
    (None, ["Nature"]),
    ("Nature", []),
]

OTHER_VENUE = [
    ("Nature", ["Nature Methods", "Nat Methods"]),
    ("Nature Methods", ["Nature"]),
    ("Cell", ["Cell Systems"]),
    ("bioRxiv", ["Nature Methods"]),
    ("NeurIPS", ["ICML"]),
    ("Bioinformatics", ["Briefings in Bioinformatics"]),
]


@pytest.mark.parametrize(("listed", "names"), SAME_VENUE, ids=[str(r[0]) for r in SAME_VENUE])
def test_same_venue(listed: str | None, names: list[str | None]) -> None:
    assert venue_matches(listed, names)


@pytest.mark.parametrize(("listed", "names"), OTHER_VENUE, ids=[str(r[0]) for r in OTHER_VENUE])
def test_other_venue(listed: str, names: list[str]) -> None:
    assert not venue_matches(listed, names)


@pytest.mark.parametrize(
    ("venue", "server"),
    [
        ("bioRxiv", "bioRxiv"),
        ("biorxiv", "bioRxiv"),
        ("arXiv", "arXiv"),
        ("medRxiv", "medRxiv"),
        ("Research Square", "Research Square"),
        ("Nature", None),
        (None, None),
        ("", None),
    ],
)
def test_preprint_server(venue: str | None, server: str | None) -> None:
    assert preprint_server(venue) == server
