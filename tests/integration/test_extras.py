"""The network side is an extra: `check` installs without aiohttp, `links` says what to add."""

from __future__ import annotations

import os
from pathlib import Path
import subprocess
import sys

import pytest
import yaml

from scfm_lint.cli import main

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
HOOKS = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
SAMPLE = ROOT / "examples" / "README.md"


def test_core_dependencies_leave_the_network_to_the_links_extra() -> None:
    assert not [d for d in PYPROJECT["dependencies"] if d.startswith("aiohttp")]
    assert PYPROJECT["optional-dependencies"]["links"] == ["aiohttp>=3.9", "yarl>=1.9"]
    # The tests check links, so the test extra pulls the links extra in.
    assert "scfm-lint[links]" in PYPROJECT["optional-dependencies"]["test"]


def test_hooks_install_what_their_command_uses() -> None:
    # pre-commit installs the repository (its core dependencies) plus additional_dependencies.
    assert "additional_dependencies" not in HOOKS["scfm-lint"]
    links = HOOKS["scfm-lint-links"]["additional_dependencies"]
    assert links == PYPROJECT["optional-dependencies"]["links"]


def test_hooks_declare_a_minimum_pre_commit_version() -> None:
    # `stages: [pre-push, manual]` uses the stage names of pre-commit 3.2.0.
    assert {h["minimum_pre_commit_version"] for h in HOOKS.values()} == {"3.2.0"}
    exe = Path(sys.executable).with_name("pre-commit")
    done = subprocess.run(
        [str(exe), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_links_without_aiohttp_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "aiohttp", None)  # what an import of a missing module sees
    assert main(["links", str(SAMPLE)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "pip install 'scfm-lint[links]'" in err


@pytest.mark.slow
def test_plain_install_checks_offline_and_names_the_extra(tmp_path: Path) -> None:
    # What the offline pre-commit hook's environment holds: `pip install .`, no extra.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    pip = [str(py), "-m", "pip", "install", "-q", str(ROOT)]
    subprocess.run(pip, check=True, capture_output=True, env=env, timeout=540)
    assert subprocess.run([str(py), "-c", "import aiohttp"], env=env, check=False).returncode
    exe = str(venv / "bin" / "scfm-lint")
    check = subprocess.run([exe, "check", str(SAMPLE)], capture_output=True, env=env, check=False)
    assert check.returncode == 1  # the sample's deliberate defects
    links = subprocess.run(
        [exe, "links", str(SAMPLE)], capture_output=True, text=True, env=env, check=False
    )
    assert links.returncode == 2
    assert links.stdout == ""
    # The checker's options import yarl first: the line names what the import missed.
    assert links.stderr == (
        "scfm-lint: error: scfm-lint links needs the 'links' extra (aiohttp, yarl);"
        " yarl is not installed: pip install 'scfm-lint[links]'\n"
    )


@pytest.mark.parametrize("missing", ["aiohttp", "yarl"])
def test_links_without_a_network_module_says_how_to_install(missing: str) -> None:
    # A fresh interpreter: the checker's modules import yarl (from aiohttp) at module level.
    code = (
        "import sys\n"
        f"sys.modules[{missing!r}] = None\n"
        "from scfm_lint.cli import main\n"
        f"raise SystemExit(main(['links', '--verify', {str(SAMPLE)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "scfm-lint: error: scfm-lint links needs the 'links' extra (aiohttp, yarl);"
        f" {missing} is not installed: pip install 'scfm-lint[links]'\n"
    )


def test_add_without_the_extra_says_how_to_install_or_go_offline(tmp_path: Path) -> None:
    listing = tmp_path / "README.md"
    text = "## Papers\n1. [2024 Cell] **scOld: a model** [[paper]](https://example.org/old)\n"
    listing.write_text(text, encoding="utf-8")
    code = (
        "import sys\n"
        "sys.modules['aiohttp'] = None\n"
        "from scfm_lint.cli import main\n"
        "raise SystemExit(main(['add', 'arXiv:2401.00001', '--section', 'Papers',"
        f" {str(listing)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "pip install 'scfm-lint[links]', or compose offline with --title" in done.stderr
    assert listing.read_text(encoding="utf-8") == text
