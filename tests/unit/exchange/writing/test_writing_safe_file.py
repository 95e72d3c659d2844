"""Workbooks are written beside the target and moved into place; failures leave the old file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from pmodesk.errors import DomainError
from pmodesk.exchange.writing import safe_file
from pmodesk.exchange.writing.safe_file import check_writable, lock_files, replaced_atomically


def test_the_new_file_replaces_the_old_one_only_when_complete(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"old")
    with replaced_atomically(target) as temporary:
        assert temporary.parent == tmp_path
        assert temporary != target
        temporary.write_bytes(b"new")
        assert target.read_bytes() == b"old"
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"old")

    def crash() -> None:
        with replaced_atomically(target) as temporary:
            temporary.write_bytes(b"half")
            raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        crash()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]


def test_a_new_file_gets_the_permissions_the_umask_allows(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    with replaced_atomically(target) as temporary:
        temporary.write_bytes(b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.parametrize("lock", ["~$book.xlsx", ".~lock.book.xlsx#"])
def test_a_workbook_open_in_excel_or_libreoffice_is_refused_with_a_sentence(
    tmp_path: Path, lock: str
) -> None:
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"old")
    (tmp_path / lock).write_bytes(b"")
    assert lock_files(target)
    with pytest.raises(DomainError, match="open in another program"):
        check_writable(target)


def test_a_missing_folder_or_a_folder_as_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="does not exist"):
        check_writable(tmp_path / "nowhere" / "book.xlsx")
    with pytest.raises(DomainError, match="is a folder"):
        check_writable(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write read-only files")
def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(DomainError, match="read-only"):
        check_writable(target)


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "open in another program"),
        (OSError(errno.ENOSPC, "No space left on device"), "disk is full"),
        (OSError(errno.EIO, "Input/output error"), "could not be written"),
    ],
)
def test_replacing_fails_with_a_sentence_and_the_old_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, words: str
) -> None:
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"old")

    def refuse(_src: object, _dst: object) -> None:
        raise error

    monkeypatch.setattr(safe_file.os, "replace", refuse)
    with pytest.raises(DomainError, match=words), replaced_atomically(target) as temporary:
        temporary.write_bytes(b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]
