"""The heatmap table view: fixed-size cells, names in the (frozen) vertical header, hover breakdowns.

Names sit in the vertical header, so they stay in place while the weeks
scroll sideways. Hovering a cell shows its figures and its breakdown by
project; the breakdown comes from a provider the page sets (it calls
:func:`pmodesk.services.capacity.cell_breakdown`), computed on the first hover
of a cell and cached until the matrix changes. Clicking a group header row
collapses or expands it.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QToolTip, QWidget

from pmodesk.gui.resources.heatmap_delegate import HeatmapDelegate
from pmodesk.gui.resources.heatmap_model import HeatmapModel

#: ``provider(row_key, column_date)`` returns the allocations behind a cell.
BreakdownProvider = Callable[[uuid.UUID | None, date], Sequence[Any]]
MAX_TOOLTIP_LINES = 12


def describe_breakdown(items: Sequence[Any]) -> list[str]:
    """One line per project (hours summed over the cell's weeks), most hours first."""
    hours: dict[str, float] = defaultdict(float)
    notes: dict[str, set[str]] = defaultdict(set)
    for item in items:
        name = f"{item.project_code} {item.project_name}".strip()
        hours[name] += float(item.hours) * float(getattr(item, "share", 1.0))
        if item.released:
            notes[name].add("released")
        if item.tentative:
            notes[name].add("tentative")
    lines = []
    for name, total in sorted(hours.items(), key=lambda kv: (-kv[1], kv[0])):
        note = f" ({', '.join(sorted(notes[name]))})" if notes[name] else ""
        lines.append(f"• {name}: {total:g} h{note}")
    if len(lines) > MAX_TOOLTIP_LINES:
        rest = len(lines) - MAX_TOOLTIP_LINES + 1
        lines = [*lines[: MAX_TOOLTIP_LINES - 1], f"… and {rest} more projects"]
    return lines


class HeatmapView(QTableView):
    """See the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(HeatmapDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setStyleSheet("QTableView { gridline-color: #ffffff; }")
        metrics = self.fontMetrics()
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setDefaultSectionSize(metrics.horizontalAdvance("000%") + 18)
        columns.setHighlightSections(True)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(metrics.height() + 8)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.setHighlightSections(True)
        rows.sectionClicked.connect(self._row_header_clicked)
        self._provider: BreakdownProvider | None = None
        self._cache: dict[tuple[uuid.UUID | None, date], list[str]] = {}

    # ------------------------------------------------------------------ model

    def heatmap(self) -> HeatmapModel:
        model = self.model()
        assert isinstance(model, HeatmapModel)
        return model

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        if isinstance(model, HeatmapModel):
            model.modelReset.connect(self._model_reset)
            self._model_reset()

    def _model_reset(self) -> None:
        self._cache.clear()
        self._fit_names()

    def _fit_names(self) -> None:
        """Make the vertical header as wide as the longest name (within reason)."""
        model = self.model()
        if not isinstance(model, HeatmapModel):
            return
        metrics = self.verticalHeader().fontMetrics()
        bold = self.font()
        bold.setBold(True)
        labels = [
            str(model.headerData(r, Qt.Orientation.Vertical)) for r in range(model.rowCount())
        ]
        widest = max((metrics.horizontalAdvance(t) for t in labels), default=80)
        self.verticalHeader().setFixedWidth(min(max(widest + 28, 120), 320))

    def _row_header_clicked(self, row: int) -> None:
        model = self.model()
        if isinstance(model, HeatmapModel):
            model.toggle_row(row)

    # ------------------------------------------------------------------ hover breakdown

    def set_breakdown_provider(self, provider: BreakdownProvider | None) -> None:
        self._provider = provider
        self._cache.clear()

    def clear_breakdowns(self) -> None:
        self._cache.clear()

    def breakdown_lines(self, row: int, column: int) -> list[str]:
        """The per-project lines of a cell (computed once, then cached)."""
        model = self.heatmap()
        display = model.display_row(row)
        if display.is_group or self._provider is None:
            return []
        key = (display.key, model.column_date(column))
        if key not in self._cache:
            self._cache[key] = describe_breakdown(self._provider(*key))
        return self._cache[key]

    def tooltip_text(self, index: QModelIndex) -> str:
        """What hovering ``index`` shows: the cell's figures and its breakdown by project."""
        model = self.heatmap()
        text = model.summary(index.row(), index.column())
        lines = self.breakdown_lines(index.row(), index.column())
        if lines:
            text += "\nBy project:\n" + "\n".join(lines)
        return text

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            if index.isValid() and isinstance(self.model(), HeatmapModel):
                QToolTip.showText(event.globalPos(), self.tooltip_text(index), self.viewport())
                return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().viewportEvent(event)
