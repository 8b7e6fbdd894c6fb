"""Each verdict from each service, against the loopback impersonations."""

from __future__ import annotations

from dataclasses import dataclass
import time

import aiohttp
import pytest

from scfm_lint.verify.core import Stats, verify_entries
from scfm_lint.verify.ids import Identifier

from .fakes import GENEFORMER, SCGPT, Fake, config_for


@dataclass(frozen=True)
class E:
    title: str
    year: int | None
    venue: str | None


async def _one(fake: tuple[Fake, str], session: aiohttp.ClientSession, entry: E, url: str, **cfg):
    _, base = fake
    [result] = await verify_entries([(entry, url)], config_for(base, **cfg), session)
    return result


EXISTS = [
    (E(SCGPT, 2024, "Nature Methods"), "https://www.nature.com/articles/s41592-024-02201-0"),
    (E(SCGPT, 2024, "Nat Methods"), "https://doi.org/10.1038/s41592-024-02201-0"),
    (E("Geneformer: " + GENEFORMER, 2023, "Nature"), "https://doi.org/10.1038/s41586-023-06139-9"),
    (
        E("Cell atlas of everything", 2024, "Cell"),
        "https://www.cell.com/cell/fulltext/S0092-8674(24)01332-1",
    ),
    (E("Graph learning for cells", 2025, "WSDM"), "https://dl.acm.org/doi/10.1145/3701551.3708811"),
    (E("Tabula: a cell foundation model", 2023, "arXiv"), "https://arxiv.org/abs/2306.04371v1"),
    (E("An old arXiv paper", 2006, "arXiv"), "https://arxiv.org/abs/q-bio/0601001"),
    (
        E("A bioRxiv preprint", 2023, "bioRxiv"),
        "https://www.biorxiv.org/content/10.1101/2023.01.01.000001v2",
    ),
    (
        E("A new-prefix preprint", 2026, "bioRxiv"),
        "https://www.biorxiv.org/content/10.64898/2026.03.30.715396v1",
    ),
    (
        E("A medRxiv preprint", 2026, "medRxiv"),
        "https://www.medrxiv.org/content/10.64898/2026.06.19.26356060v1",
    ),
    (E("Cells as sentences", 2025, "NeurIPS"), "https://openreview.net/forum?id=Vk2sfKAdeu"),
    (E("A workshop paper", 2023, "NeurIPS Workshop"), "https://openreview.net/pdf?id=2mq6uezuGj"),
    (E("A rejected paper", 2025, "arXiv"), "https://openreview.net/forum?id=BsA2GNkJhz"),
    (E(SCGPT, 2024, "Nature Methods"), "https://pubmed.ncbi.nlm.nih.gov/38483032/"),
    (
        E(
            "A review of single-cell foundation models",
            2025,
            "Computational and Structural Biotechnology Journal",
        ),
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC12356405/",
    ),
]


@pytest.mark.parametrize(("entry", "url"), EXISTS, ids=[u for _, u in EXISTS])
async def test_exists(fake, session, entry: E, url: str) -> None:
    result = await _one(fake, session, entry, url)
    assert result.verdict == "exists", result.message
    assert result.found_title


NOT_FOUND = [
    "https://doi.org/10.1038/s41592-000-00000-0",
    "https://www.nature.com/articles/s41592-000-00000-0",
    "https://arxiv.org/abs/2312.99999",
    "https://www.biorxiv.org/content/10.1101/2023.09.09.999999v1",
    "https://www.medrxiv.org/content/10.64898/2026.01.01.00000001v1",
    "https://openreview.net/forum?id=NoSuchNote",
    "https://pubmed.ncbi.nlm.nih.gov/999999999/",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC999999999/",
]


@pytest.mark.parametrize("url", NOT_FOUND)
async def test_not_found(fake, session, url: str) -> None:
    result = await _one(fake, session, E("Some paper", 2024, "Nature"), url)
    assert result.verdict == "not-found", result.message
    assert "does not exist" in result.message


