"""What URLs encode for certain: preprint dates, journal ids and their years."""

from __future__ import annotations

import pytest

from scfm_lint.paperlist.urlinfo import url_info


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param(
            "https://arxiv.org/abs/2603.25240",
            {"server": "arXiv", "preprint_year": 2026, "preprint_month": 3},
            id="arxiv new id",
        ),
        pytest.param(
            "https://arxiv.org/abs/q-bio/0601001",
            {"server": "arXiv", "preprint_year": 2006, "preprint_month": 1},
            id="arxiv old id",
        ),
        pytest.param(
            "https://arxiv.org/abs/hep-th/9901001", {"preprint_year": 1999}, id="arxiv 1990s id"
        ),
        pytest.param(
            "https://doi.org/10.48550/arXiv.2306.04371",
            {"server": "arXiv", "preprint_year": 2023},
            id="arxiv doi",
        ),
        pytest.param(
            "https://www.biorxiv.org/content/10.1101/2025.05.16.653447v2.abstract",
            {"server": "bioRxiv", "preprint_year": 2025, "preprint_month": 5},
            id="biorxiv",
        ),
        pytest.param(
            "https://www.biorxiv.org/content/10.64898/2026.03.30.715396v1",
            {"server": "bioRxiv", "preprint_year": 2026},
            id="biorxiv new prefix",
        ),
        pytest.param(
            "https://www.medrxiv.org/content/10.64898/2026.06.19.26356060v1",
            {"server": "medRxiv", "preprint_year": 2026},
            id="medrxiv",
        ),
        pytest.param(
            "https://doi.org/10.1101/2023.07.13.548886",
            {"server": None, "preprint": True, "preprint_year": 2023},
            id="bare rxiv doi: server unknown",
        ),
        pytest.param(
            "https://doi.org/10.1101/gr.123456.111",
            {"preprint": False, "preprint_year": None},
            id="genome research doi is no preprint",
        ),
        pytest.param(
            "https://www.researchsquare.com/article/rs-7917089/v1",
            {"server": "Research Square", "preprint": True},
            id="research square",
        ),
        pytest.param(
            "https://www.nature.com/articles/s41592-024-02201-0",
            {"code": "s41592", "id_year": 2024, "preprint": False},
            id="nature id",
        ),
        pytest.param(
            "https://www.nature.com/articles/d41586-026-01731-1",
            {"code": "d41586", "id_year": 2026},
            id="nature news id",
        ),
        pytest.param(
            "https://doi.org/10.1038/s41587-021-01206-w",
            {"code": "s41587", "id_year": 2021},
            id="nature doi",
        ),
        pytest.param(
            "https://link.springer.com/article/10.1186/s13059-026-04104-z",
            {"code": "s13059", "id_year": 2026},
            id="bmc on springer",
        ),
        pytest.param(
            "https://www.cell.com/patterns/fulltext/S2666-3899(25)00279-X",
            {"issn": "2666-3899", "id_year": 2025},
            id="cell pii",
        ),
        pytest.param(
            "https://www.sciencedirect.com/science/article/pii/S2452199X2500622X",
            {"issn": "2452-199X", "id_year": 2025},
            id="compact pii with X",
        ),
        pytest.param(
            "https://www.cell.com/cell/fulltext/S0092-8674(99)80001-1",
            {"id_year": 1999},
            id="1990s pii",
        ),
        pytest.param(
            "https://doi.org/10.1016/j.cell.2016.11.038",
            {"id_year": 2016, "code": None},
            id="elsevier doi",
        ),
        pytest.param(
            "https://pubmed.ncbi.nlm.nih.gov/38483032/",
            {"preprint": False, "id_year": None, "preprint_year": None},
            id="pubmed says nothing",
        ),
        pytest.param(
            "https://example.org/s41592-024-02201-0",
            {"code": None},
            id="nature-like id on another host",
        ),
        pytest.param("", {"host": ""}, id="empty"),
    ],
)
def test_url_info(url: str, expected: dict):
    info = url_info(url)
    assert {k: getattr(info, k) for k in expected} == expected
