"""One benefit's measurements over time: a small chart against baseline and target, the list, edits.

*Add…* records what the benefit realised on a date (the benefit's realised
value follows the latest measurement), *Edit…* corrects one, *Remove*
archives one; each is undoable. pyqtgraph loads when the panel is built,
which happens when the Benefits page is first shown.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors.widgets import format_number, parse_number
from pmodesk.gui.monitoring.benefit_model import figure
from pmodesk.gui.monitoring.commands import (
    EditMeasurementCommand,
    RecordMeasurementCommand,
    RemoveMeasurementCommand,
)
from pmodesk.gui.monitoring.common import RIGHT, day_text
from pmodesk.gui.theme import RAG_COLOURS
from pmodesk.services.monitoring.benefits import BenefitRow
from pmodesk.services.monitoring.measurements import measurement_history


def _stamp(day: date) -> float:
    return datetime.combine(day, time(12)).timestamp()


class MeasurementDialog(QDialog):
    """Date, value and note of one measurement; the caller pushes the command."""

    def __init__(
        self, title: str, day: date, value: float | None, note: str, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.value_edit = QLineEdit(self)
        self.value_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.value_edit.setText("" if value is None else format_number(value))
        self.note_edit = QLineEdit(note, self)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form.addRow("&Measured on", self.date_edit)
        form.addRow("&Value", self.value_edit)
        form.addRow("&Note", self.note_edit)
        form.addRow(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.value_edit.setFocus()

    def values(self) -> tuple[date, float, str]:
        number = parse_number(self.value_edit.text())
        if number is None:
            raise ValueError("A measured value is required.")
        day: date = self.date_edit.date().toPython()  # type: ignore[assignment]
        return day, number, self.note_edit.text().strip()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _check(self) -> None:
        try:
            self.values()
        except ValueError as error:
            text = str(error)
            self.show_error(text if "required" in text else "The value must be a number.")
            return
        self.accept()


class MeasurementPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self.ctx = ctx
        self.benefit: BenefitRow | None = None
        self._ids: list[uuid.UUID] = []
        self._values: list[tuple[date, float, str]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title_label = QLabel("Select a benefit to see its measurements.", self)
        self.title_label.setProperty("role", "strong")
        self.title_label.setWordWrap(True)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setProperty("role", "muted")
        layout.addWidget(self.title_label)
        layout.addWidget(self.summary_label)
        self.plot = pg.PlotWidget(
            self, background=self.palette().base().color(), axisItems={"bottom": pg.DateAxisItem()}
        )
        self.plot.setObjectName("measurementChart")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMinimumHeight(170)
        self.plot.addLegend(offset=(6, 4), labelTextColor=self.palette().text().color())
        layout.addWidget(self.plot, 1)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("noMeasurements")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setProperty("role", "muted")
        self.empty_label.hide()
        layout.addWidget(self.empty_label, 1)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("measurementTable")
        self.table.setAccessibleName("Measurements")
        self.table.setHorizontalHeaderLabels(["Measured on", "Value", "Note"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Measure…", self)
        self.add_button.setToolTip("Record what the benefit realised on a date")
        self.edit_button = QPushButton("Correc&t…", self)
        self.remove_button = QPushButton("Remo&ve", self)
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_measurement)
        self.edit_button.clicked.connect(self.edit_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # ------------------------------------------------------------------ content

    def show_benefit(self, benefit: BenefitRow | None) -> None:
        import pyqtgraph as pg

        self.benefit = benefit
        self.plot.clear()
        self.table.setRowCount(0)
        self._ids, self._values = [], []
        if benefit is None:
            self.title_label.setText("Select a benefit to see its measurements.")
            self.summary_label.setText("")
            self.plot.hide()
            self.empty_label.hide()
            self._update_buttons()
            return
        with self.ctx.session() as session:
            history = [
                (m.id, m.measured_on, m.value, m.note)
                for m in measurement_history(session, benefit.id)
            ]
        self._ids = [h[0] for h in history]
        self._values = [(h[1], h[2], h[3]) for h in history]
        self.title_label.setText(f"{benefit.code} {benefit.name}")
        unit = benefit.unit
        parts = [benefit.measure or "No measure named"]
        parts.append(
            f"baseline {figure(benefit.baseline, unit) or '–'} → target {figure(benefit.target, unit) or '–'}"
            + (f" by {day_text(benefit.target_date)}" if benefit.target_date else "")
        )
        if benefit.owner:
            parts.append(f"owner {benefit.owner}")
        self.summary_label.setText(" · ".join(parts))
        self.table.setRowCount(len(history))
        for row, (_id, day, value, note) in enumerate(history):
            cells = (day_text(day), figure(value, unit), note)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        dashed = Qt.PenStyle.DashLine
        for level, name, colour in (
            (benefit.baseline, "Baseline", "#8a8a8a"),
            (benefit.target, "Target", RAG_COLOURS["green"]),
        ):
            if level is not None:
                line = pg.InfiniteLine(
                    pos=level, angle=0, pen=pg.mkPen(colour, width=1.5, style=dashed)
                )
                self.plot.addItem(line)
                self.plot.plot([], [], pen=pg.mkPen(colour, width=1.5, style=dashed), name=name)
        if history:
            xs = [_stamp(h[1]) for h in history]
            ys = [h[2] for h in history]
            self.plot.plot(
                xs,
                ys,
                pen=pg.mkPen("#2f5fb3", width=2),
                symbol="o",
                symbolBrush="#2f5fb3",
                symbolSize=8,
                name="Realised",
            )
        self._set_range(history, benefit)
        self.plot.setVisible(bool(history))
        self.empty_label.setVisible(not history)
        self.empty_label.setText(
            "No measurement yet. Press Measure… to record what the benefit has realised."
            if not benefit.archived
            else "This benefit is archived."
        )
        self._update_buttons()

    def _set_range(self, history: list[Any], benefit: BenefitRow) -> None:
        levels = [v for v in (benefit.baseline, benefit.target) if v is not None]
        values = [h[2] for h in history] + levels
        if values:
            low, high = min(values), max(values)
            pad = (high - low) * 0.15 or abs(high) * 0.1 or 1.0
            self.plot.setYRange(low - pad, high + pad, padding=0)
        if history:
            first, last = _stamp(history[0][1]), _stamp(history[-1][1])
            span = max(last - first, 86400 * 30)
            self.plot.setXRange(first - span * 0.1, last + span * 0.1, padding=0)

    def _update_buttons(self) -> None:
        live = self.benefit is not None and not self.benefit.archived
        chosen = bool(self.table.selectionModel().selectedRows())
        self.add_button.setEnabled(live)
        self.edit_button.setEnabled(live and chosen)
        self.remove_button.setEnabled(live and chosen)

    def measured_values(self) -> list[tuple[date, float, str]]:
        return list(self._values)

    # ------------------------------------------------------------------ actions

    def _push(self, command: object, title: str) -> str:
        try:
            self.ctx.push(command)  # type: ignore[arg-type]
        except DomainError as error:
            return error.message
        return ""

    def add_measurement(self) -> bool:
        benefit = self.benefit
        if benefit is None:
            return False
        dialog = MeasurementDialog(f"Measure {benefit.code}", date.today(), None, "", self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            day, value, note = dialog.values()
            error = self._push(
                RecordMeasurementCommand(self.ctx, benefit.id, benefit.code, day, value, note),
                "Measure",
            )
            if not error:
                return True
            dialog.show_error(error)
        return False

    def _current(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def edit_current(self) -> bool:
        row = self._current()
        if row is None or self.benefit is None:
            return False
        old = self._values[row]
        dialog = MeasurementDialog(
            f"Correct a measurement of {self.benefit.code}", old[0], old[1], old[2], self
        )
        while dialog.exec() == QDialog.DialogCode.Accepted:
            error = self._push(
                EditMeasurementCommand(self.ctx, self._ids[row], old, dialog.values()), "Correct"
            )
            if not error:
                return True
            dialog.show_error(error)
        return False

    def remove_current(self) -> bool:
        row = self._current()
        if row is None:
            return False
        error = self._push(RemoveMeasurementCommand(self.ctx, self._ids[row]), "Remove")
        if error:
            QMessageBox.warning(self, "Remove the measurement", error)
        return not error


__all__ = ["MeasurementDialog", "MeasurementPanel"]