async def test_missing_pii_and_datacite_doi_are_unknown_not_dead(fake, session) -> None:
    entry = E("Some paper", 2024, "Cell")
    pii = await _one(
        fake, session, entry, "https://www.cell.com/cell/fulltext/S0092-8674(24)09999-1"
    )
    assert pii.verdict == "unknown"
    assert "PII" in pii.message
    zenodo = await _one(fake, session, entry, "https://doi.org/10.5281/zenodo.123")
    assert zenodo.verdict == "unknown"
    assert "DataCite" in zenodo.message


async def test_title_mismatch_shows_both_titles(fake, session) -> None:
    entry = E(
        "scBERT: a large-scale pretrained deep language model", 2022, "Nature Machine Intelligence"
    )
    result = await _one(fake, session, entry, "https://www.nature.com/articles/s41592-024-02201-0")
    assert result.verdict == "title-mismatch"
    assert SCGPT in result.message
    assert entry.title in result.message
    assert result.found_title == SCGPT


@pytest.mark.parametrize(
    ("entry", "url", "suggestion"),
    [
        (
            E(SCGPT, 2023, "Nature Methods"),
            "https://doi.org/10.1038/s41592-024-02201-0",
            "[2024 Nature Methods]",
        ),
        (
            E("Tabula: a cell foundation model", 2024, "arXiv"),
            "https://arxiv.org/abs/2306.04371",
            "[2023 arXiv]",
        ),
        (
            E("A bioRxiv preprint", 2022, "bioRxiv"),
            "https://www.biorxiv.org/content/10.1101/2023.01.01.000001v1",
            "[2023 bioRxiv]",
        ),
        (
            E("Cells as sentences", 2024, "NeurIPS"),
            "https://openreview.net/forum?id=Vk2sfKAdeu",
            "[2025 NeurIPS]",
        ),
        (
            E(SCGPT, 2025, "Nature Methods"),
            "https://pubmed.ncbi.nlm.nih.gov/38483032/",
            "[2024 Nature Methods]",
        ),
    ],
)
async def test_year_mismatch(fake, session, entry: E, url: str, suggestion: str) -> None:
    result = await _one(fake, session, entry, url)
    assert result.verdict == "year-mismatch", result.message
    assert result.suggestion == suggestion
    assert str(entry.year) in result.message


async def test_preprint_tag_on_a_journal_doi_suggests_the_journal(fake, session) -> None:
    result = await _one(
        fake, session, E(SCGPT, 2024, "bioRxiv"), "https://doi.org/10.1038/s41592-024-02201-0"
    )
    assert result.verdict == "venue-mismatch"
    assert result.suggestion == "[2024 Nature Methods]"


async def test_other_journal_is_a_venue_mismatch(fake, session) -> None:
    result = await _one(
        fake, session, E(SCGPT, 2024, "Nature"), "https://doi.org/10.1038/s41592-024-02201-0"
    )
    assert result.verdict == "venue-mismatch"
    assert result.suggestion == "[2024 Nature Methods]"


async def test_wrong_preprint_server(fake, session) -> None:
    result = await _one(
        fake,
        session,
        E("Tabula: a cell foundation model", 2023, "bioRxiv"),
        "https://arxiv.org/pdf/2306.04371.pdf",
    )
    assert result.verdict == "venue-mismatch"
    assert result.suggestion == "[2023 arXiv]"


async def test_journal_tag_on_a_preprint_names_the_published_version(fake, session) -> None:
    url = "https://www.biorxiv.org/content/10.1101/2024.02.02.000002v1"
    result = await _one(
        fake, session, E("A cell atlas foundation model", 2025, "Nature Methods"), url
    )
    assert result.verdict == "venue-mismatch"
    assert result.suggestion == "https://doi.org/10.1038/s41592-025-00001-x"
    assert "Nature Methods (2025)" in result.message


