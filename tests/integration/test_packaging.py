"""The wheel carries the rule data, and the installed package finds it."""

from __future__ import annotations

from pathlib import Path
import subprocess
import sys
import zipfile

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_contains_exactly_the_rule_files(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    packaged = sorted(n for n in names if n.startswith("scfm_lint/rules/"))
    rules = ROOT / "rules"
    # rules/ holds YAML only, some of it in folders (rules/catalog/venues.yaml).
    assert all(p.suffix == ".yaml" for p in rules.rglob("*") if p.is_file())
    expected = sorted(f"scfm_lint/rules/{p.relative_to(rules)}" for p in rules.rglob("*.yaml"))
    assert packaged == expected
    assert "scfm_lint/cli/__init__.py" in names


def test_rules_dir_falls_back_to_the_checkout() -> None:
    from scfm_lint.config.resources import rules_dir

    found = rules_dir()
    assert (found / "core.yaml").is_file()
