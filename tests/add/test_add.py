"""``scfm-lint add`` end to end against loopback services speaking the real formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from scfm_lint.cli import main
from scfm_lint.config.load import load_config
from scfm_lint.document.parse import parse_document
from scfm_lint.engine.run import lint

pytestmark = pytest.mark.usefixtures("services")


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def findings(path: Path) -> list[tuple[str, str]]:
    """The findings of ``check`` on ``path``, without their lines (an insert moves them)."""
    config = load_config(path)
    doc = parse_document(path.read_text(encoding="utf-8"), str(path))
    return sorted((f.code, f.message) for f in lint(doc, config))


def added(before: list[str], after: list[str]) -> list[str]:
    return [line for line in after if line not in before]


async def test_arxiv_pdf_url_becomes_abs_entry_first_of_its_year(project, add, services) -> None:
    readme = project()
    before, clean = lines(readme), findings(readme)
    code, out, err = await add("https://arxiv.org/pdf/2501.00001v1.pdf", "--section", "scRNA-seq")
    assert code == 0, err
    new = "1. [2025 arXiv] **Tabula: a tabular foundation model for single cells** [[paper]](https://arxiv.org/abs/2501.00001v1)"
    assert added(before, lines(readme)) == [new]
    after = lines(readme)
    # newest first: the newest of its year, before the 2025 entries already there
    assert after.index(new) == before.index(next(x for x in before if "[2025 bioRxiv]" in x))
    assert out.strip() == new
    assert "1 request: 1 to arxiv" in err
    assert services[0].count("/arxiv/query") == 1
    assert findings(readme) == clean


async def test_recorded_arxiv_feed_oldest_goes_last(project, add) -> None:
    readme = project()
    code, _, err = await add("arXiv:1706.03762", "--section", "SCRNA-SEQ")
    assert code == 0, err
    scrna = lines(readme)[
        lines(readme).index("### scRNA-seq") + 2 : lines(readme).index("### Neurons") - 1
    ]
    assert scrna[-1] == (
        "1. [2017 arXiv] **Attention Is All You Need** [[paper]](https://arxiv.org/abs/1706.03762)"
    )


async def test_doi_keeps_typography_and_uses_the_publisher_page(project, add, services) -> None:
    readme = project()
    clean = findings(readme)
    code, out, err = await add("doi:10.1038/s41592-025-01234-5", "--section", "scRNA-seq")
    assert code == 0, err
    assert out.strip() == (
        "1. [2025 Nature Methods] **scFoundation–2: large-scale in silico perturbation with"
        " β-VAE models** [[paper]](https://www.nature.com/articles/s41592-025-01234-5)"
    )
    assert services[0].count("/cr/") == 1
    assert findings(readme) == clean


async def test_recorded_crossref_work_list(project, add) -> None:
    readme = project()
    code, out, err = await add("https://doi.org/10.1162/qss_a_00348", "--section", "Benchmarks")
    assert code == 0, err
    assert out.strip() == (
        "1. [2025 Quantitative Science Studies] **How open are hybrid journals included in"
        " transformative agreements?** [[paper]](https://doi.org/10.1162/qss_a_00348)"
    )
    bench = lines(readme)[lines(readme).index("## Benchmarks") + 2 :]
    assert bench[3] == out.strip()  # oldest first: after 2024, before 2026


async def test_biorxiv_full_pdf_takes_the_lists_version_habit(project, add, services) -> None:
    project()
    code, out, err = await add(
        "https://www.biorxiv.org/content/10.1101/641381.full.pdf", "--section", "scRNA-seq"
    )
    assert code == 0, err
    assert out.strip() == (
        "1. [2019 bioRxiv] **Chromatin structure-dependent histone incorporation revealed by a"
        " genome-wide deposition assay** [[paper]](https://www.biorxiv.org/content/10.1101/641381v1)"
    )
    assert services[0].count("/rxiv/details/biorxiv/10.1101/641381") == 1
    assert len(services[0].log) == 1


async def test_biorxiv_version_linked_is_kept(project, add) -> None:
    project()
    code, out, _ = await add(
        "https://www.biorxiv.org/content/10.1101/641381v2.full", "--section", "scRNA-seq"
    )
    assert code == 0
    assert out.strip().endswith("(https://www.biorxiv.org/content/10.1101/641381v2)")


async def test_openreview_pdf_becomes_forum_with_meeting_tag(project, add, services) -> None:
    readme = project()
    clean = findings(readme)
    code, out, err = await add(
        "https://openreview.net/pdf?id=ECTxVRFhUa", "--section", "Benchmarks"
    )
    assert code == 0, err
    assert out.strip() == (
        "1. [2025 NeurIPS] **Tensor Product Attention Is All You Need**"
        " [[paper]](https://openreview.net/forum?id=ECTxVRFhUa)"
    )
    assert services[0].count("/or/notes") == 1
    assert findings(readme) == clean


async def test_pubmed_title_period_dropped_and_journal_spelled(project, add, services) -> None:
    readme = project()
    code, out, err = await add("PMID:40000001", "--section", "scRNA-seq")
    assert code == 0, err
    assert out.strip() == (
        "1. [2024 Nature Medicine] **A single-cell atlas of the human lung**"
        " [[paper]](https://pubmed.ncbi.nlm.nih.gov/40000001/)"
    )
    assert services[0].count("/eutils/esummary.fcgi") == 1
    after = lines(readme)
    assert after[after.index(out.strip()) - 1].startswith("1. [2025 arXiv]")
    assert after[after.index(out.strip()) + 1].startswith("1. [2024 Nature Methods]")


async def test_same_identifier_refused_before_any_request(project, add, services) -> None:
    readme = project()
    text = readme.read_text(encoding="utf-8")
    code, _out, err = await add("27933103", "--section", "scRNA-seq")
    assert code == 1
    assert err.startswith("README.md:27: already listed under 'Benchmarks': same identifier")
    assert readme.read_text(encoding="utf-8") == text
    assert services[0].log == []


async def test_published_twin_refused_naming_the_line(project, add) -> None:
    readme = project()
    text = readme.read_text(encoding="utf-8")
    code, _, err = await add(
        "https://www.biorxiv.org/content/10.1101/456574v1", "--section", "Neurons"
    )
    assert code == 1
    assert "README.md:23: already listed under 'Neurons': its twin (doi:10.7554/elife.43696)" in err
    assert readme.read_text(encoding="utf-8") == text
    # cross-listing on purpose: another section is fine, the same one never
    code, _, err = await add(
        "https://www.biorxiv.org/content/10.1101/456574v1",
        "--section",
        "Neurons",
        "--allow-cross-list",
    )
    assert code == 1
    code, out, err = await add(
        "https://www.biorxiv.org/content/10.1101/456574v1",
        "--section",
        "scRNA-seq",
        "--allow-cross-list",
    )
    assert code == 0, err
    assert "cross-listed (--allow-cross-list)" in err
    assert "[2018 bioRxiv] **Complementary subnetworks of cortical somatostatin" in out


async def test_near_identical_title_refused(project, add) -> None:
    project()
    code, _, err = await add("2501.11111", "--section", "Benchmarks")
    assert code == 1
    assert err.startswith("README.md:18: already listed under 'scRNA-seq': near-identical title")


async def test_diff_writes_nothing(project, add) -> None:
    readme = project()
    text = readme.read_text(encoding="utf-8")
    code, out, err = await add("2501.00001", "--section", "scRNA-seq", "--diff")
    assert code == 0
    assert out.startswith("--- README.md\n+++ README.md\n")
    assert "+1. [2025 arXiv] **Tabula" in out
    assert "would add" in err
    assert readme.read_text(encoding="utf-8") == text


async def test_offline_composes_the_same_line_with_no_request(project, add, services) -> None:
    readme = project()
    code, online, _ = await add("2501.00001", "--section", "scRNA-seq", "--diff")
    requests = len(services[0].log)
    code, offline, err = await add(
        "--section",
        "scRNA-seq",
        "--title",
        "Tabula: a tabular foundation model for single cells",
        "--year",
        "2025",
        "--venue",
        "arxiv",
        "--url",
        "https://arxiv.org/pdf/2501.00001",
        "--diff",
    )
    assert code == 0, err
    assert offline == online
    assert "(no request)" in err
    assert len(services[0].log) == requests
    # the offline path runs the same duplicate checks
    code, _, err = await add(
        "--section",
        "Benchmarks",
        "--title",
        "Transfer learning enables predictions in network biology",
        "--year",
        "2023",
        "--venue",
        "Nature",
        "--url",
        "https://example.org/x",
    )
    assert code == 1
    assert "near-identical title" in err
    assert readme.exists()


async def test_sequential_list_is_renumbered(project, add) -> None:
    readme = project("sequential.md", "conventions:\n  numbering: sequential\n")
    clean = findings(readme)
    code, _out, err = await add("PMID:40000001", "--section", "papers")
    assert code == 0, err
    assert [line[:20] for line in lines(readme)[4:]] == [
        "1. [2025 arXiv] **Ge",
        "2. [2024 Nature Medi",
        "3. [2024 Nature Meth",
        "4. [2023 Nature] **T",
        "5. [2016 Journal of ",
    ]
    assert findings(readme) == clean


async def test_cache_answers_the_second_add(project, add, services, tmp_path) -> None:
    readme = project(extra="")
    config = (tmp_path / ".scfm-lint.yaml").read_text(encoding="utf-8")
    (tmp_path / ".scfm-lint.yaml").write_text(config.replace("  cache: {enabled: false}\n", ""))
    code, _, err = await add("2501.00001", "--section", "scRNA-seq", "--diff")
    assert code == 0
    assert "1 request" in err
    code, _, err = await add("2501.00001", "--section", "scRNA-seq", "--diff")
    assert code == 0
    assert "from the cache" in err
    assert services[0].count("/arxiv") == 1
    code, _, err = await add("2501.00001", "--section", "scRNA-seq", "--diff", "--no-cache")
    assert services[0].count("/arxiv") == 2
    assert readme.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["not-an-id"], "'not-an-id': not an identifier"),
        (["2599.00001"], "arxiv:2599.00001: no such paper"),
        (["10.1038/s41592-099-00000-0"], "no such paper"),
        (["2501.00001", "--section", "scrna"], "no section 'scrna'; closest headings: 'scRNA-seq'"),
        (
            ["2501.00001", "--section", "Models"],
            "section 'Models' (line 11) has no list of entries",
        ),
        (
            ["--section", "scRNA-seq", "--title", "T", "--url", "https://e.org/t"],
            "pass --title and --year",
        ),
    ],
    ids=[
        "unknown-identifier",
        "missing-arxiv",
        "missing-doi",
        "unknown-section",
        "no-list",
        "offline-incomplete",
    ],
)
async def test_errors_are_one_line_exit_2_file_untouched(project, add, argv, message) -> None:
    readme = project()
    text = readme.read_text(encoding="utf-8")
    if "--section" not in argv:
        argv = [*argv, "--section", "scRNA-seq"]
    code, out, err = await add(*argv)
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert err.startswith("scfm-lint: error: ")
    assert message in err
    assert readme.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ((503, {}), "arxiv gave no answer: HTTP 503 after 2 tries"),
        ((429, {"Retry-After": "100"}), "Retry-After 100 s is too long"),
    ],
    ids=["service-down", "rate-limited"],
)
async def test_service_failures_exit_2(project, add, services, fault, message) -> None:
    readme = project()
    text = readme.read_text(encoding="utf-8")
    services[0].faults["/arxiv"] = [fault, fault]
    code, _out, err = await add("2501.00001", "--section", "scRNA-seq")
    assert code == 2
    assert message in err
    assert len(err.splitlines()) == 1
    assert readme.read_text(encoding="utf-8") == text


async def test_retry_after_within_bounds_is_waited_for(project, add, services) -> None:
    project()
    services[0].faults["/arxiv"] = [(429, {"Retry-After": "0"})]
    code, _, err = await add("2501.00001", "--section", "scRNA-seq", "--diff")
    assert code == 0, err
    assert "2 requests: 2 to arxiv" in err


def test_ambiguous_section_lists_the_headings(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    Path("README.md").write_text(
        "# L\n\n## A\n\n### Data\n\n1. [2024 Nature] **X** [[paper]](https://example.org/x)\n\n"
        "## B\n\n### Data\n\n1. [2024 Nature] **Y** [[paper]](https://example.org/y)\n",
        encoding="utf-8",
    )
    code = main(
        [
            "add",
            "--section",
            "data",
            "--title",
            "Z",
            "--year",
            "2024",
            "--venue",
            "Nature",
            "--url",
            "https://example.org/z",
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "section 'data' is ambiguous: 2 headings (line 5, line 11)" in err


async def test_file_may_follow_the_options(project, add, tmp_path) -> None:
    readme = project()
    other = tmp_path / "LIST.md"
    other.write_text(readme.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = await add("2501.00001", "--section", "scRNA-seq", "LIST.md", "--diff")
    assert (code, err.split(":")[0]) == (0, "LIST.md")
    code, _, err = await add("2501.00001", "LIST.md", "--section", "scRNA-seq", "--diff")
    assert (code, err.split(":")[0]) == (0, "LIST.md")
    code, _, err = await add(
        "--section",
        "Neurons",
        "--title",
        "T",
        "--year",
        "2020",
        "--venue",
        "eLife",
        "--url",
        "https://doi.org/10.7554/x",
        "LIST.md",
    )
    assert (code, err.split(":")[0]) == (0, "LIST.md")


async def test_what_check_says_of_the_new_line_is_shown(project, add) -> None:
    project()
    code, _, err = await add(
        "--section",
        "scRNA-seq",
        "--title",
        "A paper",
        "--year",
        "2025",
        "--venue",
        "Nature",
        "--url",
        "https://www.nature.com/articles/s41586-023-09999-9",
    )
    assert code == 0
    assert "note: SCF331" in err


async def test_year_override_when_the_record_has_none(project, add, services) -> None:
    from .services import work

    undated = work(
        "10.1109/icdcsw.2003.1203662", "A workshop paper", "ICDCS Workshops", "2003-5-19"
    )
    for key in ("published-online", "published-print", "published", "published-other"):
        undated.pop(key, None)
    undated["issued"] = {"date-parts": [[None]]}  # as Crossref serves it (crossref-2 sample)
    services[0].works[undated["DOI"]] = undated
    readme = project()
    text = readme.read_text(encoding="utf-8")
    code, _, err = await add("10.1109/icdcsw.2003.1203662", "--section", "scRNA-seq")
    assert code == 2
    assert "the record gives no year: pass --year" in err
    assert readme.read_text(encoding="utf-8") == text
    code, out, err = await add(
        "10.1109/icdcsw.2003.1203662", "--section", "scRNA-seq", "--year", "2003"
    )
    assert code == 0, err
    assert out.startswith("1. [2003 ICDCS Workshops] **A workshop paper**")
    assert "1 request" in err


async def test_url_option_alone_names_the_paper(project, add, services) -> None:
    project()
    code, out, err = await add(
        "--section", "scRNA-seq", "--url", "https://arxiv.org/abs/2501.00001"
    )
    assert code == 0, err
    assert "**Tabula: a tabular foundation model for single cells**" in out
    assert services[0].count("/arxiv") == 1


async def test_rate_limited_past_the_deadline_exits_2(project, add, services) -> None:
    readme = project(verify="  deadline: 1\n")
    text = readme.read_text(encoding="utf-8")
    services[0].faults["/arxiv"] = [(429, {"Retry-After": "3"})] * 4
    code, out, err = await add("2501.00001", "--section", "scRNA-seq")
    assert code == 2
    assert "arxiv did not answer before the deadline" in err
    assert (out, len(err.splitlines())) == ("", 1)
    assert readme.read_text(encoding="utf-8") == text
