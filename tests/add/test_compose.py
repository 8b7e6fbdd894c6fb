"""The pure parts of ``add``: identifiers, canonical URLs, venue spelling, style, placement."""

from __future__ import annotations

import pytest

from scfm_lint.compose.draft import Draft, clean_title, venue_names
from scfm_lint.compose.identifier import canonical_url, parse_identifier
from scfm_lint.compose.place import find_section, position
from scfm_lint.compose.style import Style, render
from scfm_lint.config.load import build_config
from scfm_lint.document.facts import LinkForm, TitleMarkup
from scfm_lint.document.parse import parse_document
from scfm_lint.errors import UsageError
from scfm_lint.paperlist.house import spell_venue
from scfm_lint.verify.ids import Identifier
from scfm_lint.verify.record import Paper


@pytest.mark.parametrize(
    ("text", "scheme", "value"),
    [
        ("2306.04371", "arxiv", "2306.04371"),
        ("arXiv:2306.04371v2", "arxiv", "2306.04371"),
        ("math.GT/0309136", "arxiv", "math/0309136"),
        ("https://arxiv.org/pdf/2306.04371v2.pdf", "arxiv", "2306.04371"),
        ("arxiv.org/abs/2306.04371", "arxiv", "2306.04371"),
        ("10.1038/s41592-024-02201-0", "doi", "10.1038/s41592-024-02201-0"),
        ("doi:10.1038/S41592-024-02201-0", "doi", "10.1038/s41592-024-02201-0"),
        ("https://doi.org/10.48550/arXiv.2306.04371", "arxiv", "2306.04371"),
        ("10.1101/2024.01.02.573001", "biorxiv", "10.1101/2024.01.02.573001"),
        ("https://doi.org/10.1101/2024.01.02.24300001", "medrxiv", "10.1101/2024.01.02.24300001"),
        ("https://www.biorxiv.org/content/10.1101/641381v2.full.pdf", "biorxiv", "10.1101/641381"),
        ("https://www.medrxiv.org/content/10.1101/2024.01.02.24300001v1", "medrxiv", None),
        ("38483032", "pubmed", "38483032"),
        ("PMID: 38483032", "pubmed", "38483032"),
        ("PMC12356405", "pmc", "12356405"),
        ("https://pubmed.ncbi.nlm.nih.gov/38483032/", "pubmed", "38483032"),
        ("https://openreview.net/pdf?id=ECTxVRFhUa", "openreview", "ECTxVRFhUa"),
        ("https://www.nature.com/articles/s41592-024-02201-0.pdf", "doi", None),
        ("https://www.cell.com/cell/fulltext/S0092-8674(24)01332-1", "pii", None),
        ("https://academic.oup.com/bib/article/26/1/bbae548/7887071", "doi", "10.1093/bib/bbae548"),
    ],
)
def test_identifiers(text: str, scheme: str, value: str | None) -> None:
    ident, _ = parse_identifier(text)
    assert ident.scheme == scheme
    if value is not None:
        assert ident.value == value


@pytest.mark.parametrize(
    "text", ["", "hello", "https://example.org/paper", "10.1/x", "ftp://arxiv.org/abs/2306.04371"]
)
def test_not_identifiers(text: str) -> None:
    with pytest.raises(UsageError, match="not an identifier"):
        parse_identifier(text)


