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

#: Keys that work inside one page (they are not window commands, so no menu lists them).
PAGE_SHORTCUTS: tuple[tuple[str, str], ...] = (
    (
        "Portfolio board: move the card to the next / previous stage (runs its gate)",
        "Ctrl+Right, Ctrl+Left",
    ),
    ("Register, RAID log, templates: search", "Ctrl+F"),
    ("Status & RAID: escalate the selected RAID item", "Ctrl+E"),
    ("Status & RAID: previous / next reporting period", "Alt+Left, Alt+Right"),
    (
        "Status & RAID: probability × impact matrix: move, select a cell, show all",
        "Arrows, Space, Esc",
    ),
    ("Templates: edit / publish the selected template", "Ctrl+E, Ctrl+Shift+P"),
    ("Dashboard: copy as an image", "Ctrl+Shift+C"),
    ("Dashboard: refresh", "F5"),
    ("Import wizard: next / back", "Enter or Alt+N, Alt+B"),
)


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
        rows = shortcut_rows(actions) + list(PAGE_SHORTCUTS)
        table = self.shortcutsTable
        table.setRowCount(len(rows))
        for row, (name, keys) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(name))
            table.setItem(row, 1, QTableWidgetItem(keys))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.buttonBox.rejected.connect(self.reject)
