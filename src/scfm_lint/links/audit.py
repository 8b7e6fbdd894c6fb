"""The Markdown link audit: counts, what to do per verdict, then problems by file and section.

A maintainer acts on it without the README: each verdict shown comes with its advice, each
row names the entry (or says what else the link is: a badge, an image, a prose link), and the
last column says where the link led or what to write instead, once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from scfm_lint.links.findings import Row
from scfm_lint.verify.record import VERDICTS

if TYPE_CHECKING:
    from scfm_lint.links.report import LinkStats

_PAPER_PROBLEMS = tuple(v for v in VERDICTS if v not in ("exists", "unknown"))
BEFORE_HEADINGS = "Before the first heading"
_ORDER = ("dead", "invalid", "redirected", "blocked", "unchecked", "excluded")
"""The order problems are listed in; a verdict not named here comes after these."""

ADVICE = {
    "dead": "The page is gone (404, 410, no such host). Find where the paper lives now (its DOI,"
    " the journal's page, the preprint) and link that, or remove the link.",
    "invalid": "The URL is malformed (a typo in the scheme, the host or the brackets). Correct"
    " it as written in the list.",
    "redirected": "The link moved for good. Write the URL it moved to; `scfm-lint links --fix"
    " --unsafe-fixes` rewrites entry links for you.",
    "blocked": "The host refuses automated checks (401, 403, 429 or a challenge page), so the"
    " link may well work. Open it in a browser; if it works there is nothing to do.",
    "unchecked": "No answer in time (timeout, connection failure, the run's deadline). Run the"
    " check again later, or with a longer --timeout or --deadline.",
    "excluded": "scfm-lint declined to check this link: it points at a private, loopback or"
    " link-local address, which a reader of a public list cannot reach either. Link the public"
    " page; if the address is meant, rerun with --allow-private (nothing is cached for it).",
}
"""What a maintainer does about each verdict (the audit prints the ones it shows)."""


def verdict_order(verdict: str) -> int:
    return _ORDER.index(verdict) if verdict in _ORDER else len(_ORDER)


def _cell(text: object) -> str:
    return " ".join(str(text if text is not None else "").split()).replace("|", "\\|")


def _paper_problem(row: Row) -> bool:
    return row.verify is not None and row.verify.verdict in _PAPER_PROBLEMS


def _problem(row: Row, papers: bool) -> bool:
    return row.result.verdict != "ok" or (papers and _paper_problem(row))


def what(row: Row) -> str:
    """What the link is: its entry's title, else a badge, an image or the link's text."""
    if row.entry_title:
        return row.entry_title
    link = row.link
    label = link.label.strip()
    if link.kind == "html" and label.lower() == "a":
        # The HTML parser names an <a> by its tag: around an <img> it is a badge.
        return "badge or HTML link"
    if link.kind in ("image", "html"):
        # An HTML <img> is named by its alt text, as a Markdown image is.
        return f"image {label!r}" if label and label.lower() != "img" else "image"
    return f"link {label!r}" if label else "link"


def section_name(row: Row) -> str:
    return BEFORE_HEADINGS if row.link.section is None else row.section


def led_to(row: Row) -> str:
    """Where the link led or what to write instead, each URL once."""
    r = row.result
    suggestions = [r.suggestion, row.verify.suggestion if row.verify else None]
    found = list(dict.fromkeys(s for s in suggestions if s))
    if found:
        return "write " + " or ".join(found)
    if r.final_url and r.final_url != row.link.url:
        return f"ended at {r.final_url}"
    return ""


def _why(row: Row) -> str:
    """The page's reason when the page is a problem, and the paper's when it is one."""
    parts = []
    if row.page != "ok" and row.result.message:
        parts.append(row.result.message)
    if row.verify is not None and (_paper_problem(row) or row.page_verdict is not None):
        parts.append(row.verify.message)
    return "; ".join(parts)


def _paper_cell(row: Row) -> str:
    v = row.verify
    if v is None:
        return ""
    return f"{v.verdict} ({v.ident})" if v.ident else v.verdict


def _counts(stats: LinkStats, out: TextIO, papers: bool) -> None:
    out.write("| verdict | links |\n| --- | ---: |\n")
    for verdict, n in stats.counts().items():
        out.write(f"| {verdict} | {n} |\n")
    if papers:
        out.write("\n| paper verdict | links |\n| --- | ---: |\n")
        for verdict, n in stats.paper_counts().items():
            out.write(f"| {verdict} | {n} |\n")
    out.write(f"\n{stats.summary()}\n")
    nothing = stats.nothing_checked()
    if nothing:
        out.write(f"\n{nothing}\n")
    if papers:
        out.write(f"\n{stats.paper_summary()}\n")


def _advice(problems: list[Row], out: TextIO) -> None:
    shown = sorted({row.result.verdict for row in problems}, key=verdict_order)
    lines = [f"- **{v}**: {ADVICE[v]}" for v in shown if v in ADVICE]
    if lines:
        out.write("\n## What to do\n\n" + "\n".join(lines) + "\n")


def _published_since(rows: list[Row], out: TextIO) -> None:
    """One row per preprint entry whose published version exists: what to write instead."""
    found = [r for r in rows if r.verify is not None and r.verify.verdict == "published"]
    if not found:
        return
    out.write(
        "\n## Published since\n\n"
        "Preprints whose journal or conference version exists. `scfm-lint links --verify --fix"
        " --unsafe-fixes` writes the new tag and URL (and moves the entry when its year"
        " changed).\n\n"
        "| file | line | entry | preprint | new tag | new URL |\n"
        "| --- | ---: | --- | --- | --- | --- |\n"
    )
    for row in sorted(found, key=lambda r: (r.path, r.link.line)):
        v = row.verify
        assert v is not None
        tag = f"[{v.published_tag[0]} {v.published_tag[1]}]" if v.published_tag else ""
        cells = [row.path, str(row.link.line), what(row), row.link.url, tag, v.published_url]
        out.write("| " + " | ".join(_cell(c) for c in cells) + " |\n")


def write_audit(stats: LinkStats, out: TextIO) -> None:
    """The audit: counts, advice for the verdicts found, preprints published since, then one
    table per section."""
    papers = stats.verify is not None
    problems = [row for row in stats.rows if _problem(row, papers)]
    out.write("# Link check\n\n")
    _counts(stats, out, papers)
    if not problems:
        out.write("\nNo problems found.\n")
        return
    _advice(problems, out)
    _published_since(problems, out)
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in sorted(problems, key=lambda r: (r.path, r.link.line, r.link.column)):
        groups.setdefault((row.path, section_name(row)), []).append(row)
    for (path, section), members in groups.items():
        out.write(f"\n## {_cell(section)} ({_cell(path)})\n\n")
        head = "| line | entry | verdict | status | why | link | led to / write instead |"
        rule = "| ---: | --- | --- | ---: | --- | --- | --- |"
        if papers:
            head = head.replace("| verdict |", "| verdict | page | paper |")
            rule = rule.replace("| --- | ---: |", "| --- | --- | --- | ---: |", 1)
        out.write(f"{head}\n{rule}\n")
        for row in sorted(members, key=lambda r: (verdict_order(r.result.verdict), r.link.line)):
            r = row.result
            cells = [str(row.link.line), _cell(what(row)), r.verdict]
            if papers:
                cells += [row.page, _cell(_paper_cell(row))]
            cells += [_cell(r.status), _cell(_why(row)), _cell(row.link.url), _cell(led_to(row))]
            out.write("| " + " | ".join(cells) + " |\n")
