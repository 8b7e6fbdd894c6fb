"""The verify: configuration: defaults, project overrides and errors that name the key."""

from __future__ import annotations

from pathlib import Path
import sys

import pytest

from scfm_lint.checks.registry import load_all
from scfm_lint.config.load import defaults, load_config
from scfm_lint.errors import ConfigError
from scfm_lint.verify.settings import BASES, load_settings


def test_defaults_name_every_service() -> None:
    settings = load_settings(defaults())
    assert set(settings.base) == set(BASES)
    assert settings.base["openreview-v1"] == "https://api.openreview.net"
    assert settings.base["crossref"] == "https://api.crossref.org"
    assert settings.delay["arxiv"] >= 3
    assert settings.batch["arxiv"] > 1


def test_project_file_points_services_elsewhere(tmp_path: Path) -> None:
    (tmp_path / ".scfm-lint.yaml").write_text(
        "verify:\n  crossref: http://127.0.0.1:9/cr/\n  mailto: me@example.org\n"
        "  batch:\n    crossref: 5\n",
        encoding="utf-8",
    )
    settings = load_settings(load_config(tmp_path))
    assert settings.base["crossref"] == "http://127.0.0.1:9/cr"
    assert settings.base["arxiv"] == "https://export.arxiv.org/api"
    assert settings.mailto == "me@example.org"
    assert settings.batch == {"crossref": 5, "arxiv": 50, "pubmed": 100}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("verify:\n  crossrf: http://x\n", "verify.crossrf"),
        ("verify:\n  batch:\n    semantic: 3\n", "verify.batch.semantic"),
        ("verify:\n  timeout: soon\n", "verify.timeout"),
    ],
)
def test_loader_rejects_unknown_keys(tmp_path: Path, text: str, key: str) -> None:
    (tmp_path / ".scfm-lint.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        load_config(tmp_path)


@pytest.mark.parametrize(
    ("override", "key"),
    [
        ({"crossref": "ftp://mirror"}, "verify.crossref"),
        ({"arxiv": ""}, "verify.arxiv"),
        ({"timeout": 0}, "verify.timeout"),
        ({"retries": -1}, "verify.retries"),
        ({"title-threshold": 1.5}, "verify.title-threshold"),
        ({"rxiv-via": "europepmc"}, "verify.rxiv-via"),
        ({"batch": {"crossref": 0}}, "verify.batch.crossref"),
        ({"delay": {"arxiv": -1}}, "verify.delay.arxiv"),
        ({"cache": {"ttl": -5}}, "verify.cache.ttl"),
    ],
)
def test_bad_values_name_the_key(override: dict[str, object], key: str) -> None:
    config = defaults()
    section = dict(config["verify"])
    for name, value in override.items():
        section[name] = {**section[name], **value} if isinstance(value, dict) else value
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        load_settings({**config, "verify": section})


def test_a_section_of_the_wrong_kind_is_an_error() -> None:
    with pytest.raises(ConfigError, match="'verify'"):
        load_settings({"verify": ["crossref"]})


def test_rules_documented_without_aiohttp() -> None:
    rules = load_all()
    codes = [code for code in rules if code.startswith("SCF5")]
    assert codes == ["SCF501", "SCF502", "SCF503", "SCF504", "SCF505", "SCF506", "SCF507"]
    for code in codes:
        assert rules[code].network
        for part in ("What it does:", "Why is this bad?", "Example:", "Fix:"):
            assert part in rules[code].explanation, (code, part)


def test_pure_modules_do_not_import_aiohttp() -> None:
    import subprocess

    code = (
        "import sys\n"
        "import scfm_lint.checks.verify_rules, scfm_lint.verify.ids, scfm_lint.verify.match\n"
        "import scfm_lint.verify.settings, scfm_lint.verify.parsers, scfm_lint.verify.judge\n"
        "import scfm_lint.verify.findings, scfm_lint.verify.cache, scfm_lint.verify.record\n"
        "assert 'aiohttp' not in sys.modules, 'aiohttp imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_enabled_is_off_by_default_and_must_be_a_flag() -> None:
    from scfm_lint.config.load import merge

    assert load_settings(defaults()).enabled is False
    assert load_settings(merge(defaults(), {"verify": {"enabled": True}})).enabled is True
    with pytest.raises(ConfigError, match=r"verify\.enabled"):
        load_settings(merge(defaults(), {"verify": {"enabled": "yes"}}))
