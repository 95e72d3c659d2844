"""The workspace store: engines, sessions, migrations, backups and integrity checks."""

from pmodesk.store.backup import backup_workspace, latest_backup, list_backups, restore_workspace
from pmodesk.store.errors import (
    DiskFull,
    WorkspaceCorrupt,
    WorkspaceError,
    WorkspaceLocked,
    WorkspaceReadOnly,
    WorkspaceTooNew,
)
from pmodesk.store.workspace import Workspace, open_workspace, resolve_target

__all__ = [
    "DiskFull",
    "Workspace",
    "WorkspaceCorrupt",
    "WorkspaceError",
    "WorkspaceLocked",
    "WorkspaceReadOnly",
    "WorkspaceTooNew",
    "backup_workspace",
    "latest_backup",
    "list_backups",
    "open_workspace",
    "resolve_target",
    "restore_workspace",
]
