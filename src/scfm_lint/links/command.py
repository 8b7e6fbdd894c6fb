"""``scfm-lint links``: options, the run (cache, network, findings) and the report.

aiohttp is imported only inside :func:`run` (through :mod:`scfm_lint.links.checker` and,
with ``--verify``, :mod:`scfm_lint.verify.core`), so registering the subcommand costs
nothing on the offline path.

``--verify`` (or ``verify.enabled``) also verifies each entry link's identifier against its
metadata service, in the same event loop and over the same session as the page checks, at
the same time; see :mod:`scfm_lint.links.findings` for how the two verdicts are merged.
"""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
import sys
import time
from typing import TYPE_CHECKING, TextIO, TypeVar

from scfm_lint.config.model import Config
from scfm_lint.document.model import Document, Link
from scfm_lint.engine.finding import Finding, Severity
from scfm_lint.links.findings import Row, is_web_link, key_of, rows, to_findings
from scfm_lint.links.policy import Policies
from scfm_lint.links.report import LinkStats
from scfm_lint.links.result import LinkResult
from scfm_lint.links.settings import Settings, default_cache_path, from_config, with_options
from scfm_lint.verify.record import Stats, VerifyResult

if TYPE_CHECKING:
    import aiohttp

    from scfm_lint.links.checker import Progress
    from scfm_lint.verify.cache import MetadataCache

T = TypeVar("T")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the link checker's options (each overrides its ``links:`` config key)."""
    group = parser.add_argument_group("link checking")
    group.add_argument("--concurrency", type=int, metavar="N", help="requests in flight (64)")
    group.add_argument("--per-host", type=int, metavar="N", help="requests in flight per host (4)")
    group.add_argument("--timeout", type=float, metavar="SECONDS", help="one request (10)")
    group.add_argument(
        "--deadline", type=float, metavar="SECONDS", help="the whole run; the rest is unchecked"
    )
    group.add_argument("--retries", type=int, metavar="N", help="retries of transient failures")
    group.add_argument(
        "--allow-private",
        action="store_true",
        help="check targets on private, loopback and link-local addresses",
    )
    group.add_argument("--cache-path", metavar="PATH", help="the SQLite verdict cache")
    group.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    group.add_argument(
        "--max-age", metavar="DURATION", help="reuse cached verdicts younger than this (12h, 3d)"
    )
    group.add_argument(
        "--fail-verdicts",
        metavar="LIST",
        help="verdicts that fail the run, comma-separated (default: dead,invalid)",
    )
    group.add_argument(
        "--no-progress", action="store_true", help="no progress bar (none off a terminal)"
    )
    group.add_argument(
        "--verify",
        action="store_true",
        help="also verify each paper link's DOI, arXiv, bioRxiv, OpenReview or PubMed id"
        " against its metadata service (config: verify.enabled)",
    )
    group.add_argument(
        "--verify-cache-path",
        metavar="PATH",
        help="the SQLite paper-metadata cache of --verify (--no-cache turns it off too)",
    )


@dataclass(frozen=True, slots=True)
class CheckRun:
    """The outcome of checking a set of URLs."""

    results: dict[str, LinkResult]
    """Verdicts keyed by :func:`~scfm_lint.links.findings.key_of` of the URL."""
    requests: int
    """Requests sent over the network (cache hits send none)."""
    down: str | None = None
    """Why the run stopped early (the network is down), else None."""


def excluded(url: str, settings: Settings, policies: Policies) -> bool:
    """Whether an ``exclude`` pattern (global or of the URL's host policy) matches ``url``."""
    from scfm_lint.links.urls import host_of

    pats = settings.exclude + policies.for_host(host_of(url)).exclude
    return any(p.search(url) for p in pats)


async def check_urls(
    keys: Iterable[str],
    settings: Settings,
    policies: Policies,
    *,
    session: aiohttp.ClientSession | None = None,
    progress: Progress | None = None,
) -> CheckRun:
    """Check URLs over ``session`` (or one opened for the run) and return their verdicts."""
    from scfm_lint.links.checker import Checker, open_session

    if session is None:
        async with open_session(settings) as own:
            return await check_urls(keys, settings, policies, session=own, progress=progress)
    checker = Checker(session, settings, policies, progress=progress)
    results = await checker.check(keys)
    return CheckRun(results, checker.requests_sent, checker.network_down)


