"""``scfm-lint links --verify`` end to end: a page host and the metadata services on loopback.

Paper links sit on the loopback page host under ``/doi/<DOI>`` paths, from which the
identifier is read as from any publisher URL that embeds a DOI (an arXiv DOI names an
arXiv id). ``.scfm-lint.yaml`` in the test's folder points ``verify:`` at the fake services.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
import io
import json
from pathlib import Path
import subprocess
import sys
import time
from typing import Any

from aiohttp import web
import pytest

from scfm_lint.cli import build_parser, main
from scfm_lint.config.load import load_config
from scfm_lint.document.parse import parse_document
from scfm_lint.links import command

from .fakes import GENEFORMER, SCGPT, Fake

SCGPT_DOI = "/doi/10.1038/s41592-024-02201-0"  # exists; the publisher page blocks us (403)
GHOST = "/doi/10.48550/arXiv.2399.99999"  # an arXiv id that does not exist; page blocked
WRONG = "/doi/10.1038/s41586-023-06139-9"  # Geneformer's DOI, listed under another title
LATER = "/doi/10.1038/s41592-025-00001-x"  # a 2025 Nature Methods paper tagged 2024
PAGES = {SCGPT_DOI: 403, GHOST: 403, WRONG: 200, LATER: 200, "/code": 200}

ONE = f"""\
# Papers

## Models

1. [2024 Nature Methods] **{SCGPT}** [[paper]]({{page}}{SCGPT_DOI}) · [[code]]({{page}}/code)
"""

FULL = (
    ONE
    + f"""\
2. [2023 arXiv] **Ghost: a paper that never was** [[paper]]({{page}}{GHOST})
3. [2023 Nature] **scGPT: a foundation model by another name** [[paper]]({{page}}{WRONG})
4. [2024 Nature Methods] **A cell atlas foundation model** [[paper]]({{page}}{LATER})

## Prose

See the [portal]({{page}}/code).
"""
)


@pytest.fixture
async def pages(aiohttp_server: Any) -> tuple[str, dict[str, Any]]:
    """The page host: each path answers its status in :data:`PAGES` (404 otherwise)."""
    state: dict[str, Any] = {"seen": [], "gate": None}

    async def handle(request: web.Request) -> web.Response:
        state["seen"].append(request.path)
        if state["gate"] is not None and request.path == "/gated":
            return web.Response(status=200 if await state["gate"]() else 404)
        return web.Response(status=PAGES.get(request.path, 404), text="page")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    server = await aiohttp_server(app, host="127.0.0.1")
    return str(server.make_url("")).rstrip("/"), state


@pytest.fixture
def project(
    tmp_path: Path, fake: tuple[Fake, str], pages: tuple[str, Any], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Path]:
    """Write ``.scfm-lint.yaml`` (services on the fake) and a list; returns the list's path
    (relative: the test runs in its folder)."""
    monkeypatch.chdir(tmp_path)
    _, base = fake
    page, _ = pages
    config = f"""\
verify:
  crossref: {base}/cr
  arxiv: {base}/arxiv
  biorxiv: {base}/rxiv
  openreview: {base}/or
  openreview-v1: {base}/or1
  pubmed: {base}/eutils
  retries: 1
  backoff: 0.01
  backoff-max: 0.05
  timeout: 5
  delay: {{crossref: 0, arxiv: 0, biorxiv: 0, openreview: 0, pubmed: 0}}
