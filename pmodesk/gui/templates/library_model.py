"""The library's tree: one group per kind, one row per template, with sort and filter.

Rows carry the service's :class:`~pmodesk.services.templates.TemplateRow`
under :data:`ROW_ROLE`; the proxy filters by search words (accents and case
ignored, as in the register), by kind and by state, and sorts within groups.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from pmodesk.domain.enums import TemplateKind, TemplateState
from pmodesk.gui.icons import icon
from pmodesk.gui.theme import RAG_COLOURS
from pmodesk.services.templates.library import KIND_LABELS, KIND_ORDER, TemplateRow, matches

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
COLUMNS = ("Name", "Code", "Version", "State", "Used by")
KIND_ICONS = {
    TemplateKind.PROJECT: "templates",
    TemplateKind.GATE_CHECKLIST: "gate",
    TemplateKind.DOCUMENT: "reports",
    TemplateKind.LIFECYCLE: "board",
}
STATE_COLOURS = {
    TemplateState.PUBLISHED: RAG_COLOURS["green"],
    TemplateState.DRAFT: RAG_COLOURS["amber"],
    TemplateState.RETIRED: "#8a94a3",
}

AnyIndex = QModelIndex | QPersistentModelIndex


def _item(text: str, sort: object = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(sort if sort is not None else text.casefold(), SORT_ROLE)
    return item


class LibraryModel(QStandardItemModel):
    """Templates grouped by kind (see the module docstring)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.rows: list[TemplateRow] = []

    def set_rows(self, rows: list[TemplateRow]) -> None:
        self.beginResetModel()
        self.blockSignals(True)
        self.removeRows(0, self.rowCount())
        self.rows = rows
        bold = QFont()
        bold.setBold(True)
        for order, kind in enumerate(KIND_ORDER):
            members = [r for r in rows if r.kind is kind]
            group = _item(f"{KIND_LABELS[kind][1]}  ({len(members)})", order)
            group.setFont(bold)
            group.setIcon(icon(KIND_ICONS[kind]))
            group.setData(kind.value, KIND_ROLE)
            group.setSelectable(False)
            fillers = [_item("", order) for _ in COLUMNS[1:]]
            for member in members:
                group.appendRow(self._row(member))
            self.appendRow([group, *fillers])
        self.blockSignals(False)
        self.endResetModel()

    def _row(self, row: TemplateRow) -> list[QStandardItem]:
        name = _item(row.name)
        name.setData(row, ROW_ROLE)
        name.setData(row.kind.value, KIND_ROLE)
        tip = row.description
        if row.built_in:
            tip += "\n\nBuilt into pmodesk: Restore defaults gives back its shipped content."
        name.setToolTip(tip)
        version_text = f"v{row.version}"
        if row.has_open_draft:
            version_text += f"  (v{row.latest_version} draft)"
        state = _item(row.state_label, row.state.value)
        state.setForeground(QBrush(QColor(STATE_COLOURS[row.state])))
        state_font = QFont()
        state_font.setBold(True)
        state.setFont(state_font)
        used = []
        if row.projects:
            used.append(f"{row.projects} project{'s' if row.projects != 1 else ''}")
        if row.lessons:
            used.append(f"{row.lessons} lesson{'s' if row.lessons != 1 else ''}")
        code = _item(row.code)
        code.setForeground(QBrush(QColor("#6b7685")))
        items = [
            name,
            code,
            _item(version_text, row.version),
            state,
            _item(", ".join(used), row.projects * 1000 + row.lessons),
        ]
        for item in items:
            item.setData(row, ROW_ROLE)
        return items

    def index_of(self, code: str) -> QModelIndex:
        for group in range(self.rowCount()):
            parent = self.index(group, 0)
            for child in range(self.rowCount(parent)):
                index = self.index(child, 0, parent)
                row = index.data(ROW_ROLE)
                if isinstance(row, TemplateRow) and row.code == code:
                    return index
        return QModelIndex()


class LibraryProxy(QSortFilterProxyModel):
    """Filters templates by words, kind and state; groups stay while they have matches."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setRecursiveFilteringEnabled(True)
        self.search = ""
        self.kind: TemplateKind | None = None
        self.show_retired = True

    def set_filter(
        self, *, search: str | None = None, kind: object = "", show_retired: bool | None = None
    ) -> None:
        self.beginFilterChange()
        if search is not None:
            self.search = search
        if kind != "":
            self.kind = kind if isinstance(kind, TemplateKind) else None
        if show_retired is not None:
            self.show_retired = show_retired
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        row = index.data(ROW_ROLE)
        if not isinstance(row, TemplateRow):
            kind = index.data(KIND_ROLE)
            return self.kind is None or kind == self.kind.value
        if self.kind is not None and row.kind is not self.kind:
            return False
        if not self.show_retired and row.state is TemplateState.RETIRED:
            return False
        return not self.search.strip() or matches(row, self.search)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        if not left.parent().isValid():  # groups keep the library's order whatever the sort
            order = self.sortOrder() == Qt.SortOrder.DescendingOrder
            return bool((left.data(SORT_ROLE) < right.data(SORT_ROLE)) != order)
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
