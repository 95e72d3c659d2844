"""Workspace failures a person can act on, each with one clear sentence.

Following qutebrowser's split: these are conditions of the file or the disk
(missing, corrupt, locked, read-only, full, too new), shown as messages; any
other database exception is a bug and goes to the crash handler.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError, OperationalError

from pmodesk.domain.errors import DomainError


class WorkspaceError(DomainError):
    """The workspace cannot be opened or written; the message says why and what to do."""


class WorkspaceCorrupt(WorkspaceError):
    pass


class WorkspaceTooNew(WorkspaceError):
    pass


class WorkspaceLocked(WorkspaceError):
    pass


class WorkspaceReadOnly(WorkspaceError):
    pass


class DiskFull(WorkspaceError):
    pass


def backup_hint(latest_backup: Path | None) -> str:
    if latest_backup is None:
        return "No backup of it was found."
    return f"The latest backup is {latest_backup}; `pmodesk restore` can bring it back."


def translate_db_error(
    exc: BaseException, where: str, latest_backup: Path | None = None
) -> WorkspaceError | None:
    """Turn a database exception into a user-facing error, or ``None`` when it is a bug."""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    text = str(original).lower()
    if (
        not isinstance(original, sqlite3.Error | OperationalError)
        and "sqlite" not in type(original).__module__
    ):
        return None
    if "database is locked" in text or "database table is locked" in text:
        return WorkspaceLocked(
            f"{where} is in use by another program (it is locked); close the other pmodesk window and try again."
        )
    if "readonly" in text or "read-only" in text:
        return WorkspaceReadOnly(f"{where} cannot be written: the file or its folder is read-only.")
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFull(f"The disk holding {where} is full; free some space and try again.")
    if "not a database" in text or "malformed" in text or "disk image" in text:
        return WorkspaceCorrupt(
            f"{where} is damaged and cannot be read. {backup_hint(latest_backup)}"
        )
    if "unable to open" in text:
        return WorkspaceError(
            f"{where} cannot be opened: the folder does not exist or is not accessible."
        )
    return None
