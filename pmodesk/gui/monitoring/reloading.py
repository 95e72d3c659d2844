"""The bases of the monitoring tabs: reload when the tables a tab shows change; new, edit, archive.

A tab that is on screen reloads at once; a hidden one only notes that it is
stale and reloads the next time it is shown, so a change made on one page
does not make every other page query the store.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QMessageBox, QTableView, QWidget

from pmodesk.domain import PortfolioRecord
from pmodesk.errors import DomainError
from pmodesk.gui.commands import ArchiveRecordsCommand
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors import open_editor
from pmodesk.gui.editors.confirm import confirm
from pmodesk.gui.monitoring.common import current_id, select_id


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


class RecordTab(ReloadingTab):
    """A reloading tab listing records of one kind in ``table``: new, edit and archive.

    A subclass sets ``ctx`` and ``table``, names its kind in ``record_model`` and
    ``record_label``, and may give ``new_defaults()`` (the filters in force) and an
    ``archive_note`` said before archiving.
    """

    record_model: type[PortfolioRecord]
    record_label: str = "record"
    archive_note: str = "Ctrl+Z undoes this."
    ctx: AppContext
    table: QTableView

    def new_defaults(self) -> dict[str, Any]:
        """Field values a new record takes from what the tab shows."""
        return {}

    def new_record(self) -> uuid.UUID | None:
        created = open_editor(self.ctx, self.record_model, None, self, self.new_defaults())
        if created is not None:
            if self._stale:
                self.reload()
            select_id(self.table, created)
        return created

    def edit_current(self) -> uuid.UUID | None:
        record_id = current_id(self.table)
        return open_editor(self.ctx, self.record_model, record_id, self) if record_id else None

    def archive_current(self) -> bool:
        record_id = current_id(self.table)
        label = self.record_label
        if record_id is None or not confirm(
            self,
            f"Archive {label}",
            f"Archive this {label}?",
            "Archive",
            informative=self.archive_note,
        ):
            return False
        try:
            self.ctx.push(ArchiveRecordsCommand(self.ctx, self.record_model, [record_id]))
        except DomainError as error:
            QMessageBox.warning(self, "Archive", error.message)
            return False
        return True
