"""``scfm-lint conventions FILE``: text, JSON and the config block that pins what was learned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from scfm_lint.cli import main
from scfm_lint.config.load import discover
from scfm_lint.conventions import CONFIG, LEARNED

from .helpers import entries, learned

LIST = (
    "# A list\n\n"
    "- [Models](#models)\n"
    "- [Tools](#tools)\n\n"
    "## Models\n"
    + entries([2019, 2020, 2021, 2022], ["1.", "2.", "3.", "4."], label="code")
    + "\n## Tools\n"
    + entries([2024, 2023, 2022, 2021, 2020])
    + "\n## Toolkits\n"
    "- [RDKit](http://www.rdkit.org/) - cheminformatics\n"
    "- [PyMOL](https://pymol.org/2/) - visualization\n"
    "- [CDK](https://cdk.github.io/) - development kit\n"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if discover(tmp_path) is not None:
        pytest.fail(f"a config file above {tmp_path} would leak into the tests")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(["conventions", *argv])
    out, err = capsys.readouterr()
    return rc, out, err


def test_text_names_each_value_its_source_and_counts(project, capsys):
    rc, out, err = _run(capsys)
    assert (rc, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "README.md: conventions (value, source, counts)"
    tag = next(line for line in lines if line.split()[0] == "tag")
    assert tag.split()[1:4] == ["year-venue", "learned", "year-venue"]
    assert "h2 2 of 3 listed" in next(line for line in lines if "catalog-depth" in line)
    assert any("'Models': sequential 3" in line for line in lines)
    assert any("format" in line and "other" in line and "'Toolkits'" in line for line in lines)


def test_json_holds_every_scope(project, capsys):
    rc, out, _ = _run(capsys, "--format", "json")
    data = json.loads(out)
    assert (rc, data["version"], data["file"]) == (0, 1, "README.md")
    by_name = {c["name"]: c for c in data["document"]}
    assert {"paper": 5, "code": 4}.items() <= by_name["labels"]["evidence"].items()
    assert by_name["catalog-depth"]["value"] == 1
    assert [(c["title"], c["value"]) for c in data["lists"]] == [
        ("Models", "sequential"),
        ("Tools", "one"),
    ]
    orders = [(c["title"], c["value"]) for c in data["sections"] if c["name"] == "order"]
    assert ("Models", "oldest-first") in orders
    assert ("Tools", "newest-first") in orders


def test_config_block_pins_what_was_learned(project, capsys):
    rc, out, _ = _run(capsys, "--format", "config")
    assert rc == 0
    block = yaml.safe_load(out)
    before = learned(LIST)
    after = learned(LIST, block)
    for was, now in zip(
        (*before.scalars(), before.catalog_depth, before.labels),
        (*after.scalars(), after.catalog_depth, after.labels),
        strict=True,
    ):
        assert (now.name, now.value, now.source) == (was.name, was.value, CONFIG)
    assert [c.value for c in after.numbering] == [c.value for c in before.numbering]
    assert [c.value for c in after.order] == [c.value for c in before.order]
    assert before.tag.source == LEARNED


def test_the_config_block_is_accepted_by_check(project, capsys):
    _, out, _ = _run(capsys, "--format", "config")
    (project / ".scfm-lint.yaml").write_text(out, encoding="utf-8")
    rc, _, err = _run(capsys)
    assert (rc, err) == (0, "")
    assert main(["check", "README.md", "--quiet"]) in (0, 1)
    assert "error" not in capsys.readouterr().err


def test_a_missing_file_is_one_line_and_exit_2(project, capsys):
    rc, out, err = _run(capsys, "missing.md")
    assert (rc, out) == (2, "")
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("scfm-lint: error: ")