@pytest.mark.parametrize(
    ("given", "kwargs", "url"),
    [
        ("https://arxiv.org/pdf/2306.04371v2.pdf", {}, "https://arxiv.org/abs/2306.04371v2"),
        ("http://arxiv.org/abs/2306.04371", {}, "https://arxiv.org/abs/2306.04371"),
        (
            "10.1101/641381",
            {"rxiv_version": "v1"},
            "https://www.biorxiv.org/content/10.1101/641381v1",
        ),
        ("10.1101/641381", {}, "https://www.biorxiv.org/content/10.1101/641381"),
        (
            "https://www.biorxiv.org/content/10.1101/641381v3.abstract",
            {"rxiv_version": "v1"},
            "https://www.biorxiv.org/content/10.1101/641381v3",
        ),
        (
            "https://openreview.net/pdf?id=ECTxVRFhUa",
            {},
            "https://openreview.net/forum?id=ECTxVRFhUa",
        ),
        ("38483032", {}, "https://pubmed.ncbi.nlm.nih.gov/38483032/"),
        ("PMC12356405", {}, "https://pmc.ncbi.nlm.nih.gov/articles/PMC12356405/"),
        ("10.1038/s41592-024-02201-0", {}, "https://www.nature.com/articles/s41592-024-02201-0"),
        (
            "10.1038/s41592-024-02201-0",
            {"doi_form": "doi.org"},
            "https://doi.org/10.1038/s41592-024-02201-0",
        ),
        ("10.1093/bib/bbae548", {}, "https://doi.org/10.1093/bib/bbae548"),
        (
            "http://www.nature.com/articles/s41592-024-02201-0.pdf",
            {},
            "https://www.nature.com/articles/s41592-024-02201-0",
        ),
        (
            "https://www.science.org/doi/pdf/10.1126/science.abc1234",
            {},
            "https://www.science.org/doi/10.1126/science.abc1234",
        ),
        (
            "https://www.cell.com/cell/pdf/S0092-8674(24)01332-1.pdf",
            {},
            "https://www.cell.com/cell/fulltext/S0092-8674(24)01332-1",
        ),
    ],
)
def test_canonical_url(given: str, kwargs: dict[str, str], url: str) -> None:
    ident, as_url = parse_identifier(given)
    assert canonical_url(ident, as_url, **kwargs) == url


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("A title.", "A title"),
        ("A  title\n spread.", "A title spread"),
        ("Is it? Yes!", "Is it? Yes!"),
        ("Wait for it...", "Wait for it..."),
        ("β-VAE – a “quoted” model", "β-VAE – a “quoted” model"),
    ],
)
def test_clean_title(title: str, clean: str) -> None:
    assert clean_title(title) == clean


LIST = """\
# L

## Models

1. [2025 NIPS] **A** [[paper]](https://example.org/a)
1. [2024 NIPS] **B** [[paper]](https://example.org/b)
1. [2023 Computational and Structural Biotechnology Journal] **C** [[paper]](https://example.org/c)
"""


def test_venue_spelling_follows_the_list() -> None:
    config = build_config()
    doc = parse_document(LIST, "README.md")
    catalog = config.venues
    assert spell_venue(["NeurIPS"], doc, catalog) == "NIPS"  # the list's alias stays
    assert spell_venue(["Nat Methods"], doc, catalog) == "Nature Methods"
    assert spell_venue(["nature methods"], doc, catalog) == "Nature Methods"
    assert (
        spell_venue(["Computational and structural biotechnology journal"], doc, catalog)
        == "Computational and Structural Biotechnology Journal"
    )
    assert spell_venue(["Journal of cheminformatics"], doc, catalog) in (
        "Journal of Cheminformatics",
        "J. Cheminformatics",
    )
    assert spell_venue([], doc, catalog) is None


def test_venue_names_of_records() -> None:
    ident = Identifier("pubmed", "1")
    rxiv = Paper(
        ident, "t", venue="bioRxiv : the preprint server for biology", venue_short="bioRxiv"
    )
    assert venue_names(rxiv)[0] == "bioRxiv"
    unaccepted = Paper(Identifier("openreview", "abcdefgh"), "t", kind="conference")
    assert venue_names(unaccepted) == ["OpenReview"]


