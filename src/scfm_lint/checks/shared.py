"""Work several rules share: computed once per document, with the garbage collector paused."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
import gc
from typing import TYPE_CHECKING, TypeVar

from scfm_lint.checks.registry import Context
from scfm_lint.document.model import Document

if TYPE_CHECKING:
    from scfm_lint.config.model import Config

T = TypeVar("T")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk build of acyclic index objects.

    Building indexes over 50,000 entries allocates enough containers to trigger repeated
    full collections over the whole document, which cost as much as the analysis itself.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def per_document(
    build: Callable[[Document, Config], T],
) -> Callable[[Context], T]:
    """Wrap ``build(doc, config)`` so the rules that ask for it share one result per document."""
    last: list[tuple[Document, Config, T]] = []

    def get(ctx: Context) -> T:
        if last and last[0][0] is ctx.doc and last[0][1] is ctx.config:
            return last[0][2]
        with gc_paused():
            value = build(ctx.doc, ctx.config)
        last[:] = [(ctx.doc, ctx.config, value)]
        return value

    return get