@pytest.mark.parametrize(
    ("title", "url"),
    [
        (
            "A cell atlas foundation model",
            "https://www.biorxiv.org/content/10.1101/2024.02.02.000002v1",
        ),
        ("Another arXiv paper", "https://arxiv.org/abs/2401.00001"),
        ("A preprint on Crossref", "https://doi.org/10.1101/2023.07.13.548886"),
    ],
)
async def test_preprint_since_published(fake, session, title: str, url: str) -> None:
    year = 2024 if "arxiv" in url or "biorxiv" in url else 2023
    result = await _one(
        fake, session, E(title, year, "arXiv" if "arxiv" in url else "bioRxiv"), url
    )
    assert result.verdict == "published", result.message
    assert result.found_venue == ("arXiv" if "arxiv" in url else "bioRxiv")
    assert "Nature Methods (2025)" in result.message
    new = "[2025 Nature Methods] https://doi.org/10.1038/s41592-025-00001-x"
    assert result.suggestion == new
    assert "write [2025 Nature Methods] and https://doi.org/10.1038/s41592-025-00001-x" in (
        result.message
    )
    assert result.published_url == "https://doi.org/10.1038/s41592-025-00001-x"
    assert result.published_tag == (2025, "Nature Methods")


@pytest.mark.parametrize(
    ("venue", "url"),
    [
        ("bioRxiv", "https://www.biorxiv.org/content/10.1101/2024.03.03.000003v1"),
        ("arXiv", "https://arxiv.org/abs/2403.00003"),
    ],
)
async def test_published_version_found_from_the_journal_side(
    fake, session, venue: str, url: str
) -> None:
    # The preprint records nothing; the article's Crossref record says ``has-preprint``.
    result = await _one(fake, session, E("A preprint the journal names", 2024, venue), url)
    assert result.verdict == "published", result.message
    assert result.published_tag == (2025, "Genome Biology")
    assert result.published_url == "https://doi.org/10.1186/s13059-025-00009-x"


async def test_a_second_link_is_checked_for_its_title_only(fake, session) -> None:
    from scfm_lint.document.model import Link

    paper = Link("https://doi.org/10.1038/s41592-024-02201-0", "paper", 3, 40, "markdown")
    preprint = Link("https://arxiv.org/abs/2306.04371", "preprint", 3, 90, "markdown")

    @dataclass(frozen=True)
    class WithLinks(E):
        links: tuple[Link, ...] = ()

    entry = WithLinks(SCGPT, 2024, "Nature Methods", (paper, preprint))
    _, base = fake
    first, second = await verify_entries(
        [(entry, paper), (entry, preprint)], config_for(base), session
    )
    assert first.verdict == "exists"
    assert (second.line, second.column) == (3, 90)
    assert second.verdict == "title-mismatch"  # Tabula is not scGPT, even as a second link


async def test_links_without_identifier_cost_nothing(fake, session) -> None:
    state, base = fake
    results = await verify_entries(
        [(E("x", 2024, "ICML"), "https://proceedings.mlr.press/v235/zhao24u.html")],
        config_for(base),
        session,
    )
    assert results[0].verdict == "unknown"
    assert results[0].ident is None
    assert state.log == []


