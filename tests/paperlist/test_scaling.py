"""Near-linear duplicate search and its recall on near-identical titles (no timing: counts)."""

from __future__ import annotations

import difflib
import random

import pytest

from scfm_lint.checks import duplicates
from scfm_lint.checks.ordering import misplaced
from scfm_lint.document.parse import parse_document

TITLES = [
    "The virtual cell",
    "Foundation models for genomics",
    "Nicheformer: a foundation model for single-cell and spatial omics",
    "Towards multimodal foundation models in molecular cell biology",
    "Benchmarking foundation cell models for post-perturbation RNA-seq prediction",
    "A pre-trained large generative model for translating single-cell transcriptome to proteome",
    "Zero-shot evaluation reveals limitations of single-cell foundation models",
    "Scaling up training dataset size for transcriptomic AI models is much pain with little gain",
    "Evaluating the role of pretraining dataset size and diversity on single-cell foundation "
    "model performance",
]


def _doc(titles: list[str]):
    lines = ["## Papers"]
    lines += [
        f"1. [2024 arXiv] **{t}** [[paper]](https://example.org/{i})" for i, t in enumerate(titles)
    ]
    return parse_document("\n".join(lines) + "\n", "README.md")


def _edits(title: str):
    words = title.split()
    for k, word in enumerate(words):
        for new in (word + "s", word[:-1] if len(word) > 3 else word + "x"):
            yield " ".join([*words[:k], new, *words[k + 1 :]])


def test_recall_of_one_word_edits():
    found = total = 0
    for title in TITLES:
        for edited in _edits(title):
            index = duplicates._Index(_doc([title, edited]), 0.9)
            ratio = difflib.SequenceMatcher(None, index.texts[0], index.texts[1]).ratio()
            if ratio < 0.9 or index.keys[0] == index.keys[1]:
                continue
            total += 1
            found += bool(list(duplicates._similar_pairs(index)))
    assert total > 100
    assert found / total >= 0.9


@pytest.mark.parametrize("n", [2000, 8000])
def test_comparisons_grow_linearly_on_a_tiny_vocabulary(n, monkeypatch):
    """The worst case for blocking: every title drawn from 30 words."""
    rng = random.Random(n)
    vocab = [f"word{i}" for i in range(30)]
    titles = [" ".join(rng.choice(vocab) for _ in range(rng.randint(5, 12))) for _ in range(n)]
    calls = 0
    real = difflib.SequenceMatcher.set_seq1

    def counting(self, a):
        nonlocal calls
        calls += 1
        return real(self, a)

    monkeypatch.setattr(difflib.SequenceMatcher, "set_seq1", counting)
    list(duplicates._similar_pairs(duplicates._Index(_doc(titles), 0.9)))
    assert calls <= 2 * n


def test_one_misplaced_entry_in_a_long_list_gives_one_finding():
    years = [2026 - i // 50 for i in range(1000)]
    years.insert(700, 2026)
    lines = ["## Papers"]
    lines += [
        f"1. [{y} arXiv] **T{i}** [[paper]](https://example.org/{i})" for i, y in enumerate(years)
    ]
    doc = parse_document("\n".join(lines) + "\n", "README.md")
    hits = list(misplaced(doc.entries, "newest-first"))
    assert [h.line for h in hits] == [702]
