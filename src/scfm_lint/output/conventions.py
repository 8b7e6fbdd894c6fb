"""The learned conventions written out: as text, as JSON, or as the config block that pins them."""

from __future__ import annotations

from collections.abc import Callable
import json
from typing import Any, TextIO

from scfm_lint.conventions.model import Convention, Conventions

JSON_VERSION = 1
_SECTION_PINS = ("numbering", "order")


#: Labels shown in the text report; the JSON and config outputs list them all.
SHOWN_LABELS = 8


def _evidence(c: Convention[Any]) -> str:
    if c.name == "catalog-depth":  # evidence values are "h2/9": 9 headings, n listed
        pairs = (v.split("/") for v, _ in c.evidence)
        counts = (
            f"{level} {n} of {total} listed"
            for (level, total), (_, n) in zip(pairs, c.evidence, strict=True)
        )
        return ", ".join(counts) or "no contents list"
    shown = [f"{value} {n}" for value, n in c.evidence[:SHOWN_LABELS]]
    more = len(c.evidence) - len(shown)
    return ", ".join(shown) + (f", ... ({more} more)" if more > 0 else "") or "nothing to count"


def _value(c: Convention[Any]) -> str:
    if isinstance(c.value, tuple):
        shown = ", ".join(c.value[:SHOWN_LABELS]) or "(none)"
        more = len(c.value) - SHOWN_LABELS
        return shown + (f", ... ({more} more)" if more > 0 else "")
    return str(c.value)


def _document_wide(conv: Conventions) -> list[Convention[Any]]:
    return [*conv.scalars(), conv.catalog_depth, conv.labels]


def _scoped(conv: Conventions) -> list[Convention[str]]:
    """Per-list and per-section conventions worth showing: those that differ from the
    document's, or rest on their own evidence."""
    whole = {"numbering": conv.document_numbering.value, "order": conv.document_order.value}
    out = [c for c in (*conv.numbering, *conv.order) if c.value != whole[c.name] or c.total]
    out.extend(c for c in conv.formats if c.value != "entries")
    return out


def text(conv: Conventions, path: str, out: TextIO) -> None:
    """One line per convention: value, where it came from and the counts behind it."""
    print(f"{path}: conventions (value, source, counts)", file=out)
    for c in _document_wide(conv):
        print(f"  {c.name:<14} {_value(c):<14} {c.source:<9} {_evidence(c)}", file=out)
    if conv.suspect_labels:
        odd = ", ".join(f"{a!r} (like {b!r})" if b else repr(a) for a, b in conv.suspect_labels)
        print(f"  {'odd labels':<14} {odd}", file=out)
    scoped = _scoped(conv)
    if scoped:
        print("per list and section:", file=out)
    for c in scoped:
        where = f"line {c.line} {c.title!r}" if c.line else c.title
        print(f"  {c.name:<10} {c.value:<13} {c.source:<9} {where}: {_evidence(c)}", file=out)


def _record(c: Convention[Any]) -> dict[str, Any]:
    record: dict[str, Any] = {
        "name": c.name,
        "value": list(c.value) if isinstance(c.value, tuple) else c.value,
        "source": c.source,
        "evidence": dict(c.evidence),
    }
    if c.scope != "document":
        record.update(scope=c.scope, line=c.line, title=c.title)
    return record


def as_json(conv: Conventions, path: str, out: TextIO) -> None:
    """Every convention, document-wide and per list and section, with its counts."""
    data = {
        "version": JSON_VERSION,
        "file": path,
        "document": [_record(c) for c in _document_wide(conv)],
        "suspect_labels": [list(pair) for pair in conv.suspect_labels],
        "lists": [_record(c) for c in conv.numbering],
        "sections": [_record(c) for c in (*conv.order, *conv.formats)],
    }
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def pins(conv: Conventions) -> dict[str, Any]:
    """The ``conventions:`` mapping that pins every learned value."""
    block: dict[str, Any] = {c.name: c.value for c in conv.scalars()}
    if conv.catalog_depth.value:
        block["catalog-depth"] = conv.catalog_depth.value
    if conv.labels.value:
        block["labels"] = list(conv.labels.value)
    whole = {"numbering": conv.document_numbering.value, "order": conv.document_order.value}
    sections: dict[str, dict[str, str]] = {}
    for c in (*conv.numbering, *conv.order):
        if c.value != whole[c.name] and c.title and c.key != -1:
            sections.setdefault(c.title, {}).setdefault(c.name, c.value)
    if sections:
        block["sections"] = sections
    return {"conventions": block}


def as_config(conv: Conventions, path: str, out: TextIO) -> None:
    """The YAML block for ``.scfm-lint.yaml`` that would pin what was learned."""
    import yaml

    print(f"# conventions learned from {path}; paste into .scfm-lint.yaml to pin them", file=out)
    yaml.safe_dump(pins(conv), out, allow_unicode=True, sort_keys=False, width=100)


FORMATTERS: dict[str, Callable[[Conventions, str, TextIO], None]] = {
    "text": text,
    "json": as_json,
    "config": as_config,
}
