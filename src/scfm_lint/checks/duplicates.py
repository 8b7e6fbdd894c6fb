"""Duplicates across the whole document, graded by certainty.

All six rules share one analysis, done once per document and configuration: entries are
indexed by normalized URL, title and model name, and near-identical titles are compared
only within blocks that share a rare word, so the cost stays near-linear.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
import difflib
import re
from typing import TYPE_CHECKING
import unicodedata

from scfm_lint.checks.registry import Context, Hit, rule
from scfm_lint.checks.shared import per_document
from scfm_lint.document.model import Document, Entry
from scfm_lint.engine.finding import Severity
from scfm_lint.paperlist.urlnorm import url_key

if TYPE_CHECKING:
    from scfm_lint.config.model import Config

_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
_WORD = re.compile(r"[^\W_]+")
# Word overlap (Jaccard) a candidate needs before difflib compares it: near-identical titles
# share most words; this only skips titles that differ in half their words.
_MIN_SHARED_WORDS = 0.5
# A run of words shared by more titles than this is too common to block on.
_MAX_BLOCK = 16
_PAPER_LABEL = re.compile(r"^(paper|pdf|preprint|article|doi|arxiv|biorxiv|medrxiv|journal)")
# Labels of links that are not the paper: two papers may share such a link.
_OTHER_LABEL = re.compile(
    r"^(code|github|gitlab|repo|software|tool|package|portal|website|homepage|project|data"
    r"|dataset|model|weights|hugging ?face|demo|docs|documentation|slides|video|poster|talk"
    r"|tutorial|leaderboard|api|supplement)"
)


def _fold(title: str) -> str:
    if title.isascii():
        return title.casefold()
    return unicodedata.normalize("NFKC", title).casefold()


def _words(folded: str) -> list[str]:
    if not folded.isascii():
        folded = folded.translate(_DASHES)
    return _WORD.findall(folded.replace("-", ""))


def title_key(title: str) -> str:
    """Title identity: case, punctuation, dashes and spacing ignored."""
    return "".join(_words(_fold(title)))


def paper_urls(entry: Entry) -> list[str]:
    """The entry's paper links: the first link unless it is labelled as code, data, a portal
    and the like, and later links labelled like a paper."""
    urls = []
    for i, link in enumerate(entry.links):
        label = link.label.strip().casefold()
        if link.url and (_PAPER_LABEL.match(label) or (i == 0 and not _OTHER_LABEL.match(label))):
            urls.append(link.url)
    return urls


@dataclass(frozen=True, slots=True)
class Pair:
    code: str
    entry: int
    """The later entry, where the finding is reported."""
    other: int
    detail: str
    severity: Severity | None = None


class _Sets:
    """Union-find over entries: a pair already explained by a stronger rule is not repeated."""

    def __init__(self, n: int) -> None:
        self.up = list(range(n))

    def find(self, i: int) -> int:
        while self.up[i] != i:
            self.up[i] = self.up[self.up[i]]
            i = self.up[i]
        return i

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.up[max(ra, rb)] = min(ra, rb)
        return True


def _settings(config: Config) -> tuple[float, tuple[str, ...]]:
    return config.duplicates.title_similarity, config.duplicates.allow


def _similar(a: str, b: str, threshold: float) -> bool:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= threshold
        and matcher.quick_ratio() >= threshold
        and matcher.ratio() >= threshold
    )


class _Index:
    def __init__(self, doc: Document, threshold: float) -> None:
        self.doc = doc
        self.threshold = threshold
        self.keys: list[str] = []
        self.texts: list[str] = []
        self.models: list[str] = []
        self.bare: list[str] = []
        """The title key without the "Model:" prefix ("" when the title has none)."""
        for entry in doc.entries:
            words = _words(_fold(entry.title))
            self.keys.append("".join(words))
            self.texts.append(" ".join(words))
            model = (entry.model_name or "").casefold()
            self.models.append(model)
            self.bare.append("".join(words[len(_words(model)) :]) if model else "")

    def similar(self, a: int, b: int) -> bool:
        """Two titles that differ by a few characters: one title spelled two ways."""
        return _similar(self.texts[a], self.texts[b], self.threshold)

    def names_model(self, a: int, b: int) -> bool:
        """One title names the other's model ("SpatialCorpus-110M (Nicheformer corpus)")."""
        for x, y in ((a, b), (b, a)):
            model = self.models[x]
            if model and re.search(
                rf"(?<!\w){re.escape(model)}(?!\w)",
                self.texts[y] + " " + self.doc.entries[y].title.casefold(),
            ):
                return True
        return False


