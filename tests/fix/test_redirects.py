"""--unsafe-fixes replaces an entry URL the link checker's cache knows to be redirected."""

from __future__ import annotations

from pathlib import Path

import pytest

from fix.helpers import config_for, run_fix
from scfm_lint.cli import main
from scfm_lint.links.cache import Cache
from scfm_lint.links.findings import key_of
from scfm_lint.links.result import LinkResult

OLD = "https://example.org/old-place"
NEW = "https://example.org/new-place"
PROSE = f"See [the old page]({OLD}) too.\n"
TEXT = f"# P\n\n{PROSE}\n## M\n\n1. [2024 Nature] **T** [[paper]]({OLD})\n"


def _cache(path: Path, verdict: str = "redirected") -> None:
    cache = Cache(path, {"redirected": 3600.0, "ok": 3600.0})
    cache.put([LinkResult(key_of(OLD), verdict, 301, NEW, NEW if verdict != "ok" else None)])
    cache.close()


def _config(path: Path) -> dict[str, object]:
    return config_for({"config": {"links": {"cache": {"enabled": True, "path": str(path)}}}})


def test_a_cached_redirect_is_fixed_only_with_unsafe(tmp_path: Path) -> None:
    db = tmp_path / "links.sqlite3"
    _cache(db)
    assert run_fix(TEXT, _config(db)).text == TEXT
    result = run_fix(TEXT, _config(db), unsafe=True)
    assert result.text == TEXT.replace(f"[[paper]]({OLD})", f"[[paper]]({NEW})")
    assert PROSE in result.text  # prose keeps its bytes
    assert result.applied == {"SCF404": 1}


def test_no_cache_is_created_by_fixing(tmp_path: Path) -> None:
    db = tmp_path / "missing" / "links.sqlite3"
    assert run_fix(TEXT, _config(db), unsafe=True).text == TEXT
    assert not db.parent.exists()


@pytest.mark.parametrize("verdict", ["ok", "blocked"])
def test_other_verdicts_change_nothing(tmp_path: Path, verdict: str) -> None:
    db = tmp_path / "links.sqlite3"
    _cache(db, verdict)
    assert run_fix(TEXT, _config(db), unsafe=True).text == TEXT


def test_the_command_line_reads_the_default_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    _cache(tmp_path / "xdg" / "scfm-lint" / "links.sqlite3")
    readme = tmp_path / "README.md"
    readme.write_text(TEXT, encoding="utf-8")
    assert main(["check", "--fix", "--unsafe-fixes", str(readme)]) == 1
    assert f"[[paper]]({NEW})" in readme.read_text(encoding="utf-8")
