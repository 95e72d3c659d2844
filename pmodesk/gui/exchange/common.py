"""What the exchange dialogs share: file and folder choosers, a path row, remembered folders.

The choosers are module functions so that tests (and a future native-dialog
switch) replace them in one place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from pmodesk.gui.context import AppContext
from pmodesk.services.register import RegisterFilter

WORKBOOK_FILTER = "Excel workbooks (*.xlsx);;All files (*)"
RETURNED_FILTER = "Excel workbooks (*.xlsx *.xlsm);;All files (*)"


def ask_save_workbook(parent: QWidget | None, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export to workbook", str(suggested), WORKBOOK_FILTER
    )
    return Path(name) if name else None


def ask_folder(parent: QWidget | None, title: str, start: Path) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(name) if name else None


def ask_open_workbooks(parent: QWidget | None, start: Path) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(
        parent, "Returned status workbooks", str(start), RETURNED_FILTER
    )
    return [Path(n) for n in names]


def open_in_system(path: Path) -> bool:
    """Open a file or folder with the program the system uses for it."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def remembered_folder(ctx: AppContext, key: str) -> Path:
    """The folder last used for ``key``, else the workspace's folder, else home."""
    stored = ctx.settings.value(f"exchange/{key}", "")
    if isinstance(stored, str) and stored and Path(stored).is_dir():
        return Path(stored)
    workspace_path = ctx.workspace.path if ctx.has_workspace else None
    return workspace_path.parent if workspace_path is not None else Path.home()


def remember_folder(ctx: AppContext, key: str, folder: Path) -> None:
    ctx.settings.setValue(f"exchange/{key}", str(folder))


def with_xlsx(path: Path) -> Path:
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def describe_filter(wanted: RegisterFilter) -> str:
    """The register's filter in words: ``search "cloud"; stage DELIVERY; RAG red``."""
    parts = []
    if wanted.text.strip():
        parts.append(f'search "{wanted.text.strip()}"')
    for label, values in (
        ("portfolio", wanted.portfolios),
        ("programme", wanted.programmes),
        ("stage", wanted.stages),
        ("state", wanted.states),
        ("RAG", wanted.rags),
        ("manager", wanted.managers),
    ):
        if values:
            shown = ", ".join(sorted(v or "(none)" for v in values))
            parts.append(f"{label} {shown}")
    if wanted.show_archived:
        parts.append("archived shown")
    return "; ".join(parts) if parts else "no filter"


class PathRow(QWidget):
    """A path field with a Browse… button (the button's handler is the caller's)."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.browse = QPushButton("&Browse…", self)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)

    @property
    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None

    def set_path(self, path: Path) -> None:
        self.edit.setText(str(path))