def _place(doc: Document, entry: Entry) -> str:
    return f"line {entry.line} ({doc.section_title(entry.section)!r})"


def analyse(doc: Document, config: Config) -> list[Pair]:
    """Every duplicate pair of the document, each reported once, strongest reason first."""
    threshold, allow = _settings(config)
    entries = doc.entries
    index = _Index(doc, threshold)
    sets = _Sets(len(entries))
    allowed = {title_key(a) for a in allow} | {url_key(a) for a in allow}
    urls = [[url_key(u) for u in paper_urls(e)] for e in entries]
    silenced = {
        i
        for i in range(len(entries) if allowed else 0)
        if index.keys[i] in allowed or not allowed.isdisjoint(urls[i])
    }
    pairs: list[Pair] = []

    def add(code: str, later: int, first: int, detail: str, sev: Severity | None = None) -> None:
        if sets.join(first, later) and first not in silenced and later not in silenced:
            pairs.append(Pair(code, later, first, detail, sev))

    for group in _groups((k, i) for i, keys in enumerate(urls) for k in dict.fromkeys(keys)):
        first = group[0]
        for later in group[1:]:
            same_section = entries[first].section == entries[later].section
            if index.keys[first] == index.keys[later]:
                if same_section:
                    add("SCF321", later, first, "the same paper twice in one section")
                else:
                    add("SCF326", later, first, "the same paper, cross-listed")
            elif index.similar(first, later):
                add("SCF321", later, first, "the same paper under a slightly different title")
            elif index.names_model(first, later):
                if same_section:
                    add("SCF321", later, first, "the same paper under another title")
                else:
                    add("SCF326", later, first, "a work listed with the paper that describes it")
            else:
                add("SCF325", later, first, "the same URL under an unrelated title")

    by_title = {k: i for i, k in reversed(list(enumerate(index.keys))) if k}  # first holder
    for group in _groups((k, i) for i, k in enumerate(index.keys) if k):
        for later in group[1:]:
            add("SCF322", later, group[0], _title_detail(urls[group[0]], urls[later]))
    for i, bare in enumerate(index.bare):  # "Geneformer: Transfer learning ..." vs "Transfer ..."
        if bare:
            j = by_title.get(bare)
            if j is not None and j != i:
                first, later = min(i, j), max(i, j)
                add("SCF322", later, first, "the same title but for the model-name prefix")

    for first, later in _similar_pairs(index):
        add("SCF323", later, first, "a near-identical title")

    models = (
        ((m, e.year), i)
        for i, (m, e) in enumerate(zip(index.models, entries, strict=True))
        if m and e.year is not None
    )
    for group in _groups(models):
        if not _distinctive(entries[group[0]].model_name or ""):
            continue
        for later in group[1:]:
            add("SCF324", later, group[0], "the same model name and year")
    return pairs


def _title_detail(first: Sequence[str], later: Sequence[str]) -> str:
    """How two entries with the same title differ: their URLs, or a missing link."""
    if first and later:
        return "the same title with a different URL"
    if not first and not later:
        return "the same title twice, neither with a link"
    return "the same title twice, one of them without a link"


def _groups(pairs: Iterable[tuple[Hashable, int]]) -> list[list[int]]:
    """The indexes sharing a key, for keys held by two or more; most keys have one holder,
    so no list is built for them."""
    first: dict[Hashable, int] = {}
    groups: dict[Hashable, list[int]] = {}
    for key, i in pairs:
        held = first.setdefault(key, i)
        if held != i:
            groups.setdefault(key, [held]).append(i)
    return list(groups.values())


def _distinctive(model: str) -> bool:
    """A model name, not a phrase like "Reusability report": one word, or a coined word."""
    words = model.split()
    return len(words) == 1 or any(re.search(r"\d|[a-z][A-Z]|^[A-Z]{2,}", w) for w in words)


def _block_keys(words: list[str], text: str) -> set[str]:
    """Runs of four words that start at an anchor word; the title's ends when runs are few.

    An anchor is a word whose first letter has an even code point: about half the words,
    chosen by content, so two titles that share a run choose it alike wherever it stands.
    """
    # Strings, not tuples: the garbage collector ignores them, which matters at 50k titles.
    n = len(words) - 3
    keys = {" ".join(words[k : k + 4]) for k in range(n) if not ord(words[k][0]) & 1}
    if len(keys) < 3:  # few runs: an edit may fall in all of them
        ends = 12 if len(words) < 6 else 24
        keys.add(f"^{text[:ends]}")
        keys.add(f"{text[-ends:]}$")
        keys.update(" ".join(words[k : k + 4]) for k in range(n))
    return keys


