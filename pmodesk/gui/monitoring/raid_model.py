"""The RAID log's table model over :class:`~pmodesk.services.monitoring.raid_log.RaidRow`, and its filters.

Overdue items stand out: their row is tinted red and the *Overdue* column
says by how many days, in bold. The score is painted in its band's colour and
its band letter (e.g. ``20 R``) so it reads without colour. The proxy keeps
the rows that match every filter: text, kind, status, project (or portfolio
level), escalated only, overdue only, and a matrix cell.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QFont

from pmodesk.domain.enums import RaidKind, RaidStatus
from pmodesk.domain.rules import risk_band
from pmodesk.gui.monitoring.common import (
    BAD_TEXT,
    CENTRE,
    ID_ROLE,
    LEFT,
    RIGHT,
    SORT_ROLE,
    WARN_TEXT,
    AnyIndex,
    RowsModel,
    SortProxy,
    day_text,
    rag_tint,
    sort_key,
    tint,
)
from pmodesk.gui.theme import rag_colour, rag_letter
from pmodesk.services.monitoring.raid_log import RaidRow
from pmodesk.services.register import fold

KIND_LABELS = {
    RaidKind.RISK: "Risk",
    RaidKind.ASSUMPTION: "Assumption",
    RaidKind.ISSUE: "Issue",
    RaidKind.DEPENDENCY: "Dependency",
}
STATUS_LABELS = {
    RaidStatus.OPEN: "Open",
    RaidStatus.IN_PROGRESS: "In progress",
    RaidStatus.CLOSED: "Closed",
}

#: (key, header) of each column, in order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "Code"),
    ("kind", "Kind"),
    ("project", "Project"),
    ("title", "Title"),
    ("owner", "Owner"),
    ("status", "Status"),
    ("probability", "P"),
    ("impact", "I"),
    ("score", "Score"),
    ("due_date", "Due"),
    ("overdue", "Overdue"),
    ("escalated", "Esc."),
)
COLUMN = {key: n for n, (key, _header) in enumerate(COLUMNS)}
_TIPS = {
    "probability": "Probability, 1 (rare) to 5 (almost certain)",
    "impact": "Impact, 1 (minor) to 5 (severe)",
    "score": "Probability × impact (1–25) with its band: G 1–4, A 5–14, R 15–25",
    "overdue": "Days past the due date while not closed",
    "escalated": "▲: escalated to portfolio level",
    "kind": "R risk, A assumption, I issue, D dependency",
}


def is_overdue_issue(row: RaidRow) -> bool:
    """An open issue past its due date: the rows the log makes stand out."""
    return row.kind is RaidKind.ISSUE and row.is_open and row.overdue_days > 0


def _value(row: RaidRow, key: str) -> Any:
    """The raw value of a cell (what it sorts by)."""
    if key == "project":
        return row.project_code
    if key == "kind":
        return KIND_LABELS[row.kind]
    if key == "status":
        return list(RaidStatus).index(row.status)
    if key == "overdue":
        return row.overdue_days or None
    if key == "escalated":
        return row.escalated or None
    return getattr(row, key)


def _text(row: RaidRow, key: str) -> str:
    value = _value(row, key)
    if key == "status":
        return STATUS_LABELS[row.status]
    if key == "score":
        band = risk_band(row.score)
        return f"{row.score} {rag_letter(band)}" if row.score is not None else ""
    if key == "overdue":
        return f"{row.overdue_days} d" if row.overdue_days else ""
    if key == "escalated":
        return "▲" if row.escalated else ""
    if key == "kind":
        return row.kind.letter
    if key in ("raised_on", "due_date"):
        return day_text(value)
    return "" if value is None else str(value)


class RaidTableModel(RowsModel[RaidRow]):
    """The rows of the RAID log; replaced wholesale by :meth:`set_rows`."""

    columns = COLUMNS
    header_tips = _TIPS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bold = QFont()
        self._bold.setBold(True)

    def sort_value(self, row: RaidRow, column: int) -> Any:
        return _value(row, COLUMNS[column][0])

    def find(self, record_id: uuid.UUID) -> RaidRow | None:
        return next((r for r in self._rows if r.id == record_id), None)

    @staticmethod
    def _alignment(key: str) -> Qt.AlignmentFlag:
        if key in ("probability", "impact", "score", "overdue", "kind", "escalated"):
            return RIGHT if key == "overdue" else CENTRE
        return LEFT

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(row, key)
        if role == SORT_ROLE:
            return sort_key(_value(row, key))
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(key)
        if role == Qt.ItemDataRole.BackgroundRole:
            if key == "score" and row.score is not None:
                return QBrush(rag_tint(risk_band(row.score), 90))
            if is_overdue_issue(row):
                return QBrush(tint(BAD_TEXT, 34))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if key in ("overdue", "due_date") and row.overdue_days:
                return QBrush(BAD_TEXT if row.kind is RaidKind.ISSUE else WARN_TEXT)
            if key == "score" and row.score is not None:
                return QBrush(rag_colour(risk_band(row.score)).darker(190))
            return None
        if role == Qt.ItemDataRole.FontRole:
            bold = key in ("score", "code", "kind") or (key == "escalated" and row.escalated)
            bold = bold or (key == "overdue" and is_overdue_issue(row))
            return self._bold if bold else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(row, key)
        return None

    @staticmethod
    def _tip(row: RaidRow, key: str) -> str | None:
        if key == "kind":
            return KIND_LABELS[row.kind]
        if key == "escalated" and row.escalated:
            return "Escalated to portfolio level"
        if key == "title":
            parts = [row.title]
            if row.raised_on:
                age = f", {row.age_days} days ago" if row.age_days is not None else ""
                parts.append(f"Raised {day_text(row.raised_on)}{age}")
            if row.response:
                parts.append(f"Response: {row.response}")
            if row.actions:
                parts.append(f"Actions: {row.actions}")
            return "\n".join(parts)
        if key == "project":
            return (
                f"{row.project_code} {row.project_name}" if row.project_code else "Portfolio level"
            )
        if key == "overdue" and row.overdue_days:
            return f"Due {day_text(row.due_date)}: {row.overdue_days} days overdue"
        if key == "score" and row.score is not None:
            band = risk_band(row.score)
            return f"{row.probability} × {row.impact} = {row.score} ({band.label if band else ''})"
        return None


@dataclass(frozen=True)
class RaidFilter:
    """What the RAID log shows; the defaults show every open item."""

    text: str = ""
    kind: RaidKind | None = None
    #: ``None``: every status; ``"open"``: not closed; else one status value.
    status: str | None = "open"
    #: A project id, ``"portfolio"`` (no project or escalated), or ``None`` for all.
    project: uuid.UUID | str | None = None
    escalated_only: bool = False
    overdue_only: bool = False
    cell: tuple[int, int] | None = None


def accepts(row: RaidRow, wanted: RaidFilter, words: list[str], *, with_cell: bool = True) -> bool:
    """Whether ``row`` passes ``wanted`` (``with_cell=False`` ignores the matrix cell)."""
    if wanted.kind is not None and row.kind is not wanted.kind:
        return False
    if wanted.status == "open" and not row.is_open:
        return False
    if wanted.status not in (None, "open") and row.status.value != wanted.status:
        return False
    if wanted.project == "portfolio" and not row.portfolio_level:
        return False
    if isinstance(wanted.project, uuid.UUID) and row.project_id != wanted.project:
        return False
    if wanted.escalated_only and not row.escalated:
        return False
    if wanted.overdue_only and not row.overdue_days:
        return False
    if (
        with_cell
        and wanted.cell is not None
        and (row.kind is not RaidKind.RISK or (row.probability, row.impact) != wanted.cell)
    ):
        return False
    if words:
        haystack = fold(
            " ".join(
                (row.code, row.title, row.owner, row.project_code, row.project_name, row.response)
            )
        )
        return all(word in haystack for word in words)
    return True


class RaidFilterProxy(SortProxy):
    """Keeps the rows that pass the current :class:`RaidFilter`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.wanted = RaidFilter()
        self._words: list[str] = []

    def set_filter(self, wanted: RaidFilter) -> None:
        if wanted == self.wanted:
            return
        self.wanted = wanted
        self._words = fold(wanted.text).split()
        self.refilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        source = self.sourceModel()
        assert isinstance(source, RaidTableModel)
        return accepts(source.row(source_row), self.wanted, self._words)


__all__ = [
    "COLUMN",
    "COLUMNS",
    "KIND_LABELS",
    "STATUS_LABELS",
    "RaidFilter",
    "RaidFilterProxy",
    "RaidTableModel",
    "accepts",
    "is_overdue_issue",
]
