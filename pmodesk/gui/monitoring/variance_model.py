"""The table of every project's variance against its baseline in force.

Late finishes and overspends are red, early finishes and savings green; a
project without a baseline says *no baseline* and is measured against its plan.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QFont

from pmodesk.gui.monitoring.common import (
    BAD_TEXT,
    CENTRE,
    GOOD_TEXT,
    ID_ROLE,
    LEFT,
    MUTED_TEXT,
    RIGHT,
    SORT_ROLE,
    AnyIndex,
    RowsModel,
    SortProxy,
    day_text,
    money,
    signed_days,
    signed_money,
    sort_key,
)
from pmodesk.services.monitoring.variance import Variance
from pmodesk.services.register import fold

COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "Code"),
    ("name", "Project"),
    ("baseline", "Baseline"),
    ("baseline_finish", "Baseline finish"),
    ("forecast_finish", "Forecast finish"),
    ("schedule", "Schedule"),
    ("baseline_budget", "Baseline budget"),
    ("forecast_cost", "Forecast cost"),
    ("cost", "Cost variance"),
    ("cost_ratio", "%"),
)
COLUMN = {key: n for n, (key, _h) in enumerate(COLUMNS)}
_TIPS = {
    "baseline": "The baseline in force (number and the day it was set)",
    "schedule": "Forecast finish against the baseline finish (+ late, − early)",
    "cost": "Baseline budget minus forecast cost (− over budget)",
    "cost_ratio": "Cost variance as a share of the baseline budget",
}


def _value(v: Variance, key: str) -> Any:
    return {
        "code": v.code,
        "name": v.name,
        "baseline": v.baseline_number,
        "baseline_finish": v.baseline_finish,
        "forecast_finish": v.forecast_finish,
        "schedule": v.schedule_days,
        "baseline_budget": v.baseline_budget,
        "forecast_cost": v.forecast_cost,
        "cost": v.cost_variance,
        "cost_ratio": v.cost_variance_ratio,
    }[key]


def _text(v: Variance, key: str) -> str:
    value = _value(v, key)
    if key == "baseline":
        return f"#{value} · {day_text(v.baseline_set_on)}" if value else "no baseline"
    if key in ("baseline_finish", "forecast_finish"):
        return day_text(value)
    if key == "schedule":
        return signed_days(value)
    if key in ("baseline_budget", "forecast_cost"):
        return money(value)
    if key == "cost":
        return signed_money(value)
    if key == "cost_ratio":
        return "" if value is None else f"{value:+.0%}".replace("-", "−")
    return str(value)


class VarianceModel(RowsModel[Variance]):
    columns = COLUMNS
    header_tips = _TIPS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._bold = QFont()
        self._bold.setBold(True)

    def sort_value(self, row: Variance, column: int) -> Any:
        return _value(row, COLUMNS[column][0])

    def variance(self, row: int) -> Variance:
        return self._rows[row]

    @staticmethod
    def _alignment(key: str) -> Qt.AlignmentFlag:
        if key in ("schedule", "baseline_budget", "forecast_cost", "cost", "cost_ratio"):
            return RIGHT
        if key == "baseline":
            return CENTRE
        return LEFT

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        v = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(v, key)
        if role == SORT_ROLE:
            return sort_key(_value(v, key))
        if role == ID_ROLE:
            return v.project_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(key)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "baseline" and not v.has_baseline:
                return QBrush(MUTED_TEXT)
            late = {"schedule": v.schedule_days, "cost": -(v.cost_variance or 0)}.get(key)
            if key == "cost_ratio":
                late = -(v.cost_variance_ratio or 0)
            if late:
                return QBrush(BAD_TEXT if late > 0 else GOOD_TEXT)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if key == "baseline" and not v.has_baseline:
                return self._italic
            return self._bold if key in ("code", "schedule", "cost") else None
        return None


class VarianceProxy(SortProxy):
    """``show``: ``all``, ``late``, ``over`` (budget) or ``none`` (no baseline); plus search text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.show = "all"
        self._words: list[str] = []

    def set_filter(self, show: str, text: str) -> None:
        self.show, self._words = show, fold(text).split()
        self.refilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        source = self.sourceModel()
        assert isinstance(source, VarianceModel)
        v = source.variance(source_row)
        if self.show == "late" and (v.schedule_days or 0) <= 0:
            return False
        if self.show == "over" and (v.cost_variance or 0) >= 0:
            return False
        if self.show == "none" and v.has_baseline:
            return False
        if self._words:
            return all(word in fold(f"{v.code} {v.name}") for word in self._words)
        return True


__all__ = ["COLUMN", "COLUMNS", "VarianceModel", "VarianceProxy"]
