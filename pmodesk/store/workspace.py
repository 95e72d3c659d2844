"""Opening a workspace: resolve where it is, check it, migrate it, hand out sessions.

A workspace is one SQLite file ``*.pmodesk`` (or any SQLAlchemy URL). Opening
one that an older pmodesk made takes a backup and then migrates it; one made by
a newer pmodesk is refused; a damaged or foreign file gets one sentence and a
pointer to the latest backup.

The integrity check (``PRAGMA quick_check``, a quarter of a second on a large
file) runs while opening unless the caller passes ``check=False`` and runs
:func:`check_workspace` itself, as the window does in the background.

SQLAlchemy and SQLModel are imported where they are used, so that
:func:`resolve_target` is available to the window's first paint before the
data stack has loaded.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pmodesk.paths import WORKSPACE_ENV, WORKSPACE_SUFFIX, default_workspace_path
from pmodesk.store.integrity import looks_like_sqlite, quick_check

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session


def _is_url(target: str) -> bool:
    """What :func:`pmodesk.store.engine.is_url` says, without importing SQLAlchemy."""
    return "://" in target


def target_path(target: str | Path | None) -> Path | None:
    """The workspace file ``target`` names, resolved; ``None`` when it is a database URL.

    ``None`` as ``target`` means ``PMODESK_WORKSPACE``, else the default workspace.
    """
    if target is None or str(target) == "":
        named = os.environ.get(WORKSPACE_ENV, "")
        if _is_url(named):
            return None
        path = default_workspace_path()
    elif isinstance(target, str) and _is_url(target):
        return None
    else:
        path = Path(target).expanduser()
    return path.resolve()


def resolve_target(target: str | Path | None) -> tuple[str, Path | None]:
    """``(url, path)`` for a path, a SQLAlchemy URL, or ``None`` (the default workspace)."""
    from pmodesk.store.engine import sqlite_url

    path = target_path(target)
    if path is not None:
        return sqlite_url(path), path
    if target is None or str(target) == "":
        return os.environ.get(WORKSPACE_ENV, ""), None
    return str(target), None


@dataclass
class Workspace:
    """An open workspace. Use :meth:`session` for a unit of work."""

    url: str
    path: Path | None
    engine: Engine
    migrated_from: str | None = None
    backup_taken: Path | None = None
    _closed: bool = field(default=False, repr=False)

    @property
    def name(self) -> str:
        if self.path is not None:
            return self.path.stem
        return self.engine.url.database or str(self.engine.url)

    @property
    def display_location(self) -> str:
        return (
            str(self.path)
            if self.path is not None
            else self.engine.url.render_as_string(hide_password=True)
        )

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits when the block ends and rolls back on any exception."""
        from sqlalchemy.exc import DBAPIError
        from sqlmodel import Session

        from pmodesk.store.errors import translate_db_error

        session = Session(self.engine, expire_on_commit=False)
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            friendly = translate_db_error(exc, f"The workspace {self.name}", self.latest_backup())
            if friendly is not None:
                raise friendly from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def latest_backup(self) -> Path | None:
        from pmodesk.store.backup import latest_backup

        return latest_backup(self.path) if self.path is not None else None

    def backup(self, destination: Path | None = None, *, reason: str = "") -> Path:
        from pmodesk.store.backup import backup_workspace
        from pmodesk.store.errors import WorkspaceError

        if self.path is None:
            raise WorkspaceError(
                "Backups are made by the database server for workspaces that are not files."
            )
        return backup_workspace(self.path, destination, reason=reason)

    def schema_revision(self) -> str | None:
        from pmodesk.store import schema

        with self.engine.connect() as connection:
            return schema.current_revision(connection)

    def close(self) -> None:
        if not self._closed:
            self.engine.dispose()
            self._closed = True

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_file(path: Path, *, check: bool = True) -> None:
    from pmodesk.store.backup import latest_backup
    from pmodesk.store.errors import WorkspaceCorrupt, WorkspaceError, backup_hint

    where = f"The workspace {path}"
    if path.is_dir():
        raise WorkspaceError(f"{path} is a folder, not a pmodesk workspace file.")
    if not path.exists():
        return
    try:
        sqlite_file = looks_like_sqlite(path)
    except PermissionError as exc:
        raise WorkspaceError(f"{where} cannot be read: permission denied.") from exc
    if not sqlite_file:
        raise WorkspaceCorrupt(
            f"{path} is not a pmodesk workspace (it is not a SQLite database file). {backup_hint(latest_backup(path))}"
        )
    if check:
        check_workspace(path)


