"""write_atomic: all or nothing, mode and BOM kept, no temporary file left behind."""

from __future__ import annotations

import os
from pathlib import Path
import stat

import pytest

from scfm_lint.errors import InputError
from scfm_lint.fixing.apply import unified_diff, write_atomic


def _only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_replaces_the_contents(tmp_path: Path) -> None:
    target = tmp_path / "README.md"
    target.write_text("old\n", encoding="utf-8")
    write_atomic(str(target), "new ✓\r\nline\n")
    assert target.read_bytes() == "new ✓\r\nline\n".encode()
    assert _only(tmp_path) == ["README.md"]


def test_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "README.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_keeps_a_byte_order_mark(tmp_path: Path) -> None:
    target = tmp_path / "README.md"
    target.write_bytes(b"\xef\xbb\xbfold\n")
    write_atomic(target, "new\n")
    assert target.read_bytes() == b"\xef\xbb\xbfnew\n"


def test_follows_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "README.md"
    link.symlink_to(real)
    write_atomic(link, "new\n")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"


@pytest.mark.parametrize("broken", ["replace", "fsync", "write"])
def test_a_failure_mid_write_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    target = tmp_path / "README.md"
    target.write_text("original\n", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if broken == "write":
        real_fdopen = os.fdopen

        class Half:
            def __init__(self, fd: int, mode: str) -> None:
                self.fh = real_fdopen(fd, mode)

            def __enter__(self) -> Half:
                return self

            def __exit__(self, *exc: object) -> None:
                self.fh.close()

            def write(self, data: bytes) -> None:
                self.fh.write(data[: len(data) // 2])  # half of it reaches the disk
                fail()

        monkeypatch.setattr(os, "fdopen", Half)
    else:
        monkeypatch.setattr(os, broken, fail)
    with pytest.raises(InputError, match="No space left"):
        write_atomic(target, "replacement text\n")
    assert target.read_text(encoding="utf-8") == "original\n"
    assert _only(tmp_path) == ["README.md"]


def test_an_interrupt_mid_write_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "README.md"
    target.write_text("original\n", encoding="utf-8")

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "replacement\n")
    assert target.read_text(encoding="utf-8") == "original\n"
    assert _only(tmp_path) == ["README.md"]


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "README.md"
    with pytest.raises(InputError, match="cannot write"):
        write_atomic(target, "x\n")


def test_diff_names_the_file_and_marks_a_missing_final_newline() -> None:
    diff = unified_diff("README.md", "a\nb", "a\nb\n")
    assert diff.splitlines()[:2] == ["--- README.md", "+++ README.md"]
    assert "-b\n\\ No newline at end of file\n+b\n" in diff


def test_no_change_no_diff() -> None:
    assert unified_diff("README.md", "a\n", "a\n") == ""
