"""The preview's row of reading choices: what the workbook does not say, the user does.

Each control shows only when the plan needs it (or once the user chose):

* the project of rows that name none (a RAID log or milestone list of one project);
* the Monday of week 1, for plans whose columns are numbered weeks (W1, Week 2...);
* whether a resource plan's cells are hours or percent of capacity;
* the order of ambiguous dates (04/05/2026) and the style of numbers like 20.000.

A choice is written to :class:`~.state.ImportChoices` and announced by
:attr:`PlanOptions.chosen`; the page then plans again.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QHBoxLayout, QLabel, QWidget

from pmodesk.gui.context import AppContext
from pmodesk.gui.importing import engine
from pmodesk.gui.importing.state import ImportChoices

#: The date order choices: label, ImportOptions.date_order.
DATE_ORDERS = (
    ("as each column shows", None),
    ("day first (4 May)", "dmy"),
    ("month first (April 5)", "mdy"),
)
#: The number style choices: label, ImportOptions.number_style.
NUMBER_STYLES = (
    ("as each column shows", None),
    ("1,234.50 (point for decimals)", "dot decimal"),
    ("1.234,50 (comma for decimals)", "comma decimal"),
)
#: What a resource plan's cells hold: label, ImportOptions.matrix_unit.
MATRIX_UNITS = (("hours", "hours"), ("% of capacity", "percent"))
#: The week-1 edit shows "not set" at this date (a Monday no plan starts on).
NOT_SET = QDate(2000, 1, 3)
#: What a problem says when rows name no project, or numbered weeks lack week 1.
NO_PROJECT = "names no project"
NO_WEEK_ONE = "date of week 1"


def _day(value: date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value is not None else "?"


def matrix_text(matrix: Any) -> str:
    """``104 weeks across (6 Jan 2025 – 28 Dec 2026), hours in the cells``: how a plan was read."""
    count = matrix.columns
    if matrix.periods == "months":
        what = f"{count:,} month{'s' if count != 1 else ''}"
        first = f"{matrix.first:%b %Y}" if matrix.first else "?"
        last = f"{matrix.last:%b %Y}" if matrix.last else "?"
        span = f"{first} – {last}"
    else:
        words = {"days": "day", "week numbers": "numbered week"}.get(matrix.periods, "week")
        what = f"{count:,} {words}{'s' if count != 1 else ''}"
        if matrix.first is None:
            span = "dated once week 1 is given"
        else:
            span = f"{_day(matrix.first)} – {_day(matrix.last)}"
    unit = "% of capacity" if matrix.unit == "percent" else "hours"
    return f"{what} across ({span}), {unit} in the cells"


def _texts(plan: Any) -> list[str]:
    """The plan's notes and problems, where a missing setting shows."""
    texts = [*plan.notes, *(n for s in plan.sheets for n in s.notes)]
    return texts + [p.reason for p in plan.problems]


def needs_project(plan: Any) -> bool:
    """True when a sheet's rows may name no project: its kind has one, no column gives it."""
    for sheet in plan.sheets:
        has_field = any(f.key == "project" for f in engine.field_choices(sheet.kind))
        if has_field and not any(c.field == "project" for c in sheet.columns):
            return True
    return any(NO_PROJECT in p.reason for p in plan.problems)


def needs_first_week(plan: Any) -> bool:
    """True when a sheet numbers its weeks (W1, Week 2...) instead of dating them."""
    numbered = any(s.matrix is not None and s.matrix.periods == "week numbers" for s in plan.sheets)
    return numbered or any(NO_WEEK_ONE in p.reason for p in plan.problems)


def detected_unit(plan: Any) -> str | None:
    """The unit the first resource plan's cells were read in; None without a matrix."""
    return next((s.matrix.unit for s in plan.sheets if s.matrix is not None), None)