def check_workspace(path: Path) -> None:
    """SQLite's quick integrity check of the workspace file ``path``.

    Raises :class:`WorkspaceCorrupt` (or another :class:`WorkspaceError`) with
    one sentence and a pointer to the latest backup when the file is damaged.
    Safe to run in a worker thread while the workspace is open.
    """
    from pmodesk.store.backup import latest_backup
    from pmodesk.store.errors import WorkspaceCorrupt, backup_hint, translate_db_error

    where = f"The workspace {path}"
    try:
        problems = quick_check(path)
    except sqlite3.DatabaseError as exc:
        friendly = translate_db_error(exc, where, latest_backup(path))
        raise (friendly or WorkspaceCorrupt(f"{where} is damaged and cannot be read.")) from exc
    if problems:
        raise WorkspaceCorrupt(
            f"{where} is damaged ({problems[0]}). {backup_hint(latest_backup(path))}"
        )


def open_workspace(
    target: str | Path | None = None, *, create: bool = True, check: bool = True
) -> Workspace:
    """Open (creating if allowed) and bring the schema up to date.

    ``check=False`` skips the integrity check of an existing file; the caller
    then runs :func:`check_workspace` itself (the window does, in the
    background). Raises :class:`WorkspaceError` subclasses with a message for
    the user.
    """
    from sqlalchemy.exc import DatabaseError

    from pmodesk.store.engine import make_engine, sqlite_url
    from pmodesk.store.errors import WorkspaceError, translate_db_error

    url, path = resolve_target(target)
    if path is not None:
        if path.suffix != WORKSPACE_SUFFIX and not path.exists() and create:
            path = path.with_name(path.name + WORKSPACE_SUFFIX)
            url = sqlite_url(path)
        if not path.exists():
            if not create:
                raise WorkspaceError(f"There is no workspace at {path}.")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WorkspaceError(
                    f"The folder for {path} cannot be created: {exc.strerror}."
                ) from exc
        _check_file(path, check=check)

    engine = make_engine(url)
    workspace = Workspace(url=url, path=path, engine=engine)
    try:
        _bring_schema_up_to_date(workspace, checked=check)
    except WorkspaceError:
        engine.dispose()
        raise
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        engine.dispose()
        where = f"The workspace {workspace.display_location}"
        friendly = translate_db_error(exc, where, workspace.latest_backup())
        if friendly is None:
            raise
        raise friendly from exc
    return workspace


def _bring_schema_up_to_date(workspace: Workspace, *, checked: bool = True) -> None:
    """Migrate an older workspace (after a backup); a file is checked first if it was not yet."""
    from pmodesk.store import schema
    from pmodesk.store.errors import WorkspaceCorrupt, WorkspaceTooNew

    with workspace.engine.connect() as connection:
        current = schema.current_revision(connection)
        populated = schema.has_tables(connection) if current is None else True
    if current == schema.SCHEMA_HEAD:
        return
    if current is None and populated:
        raise WorkspaceCorrupt(
            f"{workspace.display_location} is a database, but not a pmodesk workspace (it has no schema version)."
        )
    if current is not None and current not in schema.known_revisions():
        raise WorkspaceTooNew(
            f"{workspace.display_location} was saved by a newer version of pmodesk (schema {current}); "
            "install the newer pmodesk to open it. Nothing was changed."
        )
    if current is not None and workspace.path is not None:
        if not checked:
            check_workspace(workspace.path)  # never migrate a damaged file
        workspace.backup_taken = workspace.backup(reason=f"before-upgrade-from-{current}")
    workspace.migrated_from = current
    schema.upgrade(workspace.engine)
