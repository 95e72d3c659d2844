"""The base of the monitoring tabs: reload when the tables a tab shows change.

A tab that is on screen reloads at once; a hidden one only notes that it is
stale and reloads the next time it is shown, so a change made on one page
does not make every other page query the store.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class ReloadingTab(QWidget):
    #: The tables whose changes this tab shows; a subclass names them.
    watched_tables: frozenset[str] = frozenset()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale = True

    def reload(self) -> None:
        """Read the store again and show it; a subclass sets ``_stale = False`` when done."""
        raise NotImplementedError

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if tables & self.watched_tables:
            self._on_workspace_changed()

    def _on_workspace_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()