async def _both(
    keys: Sequence[str],
    settings: Settings,
    policies: Policies,
    progress: Progress | None,
    beside: Callable[[aiohttp.ClientSession], Awaitable[T]] | None,
) -> tuple[CheckRun, T | None]:
    import asyncio

    from scfm_lint.links.network import open_session, unless_down

    async with open_session(settings) as session:
        pages = check_urls(keys, settings, policies, session=session, progress=progress)
        if beside is None:
            return await pages, None
        work = asyncio.ensure_future(beside(session))
        checked, finished = await asyncio.gather(pages, unless_down(session, work))
        if not finished:
            # The papers' services are as unreachable as the pages: no verification at all.
            message = _down_message(session)
            return replace(checked, down=checked.down or message), None
        return checked, work.result()


def _down_message(session: aiohttp.ClientSession) -> str | None:
    from scfm_lint.links.network import watch_of

    watch = watch_of(session)
    return watch.message if watch is not None else None


def check_beside(
    keys: Sequence[str],
    settings: Settings,
    policies: Policies,
    progress: Progress | None = None,
    beside: Callable[[aiohttp.ClientSession], Awaitable[T]] | None = None,
) -> tuple[CheckRun, T | None]:
    """Serve what the cache knows, check the rest over the network and store fresh verdicts,
    running ``beside(session)`` (``--verify``) concurrently in the same event loop over the
    same session; returns both outcomes."""
    import asyncio

    from scfm_lint.links.cache import Cache

    cache = None
    hits: dict[str, LinkResult] = {}
    if settings.cache_enabled:
        path = settings.cache_path or default_cache_path()
        cache = Cache(path, settings.ttl, settings.max_age)
        hits = cache.get(keys)
    misses = [k for k in keys if k not in hits]
    try:
        fresh, other = asyncio.run(_both(misses, settings, policies, progress, beside))
        if cache is not None:
            cache.put(fresh.results.values())
    finally:
        if cache is not None:
            cache.close()
    return CheckRun({**hits, **fresh.results}, fresh.requests, fresh.down), other


@dataclass
class Verification:
    """Paper verification as the link checker runs it: which links, which cache, its cost."""

    documents: Sequence[Document]
    config: Config
    """The configuration whose ``verify:`` section applies (deadline already bounded)."""
    keep: Callable[[Link], bool]
    cache: MetadataCache | None = None
    stats: Stats = field(default_factory=Stats)

    async def __call__(self, session: aiohttp.ClientSession) -> dict[str, list[VerifyResult]]:
        from scfm_lint.verify.core import verify_documents

        return await verify_documents(
            self.documents,
            self.config,
            session,
            cache=self.cache,
            stats=self.stats,
            keep=self.keep,
        )

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()


def wants_verify(args: argparse.Namespace, config: Config) -> bool:
    """``--verify``, or ``verify.enabled: true`` in the configuration."""
    return bool(getattr(args, "verify", False)) or config.verify.enabled


def verification(
    args: argparse.Namespace,
    documents: Sequence[Document],
    config: Config,
    settings: Settings,
    keep: Callable[[Link], bool],
) -> Verification:
    """The metadata cache as the options say, and the settings bounded by the run's.

    ``--no-cache`` turns the metadata cache off too; ``--verify-cache-path`` names its file;
    ``--max-age`` bounds its TTL as it bounds the verdict cache's; the run's ``--deadline``
    bounds ``verify.deadline``."""
    from scfm_lint.verify.cache import open_cache

    verify = config.verify
    verify = replace(verify, deadline=min(verify.deadline or settings.deadline, settings.deadline))
    if settings.max_age is not None:
        verify = replace(verify, cache_ttl=min(verify.cache_ttl, settings.max_age))
    cache = None
    if not getattr(args, "no_cache", False):
        path = getattr(args, "verify_cache_path", None)
        cache = open_cache(verify, Path(path).expanduser() if path else None)
    return Verification(documents, replace(config, verify=verify), keep, cache)


