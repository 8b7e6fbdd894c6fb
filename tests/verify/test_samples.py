"""Each recorded real response (``samples/``) pinned: the record parsed from it and the
verdict built on it, read directly and through its client against the loopback fakes; and
every client facing 429 with Retry-After and 5xx in the services' real formats."""

from __future__ import annotations

from dataclasses import dataclass
import time
from typing import Any

import pytest

from scfm_lint.verify import parsers
from scfm_lint.verify.core import verify_entries
from scfm_lint.verify.ids import Identifier
from scfm_lint.verify.judge import Listed, judge
from scfm_lint.verify.record import Lookup

from .fakes import SCGPT, config_for, sample


@dataclass(frozen=True)
class E:
    title: str
    year: int | None
    venue: str | None


@dataclass(frozen=True)
class Case:
    """One sample: the link that asks for it, the entry that lists it, what must come out."""

    sample: str
    url: str
    entry: E
    verdict: str
    title: str
    years: tuple[int, ...]
    venue: str | None
    extra: dict[str, Any]


TPA = "Tensor Product Attention Is All You Need"
CASES = [
    Case(
        "crossref-1.json",
        "https://doi.org/10.1371/journal.pone.0033693",
        E(
            "Methylphenidate exposure induces dopamine neuron loss and activation of microglia "
            "in the basal ganglia of mice",
            2012,
            "PLoS ONE",
        ),
        "exists",  # a correction is not a retraction
        "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in "
        "the Basal Ganglia of Mice",
        (2012,),
        "PLoS ONE",
        {"updates": (("correction", "10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda"),)},
    ),
    Case(
        "crossref-2.json",
        "https://doi.org/10.1109/ICDCSW.2003.1203662",
        E("Accurate and explicit differentiation of wireless and congestion losses", 2004, None),
        "year-mismatch",  # ``issued`` is [[null]]: the event's year dates it
        "Accurate and explicit differentiation of wireless and congestion losses",
        (2003,),
        "23rd International Conference on Distributed Computing Systems Workshops, 2003. "
        "Proceedings.",
        {"kind": "proceedings-article"},
    ),
    Case(
        "crossref-3.json",
        "https://doi.org/10.1007/s11192-025-05390-3",
        E("Anything", 2025, "Scientometrics"),
        "title-mismatch",
        "",  # filled from the sample below
        (2025,),
        "Scientometrics",
        {},
    ),
    Case(
        "arxiv-1.xml",
        "https://arxiv.org/abs/1404.1899",
        E("Fingerprints of Galactic Loop I on the Cosmic Microwave Background", 2014, "arXiv"),
        "published",
        "Fingerprints of Galactic Loop I on the Cosmic Microwave Background",
        (2014,),
        "arXiv",
        {"published_doi": "10.1088/2041-8205/789/2/l29", "published_year": 2014},
    ),
    Case(
        "arxiv-2.xml",
        "https://arxiv.org/pdf/1706.03762v7",
        E("Attention Is All You Need", 2017, "arXiv"),
        "exists",
        "Attention Is All You Need",
        (2017, 2023),
        "arXiv",
        {"published_doi": None, "published_venue": None},
    ),
    Case(
        "arxiv-3.xml",
        "https://arxiv.org/abs/cond-mat/0102536v1",
        E("Impact of electron-electron cusp on configuration interaction energies", 2001, "arXiv"),
        "published",
        "Impact of Electron-Electron Cusp on Configuration Interaction Energies",
        (2001,),
        "arXiv",
        {"published_venue": "J. Chem. Phys.", "published_year": 2001},
    ),
    Case(
        "biorxiv-1.json",
        "https://www.biorxiv.org/content/10.1101/641381v2",
        E(
            "Chromatin structure-dependent histone incorporation revealed by a genome-wide "
            "deposition assay",
            2019,
            "bioRxiv",
        ),
        "exists",
        "Chromatin structure-dependent histone incorporation revealed by a genome-wide "
        "deposition assay",
        (2019,),
        "bioRxiv",
        {"published_doi": None},
    ),
    Case(
        "biorxiv-2.json",
        "https://www.biorxiv.org/content/10.1101/456574v1",
        E("Complementary subnetworks of cortical somatostatin interneurons", 2018, "bioRxiv"),
        "published",  # the journal version is not on the fake Crossref: no tag to suggest
        "Complementary subnetworks of cortical somatostatin interneurons",
        (2018,),
        "bioRxiv",
        {"published_doi": "10.7554/elife.43696"},
    ),
    Case(
        "openreview-1.json",
        "https://openreview.net/forum?id=ECTxVRFhUa",
        E(TPA, 2025, "NeurIPS"),
        "exists",
        TPA,
        (2025,),
        "NeurIPS",
        {"kind": "conference"},
    ),
    Case(
        "openreview-2.json",
        "https://openreview.net/forum?id=o2pnEi65bX",
        E(TPA, 2025, "arXiv"),
        "exists",  # a DBLP record of the arXiv paper (once "a CoRR 2025 paper", a mismatch)
        TPA,
        (2025,),
        "arXiv",
        {"preprint": True},
    ),
    Case(
        "pubmed-1.json",
        "https://pubmed.ncbi.nlm.nih.gov/27933103/",
        E(
            "Programmatic conversion of crystal structures into 3D printable files using Jmol",
            2016,
            "Journal of Cheminformatics",
        ),
        "exists",
        "Programmatic conversion of crystal structures into 3D printable files using Jmol.",
        (2016,),
        "Journal of cheminformatics",
        {"venue_short": "J Cheminform"},
    ),
    Case(
        "pubmed-2.json",
        "https://pubmed.ncbi.nlm.nih.gov/34813072/",
        E("CRISPR-Cas9 editing", 2021, "Methods Mol Biol"),
        "title-mismatch",
        "CRISPR-Cas9 Editing of the Synthesis of Biodegradable Polyesters "
        "Polyhydroxyalkanaotes (PHA) in Pseudomonas putida KT2440.",
        (2022,),
        "Methods in molecular biology (Clifton, N.J.)",
        {"venue_short": "Methods Mol Biol"},
    ),
]
CASES_BY_NAME = {c.sample: c for c in CASES}
CASES[2] = Case(
    **{
        **CASES[2].__dict__,
        "title": parsers.crossref_items(sample("crossref-3.json"))[2]["title"][0],
    }
)


