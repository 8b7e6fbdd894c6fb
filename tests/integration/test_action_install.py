"""The Action installs the links extra (aiohttp) only when it checks links."""

from __future__ import annotations

from pathlib import Path
import subprocess

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
INSTALL = next(s for s in ACTION["runs"]["steps"] if s.get("name") == "Install scfm-lint")


@pytest.mark.parametrize(
    ("check_links", "package"),
    [("true", "/act ion/path[links]"), ("false", "/act ion/path")],
)
def test_install_step_adds_the_links_extra_only_for_links(
    check_links: str, package: str, tmp_path: Path
) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "python").write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$ARGS"\n', encoding="utf-8")
    (fake / "python").chmod(0o755)
    assert set(INSTALL["env"]) == {"SCFM_ACTION_PATH", "SCFM_CHECK_LINKS"}
    env = {
        "PATH": f"{fake}:/usr/bin:/bin",
        "ARGS": str(tmp_path / "args"),
        "SCFM_ACTION_PATH": "/act ion/path",
        "SCFM_CHECK_LINKS": check_links,
    }
    subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", INSTALL["run"]],
        env=env,
        check=True,
        cwd=tmp_path,
    )
    args = (tmp_path / "args").read_text(encoding="utf-8").splitlines()
    assert args[:3] == ["-m", "pip", "install"]
    assert args[-1] == package
