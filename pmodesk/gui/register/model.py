"""The register's Qt table model: plain rows in memory, refreshed by what changed.

Rows are :class:`~pmodesk.services.register.RegisterRow` tuples read in one
query; ``data()`` and ``flags()`` only look at them, never at the store. When
:attr:`AppContext.data_changed` names the project table the model reads only
the projects changed since the newest time stamp it holds, and turns the
difference into ``dataChanged`` / ``beginInsertRows`` / ``beginRemoveRows``
(a reset only when many rows changed). Sorting happens here, on typed keys,
so the proxy above never calls Python to compare two rows.

At start-up the model can hold rows read before the workspace is attached
(:meth:`RegisterModel.preload`, from the file read with the stdlib alone);
when the workspace arrives it is compared with them row by row, so the
table does not flicker. Until then nothing is editable.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from pmodesk.domain.enums import ProjectState, Rag
from pmodesk.errors import DomainError
from pmodesk.gui.commands import EditRecordCommand
from pmodesk.gui.context import AppContext
from pmodesk.gui.register.columns import COLUMNS, Column, Kind, display_text
from pmodesk.services import register
from pmodesk.services.register import RegisterFilter, RegisterRow, RegisterSnapshot, search_text

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RAG_ROLE = Qt.ItemDataRole.UserRole + 2
ARCHIVED_ROLE = Qt.ItemDataRole.UserRole + 3

#: Tables whose change alters what register rows show (names joined in).
STRUCTURE_TABLES = frozenset({"portfolio", "programme", "stage"})
#: More changed rows than this and the model resets instead of diffing.
RESET_LIMIT = 500

_NO_PARENT = QModelIndex()
AnyIndex = QModelIndex | QPersistentModelIndex


def to_field_value(column: Column, value: Any) -> Any:
    """Turn what an editor (or a test) hands to ``setData`` into the project field's value."""
    if value is None or (isinstance(value, str) and value == "" and column.kind is not Kind.TEXT):
        return None
    kind = column.kind
    if kind is Kind.DATE:
        if isinstance(value, QDate):
            return value.toPython() if value.isValid() else None
        if isinstance(value, str):
            return date.fromisoformat(value)
        return value
    if kind in (Kind.MONEY, Kind.PERCENT, Kind.NUMBER):
        return float(value)
    if kind is Kind.RAG:
        return Rag(value)
    if kind is Kind.STATE:
        return ProjectState(value)
    return str(value)