def _parse(case: Case, ident: Identifier):
    body = sample(case.sample)
    service = case.sample.split("-")[0]
    if service == "crossref":
        items = parsers.crossref_items(body)
        work = next(w for w in items if w["DOI"].lower() == ident.value)
        return parsers.crossref_work(work, ident)
    if service == "arxiv":
        return parsers.arxiv_feed(body)[ident.value]
    if service == "biorxiv":
        return parsers.biorxiv_details(body, ident)
    if service == "openreview":
        return parsers.openreview_notes(body, ident)
    return parsers.esummary(body, [ident])[ident]


def _check(case: Case, paper: Any) -> None:
    assert paper is not None
    assert paper.title == case.title
    assert paper.years == case.years
    assert paper.venue == case.venue
    for name, value in case.extra.items():
        assert getattr(paper, name) == value, name


@pytest.mark.parametrize("case", CASES, ids=[c.sample for c in CASES])
def test_sample_parsed_and_judged(case: Case) -> None:
    from scfm_lint.verify.ids import identify

    ident = identify(case.url)
    assert ident is not None
    paper = _parse(case, ident)
    _check(case, paper)
    entry = case.entry
    verdict = judge(Listed(entry.title, entry.year, entry.venue), Lookup(ident, paper))
    assert verdict.verdict == case.verdict, verdict.message


@pytest.mark.parametrize("case", CASES, ids=[c.sample for c in CASES])
async def test_sample_through_its_client(fake, session, case: Case) -> None:
    _, base = fake
    [result] = await verify_entries([(case.entry, case.url)], config_for(base), session)
    assert result.verdict == case.verdict, result.message
    assert result.found_title == case.title
    assert result.found_venue == case.venue


def test_arxiv_search_feed_in_the_current_layout() -> None:
    papers = parsers.arxiv_feed(sample("arxiv-2.xml"))
    assert sorted(papers) == ["1706.03762", "2104.04692", "2604.21816"]
    assert papers["2604.21816"].title == (
        "Tool Attention Is All You Need: Dynamic Tool Gating and Lazy Schema Loading for "
        "Eliminating the MCP/Tools Tax in Scalable Agentic Workflows"
    )
    assert papers["2104.04692"].years == (2021,)


def test_missing_samples_read_as_missing() -> None:
    rxiv = Identifier("biorxiv", "10.1101/000000")
    assert parsers.biorxiv_details(sample("biorxiv-404.json"), rxiv) is None
    pmid = Identifier("pubmed", "40482261")
    assert parsers.esummary(sample("pubmed-3-error.json"), [pmid]) == {pmid: None}
    agency = sample("crossref-agency.json")["message"]["agency"]
    assert agency == {"id": "crossref", "label": "Crossref"}
    with pytest.raises(ValueError, match="Crossref"):  # the 404 body is not JSON
        parsers.crossref_items(sample("crossref-404.txt"))


