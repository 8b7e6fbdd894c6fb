"""Shared helpers: fixture pairs (``title . input . expected .``) and one-call fixing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scfm_lint.config.load import build_config
from scfm_lint.config.model import Config
from scfm_lint.document.parse import parse_document
from scfm_lint.engine.finding import Finding
from scfm_lint.engine.run import lint
from scfm_lint.fixing.apply import FixResult, fix_document, usable

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Pair:
    """One fixture case: the input, the text ``--fix`` must produce, and its options."""

    title: str
    before: str
    after: str
    options: dict[str, Any] = field(default_factory=dict)


def _visible(lines: list[str], final_newline: bool) -> str:
    # ␠ and ␉ keep trailing spaces and tabs safe from editors and hooks.
    text = "\n".join(lines).replace("␠", " ").replace("␉", "\t")
    return text + "\n" if final_newline else text


def read_pairs(path: Path) -> list[Pair]:
    """Cases: a title, optional YAML option lines, ``.``, input, ``.``, expected, ``.``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    pairs: list[Pair] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title, i = lines[i], i + 1
        blocks: list[list[str]] = [[]]
        while len(blocks) < 4:
            if i >= len(lines):
                raise ValueError(f"{path.name}: case {title!r} is not closed")
            if lines[i] == ".":
                blocks.append([])
            else:
                blocks[-1].append(lines[i])
            i += 1
        options = yaml.safe_load("\n".join(blocks[0])) or {}
        keep = options.get("final-newline", True)
        before = _visible(blocks[1], keep)
        after = _visible(blocks[2], options.get("expected-final-newline", True))
        pairs.append(Pair(title, before, after, options))
    return pairs


def config_for(options: dict[str, Any] | None = None) -> Config:
    return build_config((options or {}).get("config", {}), "test options")


def run_fix(text: str, config: Config, unsafe: bool = False) -> FixResult:
    doc = parse_document(
        text,
        "README.md",
        catalog_heading=config.catalog.heading,
        excluded_sections=list(config.sections.exclude),
    )
    return fix_document(doc, config, lint(doc, config), unsafe=unsafe)


def fixable(findings: tuple[Finding, ...] | list[Finding], unsafe: bool) -> list[Finding]:
    return [f for f in findings if usable(f.fix, unsafe)]
