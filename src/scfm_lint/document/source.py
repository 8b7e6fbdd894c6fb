"""Read a file to lint: a regular file, strict UTF-8, with one clear error for each way it
can fail."""

from __future__ import annotations

from typing import BinaryIO

from scfm_lint.errors import InputError
from scfm_lint.util.textfile import MAX_BYTES, capped, decode, read_regular

__all__ = ["MAX_BYTES", "read_source", "read_stream"]


def read_source(path: str) -> str:
    """The file's text; raises :class:`InputError` naming the file and the reason."""
    try:
        data = read_regular(path, InputError)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a Markdown file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    return _text(data, path, "file is empty")


def read_stream(stream: BinaryIO, name: str) -> str:
    """The text of ``stream`` (standard input), under the same cap and checks as a file."""
    return _text(capped(stream, name, InputError), name, "standard input is empty")


def _text(data: bytes, name: str, empty: str) -> str:
    text = decode(data, name, InputError) if data.strip() else ""
    if not text.strip():
        raise InputError(f"{name}: {empty}")
    return text
