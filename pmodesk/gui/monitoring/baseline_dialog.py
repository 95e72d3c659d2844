"""The baseline form: the dates, budget and milestone dates to baseline, and the reason.

For a first baseline it starts from the project's plan; for a re-baseline
from today's forecasts, and the reason is required (the change request the
board approved). Saving pushes a :class:`~.commands.BaselineCommand`
(undoable); a refusal shows its sentence in the banner, outlines the field it
names and keeps what was typed.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors.dialog import STYLE
from pmodesk.gui.editors.specs import FieldSpec, Widget
from pmodesk.gui.editors.widgets import DateInput, NumberInput
from pmodesk.gui.monitoring.commands import BaselineCommand
from pmodesk.gui.monitoring.common import day_text, money
from pmodesk.services.monitoring.baseline_plans import (
    BaselinePlan,
    baseline_in_force,
    current_plan,
    forecast_plan,
    live_milestones,
)


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class BaselineDialog(QDialog):
    """``BaselineDialog(ctx, project_id, first=...)``; ``exec()`` is Accepted once saved."""

    def __init__(
        self,
        ctx: AppContext,
        project_id: uuid.UUID,
        *,
        first: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.project_id, self.first = ctx, project_id, first
        self.setStyleSheet(STYLE)
        self.setObjectName("baselineDialog")
        self._marked: list[QWidget] = []
        from pmodesk.domain import Project
        from pmodesk.services import records

        with ctx.session() as session:
            project = records.get(session, Project, project_id)
            self.code, name = project.code, project.name
            in_force = baseline_in_force(session, project_id)
            plan = (
                current_plan(session, project_id) if first else forecast_plan(session, project_id)
            )
            kept = BaselinePlan.of(in_force) if in_force else None
            milestones = [
                (m.code, m.name, m.forecast_date, m.actual_date)
                for m in live_milestones(session, project_id)
            ]
            force_text = (
                f"Baseline {in_force.number} is in force since {day_text(in_force.set_on)}"
                + (f": {in_force.reason}" if in_force.reason else ".")
                if in_force
                else "The project has no baseline yet."
            )
        verb = "Set the first baseline of" if first else "Re-baseline"
        self.setWindowTitle(f"{verb} {self.code}")
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{verb} {self.code} {name}</b>", self)
        title.setWordWrap(True)
        layout.addWidget(title)
        info = QLabel(force_text, self)
        info.setWordWrap(True)
        info.setProperty("role", "muted")
        layout.addWidget(info)
        self.banner = QFrame(self)
        self.banner.setObjectName("banner")
        self.banner.setProperty("tone", "error")
        banner_layout = QHBoxLayout(self.banner)
        self.banner_text = QLabel(self.banner)
        self.banner_text.setWordWrap(True)
        banner_layout.addWidget(self.banner_text)
        self.banner.hide()
        layout.addWidget(self.banner)

        form = QFormLayout()
        self.start = DateInput(FieldSpec("planned_start", "Start", Widget.DATE), True)
        self.finish = DateInput(FieldSpec("planned_finish", "Finish", Widget.DATE), True)
        self.budget = NumberInput(FieldSpec("budget", "Budget", Widget.MONEY), True)
        self.start.set_value(plan.planned_start)
        self.finish.set_value(plan.planned_finish)
        self.budget.set_value(plan.budget)
        self.labels: dict[str, tuple[QWidget, QWidget]] = {}
        for field, text, widget in (
            ("planned_start", "&Start", self.start),
            ("planned_finish", "&Finish", self.finish),
            ("budget", "&Budget", self.budget),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget.focus_widget)
            form.addRow(label, widget.widget)
            self.labels[field] = (label, widget.focus_widget)
        if kept is not None:
            form.addRow(
                "",
                QLabel(
                    f"In force: {day_text(kept.planned_start)} – {day_text(kept.planned_finish)},"
                    f" budget {money(kept.budget) or 'none'}",
                    self,
                ),
            )
        layout.addLayout(form)

        self.milestone_table = QTableWidget(len(milestones), 4, self)
        self.milestone_table.setObjectName("baselineMilestones")
        self.milestone_table.setAccessibleName("Milestone baseline dates")
        self.milestone_table.setHorizontalHeaderLabels(
            ["Milestone", "In force", "Forecast / actual", "New baseline"]
        )
        self.milestone_table.verticalHeader().hide()
        self.milestone_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.milestone_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.milestone_edits: dict[str, QDateEdit] = {}
        for row, (code, m_name, forecast, actual) in enumerate(milestones):
            cells = (
                f"{code} {m_name}",
                day_text(kept.milestones.get(code)) if kept else "",
                f"{day_text(actual)} (actual)" if actual else day_text(forecast),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.milestone_table.setItem(row, column, item)
            edit = QDateEdit(self.milestone_table)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(f"New baseline date of {code}")
            day = plan.milestones.get(code)
            if day is not None:
                edit.setDate(QDate(day.year, day.month, day.day))
            else:
                edit.setSpecialValueText("Not baselined")
                edit.setDate(edit.minimumDate())
            self.milestone_table.setCellWidget(row, 3, edit)
            self.milestone_edits[code] = edit
        self.milestone_table.resizeColumnsToContents()
        self.milestone_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.milestone_table.setMinimumHeight(140 if milestones else 40)
        layout.addWidget(QLabel("Milestone baseline dates", self))
        layout.addWidget(self.milestone_table, 1)

        self.reason_label = QLabel("&Reason (required)" if not first else "&Note (optional)", self)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("reasonEdit")
        self.reason.setPlaceholderText(
            "e.g. CR-12 approved by the portfolio board on 3 March: scope extended."
            if not first
            else "e.g. Approved at the gate into delivery."
        )
        self.reason.setFixedHeight(70)
        self.reason_label.setBuddy(self.reason)
        self.labels["reason"] = (self.reason_label, self.reason)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setText("Set &baseline" if first else "Re-&baseline")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(640, 600)
        self.baseline_id: uuid.UUID | None = None

    # ------------------------------------------------------------------ values

    def plan(self) -> BaselinePlan:
        dates: dict[str, date] = {}
        for code, edit in self.milestone_edits.items():
            if edit.date() != edit.minimumDate() or not edit.specialValueText():
                dates[code] = edit.date().toPython()  # type: ignore[assignment]
        return BaselinePlan(self.start.value(), self.finish.value(), self.budget.value(), dates)

    def _mark(self, field: str | None, message: str) -> None:
        self.banner_text.setText(message)
        self.banner.show()
        target: tuple[QWidget, QWidget] | None = self.labels.get(field or "")
        if field == "milestones":
            target = (self.milestone_table, self.milestone_table)
        if target is None:
            return
        for widget in target:
            widget.setProperty("invalid", True)
            _repolish(widget)
            self._marked.append(widget)
        target[1].setFocus(Qt.FocusReason.OtherFocusReason)

    def _unmark(self) -> None:
        for widget in self._marked:
            widget.setProperty("invalid", False)
            _repolish(widget)
        self._marked = []
        self.banner.hide()

    @property
    def banner_message(self) -> str:
        return self.banner_text.text() if self.banner.isVisibleTo(self) else ""

    def save(self) -> None:
        self._unmark()
        try:
            plan = self.plan()
        except DomainError as error:
            self._mark(error.field, error.message)
            return
        command = BaselineCommand(
            self.ctx,
            self.project_id,
            self.code,
            plan=plan,
            reason=self.reason.toPlainText(),
            first=self.first,
        )
        try:
            self.ctx.push(command)
        except DomainError as error:
            self._mark(error.field, error.message)
            return
        self.baseline_id = command.baseline_id
        self.accept()


def open_baseline_dialog(
    ctx: AppContext, project_id: uuid.UUID, *, first: bool, parent: QWidget | None = None
) -> uuid.UUID | None:
    dialog = BaselineDialog(ctx, project_id, first=first, parent=parent)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.baseline_id if accepted else None
    finally:
        dialog.deleteLater()


__all__ = ["BaselineDialog", "open_baseline_dialog"]
