"""The welcome panel shown instead of an empty register when a workspace has no projects."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from pmodesk.gui.forms import load_form
from pmodesk.gui.icons import icon

IMPORT_ARRIVES = "Open a workspace first: a workbook is imported into the open workspace."
IMPORT_TIP = (
    "Bring in the project register, RAID log or resource plan you keep in Excel; "
    "you can also drop the file on this window"
)


class FirstRunPanel(QWidget):
    """Offers the demo portfolio, an import, another workspace, or an empty start."""

    demo_requested = Signal()
    import_requested = Signal()
    open_requested = Signal()
    empty_requested = Signal()

    demoButton: QPushButton
    importButton: QPushButton
    openButton: QPushButton
    emptyButton: QPushButton
    workspaceLabel: QLabel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_form("first_run_dialog.ui", self)
        for button, name in (
            (self.demoButton, "demo"),
            (self.importButton, "import"),
            (self.openButton, "open"),
            (self.emptyButton, "empty"),
        ):
            button.setIcon(icon(name))
        self.demoButton.setDefault(True)
        self._import_offered = False
        self.importButton.setEnabled(False)
        self.importButton.setToolTip(IMPORT_ARRIVES)
        self.demoButton.clicked.connect(self.demo_requested)
        self.importButton.clicked.connect(self.import_requested)
        self.openButton.clicked.connect(self.open_requested)
        self.emptyButton.clicked.connect(self.empty_requested)

    def offer_import(self) -> None:
        """Enable "Import a workbook…": the window calls this once it opens the import wizard."""
        self._import_offered = True
        self.importButton.setEnabled(True)
        self.importButton.setToolTip(IMPORT_TIP)

    def set_workspace(self, location: str) -> None:
        self.workspaceLabel.setText(f"Workspace: {location}")

    def set_busy(self, busy: bool) -> None:
        """Disable the choices while the demo portfolio is being created."""
        for button in (self.demoButton, self.openButton, self.emptyButton):
            button.setEnabled(not busy)
        if self._import_offered:
            self.importButton.setEnabled(not busy)
