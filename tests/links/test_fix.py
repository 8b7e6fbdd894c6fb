"""``links --fix --unsafe-fixes`` writes the URL a permanent redirect leads to (entry links
only); ``check --fix`` never opens the link cache."""

from __future__ import annotations

from pathlib import Path
import subprocess
import sys

import pytest

from scfm_lint.cli import main
from scfm_lint.links.cache import Cache
from scfm_lint.links.findings import key_of
from scfm_lint.links.result import LinkResult

OLD = "https://example.org/old-place"
NEW = "https://example.org/new-place"
PROSE = f"See [the old page]({OLD}) too.\n"
TEXT = f"# P\n\n{PROSE}\n## M\n\n1. [2024 Nature] **T** [[paper]]({OLD})\n"
FIXED = TEXT.replace(f"[[paper]]({OLD})", f"[[paper]]({NEW})")


def _cache(path: Path, verdict: str = "redirected") -> None:
    # Served from the cache, the run sends no request: the test needs no network.
    cache = Cache(path, {"redirected": 3600.0, "ok": 3600.0, "blocked": 3600.0})
    suggestion = NEW if verdict == "redirected" else None
    cache.put([LinkResult(key_of(OLD), verdict, 301, NEW, suggestion)])
    cache.close()


def _links(tmp_path: Path, *options: str) -> tuple[int, Path]:
    readme = tmp_path / "README.md"
    if not readme.exists():
        readme.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "links.sqlite3"
    argv = ["links", "--no-progress", "--cache-path", str(db), *options, str(readme)]
    return main(argv), readme


def test_a_redirect_is_fixed_only_with_unsafe_fixes(tmp_path: Path) -> None:
    _cache(tmp_path / "links.sqlite3")
    code, readme = _links(tmp_path, "--fix")
    assert readme.read_text(encoding="utf-8") == TEXT
    assert code == 0  # a redirect is a warning; nothing was rewritten
    code, readme = _links(tmp_path, "--fix", "--unsafe-fixes")
    assert readme.read_text(encoding="utf-8") == FIXED  # prose keeps its bytes
    assert code == 1  # a rewritten file fails the hook, so the change gets staged


def test_diff_prints_the_fix_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _cache(tmp_path / "links.sqlite3")
    _links(tmp_path, "--diff", "--unsafe-fixes")
    out, err = capsys.readouterr()
    assert f"-1. [2024 Nature] **T** [[paper]]({OLD})" in out
    assert f"+1. [2024 Nature] **T** [[paper]]({NEW})" in out
    assert "Checked 2 links" in err  # the report goes to stderr beside a diff
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == TEXT


@pytest.mark.parametrize("verdict", ["ok", "blocked"])
def test_other_verdicts_change_nothing(tmp_path: Path, verdict: str) -> None:
    _cache(tmp_path / "links.sqlite3", verdict)
    _, readme = _links(tmp_path, "--fix", "--unsafe-fixes")
    assert readme.read_text(encoding="utf-8") == TEXT


def test_check_fix_never_opens_the_link_cache(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    (xdg / "scfm-lint").mkdir(parents=True)
    _cache(xdg / "scfm-lint" / "links.sqlite3")
    readme = tmp_path / "README.md"
    readme.write_text(TEXT, encoding="utf-8")
    script = (
        "import sys\n"
        "from scfm_lint.cli import main\n"
        f"main(['check', '--fix', '--unsafe-fixes', {str(readme)!r}])\n"
        "assert 'scfm_lint.links.cache' not in sys.modules, 'the link cache was opened'\n"
        "assert 'sqlite3' not in sys.modules, 'sqlite3 was imported'\n"
    )
    env = {"XDG_CACHE_HOME": str(xdg), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, env=env
    )
    assert done.returncode == 0, done.stderr
    assert f"[[paper]]({OLD})" in readme.read_text(encoding="utf-8")
