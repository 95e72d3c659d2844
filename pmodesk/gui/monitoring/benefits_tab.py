"""Benefits: the list with progress towards target, the roll-up per strategic objective, measurements.

Clicking an objective in the roll-up narrows the list to its benefits; the
panel at the right shows the selected benefit's measurements over time.
New, Edit and Archive go through the record editor and the undo stack.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain import Benefit
from pmodesk.gui.context import AppContext
from pmodesk.gui.monitoring.benefit_model import COLUMN, BenefitModel, BenefitProxy, progress_band
from pmodesk.gui.monitoring.common import (
    RIGHT,
    as_uuid,
    current_id,
    rag_tint,
    select_data,
    select_id,
    setup_table,
)
from pmodesk.gui.monitoring.measurement_panel import MeasurementPanel
from pmodesk.gui.monitoring.reloading import RecordTab
from pmodesk.services.monitoring.benefits import BenefitRollup, benefit_rollup, benefit_rows

TABLES = frozenset({"benefit", "benefit_measurement", "project", "strategic_objective"})
WIDTHS = {
    "code": 104,
    "project": 70,
    "objective": 66,
    "measure": 150,
    "baseline": 92,
    "target": 92,
    "realised": 92,
    "progress": 70,
}


class BenefitsTab(RecordTab):
    watched_tables = TABLES
    record_model = Benefit
    record_label = "benefit"
    archive_note = "Its measurements are kept. Ctrl+Z undoes this."

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("benefitsTab")
        self._stale = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        top = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search benefit, project, measure, owner…")
        self.search.setMinimumWidth(260)
        self.search.setAccessibleName("Search benefits")
        self.search.setClearButtonEnabled(True)
        self.objective_combo = QComboBox(self)
        self.objective_combo.setAccessibleName("Objective")
        self.objective_combo.setMinimumContentsLength(24)
        self.new_button = QPushButton("&New benefit…", self)
        self.edit_button = QPushButton("Ed&it…", self)
        self.archive_button = QPushButton("&Archive…", self)
        self.count_label = QLabel(self)
        self.count_label.setProperty("role", "muted")
        for widget in (self.search, self.objective_combo, self.new_button, self.edit_button):
            top.addWidget(widget)
        top.addWidget(self.archive_button)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout.addLayout(top)

        self.model = BenefitModel(self)
        self.proxy = BenefitProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("benefitTable")
        self.table.setModel(self.proxy)
        setup_table(self.table, "Benefits", stretch=COLUMN["name"])
        for key, width in WIDTHS.items():
            self.table.setColumnWidth(COLUMN[key], width)
        self.table.sortByColumn(COLUMN["code"], Qt.SortOrder.AscendingOrder)

        rollup_box = QGroupBox("Roll-up per strategic objective", self)
        rollup_layout = QVBoxLayout(rollup_box)
        self.rollup = QTableWidget(0, 5, rollup_box)
        self.rollup.setObjectName("benefitRollup")
        self.rollup.setAccessibleName("Benefits per strategic objective")
        self.rollup.setHorizontalHeaderLabels(
            ["Objective", "Benefits", "Measured", "Progress", "Projects"]
        )
        self.rollup.verticalHeader().hide()
        self.rollup.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rollup.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rollup.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rollup.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.rollup.setToolTip("Click an objective to list its benefits")
        self.rollup.itemClicked.connect(self._rollup_clicked)
        rollup_layout.addWidget(self.rollup)

        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.table)
        left.addWidget(rollup_box)
        left.setSizes([520, 240])
        self.panel = MeasurementPanel(ctx, self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([920, 420])
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(lambda _t: self._refilter())
        self.objective_combo.currentIndexChanged.connect(lambda _i: self._refilter())
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_current)
        self.archive_button.clicked.connect(self.archive_current)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        enter = QAction("Edit benefit", self.table)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(self.edit_current)
        self.table.addAction(enter)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(self._on_workspace_changed)

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        if not self.ctx.has_workspace:
            return
        kept = current_id(self.table)
        with self.ctx.session() as session:
            rows = benefit_rows(session)
            rollup = benefit_rollup(session)
        self._stale = False
        self.model.set_rows(rows)
        self._fill_objectives(rollup)
        self._fill_rollup(rollup)
        self._refilter()
        if kept is None or not select_id(self.table, kept):
            self.table.selectRow(0)
        self._show_current()

    def _fill_objectives(self, rollup: list[BenefitRollup]) -> None:
        current = self.objective_combo.currentData()
        blocked = self.objective_combo.blockSignals(True)
        self.objective_combo.clear()
        self.objective_combo.addItem("Every objective", None)
        for r in rollup:
            label = f"{r.code} — {r.name}" if r.objective_id else r.name
            self.objective_combo.addItem(label, str(r.objective_id) if r.objective_id else "")
        self.objective_combo.setCurrentIndex(max(0, self.objective_combo.findData(current)))
        self.objective_combo.blockSignals(blocked)

    def _fill_rollup(self, rollup: list[BenefitRollup]) -> None:
        self.rollup.setRowCount(len(rollup))
        for row, r in enumerate(rollup):
            band = progress_band(r.progress)
            cells = (
                f"{r.code}  {r.name}" if r.code else r.name,
                str(r.count),
                str(r.measured),
                "" if r.progress is None else f"{r.progress:.0%} {band.letter if band else ''}",
                str(len(r.project_ids)),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(
                    Qt.ItemDataRole.UserRole, str(r.objective_id) if r.objective_id else ""
                )
                if column:
                    item.setTextAlignment(RIGHT)
                if column == 3 and band is not None:
                    item.setBackground(QBrush(rag_tint(band, 90)))
                    item.setToolTip(
                        "Mean progress from baseline to target of the measured benefits"
                    )
                self.rollup.setItem(row, column, item)
        self.rollup.resizeColumnsToContents()
        self.rollup.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _refilter(self) -> None:
        data = self.objective_combo.currentData()
        self.proxy.set_filter(self.search.text(), as_uuid(data) or data)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            f"{shown:,} of {total:,} benefits" if shown != total else f"{total:,} benefits"
        )

    def _rollup_clicked(self, item: QTableWidgetItem) -> None:
        select_data(self.objective_combo, item.data(Qt.ItemDataRole.UserRole))

    def _show_current(self) -> None:
        benefit_id = current_id(self.table)
        row = self.model.find(benefit_id) if benefit_id else None
        self.edit_button.setEnabled(row is not None)
        self.archive_button.setEnabled(row is not None)
        self.panel.show_benefit(row)

    # ------------------------------------------------------------------ actions

    def new_defaults(self) -> dict[str, Any]:
        objective = as_uuid(self.objective_combo.currentData())
        return {"objective_id": objective} if objective else {}


__all__ = ["BenefitsTab"]
