"""Online backups into the rotation folder or a chosen path, the rotation, and restore."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from pmodesk.domain import Project
from pmodesk.services import records
from pmodesk.store import (
    WorkspaceCorrupt,
    WorkspaceError,
    backup_workspace,
    latest_backup,
    list_backups,
    open_workspace,
    restore_workspace,
)


def project_names(path: Path) -> list[str]:
    """What a file holds, read with plain sqlite3."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM project ORDER BY code")]


def add_project(path: Path, code: str, name: str) -> None:
    with open_workspace(path) as workspace, workspace.session() as session:
        records.create(session, Project, {"code": code, "name": name})


@pytest.fixture
def ws_path(tmp_path: Path) -> Path:
    path = tmp_path / "office.pmodesk"
    add_project(path, "PRJ-1", "Payroll upgrade")
    return path


def test_a_backup_goes_into_the_rotation_folder_beside_the_workspace(ws_path: Path) -> None:
    written = backup_workspace(ws_path)
    assert written.parent == ws_path.with_name("office.pmodesk.backups")
    assert written.name.startswith("office-")
    assert written.suffix == ".pmodesk"
    assert project_names(written) == ["Payroll upgrade"]
    assert latest_backup(ws_path) == written
    with closing(sqlite3.connect(written)) as conn:  # a single self-contained file
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_backup_to_a_chosen_file_or_folder(ws_path: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "copies" / "copy.pmodesk"
    assert backup_workspace(ws_path, chosen) == chosen
    assert project_names(chosen) == ["Payroll upgrade"]

    folder = tmp_path / "usb"
    folder.mkdir()
    written = backup_workspace(ws_path, folder)
    assert written == folder / "office.pmodesk"
    assert project_names(written) == ["Payroll upgrade"]
    assert list_backups(ws_path) == []  # chosen destinations are not part of the rotation


def test_a_backup_taken_while_the_workspace_is_open_holds_the_committed_data(
    tmp_path: Path,
) -> None:
    path = tmp_path / "live.pmodesk"
    with open_workspace(path) as workspace:
        with workspace.session() as session:
            records.create(session, Project, {"code": "PRJ-9", "name": "Still in the WAL"})
        assert Path(f"{path}-wal").exists()  # the change is not checkpointed yet
        written = workspace.backup()
    assert project_names(written) == ["Still in the WAL"]


def test_the_rotation_keeps_the_newest_n(ws_path: Path) -> None:
    made = [backup_workspace(ws_path, keep=3) for _ in range(5)]
    kept = list_backups(ws_path)
    assert kept == list(reversed(made[-3:]))
    assert all(not old.exists() for old in made[:2])


def test_backing_up_a_missing_workspace_says_so(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="There is no workspace at"):
        backup_workspace(tmp_path / "absent.pmodesk")


def test_restore_brings_the_backup_back_and_keeps_the_current_state(ws_path: Path) -> None:
    backup = backup_workspace(ws_path)
    add_project(ws_path, "PRJ-2", "Added after the backup")
    assert project_names(ws_path) == ["Payroll upgrade", "Added after the backup"]

    restore_workspace(backup, ws_path)

    assert project_names(ws_path) == ["Payroll upgrade"]
    saved = [b for b in list_backups(ws_path) if b.name.endswith("-before-restore.pmodesk")]
    assert len(saved) == 1
    assert project_names(saved[0]) == ["Payroll upgrade", "Added after the backup"]
    with open_workspace(ws_path, create=False) as workspace, workspace.session() as session:
        assert records.get_by_code(session, Project, "PRJ-1").name == "Payroll upgrade"


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(
    ws_path: Path, tmp_path: Path
) -> None:
    text_file = tmp_path / "notes.pmodesk"
    text_file.write_text("meeting notes, not a workspace\n", encoding="utf-8")
    before = ws_path.read_bytes()

    with pytest.raises(WorkspaceCorrupt) as refused:
        restore_workspace(text_file, ws_path)
    assert "is not a sound pmodesk backup; nothing was restored" in str(refused.value)
    with pytest.raises(WorkspaceError, match="There is no backup at"):
        restore_workspace(tmp_path / "absent.pmodesk", ws_path)

    assert ws_path.read_bytes() == before
    assert list_backups(ws_path) == []


def damage(source: Path, target: Path) -> Path:
    """A copy of ``source`` whose pages after the first are overwritten with garbage."""
    data = bytearray(source.read_bytes())
    data[4096:] = b"\xa5" * (len(data) - 4096)
    target.write_bytes(bytes(data))
    return target


def test_restore_refuses_a_damaged_backup_and_changes_nothing(
    ws_path: Path, tmp_path: Path
) -> None:
    damaged = damage(backup_workspace(ws_path, tmp_path / "good.pmodesk"), tmp_path / "bad.pmodesk")
    before = ws_path.read_bytes()

    with pytest.raises(WorkspaceCorrupt) as refused:
        restore_workspace(damaged, ws_path)

    assert "is not a sound pmodesk backup; nothing was restored" in str(refused.value)
    assert ws_path.read_bytes() == before
    assert list_backups(ws_path) == []


def test_restoring_the_oldest_backup_of_a_full_rotation(ws_path: Path) -> None:
    from pmodesk.store.backup import DEFAULT_KEEP

    oldest = backup_workspace(ws_path)
    for _ in range(DEFAULT_KEEP - 1):
        backup_workspace(ws_path)
    add_project(ws_path, "PRJ-2", "Added after the backups")

    restore_workspace(oldest, ws_path)

    assert project_names(ws_path) == ["Payroll upgrade"]
