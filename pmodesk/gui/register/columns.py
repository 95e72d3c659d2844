"""The register's columns, defined once: title, kind, alignment, editing and sort key.

The model, the delegates, the header menu and the TSV copy all read this
table, so adding a column is one line here. A column's sort key is typed
(dates and numbers sort as such) and ``None`` marks an empty cell, which the
model always sorts last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, auto
from functools import lru_cache
from operator import attrgetter
from typing import Any

from PySide6.QtCore import Qt

from pmodesk.domain.enums import ProjectState, Rag
from pmodesk.services.register import RegisterRow, fold


class Kind(Enum):
    """How a column's value is shown, edited and sorted."""

    CODE = auto()
    TEXT = auto()
    NUMBER = auto()
    MONEY = auto()
    PERCENT = auto()
    DATE = auto()
    RAG = auto()
    STATE = auto()
    STAGE = auto()


_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter

_STATE_ORDER = {state: i for i, state in enumerate(ProjectState)}
_DIGITS = re.compile(r"(\d+)")

SortKey = Any


@lru_cache(maxsize=65_536)
def _natural(text: str) -> SortKey:
    """``PRJ-9`` before ``PRJ-10``: digit runs compare as numbers."""
    if not text:
        return None
    return tuple(int(part) if part.isdigit() else part for part in _DIGITS.split(fold(text)))


@lru_cache(maxsize=65_536)
def _text(value: str) -> SortKey:
    return fold(value) if value else None


_RAG_SEVERITY: dict[Rag | None, int | None] = {None: None} | {rag: rag.severity for rag in Rag}


def _keys_by_kind(kind: Kind, values: list[Any]) -> list[SortKey]:
    if kind is Kind.CODE:
        return [_natural(v) for v in values]
    if kind is Kind.TEXT:
        return [_text(v) for v in values]
    if kind is Kind.RAG:
        return [_RAG_SEVERITY[v] for v in values]
    if kind is Kind.STATE:
        return [_STATE_ORDER[v] for v in values]
    return values  # numbers, dates and stage positions compare as they are


@dataclass(frozen=True)
class Column:
    """One register column.

    ``field`` is the :class:`RegisterRow` attribute shown; ``edit_field`` the
    project field an inline edit changes (``None``: read-only); ``sort_field``
    the attribute sorted by when it differs (the stage sorts by position).
    """

    field: str
    title: str
    kind: Kind
    width: int = 110
    edit_field: str | None = None
    hidden: bool = False
    sort_field: str | None = None
    tooltip: str = ""

    @property
    def alignment(self) -> Qt.AlignmentFlag:
        if self.kind in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT):
            return _RIGHT
        if self.kind is Kind.RAG:
            return _CENTRE
        return _LEFT

    @property
    def editable(self) -> bool:
        return self.edit_field is not None

    def value(self, row: RegisterRow) -> Any:
        return getattr(row, self.field)

    def sort_keys(self, rows: list[RegisterRow]) -> list[SortKey]:
        """The typed sort key of every row (``None`` for an empty cell)."""
        get = attrgetter(self.sort_field or self.field)
        return _keys_by_kind(self.kind, [get(row) for row in rows])


COLUMNS: tuple[Column, ...] = (
    Column("code", "Code", Kind.CODE, 90),
    Column("name", "Name", Kind.TEXT, 240, edit_field="name"),
    Column("portfolio_name", "Portfolio", Kind.TEXT, 150, hidden=True),
    Column("programme_name", "Programme", Kind.TEXT, 160),
    Column("stage_name", "Stage", Kind.STAGE, 100, sort_field="stage_position"),
    Column("state", "State", Kind.STATE, 90, edit_field="state"),
    Column("rag_overall", "RAG", Kind.RAG, 56, edit_field="rag_overall", tooltip="Overall RAG"),
    Column("rag_schedule", "Schedule", Kind.RAG, 70, hidden=True, tooltip="Schedule RAG"),
    Column("rag_cost", "Cost", Kind.RAG, 56, hidden=True, tooltip="Cost RAG"),
    Column("rag_scope", "Scope", Kind.RAG, 56, hidden=True, tooltip="Scope RAG"),
    Column("rag_resources", "Resources", Kind.RAG, 76, hidden=True, tooltip="Resources RAG"),
    Column("manager", "Manager", Kind.TEXT, 150, edit_field="manager"),
    Column("sponsor", "Sponsor", Kind.TEXT, 150, hidden=True),
    Column("department", "Department", Kind.TEXT, 130, hidden=True),
    Column("planned_start", "Planned start", Kind.DATE, 100, hidden=True),
    Column("planned_finish", "Planned finish", Kind.DATE, 100, hidden=True),
    Column("forecast_start", "Forecast start", Kind.DATE, 100, hidden=True),
    Column("forecast_finish", "Forecast finish", Kind.DATE, 100, edit_field="forecast_finish"),
    Column("budget", "Budget", Kind.MONEY, 110, edit_field="budget"),
    Column("actual_cost", "Actual cost", Kind.MONEY, 110, hidden=True),
    Column("forecast_cost", "Forecast cost", Kind.MONEY, 110, hidden=True),
    Column("percent_complete", "% done", Kind.PERCENT, 70, edit_field="percent_complete"),
    Column("priority_score", "Priority", Kind.NUMBER, 70, hidden=True),
    Column("tags", "Tags", Kind.TEXT, 150, hidden=True),
)

#: Column number by RegisterRow field, e.g. ``COLUMN_INDEX["budget"]``.
COLUMN_INDEX: dict[str, int] = {column.field: i for i, column in enumerate(COLUMNS)}


def display_text(column: Column, value: Any) -> str:
    """How a value reads in the table (and in a TSV copy)."""
    if value is None or value == "":
        return ""
    kind = column.kind
    if kind is Kind.DATE:
        return str(value.isoformat())
    if kind is Kind.MONEY:
        return f"{value:,.0f}"
    if kind is Kind.PERCENT:
        return f"{value:g} %"
    if kind is Kind.NUMBER:
        return f"{value:.1f}"
    if kind in (Kind.RAG, Kind.STATE):
        return str(value.label)
    return str(value)
