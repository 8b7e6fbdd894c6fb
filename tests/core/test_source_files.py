"""Files to lint and config files: only regular files, below a stated size, in UTF-8.

A FIFO, a device or a huge file must cost one line and exit 2, never a hang or gigabytes
of memory; the hanging and memory-eating cases run in a child process with a timeout and a
memory limit, so a regression fails instead of stalling the suite.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
import subprocess
import sys

import pytest

from core.conftest import CLEAN, DIRTY, one_error_line
from scfm_lint.document.source import MAX_BYTES, read_source
from scfm_lint.errors import InputError

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/zero")


def _child(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """``scfm-lint ARGV`` in a child with 1 GiB of address space at most and 20 s to finish."""

    def limit() -> None:  # pragma: no cover - runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "scfm_lint", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=20,
        preexec_fn=limit,
        check=False,
    )


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert (done.returncode, done.stdout) == (2, "")
    return one_error_line(done.stderr)


@posix_only
@pytest.mark.parametrize("command", ["check", "links"])
def test_a_fifo_is_refused_not_waited_on(project, command):
    os.mkfifo(project / "README.md")
    line = _one_line(_child(project, command, "README.md"))
    assert "README.md: not a regular file (a FIFO)" in line


@posix_only
def test_a_symlink_to_dev_zero_is_refused_not_read(project):
    (project / "README.md").symlink_to("/dev/zero")
    line = _one_line(_child(project, "check", "README.md"))
    assert "README.md: not a regular file (a character device)" in line


@posix_only
def test_a_config_file_that_is_a_fifo_is_refused(project):
    (project / "README.md").write_text(CLEAN, encoding="utf-8")
    os.mkfifo(project / "cfg.yaml")
    line = _one_line(_child(project, "check", "--config", "cfg.yaml", "README.md"))
    assert "cfg.yaml: not a regular file (a FIFO)" in line


def test_a_file_above_the_limit_is_refused_with_the_limit_named(project, cli):
    with (project / "README.md").open("wb") as f:
        f.truncate(2 * MAX_BYTES)  # sparse: costs no disk
    rc, out, err = cli("check", "README.md")
    assert (rc, out) == (2, "")
    assert "README.md: too large (32 MiB; the limit is 16 MiB)" in one_error_line(err)


def test_a_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"a\n" * (MAX_BYTES // 2))
    assert len(read_source(str(path))) == MAX_BYTES
    path.write_bytes(b"a\n" * (MAX_BYTES // 2) + b"a")
    with pytest.raises(InputError, match="too large"):
        read_source(str(path))


def test_a_symlink_to_a_regular_file_is_followed(project, cli):
    (project / "list.md").write_text(CLEAN, encoding="utf-8")
    (project / "README.md").symlink_to("list.md")
    assert cli("check", "README.md")[0] == 0


def test_a_config_file_above_the_limit_is_refused(project, cli):
    (project / "README.md").write_text(CLEAN, encoding="utf-8")
    with (project / ".scfm-lint.yaml").open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    rc, _, err = cli("check", "README.md")
    assert rc == 2
    assert ".scfm-lint.yaml: too large" in one_error_line(err)


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_standard_input_is_capped_too(project, cli, monkeypatch):
    _stdin(monkeypatch, b"a\n" * (MAX_BYTES // 2) + b"more")
    rc, _, err = cli("check", "-")
    assert rc == 2
    assert "-: too large (more than 16 MiB; the limit is 16 MiB)" in one_error_line(err)


def test_standard_input_below_the_cap_is_linted(project, cli, monkeypatch):
    _stdin(monkeypatch, DIRTY.encode("utf-8"))
    assert cli("check", "-")[0] == 1


@pytest.mark.parametrize(
    ("data", "name"),
    [
        pytest.param(CLEAN.encode("utf-16"), "UTF-16", id="utf-16 with BOM"),
        pytest.param(CLEAN.encode("utf-16-be"), "UTF-16", id="utf-16-be without BOM"),
        pytest.param(CLEAN.encode("utf-32"), "UTF-32", id="utf-32 with BOM"),
    ],
)
def test_a_readme_in_utf16_or_utf32_is_named(project, cli, data, name):
    (project / "README.md").write_bytes(data)
    rc, _, err = cli("check", "README.md")
    assert rc == 2
    assert f"README.md: the file is {name}" in one_error_line(err)
    assert "save it as UTF-8" in err


def test_standard_input_in_utf16_is_named(project, cli, monkeypatch):
    _stdin(monkeypatch, CLEAN.encode("utf-16"))
    rc, _, err = cli("check", "-")
    assert rc == 2
    assert "-: the file is UTF-16" in one_error_line(err)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"fail-on: n\xe9ver\n", id="latin-1"),
        pytest.param("fail-on: never\n".encode("utf-16"), id="utf-16"),
    ],
)
def test_a_config_file_not_in_utf8_gets_the_readme_line(project, cli, data):
    (project / "README.md").write_bytes(data)
    (project / "cfg.yaml").write_bytes(data)
    _, _, readme_err = cli("check", "README.md")
    (project / "README.md").write_text(CLEAN, encoding="utf-8")
    rc, _, config_err = cli("check", "--config", "cfg.yaml", "README.md")
    assert rc == 2
    readme_line, config_line = one_error_line(readme_err), one_error_line(config_err)
    assert config_line.replace("cfg.yaml", "README.md") == readme_line


def test_a_pyproject_in_utf16_with_our_table_is_named_not_ignored(project, cli):
    (project / "pyproject.toml").write_bytes(
        '[tool.scfm-lint]\nfail-on = "never"\n'.encode("utf-16")
    )
    (project / "README.md").write_text(DIRTY, encoding="utf-8")
    rc, _, err = cli("check", "README.md")
    assert rc == 2
    assert "pyproject.toml: the file is UTF-16, not UTF-8" in one_error_line(err)


def test_yaml_beside_a_pyproject_table_gives_one_notice(project, cli):
    (project / ".scfm-lint.yaml").write_text("fail-on: never\n", encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.scfm-lint]\nfail-on = "info"\n', "utf-8")
    (project / "a.md").write_text(DIRTY, encoding="utf-8")
    (project / "b.md").write_text(DIRTY, encoding="utf-8")
    rc, _, err = cli("check", "a.md", "b.md")
    assert rc == 0  # fail-on: never, from the YAML file
    notices = [x for x in err.splitlines() if "notice" in x]
    assert len(notices) == 1
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert "`.scfm-lint.yaml` is used" in readme


def test_the_readme_states_the_size_limit():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("Exit codes (also in `--help`)") :].split("\n\n")[0]
    assert f"at most {MAX_BYTES >> 20} MiB" in paragraph
    assert "FIFO" in paragraph
