"""A cache that cannot be opened, read or written costs the cache, never the report.

Each case runs ``scfm-lint links`` (and ``links --verify``) against loopback servers and
expects the normal report and exit code with one warning line on stderr. File modes mean
nothing to root, so besides ``chmod`` the cases use ways that hold for every user: a cache
path under a regular file, garbage bytes, a lock held by another connection, a read-only
``mode=ro`` connection, and SQLite's own "disk is full" under ``max_page_count``.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
from pathlib import Path
import sqlite3
import stat
import sys
from typing import Any

import pytest

from scfm_lint.cli import main
from scfm_lint.links.cache import Cache
from scfm_lint.links.result import LinkResult
from scfm_lint.util import sqlite_store
from scfm_lint.verify.cache import MetadataCache
from scfm_lint.verify.ids import Identifier
from scfm_lint.verify.record import Lookup, Paper


def _fakes() -> Any:
    """The metadata services' loopback impersonation of tests/verify (not a package here)."""
    path = Path(__file__).parents[1] / "verify" / "fakes.py"
    spec = importlib.util.spec_from_file_location("verify_fakes", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


fakes = _fakes()
SCGPT = fakes.SCGPT
TTL = {"ok": 100.0, "redirected": 100.0, "blocked": 10.0}
GARBAGE = b"this is not a database\n" * 200
as_root = os.geteuid() == 0 if hasattr(os, "geteuid") else False
needs_modes = pytest.mark.skipif(as_root, reason="root ignores file modes")
DOI = "10.1038/s41592-024-02201-0"


@pytest.fixture(autouse=True)
def short_busy_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """A held lock gives the cache up after 0.2 s rather than 2 s."""
    monkeypatch.setattr(sqlite_store, "BUSY_SECONDS", 0.2)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _links(base: str, argv: tuple[str, ...], name: str) -> int:
    readme = Path("README.md")
    readme.write_text(
        f"## Models\n1. [2024 Nature Methods] **{SCGPT}** [[paper]]({base}/ok/{name}/doi/{DOI})"
        f" · [[code]]({base}/ok/{name}-code)\n",
        encoding="utf-8",
    )
    return main(["links", str(readme), "--allow-private", "--timeout", "3", "--no-progress", *argv])


async def links(capsys: Any, base: str, *argv: str, name: str = "a") -> tuple[int, str, str]:
    """``scfm-lint links README.md`` over two fresh links on ``base``: (code, stdout, stderr);
    off the test's loop, as the command calls asyncio.run."""
    code = await asyncio.to_thread(_links, base, argv, name)
    out, err = capsys.readouterr()
    return code, out, err


def one_warning(err: str, *words: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("scfm-lint: warning: ")
    for word in words:
        assert word in lines[0]
    return lines[0]


def report_ok(code: int, out: str) -> None:
    assert code == 0
    assert "Checked 2 links in 1 file: 2 ok" in out


def with_schema(path: Path) -> Path:
    Cache(path, TTL).close()
    return path


# The link cache


async def test_a_corrupt_link_cache_costs_the_cache(here, served, capsys):
    base, _ = served
    path = here / "links.sqlite3"
    path.write_bytes(GARBAGE)
    code, out, err = await links(capsys, base, "--cache-path", str(path))
    report_ok(code, out)
    one_warning(err, f"cannot use the link cache {path}", "not a database", "--no-cache")
    assert path.read_bytes() == GARBAGE  # never deleted or overwritten


async def test_a_link_cache_under_a_regular_file_costs_the_cache(here, served, capsys):
    base, _ = served
    (here / "blocker").write_text("x", encoding="utf-8")
    code, out, err = await links(capsys, base, "--cache-path", str(here / "blocker/c.sqlite3"))
    report_ok(code, out)
    one_warning(err, "cannot use the link cache")


async def test_a_link_cache_locked_by_another_process_costs_the_cache(here, served, capsys):
    base, rec = served
    path = with_schema(here / "links.sqlite3")
    assert (await links(capsys, base, "--cache-path", str(path)))[2] == ""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # no reader, no writer
    try:
        code, out, err = await links(capsys, base, "--cache-path", str(path))
    finally:
        other.close()
    report_ok(code, out)
    one_warning(err, "the link cache", "database is locked")
    assert rec.count("/ok/a-code") == 2  # the cached verdict could not be read


async def test_a_link_cache_that_cannot_be_written_keeps_its_reads(here, served, capsys):
    base, rec = served
    path = with_schema(here / "links.sqlite3")
    assert (await links(capsys, base, "--cache-path", str(path)))[2] == ""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # readers welcome, no other writer
    try:
        code, out, err = await links(capsys, base, "--cache-path", str(path), name="b")
        assert code == 0
        assert "Checked 2 links" in out
        one_warning(err, f"cannot write the link cache {path}", "database is locked")
        # Reads still served: the first run's verdicts cost no request.
        code, out, err = await links(capsys, base, "--cache-path", str(path))
    finally:
        other.close()
    report_ok(code, out)
    assert rec.count("/ok/a-code") == 1
    assert err == ""  # nothing fresh to keep, so no write to fail


@needs_modes
async def test_a_read_only_link_cache_file_costs_only_the_writes(here, served, capsys):
    base, _ = served
    path = with_schema(here / "links.sqlite3")
    path.chmod(stat.S_IRUSR)
    code, out, err = await links(capsys, base, "--cache-path", str(path))
    report_ok(code, out)
    one_warning(err, "cannot write the link cache", "readonly database")


@needs_modes
async def test_a_link_cache_in_a_read_only_folder_costs_the_cache(here, served, capsys):
    base, _ = served
    folder = here / "ro"
    folder.mkdir()
    with_schema(folder / "links.sqlite3")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        code, out, err = await links(capsys, base, "--cache-path", str(folder / "links.sqlite3"))
    finally:
        folder.chmod(stat.S_IRWXU)
    report_ok(code, out)
    one_warning(err, "the link cache")


def test_a_read_only_connection_warns_once_and_stops(tmp_path):
    path = with_schema(tmp_path / "c.sqlite3")
    seen: list[str] = []
    cache = Cache(path, TTL, warn=seen.append)
    cache._store.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    cache.put([LinkResult("https://a.org/x", "ok", 200)], now=1000.0)
    assert cache.get(["https://a.org/x"], now=1001.0) == {}
    cache.put([LinkResult("https://a.org/y", "ok", 200)], now=1000.0)
    cache.close()
    [line] = seen
    assert "cannot write the link cache" in line
    assert "attempt to write a readonly database" in line


def test_a_full_disk_costs_the_writes_and_keeps_nothing_half_done(tmp_path):
    path = with_schema(tmp_path / "c.sqlite3")
    seen: list[str] = []
    cache = Cache(path, TTL, warn=seen.append)
    db = cache._store.db
    assert db is not None
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 2}")
    results = [LinkResult(f"https://a.org/{i}", "ok", 200, message="x" * 500) for i in range(99)]
    cache.put(results, now=1000.0)
    [line] = seen
    assert "database or disk is full" in line
    assert Cache(path, TTL).get([r.url for r in results], now=1001.0) == {}


# The verification cache


@pytest.fixture
async def fake(aiohttp_server: Any, here: Path) -> Any:
    """The metadata services on loopback, named in ``.scfm-lint.yaml``."""
    state = fakes.Fake()
    server = await aiohttp_server(fakes.make_app(state), host="127.0.0.1")
    base = str(server.make_url("")).rstrip("/")
    services = ("crossref: cr", "arxiv: arxiv", "biorxiv: rxiv", "openreview: or", "pubmed: eu")
    lines = [f"  {s.split(': ')[0]}: {base}/{s.split(': ')[1]}" for s in services]
    delay = "  delay: {crossref: 0, arxiv: 0, biorxiv: 0, openreview: 0, pubmed: 0}"
    text = "verify:\n" + "\n".join([*lines, "  retries: 0", delay]) + "\n"
    (here / ".scfm-lint.yaml").write_text(text, encoding="utf-8")
    return state


async def verify_run(capsys: Any, base: str, path: Path) -> tuple[int, str, str]:
    return await links(
        capsys, base, "--verify", "--cache-path", "links.sqlite3", "--verify-cache-path", str(path)
    )


def verified_ok(code: int, out: str) -> None:
    report_ok(code, out)
    assert "Verified 1 paper links by identifier: 1 exists" in out


async def test_a_corrupt_verify_cache_costs_the_cache(here, served, fake, capsys):
    base, _ = served
    path = here / "verify.sqlite3"
    path.write_bytes(GARBAGE)
    code, out, err = await verify_run(capsys, base, path)
    verified_ok(code, out)
    one_warning(err, f"cannot use the verify cache {path}", "--verify-cache-path")
    assert path.read_bytes() == GARBAGE


async def test_a_verify_cache_under_a_regular_file_costs_the_cache(here, served, fake, capsys):
    base, _ = served
    (here / "blocker").write_text("x", encoding="utf-8")
    code, out, err = await verify_run(capsys, base, here / "blocker" / "v.sqlite3")
    verified_ok(code, out)
    one_warning(err, "cannot use the verify cache")


async def test_a_verify_cache_that_cannot_be_written_costs_the_writes(here, served, fake, capsys):
    base, _ = served
    path = here / "verify.sqlite3"
    MetadataCache(path, 100).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        code, out, err = await verify_run(capsys, base, path)
    finally:
        other.close()
    verified_ok(code, out)
    one_warning(err, f"cannot write the verify cache {path}", "database is locked")


async def test_a_locked_verify_cache_costs_the_cache(here, served, fake, capsys):
    base, _ = served
    path = here / "verify.sqlite3"
    MetadataCache(path, 100).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        code, out, err = await verify_run(capsys, base, path)
    finally:
        other.close()
    verified_ok(code, out)
    one_warning(err, "the verify cache", "database is locked")


@needs_modes
async def test_a_read_only_verify_cache_file_costs_only_the_writes(here, served, fake, capsys):
    base, _ = served
    path = here / "verify.sqlite3"
    MetadataCache(path, 100).close()
    path.chmod(stat.S_IRUSR)
    code, out, err = await verify_run(capsys, base, path)
    verified_ok(code, out)
    one_warning(err, "cannot write the verify cache", "readonly database")


def test_a_read_only_verify_connection_warns_once(tmp_path):
    path = tmp_path / "v.sqlite3"
    MetadataCache(path, 100).close()
    seen: list[str] = []
    cache = MetadataCache(path, 100, warn=seen.append)
    cache._store.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    ident = Identifier("doi", DOI)
    paper = Paper(ident, SCGPT, (2024,), "Nature Methods", "Nat Methods", doi=DOI)
    cache.put([Lookup(ident, paper)], now=0)
    cache.put([Lookup(ident, paper)], now=0)
    assert cache.get([ident], now=1) == {}
    [line] = seen
    assert "attempt to write a readonly database" in line
