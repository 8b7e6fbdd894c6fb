"""Docs that are generated stay equal to their source: the rules reference, the README's
sample output and every install reference the README gives."""

from __future__ import annotations

import importlib.util
from pathlib import Path
import re
import shutil
import subprocess
import sys

import pytest

from scfm_lint.output import rulesdoc

ROOT = Path(__file__).resolve().parents[2]


def test_rules_reference_is_generated_from_the_registry() -> None:
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == rulesdoc.render(), "run: python -m scfm_lint.output.rulesdoc > docs/rules.md"


def test_rules_reference_module_prints_it() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scfm_lint.output.rulesdoc"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert done.stdout == rulesdoc.render()


def _sample_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "readme_sample", ROOT / "tools" / "readme_sample.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_sample_output_is_the_real_output() -> None:
    tool = _sample_tool()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    real = tool.real_output(ROOT)
    assert "Found " in real
    assert tool.current_block(readme) == tool.block(real), (
        "run: python tools/readme_sample.py --write"
    )


def test_readme_sample_write_mode_regenerates_the_block(tmp_path: Path) -> None:
    tool = _sample_tool()
    stale = tool.START + "\n```text\nFound 12 problems\n```\n" + tool.END
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{stale}\n\nafter\n", encoding="utf-8")
    assert tool.main(["--readme", str(readme), "--root", str(ROOT)]) == 1
    assert tool.main(["--readme", str(readme), "--root", str(ROOT), "--write"]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# x\n\n")
    assert text.endswith("\n\nafter\n")
    assert tool.main(["--readme", str(readme), "--root", str(ROOT)]) == 0


# ---- install references: every `rev:` and `OmicsML/scfm-lint@REF` must name real history.

_REF = re.compile(
    r"^\s*rev:\s*['\"]?(?P<rev>[^\s'\"#]+)|OmicsML/scfm-lint@(?P<at>[0-9A-Za-z._/-]+)",
    re.MULTILINE,
)


def _references() -> list[tuple[str, str]]:
    files = [ROOT / "README.md", *sorted((ROOT / "examples").rglob("*.yml"))]
    files += sorted((ROOT / "examples").rglob("*.md"))
    found = []
    for path in files:
        for m in _REF.finditer(path.read_text(encoding="utf-8")):
            found.append((path.relative_to(ROOT).as_posix(), m["rev"] or m["at"]))
    return found


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_install_references_resolve_in_the_history() -> None:
    refs = _references()
    assert {path for path, _ in refs} >= {"README.md", "examples/workflows/paper-list.yml"}
    if shutil.which("git") is None or _git("rev-parse", "--git-dir").returncode != 0:
        pytest.skip("not a git checkout")
    shallow = _git("rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    for path, ref in refs:
        known = _git("cat-file", "-e", f"{ref}^{{commit}}").returncode == 0
        if not known and shallow:
            pytest.skip(f"shallow clone: {ref} may lie beyond its depth")
        assert known, f"{path}: {ref} names no commit or tag of this repository"
        # A tag or a commit of the history that led here (HEAD), never one of a side branch.
        ancestor = _git("merge-base", "--is-ancestor", ref, "HEAD")
        assert ancestor.returncode == 0, f"{path}: {ref} is not reachable from HEAD"
