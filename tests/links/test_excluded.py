"""``excluded`` (SCF406): links scfm-lint itself declined to check; never cached, always said.

Was: the address guard's refusal was the host's verdict ``blocked``, cached for a day, so
the rerun its own message advised (``--allow-private``) replayed the refusal.
"""

from __future__ import annotations

import asyncio
import io
import json

import pytest

from scfm_lint.checks.registry import load_all
from scfm_lint.cli import build_parser, main
from scfm_lint.config.load import load_config
from scfm_lint.document.parse import parse_document
from scfm_lint.errors import ConfigError
from scfm_lint.links import command
from scfm_lint.links.cache import Cache
from scfm_lint.links.findings import rows
from scfm_lint.links.report import LinkStats
from scfm_lint.links.result import LinkResult

LIST = "# Papers\n\n## Models\n1. [2024 Nature] **A: a paper** [[paper]]({url})\n"


def _run(tmp_path, url, *argv, config=None):
    doc = parse_document(LIST.format(url=url), "README.md")
    args = build_parser(["links"]).parse_args(["links", "--timeout", "2", "--no-progress", *argv])
    cfg = load_config(tmp_path / "README.md") if config is None else config
    out = io.StringIO()
    code = command.run(args, [doc], cfg, out=out)
    return code, out.getvalue()


async def run(*a, **kw):
    # command.run calls asyncio.run(); keep it off the test's own event loop.
    return await asyncio.to_thread(_run, *a, **kw)


async def test_a_private_target_is_excluded_scf406_and_says_so(served, tmp_path):
    base, rec = served
    code, out = await run(tmp_path, base + "/ok", "--no-cache")
    assert code == 0  # a warning: only dead and invalid fail by default
    assert "SCF406 link excluded, not checked" in out
    assert "--allow-private" in out
    assert "Nothing was checked: every link was excluded (1 on private" in out
    assert rec.count("/ok") == 0


async def test_an_excluded_link_is_not_cached_so_allow_private_checks_it(served, tmp_path):
    """Was: the refusal was cached as ``blocked`` and replayed by the advised rerun."""
    base, rec = served
    cache = str(tmp_path / "links.sqlite3")
    _, first = await run(tmp_path, base + "/ok", "--cache-path", cache, "--format", "json")
    code, out = await run(
        tmp_path, base + "/ok", "--cache-path", cache, "--allow-private", "--format", "json"
    )
    data = json.loads(out)
    assert rec.count("/ok") == 1
    assert data["links"][0]["verdict"] == "ok"
    assert data["links"][0]["cached"] is False
    assert code == 0
    assert json.loads(first)["links"][0]["verdict"] == "excluded"


def test_the_cache_never_stores_excluded_and_evicts_an_older_verdict(tmp_path):
    cache = Cache(tmp_path / "c.sqlite3", {"ok": 3600.0, "excluded": 3600.0})
    cache.put([LinkResult("http://10.0.0.1/", "ok")], now=1000.0)
    cache.put([LinkResult("http://10.0.0.1/", "excluded", message="refused")], now=1001.0)
    assert cache.get(["http://10.0.0.1/"], now=1002.0) == {}
    cache.close()


def test_a_ttl_for_excluded_is_a_config_error(tmp_path):
    (tmp_path / ".scfm-lint.yaml").write_text("links: {cache: {ttl: {excluded: 60}}}\n")
    with pytest.raises(ConfigError, match="never cached"):
        load_config(tmp_path / "README.md")


async def test_fail_verdicts_may_name_excluded(served, tmp_path):
    base, _ = served
    code, _ = await run(tmp_path, base + "/ok", "--no-cache", "--fail-verdicts", "excluded")
    assert code == 1


async def test_the_audit_advises_on_excluded(served, tmp_path):
    base, _ = served
    _, out = await run(tmp_path, base + "/ok", "--no-cache", "--format", "markdown")
    assert "| excluded | 1 |" in out
    assert "- **excluded**: scfm-lint declined to check this link" in out
    assert "Nothing was checked" in out


async def test_all_links_skipped_by_patterns_says_nothing_was_checked(served, tmp_path):
    base, rec = served
    (tmp_path / ".scfm-lint.yaml").write_text("links: {exclude: ['/ok$']}\n")
    cfg = load_config(tmp_path / "README.md")
    code, out = await run(tmp_path, base + "/ok", "--no-cache", "--allow-private", config=cfg)
    assert "1 skipped by exclude patterns" in out
    assert "Nothing was checked: every link was excluded (1 matched exclude patterns)." in out
    assert rec.count("/ok") == 0
    assert code == 0


def _stats(verdicts):
    text = "# T\n\n" + "".join(f"- [x](https://a.org/{i})\n" for i in range(len(verdicts)))
    doc = parse_document(text, "R.md")
    results = {
        f"https://a.org/{i}": LinkResult(f"https://a.org/{i}", v) for i, v in enumerate(verdicts)
    }
    return LinkStats(list(rows(doc, results)), 1, 0, 0.0)


@pytest.mark.parametrize(
    ("verdicts", "said"),
    [
        pytest.param(["excluded", "excluded"], True, id="all-excluded"),
        pytest.param(["excluded", "ok"], False, id="one-checked"),
        pytest.param(["excluded", "dead"], False, id="one-dead"),
        pytest.param([], False, id="no-links"),
    ],
)
def test_nothing_checked_only_when_every_link_was_excluded(verdicts, said):
    stats = _stats(verdicts)
    assert bool(stats.nothing_checked()) is said
    assert any("Nothing was checked" in line for line in stats.lines()) is said


def test_scf406_is_registered_and_explained(capsys):
    rule = load_all()["SCF406"]
    assert (rule.name, rule.severity.label, rule.network) == ("excluded-link", "warning", True)
    assert main(["rule", "SCF406"]) == 0
    text = capsys.readouterr().out
    assert "--allow-private" in text
    assert "never cached" in text