def _similar_pairs(index: _Index) -> Iterator[tuple[int, int]]:
    """Pairs of distinct near-identical titles, found by blocking on runs of words.

    Titles at least 0.9 alike share an anchored run of four words unless an edit falls in
    every such run (short titles: unless both ends changed); a key shared by more than
    ``_MAX_BLOCK`` titles is too common to block on.
    """
    threshold = index.threshold
    words = [t.split() for t in index.texts]
    first: dict[str, int] = {}  # most keys belong to one title: no list for them
    postings: dict[str, list[int]] = {}
    seen: set[str] = set()
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for i, ws in enumerate(words):
        key = index.keys[i]
        if not key or key in seen:
            continue
        seen.add(key)
        candidates: set[int] = set()
        for gram in _block_keys(ws, index.texts[i]):
            earlier = first.setdefault(gram, i)
            if earlier == i:
                continue
            posting = postings.get(gram)
            if posting is None:
                postings[gram] = [earlier, i]
                candidates.add(earlier)
            elif len(posting) < _MAX_BLOCK:
                candidates.update(posting)
                posting.append(i)
        if not candidates:
            continue
        text, model = index.texts[i], index.models[i]
        mine: set[str] | None = None
        loaded = False
        for j in sorted(candidates):
            other = index.texts[j]
            if 2 * min(len(text), len(other)) < threshold * (len(text) + len(other)):
                continue  # difflib's ratio cannot reach the threshold
            if model and index.models[j] and model != index.models[j]:
                continue  # "CellA: ..." and "CellB: ..." are two models, however alike
            if mine is None:
                mine = set(ws)
            theirs = set(other.split())
            shared = len(mine & theirs)
            if shared < _MIN_SHARED_WORDS * (len(mine) + len(theirs) - shared):
                continue
            if not loaded:
                matcher.set_seq2(text)
                loaded = True
            matcher.set_seq1(other)
            if (
                matcher.real_quick_ratio() >= threshold
                and matcher.quick_ratio() >= threshold
                and matcher.ratio() >= threshold
            ):
                yield j, i


_pairs = per_document(lambda doc, config: analyse(doc, config))


def _hits(ctx: Context, code: str) -> Iterator[Hit]:
    doc = ctx.doc
    for pair in _pairs(ctx):
        if pair.code != code:
            continue
        later, first = doc.entries[pair.entry], doc.entries[pair.other]
        # An item with no bold title (``1. [Tool](url): note``) is named by its link's text.
        name = later.title or (later.links[0].label if later.links else "")
        title = name if len(name) <= 60 else name[:57].rstrip() + "..."
        yield Hit(
            later.line,
            later.title_column or later.column,
            f"{title!r} at {_place(doc, later)} duplicates {_place(doc, first)}: {pair.detail}",
            related_line=first.line,
            severity=pair.severity,
        )


_FIX = """
Fix: delete one of the two entries (keep the one in the better section, with the published
venue); if the repetition is deliberate, add the title or URL to `duplicates.allow` or put
`<!-- scfm-lint-disable-next-line {code} -->` above the entry.
"""
_KEYS = """How entries are compared: URLs after normalization (scheme, `www.`, trailing
slash, fragment and tracking parameters ignored; arXiv `abs`/`pdf`/`html` and versions,
bioRxiv and medRxiv versions and `.full`/`.abstract`/`.full.pdf+html` views, `doi.org` links
and the DOI inside a publisher URL (nature.com, biorxiv.org, `/doi/` paths), Elsevier PIIs,
OpenReview ids and PMC ids each reduce to one key); titles ignoring case, punctuation,
dashes and spacing. Only an entry's paper links count (its first link unless labelled code,
data, portal and the like, and links labelled "paper", "pdf", "preprint"...)."""


@rule(
    "SCF321",
    "duplicate-entry",
    Severity.ERROR,
    "The same paper twice in one section, or under two spellings of its title.",
    f"""
What it does: finds two entries whose paper links normalize to the same URL and that are
certainly one paper listed by accident: in one section with the same title (or one naming
the other's model), or anywhere with two near-identical spellings of the title (difflib
ratio at least `duplicates.title-similarity`).

{_KEYS}

Why is this bad? A paper listed twice in one section is a copy-paste slip, and one paper
under two spellings of its title means one copy was edited and the other was not.

Example: the same bioRxiv preprint as `.../2024.11.28.625303v1` and `.../2024.11.28.625303v1.full`.
{_FIX.format(code="SCF321")}""",
)
def duplicate_entry(ctx: Context) -> Iterator[Hit]:
    return _hits(ctx, "SCF321")


