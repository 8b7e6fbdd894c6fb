"""Each service's answer format read directly, including the shapes that must be refused."""

from __future__ import annotations

import pytest

from scfm_lint.verify import parsers
from scfm_lint.verify.ids import Identifier

DOI = Identifier("doi", "10.1101/x")


@pytest.mark.parametrize(
    ("doi", "server"),
    [
        ("10.1101/2021.04.29.21256344", "medRxiv"),
        ("10.1101/2023.07.13.548886", "bioRxiv"),
        ("10.64898/2026.03.30.715396", "bioRxiv"),
    ],
)
def test_crossref_preprint_server_without_institution(doi: str, server: str) -> None:
    work = {
        "DOI": doi,
        "type": "posted-content",
        "title": ["T"],
        "issued": {"date-parts": [[2021]]},
    }
    paper = parsers.crossref_work(work, DOI)
    assert paper.preprint
    assert paper.venue == server
    assert paper.years == (2021,)


def test_crossref_journal_years_earliest_first() -> None:
    work = {
        "DOI": "10.1234/J",
        "type": "journal-article",
        "title": ["A <i>title</i> &amp; more"],
        "container-title": ["Cell"],
        "published-print": {"date-parts": [[2025, 1]]},
        "published-online": {"date-parts": [[2024, 12, 3]]},
        "issued": {"date-parts": [[None]]},
    }
    paper = parsers.crossref_work(work, DOI)
    assert paper.years == (2024, 2025)
    assert paper.title == "A title & more"
    assert paper.doi == "10.1234/j"


@pytest.mark.parametrize(
    "body",
    [None, [], {"message": "x"}, {"message-type": "work-list", "message": {"items": "x"}}],
)
def test_crossref_refuses_other_shapes(body: object) -> None:
    with pytest.raises(ValueError, match="Crossref"):
        parsers.crossref_items(body)


def test_arxiv_feed_skips_error_entries() -> None:
    feed = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
        "<id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>"
        "</entry></feed>"
    )
    assert parsers.arxiv_feed(feed) == {}


@pytest.mark.parametrize("text", ["not xml", "<rss></rss>"])
def test_arxiv_refuses_other_shapes(text: str) -> None:
    with pytest.raises(ValueError, match=r"XML|Atom"):
        parsers.arxiv_feed(text)


@pytest.mark.parametrize(
    ("read", "body", "error"),
    [
        (lambda body: parsers.biorxiv_details(body, DOI), {"collection": []}, "bioRxiv"),
        (lambda body: parsers.openreview_notes(body, DOI), {"notes": {}}, "OpenReview"),
        (lambda body: parsers.esummary(body, [DOI]), {"header": {}}, "esummary"),
    ],
    ids=["biorxiv", "openreview", "esummary"],
)
def test_json_services_refuse_other_shapes(read, body: object, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        read(body)


def test_openreview_without_venue_uses_dates() -> None:
    body = {"notes": [{"id": "abc", "content": {"title": "T"}, "pdate": 1700000000000}]}
    paper = parsers.openreview_notes(body, Identifier("openreview", "abc"))
    assert paper is not None
    assert paper.years == (2023,)
    assert paper.venue is None


def test_crossref_joins_a_separate_subtitle() -> None:
    work = {"DOI": "10.1234/s", "title": ["Cell atlas"], "subtitle": ["a map of cells"]}
    assert parsers.crossref_work(work, DOI).title == "Cell atlas: a map of cells"
    same = {"DOI": "10.1234/s", "title": ["Cell atlas: a map"], "subtitle": ["a map"]}
    assert parsers.crossref_work(same, DOI).title == "Cell atlas: a map"
