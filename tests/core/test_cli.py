"""The command line: exit codes, input errors, output formats and the rule documentation."""

from __future__ import annotations

import json
from pathlib import Path
import subprocess
import sys

import pytest

from core.conftest import CLEAN, DIRTY, one_error_line
from scfm_lint.checks.registry import load_all


def _write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_clean_file_exits_0(project, cli):
    _write(project / "README.md", CLEAN)
    assert cli("check", "README.md") == (0, "No problems found in 1 file.\n", "")


def test_readme_is_the_default_file(project, cli):
    _write(project / "README.md", DIRTY)
    rc, out, _ = cli("check")
    assert rc == 1
    assert out.startswith("README.md:2:4: SCF101 ")


def test_error_findings_exit_1_with_sorted_text_and_summary(project, cli):
    _write(project / "b.md", DIRTY)
    _write(project / "a.md", DIRTY + "1. [2024 Nature] **B** [[paper]](https://example.org/b)  \n")
    rc, out, err = cli("check", "b.md", "a.md")
    assert (rc, err) == (1, "")
    lines = out.splitlines()
    assert [line.split(" ", 2)[:2] for line in lines[:-1]] == [
        ["a.md:2:4:", "SCF101"],
        ["a.md:2:23:", "SCF105"],
        ["a.md:3:56:", "SCF231"],
        ["b.md:2:4:", "SCF101"],
        ["b.md:2:23:", "SCF105"],
    ]
    assert lines[-1] == "Found 5 problems (2 errors, 3 warnings) in 2 files; 1 fixable with --fix."


def test_warnings_alone_exit_0_unless_fail_on_says_otherwise(project, cli):
    _write(project / "README.md", CLEAN.rstrip("\n") + "  \n")
    rc, out, _ = cli("check", "README.md")
    assert rc == 0
    assert "SCF231" in out
    assert cli("check", "--fail-on", "warning", "README.md")[0] == 1
    assert cli("check", "--fail-on", "never", "--select", "SCF2", "README.md")[0] == 0


def test_select_and_ignore(project, cli):
    _write(project / "README.md", DIRTY)
    rc, out, _ = cli("check", "--select", "SCF105", "README.md")
    assert (rc, [line.split()[1] for line in out.splitlines()[:-1]]) == (0, ["SCF105"])
    rc, out, _ = cli("check", "--ignore", "SCF101,SCF105", "README.md")
    assert (rc, out) == (0, "No problems found in 1 file.\n")
    rc, out, _ = cli("check", "--select", "scf1", "--ignore", "SCF105", "README.md")
    assert [line.split()[1] for line in out.splitlines()[:-1]] == ["SCF101"]


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_code_is_a_usage_error(project, cli, option):
    _write(project / "README.md", DIRTY)
    rc, out, err = cli("check", option, "SCF999", "README.md")
    assert (rc, out) == (2, "")
    assert "SCF999" in one_error_line(err)


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        pytest.param(lambda p: None, "no such file", id="missing file"),
        pytest.param(lambda p: (p / "README.md").mkdir(), "is a directory", id="directory"),
        pytest.param(
            lambda p: _write(p / "README.md", b"## Models\n1. [2024 Caf\xe9] x\n"),
            "README.md:2: not valid UTF-8",
            id="latin-1 bytes",
        ),
        pytest.param(lambda p: _write(p / "README.md", ""), "file is empty", id="empty file"),
        pytest.param(
            lambda p: _write(p / "README.md", " \n\n"), "file is empty", id="blank lines only"
        ),
        pytest.param(
            lambda p: _write(p / "README.md", b"\xef\xbb\xbf\n"),
            "file is empty",
            id="byte order mark only",
        ),
        pytest.param(lambda p: _write(p / "README.md", b"## A\x00\n"), "NUL bytes", id="nul bytes"),
    ],
)
def test_unreadable_input_is_one_line_and_exit_2(project, cli, setup, words):
    setup(project)
    rc, out, err = cli("check", "README.md")
    assert (rc, out) == (2, "")
    line = one_error_line(err)
    assert "README.md" in line
    assert words in line


