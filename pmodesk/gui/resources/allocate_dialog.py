"""The Allocate… dialog: a person (or a role until someone is named) on a project for N weeks.

The form is ``ui/allocate_dialog.ui``: person or role (a radio and a
searchable combo each), project (live projects), the first week (any day
snaps to its Monday), the number of weeks, hours per week or a percentage of
capacity, and an optional note. Save pushes an
:class:`~pmodesk.gui.resources.commands.AllocateCommand` on the window's undo
stack; a refusal stays in the dialog as one sentence, with the field it is
about focused. Opened from the What-if tab, it allocates into the scenario.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.forms import load_form
from pmodesk.gui.resources.commands import AllocateCommand
from pmodesk.services import lookups
from pmodesk.services.lookups import Choice


def monday_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def _fill(combo: QComboBox, choices: Sequence[Choice]) -> None:
    """List ``choices`` in an editable combo that finds entries by any part of their label."""
    combo.clear()
    for choice in choices:
        combo.addItem(choice.label, str(choice.id))
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)


def _chosen(combo: QComboBox) -> uuid.UUID | None:
    """The id of the entry whose label the combo shows (``None`` for text matching none)."""
    index = combo.findText(combo.currentText().strip(), Qt.MatchFlag.MatchFixedString)
    if index < 0:
        return None
    return uuid.UUID(str(combo.itemData(index)))


def _select(combo: QComboBox, record_id: uuid.UUID | None) -> None:
    index = combo.findData(str(record_id)) if record_id is not None else -1
    combo.setCurrentIndex(index)
    if index < 0:
        combo.setEditText("")


class AllocateDialog(QDialog):
    """See the module docstring. :meth:`save` is what the Save button does."""

    personRadio: QRadioButton
    personCombo: QComboBox
    roleRadio: QRadioButton
    roleCombo: QComboBox
    projectCombo: QComboBox
    firstWeekDate: QDateEdit
    weeksSpin: QSpinBox
    hoursRadio: QRadioButton
    hoursSpin: QDoubleSpinBox
    percentRadio: QRadioButton
    percentSpin: QDoubleSpinBox
    noteEdit: QLineEdit
    contextLabel: QLabel
    errorLabel: QLabel
    buttonBox: QDialogButtonBox

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        person_id: uuid.UUID | None = None,
        role_id: uuid.UUID | None = None,
        project_id: uuid.UUID | None = None,
        week: date | None = None,
        scenario_id: uuid.UUID | None = None,
        scenario_label: str = "",
    ) -> None:
        super().__init__(parent)
        load_form("allocate_dialog.ui", self)
        self.ctx = ctx
        self.scenario_id = scenario_id
        self.command: AllocateCommand | None = None
        if scenario_id is not None:
            self.setWindowTitle("Allocate in the scenario")
            self.contextLabel.setText(
                f"Tentative allocation in the what-if scenario {scenario_label}".strip()
                + "; the real plan stays as it is until the scenario is committed."
            )
        self.who_group = QButtonGroup(self)
        self.unit_group = QButtonGroup(self)
        for group, buttons in (
            (self.who_group, (self.personRadio, self.roleRadio)),
            (self.unit_group, (self.hoursRadio, self.percentRadio)),
        ):
            for button in buttons:
                group.addButton(button)
            group.buttonToggled.connect(self._update_enabled)
        # Two exclusive pairs in one form: the groups, not the shared parent, pair them.
        self.personRadio.setChecked(True)
        self.hoursRadio.setChecked(True)

        with ctx.session() as session:
            people, roles = lookups.people(session), lookups.roles(session)
            projects = lookups.projects(session)
        _fill(self.personCombo, people)
        _fill(self.roleCombo, roles)
        _fill(self.projectCombo, projects)
        _select(self.personCombo, person_id)
        _select(self.roleCombo, role_id)
        _select(self.projectCombo, project_id)
        if role_id is not None and person_id is None:
            self.roleRadio.setChecked(True)

        self.firstWeekDate.setDate(QDate(monday_of(week or date.today())))
        self.firstWeekDate.dateChanged.connect(self._snap_to_monday)
        self.errorLabel.hide()
        self.buttonBox.accepted.connect(self.save)
        self.buttonBox.rejected.connect(self.reject)
        self._update_enabled()

    # ------------------------------------------------------------------ fields

    @property
    def save_button(self) -> QPushButton:
        button = self.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        assert button is not None
        return button

    def _update_enabled(self, *_args: object) -> None:
        by_person = self.personRadio.isChecked()
        self.personCombo.setEnabled(by_person)
        self.roleCombo.setEnabled(not by_person)
        in_hours = self.hoursRadio.isChecked()
        self.hoursSpin.setEnabled(in_hours)
        self.percentSpin.setEnabled(not in_hours)

    def _snap_to_monday(self, value: QDate) -> None:
        day = value.toPython()
        assert isinstance(day, date)
        if day.weekday():
            self.firstWeekDate.setDate(QDate(monday_of(day)))

    def first_week(self) -> date:
        day = self.firstWeekDate.date().toPython()
        assert isinstance(day, date)
        return monday_of(day)

    def weeks(self) -> list[date]:
        first = self.first_week()
        return [first + timedelta(weeks=n) for n in range(self.weeksSpin.value())]

    def _field_widget(self, field: str | None) -> QWidget | None:
        return {
            "person_id": self.personCombo if self.personRadio.isChecked() else self.roleCombo,
            "role_id": self.roleCombo,
            "project_id": self.projectCombo,
            "week_start": self.weeksSpin,
            "weeks": self.weeksSpin,
            "hours": self.hoursSpin,
            "percent_of_capacity": self.percentSpin,
            "note": self.noteEdit,
        }.get(field or "")

    def show_error(self, message: str, field: str | None = None) -> None:
        """Show a refusal as one sentence under the form and focus the field it is about."""
        self.errorLabel.setText(message)
        self.errorLabel.show()
        widget = self._field_widget(field)
        if widget is not None:
            widget.setFocus()

    def error_text(self) -> str:
        return self.errorLabel.text() if self.errorLabel.isVisibleTo(self) else ""

    # ------------------------------------------------------------------ saving

    def _command(self) -> AllocateCommand | None:
        by_person = self.personRadio.isChecked()
        who = _chosen(self.personCombo if by_person else self.roleCombo)
        if who is None:
            what = "person" if by_person else "role"
            self.show_error(
                f"Choose a {what} from the list.", "person_id" if by_person else "role_id"
            )
            return None
        project = _chosen(self.projectCombo)
        if project is None:
            self.show_error("Choose a project from the list.", "project_id")
            return None
        in_hours = self.hoursRadio.isChecked()
        return AllocateCommand(
            self.ctx,
            project_id=project,
            weeks=self.weeks(),
            hours=self.hoursSpin.value() if in_hours else None,
            percent=None if in_hours else self.percentSpin.value(),
            person_id=who if by_person else None,
            role_id=None if by_person else who,
            scenario_id=self.scenario_id,
            note=self.noteEdit.text(),
        )

    def save(self) -> bool:
        """Push the allocation; close on success, keep the dialog open with the reason on refusal."""
        command = self._command()
        if command is None:
            return False
        try:
            self.ctx.push(command)
        except DomainError as error:
            self.show_error(error.message, error.field)
            return False
        self.command = command
        self.errorLabel.hide()
        self.accept()
        return True

    def written(self) -> list[uuid.UUID]:
        """The allocations the last successful save wrote."""
        return list(self.command.written) if self.command is not None else []


__all__ = ["AllocateDialog", "monday_of"]
