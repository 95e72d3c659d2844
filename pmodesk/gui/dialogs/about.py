"""Help > About: version, licence, where the data and the logs live, the open workspace."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from pmodesk import __version__
from pmodesk.gui.context import AppContext
from pmodesk.gui.forms import load_form
from pmodesk.gui.icons import app_icon
from pmodesk.paths import user_data_dir, user_log_dir

LICENCE = "MIT licence"


class AboutDialog(QDialog):
    iconLabel: QLabel
    versionLabel: QLabel
    licenceLabel: QLabel
    workspaceLabel: QLabel
    dataFolderLabel: QLabel
    logFolderLabel: QLabel
    runtimeLabel: QLabel
    buttonBox: QDialogButtonBox

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_form("about_dialog.ui", self)
        self.iconLabel.setPixmap(app_icon().pixmap(64, 64))
        self.versionLabel.setText(f"Version {__version__}")
        self.licenceLabel.setText(LICENCE)
        self.workspaceLabel.setText(ctx.workspace.display_location)
        self.dataFolderLabel.setText(str(user_data_dir()))
        self.logFolderLabel.setText(str(user_log_dir()))
        self.runtimeLabel.setText(f"Python {platform.python_version()}, PySide6 {pyside_version}")
        self.buttonBox.rejected.connect(self.reject)
        self.buttonBox.accepted.connect(self.accept)
