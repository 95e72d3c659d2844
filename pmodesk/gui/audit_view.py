"""The change history of one record: when, who, what, old → new, newest first.

Any view that has a selected record embeds an :class:`AuditHistoryPanel` and
calls :meth:`AuditHistoryPanel.show_record`; the panel refreshes itself when
the record's table (or the audit log) changes.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain.enums import AuditAction
from pmodesk.gui.context import AppContext

if TYPE_CHECKING:  # the record services load with the first history shown, not at start-up
    from pmodesk.domain import AuditEvent, Record

_NO_PARENT = QModelIndex()
AnyIndex = QModelIndex | QPersistentModelIndex

_ACTIONS = {
    AuditAction.CREATE: "Created",
    AuditAction.UPDATE: "Changed",
    AuditAction.ARCHIVE: "Archived",
    AuditAction.RESTORE: "Restored",
    AuditAction.DELETE: "Removed",
}


class HistoryLine(NamedTuple):
    """One audit event as the panel shows it."""

    when: str
    user: str
    action: str
    field: str
    change: str


def history_line(event: AuditEvent) -> HistoryLine:
    from pmodesk.services.records import field_label, sentence_case

    when = event.at.astimezone().strftime("%Y-%m-%d %H:%M") if event.at.tzinfo else str(event.at)
    field = "" if event.field in ("", "archived_at") else sentence_case(field_label(event.field))
    if event.action is AuditAction.UPDATE:
        change = f"{event.old if event.old is not None else '(empty)'} → {event.new if event.new is not None else '(empty)'}"
    else:
        change = event.new or ""
    source = f" ({event.source})" if event.source else ""
    return HistoryLine(when, event.user, _ACTIONS[event.action] + source, field, change)


class AuditHistoryModel(QAbstractTableModel):
    """History lines of one record, newest first."""

    HEADERS = ("When", "Who", "Action", "Field", "Old → new")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[HistoryLine] = []

    def set_lines(self, lines: list[HistoryLine]) -> None:
        self.beginResetModel()
        self._lines = lines
        self.endResetModel()

    def lines(self) -> list[HistoryLine]:
        return list(self._lines)

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._lines[index.row()][index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None


class AuditHistoryPanel(QWidget):
    """A title and a table listing the change history of the record shown."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._model_cls: type[Record] | None = None
        self._record_id: uuid.UUID | None = None
        self.title = QLabel("Select a record to see its history.", self)
        self.title.setWordWrap(True)
        self.history = AuditHistoryModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.history)
        self.table.setAccessibleName("Change history")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for section, width in enumerate((120, 80, 80, 110)):
            header.resizeSection(section, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(lambda: self.show_record(None, None))

    def show_record(self, model: type[Record] | None, record_id: uuid.UUID | None) -> None:
        """Show the history of ``record_id`` (a record of table ``model``); ``None`` clears."""
        self._model_cls, self._record_id = model, record_id
        self.refresh()

    def refresh(self) -> None:
        if self._model_cls is None or self._record_id is None or not self._ctx.has_workspace:
            self.title.setText("Select a record to see its history.")
            self.history.set_lines([])
            return
        from pmodesk.services import audit
        from pmodesk.services.records import kind_label

        with self._ctx.session() as session:
            obj = session.get(self._model_cls, self._record_id)
            if obj is None:
                self.title.setText(f"That {kind_label(self._model_cls)} no longer exists.")
                self.history.set_lines([])
                return
            events = audit.history(session, obj)
            code = audit.code_of(obj) or getattr(obj, "name", "")
        self.title.setText(
            f"History of {kind_label(self._model_cls)} {code}: "
            f"{len(events)} change{'s' if len(events) != 1 else ''}"
        )
        self.history.set_lines([history_line(event) for event in events])

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if self._model_cls is None:
            return
        if str(self._model_cls.__tablename__) in tables or "audit_event" in tables:
            self.refresh()
