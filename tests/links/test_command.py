"""``scfm-lint links`` end to end: parse a list, check it on loopback, report, exit code."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
from pathlib import Path

import pytest

from scfm_lint.cli import build_parser
from scfm_lint.config.load import load_config
from scfm_lint.document.parse import parse_document
from scfm_lint.links import command

LIST = """\
# Papers

## Catalog
- [Models](#models)

## Models
1. [2024 Nature Methods] **scGPT: toward a foundation model** [[paper]]({base}/ok/scgpt)
2. [2023 Nature] **Geneformer: transfer learning** [[paper]]({base}/404) · [[code]]({base}/chain)
3. [2024 bioRxiv] **Broken: a typo** [[paper]](htps://example.org/x)

## Prose
See <a href="{base}/ok/html">the portal</a> and {base}/403 and [again]({base}/ok/scgpt).
Relative [figure](figs/tree.png) and [anchor](#models) are not web links.
"""


def parse_args(*argv: str) -> argparse.Namespace:
    """The options as ``scfm-lint links`` parses them."""
    return build_parser(["links"]).parse_args(["links", *argv])


def run(base, tmp_path, *argv, config=None):
    doc = parse_document(LIST.format(base=base), "README.md")
    args = parse_args("--allow-private", "--timeout", "2", *argv)
    out = io.StringIO()
    cfg = load_config(tmp_path / "README.md") if config is None else config
    code = command.run(args, [doc], cfg, out=out)
    return code, out.getvalue()


async def run_async(*a, **kw):
    # run() calls asyncio.run(); keep it off the test's own event loop.
    return await asyncio.to_thread(run, *a, **kw)


async def test_json_lists_every_link_and_the_findings(served, tmp_path):
    base, rec = served
    code, out = await run_async(base, tmp_path, "--no-cache", "--format", "json")
    data = json.loads(out)
    by_url = {(link["url"], link["line"]): link for link in data["links"]}
    assert code == 1  # a dead link and an invalid URL
    assert len(data["links"]) == 7
    scgpt = by_url[f"{base}/ok/scgpt", 7]
    assert scgpt["verdict"] == "ok"
    assert scgpt["status"] == 200
    assert scgpt["entry_title"] == "scGPT: toward a foundation model"
    assert scgpt["section"] == "Models"
    assert by_url[f"{base}/404", 8]["verdict"] == "dead"
    chain = by_url[f"{base}/chain", 8]
    assert chain["verdict"] == "redirected"
    assert chain["suggestion"] == f"{base}/chain3"
    assert chain["final_url"] == f"{base}/ok-final"
    assert by_url["htps://example.org/x", 9]["verdict"] == "invalid"
    assert by_url[f"{base}/ok/html", 12]["kind"] == "html"
    assert by_url[f"{base}/403", 12]["verdict"] == "blocked"
    assert rec.count("/ok/scgpt") == 1  # written twice, requested once
    codes = sorted(f["code"] for f in data["findings"])
    assert codes == ["SCF401", "SCF402", "SCF403", "SCF404"]
    assert data["summary"]["verdicts"]["ok"] == 3


async def test_text_report_one_line_per_problem_sorted_then_summary(served, tmp_path):
    base, _ = served
    code, out = await run_async(base, tmp_path, "--no-cache")
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("README.md:8:")
    assert "SCF401 dead link" in lines[0]
    assert any(line.startswith("README.md:9:") and "SCF402" in line for line in lines)
    assert lines[-1].startswith("Checked 7 links in 1 file: 3 ok, 1 redirected, 1 dead")


async def test_markdown_report_groups_problems_by_section(served, tmp_path):
    base, _ = served
    _, out = await run_async(base, tmp_path, "--no-cache", "--format", "markdown")
    models = out.index("## Models")
    prose = out.index("## Prose")
    assert models < prose
    dead_row = next(line for line in out.splitlines() if f"{base}/404" in line)
    assert "Geneformer: transfer learning" in dead_row
    assert "| dead | 404 |" in dead_row
    moved = next(line for line in out.splitlines() if f"{base}/chain " in line)
    assert f"{base}/chain3" in moved
    assert "| dead | 1 |" in out


async def test_exit_zero_when_only_warnings(served, tmp_path):
    base, _ = served
    doc_text = f"# T\n\n## Models\n1. [2024 X] **A: b** [[paper]]({base}/403)\n"
    doc = parse_document(doc_text, "R.md")
    args = parse_args("--allow-private", "--no-cache")
    cfg = load_config(tmp_path / "R.md")
    code = await asyncio.to_thread(command.run, args, [doc], cfg, out=io.StringIO())
    assert code == 0
    args = parse_args("--allow-private", "--no-cache", "--fail-verdicts", "blocked")
    code = await asyncio.to_thread(command.run, args, [doc], cfg, out=io.StringIO())
    assert code == 1


async def test_pragmas_silence_link_findings(served, tmp_path):
    base, _ = served
    doc_text = (
        f"# T\n\n## Models\n<!-- scfm-lint-disable-next-line SCF401 -->\n"
        f"1. [2024 X] **A: b** [[paper]]({base}/404)\n"
    )
    doc = parse_document(doc_text, "R.md")
    args = parse_args("--allow-private", "--no-cache", "--format", "json")
    out = io.StringIO()
    code = await asyncio.to_thread(
        command.run, args, [doc], load_config(tmp_path / "R.md"), out=out
    )
    data = json.loads(out.getvalue())
    assert code == 0
    assert data["findings"] == []
    assert data["links"][0]["verdict"] == "dead"


async def test_warm_cache_rerun_sends_no_request_for_cached_urls(served, tmp_path):
    base, rec = served
    cache = str(tmp_path / "links.sqlite3")
    await run_async(base, tmp_path, "--cache-path", cache)
    first = sum(rec.hits.values())
    code, out = await run_async(base, tmp_path, "--cache-path", cache, "--format", "json")
    data = json.loads(out)
    again = sum(rec.hits.values()) - first
    assert code == 1
    # Only the dead link is asked again: failures are never cached.
    assert again == 2  # HEAD 404, then GET to confirm
    assert rec.count("/404") == 4
    assert data["summary"]["requests"] == 2
    cached = {link["url"] for link in data["links"] if link["cached"]}
    assert f"{base}/ok/scgpt" in cached
    assert f"{base}/404" not in cached


async def test_excluded_urls_are_not_checked(served, tmp_path):
    base, rec = served
    (tmp_path / ".scfm-lint.yaml").write_text("links: {exclude: ['/404$']}\n")
    cfg = load_config(tmp_path / "README.md")
    code, out = await run_async(base, tmp_path, "--no-cache", config=cfg)
    assert rec.count("/404") == 0
    assert "1 skipped by exclude patterns" in out.splitlines()[-1]
    assert code == 1  # the invalid URL still fails


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--max-age", "soon"], "--max-age"),
        (["--per-host", "0"], "--per-host"),
        (["--timeout", "0"], "--timeout"),
        (["--fail-verdicts", "dead,gone"], "--fail-verdicts"),
    ],
)
def test_bad_options_are_usage_errors(tmp_path, argv, message):
    from scfm_lint.errors import UsageError

    doc = parse_document("# T\n", "R.md")
    args = parse_args(*argv)
    with pytest.raises(UsageError, match=message):
        command.run(args, [doc], load_config(tmp_path / "R.md"), out=io.StringIO())


SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
"""The OASIS SARIF 2.1.0 schema (rtm.5), as shipped in the npm package @microsoft/jest-sarif."""


async def test_links_sarif_validates_against_the_sarif_schema(served, tmp_path):
    import jsonschema

    base, _ = served
    code, out = await run_async(base, tmp_path, "--no-cache", "--format", "sarif")
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    results = log["runs"][0]["results"]
    assert sorted(r["ruleId"] for r in results) == ["SCF401", "SCF402", "SCF403", "SCF404"]
    assert code == 1


def test_the_schema_catches_a_broken_log():
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.1.0", "runs": [{"results": []}]}, schema)


async def test_links_github_format_annotates_and_summarizes(served, tmp_path, monkeypatch):
    base, _ = served
    summary, outputs = tmp_path / "summary.md", tmp_path / "outputs.txt"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    code, out = await run_async(base, tmp_path, "--no-cache", "--format", "github")
    lines = out.splitlines()
    assert lines[0].startswith("::error file=README.md,line=8,col=")
    assert "title=SCF401 dead-link::dead link" in lines[0]
    assert any(line.startswith("::warning ") and "SCF404" in line for line in lines)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## scfm-lint links\n\nChecked 7 links in 1 file: 3 ok")
    assert "errors=2\n" in outputs.read_text(encoding="utf-8")
    assert code == 1


async def test_links_select_and_ignore_take_rule_names(served, tmp_path):
    base, _ = served
    cfg = load_config(tmp_path / "README.md", overrides={"ignore": ["dead-link", "SCF402"]})
    code, out = await run_async(base, tmp_path, "--no-cache", "--format", "json", config=cfg)
    assert sorted(f["code"] for f in json.loads(out)["findings"]) == ["SCF403", "SCF404"]
    assert code == 0  # the dead link and the invalid URL were the failing findings
    cfg = load_config(tmp_path / "README.md", overrides={"select": ["redirected-link"]})
    _, out = await run_async(base, tmp_path, "--no-cache", "--format", "json", config=cfg)
    assert [f["code"] for f in json.loads(out)["findings"]] == ["SCF404"]


def test_check_sarif_validates_against_the_sarif_schema(tmp_path, capsys):
    import jsonschema

    from scfm_lint.cli import main

    readme = tmp_path / "README.md"
    readme.write_text("## Models\n1. [2024] **A** [[papr]](https://example.org/a)\n")
    assert main(["check", "--format", "sarif", str(readme)]) == 1
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"SCF101", "SCF105"}
