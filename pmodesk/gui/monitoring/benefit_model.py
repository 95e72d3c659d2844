"""The benefits list: measure, baseline, target, realised, progress towards the target, owner.

Progress is painted as the share of the way from baseline to target
(``75 %``), green at or past the target, amber from half way, red below, and
the list filters by text and by strategic objective.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QFont

from pmodesk.domain.enums import Rag
from pmodesk.gui.editors.widgets import format_number
from pmodesk.gui.monitoring.common import (
    ID_ROLE,
    RIGHT,
    SORT_ROLE,
    AnyIndex,
    RowsModel,
    SortProxy,
    day_text,
    rag_tint,
    sort_key,
)
from pmodesk.services.monitoring.benefits import BenefitRow
from pmodesk.services.register import fold

COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "Code"),
    ("project", "Project"),
    ("name", "Benefit"),
    ("objective", "Objective"),
    ("measure", "Measure"),
    ("baseline", "Baseline"),
    ("target", "Target"),
    ("realised", "Realised"),
    ("progress", "Progress"),
    ("last_measured", "Measured"),
)
COLUMN = {key: n for n, (key, _h) in enumerate(COLUMNS)}
NUMBERS = frozenset({"baseline", "target", "realised", "progress"})


def progress_band(progress: float | None) -> Rag | None:
    if progress is None:
        return None
    return Rag.GREEN if progress >= 1 else Rag.AMBER if progress >= 0.5 else Rag.RED


def figure(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    text = format_number(round(value, 2))
    return f"{text} {unit}".strip() if unit and unit not in ("EUR", "GBP", "USD") else text


def _value(row: BenefitRow, key: str) -> Any:
    return {
        "code": row.code,
        "project": row.project_code,
        "name": row.name,
        "objective": row.objective_code,
        "measure": row.measure,
        "baseline": row.baseline,
        "target": row.target,
        "realised": row.realised,
        "progress": row.progress,
        "last_measured": row.last_measured,
        "owner": row.owner,
    }[key]


class BenefitModel(RowsModel[BenefitRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bold = QFont()
        self._bold.setBold(True)

    def sort_value(self, row: BenefitRow, column: int) -> Any:
        return _value(row, COLUMNS[column][0])

    def find(self, benefit_id: uuid.UUID) -> BenefitRow | None:
        return next((r for r in self._rows if r.id == benefit_id), None)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        key, header = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return header
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMBERS:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and key == "progress":
            return "How far the realised value has come from the baseline towards the target"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            value = _value(row, key)
            if key == "progress":
                band = progress_band(value)
                return "" if value is None or band is None else f"{value:.0%} {band.letter}"
            if key in ("baseline", "target", "realised"):
                return figure(value, row.unit)
            if key == "last_measured":
                return day_text(value)
            return value
        if role == SORT_ROLE:
            return sort_key(_value(row, key))
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMBERS:
            return RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and key == "progress":
            band = progress_band(row.progress)
            return QBrush(rag_tint(band, 90)) if band is not None else None
        if role == Qt.ItemDataRole.FontRole and key in ("code", "progress"):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "objective":
                return row.objective_name or "No objective"
            if key == "project":
                return f"{row.project_code} {row.project_name}"
            if key == "last_measured":
                return f"{row.measurements} measurements"
            if key == "progress" and row.progress is not None:
                band = progress_band(row.progress)
                return f"{row.progress:.0%} of the way from baseline to target ({band.label if band else ''})"
        return None


class BenefitProxy(SortProxy):
    """Filters by search text and objective (``None``: all; ``""``: no objective)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.objective: uuid.UUID | str | None = None
        self._words: list[str] = []

    def set_filter(self, text: str, objective: uuid.UUID | str | None) -> None:
        self._words, self.objective = fold(text).split(), objective
        self.refilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        source = self.sourceModel()
        assert isinstance(source, BenefitModel)
        row = source.row(source_row)
        if self.objective == "" and row.objective_id is not None:
            return False
        if isinstance(self.objective, uuid.UUID) and row.objective_id != self.objective:
            return False
        if self._words:
            haystack = fold(
                f"{row.code} {row.name} {row.project_code} {row.project_name} {row.measure} {row.owner}"
            )
            return all(word in haystack for word in self._words)
        return True


__all__ = ["COLUMN", "COLUMNS", "BenefitModel", "BenefitProxy", "figure", "progress_band"]
