"""Configuration: defaults < project file < command line, discovery, errors naming file and key."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
import json
from pathlib import Path

import pytest

from core.conftest import DIRTY, one_error_line
from scfm_lint.config.load import defaults, discover, load_config
from scfm_lint.errors import ConfigError


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_merge_every_rule_file():
    config = defaults()
    assert config["catalog"]["heading"] == "Catalog"
    assert config["conventions"]["numbering"] == "learn"
    assert config["fail-on"] == "error"
    assert "paper" in config["entries"]["labels"]


def test_discovery_walks_up_to_yaml(project):
    cfg = _write(project / ".scfm-lint.yaml", "conventions: {numbering: sequential}\n")
    target = _write(project / "a" / "b" / "README.md", DIRTY)
    assert discover(target) == cfg.resolve()
    assert load_config(target).conventions.word("numbering") == "sequential"


def test_discovery_walks_up_to_pyproject_with_our_table(project):
    _write(project / "pyproject.toml", '[tool.scfm-lint]\nfail-on = "warning"\n')
    _write(project / "a" / "pyproject.toml", '[project]\nname = "x"\n')
    target = _write(project / "a" / "README.md", DIRTY)
    assert discover(target) == (project / "pyproject.toml").resolve()
    assert load_config(target).selection.fail_on == "warning"


def test_nearest_file_wins_and_yaml_beats_pyproject_in_one_folder(project):
    _write(project / ".scfm-lint.yaml", "fail-on: info\n")
    _write(project / "a" / "pyproject.toml", '[tool.scfm-lint]\nfail-on = "warning"\n')
    _write(project / "a" / ".scfm-lint.yaml", "fail-on: never\n")
    assert load_config(project / "a" / "README.md").selection.fail_on == "never"


def test_no_config_file_gives_the_defaults(project):
    config = load_config(project / "README.md")
    assert config.source == ""
    assert config.raw == defaults()
    assert config.catalog.heading == defaults()["catalog"]["heading"]
    assert config.entries.labels == tuple(defaults()["entries"]["labels"])


def test_explicit_config_overrides_discovery(project):
    _write(project / ".scfm-lint.yaml", "fail-on: info\n")
    explicit = _write(project / "ci" / "strict.yaml", "fail-on: warning\n")
    assert load_config(project / "README.md", explicit).selection.fail_on == "warning"


def test_precedence_defaults_file_command_line(project):
    _write(project / ".scfm-lint.yaml", "fail-on: warning\nentries: {year-min: 1990}\n")
    config = load_config(project / "README.md", overrides={"fail-on": "never"})
    assert config.selection.fail_on == "never"
    assert config.entries.year_min == 1990
    # Mappings merge: the file's one key leaves the other defaults of 'entries' in place.
    assert config.entries.labels == tuple(defaults()["entries"]["labels"])
    assert defaults()["fail-on"] == "error"


def test_lists_replace_rather_than_extend(project):
    _write(project / ".scfm-lint.yaml", "entries: {labels: [paper]}\n")
    assert load_config(project / "README.md").entries.labels == ("paper",)


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        pytest.param(
            ".scfm-lint.yaml", "colour: red\n", ["unknown key 'colour'"], id="unknown key"
        ),
        pytest.param(
            ".scfm-lint.yaml",
            "entries: {labelz: [paper]}\n",
            ["unknown key 'entries.labelz'"],
            id="unknown nested key",
        ),
        pytest.param(
            ".scfm-lint.yaml",
            "entries: {year-min: '1950'}\n",
            ["key 'entries.year-min'", "expected a number"],
            id="string for a number",
        ),
        pytest.param(
            ".scfm-lint.yaml",
            "whitespace: {trailing: 1}\n",
            ["key 'whitespace.trailing'", "true or false"],
            id="number for a boolean",
        ),
        pytest.param(
            ".scfm-lint.yaml",
            "sections: {exclude: Contributing}\n",
            ["key 'sections.exclude'", "expected a list"],
            id="string for a list",
        ),
        pytest.param(
            ".scfm-lint.yaml",
            "entries: {labels: [paper, 3]}\n",
            ["key 'entries.labels'", "must be a string"],
            id="wrong list item",
        ),
        pytest.param(".scfm-lint.yaml", "- a\n- b\n", ["expected a mapping"], id="top level list"),
        pytest.param(".scfm-lint.yaml", "select: [\n", ["invalid YAML"], id="malformed yaml"),
        pytest.param(
            ".scfm-lint.yaml",
            "!!python/object/apply:os.system [echo hi]\n",
            ["invalid YAML"],
            id="unsafe yaml tag",
        ),
        pytest.param(
            ".scfm-lint.yaml",
            "fail-on: sometimes\n",
            ["key 'fail-on'", "sometimes"],
            id="unknown fail-on word",
        ),
        pytest.param(
            ".scfm-lint.yaml",
            "conventions: {numbering: roman}\n",
            ["key 'conventions.numbering'", "roman"],
            id="unknown numbering style",
        ),
        pytest.param(
            ".scfm-lint.yaml",
            "numbering: {style: one}\n",
            ["unknown key 'numbering'"],
            id="the old numbering key",
        ),
        pytest.param(
            ".scfm-lint.yaml",
            "conventions: {sections: {Models: {colour: red}}}\n",
            ["key 'conventions.sections.Models'", "unknown key 'colour'"],
            id="unknown section pin",
        ),
        pytest.param(
            ".scfm-lint.yaml",
            "conventions: {ordr: none}\n",
            ["unknown key 'conventions.ordr'"],
            id="unknown conventions key",
        ),
        pytest.param(
            ".scfm-lint.yaml", "select: [SCF999]\n", ["key 'select'", "SCF999"], id="unknown select"
        ),
        pytest.param(
            ".scfm-lint.yaml",
            "severity: {SCF999: error}\n",
            ["key 'severity.SCF999'", "matches no rule code"],
            id="unknown severity code",
        ),
        pytest.param(
            ".scfm-lint.yaml",
            "severity: {SCF101: fatal}\n",
            ["key 'severity.SCF101'", "fatal"],
            id="unknown severity level",
        ),
        pytest.param(
            "pyproject.toml",
            "[tool.scfm-lint]\nfail-on = 3\n",
            ["key 'fail-on'", "expected a string"],
            id="pyproject wrong type",
        ),
        pytest.param(
            "pyproject.toml",
            "[tool.scfm-lint]\ncolour = 'red'\n",
            ["unknown key 'colour'"],
            id="pyproject unknown key",
        ),
        pytest.param(
            "pyproject.toml", "[tool.scfm-lint\nx = 1\n", ["invalid TOML"], id="malformed toml"
        ),
    ],
)
def test_bad_config_is_one_line_naming_file_and_key(project, cli, name, text, words):
    cfg = _write(project / name, text)
    _write(project / "README.md", DIRTY)
    with pytest.raises(ConfigError) as info:
        load_config(project / "README.md")
    assert str(cfg.resolve()) in str(info.value)
    rc, out, err = cli("check", "README.md")
    assert (rc, out) == (2, "")
    line = one_error_line(err)
    assert str(cfg.resolve()) in line
    for word in words:
        assert word in line


def test_missing_explicit_config(project, cli):
    _write(project / "README.md", DIRTY)
    rc, _, err = cli("check", "--config", "nope.yaml", "README.md")
    assert rc == 2
    assert "nope.yaml" in one_error_line(err)


def test_explicit_config_that_is_a_directory(project, cli):
    (project / "conf").mkdir()
    _write(project / "README.md", DIRTY)
    rc, _, err = cli("check", "--config", "conf", "README.md")
    assert rc == 2
    assert "conf" in one_error_line(err)


def test_cli_precedence_end_to_end(project, cli):
    _write(project / "README.md", DIRTY)
    _write(project / ".scfm-lint.yaml", "ignore: [SCF101]\nfail-on: warning\n")
    rc, out, _ = cli("check", "--format", "json", "README.md")
    assert rc == 1  # the file lowers fail-on, so the SCF105 warning fails the run
    assert [f["code"] for f in json.loads(out)["findings"]] == ["SCF105"]
    rc, out, _ = cli("check", "--format", "json", "--fail-on", "error", "README.md")
    assert rc == 0  # the command line raises it back above the warning
    explicit = _write(project / "other.yaml", "entries: {labels: [paper link]}\n")
    rc, out, _ = cli("check", "--format", "json", "--config", str(explicit), "README.md")
    assert [f["code"] for f in json.loads(out)["findings"]] == ["SCF101"]
    assert rc == 1


def test_pyproject_without_our_table_is_passed_over(project):
    _write(project / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert discover(project / "README.md") is None


def test_rule_data_is_found_in_the_package_then_the_checkout(tmp_path, monkeypatch):
    from scfm_lint.config import resources

    packaged = tmp_path / "site" / "scfm_lint"
    (packaged / "rules").mkdir(parents=True)
    monkeypatch.setattr(resources.resources, "files", lambda _: packaged)
    assert resources.rules_dir() == packaged / "rules"

    (packaged / "rules").rmdir()
    checkout = tmp_path / "repo"
    (checkout / "rules").mkdir(parents=True)
    monkeypatch.setattr(
        resources, "__file__", str(checkout / "src" / "scfm_lint" / "config" / "x.py")
    )
    assert resources.rules_dir() == checkout / "rules"

    (checkout / "rules").rmdir()
    with pytest.raises(ConfigError, match="rule data not found"):
        resources.rules_dir()


def test_editing_a_loaded_config_leaves_the_defaults_alone(project):
    _write(project / ".scfm-lint.yaml", "fail-on: warning\n")
    for target in (project / "README.md", project.parent / "README.md"):
        config = load_config(target)
        with pytest.raises(FrozenInstanceError):
            config.whitespace.tabs = False  # type: ignore[misc]
        with pytest.raises(TypeError):
            config.raw["entries"] = {}  # type: ignore[index]
    assert "bogus" not in defaults()["entries"]["labels"]
    assert load_config(project / "README.md").whitespace.tabs is True


def test_hosts_is_an_open_mapping_the_user_extends(project):
    _write(project / ".scfm-lint.yaml", "hosts:\n  papers.example.org: {concurrency: 1}\n")
    target = _write(project / "README.md", DIRTY)
    config = load_config(target)
    assert config.hosts.for_host("papers.example.org").concurrency == 1
    assert config.hosts.for_host("arxiv.org").key == "arxiv.org"  # the built-in policies stay


def test_hosts_must_still_be_a_mapping(project):
    _write(project / ".scfm-lint.yaml", "hosts: [arxiv.org]\n")
    target = _write(project / "README.md", DIRTY)
    with pytest.raises(ConfigError, match="'hosts'"):
        load_config(target)


def test_every_default_section_is_read_into_a_typed_field():
    from dataclasses import fields

    from scfm_lint.config.model import SECTIONS, Config

    typed = {f.name for f in fields(Config)}
    readers = {*SECTIONS, "venues", "hosts", "select", "ignore", "severity", "fail-on"}
    assert set(defaults()) - readers == set()
    assert {k.replace("-", "_") for k in SECTIONS} <= typed


def test_the_loaded_config_is_typed_and_frozen(project):
    from scfm_lint.config.model import Config

    config = load_config(project / "README.md")
    assert isinstance(config, Config)
    assert isinstance(config.links.timeout, float)
    assert isinstance(config.entries.year_min, int)
    assert config.selection.fail_on == "error"
    with pytest.raises(FrozenInstanceError):
        config.selection = config.selection  # type: ignore[misc]