def _by_place(results: Sequence[VerifyResult]) -> dict[tuple[int, int, str], VerifyResult]:
    return {(r.line, r.column, r.url): r for r in results}


def _paper_findings(
    results: Sequence[VerifyResult], path: str, overrides: Mapping[str, Severity]
) -> list[Finding]:
    """SCF5xx findings; SCF506 (unverified) only for links that name an identifier."""
    from scfm_lint.verify.findings import results_to_findings

    named = [r for r in results if r.ident is not None]
    return results_to_findings(named, path, severities=overrides, include_unknown=True)


def _targets(
    documents: Sequence[Document], settings: Settings, policies: Policies
) -> tuple[dict[str, None], int]:
    """The distinct URLs to check (by :func:`key_of`) and how many links were excluded."""
    keys: dict[str, None] = {}
    skipped = 0
    for doc in documents:
        for link in doc.links:
            if not is_web_link(link.url):
                continue
            if excluded(link.url, settings, policies):
                skipped += 1
                continue
            keys[key_of(link.url)] = None
    return keys, skipped


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a link check found: the findings (selected, pragmas applied) and its statistics."""

    findings: list[Finding]
    stats: LinkStats
    down: str | None = None
    """Why the run stopped early (the network is down), else None."""


def check_documents(
    args: argparse.Namespace,
    documents: Sequence[Document],
    config: Config,
    progress: Progress | None = None,
) -> Outcome:
    """Check every web link of ``documents`` (and, with ``--verify``, their papers).

    Paper findings (SCF5xx) are merged with the link findings under the same selection,
    severity, pragma and fail-on rules."""
    from scfm_lint.engine.suppress import apply_pragmas

    started = time.monotonic()
    settings = with_options(from_config(config), args)
    policies = config.hosts
    keys, skipped = _targets(documents, settings, policies)
    verify = None
    if wants_verify(args, config):
        verify = verification(
            args, documents, config, settings, lambda link: key_of(link.url) in keys
        )
    try:
        checked, papers = check_beside(list(keys), settings, policies, progress, verify)
    finally:
        if verify is not None:
            verify.close()
    selection = config.selection
    findings: list[Finding] = []
    all_rows: list[Row] = []
    for doc in documents:
        verified = _by_place(papers.get(doc.path, ())) if papers is not None else None
        found = to_findings(doc, checked.results, settings.fail_on, selection.severity, verified)
        if papers is not None:
            found += _paper_findings(papers.get(doc.path, ()), doc.path, selection.severity)
        kept = apply_pragmas(doc, [f for f in found if selection.enabled(f.code)])
        if papers is not None:
            from scfm_lint.links.fixes import attach_published

            kept = attach_published(doc, config, kept, papers.get(doc.path, ()))
        findings += kept
        all_rows += rows(doc, checked.results, verified)
    stats = LinkStats(
        all_rows,
        len(documents),
        checked.requests,
        time.monotonic() - started,
        skipped,
        verify.stats if verify is not None else None,
    )
    return Outcome(sorted(findings), stats, checked.down)


def run(
    args: argparse.Namespace,
    documents: Sequence[Document],
    config: Config,
    out: TextIO | None = None,
) -> int:
    """Check every web link of ``documents`` and print the report; 1 when a finding fails
    the run (or ``--fix`` rewrote a file)."""
    from scfm_lint.cli.common import emit
    from scfm_lint.links.progress import progress_for
    from scfm_lint.output.reporters import Report

    quiet = getattr(args, "no_progress", False) or getattr(args, "quiet", False)
    outcome = check_documents(args, documents, config, None if quiet else progress_for())
    findings, rewritten = outcome.findings, False
    diff = getattr(args, "diff", False)
    if getattr(args, "fix", False) or diff:
        from scfm_lint.links.fixes import fix_documents

        findings, rewritten = fix_documents(documents, findings, args)
    report = Report(findings, len(documents), outcome.stats)
    # With --diff, stdout carries only the patch, so the report goes to stderr.
    emit(report, args, out or (sys.stderr if diff else sys.stdout))
    if outcome.down is not None:
        print(f"scfm-lint: error: {outcome.down}", file=sys.stderr)
        return 2
    return 1 if config.selection.fails(findings) or rewritten else 0
