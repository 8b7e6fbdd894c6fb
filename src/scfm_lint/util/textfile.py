"""Read a text file the user names: a regular file of at most MAX_BYTES, in strict UTF-8.

Files to lint and config files go through here, so both are refused in the same words: a
FIFO would block the read forever and ``/dev/zero`` would fill the memory.
"""

from __future__ import annotations

import codecs
import errno
import math
import os
from pathlib import Path
import stat
from typing import BinaryIO

from scfm_lint.errors import ScfmLintError

MAX_BYTES = 16 * 1024 * 1024
"""The largest file read (16 MiB); the largest paper lists known are below 1 MiB."""
_LIMIT = f"the limit is {MAX_BYTES >> 20} MiB"

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _regular(info: os.stat_result, name: str, error: type[ScfmLintError]) -> None:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
    if not stat.S_ISREG(mode):
        kind = next((k for test, k in _KINDS if test(mode)), "not a file")
        raise error(f"{name}: not a regular file ({kind})")
    if info.st_size > MAX_BYTES:
        mib = math.ceil(info.st_size / 2**20 * 10) / 10
        raise error(f"{name}: too large ({mib:g} MiB; {_LIMIT})")


def read_regular(path: str | os.PathLike[str], error: type[ScfmLintError]) -> bytes:
    """The bytes of the regular file at ``path`` (symlinks followed); anything else, or a
    file above :data:`MAX_BYTES`, raises ``error``. OSError (missing, a directory, no
    permission) is left to the caller, which names the file's role."""
    name = os.fspath(path)
    _regular(Path(name).stat(), name, error)
    # Non-blocking, so that a file swapped for a FIFO after the stat cannot hang the open;
    # fstat then judges what was actually opened.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(name, flags | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        _regular(os.fstat(fd), name, error)
        return capped(f, name, error)


def capped(stream: BinaryIO, name: str, error: type[ScfmLintError]) -> bytes:
    """At most :data:`MAX_BYTES` of ``stream``; more raises ``error``."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise error(f"{name}: too large (more than {MAX_BYTES >> 20} MiB; {_LIMIT})")
    return data


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _looks_utf16(data: bytes) -> bool:
    # Latin text in UTF-16 has a NUL in most odd (or even) bytes and almost none in the others.
    if len(data) < 4:
        return False
    half = len(data) // 2
    nuls = sorted((data[0::2].count(0), data[1::2].count(0)))
    return nuls[1] * 5 >= half * 3 and nuls[0] * 8 < half


def decode(data: bytes, name: str, error: type[ScfmLintError]) -> str:
    """UTF-8 text (a BOM dropped); another encoding, NUL bytes or a bad byte raise ``error``
    with one line that names the encoding or the line and byte."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            raise error(f"{name}: the file is {encoding}, not UTF-8; save it as UTF-8")
    if _looks_utf16(data):
        raise error(f"{name}: the file is UTF-16 (no BOM), not UTF-8; save it as UTF-8")
    if b"\x00" in data:
        raise error(f"{name}: contains NUL bytes; not a text file")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(
            f"{name}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset"
            f" {exc.start}); save it as UTF-8"
        ) from None
