"""A one-line progress bar on a terminal (with the problems so far); silent when not a TTY,
in CI, or with ``--no-progress`` / ``--quiet``."""

from __future__ import annotations

from collections.abc import Mapping
import os
import sys
import time
from typing import TextIO


class ProgressBar:
    """Redraws ``[####    ] done/total links, N problems`` at most ten times a second."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.problems = 0
        self._last = 0.0

    def __call__(self, done: int, total: int, verdict: str | None = None) -> None:
        if verdict is not None and verdict != "ok":
            self.problems += 1
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + " " * (self.width - filled)
        noun = "problem" if self.problems == 1 else "problems"
        line = f"\r[{bar}] {done}/{total} links, {self.problems} {noun} so far"
        self.stream.write(line)
        if done >= total:
            self.stream.write("\r" + " " * len(line) + "\r")
        self.stream.flush()


def progress_for(
    stream: TextIO | None = None, environ: Mapping[str, str] | None = None
) -> ProgressBar | None:
    """A bar on ``stream`` (stderr) when it is a terminal and ``CI`` is unset, else None."""
    stream = sys.stderr if stream is None else stream
    env = os.environ if environ is None else environ
    if env.get("CI") or not stream.isatty():
        return None
    return ProgressBar(stream)
