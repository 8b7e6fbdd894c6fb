"""Documentation of the rules whose findings ``scfm-lint links --verify`` produces (SCF5xx).

The checks run over the network in :mod:`scfm_lint.verify`; this module only registers
their identity, so it must stay free of aiohttp.
"""

from __future__ import annotations

from scfm_lint.checks.registry import network_rule
from scfm_lint.engine.finding import Severity

CODES = {
    "not-found": ("SCF501", "paper-not-found"),
    "title-mismatch": ("SCF502", "title-mismatch"),
    "year-mismatch": ("SCF503", "year-mismatch"),
    "venue-mismatch": ("SCF504", "venue-mismatch"),
    "published": ("SCF505", "preprint-since-published"),
    "unknown": ("SCF506", "unverified-paper"),
    "retracted": ("SCF507", "retracted-paper"),
}
"""Verdict -> (code, name) of the finding reported for it (``exists`` yields none)."""

SEVERITY = {
    "not-found": Severity.ERROR,
    "title-mismatch": Severity.WARNING,
    "year-mismatch": Severity.WARNING,
    "venue-mismatch": Severity.WARNING,
    "published": Severity.INFO,
    "unknown": Severity.INFO,
    "retracted": Severity.ERROR,
}
"""Verdict -> default severity."""

network_rule(
    "SCF501",
    "paper-not-found",
    SEVERITY["not-found"],
    "A link whose identifier (DOI, arXiv, bioRxiv, OpenReview, PubMed id) does not exist.",
    """
What it does: reads the identifier a link names (a doi.org DOI, a Nature article id, an
arXiv or bioRxiv id, an OpenReview forum id, a PMID) and asks the identifier's own
metadata service (Crossref, arXiv, bioRxiv/medRxiv, OpenReview, NCBI E-utilities) for it.
It reports the link when the service answers that no such paper exists.

Why is this bad? The link is dead even if the publisher's page cannot be checked (many
publishers block automated checks), usually because of a typo in the identifier.

Example: `[[paper]](https://doi.org/10.1038/s41592-024-99999-9)`.

Fix: copy the identifier again from the paper's page and correct the link.
""",
)

network_rule(
    "SCF502",
    "title-mismatch",
    SEVERITY["title-mismatch"],
    "A link whose paper has another title than the entry: probably a wrong link.",
    """
What it does: compares the entry's title with the title the identifier's metadata gives,
ignoring case, punctuation, Unicode dashes, markup and a model-name prefix (`scGPT: ...`)
on either side, and tolerating small edits (`verify.title-threshold`).

Why is this bad? The link leads to another paper than the one the entry names: a URL
pasted under the wrong entry, or a title that does not match its paper.

Example: `**scGPT: toward building ...** [[paper]](https://doi.org/<Geneformer's DOI>)`.

Fix: link the paper the entry names, or correct the title; both titles are in the message.
""",
)

network_rule(
    "SCF503",
    "year-mismatch",
    SEVERITY["year-mismatch"],
    "An entry whose tag year is none of the years the paper's metadata gives.",
    """
What it does: compares the tag's year with the years the metadata service gives for the
paper: print, online and issue dates for journals, every version's date for preprints, the
meeting's year for OpenReview papers. Any of them is accepted.

Why is this bad? The list is ordered and read by year; a wrong year misplaces the paper.

Example: `[2023 Nature Methods]` for a paper published in 2024.

Fix: use the suggested year.
""",
)

network_rule(
    "SCF504",
    "venue-mismatch",
    SEVERITY["venue-mismatch"],
    "An entry whose tag venue is not where the linked paper appeared.",
    """
What it does: compares the tag's venue with the journal, meeting or preprint server the
metadata gives (abbreviations such as `Nat Methods` and `PNAS` are accepted). A preprint tag
on a journal DOI, or a journal tag on a preprint link, is reported with the published venue
and year when the service knows them.

Why is this bad? Readers trust the tag to say where a paper appeared; a preprint tag on a
published paper hides its peer review, and a journal tag on a preprint link overstates it.

Example: `[2024 bioRxiv]` on `https://doi.org/10.1038/s41592-025-...` (a 2025 Nature
Methods paper).

Fix: use the suggested tag, or link the version the tag names.
""",
)

network_rule(
    "SCF505",
    "preprint-since-published",
    SEVERITY["published"],
    "A preprint entry whose paper has since been published: the published version is named.",
    """
What it does: for a preprint tagged as a preprint (bioRxiv, medRxiv, arXiv), reports the
published version that Crossref (an `is-preprint-of` relation), bioRxiv/medRxiv (the
`published` DOI) or arXiv (the `doi` and `journal_ref` fields) records for it. The message
and the suggestion give the new tag (the published venue as the venue catalog spells it,
and its year) and the published version's URL.

Why is this bad? Nothing is broken, but the entry decays: readers usually want the
peer-reviewed version, and a `[2023 bioRxiv]` tag hides that the paper appeared since.

Example: `[2023 bioRxiv] ... [[paper]](https://www.biorxiv.org/content/10.1101/...)` whose
preprint is now a 2024 Nature Methods paper.

Fix: write the suggested tag and URL. `links --verify --fix --unsafe-fixes` rewrites the
entry (tag and first link) and, when the year changed in a list ordered by year, moves it to
where its new year belongs (after the entries of the same year); where the list is numbered
sequentially the markers keep counting. An entry whose published version's venue, year or
DOI is unknown is reported but left alone.
""",
)

network_rule(
    "SCF506",
    "unverified-paper",
    SEVERITY["unknown"],
    "A link whose identifier could not be verified (service down, rate-limited, no metadata).",
    """
What it does: reports identifiers that the metadata service could not confirm or deny:
it kept failing or rate-limiting past the retries, or it holds no metadata for them (a DOI
registered with another agency than Crossref, a PII Crossref does not index).

Why is this bad? Nothing is known to be wrong; the paper is simply unverified this run.

Example: a DOI registered with DataCite.

Fix: nothing, or run again later.
""",
)

network_rule(
    "SCF507",
    "retracted-paper",
    SEVERITY["retracted"],
    "A link whose paper has been retracted or withdrawn (Crossref `updated-by`).",
    """
What it does: reads the `updated-by` notices Crossref records for the linked paper and
reports the paper when one of them is a retraction, a withdrawal or a removal (corrections
and addenda are not reported). The message names the notice.

Why is this bad? A reading list recommends its papers; a retracted one misleads every reader
who trusts the list.

Example: `[2023 Cell] **A retracted cell atlas** [[paper]](https://doi.org/10.1016/...)`
whose DOI Crossref lists as updated by a retraction notice.

Fix: remove the entry, or keep it with a note that it was retracted.
""",
)
