"""Fixtures: the metadata services on loopback, a project folder, and the command runner."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scfm_lint.cli import main

from .services import DATA, Services, arxiv_entry, config_text, make_app, pubmed_doc, work

SCFOUNDATION = "scFoundation–2: large-scale <i>in silico</i> perturbation with β-VAE models"


@pytest.fixture(autouse=True)
def _own_cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Proxy variables are cleared for the whole suite (tests/conftest.py).
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
async def services(aiohttp_server: Any) -> tuple[Services, str]:
    state = Services.recorded()
    state.arxiv["2501.00001"] = arxiv_entry(
        "2501.00001", "Tabula: a tabular foundation model for single cells", "2025-01-05"
    )
    state.arxiv["2501.11111"] = arxiv_entry(
        "2501.11111",
        "scGPT: Toward building a foundation model for single-cell multi-omics using "
        "generative AI.",
        "2025-01-20",
    )
    state.works["10.1038/s41592-025-01234-5"] = work(
        "10.1038/s41592-025-01234-5",
        SCFOUNDATION,
        "Nature Methods",
        "2025-06-02",
        short="Nat Methods",
    )
    state.pubmed["40000001"] = pubmed_doc(
        "40000001",
        "A single-cell atlas of the human lung.",
        "Nature medicine",
        "Nat Med",
        "2024 Mar",
    )
    server = await aiohttp_server(make_app(state), host="127.0.0.1")
    return state, str(server.make_url("")).rstrip("/")


@pytest.fixture
def project(
    tmp_path: Path, services: tuple[Services, str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Path]:
    """Write the list (a data/ fixture) as README.md and a config pointing at the services."""
    monkeypatch.chdir(tmp_path)
    _, base = services

    def write(name: str = "list.md", extra: str = "", verify: str = "") -> Path:
        pin = "conventions:\n  sections:\n    Benchmarks: {order: oldest-first}\n"
        default = pin if name == "list.md" else ""
        config = config_text(base) + "  cache: {enabled: false}\n" + verify + default + extra
        (tmp_path / ".scfm-lint.yaml").write_text(config, encoding="utf-8")
        readme = tmp_path / "README.md"
        readme.write_text((DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
        return readme

    return write


@pytest.fixture
def add(capsys: pytest.CaptureFixture[str]) -> Callable[..., Any]:
    """Run ``scfm-lint add ARGS`` off the test's loop (it calls asyncio.run)."""

    async def run(*argv: str) -> tuple[int, str, str]:
        code = await asyncio.to_thread(main, ["add", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run
