"""Documentation of the rules whose findings ``scfm-lint links`` produces (SCF4xx).

The checks themselves run over the network in :mod:`scfm_lint.links`; this module only
registers their identity, so it must stay free of aiohttp.
"""

from __future__ import annotations

from scfm_lint.checks.registry import network_rule
from scfm_lint.engine.finding import Severity

CODES = {
    "dead": ("SCF401", "dead-link"),
    "invalid": ("SCF402", "invalid-url"),
    "blocked": ("SCF403", "blocked-link"),
    "redirected": ("SCF404", "redirected-link"),
    "unchecked": ("SCF405", "unchecked-link"),
    "excluded": ("SCF406", "excluded-link"),
}
"""Verdict -> (code, name) of the finding reported for it (``ok`` yields none)."""

network_rule(
    "SCF401",
    "dead-link",
    Severity.ERROR,
    "A link whose target is gone (404, 410, no such host, refused, redirect loop, hangs).",
    """
What it does: requests the link (HEAD, then GET when HEAD is refused), retrying 429, 5xx,
timeouts and resets with backoff, and reports it when the target is gone for good: 404 or
410, a host that does not exist or refuses connections, a redirect loop, or a host that
never answers.

Why is this bad? A reader who follows the link finds nothing; the paper is harder to reach.

Example: `[[paper]](https://www.nature.com/articles/s41592-000-0000-0)` answering 404.

Fix: find the paper's current address (the DOI at https://doi.org/ is the most stable) and
replace the link.
""",
)

network_rule(
    "SCF402",
    "invalid-url",
    Severity.ERROR,
    "A link that is not a well-formed http(s) URL.",
    """
What it does: reports links whose target cannot be requested: malformed, with whitespace,
without a host, or with a scheme other than http and https.

Why is this bad? No browser can follow it; it is usually a typo or a broken paste.

Example: `[[paper]](htps://arxiv.org/abs/2306.00000)`.

Fix: correct the URL as written.
""",
)

network_rule(
    "SCF403",
    "blocked-link",
    Severity.WARNING,
    "A link the host refused to let us verify (bot wall, 403/429 from a publisher).",
    """
What it does: reports links whose host answered with a status that its policy (see
`rules/hosts.yaml`) marks as "refuses automated checks", a bot challenge such as a
`cf-mitigated: challenge` header, or a Retry-After longer than we wait. (A target scfm-lint
itself declines to contact is not blocked but excluded: SCF406.)

Why is this bad? It is not known to be broken, only unverified; a person should look.

Example: `https://www.science.org/doi/10.1126/science.abc1234` answering 403 to a script.

Fix: open the link in a browser; if it works, nothing to do (or add the URL to a host
policy's `exclude`).
""",
)

network_rule(
    "SCF404",
    "redirected-link",
    Severity.WARNING,
    "A link that permanently redirects (301, 308): the new URL is suggested.",
    """
What it does: reports links whose first answer is a permanent redirect, with the URL the
permanent redirects lead to as the suggested replacement.

Why is this bad? Permanent redirects break when the old scheme is retired, and cost every
reader a round trip.

Example: `http://arxiv.org/abs/2306.00000` redirects (301) to
`https://arxiv.org/abs/2306.00000`.

Fix: replace the URL with the suggested one.
""",
)

network_rule(
    "SCF405",
    "unchecked-link",
    Severity.INFO,
    "A link that could not be checked in time (run deadline) or whose answer was unreadable.",
    """
What it does: reports links left unverified when the run's --deadline passed, when the
answer could not be parsed, when TLS failed, or when no host answered at all.

Why is this bad? Nothing is known about the link: it may be fine or broken.

Example: a link still waiting for its host's politeness delay when the deadline passes.

Fix: run `scfm-lint links` again with a longer --deadline, or check the link by hand.
""",
)

network_rule(
    "SCF406",
    "excluded-link",
    Severity.WARNING,
    "A link scfm-lint declined to check: its target is a private, loopback or link-local address.",
    """
What it does: reports links whose target is an address the checker must not contact
unless told to: private, loopback, link-local or cloud metadata, written as an address, a
name resolving only to such addresses, an IPv6 form that embeds one (`::ffff:127.0.0.1`,
NAT64 `64:ff9b::7f00:1`, 6to4 `2002:7f00:1::`, Teredo), or a redirect leading to one. No
request goes there. The verdict is never cached, so a rerun with --allow-private checks the
link.

Why is this bad? A reader of a public list cannot follow a link into a private network:
it is usually a local address pasted by mistake. And it is unverified.

Example: `[[code]](http://localhost:8888/tree/model)` or `http://192.168.1.20/paper.pdf`.

Fix: link the public address of the page. If the list is private and the link meant, rerun
with `scfm-lint links --allow-private` (or `links: {allow-private: true}` in the config).
""",
)
