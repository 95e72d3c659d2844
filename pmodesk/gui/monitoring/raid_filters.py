"""The RAID log's filter row: search, kind, status, project (or portfolio level), escalated, overdue.

:meth:`RaidFilterBar.value` reads the widgets into a
:class:`~pmodesk.gui.monitoring.raid_model.RaidFilter`; :attr:`RaidFilterBar.changed`
fires on every change. Combo boxes keep their data as text (ids, enum
values), which Qt can compare, and :meth:`value` turns it back.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from pmodesk.domain.enums import RaidKind
from pmodesk.gui.monitoring.common import as_uuid
from pmodesk.gui.monitoring.raid_model import KIND_LABELS, STATUS_LABELS, RaidFilter
from pmodesk.gui.monitoring.risk_matrix import Cell
from pmodesk.services.monitoring.raid_log import RaidRow

PORTFOLIO_LEVEL = "portfolio"


class RaidFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.search.setObjectName("raidSearch")
        self.search.setPlaceholderText("Search code, title, owner, project…")
        self.search.setAccessibleName("Search the RAID log")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.kind_combo = self._combo("kindFilter", "Kind")
        self.kind_combo.addItem("All kinds", None)
        for kind, label in KIND_LABELS.items():
            self.kind_combo.addItem(f"{label}s", kind.value)
        self.status_combo = self._combo("statusFilter", "Status")
        self.status_combo.addItem("Not closed", "open")
        for status, label in STATUS_LABELS.items():
            self.status_combo.addItem(label, status.value)
        self.status_combo.addItem("Any status", None)
        self.project_combo = self._combo("projectFilter", "Project")
        self.project_combo.setMinimumContentsLength(22)
        self.project_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.escalated_check = QCheckBox("&Escalated", self)
        self.escalated_check.setToolTip("Only items escalated to portfolio level")
        self.overdue_check = QCheckBox("O&verdue", self)
        self.overdue_check.setToolTip("Only items past their due date and not closed")
        self.clear_button = QPushButton("Clear filters", self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("raidCount")
        self.count_label.setProperty("role", "muted")
        widgets: tuple[QWidget, ...] = (
            self.search,
            self.kind_combo,
            self.status_combo,
            self.project_combo,
            self.escalated_check,
            self.overdue_check,
            self.clear_button,
        )
        for widget in widgets:
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.count_label)
        self.search.textChanged.connect(self._changed)
        for combo in (self.kind_combo, self.status_combo, self.project_combo):
            combo.currentIndexChanged.connect(self._changed)
        for check in (self.escalated_check, self.overdue_check):
            check.toggled.connect(self._changed)

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        return combo

    def _changed(self, *_args: object) -> None:
        self.changed.emit()

    def value(self, *, cell: Cell | None = None) -> RaidFilter:
        """What the widgets ask for, with the matrix ``cell`` (if one is selected)."""
        kind = self.kind_combo.currentData()
        project = self.project_combo.currentData()
        return RaidFilter(
            text=self.search.text(),
            kind=RaidKind(kind) if kind else None,
            status=self.status_combo.currentData(),
            project=(as_uuid(project) or project) if project else None,
            escalated_only=self.escalated_check.isChecked(),
            overdue_only=self.overdue_check.isChecked(),
            cell=cell,
        )

    def fill_projects(self, rows: Sequence[RaidRow]) -> None:
        """Offer the projects that have RAID items, keeping the one chosen."""
        current = self.project_combo.currentData()
        projects = sorted(
            {(r.project_code, r.project_name, r.project_id) for r in rows if r.project_id}
        )
        blocked = self.project_combo.blockSignals(True)
        self.project_combo.clear()
        self.project_combo.addItem("All projects", None)
        self.project_combo.addItem("Portfolio level", PORTFOLIO_LEVEL)
        for code, name, project_id in projects:
            self.project_combo.addItem(f"{code} — {name}", str(project_id))
        self.project_combo.setCurrentIndex(max(0, self.project_combo.findData(current)))
        self.project_combo.blockSignals(blocked)

    def clear(self) -> None:
        """Every filter back to its default (open items of every kind and project), one signal."""
        widgets = (
            self.search,
            self.kind_combo,
            self.status_combo,
            self.project_combo,
            self.escalated_check,
            self.overdue_check,
        )
        blocked = [w.blockSignals(True) for w in widgets]
        self.search.clear()
        for combo in (self.kind_combo, self.status_combo, self.project_combo):
            combo.setCurrentIndex(0)
        self.escalated_check.setChecked(False)
        self.overdue_check.setChecked(False)
        for widget, was in zip(widgets, blocked, strict=True):
            widget.blockSignals(was)


__all__ = ["PORTFOLIO_LEVEL", "RaidFilterBar"]
