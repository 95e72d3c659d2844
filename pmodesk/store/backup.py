"""Online backups of a SQLite workspace, with rotation and restore.

Backups use SQLite's online backup API, so they are consistent even while the
app has the workspace open. They sit beside the workspace in
``<name>.pmodesk.backups/`` as ``<name>-YYYYMMDD-HHMMSS[-reason].pmodesk``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from contextlib import closing, suppress
from datetime import datetime
from pathlib import Path

from pmodesk.paths import backups_dir_for
from pmodesk.store.errors import WorkspaceCorrupt, WorkspaceError
from pmodesk.store.integrity import looks_like_sqlite, quick_check

DEFAULT_KEEP = 10


def _sqlite_backup(source: Path, destination: Path) -> None:
    """Copy ``source`` into ``destination`` through the online backup API, atomically."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".backup-", suffix=".tmp", dir=destination.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with (
            closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10)) as src,
            closing(sqlite3.connect(tmp)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        os.replace(tmp, destination)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def list_backups(workspace: Path) -> list[Path]:
    """Backups of ``workspace``, newest first."""
    folder = backups_dir_for(workspace)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{workspace.stem}-*.pmodesk"), key=lambda p: p.name, reverse=True)


def latest_backup(workspace: Path) -> Path | None:
    found = list_backups(workspace)
    return found[0] if found else None


def backup_workspace(
    workspace: Path, destination: Path | None = None, *, reason: str = "", keep: int = DEFAULT_KEEP
) -> Path:
    """Back up ``workspace``. Without ``destination`` it goes into the rotation folder.

    The rotation keeps the ``keep`` newest backups and deletes older ones.
    """
    if not workspace.is_file():
        raise WorkspaceError(f"There is no workspace at {workspace} to back up.")
    if destination is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        suffix = f"-{reason}" if reason else ""
        destination = backups_dir_for(workspace) / f"{workspace.stem}-{stamp}{suffix}.pmodesk"
        _sqlite_backup(workspace, destination)
        for old in list_backups(workspace)[keep:]:
            old.unlink(missing_ok=True)
        return destination
    if destination.is_dir():
        destination = destination / workspace.name
    _sqlite_backup(workspace, destination)
    return destination


def restore_workspace(backup: Path, workspace: Path) -> Path:
    """Replace ``workspace`` by ``backup`` after checking the backup is sound.

    The current workspace is itself backed up first (reason ``before-restore``),
    so a restore can be undone.
    """
    if not backup.is_file():
        raise WorkspaceError(f"There is no backup at {backup}.")
    not_sound = WorkspaceCorrupt(f"{backup} is not a sound pmodesk backup; nothing was restored.")
    try:
        if not looks_like_sqlite(backup) or quick_check(backup):
            raise not_sound
    except sqlite3.DatabaseError as exc:
        raise not_sound from exc
    workspace.parent.mkdir(parents=True, exist_ok=True)
    # Copy first: the rotation below may delete the very backup being restored.
    tmp = workspace.with_name(f".{workspace.name}.restoring")
    shutil.copyfile(backup, tmp)
    try:
        if workspace.exists() and workspace.stat().st_size and looks_like_sqlite(workspace):
            # A damaged current file cannot be backed up; it is what is being replaced.
            with suppress(sqlite3.DatabaseError):
                backup_workspace(workspace, reason="before-restore")
        for extra in ("-wal", "-shm"):
            Path(str(workspace) + extra).unlink(missing_ok=True)
        os.replace(tmp, workspace)
    finally:
        tmp.unlink(missing_ok=True)
    return workspace
