"""The heatmap's table model: a view over the NumPy arrays of a capacity matrix.

Rows are the matrix rows (people, teams or roles), optionally gathered under
collapsible group header rows (by team or by role) whose figures are the sums
of their members; columns are the matrix's weeks or months. Everything a cell
shows is derived from the arrays once per change (values in the chosen unit,
utilisation, a colour band per cell) and ``data()`` only reads them: it never
queries the workspace. The breakdown by project is the view's business (see
:mod:`pmodesk.gui.resources.view`), computed on hover.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from pmodesk.gui.resources.scale import (
    BAND_NO_CAPACITY,
    FLAG_OVER,
    FLAG_RELEASED,
    FLAG_UNDER,
    band_colours,
    bands,
)

AnyIndex = QModelIndex | QPersistentModelIndex
Floats = NDArray[np.float64]

#: The cell's value in the chosen unit (float, NaN where there is none).
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
#: The cell's utilisation, allocated ÷ capacity (NaN where there is no capacity).
UTILISATION_ROLE = Qt.ItemDataRole.UserRole + 2
#: The colour band of the cell (see :mod:`pmodesk.gui.resources.scale`).
BAND_ROLE = Qt.ItemDataRole.UserRole + 3
#: The row's key (a person, team or role id as a string; "" for none).
ROW_KEY_ROLE = Qt.ItemDataRole.UserRole + 4
#: True on a group header row.
GROUP_ROLE = Qt.ItemDataRole.UserRole + 5

UNITS = ("hours", "fte", "percent")
ROW_GROUPINGS = ("", "team", "role")
SORTS = ("name", "peak", "average")


class Matrix(Protocol):
    """What the model needs of :class:`pmodesk.services.capacity.CapacityMatrix`."""

    @property
    def rows(self) -> list[Any]: ...
    @property
    def columns(self) -> list[date]: ...
    @property
    def capacity(self) -> Floats: ...
    @property
    def allocated(self) -> Floats: ...
    @property
    def released(self) -> Floats: ...
    def values(self, unit: Any) -> Floats: ...


@dataclass(frozen=True, slots=True)
class DisplayRow:
    """One row on screen: a matrix row (``group`` empty) or a group header (``source`` < 0)."""

    source: int  # index into the combined arrays (matrix rows, then group rows)
    label: str
    key: uuid.UUID | None
    group: str  # the group label; "" when rows are not grouped
    is_group: bool
    members: int = 0
    is_placeholder: bool = False


def _utilisation(allocated: Floats, capacity: Floats) -> Floats:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(capacity > 0, allocated / np.where(capacity > 0, capacity, 1.0), np.nan)


def format_value(unit: str, value: float, allocated: float) -> str:
    """The text written in a cell: ``120%``, ``32.5``, ``0.85``; ``—`` for no capacity."""
    if math.isnan(value):
        if allocated > 0:  # load but no capacity (a placeholder, a full leave week)
            return f"{allocated:.0f}h"
        return "—"
    if unit == "percent":
        return f"{value:.0f}%"
    if unit == "fte":
        return f"{value:.2f}"
    if value == 0:
        return "0"
    return f"{value:.0f}" if abs(value) >= 10 or float(value).is_integer() else f"{value:.1f}"


def _column_label(day: date, period: str) -> str:
    if period == "month":
        return day.strftime("%b %Y")
    return f"{day.day} {day.strftime('%b')}"


class HeatmapModel(QAbstractTableModel):
    """See the module docstring. Feed it with :meth:`set_matrix`; the controls call the setters."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matrix: Matrix | None = None
        self._period = "week"
        self._unit = "percent"
        self._over = 1.0
        self._under = 0.5
        self._row_grouping = ""
        self._sort = "name"
        self._collapsed: set[str] = set()
        self._rows: list[DisplayRow] = []
        self._labels: list[str] = []
        self._headers: list[str] = []
        empty = np.zeros((0, 0))
        self._capacity: Floats = empty
        self._allocated: Floats = empty
        self._released: Floats = empty
        self._values: Floats = empty
        self._util: Floats = empty
        self._band: NDArray[np.int8] = np.zeros((0, 0), dtype=np.int8)
        self._flags: NDArray[np.int8] = np.zeros((0, 0), dtype=np.int8)
        self._groups: dict[str, list[int]] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._colours = band_colours()

    # ------------------------------------------------------------------ inputs

    @property
    def matrix(self) -> Matrix | None:
        return self._matrix

    @property
    def unit(self) -> str:
        return self._unit

    @property
    def row_grouping(self) -> str:
        return self._row_grouping

    @property
    def thresholds(self) -> tuple[float, float]:
        """(under-use, over-allocation) as shares of capacity."""
        return self._under, self._over

    def set_matrix(
        self,
        matrix: Matrix | None,
        period: str = "week",
        *,
        unit: str | None = None,
        thresholds: tuple[float, float] | None = None,
    ) -> None:
        """Show ``matrix`` (``None``: nothing); ``period`` is ``"week"`` or ``"month"``.

        ``unit`` and ``thresholds`` (under-use, over-allocation) change with it,
        in one model reset.
        """
        if unit is not None and unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}")
        self.beginResetModel()
        self._matrix = matrix
        self._period = period
        if unit is not None:
            self._unit = unit
        if thresholds is not None:
            self._under, self._over = float(thresholds[0]), float(thresholds[1])
        self._headers = [_column_label(d, period) for d in matrix.columns] if matrix else []
        self._rebuild()
        self.endResetModel()

    def set_unit(self, unit: str) -> None:
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}")
        self._unit = unit
        self._relayout()

    def set_thresholds(self, under: float, over: float) -> None:
        self._under, self._over = float(under), float(over)
        self._relayout()

    def set_row_grouping(self, grouping: str) -> None:
        """Gather rows under header rows by ``"team"`` or ``"role"``; ``""`` for a flat list."""
        if grouping not in ROW_GROUPINGS:
            raise ValueError(f"unknown row grouping {grouping!r}")
        self._row_grouping = grouping
        self._collapsed.clear()
        self._relayout()

    def set_sort(self, sort: str) -> None:
        """Order rows by ``"name"``, or by ``"peak"`` / ``"average"`` load (highest first)."""
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}")
        self._sort = sort
        self._relayout()

    def groups(self) -> list[str]:
        return list(self._groups)

    def is_collapsed(self, group: str) -> bool:
        return group in self._collapsed

    def set_collapsed(self, group: str, collapsed: bool) -> None:
        if collapsed:
            self._collapsed.add(group)
        else:
            self._collapsed.discard(group)
        self._relayout()

    def toggle_row(self, row: int) -> bool:
        """Collapse or expand the group of header row ``row``; False when it is not a header."""
        if not 0 <= row < len(self._rows) or not self._rows[row].is_group:
            return False
        group = self._rows[row].group
        self.set_collapsed(group, group not in self._collapsed)
        return True

    def set_all_collapsed(self, collapsed: bool) -> None:
        self._collapsed = set(self._groups) if collapsed else set()
        self._relayout()

    # ------------------------------------------------------------------ derived arrays

    def _relayout(self) -> None:
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def _rebuild(self) -> None:
        matrix = self._matrix
        if matrix is None or not matrix.rows:
            self._rows, self._labels, self._groups = [], [], {}
            shape = (0, len(matrix.columns) if matrix else 0)
            self._capacity = self._allocated = self._released = np.zeros(shape)
            self._values = self._util = np.zeros(shape)
            self._band = self._flags = np.zeros(shape, dtype=np.int8)
            return
        capacity = np.asarray(matrix.capacity, dtype=np.float64)
        allocated = np.asarray(matrix.allocated, dtype=np.float64)
        released = np.asarray(matrix.released, dtype=np.float64)
        values = np.asarray(matrix.values(self._unit), dtype=np.float64)
        count = len(matrix.rows)

        groups: dict[str, list[int]] = {}
        if self._row_grouping:
            for index, info in enumerate(matrix.rows):
                name = str(getattr(info, self._row_grouping, "") or "")
                groups.setdefault(name or f"No {self._row_grouping}", []).append(index)
            names = list(groups)
            member_lists = [groups[n] for n in names]
            g_cap = np.array([capacity[m].sum(axis=0) for m in member_lists])
            g_alloc = np.array([allocated[m].sum(axis=0) for m in member_lists])
            g_rel = np.array([released[m].sum(axis=0) for m in member_lists])
            if self._unit == "percent":
                g_val = _utilisation(g_alloc, g_cap) * 100.0
            else:
                g_val = np.array([np.nansum(values[m], axis=0) for m in member_lists])
            capacity = np.vstack([capacity, g_cap])
            allocated = np.vstack([allocated, g_alloc])
            released = np.vstack([released, g_rel])
            values = np.vstack([values, g_val])
        util = _utilisation(allocated, capacity)
        self._capacity, self._allocated, self._released = capacity, allocated, released
        self._values, self._util = values, util
        placeholder = np.zeros(capacity.shape[0], dtype=bool)
        placeholder[:count] = [bool(getattr(r, "is_placeholder", False)) for r in matrix.rows]
        self._band, self._flags = bands(
            util, allocated, released, self._under, self._over, placeholder
        )
        self._groups = groups
        self._rows = self._order(matrix, util, groups, count)
        self._labels = [self._row_label(r) for r in self._rows]

    def _sort_keys(self, util: Floats) -> Floats:
        if self._sort == "name" or util.shape[1] == 0:
            return np.zeros(util.shape[0])
        with np.errstate(all="ignore"):
            if self._sort == "peak":
                filled = np.where(np.isnan(util), -np.inf, util)
                keys = filled.max(axis=1)
            else:
                keys = np.nanmean(np.where(np.isnan(util), np.nan, util), axis=1)
        return np.where(np.isnan(keys), -np.inf, keys)

    def _order(
        self, matrix: Matrix, util: Floats, groups: dict[str, list[int]], count: int
    ) -> list[DisplayRow]:
        keys = self._sort_keys(util)
        infos = matrix.rows

        def member_order(indices: list[int]) -> list[int]:
            # Unnamed-role rows (demand no one holds yet) come after the people.
            return sorted(
                indices,
                key=lambda i: (
                    bool(getattr(infos[i], "is_placeholder", False)),
                    -keys[i],
                    str(infos[i].label).casefold(),
                ),
            )

        def member(i: int, group: str) -> DisplayRow:
            info = infos[i]
            return DisplayRow(
                i,
                str(info.label),
                info.key,
                group,
                False,
                is_placeholder=bool(getattr(info, "is_placeholder", False)),
            )

        if not groups:
            return [member(i, "") for i in member_order(list(range(count)))]
        names = list(groups)
        order = sorted(range(len(names)), key=lambda g: (-keys[count + g], names[g].casefold()))
        rows: list[DisplayRow] = []
        for g in order:
            name = names[g]
            members = groups[name]
            rows.append(DisplayRow(count + g, name, None, name, True, members=len(members)))
            if name not in self._collapsed:
                rows.extend(member(i, name) for i in member_order(members))
        return rows

    def _row_label(self, row: DisplayRow) -> str:
        if row.is_group:
            arrow = "▸" if row.group in self._collapsed else "▾"
            return f"{arrow} {row.label} ({row.members})"
        return f"    {row.label}" if row.group else row.label

    # ------------------------------------------------------------------ lookups for views

    def display_row(self, row: int) -> DisplayRow:
        return self._rows[row]

    def row_of_key(self, key: uuid.UUID | None) -> int:
        """The display row of the matrix row ``key`` (-1 when hidden or absent)."""
        return next(
            (i for i, r in enumerate(self._rows) if not r.is_group and r.key == key),
            -1,
        )

    def column_date(self, column: int) -> date:
        assert self._matrix is not None
        return self._matrix.columns[column]

    def figures(self, row: int, column: int) -> tuple[float, float, float]:
        """(capacity, allocated, released) hours of a cell."""
        source = self._rows[row].source
        return (
            float(self._capacity[source, column]),
            float(self._allocated[source, column]),
            float(self._released[source, column]),
        )

    def cell(self, row: int, column: int) -> tuple[str, int, int]:
        """What the delegate paints: (text, colour band, flags) — the fast path, no QVariant."""
        source = self._rows[row].source
        text = format_value(
            self._unit,
            float(self._values[source, column]),
            float(self._allocated[source, column]),
        )
        return text, int(self._band[source, column]), int(self._flags[source, column])

    def cell_text(self, row: int, column: int) -> str:
        return self.cell(row, column)[0]

    def summary(self, row: int, column: int) -> str:
        """A cell's figures in words (the tooltip's first lines), from the arrays."""
        cap, alloc, released = self.figures(row, column)
        display = self._rows[row]
        when = self._headers[column]
        lines = [f"{display.label} — {'month of' if self._period == 'month' else 'week of'} {when}"]
        if cap > 0:
            lines.append(f"Allocated {alloc:g} h of {cap:g} h available ({alloc / cap:.0%})")
        elif alloc > 0:
            lines.append(f"Allocated {alloc:g} h with no capacity available")
        else:
            lines.append("No capacity available")
        if released > 0:
            lines.append(f"Released (projects on hold or cancelled): {released:g} h")
        return "\n".join(lines)

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, column)[0]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._colours[self.cell(row, column)[1]][0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colours[self.cell(row, column)[1]][1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole:
            flags = self.cell(row, column)[2]
            return self._bold if flags & FLAG_OVER or self._rows[row].is_group else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.summary(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                f"{self._rows[row].label}, {self._headers[column]}: {self.cell_text(row, column)}"
            )
        source = self._rows[row].source
        if role == VALUE_ROLE:
            return float(self._values[source, column])
        if role == UTILISATION_ROLE:
            return float(self._util[source, column])
        if role == BAND_ROLE:
            return int(self._band[source, column])
        if role == ROW_KEY_ROLE:
            key = self._rows[row].key
            return str(key) if key is not None else ""
        if role == GROUP_ROLE:
            return self._rows[row].is_group
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        count = len(self._headers) if horizontal else len(self._rows)
        if not 0 <= section < count:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if horizontal else self._labels[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            if horizontal:
                day = self.column_date(section)
                what = "Month of" if self._period == "month" else "Week of Monday"
                return f"{what} {day.isoformat()}"
            display = self._rows[section]
            if display.is_group:
                return f"{display.label}: {display.members} rows — click to collapse or expand"
            return display.label
        if role == Qt.ItemDataRole.FontRole and not horizontal and self._rows[section].is_group:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and not horizontal:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # ------------------------------------------------------------------ tests and reports

    def is_over(self, row: int, column: int) -> bool:
        return bool(self.cell(row, column)[2] & FLAG_OVER)

    def is_under(self, row: int, column: int) -> bool:
        return bool(self.cell(row, column)[2] & FLAG_UNDER)

    def has_released(self, row: int, column: int) -> bool:
        return bool(self.cell(row, column)[2] & FLAG_RELEASED)

    def row_labels(self) -> list[str]:
        """The rows as shown, without the indentation and arrows (for tests and exports)."""
        return [r.label for r in self._rows]

    def no_capacity_band(self) -> int:
        return BAND_NO_CAPACITY
