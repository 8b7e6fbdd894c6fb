"""Findings from verdicts, the metadata cache, and the small pure helpers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from scfm_lint.engine.finding import Severity
from scfm_lint.verify.cache import MetadataCache, default_path, open_cache
from scfm_lint.verify.core import Stats, verify_entries
from scfm_lint.verify.findings import results_to_findings
from scfm_lint.verify.http import retry_after
from scfm_lint.verify.ids import Identifier
from scfm_lint.verify.parsers import openreview_venue
from scfm_lint.verify.record import Lookup, Paper, VerifyResult
from scfm_lint.verify.settings import load_settings

from .fakes import SCGPT, config_for

DOI = Identifier("doi", "10.1038/s41592-024-02201-0")


def _result(verdict: str, line: int = 7, column: int = 3) -> VerifyResult:
    return VerifyResult("https://x", line, column, verdict, DOI, f"{verdict} here", "[2024 X]")


@pytest.mark.parametrize(
    ("verdict", "code", "severity"),
    [
        ("not-found", "SCF501", Severity.ERROR),
        ("title-mismatch", "SCF502", Severity.WARNING),
        ("year-mismatch", "SCF503", Severity.WARNING),
        ("venue-mismatch", "SCF504", Severity.WARNING),
        ("published", "SCF505", Severity.INFO),
        ("retracted", "SCF507", Severity.ERROR),
    ],
)
def test_each_verdict_has_its_code(verdict: str, code: str, severity: Severity) -> None:
    [finding] = results_to_findings([_result(verdict)], "README.md")
    assert (finding.path, finding.line, finding.column, finding.code) == ("README.md", 7, 3, code)
    assert finding.severity is severity
    assert finding.message == f"{verdict} here"
    assert finding.suggestion == "[2024 X]"


def test_exists_and_unknown_are_quiet_unless_asked() -> None:
    results = [_result("exists"), _result("unknown")]
    assert results_to_findings(results, "a.md") == []
    [unknown] = results_to_findings(results, "a.md", include_unknown=True)
    assert unknown.code == "SCF506"


def test_findings_are_sorted_and_severity_overridable() -> None:
    results = [_result("year-mismatch", 9, 1), _result("not-found", 2, 5)]
    found = results_to_findings(results, "a.md", severities={"SCF503": Severity.ERROR})
    assert [f.code for f in found] == ["SCF501", "SCF503"]
    assert found[1].severity is Severity.ERROR


def test_result_json_names_the_identifier() -> None:
    data = _result("exists").to_dict()
    assert data["identifier"] == "doi:10.1038/s41592-024-02201-0"
    assert data["verify"] == "exists"


PAPER = Paper(DOI, SCGPT, (2024, 2025), "Nature Methods", "Nat Methods", doi=DOI.value)


def test_cache_keeps_papers_for_ttl(tmp_path: Path) -> None:
    cache = MetadataCache(tmp_path / "v.sqlite3", ttl=100)
    missing = Identifier("doi", "10.1/none")
    cache.put([Lookup(DOI, PAPER), Lookup(missing, missing=True)], now=1000)
    assert cache.get([DOI, missing], now=1050) == {DOI: Lookup(DOI, PAPER)}
    assert cache.get([DOI], now=1101) == {}
    cache.close()


def test_cache_survives_reopening_and_garbage(tmp_path: Path) -> None:
    path = tmp_path / "v.sqlite3"
    MetadataCache(path, 100).put([Lookup(DOI, PAPER)], now=0)
    other = MetadataCache(path, 100)
    other._store.write(("INSERT INTO papers VALUES ('doi:10.1/bad', '{\"x\": 1}', 0)", [()]))
    assert other.get([DOI, Identifier("doi", "10.1/bad")], now=1) == {DOI: Lookup(DOI, PAPER)}


def test_cache_keeps_updates_and_forgets_papers_cached_without_them(tmp_path: Path) -> None:
    import json

    retracted = Paper(DOI, "T", (2024,), "Cell", updates=(("retraction", "10.1/notice"),))
    cache = MetadataCache(tmp_path / "v.sqlite3", ttl=100)
    cache.put([Lookup(DOI, retracted)], now=0)
    assert cache.get([DOI], now=1)[DOI].paper == retracted
    older = Identifier("doi", "10.1/older")
    row = {"ident": {"scheme": "doi", "value": "10.1/older"}, "title": "T", "years": [2024]}
    insert = "INSERT INTO papers VALUES (?, ?, 0)"
    cache._store.write((insert, [("doi:10.1/older", json.dumps(row))]))
    assert cache.get([older], now=1) == {}
    cache.close()


def test_a_cache_path_that_cannot_be_used_is_one_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    seen: list[str] = []
    cache = MetadataCache(blocker / "sub" / "v.sqlite3", 10, warn=seen.append)
    assert cache.get([DOI]) == {}
    [line] = seen
    assert "cannot use the verify cache" in line


def test_open_cache_follows_settings(tmp_path: Path) -> None:
    settings = load_settings(config_for("http://127.0.0.1:9"))
    assert open_cache(settings) is None
    assert open_cache(settings, tmp_path / "x.sqlite3") is not None
    assert default_path().name == "verify.sqlite3"


@dataclass(frozen=True)
class E:
    title: str
    year: int | None
    venue: str | None


async def test_second_run_uses_the_cache(fake, session, tmp_path: Path) -> None:
    state, base = fake
    cache = MetadataCache(tmp_path / "v.sqlite3", 3600)
    items = [
        (E(SCGPT, 2024, "Nature Methods"), "https://doi.org/10.1038/s41592-024-02201-0"),
        (E("Gone", 2024, "Nature"), "https://doi.org/10.1038/s41592-000-00000-0"),
    ]
    first = await verify_entries(items, config_for(base), session, cache=cache)
    sent = len(state.log)
    stats = Stats()
    second = await verify_entries(items, config_for(base), session, cache=cache, stats=stats)
    assert [r.verdict for r in first] == [r.verdict for r in second] == ["exists", "not-found"]
    assert [r.cached for r in second] == [True, False]
    assert stats.cached == 1
    # Only the missing DOI is asked again: a miss is never cached.
    assert all("s41592-000" in str(r.url) for r in state.log[sent:])


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("7", 7.0),
        (" 0 ", 0.0),
        ("Thu, 01 Jan 1970 00:00:30 GMT", 20.0),
        ("Thu, 01 Jan 1970 00:00:05 GMT", 0.0),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after(header: str | None, seconds: float | None) -> None:
    assert retry_after(header, now=10.0) == seconds


@pytest.mark.parametrize(
    ("venue", "expected"),
    [
        ("NeurIPS 2023 poster", ("NeurIPS", 2023)),
        ("ICLR 2024 oral", ("ICLR", 2024)),
        ("NeurIPS 2023 Workshop AI4Science", ("NeurIPS Workshop", 2023)),
        ("MLGenX Workshop 2024", ("MLGenX Workshop", 2024)),
        ("Submitted to ICLR 2025", (None, 2025)),
        ("TMLR", ("TMLR", None)),
        ("", (None, None)),
    ],
)
def test_openreview_venue(venue: str, expected: tuple[str | None, int | None]) -> None:
    assert openreview_venue(venue) == expected


@pytest.mark.parametrize(
    ("page", "verify", "expected"),
    [
        ("blocked", "exists", "ok"),
        ("blocked", "title-mismatch", "ok"),
        ("unchecked", "published", "ok"),
        ("blocked", "not-found", "dead"),
        ("blocked", "unknown", "blocked"),
        ("blocked", None, "blocked"),
        ("ok", "not-found", "ok"),
        ("dead", "exists", "dead"),
        ("redirected", "exists", "redirected"),
    ],
)
def test_settle_page_verdicts(page: str, verify: str | None, expected: str) -> None:
    from scfm_lint.verify.findings import settle

    assert settle(page, verify) == expected