def test_input_error_in_a_later_file_prints_no_findings(project, cli):
    _write(project / "a.md", DIRTY)
    rc, out, err = cli("check", "a.md", "missing.md")
    assert (rc, out) == (2, "")
    assert "missing.md" in one_error_line(err)


def test_byte_order_mark_is_not_part_of_the_first_heading(project, cli):
    _write(project / "README.md", "\ufeff" + CLEAN)
    assert cli("check", "README.md")[0] == 0


def test_json_output_shape(project, cli):
    _write(project / "README.md", DIRTY)
    rc, out, err = cli("check", "--format", "json", "README.md")
    assert (rc, err) == (1, "")
    payload = json.loads(out)
    assert {"version", "findings", "summary"} <= payload.keys()
    assert isinstance(payload["version"], int)
    first = payload["findings"][0]
    assert {"path", "line", "column", "code", "name", "severity", "message"} <= first.keys()
    assert [
        (f["path"], f["line"], f["column"], f["code"], f["name"], f["severity"])
        for f in payload["findings"]
    ] == [
        ("README.md", 2, 4, "SCF101", "missing-venue", "error"),
        ("README.md", 2, 23, "SCF105", "unknown-link-label", "warning"),
    ]
    assert all(isinstance(f["message"], str) and f["message"] for f in payload["findings"])
    assert payload["summary"]["files"] == 1
    assert payload["summary"]["total"] == 2


def test_json_output_when_clean(project, cli):
    _write(project / "README.md", CLEAN)
    rc, out, _ = cli("check", "--format", "json", "README.md")
    assert rc == 0
    assert json.loads(out)["findings"] == []


def test_severity_override_from_config_changes_exit_code(project, cli):
    _write(project / "README.md", DIRTY)
    _write(project / ".scfm-lint.yaml", "severity: {SCF101: warning}\n")
    rc, out, _ = cli("check", "--format", "json", "README.md")
    assert rc == 0
    assert {f["code"]: f["severity"] for f in json.loads(out)["findings"]}["SCF101"] == "warning"


def test_rules_lists_every_registered_rule(cli):
    rc, out, _ = cli("rules")
    assert rc == 0
    listed = [line.split()[0] for line in out.splitlines() if line.strip()]
    assert listed == sorted(load_all())
    for line in out.splitlines():
        code = line.split()[0]
        rule = load_all()[code]
        assert rule.severity.label in line
        assert f"{rule.name}: {rule.summary}" in line


def test_rule_prints_the_explanation(cli):
    rc, out, _ = cli("rule", "SCF101")
    assert rc == 0
    assert out.startswith("SCF101 missing-venue\n")
    assert load_all()["SCF101"].explanation in out
    assert cli("rule", "missing-venue")[1] == out
    assert cli("rule", "scf101")[1] == out


def test_unknown_rule_exits_2(cli):
    rc, out, err = cli("rule", "NOPE")
    assert (rc, out) == (2, "")
    assert "NOPE" in one_error_line(err)


def test_bad_option_is_argparse_usage_error(cli, capsys):
    with pytest.raises(SystemExit) as info:
        cli("check", "--format", "xml")
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_no_command_prints_help_and_exits_2(cli):
    rc, out, _ = cli()
    assert rc == 2
    assert "check" in out


def test_python_dash_m_in_a_real_process(project):
    _write(project / "README.md", DIRTY)
    _write(project / "empty.md", "")
    run = [sys.executable, "-m", "scfm_lint", "check"]
    done = subprocess.run([*run, "README.md"], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("README.md:2:4: SCF101 ")
    done = subprocess.run([*run, "empty.md"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "scfm-lint: error: empty.md: file is empty\n"
