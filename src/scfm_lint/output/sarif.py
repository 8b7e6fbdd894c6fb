"""The ``sarif`` reporter: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

from collections.abc import Sequence
import json
import os
from pathlib import Path
from typing import Any, TextIO

from scfm_lint import __version__
from scfm_lint.engine.finding import Finding, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/OmicsML/scfm-lint"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def workspace_path(path: str, root: str | None = None) -> str:
    """``path`` relative to the repository root (``root``, else ``GITHUB_WORKSPACE``) with
    forward slashes; absolute paths are made relative to the working directory when no root
    is known, and kept as given when they lie outside it."""
    root = root or os.environ.get("GITHUB_WORKSPACE")
    given = Path(path)
    if root is None and not given.is_absolute():
        return given.as_posix()
    base = Path(root).resolve() if root else Path.cwd().resolve()
    try:
        return given.resolve().relative_to(base).as_posix()
    except ValueError:
        return given.as_posix()


def _rules() -> list[dict[str, Any]]:
    from scfm_lint.checks.registry import load_all
    from scfm_lint.output import rulesdoc

    out = []
    for code, r in sorted(load_all().items()):
        uri = rulesdoc.help_uri(r)
        markdown = f"{rulesdoc.facts(r)}\n\n{rulesdoc.explanation_markdown(r)}"
        out.append(
            {
                "id": code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.explanation},
                "helpUri": uri,
                "help": {
                    "text": f"{r.explanation}\n\nReference: {uri}",
                    "markdown": f"{markdown}\n\n[{code} {r.name} in the rules reference]({uri})",
                },
                "defaultConfiguration": {"level": LEVELS[r.severity]},
                "properties": {"tags": ["paper-list", "network" if r.network else "offline"]},
            }
        )
    return out


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": f.line, "startColumn": max(f.column, 1)}
    if f.end_line is not None and f.end_line > f.line:
        region["endLine"] = f.end_line
    artifact = {"uri": workspace_path(f.path), "uriBaseId": "%SRCROOT%"}
    result: dict[str, Any] = {
        "ruleId": f.code,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
    }
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    if f.related_line is not None:
        result["relatedLocations"] = [
            {
                "id": 1,
                "message": {"text": f"the other place (line {f.related_line})"},
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {"startLine": f.related_line},
                },
            }
        ]
    return result


def to_sarif(findings: Sequence[Finding]) -> dict[str, Any]:
    """The SARIF log of one run, as JSON-ready data."""
    rules = _rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    driver = {
        "name": "scfm-lint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                # Finding columns count characters, not UTF-16 code units.
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index) for f in findings],
            }
        ],
    }


def report_sarif(findings: Sequence[Finding], files: int, out: TextIO) -> None:
    """Write the findings as one SARIF 2.1.0 log."""
    json.dump(to_sarif(findings), out, indent=2, ensure_ascii=False)
    out.write("\n")
