"""Identifiers read off URLs: every supported form, and the URLs that must be left alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
import pytest

from scfm_lint.verify.ids import Identifier, identify, normalize_doi

FOUND = [
    ("https://doi.org/10.1038/s41587-021-01206-w", "doi", "10.1038/s41587-021-01206-w"),
    ("http://dx.doi.org/10.1016/J.CELL.2016.11.038", "doi", "10.1016/j.cell.2016.11.038"),
    ("https://doi.org/10.1093/nar/30.1.207", "doi", "10.1093/nar/30.1.207"),
    ("https://doi.org/10.1101/2023.07.13.548886", "doi", "10.1101/2023.07.13.548886"),
    ("https://doi.org/10.1016/S0092-8674(00)81683-9", "doi", "10.1016/s0092-8674(00)81683-9"),
    ("https://doi.org/10.1186/s13059-017-1382-0).", "doi", "10.1186/s13059-017-1382-0"),
    ("https://doi.org/10.1038%2Fs41586-023-05881-4", "doi", "10.1038/s41586-023-05881-4"),
    ("https://doi.org/10.48550/arXiv.2306.04371", "arxiv", "2306.04371"),
    ("https://www.nature.com/articles/s41592-024-02201-0", "doi", "10.1038/s41592-024-02201-0"),
    (
        "https://www.nature.com/articles/s42256-026-01220-0#Sec24",
        "doi",
        "10.1038/s42256-026-01220-0",
    ),
    ("https://nature.com/articles/d41586-026-01731-1?utm=x", "doi", "10.1038/d41586-026-01731-1"),
    ("https://www.nature.com/articles/nbt.4096.pdf", "doi", "10.1038/nbt.4096"),
    ("https://www.cell.com/cell/fulltext/S0092-8674(24)01332-1", "pii", "S0092867424013321"),
    ("https://www.cell.com/patterns/fulltext/S2666-3899(25)00279-X", "pii", "S266638992500279X"),
    ("https://www.cell.com/cell/abstract/S0092-8674(24)00829-8", "pii", "S0092867424008298"),
    (
        "https://www.cell.com/action/showPdf?pii=S0092-8674%2824%2901332-1",
        "pii",
        "S0092867424013321",
    ),
    (
        "https://www.sciencedirect.com/science/article/pii/S2666389926001017?via%3Dihub",
        "pii",
        "S2666389926001017",
    ),
    (
        "https://www.sciencedirect.com/science/article/abs/pii/s2452199x2500622x",
        "pii",
        "S2452199X2500622X",
    ),
    (
        "https://www.biorxiv.org/content/10.1101/2025.05.16.653447v2.abstract",
        "biorxiv",
        "10.1101/2025.05.16.653447",
    ),
    (
        "https://www.biorxiv.org/content/10.1101/2025.11.24.685470v1",
        "biorxiv",
        "10.1101/2025.11.24.685470",
    ),
    (
        "https://www.biorxiv.org/content/10.1101/2025.04.14.648850",
        "biorxiv",
        "10.1101/2025.04.14.648850",
    ),
    (
        "https://www.biorxiv.org/content/10.1101/2023.01.02.522501v3.full.pdf",
        "biorxiv",
        "10.1101/2023.01.02.522501",
    ),
    (
        "https://www.biorxiv.org/content/10.1101/2023.01.02.522501v1.full",
        "biorxiv",
        "10.1101/2023.01.02.522501",
    ),
    ("https://biorxiv.org/content/10.1101/339333v2", "biorxiv", "10.1101/339333"),
    (
        "https://www.biorxiv.org/content/10.64898/2026.03.30.715396v1",
        "biorxiv",
        "10.64898/2026.03.30.715396",
    ),
    (
        "https://www.medrxiv.org/content/10.64898/2026.06.19.26356060v1",
        "medrxiv",
        "10.64898/2026.06.19.26356060",
    ),
    ("https://www.science.org/doi/10.1126/science.aec8514", "doi", "10.1126/science.aec8514"),
    ("https://www.science.org/doi/full/10.1126/science.ads7951", "doi", "10.1126/science.ads7951"),
    (
        "https://advanced.onlinelibrary.wiley.com/doi/10.1002/advs.202513210",
        "doi",
        "10.1002/advs.202513210",
    ),
    ("https://onlinelibrary.wiley.com/doi/full/10.1002/qub2.70010", "doi", "10.1002/qub2.70010"),
    ("https://onlinelibrary.wiley.com/doi/epdf/10.1002/qub2.70010", "doi", "10.1002/qub2.70010"),
    ("https://www.pnas.org/doi/10.1073/pnas.2525268122", "doi", "10.1073/pnas.2525268122"),
    (
        "https://genomebiology.biomedcentral.com/articles/10.1186/s13059-025-03781-6",
        "doi",
        "10.1186/s13059-025-03781-6",
    ),
    (
        "https://link.springer.com/article/10.1186/s13059-026-04104-z",
        "doi",
        "10.1186/s13059-026-04104-z",
    ),
    (
        "https://link.springer.com/chapter/10.1007/978-1-0716-3989-4_57",
        "doi",
        "10.1007/978-1-0716-3989-4_57",
    ),
    ("https://academic.oup.com/bib/article/25/6/bbae548/7842778", "doi", "10.1093/bib/bbae548"),
    ("https://academic.oup.com/nsr/article/12/10/nwaf255/8172492", "doi", "10.1093/nsr/nwaf255"),
    (
        "https://academic.oup.com/bioinformatics/article/41/11/btaf603/8315140",
        "doi",
        "10.1093/bioinformatics/btaf603",
    ),
    (
        "https://academic.oup.com/bib/advance-article/doi/10.1093/bib/bbaf380/8211111",
        "doi",
        "10.1093/bib/bbaf380",
    ),
    (
        "https://genomebiology.biomedcentral.com/articles/10.1186/s13059-025-03781-6/figures/1",
        "doi",
        "10.1186/s13059-025-03781-6",
    ),
    (
        "https://www.science.org/doi/10.1126/science.aec8514/suppl_file/x.pdf",
        "doi",
        "10.1126/science.aec8514",
    ),
    ("https://doi.org/10.1093/bib/bbaf380", "doi", "10.1093/bib/bbaf380"),
    ("https://arxiv.org/abs/2603.25240", "arxiv", "2603.25240"),
    ("https://arxiv.org/abs/2606.12838v1", "arxiv", "2606.12838"),
    ("https://arxiv.org/pdf/2306.04371.pdf", "arxiv", "2306.04371"),
    ("https://arxiv.org/pdf/2306.04371v2", "arxiv", "2306.04371"),
    ("https://arxiv.org/html/2506.01883v3", "arxiv", "2506.01883"),
    ("http://export.arxiv.org/abs/q-bio/0601001v1", "arxiv", "q-bio/0601001"),
    ("https://arxiv.org/abs/math.GT/0309136", "arxiv", "math/0309136"),
    ("https://arxiv.org/abs/cond-mat.mes-hall/0211022v2", "arxiv", "cond-mat/0211022"),
    ("https://openreview.net/forum?id=Vk2sfKAdeu", "openreview", "Vk2sfKAdeu"),
    ("https://openreview.net/pdf?id=2mq6uezuGj", "openreview", "2mq6uezuGj"),
    ("https://openreview.net/forum?id=BKXvPDekud&noteId=abcdef123", "openreview", "BKXvPDekud"),
    ("https://pubmed.ncbi.nlm.nih.gov/38483032/", "pubmed", "38483032"),
    ("https://www.ncbi.nlm.nih.gov/pubmed/38483032", "pubmed", "38483032"),
    ("https://pmc.ncbi.nlm.nih.gov/articles/PMC12356405/", "pmc", "12356405"),
    ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC12356405", "pmc", "12356405"),
]

LEFT_ALONE = [
    "https://academic.oup.com/bioinformatics/article/38/6/1607/6499287",
    "https://academic.oup.com/nar/article/53/D1/D1099/7815638",
    "https://academic.oup.com/unknownjournal/article/1/2/abcd123/99",
    "https://neurips.cc/virtual/2024/poster/94537",
    "https://proceedings.mlr.press/v235/zhao24u.html",
    "https://ojs.aaai.org/index.php/AAAI/article/view/37046",
    "https://aclanthology.org/2025.acl-long.26/",
    "https://www.researchsquare.com/article/rs-7917089/v1",
    "https://cellxgene.cziscience.com/",
    "https://github.com/bowang-lab/scGPT",
    "https://www.biorxiv.org/content/early/2023/01/01/2023.01.01.123456",
    "https://www.biorxiv.org/collection/bioinformatics",
    "https://www.nature.com/nmeth/",
    "https://www.nature.com/articles/",
    "https://www.cell.com/cell/home",
    "https://arxiv.org/list/q-bio.GN/recent",
    "https://arxiv.org/abs/not-an-id",
    "https://openreview.net/group?id=ICLR.cc/2025/Conference",
    "https://openreview.net/forum",
    "https://openreview.net/forum?id=a&id=b",
    "https://pubmed.ncbi.nlm.nih.gov/?term=scgpt",
    "https://doi.org/",
    "https://doi.org/not-a-doi",
    "ftp://doi.org/10.1038/s41587-021-01206-w",
    "doi.org/10.1038/s41587-021-01206-w",
    "#scrna-seq",
    "http://[::1",
    "",
]


@pytest.mark.parametrize(("url", "scheme", "value"), FOUND, ids=[row[0] for row in FOUND])
def test_identifier_found(url: str, scheme: str, value: str) -> None:
    assert identify(url) == Identifier(scheme, value)


@pytest.mark.parametrize("url", LEFT_ALONE, ids=[repr(url) for url in LEFT_ALONE])
def test_left_to_the_page_check(url: str) -> None:
    assert identify(url) is None


@pytest.mark.parametrize(
    ("scheme", "service"),
    [
        ("doi", "crossref"),
        ("pii", "crossref"),
        ("arxiv", "arxiv"),
        ("biorxiv", "biorxiv"),
        ("medrxiv", "biorxiv"),
        ("openreview", "openreview"),
        ("pubmed", "pubmed"),
        ("pmc", "pubmed"),
    ],
)
def test_service_of_each_scheme(scheme: str, service: str) -> None:
    assert Identifier(scheme, "x").service == service


def test_str_names_the_scheme() -> None:
    assert str(Identifier("doi", "10.1/x")) == "doi:10.1/x"
    assert str(Identifier("pubmed", "1")) == "PMID:1"
    assert str(Identifier("arxiv", "2306.04371")) == "arxiv:2306.04371"


def test_normalize_doi_keeps_balanced_parentheses() -> None:
    assert normalize_doi("10.1016/S0092-8674(00)81683-9)") == "10.1016/s0092-8674(00)81683-9"
    assert normalize_doi("10.1126/science.abl4896/full") == "10.1126/science.abl4896"
    assert normalize_doi("11.1/x") is None


_ARXIV = st.from_regex(r"\A[0-9]{4}\.[0-9]{5}\Z")


@given(_ARXIV, st.integers(min_value=1, max_value=12), st.sampled_from(["abs", "pdf", "html"]))
def test_every_arxiv_form_gives_one_identifier(number: str, version: int, view: str) -> None:
    plain = identify(f"https://arxiv.org/abs/{number}")
    assert plain == Identifier("arxiv", number)
    assert identify(f"https://arxiv.org/{view}/{number}v{version}") == plain
    assert identify(f"https://www.arxiv.org/{view}/{number}v{version}.pdf") in (plain, None)


_RXIV = st.from_regex(r"\A20[12][0-9]\.[01][0-9]\.[0-3][0-9]\.[0-9]{6}\Z")
_VIEWS = [
    "",
    "v1",
    "v2.full",
    "v3.full.pdf",
    "v1.abstract",
    ".full-text",
    "v4.supplementary-material",
]


@given(_RXIV, st.sampled_from(_VIEWS), st.sampled_from(["1101", "64898"]))
def test_biorxiv_views_strip_to_the_doi(number: str, view: str, prefix: str) -> None:
    url = f"https://www.biorxiv.org/content/10.{prefix}/{number}{view}"
    assert identify(url) == Identifier("biorxiv", f"10.{prefix}/{number}")


@given(st.text(max_size=80))
def test_any_text_is_safe(text: str) -> None:
    found = identify(text)
    assert found is None or found.value


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789/?=.-_%()#:", max_size=60))
def test_any_url_path_is_safe(tail: str) -> None:
    for host in ("doi.org", "www.nature.com", "www.cell.com", "arxiv.org", "academic.oup.com"):
        found = identify(f"https://{host}/{tail}")
        assert found is None or found.service in ("crossref", "arxiv")
