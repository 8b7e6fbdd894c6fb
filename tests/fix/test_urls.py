"""URL rewrites offered to rules: arXiv pdf -> abs, http -> https, and the edit they make."""

from __future__ import annotations

import pytest

from scfm_lint.document.parse import parse_document
from scfm_lint.fixing.apply import apply_edits
from scfm_lint.util.textedit import arxiv_abs, https, link_fix


@pytest.mark.parametrize(
    ("url", "want"),
    [
        pytest.param(
            "https://arxiv.org/pdf/2408.12373", "https://arxiv.org/abs/2408.12373", id="new id"
        ),
        pytest.param(
            "https://arxiv.org/pdf/2408.12373v2.pdf",
            "https://arxiv.org/abs/2408.12373v2",
            id="version and .pdf",
        ),
        pytest.param(
            "http://export.arxiv.org/pdf/q-bio/0601001v1",
            "http://export.arxiv.org/abs/q-bio/0601001v1",
            id="old id, export host",
        ),
        pytest.param("https://arxiv.org/abs/2408.12373", None, id="already abs"),
        pytest.param(
            "https://arxiv.org/pdf/2408.12373#page=3", None, id="fragment kept: no rewrite"
        ),
        pytest.param(
            "https://www.biorxiv.org/content/10.1101/2024.01.01.1v1.full.pdf", None, id="not arXiv"
        ),
    ],
)
def test_arxiv_abs(url: str, want: str | None) -> None:
    assert arxiv_abs(url) == want


@pytest.mark.parametrize(
    ("url", "want"),
    [
        ("http://example.org/a?b=(c)", "https://example.org/a?b=(c)"),
        ("HTTP://example.org/", "https://example.org/"),
        ("https://example.org/", None),
        ("ftp://example.org/", None),
    ],
)
def test_https(url: str, want: str | None) -> None:
    assert https(url) == want


def test_link_fix_rewrites_only_the_url() -> None:
    text = "# P\n\n## M\n\n1. [2024 arXiv] **T** [[paper]](https://arxiv.org/pdf/2408.12373v2) · [[code]](http://x.org)\n"
    doc = parse_document(text, "README.md")
    paper, code = doc.entries[0].links
    fixes = [link_fix(doc, paper, arxiv_abs(paper.url) or "", safe=True)]
    fixes.append(link_fix(doc, code, https(code.url) or "", safe=False))
    edits = [e for f in fixes if f is not None for e in f.edits]
    assert apply_edits(text, edits) == text.replace("pdf/2408", "abs/2408").replace(
        "http://x", "https://x"
    )
    assert link_fix(doc, paper, paper.url, safe=True) is None
