"""Messages of the entry-shape rules: they name the list's own form and counts."""

from __future__ import annotations

from scfm_lint.config.load import build_config
from scfm_lint.document.parse import parse_document
from scfm_lint.engine.run import lint

VENUE_YEAR = "## Models\n" + "".join(
    f"1. [Nature {y}] **Title {y}** [[paper]](https://example.org/{y})\n"
    for y in (2024, 2023, 2022, 2021)
)


def _messages(text: str, code: str) -> list[str]:
    config = build_config({"select": [code]}, "test")
    return [f.message for f in lint(parse_document(text, "README.md"), config)]


def test_tag_form_names_the_lists_form_and_the_rewrite():
    text = VENUE_YEAR + "1. [✨2020 Cell] **Odd** [[paper]](https://example.org/odd)\n"
    assert _messages(text, "SCF112") == [
        "tag [✨2020 Cell] is written [YEAR VENUE]; this list writes [VENUE YEAR] "
        "(4 of 5 tags): write [✨Cell 2020]"
    ]


def test_missing_parts_are_told_in_the_lists_form():
    text = VENUE_YEAR + "1. [2020] **A** [[paper]](https://example.org/a)\n"
    text += "1. **B** [[paper]](https://example.org/b)\n"
    assert _messages(text, "SCF101") == ["tag [2020] has no venue: write [VENUE YEAR]"]
    assert _messages(text, "SCF110") == ["entry does not start with a [VENUE YEAR] tag"]


def test_a_section_of_tools_is_one_note_and_a_file_of_tools_one_line():
    tools = "## Toolkits\n" + "- [Tool](https://example.org/t) - a tool\n" * 3
    [note] = _messages(VENUE_YEAR + tools, "SCF111")
    assert note.startswith("section 'Toolkits': 3 list items not in the entry format")
    [line] = _messages("# Tools\n" + tools, "SCF111")
    assert "scfm-lint has nothing to check entry by entry here" in line
    assert "scfm-lint check PATH/TO/LIST.md" in line
