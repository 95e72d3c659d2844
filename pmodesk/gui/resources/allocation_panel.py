"""The allocations behind the selected heatmap cell, editable there and then, with undo.

The coordinator sees one row per allocation week (project, person, week,
hours, released / tentative) and can change the hours in place, move the
selected allocations (all of them when none is selected) by N weeks,
reassign them to another person, copy them to someone else and/or N weeks
away, or extend their spans by N weeks; "Allocate…" opens the dialog that
creates a new span (:mod:`pmodesk.gui.resources.allocate_dialog`). Every change is an undo command pushed on
the window's stack (:mod:`pmodesk.gui.resources.commands`); a refusal shows
as one sentence under the list.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.resources.commands import (
    CopySpanCommand,
    ExtendSpanCommand,
    MoveAllocationsCommand,
    SetHoursCommand,
)
from pmodesk.services import lookups

COLUMNS = ("Project", "Person", "Week of", "Hours", "Note")
HOURS_COLUMN = 3


class AllocationPanel(QWidget):
    """See the module docstring. :meth:`show_cell` fills it; edits go through ``ctx.push``."""

    #: An edit was made (the page keeps the same cell selected and refreshes).
    edited = Signal()
    #: The coordinator asked for a new allocation span (the page opens the dialog).
    allocate_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("allocationPanel")
        self.setAccessibleName("Allocations of the selected cell")
        self._items: list[Any] = []
        self._spins: list[QDoubleSpinBox] = []
        self._people_loaded = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title_label = QLabel("Select a cell of the heatmap to see its allocations.", self)
        self.title_label.setObjectName("cellTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setProperty("role", "strong")
        layout.addWidget(self.title_label)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("allocationTable")
        self.table.setAccessibleName("Allocations")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        move_row = QHBoxLayout()
        move_row.addWidget(QLabel("Move by", self))
        self.weeks_spin = QSpinBox(self)
        self.weeks_spin.setObjectName("moveWeeks")
        self.weeks_spin.setAccessibleName("Weeks to move by")
        self.weeks_spin.setRange(-104, 104)
        self.weeks_spin.setValue(1)
        self.weeks_spin.setSuffix(" weeks")
        move_row.addWidget(self.weeks_spin)
        self.move_button = QPushButton("&Move", self)
        self.move_button.setObjectName("moveButton")
        self.move_button.setToolTip("Move the selected allocations (all when none is selected)")
        self.move_button.clicked.connect(self._move_clicked)
        move_row.addWidget(self.move_button)
        move_row.addStretch(1)
        layout.addLayout(move_row)

        person_row = QHBoxLayout()
        person_row.addWidget(QLabel("Reassign to", self))
        self.person_combo = QComboBox(self)
        self.person_combo.setObjectName("reassignPerson")
        self.person_combo.setAccessibleName("Person to reassign to")
        self.person_combo.setMinimumContentsLength(18)
        self.person_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        person_row.addWidget(self.person_combo, 1)
        self.reassign_button = QPushButton("Re&assign", self)
        self.reassign_button.setObjectName("reassignButton")
        self.reassign_button.setToolTip("Give the selected allocations (all when none is) to them")
        self.reassign_button.clicked.connect(self._reassign_clicked)
        person_row.addWidget(self.reassign_button)
        layout.addLayout(person_row)

        copy_row = QHBoxLayout()
        copy_row.addWidget(QLabel("Copy to", self))
        self.copy_person_combo = QComboBox(self)
        self.copy_person_combo.setObjectName("copyPerson")
        self.copy_person_combo.setAccessibleName("Person to copy to")
        self.copy_person_combo.setMinimumContentsLength(14)
        self.copy_person_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        copy_row.addWidget(self.copy_person_combo, 1)
        self.copy_weeks_spin = QSpinBox(self)
        self.copy_weeks_spin.setObjectName("copyWeeks")
        self.copy_weeks_spin.setAccessibleName("Weeks to copy by")
        self.copy_weeks_spin.setRange(-104, 104)
        self.copy_weeks_spin.setValue(0)
        self.copy_weeks_spin.setPrefix("by ")
        self.copy_weeks_spin.setSuffix(" weeks")
        copy_row.addWidget(self.copy_weeks_spin)
        self.copy_button = QPushButton("&Copy", self)
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setToolTip(
            "Copy the selected allocations (all when none is) to someone else and/or N weeks away"
        )
        self.copy_button.clicked.connect(self._copy_clicked)
        copy_row.addWidget(self.copy_button)
        layout.addLayout(copy_row)

        extend_row = QHBoxLayout()
        extend_row.addWidget(QLabel("Extend by", self))
        self.extend_spin = QSpinBox(self)
        self.extend_spin.setObjectName("extendWeeks")
        self.extend_spin.setAccessibleName("Weeks to extend the span by")
        self.extend_spin.setRange(-104, 104)
        self.extend_spin.setValue(4)
        self.extend_spin.setSuffix(" weeks")
        self.extend_spin.setToolTip("Positive: weeks after the span; negative: weeks before it")
        extend_row.addWidget(self.extend_spin)
        self.extend_button = QPushButton("E&xtend", self)
        self.extend_button.setObjectName("extendButton")
        self.extend_button.setToolTip(
            "Extend the spans of the selected allocations (all when none is) with their edge hours"
        )
        self.extend_button.clicked.connect(self._extend_clicked)
        extend_row.addWidget(self.extend_button)
        extend_row.addStretch(1)
        self.allocate_button = QPushButton("A&llocate…", self)
        self.allocate_button.setObjectName("panelAllocateButton")
        self.allocate_button.setToolTip("Allocate someone (or a role) to a project (Ctrl+Shift+A)")
        self.allocate_button.clicked.connect(self.allocate_requested.emit)
        extend_row.addWidget(self.allocate_button)
        layout.addLayout(extend_row)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("panelError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b71c1c;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        ctx.data_changed.connect(self._on_data_changed)
        self._update_buttons()

    # ------------------------------------------------------------------ filling

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if "person" in tables:
            self._people_loaded = False

    def _load_people(self) -> None:
        if self._people_loaded:
            return
        with self.ctx.session() as session:
            people = lookups.people(session)
        current = self.person_combo.currentData()
        self.person_combo.clear()
        for choice in people:
            self.person_combo.addItem(choice.label, str(choice.id))
        if current is not None:
            self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(current)))
        kept = self.copy_person_combo.currentData()
        self.copy_person_combo.clear()
        self.copy_person_combo.addItem("the same person", None)
        for choice in people:
            self.copy_person_combo.addItem(choice.label, str(choice.id))
        if kept is not None:
            self.copy_person_combo.setCurrentIndex(max(0, self.copy_person_combo.findData(kept)))
        self._people_loaded = True

    def show_cell(self, title: str, items: Sequence[Any]) -> None:
        """List ``items`` (:class:`~pmodesk.services.capacity.CellAllocation`) under ``title``."""
        self._load_people()
        self.title_label.setText(title)
        self.error_label.hide()
        self._items = list(items)
        self._spins = []
        self.table.setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            project = QTableWidgetItem(f"{item.project_code} — {item.project_name}")
            project.setToolTip(project.text())
            person = item.person_name or f"Unnamed {item.role_name}".strip()
            notes = [
                n for n, on in (("released", item.released), ("tentative", item.tentative)) if on
            ]
            cells = [
                project,
                QTableWidgetItem(person),
                QTableWidgetItem(item.week_start.isoformat()),
            ]
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)
            self.table.setItem(row, HOURS_COLUMN, QTableWidgetItem(""))
            self.table.setItem(row, 4, QTableWidgetItem(", ".join(notes)))
            spin = QDoubleSpinBox(self.table)
            spin.setRange(0, 168)
            spin.setDecimals(1)
            spin.setSuffix(" h")
            spin.setKeyboardTracking(False)
            spin.setValue(float(item.hours))
            spin.setAccessibleName(f"Hours on {item.project_code} in the week of {item.week_start}")
            spin.editingFinished.connect(lambda r=row: self._hours_edited(r))
            self.table.setCellWidget(row, HOURS_COLUMN, spin)
            self._spins.append(spin)
        self._update_buttons()

    def clear(self) -> None:
        self.show_cell("Select a cell of the heatmap to see its allocations.", [])

    def items(self) -> list[Any]:
        return list(self._items)

    def hours_spin(self, row: int) -> QDoubleSpinBox:
        return self._spins[row]

    def _update_buttons(self) -> None:
        has = bool(self._items)
        self.move_button.setEnabled(has)
        self.reassign_button.setEnabled(has and self.person_combo.count() > 0)
        self.copy_button.setEnabled(has)
        self.extend_button.setEnabled(has)

    def _target_ids(self) -> list[uuid.UUID]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        chosen = [self._items[r] for r in rows] if rows else self._items
        return [item.allocation_id for item in chosen]

    # ------------------------------------------------------------------ edits

    def _push(self, command: Any) -> bool:
        try:
            self.ctx.push(command)
        except DomainError as error:
            self.error_label.setText(error.message)
            self.error_label.show()
            return False
        self.error_label.hide()
        self.edited.emit()
        return True

    def set_hours(self, row: int, hours: float) -> bool:
        """Set the hours of row ``row`` (what editing its spin box does)."""
        item = self._items[row]
        if abs(float(item.hours) - hours) < 1e-9:
            return False
        return self._push(SetHoursCommand(self.ctx, item.allocation_id, hours))

    def _hours_edited(self, row: int) -> None:
        if 0 <= row < len(self._spins):
            self.set_hours(row, self._spins[row].value())

    def move_by(self, weeks: int) -> bool:
        """Move the selected allocations (all when none is selected) by ``weeks``."""
        ids = self._target_ids()
        if not ids or weeks == 0:
            return False
        return self._push(MoveAllocationsCommand(self.ctx, ids, weeks=weeks))

    def reassign(self, person_id: uuid.UUID) -> bool:
        """Give the selected allocations (all when none is selected) to ``person_id``."""
        ids = self._target_ids()
        if not ids:
            return False
        return self._push(MoveAllocationsCommand(self.ctx, ids, to_person_id=person_id))

    def copy_to(self, *, person_id: uuid.UUID | None = None, weeks: int = 0) -> bool:
        """Copy the selected allocations (all when none is) to ``person_id`` and/or ``weeks`` away."""
        ids = self._target_ids()
        if not ids:
            return False
        return self._push(CopySpanCommand(self.ctx, ids, weeks=weeks, to_person_id=person_id))

    def extend_by(self, weeks: int) -> bool:
        """Extend the spans of the selected allocations (all when none is) by ``weeks``."""
        ids = self._target_ids()
        if not ids:
            return False
        return self._push(ExtendSpanCommand(self.ctx, ids, weeks=weeks))

    def _copy_clicked(self) -> None:
        data = self.copy_person_combo.currentData()
        person = uuid.UUID(str(data)) if data else None
        self.copy_to(person_id=person, weeks=self.copy_weeks_spin.value())

    def _extend_clicked(self) -> None:
        self.extend_by(self.extend_spin.value())

    def _move_clicked(self) -> None:
        self.move_by(self.weeks_spin.value())

    def _reassign_clicked(self) -> None:
        data = self.person_combo.currentData()
        if data:
            self.reassign(uuid.UUID(str(data)))


__all__ = ["AllocationPanel"]