def test_render_shapes_and_escapes() -> None:
    draft = Draft("A *bold* [claim] <b>", 2025, "Nature", "https://example.org/a")
    bold = Style("year-venue", TitleMarkup.BOLD, "paper", LinkForm.DOUBLE)
    assert render(draft, bold) == (
        r"[2025 Nature] **A \*bold\* \[claim] \<b>** [[paper]](https://example.org/a)"
    )
    plain = Style("venue-year", TitleMarkup.PLAIN, "PDF", LinkForm.SINGLE)
    assert render(draft, plain).startswith("[Nature 2025] A ")
    assert render(draft, plain).endswith("[PDF](https://example.org/a)")
    with pytest.raises(UsageError, match="--venue"):
        render(Draft("t", 2025, None, "u"), bold)
    with pytest.raises(UsageError, match="--year"):
        render(Draft("t", None, "Nature", "u"), bold)
    assert (
        render(Draft("t", 2025, None, "u"), Style("year", TitleMarkup.BOLD, "p", LinkForm.DOUBLE))
        == "[2025] **t** [[p]](u)"
    )


class _E:
    def __init__(self, year: int | None) -> None:
        self.year = year


@pytest.mark.parametrize(
    ("years", "year", "mode", "at"),
    [
        ([2026, 2025, 2025, 2024], 2025, "descending", 1),  # newest of its year
        ([2026, 2025, 2024], 2027, "descending", 0),
        ([2026, 2025, 2024], 2020, "descending", 3),
        ([2016, 2023, 2024, 2026], 2025, "ascending", 3),
        ([2016, 2024, 2024, None, 2026], 2024, "ascending", 3),  # last of its year
        ([2026, 2024, 2025, 2023], 2025, "descending", 1),  # no new disorder
        ([2026, None, 2024], 2025, "descending", 1),
        ([2026, None, 2025, 2024], 2025, "descending", 2),  # beside its year
        ([2026, 2024], None, "descending", 2),
        ([2026, 2024], 2025, "off", 2),
        ([], 2025, "descending", 0),
    ],
)
def test_position(years: list[int | None], year: int | None, mode: str, at: int) -> None:
    assert position([_E(y) for y in years], year, mode) == at  # type: ignore[misc]


def test_section_by_anchor_and_case() -> None:
    doc = parse_document(LIST, "README.md")
    assert find_section(doc, "  MODELS ").text == "Models"
    assert find_section(doc, "#models").text == "Models"
    with pytest.raises(UsageError, match="closest headings: 'Models'"):
        find_section(doc, "Model")


def test_bullets_crlf_and_indent_are_kept(tmp_path, monkeypatch, capsys) -> None:
    from scfm_lint.cli import main

    monkeypatch.chdir(tmp_path)
    text = (
        "# L\r\n\r\n## Papers\r\n\r\n"
        "  - [Nature 2025] *A* [paper](https://example.org/a)\r\n"
        "  - [Nature 2023] *B* [paper](https://example.org/b)\r\n"
        "  - [Nature 2022] *D* [paper](https://example.org/d)\r\n"
    )
    (tmp_path / "README.md").write_bytes(text.encode())
    argv = ["add", "--section", "papers", "--title", "C", "--year", "2024", "--venue", "Nature"]
    assert main([*argv, "--url", "https://example.org/c"]) == 0
    assert (tmp_path / "README.md").read_bytes().decode().splitlines(keepends=True)[5:] == [
        "  - [Nature 2024] *C* [paper](https://example.org/c)\r\n",
        "  - [Nature 2023] *B* [paper](https://example.org/b)\r\n",
        "  - [Nature 2022] *D* [paper](https://example.org/d)\r\n",
    ]
    assert "README.md:6: added under 'Papers' (no request)" in capsys.readouterr().err


def test_closest_headings_are_named_once() -> None:
    doc = parse_document(
        "# L\n\n## Molecule Generative Model\n\n## Protein Generative Model\n", "README.md"
    )
    with pytest.raises(UsageError) as caught:
        find_section(doc, "generative")
    message = str(caught.value)
    assert message.count("'Molecule Generative Model'") == 1
    assert message.count("'Protein Generative Model'") == 1
