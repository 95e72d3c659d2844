"""Baselines: every project's variance against its baseline in force, its history and milestone slips.

The list at the left measures each live project against its baseline in
force; the right shows the selected project's baseline history (the reasons
included) and each milestone against its baseline date. *Set first baseline*
takes the plan, *Re-baseline…* asks for the new dates and the reason, and
*Baseline all…* sets the first baseline of every planned project without
one. All three are undoable.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors.confirm import confirm
from pmodesk.gui.monitoring.baseline_dialog import open_baseline_dialog
from pmodesk.gui.monitoring.commands import BASELINE_TABLES, BaselineAllCommand, baseline_all
from pmodesk.gui.monitoring.common import (
    BAD_TEXT,
    GOOD_TEXT,
    RIGHT,
    current_id,
    day_text,
    money,
    select_id,
    setup_table,
    signed_days,
)
from pmodesk.gui.monitoring.reloading import ReloadingTab
from pmodesk.gui.monitoring.variance_model import COLUMN, VarianceModel, VarianceProxy
from pmodesk.services.monitoring.baseline_plans import baseline_history
from pmodesk.services.monitoring.baselines import unbaselined_projects
from pmodesk.services.monitoring.variance import MilestoneSlip, milestone_slips, variances

TABLES = frozenset({"project_baseline", "project", "milestone"})
WIDTHS = {
    "code": 76,
    "baseline": 104,
    "baseline_finish": 94,
    "forecast_finish": 94,
    "schedule": 66,
    "baseline_budget": 92,
    "forecast_cost": 92,
    "cost": 88,
    "cost_ratio": 52,
}


def _readonly_table(columns: list[str], name: str, parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(columns), parent)
    table.setHorizontalHeaderLabels(columns)
    table.setAccessibleName(name)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    return table


class BaselinesTab(ReloadingTab):
    watched_tables = TABLES

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("baselinesTab")
        self._stale = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        top = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search projects…")
        self.search.setAccessibleName("Search projects")
        self.search.setClearButtonEnabled(True)
        self.show_combo = QComboBox(self)
        self.show_combo.setAccessibleName("Show")
        self.show_combo.addItem("Every project", "all")
        self.show_combo.addItem("Finishing late", "late")
        self.show_combo.addItem("Over budget", "over")
        self.show_combo.addItem("Without a baseline", "none")
        self.first_button = QPushButton("Set &first baseline", self)
        self.rebaseline_button = QPushButton("&Re-baseline…", self)
        self.all_button = QPushButton("Baseline &all unbaselined…", self)
        self.all_button.setToolTip("Set the first baseline of every planned project without one")
        self.count_label = QLabel(self)
        self.count_label.setProperty("role", "muted")
        for widget in (self.search, self.show_combo, self.first_button, self.rebaseline_button):
            top.addWidget(widget)
        top.addWidget(self.all_button)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout.addLayout(top)

        self.model = VarianceModel(self)
        self.proxy = VarianceProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("varianceTable")
        self.table.setModel(self.proxy)
        setup_table(self.table, "Variance against the baseline in force", stretch=COLUMN["name"])
        for key, width in WIDTHS.items():
            self.table.setColumnWidth(COLUMN[key], width)
        self.table.sortByColumn(COLUMN["code"], Qt.SortOrder.AscendingOrder)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.project_label = QLabel(right)
        self.project_label.setProperty("role", "strong")
        self.project_label.setWordWrap(True)
        right_layout.addWidget(self.project_label)
        history_box = QGroupBox("Baseline history", right)
        history_layout = QVBoxLayout(history_box)
        self.history = _readonly_table(
            ["No.", "Set on", "By", "Finish", "Budget", "Reason"], "Baseline history", history_box
        )
        self.history.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        history_layout.addWidget(self.history)
        right_layout.addWidget(history_box, 1)
        slips_box = QGroupBox("Milestones against the baseline in force", right)
        slips_layout = QVBoxLayout(slips_box)
        self.slips = _readonly_table(
            ["Milestone", "Baseline", "Forecast", "Actual", "Slip", "Status"],
            "Milestones against the baseline",
            slips_box,
        )
        self.slips.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        slips_layout.addWidget(self.slips)
        right_layout.addWidget(slips_box, 3)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([900, 460])
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(lambda _t: self._refilter())
        self.show_combo.currentIndexChanged.connect(lambda _i: self._refilter())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_project())
        self.table.doubleClicked.connect(lambda _i: self.rebaseline())
        self.first_button.clicked.connect(self.set_first)
        self.rebaseline_button.clicked.connect(self.rebaseline)
        self.all_button.clicked.connect(self.baseline_all)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(self._on_workspace_changed)

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        if not self.ctx.has_workspace:
            return
        kept = current_id(self.table)
        with self.ctx.session() as session:
            rows = variances(session)
        self._stale = False
        self.model.set_rows(rows)
        self._refilter()
        if kept is None or not select_id(self.table, kept):
            self.table.selectRow(0)
        self._show_project()

    def _refilter(self) -> None:
        self.proxy.set_filter(str(self.show_combo.currentData()), self.search.text())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            f"{shown:,} of {total:,} projects" if shown != total else f"{total:,} projects"
        )

    # ------------------------------------------------------------------ detail

    def _show_project(self) -> None:
        project_id = current_id(self.table)
        index = self.table.currentIndex()
        v = self.model.variance(self.proxy.mapToSource(index).row()) if index.isValid() else None
        self.first_button.setEnabled(v is not None and not v.has_baseline)
        self.rebaseline_button.setEnabled(v is not None and v.has_baseline)
        if project_id is None or v is None:
            self.project_label.setText("Select a project to see its baselines.")
            self.history.setRowCount(0)
            self.slips.setRowCount(0)
            return
        with self.ctx.session() as session:
            history = [
                (b.number, b.set_on, b.set_by, b.planned_finish, b.budget, b.reason, b.in_force)
                for b in baseline_history(session, project_id)
            ]
            slips = milestone_slips(session, date.today(), project_ids=[project_id]).get(
                project_id, []
            )
        measured = (
            f"against baseline {v.baseline_number}"
            if v.has_baseline
            else "against its plan (no baseline yet)"
        )
        self.project_label.setText(f"{v.code} {v.name} — measured {measured}")
        self.history.setRowCount(len(history))
        for row, (number, set_on, by, finish, budget, reason, in_force) in enumerate(history):
            cells = (
                f"{number}{' (in force)' if in_force else ''}",
                day_text(set_on),
                by,
                day_text(finish),
                money(budget),
                reason,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(reason if column == 5 else "")
                if column == 4:
                    item.setTextAlignment(RIGHT)
                if in_force:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.history.setItem(row, column, item)
        self.history.resizeColumnsToContents()
        self.history.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self._fill_slips(slips)

    def _fill_slips(self, slips: list[MilestoneSlip]) -> None:
        self.slips.setRowCount(len(slips))
        for row, s in enumerate(slips):
            cells = (
                f"{s.code} {s.name}",
                day_text(s.baseline_date),
                day_text(s.forecast_date),
                day_text(s.actual_date),
                signed_days(s.slip_days),
                s.status,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{s.code} {s.name}: {s.status}")
                if column == 4:
                    item.setTextAlignment(RIGHT)
                if column in (4, 5) and s.slip_days:
                    late = s.slip_days > 0 or s.overdue_days > 0
                    item.setForeground(QBrush(BAD_TEXT if late else GOOD_TEXT))
                self.slips.setItem(row, column, item)
        self.slips.resizeColumnsToContents()
        self.slips.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    # ------------------------------------------------------------------ actions

    def _current(self) -> tuple[uuid.UUID, str, bool] | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        v = self.model.variance(self.proxy.mapToSource(index).row())
        return v.project_id, v.code, v.has_baseline

    def set_first(self) -> uuid.UUID | None:
        current = self._current()
        if current is None or current[2]:
            return None
        return open_baseline_dialog(self.ctx, current[0], first=True, parent=self)

    def rebaseline(self) -> uuid.UUID | None:
        current = self._current()
        if current is None:
            return None
        return open_baseline_dialog(self.ctx, current[0], first=not current[2], parent=self)

    def baseline_all(self) -> bool:
        with self.ctx.session() as session:
            count = len(unbaselined_projects(session))
        if not count:
            QMessageBox.information(
                self, "Baseline all", "Every planned project already has a baseline."
            )
            return False
        if not confirm(
            self,
            "Baseline all unbaselined projects",
            f"Set the first baseline of {count} project{'s' if count != 1 else ''} "
            "from their plans?",
            "Set baselines",
            informative="Each baseline takes the project's planned dates, budget and milestone "
            "dates as they stand. Ctrl+Z takes them all back.",
        ):
            return False
        runner = getattr(self.window(), "jobs", None)
        if runner is not None and callable(getattr(runner, "run", None)):
            workspace = self.ctx.workspace

            def work(control: Any) -> list[Any]:
                def progress(done: int, total: int) -> None:
                    control.progress(done, total, f"Baselined {done} of {total} projects")
                    control.raise_if_cancelled()

                with workspace.session() as session:
                    return baseline_all(session, progress)

            runner.run(
                "Setting first baselines",
                work,
                lambda done: self._push(BaselineAllCommand(self.ctx, done)),
                tables=BASELINE_TABLES,
            )
            return True
        return self._push(BaselineAllCommand(self.ctx))

    def _push(self, command: BaselineAllCommand) -> bool:
        try:
            self.ctx.push(command)
        except DomainError as error:
            QMessageBox.warning(self, "Baseline all", error.message)
            return False
        return True


__all__ = ["BaselinesTab"]
