"""Opening a workspace: what a person is told when the file is wrong, locked or read-only."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from pmodesk.domain import Project
from pmodesk.services import records
from pmodesk.store import (
    WorkspaceCorrupt,
    WorkspaceError,
    WorkspaceLocked,
    WorkspaceReadOnly,
    backup_workspace,
    open_workspace,
)
from pmodesk.store import engine as store_engine


def make_workspace(path: Path) -> Path:
    with open_workspace(path) as workspace, workspace.session() as session:
        records.create(session, Project, {"code": "PRJ-1", "name": "Payroll upgrade"})
    return path


def overwrite_pages(path: Path, first_page: int = 1) -> None:
    """Overwrite every page from ``first_page`` on with garbage, keeping the file's length."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    start = page_size * first_page
    data[start:] = bytes((i * 37 + 11) % 251 for i in range(len(data) - start))
    path.write_bytes(bytes(data))


def test_a_text_file_renamed_pmodesk(tmp_path: Path) -> None:
    path = tmp_path / "minutes.pmodesk"
    path.write_text("Minutes of the portfolio board, 3 March\n", encoding="utf-8")
    with pytest.raises(WorkspaceCorrupt) as refused:
        open_workspace(path, create=False)
    message = str(refused.value)
    assert message.startswith(f"{path} is not a pmodesk workspace")
    assert "it is not a SQLite database file" in message
    assert "No backup of it was found." in message
    assert path.read_text(encoding="utf-8").startswith("Minutes")


def test_a_truncated_workspace(tmp_path: Path) -> None:
    path = make_workspace(tmp_path / "cut.pmodesk")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(WorkspaceCorrupt) as refused:
        open_workspace(path, create=False)
    message = str(refused.value)
    assert message.startswith(f"The workspace {path} is damaged")
    assert "No backup of it was found." in message


def test_a_workspace_whose_pages_are_garbage_points_to_the_latest_backup(tmp_path: Path) -> None:
    path = make_workspace(tmp_path / "office.pmodesk")
    backup_workspace(path)
    newest = backup_workspace(path)
    overwrite_pages(path)
    with pytest.raises(WorkspaceCorrupt) as refused:
        open_workspace(path, create=False)
    message = str(refused.value)
    assert message.startswith(f"The workspace {path} is damaged")
    assert f"The latest backup is {newest}" in message
    assert "`pmodesk restore` can bring it back" in message


def test_a_sqlite_database_that_is_not_a_workspace(tmp_path: Path) -> None:
    path = tmp_path / "crm.pmodesk"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customer (name) VALUES ('Acme')")
    before = path.read_bytes()
    with pytest.raises(WorkspaceCorrupt) as refused:
        open_workspace(path, create=False)
    assert str(refused.value) == (
        f"{path} is a database, but not a pmodesk workspace (it has no schema version)."
    )
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("customer",)]
    assert path.read_bytes()[:16] == before[:16]


def test_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "projects.pmodesk"
    folder.mkdir()
    with pytest.raises(WorkspaceError) as refused:
        open_workspace(folder)
    assert str(refused.value) == f"{folder} is a folder, not a pmodesk workspace file."


def test_a_missing_file_is_not_created_when_create_is_false(tmp_path: Path) -> None:
    path = tmp_path / "absent.pmodesk"
    with pytest.raises(WorkspaceError) as refused:
        open_workspace(path, create=False)
    assert str(refused.value) == f"There is no workspace at {path}."
    assert not path.exists()


def test_a_missing_file_is_created_and_set_up(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "new" / "office") as workspace:
        assert workspace.path == tmp_path / "new" / "office.pmodesk"
        assert workspace.path.is_file()
        assert workspace.migrated_from is None
        assert workspace.backup_taken is None


@pytest.fixture
def impatient(monkeypatch: pytest.MonkeyPatch) -> None:
    """A short busy timeout, so that a lock is reported in a tenth of a second."""
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 100)


@pytest.fixture
def held_lock(tmp_path: Path) -> Iterator[Path]:
    """A workspace on which another program holds an exclusive write lock."""
    path = make_workspace(tmp_path / "shared.pmodesk")
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield path
    finally:
        other.rollback()
        other.close()


@pytest.mark.usefixtures("impatient")
def test_writing_to_a_locked_workspace(held_lock: Path) -> None:
    with open_workspace(held_lock, create=False) as workspace:
        with pytest.raises(WorkspaceLocked) as refused, workspace.session() as session:
            records.create(session, Project, {"code": "PRJ-2", "name": "Blocked"})
        assert str(refused.value) == (
            "The workspace shared is in use by another program (it is locked); "
            "close the other pmodesk window and try again."
        )
        # Reading still works under WAL, and the refused change left nothing behind.
        with workspace.session() as session:
            assert records.get_by_code(session, Project, "PRJ-1").name == "Payroll upgrade"
            with pytest.raises(Exception, match="no project with code PRJ-2"):
                records.get_by_code(session, Project, "PRJ-2")


def test_a_read_only_file(tmp_path: Path) -> None:
    path = make_workspace(tmp_path / "archive.pmodesk")
    path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("running as root: chmod does not make the file read-only")
        with (
            open_workspace(path, create=False) as workspace,
            pytest.raises(WorkspaceReadOnly) as refused,
            workspace.session() as session,
        ):
            records.create(session, Project, {"code": "PRJ-2", "name": "Refused"})
        assert "cannot be written: the file or its folder is read-only" in str(refused.value)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_workspace_opened_read_only_refuses_writes_with_a_sentence(tmp_path: Path) -> None:
    """The same translation, reached without chmod (which root ignores)."""
    path = make_workspace(tmp_path / "archive.pmodesk")
    with open_workspace(f"sqlite:///file:{path}?mode=ro&uri=true", create=False) as workspace:
        with workspace.session() as session:
            assert records.get_by_code(session, Project, "PRJ-1").name == "Payroll upgrade"
        with pytest.raises(WorkspaceReadOnly) as refused, workspace.session() as session:
            records.create(session, Project, {"code": "PRJ-2", "name": "Refused"})
    assert "cannot be written: the file or its folder is read-only" in str(refused.value)


def test_pmodesk_workspace_picks_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "chosen.pmodesk"
    monkeypatch.setenv("PMODESK_WORKSPACE", str(chosen))
    with open_workspace() as workspace:
        assert workspace.path == chosen
    assert chosen.is_file()


def test_without_the_variable_the_default_lives_in_the_user_data_folder() -> None:
    from pmodesk.paths import user_data_dir

    with open_workspace() as workspace:
        assert workspace.path == user_data_dir() / "workspace.pmodesk"


def test_pmodesk_workspace_may_hold_a_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PMODESK_WORKSPACE", "sqlite://")
    with open_workspace() as workspace:
        assert workspace.path is None
    assert list(tmp_path.iterdir()) == []
