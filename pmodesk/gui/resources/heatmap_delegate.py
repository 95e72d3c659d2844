"""Painting one heatmap cell: its colour band, its number, and outlines that make extremes stand out.

QTableView asks the delegate for the visible cells only, so a redraw costs
what is on screen, not the size of the matrix. The delegate reads the model's
fast path (:meth:`HeatmapModel.cell`: text, band, flags) instead of several
``data()`` calls per cell. Over-allocated cells get bold text and a dark red
inner border, under-used ones a dashed blue border, and cells with released
capacity (projects on hold or cancelled) a small grey corner mark.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from pmodesk.gui.resources.heatmap_model import HeatmapModel
from pmodesk.gui.resources.scale import (
    FLAG_OVER,
    FLAG_RELEASED,
    FLAG_UNDER,
    OVER_BORDER,
    UNDER_BORDER,
    band_colours,
)
from pmodesk.gui.theme import ACCENT

AnyIndex = QModelIndex | QPersistentModelIndex
_RELEASED_MARK = QColor("#6b6b6b")
# Plain ints: flag arithmetic on Qt enums costs a Python call per cell.
_SELECTED = QStyle.StateFlag.State_Selected.value
_FOCUS = QStyle.StateFlag.State_HasFocus.value
_CENTRE = Qt.AlignmentFlag.AlignCenter


class HeatmapDelegate(QStyledItemDelegate):
    """Paints heatmap cells; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colours = band_colours()
        self._over_pen = QPen(QColor(OVER_BORDER), 2.0)
        self._over_pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        self._under_pen = QPen(QColor(UNDER_BORDER), 1.0, Qt.PenStyle.DashLine)
        self._selected_pen = QPen(QColor(ACCENT), 3.0)
        self._selected_pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        self._focus_pen = QPen(QColor("#111111"), 1.0, Qt.PenStyle.DotLine)
        self._bold: tuple[str, QFont] | None = None

    def _bold_font(self, font: QFont) -> QFont:
        """The bold variant of the view's font (made once per font)."""
        key = font.key()
        if self._bold is None or self._bold[0] != key:
            bold = QFont(font)
            bold.setBold(True)
            self._bold = (key, bold)
        return self._bold[1]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        model = index.model()
        if not isinstance(model, HeatmapModel):
            super().paint(painter, option, index)
            return
        row, column = index.row(), index.column()
        text, band, flags = model.cell(row, column)
        fill, ink = self._colours[band]
        rect: QRect = option.rect
        painter.save()
        painter.fillRect(rect, fill)
        inner = rect.adjusted(1, 1, -2, -2)
        if flags & FLAG_OVER:
            painter.setPen(self._over_pen)
            painter.drawRect(inner)
        elif flags & FLAG_UNDER:
            painter.setPen(self._under_pen)
            painter.drawRect(inner)
        if flags & FLAG_RELEASED:
            size = min(7, rect.height() // 3)
            top_right = QPointF(rect.right() + 1, rect.top())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_RELEASED_MARK)
            painter.drawPolygon(
                QPolygonF([top_right, top_right - QPointF(size, 0), top_right + QPointF(0, size)])
            )
        if flags & FLAG_OVER or model.display_row(row).is_group:
            painter.setFont(self._bold_font(option.font))
        painter.setPen(ink)
        painter.drawText(rect, _CENTRE, text)
        state = option.state.value
        if state & _SELECTED:
            painter.setPen(self._selected_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        elif state & _FOCUS:
            painter.setPen(self._focus_pen)
            painter.drawRect(rect.adjusted(2, 2, -3, -3))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        metrics = option.fontMetrics
        return QSize(metrics.horizontalAdvance("0000%") + 12, metrics.height() + 8)
