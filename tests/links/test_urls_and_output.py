"""URL normalization and validity, the progress bar, and import hygiene."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from scfm_lint.links.findings import is_web_link
from scfm_lint.links.progress import ProgressBar, progress_for
from scfm_lint.links.urls import normalize, problem


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("https://www.Nature.com:443/articles/x#frag", "https://www.nature.com/articles/x"),
        ("HTTP://arxiv.org:80", "http://arxiv.org/"),
        ("https://a.org/p%41th?q=%7e", "https://a.org/pAth?q=~"),
        ("https://en.wikipedia.org/wiki/A_(b)", "https://en.wikipedia.org/wiki/A_(b)"),
        ("https://a.org/x%2Fy", "https://a.org/x%2Fy"),
        ("https://bücher.de/x", "https://xn--bcher-kva.de/x"),
        ("https://a.org:8443/x", "https://a.org:8443/x"),
    ],
)
def test_normalize(url, normal):
    assert normalize(url) == normal


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://arxiv.org/abs/2306.00001", None),
        ("http://127.0.0.1:8080/x", None),
        ("mailto:a@b.org", "unsupported scheme mailto:"),
        ("https://", "URL has no host"),
        ("https://a.org:99999/", "malformed URL"),
        ("https://a .org/", "URL contains whitespace"),
    ],
)
def test_problem(url, expected):
    found = problem(url)
    assert found == expected if expected is None else found.startswith(expected)


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://a.org", True),
        ("http:a.org", True),
        ("htps://a.org", True),
        ("#models", False),
        ("figs/tree.png", False),
        ("mailto:a@b.org", False),
    ],
)
def test_is_web_link(url, web):
    assert is_web_link(url) is web


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_outside_ci():
    assert progress_for(io.StringIO(), environ={}) is None
    assert progress_for(Tty(), environ={"CI": "true"}) is None
    assert isinstance(progress_for(Tty(), environ={}), ProgressBar)


def test_progress_bar_draws_and_clears():
    stream = Tty()
    bar = ProgressBar(stream, width=10)
    bar(4, 10, "dead")
    bar._last = 0.0  # the next draw is not throttled
    bar(5, 10, "ok")
    assert "[#####     ] 5/10 links, 1 problem so far" in stream.getvalue()
    bar(10, 10, "blocked")
    assert "10/10 links, 2 problems so far" in stream.getvalue()
    assert stream.getvalue().endswith("\r")


def test_no_progress_turns_the_bar_off(monkeypatch, tmp_path):
    from scfm_lint.cli import main
    from scfm_lint.links import command

    drawn = []

    class StopError(Exception):
        pass

    def record(args, documents, config, progress):
        drawn.append(progress)
        raise StopError  # the bar is all this test looks at: no link is checked

    monkeypatch.setattr(command, "check_documents", record)
    readme = tmp_path / "README.md"
    readme.write_text("# T\n", encoding="utf-8")
    monkeypatch.setattr("scfm_lint.links.progress.progress_for", lambda: ProgressBar(Tty()))
    for flags, bar in (([], True), (["--no-progress"], False), (["--quiet"], False)):
        with pytest.raises(StopError):
            main(["links", *flags, str(readme)])
        assert isinstance(drawn.pop(), ProgressBar) is bar


def test_aiohttp_is_not_imported_off_the_links_path():
    code = (
        "import sys, scfm_lint.links.command, scfm_lint.checks.links_rules, scfm_lint.cli;"
        "scfm_lint.cli.build_parser();"
        "assert 'aiohttp' not in sys.modules, 'aiohttp imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