async def test_batches_and_polite_parameters(fake, session) -> None:
    state, base = fake
    dois = [f"https://doi.org/10.1038/s41586-023-07{n:03d}-0" for n in range(44)]
    dois.append("https://doi.org/10.1038/s41586-023-06139-9")
    arxiv = [
        "https://arxiv.org/abs/2306.04371",
        "https://arxiv.org/abs/q-bio/0601001",
        "https://arxiv.org/abs/2401.00001",
    ]
    pubmed = [
        "https://pubmed.ncbi.nlm.nih.gov/38483032/",
        "https://pubmed.ncbi.nlm.nih.gov/38483033/",
    ]
    items = [(E(GENEFORMER, 2023, "Nature"), u) for u in dois + arxiv + pubmed]
    stats = Stats()
    config = config_for(base, mailto="lists@example.org")
    results = await verify_entries(items, config, session, stats=stats)
    works = [r for r in state.log if r.path == "/cr/works"]
    batches = [r for r in works if r.query["filter"].startswith("doi:")]
    # 45 DOIs at 20 per request, plus one for the journal version 2401.00001 records
    assert len(batches) == 4
    assert "10.1038/s41592-025-00001-x" in batches[-1].query["filter"]
    # and one asking which articles name the two other arXiv papers as their preprint
    [reverse] = [r for r in works if r not in batches]
    assert reverse.query["filter"] == (
        "relation.type:has-preprint,relation.object:10.48550/arxiv.2306.04371,"
        "relation.object:10.48550/arxiv.q-bio/0601001"
    )
    assert all(r.query["mailto"] == "lists@example.org" for r in batches)
    assert "mailto:lists@example.org" in batches[0].headers["User-Agent"]
    assert state.count("/cr/works/") == 44  # each DOI absent from its batch is confirmed alone
    assert state.count("/arxiv/query") == 1
    [summary] = [r for r in state.log if r.path == "/eutils/esummary.fcgi"]
    assert summary.query["email"] == "lists@example.org"
    assert stats.identifiers == len(items)
    assert sum(stats.requests.values()) == len(state.log)
    assert results[44].verdict == "exists"
    assert {r.verdict for r in results[:44]} == {"not-found"}


async def test_rate_limited_with_retry_after(fake, session) -> None:
    state, _ = fake
    state.faults["/arxiv/query"] = [(429, {"Retry-After": "1"})]
    started = time.monotonic()
    result = await _one(
        fake,
        session,
        E("Tabula: a cell foundation model", 2023, "arXiv"),
        "https://arxiv.org/abs/2306.04371",
    )
    assert result.verdict == "exists"
    assert time.monotonic() - started >= 0.95
    assert state.count("/arxiv/query") == 2


async def test_retry_after_longer_than_the_cap_gives_unknown(fake, session) -> None:
    state, _ = fake
    state.faults["/cr/works"] = [(503, {"Retry-After": "600"})]
    result = await _one(
        fake,
        session,
        E(SCGPT, 2024, "Nature Methods"),
        "https://doi.org/10.1038/s41592-024-02201-0",
    )
    assert result.verdict == "unknown"
    assert "Retry-After" in result.message
    assert state.count("/cr/works") == 1


async def test_server_error_then_ok(fake, session) -> None:
    state, _ = fake
    state.faults["/or/notes"] = [(503, {}), (502, {})]
    result = await _one(
        fake,
        session,
        E("Cells as sentences", 2025, "NeurIPS"),
        "https://openreview.net/forum?id=Vk2sfKAdeu",
    )
    assert result.verdict == "exists"
    assert state.count("/or/notes") == 3


async def test_persistent_server_error_gives_unknown(fake, session) -> None:
    state, _ = fake
    state.faults["/rxiv/details"] = [(500, {})] * 5
    result = await _one(
        fake,
        session,
        E("A bioRxiv preprint", 2023, "bioRxiv"),
        "https://www.biorxiv.org/content/10.1101/2023.01.01.000001",
    )
    assert result.verdict == "unknown"
    assert "HTTP 500 after 3 tries" in result.message
    assert state.count("/rxiv/details") == 3


async def test_hanging_service_times_out_into_unknown(fake, session) -> None:
    state, _ = fake
    state.hang["/eutils"] = 2
    started = time.monotonic()
    result = await _one(
        fake,
        session,
        E(SCGPT, 2024, "Nature Methods"),
        "https://pubmed.ncbi.nlm.nih.gov/38483032/",
        timeout=0.2,
        retries=1,
    )
    assert result.verdict == "unknown"
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("/cr/works", "https://doi.org/10.1038/s41592-024-02201-0"),
        ("/or/notes", "https://openreview.net/forum?id=Vk2sfKAdeu"),
        ("/eutils/esummary.fcgi", "https://pubmed.ncbi.nlm.nih.gov/38483032/"),
        ("/arxiv/query", "https://arxiv.org/abs/2306.04371"),
    ],
)
async def test_malformed_answer_gives_unknown(fake, session, path: str, url: str) -> None:
    state, _ = fake
    state.bodies[path] = "<html>maintenance</html>"
    result = await _one(fake, session, E(SCGPT, 2024, "Nature Methods"), url)
    assert result.verdict == "unknown"


