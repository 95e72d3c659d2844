"""Every connection to a workspace runs in WAL mode with foreign keys on and a busy timeout."""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from pmodesk.domain import Milestone, Project
from pmodesk.services import records
from pmodesk.store import Workspace, open_workspace
from pmodesk.store.engine import BUSY_TIMEOUT_MS


def pragma(workspace: Workspace, name: str) -> object:
    with workspace.engine.connect() as connection:
        return connection.execute(text(f"PRAGMA {name}")).scalar_one()


def test_a_workspace_file_runs_in_wal_mode(workspace: Workspace) -> None:
    assert str(pragma(workspace, "journal_mode")).lower() == "wal"
    assert workspace.path is not None
    # WAL is a property of the file: a plain sqlite3 connection sees it too.
    with closing(sqlite3.connect(workspace.path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(workspace: Workspace) -> None:
    assert pragma(workspace, "foreign_keys") == 1
    orphan = Milestone(code="MS-X", name="Orphan", project_id=uuid.uuid4())
    with pytest.raises(IntegrityError), workspace.session() as session:
        session.add(orphan)


def test_every_connection_has_the_busy_timeout(workspace: Workspace) -> None:
    assert pragma(workspace, "busy_timeout") == BUSY_TIMEOUT_MS
    # A second, fresh connection from the pool gets it too.
    with workspace.engine.connect() as first, workspace.engine.connect() as second:
        for connection in (first, second):
            assert connection.execute(text("PRAGMA busy_timeout")).scalar_one() == BUSY_TIMEOUT_MS
            assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1


def test_an_in_memory_url_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_workspace("sqlite://") as workspace:
        assert workspace.path is None
        assert pragma(workspace, "foreign_keys") == 1
        with workspace.session() as session:
            records.create(session, Project, {"code": "PRJ-1", "name": "Kept in memory"})
        with workspace.session() as session:
            assert records.get_by_code(session, Project, "PRJ-1").name == "Kept in memory"
    assert list(tmp_path.iterdir()) == []  # nothing was written to disk
