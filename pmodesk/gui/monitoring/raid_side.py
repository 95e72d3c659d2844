"""The RAID log's side panel: the matrix, risk exposure per project, and dependency alerts.

The panel only shows; the tab decides what it is fed (the rows that pass the
filters) and what a click does (filter by a cell, by a project).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain.enums import RaidKind
from pmodesk.domain.rules import risk_band
from pmodesk.gui.icons import icon
from pmodesk.gui.monitoring.common import RIGHT, WARN_TEXT, rag_tint
from pmodesk.gui.monitoring.risk_matrix import Cell, RiskMatrix
from pmodesk.services.monitoring.dependencies import DependencyAlert
from pmodesk.services.monitoring.raid_log import RaidRow

#: Projects the exposure table lists (the most exposed first).
TOP_PROJECTS = 8


class RaidSidePanel(QWidget):
    #: A project was picked in the exposure table or an alert (``uuid`` or ``None``).
    project_picked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        matrix_box = QGroupBox("Probability × impact", self)
        box_layout = QVBoxLayout(matrix_box)
        self.matrix = RiskMatrix(matrix_box)
        box_layout.addWidget(self.matrix)
        self.matrix_hint = QLabel(
            "Click a cell to list its risks; click it again or Esc to show all."
        )
        self.matrix_hint.setProperty("role", "muted")
        self.matrix_hint.setWordWrap(True)
        box_layout.addWidget(self.matrix_hint)
        layout.addWidget(matrix_box)

        exposure_box = QGroupBox("Risk exposure", self)
        exposure_layout = QVBoxLayout(exposure_box)
        self.exposure_label = QLabel(exposure_box)
        self.exposure_label.setObjectName("exposureLabel")
        self.exposure_label.setWordWrap(True)
        exposure_layout.addWidget(self.exposure_label)
        self.exposure_table = QTableWidget(0, 3, exposure_box)
        self.exposure_table.setObjectName("exposureTable")
        self.exposure_table.setAccessibleName("Risk exposure per project")
        self.exposure_table.setHorizontalHeaderLabels(["Project", "Exposure", "Risks"])
        self.exposure_table.verticalHeader().hide()
        self.exposure_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.exposure_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.exposure_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.exposure_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.exposure_table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.exposure_table.setToolTip("Click a project to list its RAID items")
        self.exposure_table.itemClicked.connect(self._exposure_clicked)
        exposure_layout.addWidget(self.exposure_table)
        layout.addWidget(exposure_box, 1)

        alerts_box = QGroupBox("Dependency alerts", self)
        self.alerts_box = alerts_box
        alerts_layout = QVBoxLayout(alerts_box)
        self.alerts_list = QListWidget(alerts_box)
        self.alerts_list.setObjectName("dependencyAlerts")
        self.alerts_list.setAccessibleName("Dependency alerts")
        self.alerts_list.setWordWrap(True)
        self.alerts_list.setToolTip("Click an alert to list the endangered project's RAID items")
        self.alerts_list.itemClicked.connect(self._alert_clicked)
        alerts_layout.addWidget(self.alerts_list)
        layout.addWidget(alerts_box, 1)

    # ------------------------------------------------------------------ content

    def show_rows(self, rows: Sequence[RaidRow], *, scoped: bool) -> None:
        """Feed the matrix and the exposure from the rows that pass the filters."""
        cells: dict[Cell, list[str]] = {}
        exposure: dict[uuid.UUID | None, list[int]] = {}
        names: dict[uuid.UUID | None, str] = {None: "Portfolio level"}
        unscored = 0
        for row in rows:
            if row.kind is not RaidKind.RISK or not row.is_open:
                continue
            if row.score is None:
                unscored += 1
                continue
            cells.setdefault((row.probability or 0, row.impact or 0), []).append(
                f"{row.code}  {row.title}"
            )
            exposure.setdefault(row.project_id, []).append(row.score)
            if row.project_id is not None:
                names[row.project_id] = f"{row.project_code}  {row.project_name}"
        self.matrix.set_cells(cells)
        total = sum(sum(v) for v in exposure.values())
        count = sum(len(v) for v in exposure.values())
        where = "shown" if scoped else "open"
        text = f"<b>{total:,}</b> from {count:,} {where} risks"
        if unscored:
            text += f" · {unscored} without a score"
        self.exposure_label.setText(text)
        ranked = sorted(exposure.items(), key=lambda kv: (-sum(kv[1]), names[kv[0]]))
        table = self.exposure_table
        table.setRowCount(min(TOP_PROJECTS, len(ranked)))
        for n, (project_id, scores) in enumerate(ranked[:TOP_PROJECTS]):
            name = QTableWidgetItem(names[project_id])
            name.setData(Qt.ItemDataRole.UserRole, project_id)
            name.setToolTip(names[project_id])
            value = QTableWidgetItem(f"{sum(scores):,}")
            value.setTextAlignment(RIGHT)
            worst = risk_band(max(scores))
            value.setBackground(QBrush(rag_tint(worst, 70)))
            value.setToolTip(f"Highest score {max(scores)}")
            risks = QTableWidgetItem(str(len(scores)))
            risks.setTextAlignment(RIGHT)
            for column, item in enumerate((name, value, risks)):
                table.setItem(n, column, item)

    def show_alerts(self, alerts: Sequence[DependencyAlert], ends: dict[str, uuid.UUID]) -> None:
        self.alerts_list.clear()
        self.alerts_box.setTitle(f"Dependency alerts ({len(alerts)})")
        warning = icon("warning")
        for alert in alerts:
            item = QListWidgetItem(warning, alert.message)
            item.setData(Qt.ItemDataRole.UserRole, ends.get(alert.successor_code))
            item.setForeground(QBrush(WARN_TEXT.darker(130)))
            item.setToolTip(
                f"{alert.predecessor_code} {alert.predecessor_name} → "
                f"{alert.successor_code} {alert.successor_name}\n{alert.message}"
            )
            self.alerts_list.addItem(item)
        if not alerts:
            item = QListWidgetItem("No milestone that others depend on has slipped.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.alerts_list.addItem(item)

    # ------------------------------------------------------------------ clicks

    def _exposure_clicked(self, item: QTableWidgetItem) -> None:
        first = self.exposure_table.item(item.row(), 0)
        if first is not None:
            value = first.data(Qt.ItemDataRole.UserRole)
            self.project_picked.emit(value if isinstance(value, uuid.UUID) else "portfolio")

    def _alert_clicked(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(value, uuid.UUID):
            self.project_picked.emit(value)


__all__ = ["RaidSidePanel"]