async def test_arxiv_empty_feed_for_a_batch_is_unknown(fake, session) -> None:
    state, base = fake
    state.bodies["/arxiv/query"] = '<feed xmlns="http://www.w3.org/2005/Atom"></feed>'
    items = [
        (E("x", 2023, "arXiv"), "https://arxiv.org/abs/2306.04371"),
        (E("y", 2006, "arXiv"), "https://arxiv.org/abs/q-bio/0601001"),
    ]
    results = await verify_entries(items, config_for(base), session)
    assert [r.verdict for r in results] == ["unknown", "unknown"]


async def test_service_pacing_spaces_requests(fake, session) -> None:
    state, base = fake
    items = [
        (E("x", 2023, "NeurIPS"), f"https://openreview.net/forum?id=Missing{n}") for n in range(3)
    ]
    started = time.monotonic()
    await verify_entries(
        items, config_for(base, delay={"openreview": 0.3}, concurrency={"openreview": 4}), session
    )
    assert time.monotonic() - started >= 0.55
    assert state.count("/or/notes") == 3


async def test_identifiers_are_asked_once(fake, session) -> None:
    state, base = fake
    url = "https://www.nature.com/articles/s41592-024-02201-0"
    items = [
        (E(SCGPT, 2024, "Nature Methods"), url),
        (E(SCGPT, 2024, "Nature Methods"), url + "#Abs1"),
    ]
    results = await verify_entries(items, config_for(base), session)
    assert [r.ident for r in results] == [Identifier("doi", "10.1038/s41592-024-02201-0")] * 2
    assert state.count("/cr/works") == 1


async def test_openreview_asks_api_1_when_api_2_has_no_note(fake, session) -> None:
    state, _ = fake
    found = await _one(
        fake,
        session,
        E("A workshop paper", 2023, "NeurIPS Workshop"),
        "https://openreview.net/pdf?id=2mq6uezuGj",
    )
    assert found.verdict == "exists"
    assert (state.count("/or/notes"), state.count("/or1/notes")) == (1, 1)
    current = await _one(
        fake,
        session,
        E("Cells as sentences", 2025, "NeurIPS"),
        "https://openreview.net/forum?id=Vk2sfKAdeu",
    )
    assert current.verdict == "exists"
    assert (state.count("/or/notes"), state.count("/or1/notes")) == (2, 1)


async def test_biorxiv_lag_is_checked_with_crossref_before_not_found(fake, session) -> None:
    state, _ = fake
    url = "https://www.biorxiv.org/content/10.1101/2023.07.13.548886v1"
    result = await _one(fake, session, E("A preprint on Crossref", 2023, "bioRxiv"), url)
    assert result.verdict == "published"
    assert result.ident == Identifier("biorxiv", "10.1101/2023.07.13.548886")
    assert state.count("/cr/works/10.1101/2023.07.13.548886/agency") == 1
    gone = "https://www.biorxiv.org/content/10.1101/2023.09.09.999999v1"
    missing = await _one(fake, session, E("x", 2023, "bioRxiv"), gone)
    assert missing.verdict == "not-found"
    assert state.count("/cr/works/10.1101/2023.09.09.999999/agency") == 1