@rule(
    "SCF322",
    "duplicate-title",
    Severity.ERROR,
    "Two entries with the same title but different URLs: one paper under two links.",
    f"""
What it does: finds entries anywhere in the document whose titles are equal after
normalization (or equal once one drops a leading "Model:" prefix) while their paper links
differ.

{_KEYS}

Why is this bad? One paper under two URLs is usually a preprint listed next to its
published version, or a stale link; readers cannot tell which one to cite.

Example: `[2023 NeurIPS] **MuSe-GNN: ...** (openreview)` and `[2023 arXiv] **MuSe-GNN: ...**
(arxiv.org)`.
{_FIX.format(code="SCF322")}""",
)
def duplicate_title(ctx: Context) -> Iterator[Hit]:
    return _hits(ctx, "SCF322")


@rule(
    "SCF323",
    "similar-title",
    Severity.WARNING,
    "Two entries with near-identical titles and different URLs.",
    """
What it does: compares titles that differ by a few characters or words (difflib ratio at
least `duplicates.title-similarity`, default 0.9, after case and punctuation are
normalized). Only titles that share a rare word are compared, so the check stays
near-linear on long lists.

Why is this bad? Near-identical titles usually mean one paper entered twice, once as the
preprint and once with the published title, or with a typo fixed in one copy only.

Example: `Evaluating the role of pre-training dataset size ...` (2024 bioRxiv) and
`Evaluating the role of pretraining dataset size ...` (2026 Nature Methods).

Fix: keep one entry (the published version), or list the title in `duplicates.allow`.
""",
)
def similar_title(ctx: Context) -> Iterator[Hit]:
    return _hits(ctx, "SCF323")


@rule(
    "SCF324",
    "duplicate-model-name",
    Severity.WARNING,
    "Two entries name the same model before the title's colon, with the same year.",
    """
What it does: indexes the model name before the title's colon (`scGPT` in `scGPT: ...`)
with the tag's year, and flags a second entry with the same name and year whose title and
URL differ. Phrases such as "Reusability report" are not model names: a name must be one
word or contain a coined word (a digit or an inner capital).

Why is this bad? Two entries for one model in one year are usually the preprint and the
paper, or two versions; sometimes two models share a name, which readers should know.

Example: `[2025 bioRxiv] **GET: a foundation model ...**` and `[2025 Nature] **GET: A foundation
model of transcription ...**` with different links.

Fix: keep one entry, or list one of them in `duplicates.allow`.
""",
)
def duplicate_model_name(ctx: Context) -> Iterator[Hit]:
    return _hits(ctx, "SCF324")


@rule(
    "SCF325",
    "url-under-two-titles",
    Severity.ERROR,
    "One URL under two unrelated titles: one of the links is wrong.",
    f"""
What it does: finds two entries whose paper links normalize to the same URL while their
titles are unrelated (not near-identical, and neither names the other's model).

{_KEYS}

Why is this bad? Two different papers cannot share one URL; one entry points at the wrong
paper, usually after a copy-paste.

Example: `[2024 Cell] **How to build the virtual cell ...**` and `[2024 Computational and
Structural Biotechnology Journal] **A mini-review on perturbation modelling ...**`, both
linking `cell.com/cell/fulltext/S0092-8674(24)01332-1`.

Fix: find the right URL for one of the two entries.
""",
)
def url_under_two_titles(ctx: Context) -> Iterator[Hit]:
    return _hits(ctx, "SCF325")


@rule(
    "SCF326",
    "cross-listed",
    Severity.WARNING,
    "The same paper listed in two different sections.",
    f"""
What it does: finds an entry whose paper link and title match an entry of another section,
or whose title names the other's model (a pretraining corpus listed in a data section with
the paper that built it, "SpatialCorpus-110M (Nicheformer pretraining corpus)").

{_KEYS}

Why is this bad? The list cross-lists some papers on purpose, so this is only a warning;
but an accidental copy in a second section drifts out of date.

Example: `**Cell-JEPA: ...**` under "scRNA-seq" and again under "Models and frameworks".
{_FIX.format(code="SCF326")}""",
)
def cross_listed(ctx: Context) -> Iterator[Hit]:
    return _hits(ctx, "SCF326")
