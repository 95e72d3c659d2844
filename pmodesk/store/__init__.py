"""The workspace store: engines, sessions, migrations, backups and integrity checks.

The public names load on first use (PEP 562), so that the stdlib-only parts
(:mod:`pmodesk.store.integrity`, :data:`pmodesk.store.schema.SCHEMA_HEAD`,
:func:`pmodesk.store.workspace.target_path`) can be used by the window's first
paint before SQLAlchemy has loaded.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pmodesk.store.backup import (
        backup_workspace,
        latest_backup,
        list_backups,
        restore_workspace,
    )
    from pmodesk.store.errors import (
        DiskFull,
        WorkspaceCorrupt,
        WorkspaceError,
        WorkspaceLocked,
        WorkspaceReadOnly,
        WorkspaceTooNew,
    )
    from pmodesk.store.workspace import Workspace, open_workspace, resolve_target

#: Where each public name lives.
_HOMES: dict[str, str] = {
    "backup_workspace": "backup",
    "latest_backup": "backup",
    "list_backups": "backup",
    "restore_workspace": "backup",
    "DiskFull": "errors",
    "WorkspaceCorrupt": "errors",
    "WorkspaceError": "errors",
    "WorkspaceLocked": "errors",
    "WorkspaceReadOnly": "errors",
    "WorkspaceTooNew": "errors",
    "Workspace": "workspace",
    "open_workspace": "workspace",
    "resolve_target": "workspace",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