class RegisterModel(QAbstractTableModel):
    """All projects of the workspace (archived ones too; the proxy hides them)."""

    #: An inline edit was refused; the argument is the service's sentence.
    edit_refused = Signal(str)
    #: Rows were (re)loaded or changed; views update counts and filter choices.
    refreshed = Signal()

    def __init__(
        self, ctx: AppContext, parent: QObject | None = None, *, load: bool = True
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list[RegisterRow] = []
        self._texts: list[str] = []
        # Which rows the current filter shows, parallel to _rows. Always changed in
        # place: the proxy holds this very list and reads it in filterAcceptsRow.
        self._shown: list[bool] = []
        self._filter = RegisterFilter()
        self._where_cache: dict[uuid.UUID, int] | None = {}
        self._watermark: datetime | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._sorted = False  # rows are in self._sort order (nothing appended or changed since)
        self._preloaded: RegisterSnapshot | None = None
        self._italic = QFont()
        self._italic.setItalic(True)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(self._on_workspace_changed)
        if load and ctx.has_workspace:
            self.reload()

    # ------------------------------------------------------------ reading

    @property
    def rows(self) -> list[RegisterRow]:
        """The rows in model order (do not modify)."""
        return self._rows

    @property
    def search_texts(self) -> list[str]:
        """The folded search text of each row, in model order."""
        return self._texts

    @property
    def shown_flags(self) -> list[bool]:
        """Whether the current filter shows each row; the same list object for life."""
        return self._shown

    def set_filter(self, wanted: RegisterFilter) -> None:
        """Recompute :attr:`shown_flags` for ``wanted`` (the proxy then re-filters)."""
        self._filter = wanted
        self._shown[:] = wanted.accepted(self._rows, self._texts)

    def row_at(self, row: int) -> RegisterRow:
        return self._rows[row]

    def row_of(self, project_id: uuid.UUID) -> int | None:
        return self._where.get(project_id)

    def live_count(self) -> int:
        """Projects that are not archived."""
        return sum(1 for row in self._rows if not row.archived)

    def managers(self) -> list[str]:
        return sorted({row.manager for row in self._rows if row.manager}, key=register.fold)

    # ------------------------------------------------------------ loading

    def preload(self, snapshot: RegisterSnapshot) -> None:
        """Show the rows of ``snapshot``, read before the workspace is attached.

        When the context's workspace arrives and is the file the snapshot was
        read from, the model asks the store only what changed since (usually
        nothing) and signals just that; another workspace is loaded afresh.
        """
        self.beginResetModel()
        self._set_rows(list(snapshot.rows))
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()
        self._preloaded = snapshot
        self.refreshed.emit()

    def _on_workspace_changed(self) -> None:
        snapshot, self._preloaded = self._preloaded, None
        if snapshot is None or snapshot.path is None or snapshot.path != self._ctx.workspace.path:
            self.reload()
            return
        with self._ctx.session() as session:
            structure_changed = register.structure_stamp(session) != snapshot.structure
        self.refresh(structure=structure_changed)

    def reload(self) -> None:
        """Read every project again and reset (a workspace was opened)."""
        if not self._ctx.has_workspace:
            return
        with self._ctx.session() as session:
            rows = register.register_rows(session, include_archived=True)
        self.beginResetModel()
        self._set_rows(rows)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()
        self.refreshed.emit()

    def refresh(self, *, structure: bool = False) -> None:
        """Bring the rows up to date with the store, touching only rows that changed.

        ``structure``: portfolio, programme or stage names changed, so every
        row is read again (and still only the differing rows are signalled).
        """
        if not self._ctx.has_workspace:
            return
        with self._ctx.session() as session:
            fresh = register.register_rows(
                session,
                include_archived=True,
                changed_since=None if structure else self._watermark,
            )
            total = register.project_count(session) if not structure else len(fresh)
        added = sum(1 for row in fresh if row.id not in self._where)
        removed: set[uuid.UUID] = set()
        if structure or total != len(self._rows) + added:
            if not structure:
                with self._ctx.session() as session:
                    fresh = register.register_rows(session, include_archived=True)
            removed = set(self._where) - {row.id for row in fresh}
        self._apply(fresh, removed)

    def _set_rows(self, rows: list[RegisterRow]) -> None:
        self._sorted = False
        self._rows = rows
        self._texts = [search_text(row) for row in rows]
        self._shown[:] = self._filter.accepted(rows, self._texts)
        self._reindex()
        self._watermark = max((row.updated_at for row in rows), default=self._watermark)

    def _reindex(self) -> None:
        self._where_cache = None  # rebuilt when first needed

    @property
    def _where(self) -> dict[uuid.UUID, int]:
        """Row number by project id."""
        if self._where_cache is None:
            self._where_cache = {row.id: i for i, row in enumerate(self._rows)}
        return self._where_cache

    def _apply(self, fresh: list[RegisterRow], removed: set[uuid.UUID]) -> None:
        changed = [
            row for row in fresh if (at := self._where.get(row.id)) is None or self._rows[at] != row
        ]
        if not changed and not removed:
            return
        self._sorted = False
        if len(changed) + len(removed) > RESET_LIMIT:
            keep = [row for row in self._rows if row.id not in removed]
            by_id = {row.id: row for row in changed}
            merged = [by_id.pop(row.id, row) for row in keep] + list(by_id.values())
            self.beginResetModel()
            self._set_rows(merged)
            if self._sort is not None:
                self._sort_rows(*self._sort)
            self.endResetModel()
            self.refreshed.emit()
            return
        for at in sorted((self._where[i] for i in removed), reverse=True):
            self.beginRemoveRows(_NO_PARENT, at, at)
            del self._rows[at]
            del self._texts[at]
            del self._shown[at]
            self.endRemoveRows()
        if removed:
            self._reindex()
        new_rows: list[RegisterRow] = []
        last = len(COLUMNS) - 1
        for row in changed:
            at = self._where.get(row.id)
            if at is None:
                new_rows.append(row)
                continue
            self._rows[at] = row
            self._texts[at] = text = search_text(row)
            self._shown[at] = self._filter.accepts(row, text)
            self.dataChanged.emit(self.index(at, 0), self.index(at, last))
        if new_rows:
            first = len(self._rows)
            self.beginInsertRows(_NO_PARENT, first, first + len(new_rows) - 1)
            texts = [search_text(row) for row in new_rows]
            self._rows.extend(new_rows)
            self._texts.extend(texts)
            self._shown.extend(self._filter.accepted(new_rows, texts))
            for offset, row in enumerate(new_rows):
                self._where[row.id] = first + offset
            self.endInsertRows()
            if self._sort is not None:
                self.sort(*self._sort)
        stamps = [row.updated_at for row in changed]
        if self._watermark is not None:
            stamps.append(self._watermark)
        self._watermark = max(stamps, default=None)
        self.refreshed.emit()

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if tables & STRUCTURE_TABLES:
            self.refresh(structure=True)
        elif "project" in tables:
            self.refresh()

    # ------------------------------------------------------------ Qt model API

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(column, getattr(row, column.field))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(column, getattr(row, column.field))
        if role == RAG_ROLE:
            return getattr(row, column.field) if column.kind is Kind.RAG else None
        if role == ROW_ID_ROLE:
            return row.id
        if role == ARCHIVED_ROLE:
            return row.archived
        if role == Qt.ItemDataRole.FontRole:
            return self._italic if row.archived else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.archived:
                return QColor(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))
            return None
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._tooltip(column, row)
        return None

    @staticmethod
    def _edit_value(column: Column, value: Any) -> Any:
        if column.kind is Kind.DATE:
            return QDate(value.year, value.month, value.day) if value is not None else None
        if column.kind in (Kind.RAG, Kind.STATE):
            return value.value if value is not None else ""
        return value

    @staticmethod
    def _tooltip(column: Column, row: RegisterRow) -> str | None:
        value = getattr(row, column.field)
        if column.kind is Kind.RAG:
            label = value.label if value is not None else "not set"
            return f"{column.tooltip or column.title}: {label}"
        if row.archived and column.field == "code":
            return f"{row.code} is archived"
        if column.kind is Kind.TEXT and value:
            return str(value)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or column.title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if (
            COLUMNS[index.column()].editable
            and not self._rows[index.row()].archived
            and self._ctx.has_workspace
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Edit one field through the undo stack; a refusal emits :attr:`edit_refused`."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        column = COLUMNS[index.column()]
        row = self._rows[index.row()]
        if column.edit_field is None or row.archived or not self._ctx.has_workspace:
            return False
        try:
            new = to_field_value(column, value)
        except ValueError:
            self.edit_refused.emit(f"{value!r} is not a valid {column.title.lower()}.")
            return False
        if new == getattr(row, column.field):
            return False
        from pmodesk.domain import Project

        try:
            command = EditRecordCommand(
                self._ctx,
                Project,
                row.id,
                {column.edit_field: new},
                text=f"Edit {column.title.lower()} of {row.code}",
            )
            self._ctx.push(command)
        except DomainError as exc:
            self.edit_refused.emit(exc.message)
            return False
        return True

    # ------------------------------------------------------------ sorting

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on the column's typed key, empty cells last in either direction."""
        if not 0 <= column < len(COLUMNS):
            return
        if self._sorted and self._sort == (column, order):
            return  # already in that order (the view asks twice per header click)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self._rows[p.row()].id, p.column()) for p in persistent]
        self._sort_rows(column, order)
        self.changePersistentIndexList(
            persistent, [self.index(self._where[pid], col) for pid, col in held]
        )
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = (column, order)
        self._sorted = True
        keys = COLUMNS[column].sort_keys(self._rows)
        filled = [i for i, key in enumerate(keys) if key is not None]
        empty = [i for i, key in enumerate(keys) if key is None]
        filled.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        ordering = filled + empty
        self._rows = [self._rows[i] for i in ordering]
        self._texts = [self._texts[i] for i in ordering]
        shown = self._shown
        shown[:] = [shown[i] for i in ordering]
        self._reindex()
