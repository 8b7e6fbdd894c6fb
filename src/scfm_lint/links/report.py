"""What a link check adds to its findings: verdict counts, the links' rows, the cost, and the
Markdown audit a maintainer acts on (the reporters of :mod:`scfm_lint.output.reporters`).

With paper verification the summary also counts verify verdicts, the JSON report adds them
to each link and to the summary, and the audit shows the page and paper verdicts side by side.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from scfm_lint.engine.finding import Finding
from scfm_lint.links.audit import write_audit
from scfm_lint.links.findings import Row
from scfm_lint.links.result import VERDICTS
from scfm_lint.verify.record import VERDICTS as PAPER_VERDICTS
from scfm_lint.verify.record import Stats


@dataclass(frozen=True, slots=True)
class LinkStats:
    """Everything a link check has to say besides its findings."""

    rows: Sequence[Row]
    files: int
    requests: int
    """Requests sent over the network in this run."""
    seconds: float
    excluded: int = 0
    """Links skipped because an ``exclude`` pattern matched (they have no row; the links
    the address guard declined have rows with the verdict ``excluded``)."""
    verify: Stats | None = None
    """What paper verification cost, when it ran (``--verify``)."""
    title: str = "scfm-lint links"

    def counts(self) -> dict[str, int]:
        """Distinct links written per (settled) verdict: every known verdict (zeros too),
        then any other verdict the checker gave."""
        seen = Counter(row.result.verdict for row in self.rows)
        names = list(VERDICTS) + sorted(v for v in seen if v not in VERDICTS)
        return {v: seen.get(v, 0) for v in names}

    def paper_counts(self) -> dict[str, int]:
        """Links written per verify verdict, among those that name an identifier."""
        seen = Counter(row.verify.verdict for row in self.verified() if row.verify)
        return {v: seen.get(v, 0) for v in PAPER_VERDICTS}

    def verified(self) -> list[Row]:
        """The rows whose link names an identifier that verification looked up."""
        return [row for row in self.rows if row.verify is not None and row.verify.ident]

    def settled(self) -> int:
        """Links whose page verdict the paper's metadata turned into a real answer."""
        return sum(1 for row in self.rows if row.page_verdict is not None)

    def summary(self) -> str:
        counts = ", ".join(f"{n} {v}" for v, n in self.counts().items() if n)
        cached = sum(1 for row in self.rows if row.result.cached)
        noun = "file" if self.files == 1 else "files"
        tail = f"; {self.excluded} skipped by exclude patterns" if self.excluded else ""
        return (
            f"Checked {len(self.rows)} links in {self.files} {noun}: {counts or 'none'}"
            f" ({self.requests} requests, {cached} from cache, {self.seconds:.1f} s{tail})."
        )

    def nothing_checked(self) -> str:
        """A sentence when every link was excluded, so that no one reads the run as a pass
        ('' when some link was checked, or there was none)."""
        refused = sum(1 for row in self.rows if row.result.verdict == "excluded")
        if len(self.rows) > refused or not (refused or self.excluded):
            return ""
        parts = []
        if refused:
            parts.append(
                f"{refused} on private, loopback or link-local addresses"
                " (rerun with --allow-private to check them)"
            )
        if self.excluded:
            parts.append(f"{self.excluded} matched exclude patterns")
        return f"Nothing was checked: every link was excluded ({'; '.join(parts)})."

    def paper_summary(self) -> str:
        """One sentence on verification: verdicts, links settled, what it cost."""
        if self.verify is None:
            return ""
        verified = self.verified()
        counts = ", ".join(f"{n} {v}" for v, n in self.paper_counts().items() if n)
        requests = sum(self.verify.requests.values())
        by_service = ", ".join(f"{k} {n}" for k, n in sorted(self.verify.requests.items()) if n)
        return (
            f"Verified {len(verified)} paper links by identifier: {counts or 'none'}"
            f" ({self.settled()} page verdicts settled; {self.verify.identifiers} identifiers,"
            f" {requests} requests{f' ({by_service})' if by_service else ''},"
            f" {self.verify.cached} from cache)."
        )

    def lines(self) -> list[str]:
        nothing = self.nothing_checked()
        return (
            [self.summary()]
            + ([nothing] if nothing else [])
            + ([self.paper_summary()] if self.verify is not None else [])
        )

    def json_fields(self) -> tuple[dict[str, Any], dict[str, Any]]:
        summary: dict[str, Any] = {
            "verdicts": self.counts(),
            "links": len(self.rows),
            "requests": self.requests,
            "cached": sum(1 for row in self.rows if row.result.cached),
            "excluded": self.excluded,
            "seconds": round(self.seconds, 3),
        }
        if self.verify is not None:
            summary["verify"] = {
                "verdicts": self.paper_counts(),
                "links": len(self.verified()),
                "settled": self.settled(),
                "identifiers": self.verify.identifiers,
                "requests": dict(sorted(self.verify.requests.items())),
                "cached": self.verify.cached,
            }
        return {"links": [row.to_dict() for row in self.rows]}, summary

    def markdown(self, findings: Sequence[Finding], out: TextIO) -> None:
        write_audit(self, out)