@pytest.mark.parametrize(
    "url",
    [
        "https://www.biorxiv.org/content/10.1101/2099.01.01.000009v1",
        "https://pubmed.ncbi.nlm.nih.gov/40482261/",
        "https://doi.org/10.1038/s41592-000-00000-0",
    ],
)
async def test_missing_answers_in_the_real_shapes_are_not_found(fake, session, url) -> None:
    _, base = fake
    [result] = await verify_entries([(E("X", 2024, None), url)], config_for(base), session)
    assert result.verdict == "not-found", result.message


def test_an_undated_record_without_event_stays_undated() -> None:
    # ``created`` is when the record was deposited, not when the paper appeared.
    work = dict(sample("crossref-2.json")["message"], event=None)
    assert work["created"]["date-parts"][0][0] == 2004
    assert parsers.crossref_work(work, Identifier("doi", work["DOI"])).years == ()


def test_arxiv_journal_ref_year_and_venue() -> None:
    assert parsers.journal_ref("Astrophys. J. 789 (2014) L29") == ("Astrophys. J.", 2014)
    assert parsers.journal_ref("J. Chem. Phys. 115, 1626 (2001)") == ("J. Chem. Phys.", 2001)
    assert parsers.journal_ref("Nature Methods 22, 100-110 (2025)") == ("Nature Methods", 2025)
    assert parsers.journal_ref("Bioinformatics, Volume 41, Issue 1, January 2025, btaf001") == (
        "Bioinformatics",
        2025,
    )
    assert parsers.journal_ref("") == (None, None)


NOT_ACCEPTED = [
    ("Wd1Xn5Qm7A", "A withdrawn paper", 2024, "ICLR 2024 Conference Withdrawn Submission"),
    ("Dr3jQ8pL2z", "A desk rejected paper", 2025, "ICLR 2025 Conference Desk Rejected Submission"),
    ("Ar9Rr2Feb5", "A rolling review submission", 2025, "ACL ARR 2025 February Submission"),
    ("BsA2GNkJhz", "A rejected paper", 2025, "Submitted to ICLR 2025"),
]


@pytest.mark.parametrize(("forum", "title", "year", "status"), NOT_ACCEPTED)
async def test_openreview_submissions_are_not_acceptances(
    fake, session, forum: str, title: str, year: int, status: str
) -> None:
    _, base = fake
    url = f"https://openreview.net/forum?id={forum}"
    venue = "ACL" if "ARR" in status else "ICLR"
    [tagged] = await verify_entries([(E(title, year, venue), url)], config_for(base), session)
    assert tagged.verdict == "venue-mismatch"
    assert status in tagged.message
    assert tagged.found_venue is None
    [preprint] = await verify_entries([(E(title, year, "arXiv"), url)], config_for(base), session)
    assert preprint.verdict == "exists"


@pytest.mark.parametrize(
    ("venue", "venueid"),
    [
        ("ICLR 2024 poster", "ICLR.cc/2024/Conference/Withdrawn_Submission"),
        ("", "NeurIPS.cc/2023/Conference/Rejected_Submission"),
        ("NeurIPS 2023 Conference Withdrawn Submission", ""),
    ],
)
def test_openreview_venue_refuses_non_acceptances(venue: str, venueid: str) -> None:
    assert parsers.openreview_venue(venue, venueid)[0] is None


async def test_retracted_paper_is_reported_with_its_notice(fake, session) -> None:
    _, base = fake
    entry = E("A retracted cell atlas", 2023, "Cell")
    url = "https://doi.org/10.1016/j.cell.2023.01.099"
    [result] = await verify_entries([(entry, url)], config_for(base), session)
    assert result.verdict == "retracted"
    assert "retraction" in result.message
    assert result.suggestion == "https://doi.org/10.1016/j.cell.2024.05.001"


async def test_crossref_is_asked_for_updates_and_dates(fake, session) -> None:
    state, base = fake
    url = "https://doi.org/10.1038/s41592-024-02201-0"
    await verify_entries([(E(SCGPT, 2024, "Nature Methods"), url)], config_for(base), session)
    [asked] = [r for r in state.log if r.path == "/cr/works"]
    fields = asked.query["select"].split(",")
    assert {"updated-by", "posted", "created", "event", "relation"} <= set(fields)


