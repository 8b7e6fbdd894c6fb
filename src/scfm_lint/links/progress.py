"""A one-line progress bar on a terminal; silent when not a TTY or in CI."""

from __future__ import annotations

from collections.abc import Mapping
import os
import sys
import time
from typing import TextIO


class ProgressBar:
    """Redraws ``[####    ] done/total`` at most ten times a second."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + " " * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} links")
        if done >= total:
            self.stream.write("\r" + " " * (self.width + 30) + "\r")
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
