"""Preprints published since (SCF505): the finding, the audit's table and the rewrite.

The page host answers 200 for every path; the identifiers are read from ``/doi/<DOI>``
paths as from any publisher URL, and the services are the loopback fakes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import json
from pathlib import Path
from typing import Any

from aiohttp import web
import pytest

from scfm_lint.cli import main
from scfm_lint.document.parse import parse_document

from .fakes import GENEFORMER, SCGPT, Fake

NATURE_METHODS_2025 = "https://doi.org/10.1038/s41592-025-00001-x"
BIOINF = "https://doi.org/10.1093/bioinformatics/btaf001"

LIST = f"""\
# Papers

## Models

1. [2025 Nature] **A paper of 2025** [[paper]]({{page}}/code)
2. [2024 Nature Methods] **{SCGPT}** [[paper]]({{page}}/doi/10.1038/s41592-024-02201-0)
3. [2023 bioRxiv] **A preprint on Crossref** [[paper]]({{page}}/doi/10.1101/2023.07.13.548886)
4. [2023 Nature] **Geneformer: {GENEFORMER}** [[paper]]({{page}}/doi/10.1038/s41586-023-06139-9)

## Preprints

- [2024 arXiv] **A second arXiv paper** [[paper]]({{page}}/doi/10.48550/arXiv.2402.00002) · \
[[code]]({{page}}/code)
- [2023 arXiv] **Tabula: a cell foundation model** [[paper]]({{page}}/doi/10.48550/arXiv.2306.04371)
"""


@pytest.fixture
async def page(aiohttp_server: Any) -> str:
    async def ok(request: web.Request) -> web.Response:
        return web.Response(text="page")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", ok)
    server = await aiohttp_server(app, host="127.0.0.1")
    return str(server.make_url("")).rstrip("/")


@pytest.fixture
def project(
    tmp_path: Path, fake: tuple[Fake, str], page: str, monkeypatch: pytest.MonkeyPatch
) -> Callable[[str], Path]:
    monkeypatch.chdir(tmp_path)
    _, base = fake
    services = {
        "crossref": "cr",
        "arxiv": "arxiv",
        "biorxiv": "rxiv",
        "openreview": "or",
        "openreview-v1": "or1",
        "pubmed": "eutils",
    }
    config = "verify:\n" + "".join(f"  {k}: {base}/{v}\n" for k, v in services.items())
    config += "  retries: 0\n  delay: {crossref: 0, arxiv: 0, biorxiv: 0, pubmed: 0}\n"
    # Every loopback link is http: pin https so SCF252 judges them as on a real list.
    config += "conventions: {scheme: https}\n"
    (tmp_path / ".scfm-lint.yaml").write_text(config, encoding="utf-8")

    def write(text: str = LIST) -> Path:
        readme = Path("README.md")
        readme.write_text(text.replace("{page}", page), encoding="utf-8")
        return readme

    return write


async def links(capsys: pytest.CaptureFixture[str], readme: Path, *argv: str) -> tuple[int, str]:
    words = ["links", str(readme), "--allow-private", "--no-cache", "--verify", *argv]
    code = await asyncio.to_thread(main, words)
    return code, capsys.readouterr().out


def _check_codes(readme: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    main(["check", str(readme), "--format", "json"])
    return sorted(f["code"] for f in json.loads(capsys.readouterr().out)["findings"])


def _entries(text: str) -> list[str]:
    return [e.title for e in parse_document(text, "README.md").entries]


async def test_finding_names_the_new_tag_and_url(project, capsys) -> None:
    readme = project()
    code, out = await links(capsys, readme, "--format", "json")
    since = [f for f in json.loads(out)["findings"] if f["code"] == "SCF505"]
    assert [f["line"] for f in since] == [7, 12]
    news = [f"[2025 Nature Methods] {NATURE_METHODS_2025}", f"[2025 Bioinformatics] {BIOINF}"]
    for finding, new in zip(since, news, strict=True):
        assert finding["suggestion"] == new
        assert "write " + new.replace(" https", " and https") in finding["message"]
        assert finding["fixable"]
        assert finding["fix_safe"] is False
    assert code == 0  # SCF505 is informational


async def test_audit_has_a_published_since_table(project, capsys) -> None:
    _, out = await links(capsys, project(), "--format", "markdown")
    table = out.split("## Published since", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| README.md")]
    assert len(rows) == 2
    assert "| 7 | A preprint on Crossref |" in rows[0]
    assert f"| [2025 Nature Methods] | {NATURE_METHODS_2025} |" in rows[0]
    assert "| 12 | A second arXiv paper |" in rows[1]
    assert f"| [2025 Bioinformatics] | {BIOINF} |" in rows[1]


async def test_unsafe_fix_rewrites_and_moves_without_losing_an_entry(project, capsys) -> None:
    readme = project()
    before = readme.read_text(encoding="utf-8")
    checked = await asyncio.to_thread(_check_codes, readme, capsys)
    code, _ = await links(capsys, readme, "--fix", "--unsafe-fixes", "--quiet")
    after = readme.read_text(encoding="utf-8")
    assert code == 1  # a file was rewritten
    assert sorted(_entries(after)) == sorted(_entries(before))
    lines = after.splitlines()
    # The 2023 preprint is a 2025 paper now: it moves after the 2025 entry, and the
    # sequential numbers keep counting.
    assert lines[4].startswith("1. [2025 Nature] **A paper of 2025**")
    assert lines[5] == (
        f"2. [2025 Nature Methods] **A preprint on Crossref** [[paper]]({NATURE_METHODS_2025})"
    )
    assert lines[6].startswith(f"3. [2024 Nature Methods] **{SCGPT}**")
    assert lines[7].startswith("4. [2023 Nature] **Geneformer")
    # Alone in its year order: rewritten in place, its second link kept.
    assert lines[11].startswith(
        f"- [2025 Bioinformatics] **A second arXiv paper** [[paper]]({BIOINF}) · "
    )
    assert lines[11].endswith("/code)")
    assert lines[12].startswith("- [2023 arXiv] **Tabula")
    assert len(lines) == len(before.splitlines())
    # No new offline finding: the year order holds, and so does the numbering.
    fixed = await asyncio.to_thread(_check_codes, readme, capsys)
    checked.remove("SCF252")  # two http:// loopback links are https://doi.org/ ones now
    checked.remove("SCF252")
    assert fixed == checked
    assert "SCF311" not in checked


async def test_diff_shows_the_rewrite_and_writes_nothing(project, capsys) -> None:
    readme = project()
    before = readme.read_text(encoding="utf-8")
    _, out = await links(capsys, readme, "--diff", "--unsafe-fixes")
    assert readme.read_text(encoding="utf-8") == before
    assert "+2. [2025 Nature Methods] **A preprint on Crossref**" in out
    assert "-3. [2023 bioRxiv] **A preprint on Crossref**" in out


async def test_without_unsafe_fixes_nothing_is_rewritten(project, capsys) -> None:
    readme = project()
    before = readme.read_text(encoding="utf-8")
    await links(capsys, readme, "--fix", "--quiet")
    assert readme.read_text(encoding="utf-8") == before


async def test_a_silenced_finding_keeps_its_entry(project, capsys) -> None:
    text = LIST.replace(
        "3. [2023 bioRxiv]", "<!-- scfm-lint-disable-next-line SCF505 -->\n3. [2023 bioRxiv]"
    )
    readme = project(text)
    await links(capsys, readme, "--fix", "--unsafe-fixes", "--quiet")
    after = readme.read_text(encoding="utf-8")
    assert "3. [2023 bioRxiv] **A preprint on Crossref**" in after
    assert "- [2025 Bioinformatics] **A second arXiv paper**" in after
