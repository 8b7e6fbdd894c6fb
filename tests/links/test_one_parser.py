"""One URL parser (yarl's, which aiohttp requests with) decides validity, host, key and request.

A second parser that reads a URL differently from the one that sends it is a hole: for
``http://evil.example\\@github.com/x`` ``urlsplit`` saw github.com (token, policy, cache
key) while yarl refused the URL, and the user read ``unchecked: internal error``.
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote

from hypothesis import example, given, settings
from hypothesis import strategies as st
from linkhelpers import check
import pytest
from yarl import URL

from scfm_lint.cli import build_parser
from scfm_lint.config.load import load_config
from scfm_lint.document.parse import parse_document
from scfm_lint.links import command, urls
from scfm_lint.links.findings import key_of

BACKSLASH = "http://evil.example\\@github.com/x"

#: URLs the two parsers once read differently, or that only one of them accepted.
TRICKY = [
    BACKSLASH,
    "http://github.com\\.evil.example/",
    "http://a@b@github.com/",
    "http://evil.example#@github.com",
    "http://evil.example?@github.com/",
    "http://github.com%2eevil.example/",
    "http://%67ithub.com/",
    "http://github.com:99999/",
    "http://[::1/",
    "http://exa_mple.com/",
    "https://GitHub.com./x",
    "https://bücher.de/x",
    "http://[::ffff:7f00:1]:8080/",
    "http://[]@",  # yarl raised IndexError on it (found by the property test below)
]


def test_a_backslash_in_the_authority_is_invalid():
    why = urls.problem(BACKSLASH)
    assert why is not None
    assert "backslash" in why
    assert urls.host_of(BACKSLASH) == ""
    assert key_of(BACKSLASH) == BACKSLASH  # invalid: checked (and reported) as written


async def test_a_url_yarl_refuses_is_invalid_not_an_internal_error(served):
    """Was: ``unchecked`` with ``internal error: ValueError(...)``."""
    results, checker = await check([BACKSLASH])
    assert results[BACKSLASH].verdict == "invalid"
    assert "internal error" not in results[BACKSLASH].message
    assert checker.requests_sent == 0


async def test_a_redirect_to_a_url_yarl_refuses_is_not_followed(served):
    base, _ = served
    url = f"{base}/redirect-to?target={quote(BACKSLASH, safe='')}"
    results, _ = await check([url])
    assert results[url].verdict == "blocked"
    assert "backslash" in results[url].message
    assert "internal error" not in results[url].message


@pytest.mark.parametrize("url", TRICKY)
def test_host_and_key_are_what_the_request_uses(url):
    """Every decision reads the host the request dials, or calls the URL invalid."""
    try:
        sent = URL(url)
        dialled = (sent.raw_host or "").rstrip(".")
    except (ValueError, IndexError):
        sent = None
    if urls.problem(url) is not None:
        assert urls.host_of(url) == ""
        return
    assert sent is not None, "accepted by our check, refused by the request"
    assert urls.host_of(url) == dialled
    key = urls.normalize(url)
    assert URL(key).raw_host == dialled
    assert urls.normalize(key) == key  # the key is a fixed point: one URL, one key


@settings(max_examples=300, deadline=None)
@example("[]@")
@given(st.text(alphabet="ab.-_@:/\\?#%[]0123456789fgxé ", max_size=24))
def test_any_authority_is_invalid_or_read_as_the_request_reads_it(rest):
    url = "http://" + rest
    if urls.problem(url) is not None:
        assert urls.host_of(url) == ""
        return
    sent = URL(url)  # never refused by the request once accepted here
    assert urls.host_of(url) == (sent.raw_host or "").rstrip(".")
    key = urls.normalize(url)
    assert URL(key).raw_host == urls.host_of(url)
    assert urls.normalize(key) == key


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("https://a.org/x%28y%29", "https://a.org/x(y)"),
        ("https://a.org/x(y)", "https://a.org/x(y)"),
        ("http://[::1]:80/", "http://[::1]/"),
        ("https://GitHub.com./x#top", "https://github.com/x"),
        ("http://a.org?q=1", "http://a.org/?q=1"),
    ],
)
def test_normal_form_is_the_request(url, normal):
    assert urls.normalize(url) == normal
    assert str(URL(urls.normalize(url))) == normal


def test_links_command_reports_scf402_for_the_backslash_url(tmp_path: Path):
    # An autolink and an HTML href keep the backslash (in [text](...) it escapes the @).
    text = (
        "# Papers\n\n"
        f"1. [2024 Nature] **A paper** <{BACKSLASH}>\n"
        f'2. [2024 Nature] **B paper** <a href="{BACKSLASH}">code</a>\n'
    )
    doc = parse_document(text, "README.md")
    assert [link.url for link in doc.links] == [BACKSLASH, BACKSLASH]
    args = build_parser(["links"]).parse_args(["links", "--no-cache", "--no-progress"])
    out = io.StringIO()
    code = command.run(args, [doc], load_config(tmp_path / "README.md"), out=out)
    report = out.getvalue()
    assert code == 1
    assert report.count("SCF402 invalid URL") == 2
    assert "internal error" not in report
