"""Write a :class:`Draft` as one line in the list's own style: tag, title markup, label."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from scfm_lint.compose.draft import Draft
from scfm_lint.conventions.model import Conventions
from scfm_lint.document.facts import LinkForm, TitleMarkup
from scfm_lint.document.model import Entry
from scfm_lint.errors import UsageError

_TAGS = {
    "year-venue": "[{year} {venue}]",
    "venue-year": "[{venue} {year}]",
    "year-dash-venue": "[{year}-{venue}]",
    "year": "[{year}]",
    "venue": "[{venue}]",
}
_LINKS = {
    LinkForm.DOUBLE: "[[{label}]]({url})",
    LinkForm.SINGLE: "[{label}]({url})",
    LinkForm.OUTER: "[[{label}]({url})]",
}
_MARKUP = {TitleMarkup.BOLD: "**{}**", TitleMarkup.PLAIN: "{}", TitleMarkup.OTHER: "*{}*"}


@dataclass(frozen=True, slots=True)
class Style:
    """How the entries around the new one are written."""

    tag: str
    """A key of the tag forms: ``year-venue``, ``venue-year``..."""
    markup: TitleMarkup
    label: str
    link: LinkForm


T = TypeVar("T")


def _most(values: Sequence[T], default: T) -> T:
    return Counter(values).most_common(1)[0][0] if values else default


def learn_style(conventions: Conventions, near: Sequence[Entry], every: Sequence[Entry]) -> Style:
    """The list's tag form; the title markup, label and link form of the entries ``near``
    the new one (the section), or of ``every`` entry when the section has none."""
    pool = [e for e in near if e.tag is not None] or [e for e in every if e.tag is not None]
    markups = [e.title_info.markup for e in pool if e.title_info is not None]
    firsts = [e.links[0] for e in pool if e.links]
    labels = [ln.label for ln in firsts if ln.label]
    forms = [ln.form for ln in firsts if ln.form in _LINKS]
    markup = _most(markups, TitleMarkup.BOLD)
    link = _most(forms, LinkForm.DOUBLE)
    return Style(conventions.tag.value, markup, _most(labels, "paper"), link)


def _escape(title: str) -> str:
    """Characters that would end the bold or start markup inside the title."""
    for ch in ("\\", "*", "`", "<", "["):
        title = title.replace(ch, "\\" + ch)
    return title


def render(draft: Draft, style: Style) -> str:
    """The entry's text after the list marker."""
    form = style.tag if style.tag in _TAGS else "year-venue"
    if "{year}" in _TAGS[form] and draft.year is None:
        raise UsageError("the record gives no year: pass --year")
    if "{venue}" in _TAGS[form] and not draft.venue:
        raise UsageError("the record names no venue: pass --venue")
    tag = _TAGS[form].format(year=draft.year, venue=draft.venue)
    title = _MARKUP[style.markup].format(_escape(draft.title))
    link = _LINKS[style.link].format(label=style.label, url=draft.url)
    return f"{tag} {title} {link}"
