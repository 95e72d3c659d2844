"""Start-up: arguments, a workspace that will not open, and the crash handler."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pmodesk.domain.errors import ValidationError
from pmodesk.gui import app
from pmodesk.gui.dialogs import errors
from pmodesk.gui.dialogs import workspace as workspace_dialogs
from pmodesk.gui.dialogs.workspace import OpenFailedChoice
from pmodesk.paths import user_log_dir
from pmodesk.store import Workspace


def test_workspace_comes_from_the_first_argument_or_the_option() -> None:
    assert app.workspace_target(["a.pmodesk"]) == "a.pmodesk"
    assert app.workspace_target(["--workspace", "b.pmodesk"]) == "b.pmodesk"
    assert app.workspace_target(["--workspace=c.pmodesk"]) == "c.pmodesk"
    assert app.workspace_target([]) is None


def test_start_up_on_a_corrupt_file_offers_another(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corrupt = tmp_path / "broken.pmodesk"
    corrupt.write_bytes(b"garbage" * 500)
    messages: list[str] = []

    def ask(_parent: QWidget | None, message: str) -> OpenFailedChoice:
        messages.append(message)
        return OpenFailedChoice.NEW

    monkeypatch.setattr(workspace_dialogs, "ask_after_open_failure", ask)
    monkeypatch.setattr(workspace_dialogs, "ask_new_path", lambda *_a: tmp_path / "new.pmodesk")
    workspace = app.open_start_workspace(str(corrupt))
    assert isinstance(workspace, Workspace)
    try:
        assert workspace.path == (tmp_path / "new.pmodesk").resolve()
        assert messages == [
            f"{corrupt} is not a pmodesk workspace (it is not a SQLite database file). No backup of it was found."
        ]
    finally:
        workspace.close()


def test_start_up_quit_returns_nothing(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a-folder.pmodesk"
    folder.mkdir()
    monkeypatch.setattr(
        workspace_dialogs, "ask_after_open_failure", lambda *_a: OpenFailedChoice.QUIT
    )
    assert app.open_start_workspace(str(folder)) is None


def test_crash_handler_logs_and_shows_the_log_path(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_crash_handler()
    seen: list[QMessageBox] = []
    details: list[str] = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            details.extend([box.objectName(), box.informativeText(), box.detailedText()])
            seen.append(box)
            box.close()
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    try:
        raise RuntimeError("an unexpected bug")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert details[0] == "crashDialog"
    logs = sorted(user_log_dir().glob("crash-*.log"))
    assert len(logs) == 1
    assert str(logs[0]) in details[1]
    assert "RuntimeError: an unexpected bug" in details[2]
    assert "RuntimeError: an unexpected bug" in logs[0].read_text(encoding="utf-8")


def test_a_domain_error_reaching_the_hook_is_a_plain_message(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_crash_handler()
    seen: list[tuple[str, str]] = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.objectName(), box.text()))
            box.close()
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    exc = ValidationError("The finish is before the start.", field="planned_finish")
    sys.excepthook(type(exc), exc, None)
    qtbot.wait_until(lambda: bool(seen), timeout=5000)
    assert seen == [("errorMessage", "The finish is before the start.")]
    assert not list(user_log_dir().glob("crash-*.log"))
