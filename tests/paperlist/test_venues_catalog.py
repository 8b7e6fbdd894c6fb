"""The venue catalog: lookup of tags, closest names, and validation of project venues."""

from __future__ import annotations

from pathlib import Path
import subprocess
import sys

import pytest
import yaml

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
        pytest.param("iSchience", "iScience", "misspelling", "", id="misspelling"),
        pytest.param("Nature Methods.", "Nature Methods", "misspelling", "", id="punctuation"),
        pytest.param("NM", "Nature Methods", "alias", "", id="alias"),
        pytest.param("nat methods", "Nature Methods", "case", "", id="alias in another case"),
        pytest.param("Neurips", "NeurIPS", "case", "", id="brand in another case"),
        pytest.param("ICCV", "ICCV", "exact", "", id="vision conference"),
        pytest.param("ECCV 2024", "ECCV", "exact", "", id="vision conference and year"),
        pytest.param("JACS", "JACS", "exact", "", id="chemistry journal"),
        pytest.param(
            "International Conference on Computer Vision", "ICCV", "alias", "", id="full name"
        ),
        pytest.param("ICCV workshop", "ICCV Workshop", "exact", "", id="workshop made up"),
        pytest.param("Openreview", "OpenReview", "case", "", id="platform"),
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
    "tag",
    ["XXXX", "Nature Cardiovascular Research", "Cell Metabolism", "Science and Technology"],
)
def test_unknown(venues, tag):
    assert venues.lookup(tag) is None


def test_closest(venues):
    assert venues.closest("Nature Methds")[0] == "Nature Methods"
    assert venues.closest("Sturcture") == ["Structure"]
    assert venues.closest("XXXX") == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("ICCP", id="short acronym: no edits"),
        pytest.param("IJCAI-ECAI", id="not MICCAI"),
        pytest.param("ACS Central Sciences", id="not Advanced Science"),
        pytest.param("Meta", id="a company"),
    ],
)
def test_closest_suggests_only_near_misses(venues, text):
    assert "MICCAI" not in venues.closest(text)
    assert "Advanced Science" not in venues.closest(text)
    assert venues.closest(text) in ([], ["ACS Central Science"])


@pytest.mark.parametrize(
    "tag",
    [
        "ICCV",
        "ECCV",
        "WACV",
        "IJCAI",
        "AAAI",
        "CVPR",
        "NeurIPS",
        "ICML",
        "ICLR",
        "KDD",
        "ACL",
        "EMNLP",
        "NAACL",
        "MICCAI",
        "ISMB",
        "RECOMB",
        "JACS",
        "Molecular Systems Biology",
        "Genome Research",
        "Nature Cancer",
        "IJCV",
        "ACS Central Science",
        "Advanced Science",
        "Bioinformatics",
        "Briefings in Bioinformatics",
        "Nature Methods",
        "Cell",
        "Science",
        "PNAS",
        "TPAMI",
        "arXiv",
        "bioRxiv",
        "medRxiv",
        "ChemRxiv",
        "Research Square",
        "SSRN",
        "TIP",
        "ICASSP",
        "SIGKDD",
        "WWW",
        "BMVC",
        "Pattern Recognition",
        "TACL",
        "COLING",
    ],
)
def test_the_catalog_knows_the_major_venues(venues, tag):
    match = venues.lookup(tag)
    assert match is not None, tag
    assert match.how in {"exact", "alias"}, tag
    assert not match.rest, tag


def test_generated_catalog_is_read_only_when_the_core_misses():
    venues = catalog_from_config(defaults())
    assert venues.lookup("Nature Methods") is not None
    assert venues._generated is None
    assert venues.lookup("TKDE").venue.kind == "journal"
    assert venues._generated is not None


def test_generated_short_names_match_only_in_their_own_case(venues):
    assert venues.lookup("VR").venue.name == "VR"
    assert venues.lookup("vr") is None
    assert venues.lookup("Pattern recognition").how == "case"


def test_generated_catalog_can_be_turned_off():
    config = merge(defaults(), {"venues": {"catalog": False}})
    venues = catalog_from_config(config)
    assert venues.lookup("TKDE") is None
    assert venues.lookup("ICCV") is not None  # the core still knows it


def test_catalog_flag_must_be_a_boolean():
    with pytest.raises(ConfigError, match=r"venues\.catalog"):
        catalog_from_config({"venues": {"catalog": "yes"}})


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
        for wrong in venue.misspellings:
            assert venues.lookup(wrong).venue is venue, wrong


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


BUILD = Path(__file__).resolve().parents[2] / "tools" / "build_venues.py"


@pytest.mark.skipif(not BUILD.exists(), reason="tools/ is not in this source tree")
def test_shipped_generated_catalog_is_what_the_build_script_makes():
    done = subprocess.run(
        [sys.executable, str(BUILD), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(not BUILD.exists(), reason="tools/ is not in this source tree")
def test_build_keeps_shared_acronyms_out_and_first_titles_in(tmp_path):
    source = tmp_path / "src.tsv"
    source.write_text(
        "# area\trank\tabbr\tname\tdblp\n"
        "AI\tB\tAAMAS\tAutonomous Agents and Multi-Agent Systems\t/journals/aamas\n"
        "AI\tB\tAAMAS\tInternational Joint Conference on Autonomous Agents\t/conf/atal\n"
        "CGMM\tC\tCVMJ\tComputational Visual Media\t/journals/cvm\n"
        "CGMM\tC\tCVM\tComputational Visual Media\t/conf/cvm\n"
        "INTER\tB\tISMB\tInternational conference on Intelligent Systems\t/journals/bio\n"
        "SE\tA\tICSE\tInternational Conference on Software Engineering\t/conf/icse\n",
        encoding="utf-8",
    )
    out = tmp_path / "venues.yaml"
    subprocess.run(
        [sys.executable, str(BUILD), "--source", str(source), "--output", str(out)], check=True
    )
    lines = yaml.safe_load(out.read_text(encoding="utf-8"))["venues"].splitlines()
    assert lines == [
        "journal|Autonomous Agents and Multi-Agent Systems",
        "conference|International Joint Conference on Autonomous Agents",
        "journal|CVMJ|Computational Visual Media",
        "conference|CVM",
        "conference|ISMB|International conference on Intelligent Systems",
    ]
