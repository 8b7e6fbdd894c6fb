"""The venue catalog: lookup of tags, closest names, and validation of project venues."""

from __future__ import annotations

import pytest

from scfm_lint.config.load import defaults, merge
from scfm_lint.errors import ConfigError
from scfm_lint.paperlist.venues import catalog, catalog_from_config


@pytest.fixture(scope="module")
def venues():
    return catalog(defaults())


@pytest.mark.parametrize(
    ("tag", "name", "how", "rest"),
    [
        pytest.param("bioRxiv", "bioRxiv", "exact", "", id="canonical"),
        pytest.param("biorxiv", "bioRxiv", "case", "", id="case variant"),
        pytest.param("Nature  Methods", "Nature Methods", "case", "", id="spacing"),
        pytest.param("iSchience", "iScience", "alias", "", id="misspelling"),
        pytest.param("nat methods", "Nature Methods", "alias", "", id="alias in another case"),
        pytest.param("bioRxiv scEval", "bioRxiv", "exact", "scEval", id="extra word"),
        pytest.param(
            "Cell, FM4perturbation data: a review",
            "Cell",
            "exact",
            "FM4perturbation data: a review",
            id="comma note",
        ),
        pytest.param(
            "Nature Medicine FM4Pathology",
            "Nature Medicine",
            "exact",
            "FM4Pathology",
            id="longest prefix",
        ),
        pytest.param(
            "NeurIPS 2023 AI for Science Workshop",
            "NeurIPS Workshop",
            "exact",
            "",
            id="named workshop",
        ),
        pytest.param("NeurIPS 2023", "NeurIPS", "exact", "", id="conference year"),
        pytest.param(
            "ICLR 2024 benchmark", "ICLR", "exact", "2024 benchmark", id="year then words"
        ),
        pytest.param(
            "arxiv multimodal", "arXiv", "case", "multimodal", id="case variant with words"
        ),
    ],
)
def test_lookup(venues, tag, name, how, rest):
    match = venues.lookup(tag)
    assert match is not None
    assert (match.venue.name, match.how, match.rest) == (name, how, rest)


@pytest.mark.parametrize(
    "tag", ["XXXX", "Nature Cancer", "Cell Metabolism", "Science and Technology"]
)
def test_unknown(venues, tag):
    assert venues.lookup(tag) is None


def test_closest(venues):
    assert venues.closest("Nature Methds")[0] == "Nature Methods"
    assert venues.closest("XXXX") == []


def test_identifier_indexes(venues):
    assert venues.by_code["s41587"].name == "Nature Biotechnology"
    assert venues.by_issn["2666-3899"].name == "Patterns"
    assert venues.by_doi("10.1093/bib/bbaf380").name == "Briefings in Bioinformatics"
    assert venues.by_doi("10.9999/x") is None
    assert venues.by_url("academic.oup.com/nar/article/53").name == "Nucleic Acids Research"
    assert venues.by_url("example.org/x") is None


def test_catalog_is_built_once_per_config():
    config = defaults()
    assert catalog(config) is catalog(config)


def test_project_extends_a_known_venue():
    config = merge(defaults(), {"venues": {"extra": {"Cell": {"aliases": ["Cell Journal"]}}}})
    venues = catalog_from_config(config)
    assert venues.lookup("Cell Journal").venue.name == "Cell"
    assert venues.venues["Cell"].issn == ("0092-8674",)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        pytest.param({"New J": {"kind": "magazine"}}, "venues.extra.New J.kind", id="bad kind"),
        pytest.param(
            {"New J": {"kind": "journal", "colour": "red"}},
            "unknown key 'colour'",
            id="unknown key",
        ),
        pytest.param({"New J": "journal"}, "expected a mapping", id="not a mapping"),
        pytest.param(
            {"New J": {"kind": "journal", "aliases": "NJ"}},
            "venues.extra.New J.aliases",
            id="aliases not a list",
        ),
        pytest.param(
            {"New J": {"kind": "journal", "publisher": 3}}, "publisher", id="publisher not a string"
        ),
        pytest.param({" ": {"kind": "journal"}}, "non-empty", id="blank name"),
    ],
)
def test_bad_project_venues_name_the_key(extra, message):
    with pytest.raises(ConfigError, match=message):
        catalog_from_config({"venues": {"known": {}, "extra": extra}})


def test_extra_must_be_a_mapping():
    with pytest.raises(ConfigError, match=r"venues\.extra"):
        catalog_from_config({"venues": {"extra": ["Nature"]}})


def test_rule_data_covers_every_kind_and_is_valid():
    venues = catalog(defaults())
    assert {v.kind for v in venues.venues.values()} == {
        "journal",
        "conference",
        "workshop",
        "preprint",
        "blog",
        "other",
    }
    for venue in venues.venues.values():
        for alias in venue.aliases:
            assert venues.lookup(alias).venue is venue, alias


#: Venue spellings the real list has used (both editions), written out here as test data.
SEEN_IN_THE_LIST = [
    "bioRxiv",
    "biorxiv",
    "BioRxiv",
    "arXiv",
    "arxiv",
    "medRxiv",
    "Research Square",
    "NeurIPS",
    "NeurIPS Workshop",
    "ICML",
    "ICLR",
    "ICLR Workshop",
    "AAAI",
    "ACL",
    "WSDM",
    "RECOMB",
    "Nature",
    "Nature Methods",
    "Nature Biotechnology",
    "Nature Communications",
    "Nature Machine Intelligence",
    "Nature Computational Science",
    "Nature Medicine",
    "Nature Biomedical Engineering",
    "Nature Reviews Genetics",
    "Nature Reviews Molecular Cell Biology",
    "Scientific Data",
    "Cell Research",
    "npj Digital Medicine",
    "NPJ Digital Medicine",
    "npj Artificial Intelligence",
    "Experimental & Molecular Medicine",
    "Genome Biology",
    "BMC Genomics",
    "Cell",
    "Cell Systems",
    "Patterns",
    "iScience",
    "iSchience",
    "Cancer Cell",
    "Computational and Structural Biotechnology Journal",
    "Bioactive Materials",
    "Bioinformatics",
    "Nucleic Acids Research",
    "Briefings in Bioinformatics",
    "Brief in Bioinformatics",
    "National Science Review",
    "Science",
    "PNAS",
    "Advanced Science",
    "AIChE Journal",
    "Quantitative Biology",
    "Innovation Oncology",
    "Lamin Blog",
    "GenBio AI",
    "NM",
    "NeurIPS 2023 AI for Science Workshop",
    "bioRxiv scEval",
    "ICLR benchmark DNA FD",
    "Nature Medicine FM4Pathology",
    "Cell, FM4perturbation data: a review",
    "arxiv multimodal",
    "Nature Biotechnology multi-modal",
    "bioRxiv multi-modal",
    "BioRxiv, Tabular Modeling on single-cell data",
]


@pytest.mark.parametrize("tag", SEEN_IN_THE_LIST)
def test_every_venue_the_list_uses_is_known(venues, tag):
    assert venues.lookup(tag) is not None
