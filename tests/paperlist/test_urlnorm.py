"""URL keys: every spelling of one paper's URL gets one key; different papers keep theirs."""

from __future__ import annotations

import pytest

from scfm_lint.paperlist.urlnorm import arxiv_id, doi_of, pii_of, url_key

SAME = [
    pytest.param(
        "https://arxiv.org/abs/2503.03485",
        [
            "http://arxiv.org/pdf/2503.03485",
            "https://www.arxiv.org/abs/2503.03485v2",
            "https://arxiv.org/pdf/2503.03485v1.pdf",
            "https://arxiv.org/html/2503.03485v3/",
            "https://doi.org/10.48550/arXiv.2503.03485",
            "https://export.arxiv.org/abs/2503.03485",
        ],
        id="arxiv abs/pdf/html/version/doi",
    ),
    pytest.param(
        "https://www.biorxiv.org/content/10.1101/2024.10.01.616063v1",
        [
            "https://www.biorxiv.org/content/10.1101/2024.10.01.616063v1.full.pdf+html",
            "https://biorxiv.org/content/10.1101/2024.10.01.616063v3.full",
            "https://www.biorxiv.org/content/10.1101/2024.10.01.616063v1.abstract",
            "https://www.biorxiv.org/content/10.1101/2024.10.01.616063",
            "https://www.biorxiv.org/content/10.1101/2024.10.01.616063v1#:~:text=To%20address",
            "https://doi.org/10.1101/2024.10.01.616063",
        ],
        id="biorxiv versions and views",
    ),
    pytest.param(
        "https://www.biorxiv.org/content/10.1101/2024.09.30.615843v1",
        ["https://www.biorxiv.org/content/biorxiv/early/2024/10/01/2024.09.30.615843.full.pdf"],
        id="biorxiv early path",
    ),
    pytest.param(
        "https://www.nature.com/articles/s41592-024-02201-0",
        [
            "https://doi.org/10.1038/s41592-024-02201-0",
            "https://nature.com/articles/s41592-024-02201-0/",
            "https://www.nature.com/articles/s41592-024-02201-0#Sec24",
            "https://dx.doi.org/10.1038/S41592-024-02201-0",
        ],
        id="nature article and its doi",
    ),
    pytest.param(
        "https://www.cell.com/cell/fulltext/S0092-8674(24)00829-8",
        [
            "https://www.cell.com/cell/abstract/S0092-8674(24)00829-8?_returnURL=https%3A%2F%2Fx",
            "https://www.sciencedirect.com/science/article/pii/S0092867424008298",
            "https://linkinghub.elsevier.com/retrieve/pii/S0092867424008298",
        ],
        id="elsevier pii forms",
    ),
    pytest.param(
        "https://www.science.org/doi/10.1126/science.aec8514",
        [
            "https://doi.org/10.1126/science.aec8514",
            "https://www.science.org/doi/full/10.1126/science.aec8514",
        ],
        id="doi in a publisher path",
    ),
    pytest.param(
        "https://openreview.net/forum?id=4UCktT9XZx",
        ["https://openreview.net/pdf?id=4UCktT9XZx"],
        id="openreview forum and pdf",
    ),
    pytest.param(
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC9915700/",
        ["https://www.ncbi.nlm.nih.gov/pmc/articles/PMC9915700/"],
        id="pmc old and new hosts",
    ),
    pytest.param(
        "https://www.researchsquare.com/article/rs-7917089/v1",
        ["https://doi.org/10.21203/rs.3.rs-7917089/v2"],
        id="research square",
    ),
    pytest.param(
        "https://example.org/a/b?x=1&y=2",
        [
            "http://www.example.org/a/b/?y=2&x=1&utm_source=tw&fbclid=abc",
            "https://EXAMPLE.org:443/a/b?x=1&y=2#top",
        ],
        id="generic: scheme, www, slash, tracking, order, fragment",
    ),
]


@pytest.mark.parametrize(("url", "others"), SAME)
def test_spellings_share_a_key(url: str, others: list[str]):
    assert {url_key(o) for o in others} == {url_key(url)}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "https://arxiv.org/abs/2503.03485", "https://arxiv.org/abs/2503.03486", id="arxiv"
        ),
        pytest.param(
            "https://www.biorxiv.org/content/10.1101/2024.10.01.616063v1",
            "https://www.medrxiv.org/content/10.1101/2024.10.01.616064v1",
            id="preprints",
        ),
        pytest.param("https://example.org/A", "https://example.org/a", id="paths keep case"),
        pytest.param("https://example.org/a?id=1", "https://example.org/a?id=2", id="real query"),
        pytest.param(
            "https://github.com/bowang-lab/scGPT",
            "https://github.com/bowang-lab/scGPT-spatial",
            id="repos",
        ),
    ],
)
def test_different_resources_keep_different_keys(a: str, b: str):
    assert url_key(a) != url_key(b)


def test_helpers():
    assert arxiv_id("https://arxiv.org/abs/q-bio/0601001v2") == "q-bio/0601001"
    assert arxiv_id("https://example.org/abs/2503.03485") is None
    assert doi_of(
        "https://genomebiology.biomedcentral.com/articles/10.1186/s13059-025-03574-x"
    ) == ("10.1186/s13059-025-03574-x")
    assert doi_of("https://example.org/no-doi") is None
    assert doi_of("not a url") is None
    assert (
        pii_of("https://www.cell.com/patterns/fulltext/S2666-3899(25)00279-X")
        == "S266638992500279X"
    )
    assert url_key("  ") == ""
    assert url_key("mailto:someone@example.org") == "mailto:someone@example.org"
    assert url_key("https://pubmed.ncbi.nlm.nih.gov/38483032/") == "pubmed:38483032"