"""

    def write(text: str = FULL, extra: str = "") -> Path:
        (tmp_path / ".scfm-lint.yaml").write_text(config + extra, encoding="utf-8")
        readme = Path("README.md")
        readme.write_text(text.format(page=page), encoding="utf-8")
        return readme

    return write


async def cli(capsys: pytest.CaptureFixture[str], readme: Path, *argv: str) -> tuple[int, str]:
    """Run ``scfm-lint links`` on ``readme`` (off the test's loop: it calls asyncio.run)."""
    words = ["links", str(readme), "--allow-private", "--timeout", "3", "--retries", "0", *argv]
    code = await asyncio.to_thread(main, words)
    return code, capsys.readouterr().out


def by_line(data: dict[str, Any]) -> dict[tuple[int, str], dict[str, Any]]:
    return {(row["line"], row["url"].rsplit("/", 1)[-1]): row for row in data["links"]}


async def test_blocked_page_whose_doi_exists_is_ok(project, capsys) -> None:
    readme = project(ONE)
    code, out = await cli(capsys, readme, "--no-cache", "--format", "json")
    plain = json.loads(out)
    assert [f["code"] for f in plain["findings"]] == ["SCF403"]  # without --verify
    code, out = await cli(capsys, readme, "--no-cache", "--format", "json", "--verify")
    data = json.loads(out)
    assert code == 0
    assert data["findings"] == []
    paper = by_line(data)[5, "s41592-024-02201-0"]
    assert (paper["verdict"], paper["page_verdict"], paper["status"]) == ("ok", "blocked", 403)
    assert paper["verify"]["verify"] == "exists"
    assert paper["verify"]["identifier"] == "doi:10.1038/s41592-024-02201-0"
    assert data["summary"]["verdicts"]["blocked"] == 0
    assert data["summary"]["verify"]["settled"] == 1


async def test_missing_arxiv_id_is_dead_and_fails_the_run(project, capsys, fake) -> None:
    readme = project()
    code, _ = await cli(capsys, readme, "--no-cache")
    assert code == 0  # the page check alone says only "blocked"
    code, out = await cli(capsys, readme, "--no-cache", "--format", "json", "--verify")
    data = json.loads(out)
    assert code == 1
    ghost = by_line(data)[6, "arXiv.2399.99999"]
    assert (ghost["verdict"], ghost["page_verdict"]) == ("dead", "blocked")
    assert ghost["verify"]["verify"] == "not-found"
    assert ghost["verify"]["identifier"] == "arxiv:2399.99999"
    found = {(f["line"], f["code"]): f for f in data["findings"]}
    assert found[6, "SCF401"]["severity"] == "error"
    assert "arxiv:2399.99999 does not exist" in found[6, "SCF401"]["message"]
    assert "the page was blocked" in found[6, "SCF401"]["message"]
    assert found[6, "SCF501"]["severity"] == "error"
    assert (6, "SCF403") not in found
    state, _ = fake
    assert state.count("/arxiv/query") == 1


async def test_title_and_year_mismatches_in_the_text_report(project, capsys) -> None:
    code, out = await cli(capsys, project(), "--no-cache", "--verify")
    lines = out.splitlines()
    title = next(line for line in lines if "SCF502" in line)
    assert title.startswith("README.md:7:")
    assert f"“{GENEFORMER}”" in title
    assert "“scGPT: a foundation model by another name”" in title
    year = next(line for line in lines if "SCF503" in line)
    assert year.startswith("README.md:8:")
    assert "the tag says 2024" in year
    assert "2025" in year
    assert not any("SCF403" in line for line in lines)
    assert lines[-1].startswith(
        "Verified 4 paper links by identifier: 1 exists, 1 not-found, 1 title-mismatch,"
        " 1 year-mismatch (2 page verdicts settled; 4 identifiers,"
    )
    assert lines[-2].startswith("Checked 6 links in 1 file: 5 ok, 1 dead")
    assert code == 1


async def test_json_carries_both_verdicts_on_every_link(project, capsys) -> None:
    _, out = await cli(capsys, project(), "--no-cache", "--format", "json", "--verify")
    data = json.loads(out)
    assert len(data["links"]) == 6
    for row in data["links"]:
        assert {"verdict", "page_verdict", "verify"} <= set(row)
    rows = by_line(data)
    assert rows[12, "code"]["verify"] is None  # prose: no entry, no paper
    code_link = rows[5, "code"]["verify"]
    assert (code_link["verify"], code_link["identifier"]) == ("unknown", None)
    wrong = rows[7, "s41586-023-06139-9"]
    assert (wrong["verdict"], wrong["page_verdict"]) == ("ok", "ok")
    assert wrong["verify"]["verify"] == "title-mismatch"
    assert wrong["verify"]["found_title"] == GENEFORMER
    later = rows[8, "s41592-025-00001-x"]["verify"]
    assert (later["verify"], later["suggestion"]) == ("year-mismatch", "[2025 Nature Methods]")
    assert later["found_years"] == [2025]
    summary = data["summary"]["verify"]
    assert summary["verdicts"]["exists"] == 1
    assert summary["links"] == 4
    assert summary["identifiers"] == 4
    assert summary["requests"]["crossref"] >= 1
    assert summary["requests"]["arxiv"] == 1
    codes = sorted((f["line"], f["code"]) for f in data["findings"])
    assert codes == [(6, "SCF401"), (6, "SCF501"), (7, "SCF502"), (8, "SCF503")]


async def test_markdown_shows_page_and_paper_verdicts(project, capsys) -> None:
    _, out = await cli(capsys, project(), "--no-cache", "--format", "markdown", "--verify")
    lines = out.splitlines()
    assert "| line | entry | verdict | page | paper | status | why |" in out
    assert "| not-found | 1 |" in out  # the paper-verdict counts
    ghost = next(line for line in lines if GHOST in line)
    assert "| dead | blocked | not-found (arxiv:2399.99999) | 403 |" in ghost
    assert "arXiv has no record of it" in ghost
    wrong = next(line for line in lines if WRONG in line)
    assert "| ok | ok | title-mismatch (doi:10.1038/s41586-023-06139-9) |" in wrong
    assert GENEFORMER in wrong
    assert "scGPT: a foundation model by another name" in wrong
    later = next(line for line in lines if LATER in line)
    assert "year-mismatch" in later
    assert "the tag says 2024" in later
    assert later.rstrip().endswith("| write [2025 Nature Methods] |")
    assert not any(SCGPT_DOI in line for line in lines)  # blocked but verified: no problem


async def test_pages_and_papers_are_checked_at_once(project, capsys, fake, pages) -> None:
    state, _ = fake
    _, page_state = pages
    met = {"page": False, "crossref": False}
    page_asked, crossref_asked = asyncio.Event(), asyncio.Event()

    async def within(event: asyncio.Event) -> bool:
        try:
            await asyncio.wait_for(event.wait(), 2.0)
        except TimeoutError:
            return False
        return True

    async def page_waits_for_crossref() -> bool:
        page_asked.set()
        met["page"] = await within(crossref_asked)
        return met["page"]

    async def crossref_waits_for_page(request: web.Request) -> None:
        if request.path.startswith("/cr/works"):
            crossref_asked.set()
            met["crossref"] = await within(page_asked)

    page_state["gate"] = page_waits_for_crossref
    state.before = crossref_waits_for_page
    text = ONE.replace("/code)", "/gated)")
    code, out = await cli(capsys, project(text), "--no-cache", "--format", "json", "--verify")
    assert met == {"page": True, "crossref": True}
    assert code == 0
    assert by_line(json.loads(out))[5, "gated"]["verdict"] == "ok"


async def test_select_ignore_severity_pragmas_and_fail_on(project, capsys) -> None:
    pragma = FULL.replace("## Models\n", "## Models\n<!-- scfm-lint-disable SCF503 -->\n")
    readme = project(pragma, "severity:\n  SCF501: warning\n")
    argv = ("--no-cache", "--format", "json", "--verify", "--fail-verdicts", "invalid")
    code, out = await cli(capsys, readme, *argv, "--ignore", "SCF502")
    found = {f["code"]: f["severity"] for f in json.loads(out)["findings"]}
    assert found == {"SCF401": "warning", "SCF501": "warning"}
    assert code == 0
    code, _ = await cli(capsys, readme, *argv, "--fail-on", "warning")
    assert code == 1
    code, out = await cli(capsys, readme, *argv, "--select", "SCF5")
    assert {f["code"] for f in json.loads(out)["findings"]} == {"SCF501", "SCF502"}


async def test_metadata_cache_is_reused_and_no_cache_skips_it(
    project, capsys, fake, tmp_path
) -> None:
    state, _ = fake
    readme = project()
    meta = tmp_path / "meta.sqlite3"
    argv = ("--format", "json", "--verify", "--verify-cache-path", str(meta))
    _, out = await cli(capsys, readme, *argv)
    assert json.loads(out)["summary"]["verify"]["cached"] == 0
    asked = state.count("/cr/works")
    assert meta.is_file()
    _, out = await cli(capsys, readme, *argv)
    summary = json.loads(out)["summary"]["verify"]
    assert summary["cached"] == 3  # the papers found; "no such paper" is asked again
    assert state.count("/cr/works") == asked
    assert summary["requests"].get("crossref", 0) == 0
    _, out = await cli(capsys, readme, *argv, "--no-cache")
    assert json.loads(out)["summary"]["verify"]["cached"] == 0
    assert state.count("/cr/works") > asked
    _, out = await cli(capsys, readme, *argv, "--max-age", "0")  # bounds the metadata TTL too
    assert json.loads(out)["summary"]["verify"]["cached"] == 0
    await cli(capsys, readme, "--verify")  # default place: under XDG_CACHE_HOME
    assert (tmp_path / "cache" / "scfm-lint" / "verify.sqlite3").is_file()


async def test_changed_since_verifies_only_the_new_links(project, capsys, fake, tmp_path) -> None:
    state, _ = fake
    readme = project(ONE)
    commit(tmp_path)
    page = pages_base(readme)
    later = f"2. [2024 Nature Methods] **A cell atlas foundation model** [[x]]({page}{LATER})\n"
    readme.write_text(readme.read_text(encoding="utf-8") + later, encoding="utf-8")
    argv = ("--no-cache", "--format", "json", "--verify", "--changed-since", "HEAD")
    _, out = await cli(capsys, readme, *argv)
    data = json.loads(out)
    assert [(row["line"], row["verify"]["verify"]) for row in data["links"]] == [
        (6, "year-mismatch")
    ]
    assert data["summary"]["verify"]["identifiers"] == 1
    asked = [r.query.get("filter", "") for r in state.log if r.path == "/cr/works"]
    assert asked == ["doi:10.1038/s41592-025-00001-x"]


def commit(folder: Path) -> None:
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", "-C", str(folder)]
    for words in (["init", "-q"], ["add", "README.md"], ["commit", "-q", "-m", "list"]):
        subprocess.run([*git, *words], check=True, capture_output=True)


def pages_base(readme: Path) -> str:
    text = readme.read_text(encoding="utf-8")
    return text[text.index("(http") + 1 : text.index(SCGPT_DOI)]


async def test_deadline_bounds_verification(project, capsys, fake) -> None:
    state, _ = fake
    state.hang["/cr/works"] = 10
    started = time.monotonic()
    code, out = await cli(
        capsys, project(ONE), "--no-cache", "--format", "json", "--verify", "--deadline", "1"
    )
    assert time.monotonic() - started < 5
    data = json.loads(out)
    paper = by_line(data)[5, "s41592-024-02201-0"]
    assert (paper["verdict"], paper["verify"]["verify"]) == ("blocked", "unknown")
    # SCF506 (info) for the link whose identifier went unanswered; none for the code link.
    assert sorted((f["line"], f["code"]) for f in data["findings"]) == [
        (5, "SCF403"),
        (5, "SCF506"),
    ]
    assert code == 0


async def test_bad_verify_config_stops_before_any_request(project, capsys, pages) -> None:
    _, page_state = pages
    readme = project(ONE)
    config = readme.parent / ".scfm-lint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "  title-threshold: 3\n")
    code = await asyncio.to_thread(main, ["links", str(readme), "--verify", "--allow-private"])
    assert code == 2
    assert "verify.title-threshold" in capsys.readouterr().err
    assert page_state["seen"] == []


async def test_verify_enabled_in_config_turns_it_on(project, capsys, pages) -> None:
    readme = project(ONE)
    args = build_parser(["links"]).parse_args(
        ["links", "--allow-private", "--no-cache", "--format", "json"]
    )
    doc = parse_document(readme.read_text(encoding="utf-8"), str(readme))
    loaded = load_config(readme)
    config = replace(loaded, verify=replace(loaded.verify, enabled=True))
    out = io.StringIO()
    code = await asyncio.to_thread(command.run, args, [doc], config, out=out)
    assert code == 0
    paper = by_line(json.loads(out.getvalue()))[5, "s41592-024-02201-0"]
    assert paper["verify"]["verify"] == "exists"


def test_check_and_the_report_modules_never_import_aiohttp(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(ONE.format(page="https://example.org"), encoding="utf-8")
    script = (
        "import sys\n"
        "from scfm_lint.cli import main\n"
        "import scfm_lint.links.findings, scfm_lint.links.report\n"
        f"main(['check', {str(readme)!r}])\n"
        "assert 'aiohttp' not in sys.modules, 'aiohttp imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
