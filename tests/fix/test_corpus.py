"""The real list's editions: fixing loses no entry, no URL and no line outside the entries."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from fix.helpers import config_for, fixable, run_fix
from fix.test_properties import outside, parse
from scfm_lint.document.model import Document
from scfm_lint.util.textedit import arxiv_abs, https

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
EDITIONS = sorted(CORPUS.glob("paper-list-*.md")) if CORPUS.is_dir() else []
pytestmark = pytest.mark.skipif(not EDITIONS, reason="the shared corpus is not here")


def urls(doc: Document) -> Counter[str]:
    return Counter(link.url for e in doc.entries for link in e.links)


def renamed(url: str, unsafe: bool) -> str:
    """The URL the named link fixes write: arXiv pdf to abs (safe), http to https (unsafe)."""
    url = arxiv_abs(url) or url
    return (https(url) or url) if unsafe else url


@pytest.fixture(params=EDITIONS, ids=lambda p: p.stem)
def text(request: pytest.FixtureRequest) -> str:
    path: Path = request.param
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_nothing_lost_on_the_corpus(text: str, unsafe: bool) -> None:
    config = config_for()
    result = run_fix(text, config, unsafe)
    before, after = parse(text), parse(result.text)
    assert len(after.entries) == len(before.entries)

    expected: Counter[str] = Counter()
    for url, n in urls(before).items():
        expected[renamed(url, unsafe)] += n
    assert urls(after) == expected
    assert Counter(e.year for e in after.entries) == Counter(e.year for e in before.entries)
    titles = Counter(e.title.replace(" :", ":", 1) for e in before.entries)
    assert Counter(e.title for e in after.entries) == titles
    strip = [line.rstrip() for line in outside(before)]
    assert [line.rstrip() for line in outside(after)] == strip
    assert fixable(result.remaining, unsafe) == []
    assert run_fix(result.text, config, unsafe).text == result.text