async def test_deadline_cuts_a_hanging_service_only(fake, session) -> None:
    state, base = fake
    state.hang["/arxiv"] = 5
    items = [
        (E("Tabula: a cell foundation model", 2023, "arXiv"), "https://arxiv.org/abs/2306.04371"),
        (E(SCGPT, 2024, "Nature Methods"), "https://doi.org/10.1038/s41592-024-02201-0"),
    ]
    started = time.monotonic()
    slow, quick = await verify_entries(items, config_for(base, deadline=0.5, timeout=30), session)
    assert time.monotonic() - started < 2
    assert slow.verdict == "unknown"
    assert "deadline" in slow.message
    assert quick.verdict == "exists"


async def test_rxiv_dois_can_go_to_crossref_in_batches(fake, session) -> None:
    state, base = fake
    items = [
        (
            E("A preprint on Crossref", 2023, "bioRxiv"),
            "https://www.biorxiv.org/content/10.1101/2023.07.13.548886v2",
        ),
        (E("x", 2023, "bioRxiv"), "https://www.biorxiv.org/content/10.1101/2023.09.09.999999v1"),
    ]
    found, missing = await verify_entries(
        items, config_for(base, **{"rxiv-via": "crossref"}), session
    )
    assert state.count("/rxiv") == 0
    assert found.verdict == "published"
    assert found.ident == Identifier("biorxiv", "10.1101/2023.07.13.548886")
    assert found.found_venue == "bioRxiv"
    assert missing.verdict == "not-found"
    assert len([r for r in state.log if r.path == "/cr/works"]) == 2  # one batch + journal pass


async def test_documents_are_verified_in_one_pass(fake, session) -> None:
    from scfm_lint.document.parse import parse_document
    from scfm_lint.verify.core import verify_documents

    state, base = fake
    one = parse_document(
        f"# L\n\n## P\n\n1. [2024 Nature Methods] **{SCGPT}** "
        "[[paper]](https://doi.org/10.1038/s41592-024-02201-0)\n",
        "one.md",
    )
    two = parse_document(
        f"# L\n\n## P\n\n1. [2023 Nature] **Geneformer: {GENEFORMER}** "
        "[[paper]](https://www.nature.com/articles/s41586-023-06139-9)\n"
        "2. [2023 bioRxiv] **x** [[code]](https://github.com/x/y)\n",
        "two.md",
    )
    results = await verify_documents([one, two], config_for(base), session)
    assert [r.verdict for r in results["one.md"]] == ["exists"]
    assert [(r.verdict, r.line) for r in results["two.md"]] == [("exists", 5), ("unknown", 6)]
    assert state.count("/cr/works") == 1
    only_doi = await verify_documents(
        [one, two], config_for(base), session, keep=lambda link: "doi.org" in link.url
    )
    assert [r.line for r in only_doi["one.md"]] == [5]
    assert only_doi["two.md"] == []


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("/cr/works", "https://doi.org/10.1038/s41592-024-02201-0"),
        ("/cr/works/", "https://doi.org/10.1038/s41592-000-00000-0"),
        ("/arxiv/query", "https://arxiv.org/abs/2306.04371"),
        ("/rxiv/details", "https://www.biorxiv.org/content/10.1101/2023.01.01.000001"),
        ("/or/notes", "https://openreview.net/forum?id=Vk2sfKAdeu"),
        ("/eutils/esummary.fcgi", "https://pubmed.ncbi.nlm.nih.gov/38483032/"),
    ],
)
async def test_refusal_gives_unknown_without_retry(fake, session, path: str, url: str) -> None:
    state, _ = fake
    state.faults[path] = [(403, {})]
    result = await _one(fake, session, E(SCGPT, 2024, "Nature Methods"), url)
    assert result.verdict == "unknown"
    assert "HTTP 403" in result.message
    assert state.count(path) == 1


async def test_doi_with_a_comma_is_asked_alone(fake, session) -> None:
    state, _ = fake
    result = await _one(fake, session, E("x", 2024, "Nature"), "https://doi.org/10.1234/a,b")
    assert result.verdict == "not-found"
    assert [r.path for r in state.log] == ["/cr/works/10.1234/a,b/agency"]
