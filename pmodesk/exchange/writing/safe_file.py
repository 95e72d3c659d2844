"""Writing a file safely: into a temporary file beside it, then moved into place in one step.

A crash, a cancel or a full disk never leaves half a workbook behind, and a
workbook that is open in Excel or LibreOffice is detected before the work
starts (their lock files) or when it is replaced (Windows refuses), with a
sentence the person can act on instead of a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pmodesk.errors import DomainError


def lock_files(path: Path) -> list[Path]:
    """The lock files Excel (``~$name``) and LibreOffice (``.~lock.name#``) keep beside an open file."""
    return [
        candidate
        for candidate in (
            path.with_name(f"~${path.name}"),
            path.with_name(f"~${path.name[2:]}") if len(path.name) > 8 else None,
            path.with_name(f".~lock.{path.name}#"),
        )
        if candidate is not None and candidate.exists()
    ]


def check_writable(path: Path) -> None:
    """Refuse, with a sentence, a target that cannot be written: no folder, read-only, open elsewhere."""
    folder = path.parent
    if path.is_dir():
        raise DomainError(f"{path} is a folder; choose a file name for the workbook.")
    if not folder.is_dir():
        raise DomainError(f"The folder {folder} does not exist; choose another place to save.")
    if lock_files(path):
        raise DomainError(
            f"{path.name} is open in another program (Excel or LibreOffice); "
            "close it there and try again, or save under another name."
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise DomainError(
            f"{path} is read-only; save under another name or make the file writable."
        )
    if not os.access(folder, os.W_OK):
        raise DomainError(f"pmodesk may not write in {folder}; choose a folder of your own.")


def _explain(error: OSError, path: Path) -> DomainError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DomainError(
            f"The disk is full; {path.name} was not written. Free some space and try again."
        )
    if isinstance(error, PermissionError) or error.errno in (
        errno.EACCES,
        errno.EPERM,
        errno.EBUSY,
    ):
        return DomainError(
            f"{path.name} could not be replaced: it is open in another program or not writable. "
            "Close it there and try again, or save under another name."
        )
    return DomainError(f"{path.name} could not be written: {error.strerror or error}.")


def _mode_for(path: Path) -> int:
    """The permissions the new file gets: the old file's, else what the umask allows a new file."""
    with contextlib.suppress(OSError):
        return path.stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def replaced_atomically(path: Path) -> Iterator[Path]:
    """Yield a temporary path in ``path``'s folder; on success it replaces ``path`` in one step.

    Whatever fails inside (an error, a cancel) removes the temporary file and
    leaves ``path`` as it was. OS errors become :class:`DomainError` sentences.
    """
    path = Path(path)
    check_writable(path)
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{path.stem}-", suffix=f"{path.suffix}.tmp", dir=path.parent
        )
    except OSError as error:
        raise _explain(error, path) from error
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as error:
        raise _explain(error, path) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