class PlanOptions(QWidget):
    """A labelled combo (or date) per reading choice; hidden when none is needed."""

    #: The user changed a choice (already in ``choices``): plan again.
    chosen = Signal()

    def __init__(self, ctx: AppContext, choices: ImportChoices, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx, self.choices = ctx, choices
        self.setObjectName("planOptions")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.project_label, self.project = self._combo(
            "&Project of rows that name none:", "projectCombo", (), None
        )
        self.project.setEditable(True)
        self.project.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.project.setMinimumContentsLength(24)
        self.project.setToolTip(
            "The project of every row that names none: pick it, or type its code or name"
        )
        line = self.project.lineEdit()
        assert line is not None  # an editable combo has one
        line.setPlaceholderText("a project code or name")
        completer = QCompleter(self.project.model(), self.project)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.project.setCompleter(completer)
        self.project.activated.connect(self._project_entered)
        line.editingFinished.connect(self._project_entered)
        line.installEventFilter(self)

        self.first_week_label = QLabel("W&eek 1 starts on:", self)
        self.first_week = QDateEdit(self)
        self.first_week.setObjectName("firstWeekEdit")
        self.first_week.setCalendarPopup(True)
        self.first_week.setDisplayFormat("ddd d MMM yyyy")
        self.first_week.setMinimumDate(NOT_SET)
        self.first_week.setSpecialValueText("not set")
        self.first_week.setDate(NOT_SET)
        self.first_week.setKeyboardTracking(False)
        self.first_week.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.first_week.calendarWidget().installEventFilter(self)
        self.first_week.setToolTip(
            "The Monday of the plan's week 1 (the column W1 or Week 1); "
            "another day is taken as the Monday of its week"
        )
        self.first_week_label.setBuddy(self.first_week)
        self.first_week.dateChanged.connect(self._first_week_changed)

        self.unit_label, self.unit = self._combo(
            "Plan cells &are:", "matrixUnitCombo", MATRIX_UNITS, self._unit_chosen
        )
        self.unit.setToolTip(
            "Whether the numbers in the plan's week or month cells are hours, "
            "or percent of the person's capacity (0.5 or 50 % for half their week)"
        )
        self.date_order_label, self.date_order = self._combo(
            "&Dates like 04/05/2026:", "dateOrderCombo", DATE_ORDERS, self._date_order_chosen
        )
        self.number_style_label, self.number_style = self._combo(
            "N&umbers like 20.000:", "numberStyleCombo", NUMBER_STYLES, self._number_chosen
        )
        self.number_style.setToolTip(
            "Whether 20.000 means twenty (a decimal point) or twenty thousand (a thousands "
            "separator) in columns that do not show it"
        )
        for widget in (
            self.project_label, self.project, self.first_week_label, self.first_week,
            self.unit_label, self.unit, self.date_order_label, self.date_order,
            self.number_style_label, self.number_style,
        ):  # fmt: skip
            layout.addWidget(widget)
        layout.addStretch(1)

    def _combo(
        self, text: str, name: str, items: tuple[tuple[str, Any], ...], chosen: Any
    ) -> tuple[QLabel, QComboBox]:
        """A labelled combo of (label, option value) items that calls ``chosen`` on a pick."""
        label, combo = QLabel(text, self), QComboBox(self)
        combo.setObjectName(name)
        for item, value in items:
            combo.addItem(item, value)
        label.setBuddy(combo)
        if chosen is not None:
            combo.currentIndexChanged.connect(chosen)
        return label, combo

    # ------------------------------------------------------------------ showing
    def load(self) -> None:
        """Show the choices as they stand (the page is shown again, or for the first time)."""
        self._fill_projects()
        for combo, value in (
            (self.date_order, self.choices.date_order),
            (self.number_style, self.choices.number_style),
            (self.unit, self.choices.matrix_unit or "hours"),
        ):
            blocked = combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(blocked)
        blocked = self.first_week.blockSignals(True)
        week = self.choices.first_week
        self.first_week.setDate(QDate(week.year, week.month, week.day) if week else NOT_SET)
        self.first_week.blockSignals(blocked)

    def _fill_projects(self) -> None:
        from pmodesk.services.lookups import projects

        with self.ctx.session() as session:
            found = [(c.code, c.label) for c in projects(session)]
        blocked = self.project.blockSignals(True)
        self.project.clear()
        self.project.addItem("", None)
        for code, label in found:
            self.project.addItem(label, code)
        index = self.project.findData(self.choices.project)
        if index > 0:
            self.project.setCurrentIndex(index)
        else:
            self.project.setCurrentIndex(0)
            self.project.setEditText(self.choices.project or "")
        self.project.blockSignals(blocked)

    def show_for(self, plan: Any) -> None:
        """Show the controls this plan needs (and those the user already set)."""
        from pmodesk.exchange.reading import NUMBER_DOUBT

        texts = _texts(plan)
        unit = detected_unit(plan)
        shown = {
            self.project: self.choices.project is not None or needs_project(plan),
            self.first_week: self.choices.first_week is not None or needs_first_week(plan),
            self.unit: unit is not None,
            self.date_order: self.choices.date_order is not None
            or any("date order" in t for t in texts),
            self.number_style: self.choices.number_style is not None
            or any(NUMBER_DOUBT in t for t in texts),
        }
        for widget, on in shown.items():
            label = self._label_of(widget)
            label.setVisible(on)
            widget.setVisible(on)
        if unit is not None and self.choices.matrix_unit is None:
            blocked = self.unit.blockSignals(True)
            self.unit.setCurrentIndex(max(self.unit.findData(unit), 0))
            self.unit.blockSignals(blocked)
        self.setVisible(any(shown.values()))

    def _label_of(self, widget: QWidget) -> QLabel:
        return {
            self.project: self.project_label,
            self.first_week: self.first_week_label,
            self.unit: self.unit_label,
            self.date_order: self.date_order_label,
            self.number_style: self.number_style_label,
        }[widget]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the project field takes the project (and does not also press Import);
        the week-1 calendar opens on this month, not on the "not set" date of 2000."""
        if (
            watched is self.project.lineEdit()
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._project_entered()
            return True
        if (
            watched is self.first_week.calendarWidget()
            and event.type() == QEvent.Type.Show
            and self.first_week.date() == NOT_SET
        ):
            today = QDate.currentDate()
            self.first_week.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ choices
    def project_value(self, text: str) -> str | None:
        """The project code (or the name as typed) that ``text`` in the project combo means."""
        text = text.strip()
        if not text:
            return None
        wanted = text.casefold()
        for index in range(1, self.project.count()):
            code, label = str(self.project.itemData(index)), self.project.itemText(index)
            name = label.split(" — ", 1)[-1]
            if wanted in (label.casefold(), code.casefold(), name.casefold()):
                return code
        return text

    def _project_entered(self, *_args: Any) -> None:
        value = self.project_value(self.project.currentText())
        index = self.project.findData(value) if value is not None else -1
        if index > 0 and self.project.currentIndex() != index:
            blocked = self.project.blockSignals(True)
            self.project.setCurrentIndex(index)
            self.project.blockSignals(blocked)
        if value != self.choices.project:
            self.choices.project = value
            self.chosen.emit()

    def _first_week_changed(self, chosen: QDate) -> None:
        value: date | None = None
        if chosen != NOT_SET:
            picked = chosen.toPython()
            assert isinstance(picked, date)
            value = picked - timedelta(days=picked.weekday())
            if value != picked:  # any day of the week stands for its Monday
                blocked = self.first_week.blockSignals(True)
                self.first_week.setDate(QDate(value.year, value.month, value.day))
                self.first_week.blockSignals(blocked)
        if value != self.choices.first_week:
            self.choices.first_week = value
            self.chosen.emit()

    def _unit_chosen(self, _index: int) -> None:
        self.choices.matrix_unit = self.unit.currentData()
        self.chosen.emit()

    def _date_order_chosen(self, _index: int) -> None:
        self.choices.date_order = self.date_order.currentData()
        self.chosen.emit()

    def _number_chosen(self, _index: int) -> None:
        self.choices.number_style = self.number_style.currentData()
        self.chosen.emit()
