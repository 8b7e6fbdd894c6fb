"""``--format sarif``: a SARIF 2.1.0 log that the sarif-pydantic model accepts, field by field."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
import pytest
from sarif_pydantic import Sarif

from scfm_lint.checks.registry import load_all
from scfm_lint.cli import main
from scfm_lint.engine.finding import Finding, Severity
from scfm_lint.output.sarif import report_sarif, workspace_path

# Properties of SARIF 2.1.0 that sarif-pydantic does not model (so they land in "extra").
UNMODELLED = {"columnKind"}


def _extras(model: BaseModel, where: str = "$") -> list[str]:
    """Every key the model kept as an unknown extra: a misspelt property would show here."""
    found = [f"{where}.{k}" for k in (model.model_extra or {}) if k not in UNMODELLED]
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if isinstance(item, BaseModel):
                found += _extras(item, f"{where}.{name}[{i}]")
    return found


def _log(findings: list[Finding]) -> dict[str, Any]:
    out = io.StringIO()
    report_sarif(findings, 1, out)
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


FINDINGS = [
    Finding("README.md", 6, 4, "SCF101", "missing-venue", Severity.ERROR, "tag has no venue"),
    Finding(
        "README.md", 8, 18, "SCF321", "duplicate-entry", Severity.WARNING, "dup", related_line=5
    ),
    Finding("docs/list.md", 3, 1, "SCF231", "trailing-whitespace", Severity.INFO, "x", end_line=4),
]


def test_log_validates_and_has_no_unknown_properties() -> None:
    data = _log(FINDINGS)
    model = Sarif.model_validate(data)
    assert _extras(model) == []
    assert model.version == "2.1.0"
    run = model.runs[0]
    rules = run.tool.driver.rules or []
    assert {r.id for r in rules} == set(load_all())
    for result in run.results or []:
        assert result.rule_index is not None
        rule = rules[result.rule_index]
        assert rule.id == result.rule_id
        assert rule.short_description is not None
        assert rule.short_description.text
        assert rule.help is not None
        assert rule.help.text
        assert rule.default_configuration is not None
        assert rule.default_configuration.level
    levels = [r.level.value if r.level else None for r in run.results or []]
    assert levels == ["error", "warning", "note"]


def test_results_carry_regions_and_related_locations() -> None:
    results = _log(FINDINGS)["runs"][0]["results"]
    first = results[0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"]["uri"] == "README.md"
    assert first["region"] == {"startLine": 6, "startColumn": 4}
    assert results[1]["relatedLocations"][0]["physicalLocation"]["region"] == {"startLine": 5}
    assert results[2]["locations"][0]["physicalLocation"]["region"]["endLine"] == 4


def test_paths_are_relative_to_the_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    assert workspace_path("README.md") == "README.md"
    monkeypatch.chdir(tmp_path)
    assert workspace_path(str(tmp_path / "docs" / "a.md")) == "docs/a.md"
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path.parent))
    assert workspace_path("README.md") == f"{tmp_path.name}/README.md"
    assert workspace_path("/elsewhere/x.md") == "/elsewhere/x.md"


def test_cli_writes_sarif(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(repo)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    assert main(["check", "--format", "sarif", "README.md"]) == 1
    model = Sarif.model_validate_json(capsys.readouterr().out)
    assert [
        (r.rule_id, r.locations[0].physical_location.region.start_line)  # type: ignore[index,union-attr]
        for r in model.runs[0].results or []
    ] == [("SCF101", 6)]


def test_rules_point_at_the_rules_reference() -> None:
    from scfm_lint.output.rulesdoc import REFERENCE

    doc = (Path(__file__).resolve().parents[2] / "docs" / "rules.md").read_text("utf-8")
    rules = _log([])["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) == len(load_all())
    for rule in rules:
        base, _, anchor = rule["helpUri"].partition("#")
        assert base == REFERENCE
        # GitHub's anchor of the heading `## SCF101 missing-venue`.
        assert f"\n## {rule['id']} {rule['name']}\n" in doc
        assert anchor == f"{rule['id']}-{rule['name']}".lower()
        markdown = rule["help"]["markdown"]
        assert "**What it does:**" in markdown
        assert "**Fix:**" in markdown
        assert markdown.endswith(f"]({rule['helpUri']})")
        assert rule["help"]["text"].endswith(rule["helpUri"])
