"""The period view's table: one line per active project, its RAG per dimension and what changed.

A project that has not reported shows *Not reported* in amber and nothing
else; RAG cells are chips with their letter (:class:`~.common.RagChipDelegate`);
the overall trend is an arrow with a word (``▲ better``); slips and cost
increases are red, improvements green.
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
    RAG_ROLE,
    RIGHT,
    SORT_ROLE,
    WARN_TEXT,
    AnyIndex,
    RowsModel,
    SortProxy,
    day_text,
    money,
    signed_days,
    signed_money,
    sort_key,
)
from pmodesk.services.monitoring.period_view import PeriodLine
from pmodesk.services.register import fold

COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "Code"),
    ("name", "Project"),
    ("rag0", "Overall"),
    ("rag1", "Sched."),
    ("rag2", "Cost"),
    ("rag3", "Scope"),
    ("rag4", "Res."),
    ("trend", "Trend"),
    ("finish", "Forecast finish"),
    ("slip", "Moved"),
    ("cost", "Forecast cost"),
    ("cost_change", "Δ cost"),
    ("behind", "Behind"),
    ("state", "Report"),
)
COLUMN = {key: n for n, (key, _h) in enumerate(COLUMNS)}
RAG_COLUMNS = frozenset(COLUMN[f"rag{n}"] for n in range(5))
_TIPS = {
    "rag0": "Overall RAG",
    "rag1": "Schedule RAG",
    "rag2": "Cost RAG",
    "rag3": "Scope RAG",
    "rag4": "Resources RAG",
    "trend": "Overall RAG against the previous period",
    "slip": "How far the forecast finish moved since the previous period's report",
    "cost_change": "Change of the forecast cost since the previous period's report",
    "behind": "Milestones not delivered and forecast later than the baseline in force",
    "state": "Frozen once the period is closed",
}
TREND_TEXT = {1: "▲ better", -1: "▼ worse", 0: ""}


def _value(line: PeriodLine, key: str) -> Any:
    if key.startswith("rag"):
        return line.rags[int(key[3:])]
    return {
        "code": line.code,
        "name": line.name,
        "trend": line.overall_trend or None,
        "finish": line.forecast_finish,
        "slip": line.finish_slip_days,
        "cost": line.forecast_cost,
        "cost_change": line.cost_change,
        "behind": len(line.behind) or None,
        "percent": line.percent_complete,
        "submitted_by": line.submitted_by,
        "state": 2 if not line.reported else int(line.frozen),
    }[key]


def _text(line: PeriodLine, key: str) -> str:
    if key.startswith("rag"):
        return ""
    if key == "state":
        return "Not reported" if not line.reported else "Frozen" if line.frozen else "Open"
    if not line.reported and key not in ("code", "name", "behind"):
        return ""
    value = _value(line, key)
    if key == "trend":
        return TREND_TEXT[line.overall_trend]
    if key == "finish":
        return day_text(value)
    if key == "slip":
        return signed_days(value)
    if key == "cost":
        return money(value)
    if key == "cost_change":
        return signed_money(value) if value else ""
    if key == "behind":
        return str(value) if value else ""
    if key == "percent":
        return "" if value is None else f"{value:.0f} %"
    return "" if value is None else str(value)


def _colour(line: PeriodLine, key: str) -> Any:
    if key == "state":
        return WARN_TEXT if not line.reported else MUTED_TEXT if line.frozen else None
    if key == "trend" and line.overall_trend:
        return GOOD_TEXT if line.overall_trend > 0 else BAD_TEXT
    signed = {"slip": line.finish_slip_days, "cost_change": line.cost_change}.get(key)
    if signed:
        return BAD_TEXT if signed > 0 else GOOD_TEXT
    if key == "slip" and signed == 0:
        return MUTED_TEXT
    if key == "behind" and line.behind:
        return BAD_TEXT
    return None


class PeriodModel(RowsModel[PeriodLine]):
    columns = COLUMNS
    header_tips = _TIPS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    def sort_value(self, row: PeriodLine, column: int) -> Any:
        return _value(row, COLUMNS[column][0])

    def set_lines(self, lines: list[PeriodLine]) -> None:
        self.set_rows(lines)

    def line(self, row: int) -> PeriodLine:
        return self._rows[row]

    def lines(self) -> list[PeriodLine]:
        return self.rows()

    @staticmethod
    def _alignment(key: str) -> Qt.AlignmentFlag:
        if key.startswith("rag") or key in ("behind",):
            return CENTRE
        if key in ("slip", "cost", "cost_change", "percent"):
            return RIGHT
        return LEFT

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        line = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(line, key)
        if role == RAG_ROLE and key.startswith("rag"):
            return line.rags[int(key[3:])]
        if role == SORT_ROLE:
            return sort_key(_value(line, key))
        if role == ID_ROLE:
            return line.project_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(key)
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = _colour(line, key)
            if colour is None and not line.reported:
                colour = MUTED_TEXT
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole:
            if key == "state" and not line.reported:
                return self._bold
            if not line.reported:
                return self._italic
            return self._bold if key in ("code", "trend") else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(line, key)
        if role == Qt.ItemDataRole.AccessibleTextRole and key.startswith("rag"):
            rag = line.rags[int(key[3:])]
            return rag.label if rag else "Not rated"
        return None

    @staticmethod
    def _tip(line: PeriodLine, key: str) -> str | None:
        if key.startswith("rag"):
            rag = line.rags[int(key[3:])]
            dimension = _TIPS[key]
            return f"{dimension}: {rag.label if rag else 'not rated'}"
        if key == "trend" and line.moves:
            return "\n".join(
                f"{m.dimension.capitalize()}: {m.previous.label if m.previous else 'not rated'}"
                f" → {m.current.label if m.current else 'not rated'}"
                for m in line.moves
            )
        if key == "behind" and line.behind:
            return "\n".join(f"{s.code} {s.name}: {s.status}" for s in line.behind)
        if key == "name":
            return f"{line.code} {line.name}"
        return None


class PeriodProxy(SortProxy):
    """``show``: ``all``, ``missing`` (not reported) or ``changed``; plus a search text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.show = "all"
        self._words: list[str] = []

    def set_filter(self, show: str, text: str) -> None:
        words = fold(text).split()
        if (show, words) == (self.show, self._words):
            return
        self.show, self._words = show, words
        self.refilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        source = self.sourceModel()
        assert isinstance(source, PeriodModel)
        line = source.line(source_row)
        if self.show == "missing" and line.reported:
            return False
        if self.show == "changed" and not line.changed:
            return False
        if self._words:
            haystack = fold(f"{line.code} {line.name} {line.submitted_by}")
            return all(word in haystack for word in self._words)
        return True


__all__ = ["COLUMN", "COLUMNS", "RAG_COLUMNS", "PeriodModel", "PeriodProxy"]
