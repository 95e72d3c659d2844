"""Help > Keyboard shortcuts: every command of the window that has a key, in menu order."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pmodesk.gui.forms import load_form


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """``(command, keys)`` for each action with a shortcut, mnemonic ampersands removed."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for action in actions:
        keys = [
            k.toString(QKeySequence.SequenceFormat.NativeText)
            for k in action.shortcuts()
            if not k.isEmpty()
        ]
        if not keys:
            continue
        name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        name = name.removesuffix("…").strip()
        if name in seen:
            continue
        seen.add(name)
        rows.append((name, ", ".join(keys)))
    return rows


class ShortcutsDialog(QDialog):
    shortcutsTable: QTableWidget
    buttonBox: QDialogButtonBox

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_form("shortcuts_dialog.ui", self)
        rows = shortcut_rows(actions)
        table = self.shortcutsTable
        table.setRowCount(len(rows))
        for row, (name, keys) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(name))
            table.setItem(row, 1, QTableWidgetItem(keys))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.buttonBox.rejected.connect(self.reject)
