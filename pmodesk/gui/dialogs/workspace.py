"""Choosing workspace files: open, new, save a copy, and what to do when one will not open."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from pmodesk.paths import WORKSPACE_SUFFIX

FILE_FILTER = f"pmodesk workspaces (*{WORKSPACE_SUFFIX});;All files (*)"


def _with_suffix(name: str) -> Path:
    path = Path(name)
    return path if path.suffix == WORKSPACE_SUFFIX else path.with_name(path.name + WORKSPACE_SUFFIX)


def ask_open_path(parent: QWidget | None, start: Path | None = None) -> Path | None:
    """Ask for an existing workspace file; ``None`` when the user cancels."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Open workspace", str(start or Path.home()), FILE_FILTER
    )
    return Path(name) if name else None


def ask_new_path(parent: QWidget | None, start: Path | None = None) -> Path | None:
    """Ask where to create a new workspace file."""
    name, _ = QFileDialog.getSaveFileName(
        parent, "New workspace", str(start or Path.home()), FILE_FILTER
    )
    return _with_suffix(name) if name else None


def ask_copy_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Ask where to write a copy (backup) of the open workspace."""
    name, _ = QFileDialog.getSaveFileName(
        parent, "Save a copy of the workspace", str(suggested), FILE_FILTER
    )
    return _with_suffix(name) if name else None


class OpenFailedChoice(StrEnum):
    OPEN = "open"
    NEW = "new"
    QUIT = "quit"


def ask_after_open_failure(parent: QWidget | None, message: str) -> OpenFailedChoice:
    """At start-up the workspace would not open: open another, make a new one, or quit."""
    box = QMessageBox(parent)
    box.setObjectName("openFailedMessage")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("The workspace cannot be opened")
    box.setText(message)
    box.setInformativeText("You can open another workspace, start a new one, or quit.")
    open_button = box.addButton("&Open another…", QMessageBox.ButtonRole.AcceptRole)
    new_button = box.addButton("&New workspace…", QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)
    box.setEscapeButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_button:
        return OpenFailedChoice.OPEN
    if clicked is new_button:
        return OpenFailedChoice.NEW
    return OpenFailedChoice.QUIT
