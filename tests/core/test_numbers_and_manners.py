"""Every number is finite and in range; everyday command-line manners (stdin, --quiet,
--output, --statistics, colour, exit codes in --help); which config file is used, and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.conftest import DIRTY, one_error_line
from scfm_lint.cli.common import use_color
from scfm_lint.config.load import load_config
from scfm_lint.errors import ConfigError


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--timeout", "nan"], ["--timeout", "finite", "nan"]),
        (["--timeout", "inf"], ["--timeout", "finite"]),
        (["--deadline", "nan"], ["--deadline", "finite"]),
        (["--deadline", "-1"], ["--deadline", "in (0, 604800]"]),
        (["--max-age", "99999999999d"], ["--max-age", "in [0, 3.1536e+08]"]),
        (["--concurrency", "-4"], ["--concurrency", "in [1, 10000]", "-4"]),
        (["--per-host", "0"], ["--per-host", "in [1, 1000]"]),
        (["--retries", "1000"], ["--retries", "in [0, 100]"]),
    ],
)
def test_numbers_on_the_command_line_are_finite_and_in_range(project, cli, argv, words):
    (project / "README.md").write_text(DIRTY, encoding="utf-8")
    rc, out, err = cli("links", "--no-cache", *argv, "README.md")
    assert (rc, out) == (2, "")
    line = one_error_line(err)
    for word in words:
        assert word in line


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("links: {timeout: .nan}\n", ["key 'links.timeout'", "finite"]),
        ("links: {deadline: .inf}\n", ["key 'links.deadline'", "finite"]),
        ("links: {concurrency: -1}\n", ["key 'links.concurrency'", "in [1, 10000]"]),
        ("links: {cache: {ttl: {ok: 1.0e+30}}}\n", ["key 'links.cache.ttl.ok'"]),
        ("verify: {timeout: .nan}\n", ["key 'verify.timeout'", "finite"]),
        ("verify: {delay: {arxiv: .inf}}\n", ["key 'verify.delay.arxiv'", "finite"]),
        ("hosts: {arxiv.org: {delay: .nan}}\n", ["key 'hosts.arxiv.org.delay'", "finite"]),
        ("duplicates: {title-similarity: .nan}\n", ["key 'duplicates.title-similarity'"]),
        ("entries: {years-ahead: 100000}\n", ["key 'entries.years-ahead'", "in [0, 100]"]),
        ("catalog: {min-headings: -1}\n", ["key 'catalog.min-headings'"]),
    ],
)
def test_numbers_in_the_config_are_finite_and_in_range(project, cli, text, words):
    cfg = project / ".scfm-lint.yaml"
    cfg.write_text(text, encoding="utf-8")
    (project / "README.md").write_text(DIRTY, encoding="utf-8")
    rc, out, err = cli("check", "README.md")
    assert (rc, out) == (2, "")
    line = one_error_line(err)
    assert str(cfg.resolve()) in line
    for word in words:
        assert word in line


def test_standard_input_is_read_for_a_dash(project, cli, monkeypatch):
    import io
    import sys

    stdin = io.TextIOWrapper(io.BytesIO(DIRTY.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    rc, out, _ = cli("check", "--format", "json", "-")
    assert rc == 1
    assert {f["path"] for f in json.loads(out)["findings"]} == {"-"}


def test_fix_refuses_standard_input(project, cli):
    rc, _, err = cli("check", "--fix", "-")
    assert rc == 2
    assert "--diff" in one_error_line(err)


def test_quiet_prints_only_the_findings(project, cli):
    (project / "README.md").write_text(DIRTY, encoding="utf-8")
    _, loud, _ = cli("check", "README.md")
    rc, quiet, _ = cli("check", "--quiet", "README.md")
    assert rc == 1
    assert quiet.splitlines() == loud.splitlines()[:-1]
    assert not any(line.startswith("Found ") for line in quiet.splitlines())


def test_output_writes_the_report_to_a_file(project, cli):
    (project / "README.md").write_text(DIRTY, encoding="utf-8")
    rc, out, _ = cli("check", "--format", "json", "--output", "report.json", "README.md")
    assert (rc, out) == (1, "")
    data = json.loads((project / "report.json").read_text(encoding="utf-8"))
    assert data["summary"]["total"] == len(data["findings"]) > 0
    assert [p.name for p in project.iterdir() if p.name.startswith(".report")] == []


def test_statistics_counts_findings_per_rule(project, cli):
    (project / "README.md").write_text(DIRTY + DIRTY.replace("1.", "2.", 1), encoding="utf-8")
    _, listed, _ = cli("check", "--format", "json", "README.md")
    codes = [f["code"] for f in json.loads(listed)["findings"]]
    rc, out, _ = cli("check", "--statistics", "README.md")
    rows = [line.split() for line in out.splitlines()[:-1]]
    assert rc == 1
    assert {row[1]: int(row[0]) for row in rows} == {c: codes.count(c) for c in set(codes)}
    assert [int(row[0]) for row in rows] == sorted((int(row[0]) for row in rows), reverse=True)


class _Tty:
    def isatty(self) -> bool:
        return True


class _Pipe:
    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize(
    ("stream", "env", "on"),
    [
        (_Tty(), {}, True),
        (_Pipe(), {}, False),
        (_Tty(), {"NO_COLOR": "1"}, False),
        (_Pipe(), {"FORCE_COLOR": "1"}, True),
        (_Tty(), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_on_a_terminal_honours_no_color_and_force_color(stream, env, on):
    assert use_color(stream, env) is on  # type: ignore[arg-type]


def test_forced_colour_paints_the_codes(project, cli, monkeypatch):
    (project / "README.md").write_text(DIRTY, encoding="utf-8")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, out, _ = cli("check", "README.md")
    assert "\x1b[31mSCF101\x1b[0m" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = cli("check", "README.md")
    assert "\x1b[" not in out


def test_help_epilog_names_every_exit_code(capsys):
    from scfm_lint.cli import main

    for command in ("check", "links"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        assert "exit codes:" in out
        for code in ("0 ", "1 ", "2 "):
            assert f"\n  {code}" in out
        assert "--no-progress" in out or command == "check"


def test_yaml_and_pyproject_in_one_folder_say_which_is_used(project, cli):
    (project / ".scfm-lint.yaml").write_text("fail-on: never\n", encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.scfm-lint]\nfail-on = "info"\n', "utf-8")
    (project / "README.md").write_text(DIRTY, encoding="utf-8")
    rc, _, err = cli("check", "README.md")
    assert rc == 0  # the YAML file's fail-on: never
    [line] = [x for x in err.splitlines() if "notice" in x]
    assert ".scfm-lint.yaml" in line
    assert "pyproject.toml" in line
    assert "ignored" in line


@pytest.mark.parametrize(
    ("data", "name"),
    [
        ("fail-on: never\n".encode("utf-16"), "UTF-16"),
        ("fail-on: never\n".encode("utf-16-le"), "UTF-16"),
        ("fail-on: never\n".encode("utf-32"), "UTF-32"),
        (b"fail-on: n\xe9ver\n", "not valid UTF-8"),
    ],
)
def test_a_config_file_not_in_utf8_is_named(project: Path, data: bytes, name: str):
    cfg = project / ".scfm-lint.yaml"
    cfg.write_bytes(data)
    with pytest.raises(ConfigError) as info:
        load_config(project / "README.md")
    assert name in str(info.value)
    assert str(cfg.resolve()) in str(info.value)
    assert "\n" not in str(info.value)
