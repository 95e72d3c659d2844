"""What-if scenarios: the heatmap without and with a scenario side by side; commit or discard.

A scenario is a draft plan kept apart from the real one: tentative
allocations (for example for intake projects) and project shifts by N weeks.
The left heatmap is the real plan, the right one the plan with the scenario;
they scroll together. Adding a tentative allocation or a shift is an undo
command; *Commit* writes the scenario into the real plan, *Discard* drops it
(both ask first). Nothing in a scenario touches the real plan until committed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import numpy as np
from PySide6.QtCore import QDate
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain import PortfolioRecord, Scenario
from pmodesk.domain.enums import ScenarioStatus
from pmodesk.errors import DomainError
from pmodesk.gui.commands import CreateRecordCommand
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors.confirm import confirm
from pmodesk.gui.resources.commands import AllocateCommand, ShiftProjectCommand
from pmodesk.gui.resources.heatmap_model import HeatmapModel
from pmodesk.gui.resources.view import HeatmapView
from pmodesk.services import capacity, lookups

FEEDS = frozenset(
    {"allocation", "person", "capacity_exception", "public_holiday", "project", "scenario"}
    | {"scenario_shift", "team", "role", "workspace_setting"}
)


def _combo(parent: QWidget, name: str, access: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setAccessibleName(access)
    combo.setMinimumContentsLength(16)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


class ScenarioView(QWidget):
    """See the module docstring. ``base_query()`` gives the span, grouping and filters shown."""

    def __init__(
        self,
        ctx: AppContext,
        base_query: Callable[[], Any],
        parent: QWidget | None = None,
        unit: Callable[[], str] = lambda: "percent",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._base_query, self._unit = base_query, unit
        self.setObjectName("scenarioView")
        self.setAccessibleName("What-if scenario")
        self._stale = True
        self._choices_loaded = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)

        top = QHBoxLayout()
        top.addWidget(QLabel("Scenario", self))
        self.scenario_combo = _combo(self, "scenarioCombo", "Scenario")
        self.scenario_combo.currentIndexChanged.connect(self._scenario_changed)
        top.addWidget(self.scenario_combo, 1)
        self.new_button = QPushButton("&New scenario…", self)
        self.new_button.setObjectName("newScenario")
        self.new_button.clicked.connect(lambda: self.new_scenario())
        top.addWidget(self.new_button)
        self.commit_button = QPushButton("&Commit", self)
        self.commit_button.setObjectName("commitScenario")
        self.commit_button.setToolTip("Write the scenario's allocations and shifts into the plan")
        self.commit_button.clicked.connect(lambda: self.commit())
        top.addWidget(self.commit_button)
        self.discard_button = QPushButton("&Discard", self)
        self.discard_button.setObjectName("discardScenario")
        self.discard_button.setToolTip("Drop the scenario; the real plan stays as it is")
        self.discard_button.clicked.connect(lambda: self.discard())
        top.addWidget(self.discard_button)
        layout.addLayout(top)

        edits = QGridLayout()
        edits.addWidget(QLabel("Add tentative:", self), 0, 0)
        self.person_combo = _combo(self, "tentativePerson", "Person of the tentative allocation")
        self.project_combo = _combo(self, "tentativeProject", "Project of the tentative allocation")
        self.from_date = QDateEdit(self)
        self.from_date.setObjectName("tentativeFrom")
        self.from_date.setCalendarPopup(True)
        self.from_date.setDisplayFormat("yyyy-MM-dd")
        self.from_date.setAccessibleName("First week of the tentative allocation")
        self.weeks_spin = QSpinBox(self)
        self.weeks_spin.setObjectName("tentativeWeeks")
        self.weeks_spin.setRange(1, 104)
        self.weeks_spin.setValue(8)
        self.weeks_spin.setSuffix(" weeks")
        self.weeks_spin.setAccessibleName("Number of weeks")
        self.hours_spin = QDoubleSpinBox(self)
        self.hours_spin.setObjectName("tentativeHours")
        self.hours_spin.setRange(0.5, 168)
        self.hours_spin.setValue(20)
        self.hours_spin.setSuffix(" h/week")
        self.hours_spin.setAccessibleName("Hours per week")
        self.add_button = QPushButton("&Add", self)
        self.add_button.setObjectName("addTentative")
        self.add_button.clicked.connect(self._add_clicked)
        for column, widget in enumerate(
            (self.person_combo, self.project_combo, self.from_date, self.weeks_spin),
            start=1,
        ):
            edits.addWidget(widget, 0, column)
        edits.addWidget(self.hours_spin, 0, 5)
        edits.addWidget(self.add_button, 0, 6)
        edits.addWidget(QLabel("Shift project:", self), 1, 0)
        self.shift_project_combo = _combo(self, "shiftProject", "Project to shift")
        self.shift_spin = QSpinBox(self)
        self.shift_spin.setObjectName("shiftWeeks")
        self.shift_spin.setRange(-104, 104)
        self.shift_spin.setValue(4)
        self.shift_spin.setSuffix(" weeks")
        self.shift_spin.setAccessibleName("Weeks to shift the project by")
        self.shift_button = QPushButton("S&hift", self)
        self.shift_button.setObjectName("shiftButton")
        self.shift_button.clicked.connect(self._shift_clicked)
        edits.addWidget(self.shift_project_combo, 1, 1, 1, 2)
        edits.addWidget(self.shift_spin, 1, 3)
        edits.addWidget(self.shift_button, 1, 4)
        edits.setColumnStretch(7, 1)
        layout.addLayout(edits)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("scenarioMessage")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)

        self.splitter = QSplitter(self)
        self.base_model = HeatmapModel(self)
        self.scenario_model = HeatmapModel(self)
        self.base_view = self._side("Real plan", self.base_model, "baseHeatmap")
        self.scenario_view = self._side("With the scenario", self.scenario_model, "scenarioHeatmap")
        for one, other in (
            (self.base_view, self.scenario_view),
            (self.scenario_view, self.base_view),
        ):
            one.verticalScrollBar().valueChanged.connect(other.verticalScrollBar().setValue)
            one.horizontalScrollBar().valueChanged.connect(other.horizontalScrollBar().setValue)
        layout.addWidget(self.splitter, 1)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(self._on_workspace_changed)
        self._update_buttons()

    def _side(self, title: str, model: HeatmapModel, name: str) -> HeatmapView:
        box = QWidget(self.splitter)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(title, box)
        label.setProperty("role", "strong")
        box_layout.addWidget(label)
        view = HeatmapView(box)
        view.setObjectName(name)
        view.setAccessibleName(title)
        view.setModel(model)
        box_layout.addWidget(view, 1)
        self.splitter.addWidget(box)
        return view

    # ------------------------------------------------------------------ choices

    def _load_choices(self) -> None:
        with self.ctx.session() as session:
            scenarios = [
                c
                for c in lookups.choices(session, Scenario)
                if session.get(Scenario, c.id) is not None
                and session.get(Scenario, c.id).status == ScenarioStatus.DRAFT  # type: ignore[union-attr]
            ]
            people = lookups.people(session)
            projects = lookups.projects(session)
        current = self.scenario_combo.currentData()
        blocked = self.scenario_combo.blockSignals(True)
        self.scenario_combo.clear()
        for choice in scenarios:
            self.scenario_combo.addItem(choice.label, str(choice.id))
        if current is not None:
            self.scenario_combo.setCurrentIndex(max(0, self.scenario_combo.findData(current)))
        self.scenario_combo.blockSignals(blocked)
        for combo, choices in (
            (self.person_combo, people),
            (self.project_combo, projects),
            (self.shift_project_combo, projects),
        ):
            kept = combo.currentData()
            combo.clear()
            for choice in choices:
                combo.addItem(choice.label, str(choice.id))
            if kept is not None:
                combo.setCurrentIndex(max(0, combo.findData(kept)))
        self._choices_loaded = True
        self._update_buttons()

    def scenario_id(self) -> uuid.UUID | None:
        value = self.scenario_combo.currentData()
        return uuid.UUID(str(value)) if value else None

    def select_scenario(self, scenario_id: uuid.UUID) -> None:
        self._load_choices()
        self.scenario_combo.setCurrentIndex(self.scenario_combo.findData(str(scenario_id)))

    def _update_buttons(self) -> None:
        has = self.scenario_id() is not None
        for widget in (
            self.commit_button,
            self.discard_button,
            self.add_button,
            self.shift_button,
        ):
            widget.setEnabled(has)

    def record_model(self) -> type[PortfolioRecord]:
        return Scenario

    # ------------------------------------------------------------------ computing

    def refresh(self) -> None:
        if not self.ctx.has_workspace:
            return
        if not self._choices_loaded:
            self._load_choices()
        self._stale = False
        query = self._base_query()
        if self.from_date.date() < QDate(query.start):
            self.from_date.setDate(QDate(query.start))
        scenario_id = self.scenario_id()
        with self.ctx.session() as session:
            base = capacity.capacity_matrix(session, query)
            planned = (
                capacity.capacity_matrix(session, replace(query, scenario_id=scenario_id))
                if scenario_id is not None
                else base
            )
        for model, matrix in ((self.base_model, base), (self.scenario_model, planned)):
            model.set_matrix(
                matrix,
                str(query.period),
                unit=self._unit(),
                thresholds=(matrix.under_use_threshold, matrix.over_allocation_threshold),
            )
        self.base_view.set_breakdown_provider(self._provider(query))
        self.scenario_view.set_breakdown_provider(
            self._provider(replace(query, scenario_id=scenario_id))
        )
        self._describe(base, planned, scenario_id)

    def _provider(self, query: Any) -> Callable[[uuid.UUID | None, date], list[Any]]:
        def breakdown(key: uuid.UUID | None, column: date) -> list[Any]:
            with self.ctx.session() as session:
                return list(capacity.cell_breakdown(session, query, key, column))

        return breakdown

    def _describe(self, base: Any, planned: Any, scenario_id: uuid.UUID | None) -> None:
        if scenario_id is None:
            self.message_label.setText(
                "Create or choose a draft scenario to try tentative allocations and project shifts."
            )
            return
        changed = int(np.count_nonzero(~np.isclose(base.allocated, planned.allocated)))
        extra = int(planned.over_allocated().sum()) - int(base.over_allocated().sum())
        added = float(planned.allocated.sum() - base.allocated.sum())
        self.message_label.setText(
            f"The scenario changes {changed} cells and adds {added:,.0f} h of load; "
            f"over-allocated cells: {int(base.over_allocated().sum())} → "
            f"{int(planned.over_allocated().sum())} ({extra:+d})."
        )

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if tables & {"scenario", "person", "project"}:
            self._choices_loaded = False
        if not tables & FEEDS:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _on_workspace_changed(self) -> None:
        self._choices_loaded = False
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _scenario_changed(self) -> None:
        self._update_buttons()
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    # ------------------------------------------------------------------ actions

    def _say(self, error: DomainError) -> None:
        self.message_label.setText(error.message)

    def new_scenario(self, name: str | None = None) -> uuid.UUID | None:
        """Create a draft scenario (asking for its name unless given) and choose it."""
        if name is None:
            name, ok = QInputDialog.getText(self, "New scenario", "Name of the scenario:")
            if not ok or not name.strip():
                return None
        with self.ctx.session() as session:
            code = lookups.next_code(session, Scenario, "SCN")
        command = CreateRecordCommand(self.ctx, Scenario, {"code": code, "name": name.strip()})
        try:
            self.ctx.push(command)
        except DomainError as error:
            self._say(error)
            return None
        if command.record_id is not None:
            self.select_scenario(command.record_id)
        return command.record_id

    def add_tentative(
        self, person_id: uuid.UUID, project_id: uuid.UUID, first: date, weeks: int, hours: float
    ) -> bool:
        scenario_id = self.scenario_id()
        if scenario_id is None:
            return False
        monday = first - timedelta(days=first.weekday())
        command = AllocateCommand(
            self.ctx,
            project_id=project_id,
            weeks=[monday + timedelta(weeks=n) for n in range(weeks)],
            hours=hours,
            person_id=person_id,
            scenario_id=scenario_id,
        )
        return self._push(command)

    def shift(self, project_id: uuid.UUID, weeks: int) -> bool:
        scenario_id = self.scenario_id()
        if scenario_id is None or weeks == 0:
            return False
        label = self.shift_project_combo.currentText().split(" — ")[0] or "project"
        return self._push(
            ShiftProjectCommand(self.ctx, project_id, weeks, scenario_id=scenario_id, label=label)
        )

    def _push(self, command: Any) -> bool:
        try:
            self.ctx.push(command)
        except DomainError as error:
            self._say(error)
            return False
        return True

    def _add_clicked(self) -> None:
        person, project = self.person_combo.currentData(), self.project_combo.currentData()
        first = self.from_date.date().toPython()
        if person and project and isinstance(first, date):
            self.add_tentative(
                uuid.UUID(str(person)),
                uuid.UUID(str(project)),
                first,
                self.weeks_spin.value(),
                self.hours_spin.value(),
            )

    def _shift_clicked(self) -> None:
        project = self.shift_project_combo.currentData()
        if project:
            self.shift(uuid.UUID(str(project)), self.shift_spin.value())

    def commit(self, *, ask: bool = True) -> int | None:
        """Write the scenario into the real plan; returns the rows changed (None: not done)."""
        return self._finish(capacity.commit_scenario, "Commit", ask)

    def discard(self, *, ask: bool = True) -> int | None:
        """Drop the scenario; the real plan stays as it was."""
        return self._finish(capacity.discard_scenario, "Discard", ask)

    def _finish(self, action: Callable[..., int], verb: str, ask: bool) -> int | None:
        scenario_id = self.scenario_id()
        if scenario_id is None:
            return None
        name = self.scenario_combo.currentText()
        what = (
            "Its tentative allocations and shifts become part of the real plan."
            if verb == "Commit"
            else "Its tentative allocations and shifts are dropped; the real plan is unchanged."
        )
        if ask and not confirm(
            self, f"{verb} scenario", f"{verb} the scenario {name}?", verb, informative=what
        ):
            return None
        try:
            with self.ctx.session() as session:
                count = action(session, scenario_id)
        except DomainError as error:
            QMessageBox.warning(self, f"{verb} scenario", error.message)
            return None
        # The scenario's commands on the undo stack no longer apply to a draft.
        self.ctx.undo_stack.clear()
        self._choices_loaded = False
        self.ctx.notify({"allocation", "scenario", "scenario_shift"})
        self.message_label.setText(
            f"The scenario {name} was {'committed' if verb == 'Commit' else 'discarded'}."
        )
        return int(count)
