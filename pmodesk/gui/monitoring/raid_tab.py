"""The RAID log across the portfolio: filters, the sortable log, the matrix, exposure, alerts.

Filters narrow the log and the side panel alike; a matrix cell narrows the log
to the risks behind it. Every edit is undoable: New and Edit open the record
editor, *Escalate* moves an item to portfolio level (or back), *Close item*
closes it today, *Archive* archives the selection. The rows are fetched in
one query and again only when a table they show changed.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain import RaidItem
from pmodesk.domain.enums import RaidKind, RaidStatus
from pmodesk.errors import DomainError
from pmodesk.gui.commands import ArchiveRecordsCommand, EditRecordCommand
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors import open_editor
from pmodesk.gui.editors.confirm import confirm
from pmodesk.gui.icons import icon
from pmodesk.gui.monitoring.common import (
    current_id,
    select_data,
    select_id,
    selected_ids,
    setup_table,
)
from pmodesk.gui.monitoring.raid_filters import RaidFilterBar
from pmodesk.gui.monitoring.raid_model import (
    COLUMN,
    RaidFilter,
    RaidFilterProxy,
    RaidTableModel,
    accepts,
    is_overdue_issue,
)
from pmodesk.gui.monitoring.raid_side import RaidSidePanel
from pmodesk.gui.monitoring.reloading import ReloadingTab
from pmodesk.gui.monitoring.risk_matrix import Cell
from pmodesk.services.monitoring.dependencies import dependency_alerts
from pmodesk.services.monitoring.raid_log import raid_log
from pmodesk.services.register import fold

TABLES = frozenset({"raid_item", "project", "milestone", "project_dependency"})
WIDTHS = {
    "code": 100,
    "kind": 38,
    "project": 70,
    "owner": 110,
    "status": 84,
    "probability": 28,
    "impact": 28,
    "score": 54,
    "due_date": 88,
    "overdue": 58,
    "escalated": 38,
}


class RaidLogTab(ReloadingTab):
    watched_tables = TABLES

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("raidLogTab")
        self._stale = True
        self.today = date.today()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.filters = RaidFilterBar(self)
        self.filters.changed.connect(self._apply_filter)
        self.filters.clear_button.clicked.connect(self.clear_filters)
        # The filter widgets, by the names the tab's users know them.
        f = self.filters
        self.search, self.kind_combo, self.status_combo = f.search, f.kind_combo, f.status_combo
        self.project_combo, self.count_label = f.project_combo, f.count_label
        self.escalated_check, self.overdue_check = f.escalated_check, f.overdue_check
        layout.addWidget(self.filters)
        layout.addLayout(self._action_row())
        self.cell_label = QLabel(self)
        self.cell_label.setObjectName("cellFilterLabel")
        self.cell_label.setStyleSheet(
            "QLabel { background: #e8f0fe; color: #1a3d7c; border: 1px solid #90b4f0;"
            " border-radius: 4px; padding: 4px 8px; }"
        )
        self.cell_label.hide()
        layout.addWidget(self.cell_label)

        self.model = RaidTableModel(self)
        self.proxy = RaidFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("raidTable")
        self.table.setModel(self.proxy)
        setup_table(self.table, "RAID log", stretch=COLUMN["title"])
        self.table.sortByColumn(COLUMN["code"], Qt.SortOrder.AscendingOrder)
        for key, width in WIDTHS.items():
            self.table.setColumnWidth(COLUMN[key], width)
        self.side = RaidSidePanel(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([1040, 310])
        layout.addWidget(splitter, 1)

        self.side.matrix.cell_selected.connect(self._cell_selected)
        self.side.project_picked.connect(self._project_picked)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        self._actions()
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(self._on_workspace_changed)
        self._update_actions()

    # ------------------------------------------------------------------ building

    def _action_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.new_button = QPushButton("&New item…", self)
        self.edit_button = QPushButton("Ed&it…", self)
        self.escalate_button = QPushButton("Escalate", self)
        self.close_button = QPushButton("C&lose item", self)
        self.archive_button = QPushButton("&Archive…", self)
        self.new_button.setToolTip("New risk, assumption, issue or dependency (Ctrl+N)")
        self.edit_button.setToolTip("Edit the selected item (Enter or double-click)")
        self.escalate_button.setToolTip(
            "Escalate the selected item to portfolio level, or back (Ctrl+E)"
        )
        self.close_button.setToolTip("Close the selected item as of today")
        self.archive_button.setToolTip("Archive the selected items (Delete); Ctrl+Z undoes it")
        for button in (
            self.new_button,
            self.edit_button,
            self.escalate_button,
            self.close_button,
            self.archive_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        self.overdue_button = QToolButton(self)
        self.overdue_button.setObjectName("overdueIssuesButton")
        self.overdue_button.setIcon(icon("warning"))
        self.overdue_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.overdue_button.setAutoRaise(True)
        self.overdue_button.setStyleSheet("QToolButton { color: #c62828; font-weight: bold; }")
        self.overdue_button.setToolTip("List the open issues past their due date")
        self.overdue_button.clicked.connect(self.show_overdue_issues)
        row.addWidget(self.overdue_button)
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_current)
        self.escalate_button.clicked.connect(self.toggle_escalation)
        self.close_button.clicked.connect(self.close_current)
        self.archive_button.clicked.connect(self.archive_selected)
        return row

    def _actions(self) -> None:
        def add(keys: list[QKeySequence], slot: object, owner: QWidget, text: str) -> QAction:
            action = QAction(text, self)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            owner.addAction(action)
            return action

        enter = [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        add(enter, self.edit_current, self.table, "Edit")
        add(
            [QKeySequence(QKeySequence.StandardKey.Delete)],
            self.archive_selected,
            self.table,
            "Archive",
        )
        add([QKeySequence("Ctrl+E")], self.toggle_escalation, self, "Escalate")
        add([QKeySequence(QKeySequence.StandardKey.Find)], self.search.setFocus, self, "Find")

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        if not self.ctx.has_workspace:
            return
        kept = selected_ids(self.table)
        self.today = date.today()
        with self.ctx.session() as session:
            rows = raid_log(session, self.today)
            alerts = dependency_alerts(session, self.today)
        self._stale = False
        self.model.set_rows(rows)
        self.filters.fill_projects(rows)
        ends = {r.project_code: r.project_id for r in rows if r.project_id is not None}
        self.side.show_alerts(alerts, ends)
        overdue = sum(1 for r in rows if is_overdue_issue(r))
        self.overdue_button.setText(f"{overdue} overdue issue{'s' if overdue != 1 else ''}")
        self.overdue_button.setVisible(overdue > 0)
        self._refresh_views()
        for record_id in kept[:1]:
            select_id(self.table, record_id)

    # ------------------------------------------------------------------ filtering

    def current_filter(self) -> RaidFilter:
        return self.proxy.wanted

    def _apply_filter(self, *_args: object) -> None:
        self.proxy.set_filter(self.filters.value(cell=self.side.matrix.selected_cell()))
        self._refresh_views()

    def _refresh_views(self) -> None:
        wanted = self.proxy.wanted
        words = fold(wanted.text).split()
        unfiltered = wanted == RaidFilter(cell=wanted.cell)
        rows = [r for r in self.model.rows() if accepts(r, wanted, words, with_cell=False)]
        self.side.show_rows(rows, scoped=not unfiltered)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            f"{shown:,} of {total:,} items" if shown != total else f"{total:,} items"
        )
        cell = wanted.cell
        if cell is not None:
            p, i = cell
            self.cell_label.setText(
                f"Showing the risks at probability {p} × impact {i} (score {p * i}). "
                "Click the cell again or press Esc in the matrix to show all."
            )
        self.cell_label.setVisible(cell is not None)
        self._update_actions()

    def _cell_selected(self, _cell: Cell | None) -> None:
        self._apply_filter()

    def _project_picked(self, project: object) -> None:
        select_data(self.project_combo, project)

    def clear_filters(self) -> None:
        self.filters.clear()
        self.side.matrix.select_cell(None, notify=False)
        self._apply_filter()

    def show_overdue_issues(self) -> None:
        """Narrow the log to the open issues past their due date."""
        self.clear_filters()
        select_data(self.kind_combo, RaidKind.ISSUE)
        self.overdue_check.setChecked(True)
        self.table.sortByColumn(COLUMN["overdue"], Qt.SortOrder.DescendingOrder)

    def shown_codes(self) -> list[str]:
        """The codes of the rows the log shows, in view order."""
        column = COLUMN["code"]
        return [str(self.proxy.index(r, column).data()) for r in range(self.proxy.rowCount())]

    # ------------------------------------------------------------------ actions

    def _update_actions(self) -> None:
        ids = selected_ids(self.table)
        one = self.model.find(ids[0]) if len(ids) == 1 else None
        self.edit_button.setEnabled(one is not None)
        self.escalate_button.setEnabled(one is not None)
        self.escalate_button.setText("De-escalate" if one and one.escalated else "Escalate")
        self.close_button.setEnabled(one is not None and one.is_open)
        self.archive_button.setEnabled(bool(ids))

    def new_record(self) -> uuid.UUID | None:
        wanted = self.proxy.wanted
        defaults: dict[str, object] = {}
        if isinstance(wanted.project, uuid.UUID):
            defaults["project_id"] = wanted.project
        if wanted.kind is not None or wanted.cell is not None:
            defaults["kind"] = wanted.kind or RaidKind.RISK
        if wanted.cell is not None:
            defaults["probability"], defaults["impact"] = wanted.cell
        created = open_editor(self.ctx, RaidItem, None, self, defaults)
        if created is not None:
            if self._stale:
                self.reload()
            select_id(self.table, created)
        return created

    def edit_current(self) -> uuid.UUID | None:
        record_id = current_id(self.table)
        return open_editor(self.ctx, RaidItem, record_id, self) if record_id else None

    def _push(self, command: object, title: str) -> bool:
        try:
            self.ctx.push(command)  # type: ignore[arg-type]
        except DomainError as error:
            QMessageBox.warning(self, title, error.message)
            return False
        return True

    def toggle_escalation(self) -> bool:
        ids = selected_ids(self.table)
        row = self.model.find(ids[0]) if len(ids) == 1 else None
        if row is None:
            return False
        verb = "De-escalate" if row.escalated else "Escalate"
        command = EditRecordCommand(
            self.ctx, RaidItem, row.id, {"escalated": not row.escalated}, f"{verb} {row.code}"
        )
        return self._push(command, verb)

    def close_current(self) -> bool:
        ids = selected_ids(self.table)
        row = self.model.find(ids[0]) if len(ids) == 1 else None
        if row is None or not row.is_open:
            return False
        changes = {"status": RaidStatus.CLOSED, "closed_on": date.today()}
        command = EditRecordCommand(self.ctx, RaidItem, row.id, changes, f"Close {row.code}")
        return self._push(command, "Close item")

    def archive_selected(self) -> bool:
        ids = selected_ids(self.table)
        if not ids:
            return False
        what = "this item" if len(ids) == 1 else f"these {len(ids)} items"
        if not confirm(
            self,
            "Archive RAID items",
            f"Archive {what}?",
            "Archive",
            informative="Archived items leave the log but nothing is lost. Ctrl+Z undoes this.",
        ):
            return False
        return self._push(ArchiveRecordsCommand(self.ctx, RaidItem, ids), "Archive")


__all__ = ["RaidLogTab"]