# One identifier per service: (url, entry, path prefix of its requests).
PER_SERVICE = [
    (
        "https://doi.org/10.1038/s41592-024-02201-0",
        E(SCGPT, 2024, "Nature Methods"),
        "/cr/works",
    ),
    (
        "https://arxiv.org/abs/1404.1899",
        E(CASES_BY_NAME["arxiv-1.xml"].title, 2014, "arXiv"),
        "/arxiv/query",
    ),
    (
        "https://www.biorxiv.org/content/10.1101/641381v1",
        E(CASES_BY_NAME["biorxiv-1.json"].title, 2019, "bioRxiv"),
        "/rxiv/details",
    ),
    ("https://openreview.net/forum?id=ECTxVRFhUa", E(TPA, 2025, "NeurIPS"), "/or/notes"),
    (
        "https://pubmed.ncbi.nlm.nih.gov/27933103/",
        E(CASES_BY_NAME["pubmed-1.json"].title, 2016, "J Cheminform"),
        "/eutils/esummary.fcgi",
    ),
]
SERVICE_IDS = ["crossref", "arxiv", "biorxiv", "openreview", "pubmed"]


@pytest.mark.parametrize(("url", "entry", "path"), PER_SERVICE, ids=SERVICE_IDS)
async def test_each_client_waits_out_a_429_with_retry_after(fake, session, url, entry, path):
    state, base = fake
    state.faults[path] = [(429, {"Retry-After": "1"})]
    started = time.monotonic()
    [result] = await verify_entries([(entry, url)], config_for(base), session)
    assert result.verdict in ("exists", "published"), result.message
    assert time.monotonic() - started >= 0.95
    assert state.count(path) == 2


@pytest.mark.parametrize(("url", "entry", "path"), PER_SERVICE, ids=SERVICE_IDS)
async def test_each_client_retries_5xx(fake, session, url, entry, path) -> None:
    state, base = fake
    state.faults[path] = [(503, {}), (502, {})]
    [result] = await verify_entries([(entry, url)], config_for(base), session)
    assert result.verdict in ("exists", "published"), result.message
    assert state.count(path) == 3
    state.faults[path] = [(500, {})] * 3
    [failed] = await verify_entries([(entry, url)], config_for(base), session)
    assert failed.verdict == "unknown"
    assert "HTTP 500 after 3 tries" in failed.message


async def test_crossref_announced_limits_are_adopted(fake, session) -> None:
    from scfm_lint.verify.core import pacers_for
    from scfm_lint.verify.services import Client, crossref
    from scfm_lint.verify.settings import load_settings

    _, base = fake
    settings = load_settings(config_for(base, concurrency={"crossref": 8}))
    pacers = pacers_for(settings)
    assert (pacers["crossref"].delay, pacers["crossref"].cap) == (0, 8)
    doi = Identifier("doi", "10.1038/s41592-024-02201-0")
    found = await crossref(Client(session, settings, pacers), [doi])
    assert found[doi].paper is not None
    # x-rate-limit-limit 50 per x-rate-limit-interval 1s, x-concurrency-limit 3
    assert pacers["crossref"].delay == pytest.approx(0.02)
    assert pacers["crossref"].cap == 3


@pytest.mark.parametrize(
    ("headers", "delay", "cap"),
    [
        ({"x-rate-limit-limit": "10", "x-rate-limit-interval": "2500ms"}, 0.25, 4),
        ({"x-rate-limit-limit": "0", "x-rate-limit-interval": "1s"}, 0.1, 4),
        ({"x-rate-limit-limit": "x", "x-concurrency-limit": "-1"}, 0.1, 4),
        ({"x-rate-limit-limit": "1000", "x-rate-limit-interval": "1s"}, 0.1, 4),  # ours stricter
        ({"x-concurrency-limit": "9"}, 0.1, 4),
        ({"x-concurrency-limit": "2"}, 0.1, 2),
    ],
)
async def test_pacer_takes_only_stricter_readable_limits(headers, delay: float, cap: int) -> None:
    from scfm_lint.verify.http import Pacer

    pacer = Pacer(4, 0.1)
    pacer.announce(headers)
    assert pacer.delay == pytest.approx(delay)
    assert pacer.cap == cap


async def test_pacer_holds_requests_beyond_the_announced_cap() -> None:
    import asyncio

    from scfm_lint.verify.http import Pacer

    pacer = Pacer(4, 0)
    pacer.announce({"x-concurrency-limit": "1"})
    busy = peak = 0

    async def one() -> None:
        nonlocal busy, peak
        async with pacer:
            busy += 1
            peak = max(peak, busy)
            await asyncio.sleep(0.01)
            busy -= 1

    await asyncio.gather(*(one() for _ in range(5)))
    assert peak == 1
    assert pacer.sent == 5
