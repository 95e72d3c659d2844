"""The value-against-risk bubble chart (pyqtgraph), whose points select projects.

x is the project's score on the Value criterion, y its score on the Risk
criterion (both raw, on their scales); a bubble's area is proportional to the
budget and its colour is the overall RAG. So that the chart reads without
colour, bubbles large enough carry their RAG letter (knocked out of the
bubble) and red ones have a heavier outline. Scores are whole numbers, so
bubbles on the same score are spread a little (by a fixed amount per project)
instead of hiding each other.

Clicking a bubble, or dragging a rectangle with the left button, announces
the projects with :attr:`BubbleChart.points_selected`; :meth:`BubbleChart.highlight`
rings the projects selected elsewhere. pyqtgraph is imported when the first
chart is built, never at module import.
"""

from __future__ import annotations

import functools
import math
import uuid
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pmodesk.domain.enums import Rag
from pmodesk.gui.priorities.formatting import money, short_money
from pmodesk.gui.register.delegates import paint_rag_chip
from pmodesk.gui.theme import ACCENT, is_dark, rag_colour

if TYPE_CHECKING:
    from pmodesk.services.scoring import RankedProject

#: The diameter, in pixels, of the bubble of the largest budget.
MAX_DIAMETER = 46.0
#: The smallest bubble drawn (tiny budgets and projects without a budget).
MIN_DIAMETER = 7.0
#: Bubbles at least this wide carry their RAG letter.
LETTER_DIAMETER = 15.0
#: How far bubbles on the same score spread apart (in score units).
SPREAD = 0.32
_OUTLINE = {"green": 1.0, "amber": 1.5, "red": 2.6, None: 1.0}


@dataclass(frozen=True)
class Bubble:
    """One plotted project."""

    project_id: uuid.UUID
    x: float
    y: float
    diameter: float
    row: RankedProject
    value: int
    risk: int


def diameter_for(budget: float | None, largest: float) -> float:
    """A bubble's diameter so that its *area* is proportional to ``budget``."""
    if not budget or budget <= 0 or largest <= 0:
        return MIN_DIAMETER
    return max(MIN_DIAMETER, MAX_DIAMETER * math.sqrt(budget / largest))


def _spread(project_id: uuid.UUID, salt: int) -> float:
    """A fixed offset in [-SPREAD, SPREAD] per project (the same on every redraw)."""
    digest = zlib.crc32(project_id.bytes + bytes([salt]))
    return (digest / 0xFFFFFFFF * 2.0 - 1.0) * SPREAD


@functools.cache
def _letter_symbol(letter: str) -> QPainterPath:
    """A unit circle with ``letter`` cut out of it (pyqtgraph symbols span -0.5..0.5)."""
    path = QPainterPath()
    path.addEllipse(QRectF(-0.5, -0.5, 1.0, 1.0))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(100)
    text = QPainterPath()
    text.addText(0, 0, font, letter)
    box = text.boundingRect()
    scale = 0.56 / max(box.height(), 1e-6)
    centre = QTransform()
    centre.scale(scale, scale)
    centre.translate(-box.center().x(), -box.center().y())
    centred = centre.map(text)
    path.addPath(centred)
    path.setFillRule(Qt.FillRule.OddEvenFill)
    return path


def _pg() -> Any:
    import pyqtgraph

    return pyqtgraph


@functools.cache
def _selecting_view_box() -> type[Any]:
    """A ViewBox whose left-button drag selects the points in a rectangle instead of panning."""
    pg = _pg()

    class SelectingViewBox(pg.ViewBox):  # type: ignore[misc, name-defined]
        sigRectSelected = pg.QtCore.Signal(object, object)

        def mouseDragEvent(self, ev: Any, axis: Any = None) -> None:
            if ev.button() != Qt.MouseButton.LeftButton:
                super().mouseDragEvent(ev, axis)
                return
            ev.accept()
            if ev.isFinish():
                self.rbScaleBox.hide()
                rect = QRectF(
                    self.mapToView(ev.buttonDownPos()), self.mapToView(ev.pos())
                ).normalized()
                self.sigRectSelected.emit(rect, ev.modifiers())
            else:
                self.updateScaleBox(ev.buttonDownPos(), ev.pos())

    return SelectingViewBox


class ChartLegend(QWidget):
    """Budget sizes and RAG colours, drawn below the chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sizes: list[tuple[float, float]] = []
        self.setMinimumHeight(int(MAX_DIAMETER) + 10)
        self.setAccessibleName("Chart legend")

    def set_budgets(self, largest: float) -> None:
        """Reference bubbles for round budgets up to ``largest``."""
        self._sizes = []
        if largest > 0:
            top = 10 ** math.floor(math.log10(largest))
            top = max(t * top for t in (1, 2, 5) if t * top <= largest)
            for value in (top / 10, top / 2, top):
                if value > 0:
                    self._sizes.append((value, diameter_for(value, largest)))
        labels = [short_money(v) for v, _ in self._sizes]
        self.setMinimumWidth(self._content_width())
        self.setToolTip(
            "Bubble area is proportional to the budget"
            + (f" ({', '.join(labels)} shown)." if labels else ".")
        )
        self.update()

    def _content_width(self) -> int:
        metrics = self.fontMetrics()
        width = 4 + metrics.horizontalAdvance("Budget") + 10
        for value, diameter in self._sizes:
            width += int(diameter) + 4 + metrics.horizontalAdvance(short_money(value)) + 14
        width += 12
        for rag in (Rag.GREEN, Rag.AMBER, Rag.RED):
            width += 32 + metrics.horizontalAdvance(rag.label) + 12
        return width

    def sizeHint(self) -> QSize:
        return QSize(self._content_width(), int(MAX_DIAMETER) + 10)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            text_colour = self.palette().color(QPalette.ColorRole.WindowText)
            metrics = self.fontMetrics()
            middle = self.height() / 2
            x = 4.0
            painter.setPen(text_colour)
            painter.drawText(QPointF(x, middle + metrics.ascent() / 2 - 1), "Budget")
            x += metrics.horizontalAdvance("Budget") + 10
            for value, diameter in self._sizes:
                painter.setPen(QPen(text_colour, 1.0))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(QPointF(x + diameter / 2, middle), diameter / 2, diameter / 2)
                x += diameter + 4
                label = short_money(value)
                painter.drawText(QPointF(x, middle + metrics.ascent() / 2 - 1), label)
                x += metrics.horizontalAdvance(label) + 14
            x += 12
            for rag in (Rag.GREEN, Rag.AMBER, Rag.RED):
                paint_rag_chip(painter, QRectF(x, middle - 10, 30, 20), rag)
                x += 32
                painter.setPen(text_colour)
                painter.drawText(QPointF(x, middle + metrics.ascent() / 2 - 1), rag.label)
                x += metrics.horizontalAdvance(rag.label) + 12
        finally:
            painter.end()


class BubbleChart(QWidget):
    """Value against risk; see the module docstring."""

    #: The user picked bubbles: ``(list of project ids, additive: bool)``.
    points_selected = Signal(object, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pg = _pg()
        self.setAccessibleName("Value against risk chart")
        self._bubbles: list[Bubble] = []
        self._by_id: dict[uuid.UUID, Bubble] = {}
        self._highlighted: list[uuid.UUID] = []
        self._scale = (1, 5, 1, 5)
        self._signature: list[tuple[Any, ...]] = []
        self._axes: tuple[Any, Any] = (None, None)

        dark = is_dark(self.palette())
        foreground = self.palette().color(QPalette.ColorRole.WindowText)
        self.view_box = _selecting_view_box()()
        self.plot = pg.PlotWidget(parent=self, viewBox=self.view_box, background=None)
        self.plot.setBackground(self.palette().color(QPalette.ColorRole.Base))
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.showGrid(x=True, y=True, alpha=0.12 if not dark else 0.2)
        item = self.plot.getPlotItem()
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(foreground))
            axis.setTextPen(pg.mkPen(foreground))
        self.view_box.setMouseEnabled(x=False, y=False)

        self.highlight_item = pg.ScatterPlotItem(pxMode=True, symbol="o")
        self.highlight_item.setZValue(5)
        self.scatter = pg.ScatterPlotItem(
            pxMode=True, hoverable=True, tip=self._tip, hoverPen=pg.mkPen(ACCENT, width=2)
        )
        self.scatter.setZValue(10)
        self.plot.addItem(self.highlight_item)
        self.plot.addItem(self.scatter)
        self._quadrant_labels: list[Any] = []
        for text, anchor in (
            ("high value · low risk", (1, 1)),
            ("high value · high risk", (1, 0)),
            ("low value · high risk", (0, 0)),
            ("low value · low risk", (0, 1)),
        ):
            label = pg.TextItem(
                text,
                color=QColor(foreground.red(), foreground.green(), foreground.blue(), 110),
                anchor=anchor,
            )
            label.setZValue(1)
            self.plot.addItem(label)
            self._quadrant_labels.append(label)
        self.scatter.sigClicked.connect(self._on_clicked)
        self.view_box.sigRectSelected.connect(self._on_rect)

        self.legend = ChartLegend(self)
        self.note_label = QLabel(self)
        self.note_label.setProperty("role", "muted")
        self.note_label.setWordWrap(True)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.message_label, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.legend, 0)
        bottom.addWidget(self.note_label, 1)
        layout.addLayout(bottom)

    # ------------------------------------------------------------ content

    def set_projects(
        self,
        rows: Sequence[RankedProject],
        *,
        value: tuple[str, str, int, int] | None,
        risk: tuple[str, str, int, int] | None,
    ) -> None:
        """Plot ``rows``; ``value`` and ``risk`` are (criterion code, name, scale min, max)."""
        pg = _pg()
        if value is None or risk is None:
            missing = " and ".join(n for n, c in (("Value", value), ("Risk", risk)) if c is None)
            self._show_message(
                f"The chart needs a {missing} criterion in the scoring model; "
                "add one to see value against risk."
            )
            return
        self.plot.show()
        self.message_label.hide()
        value_code, value_name, vmin, vmax = value
        risk_code, risk_name, rmin, rmax = risk
        self._scale = (vmin, vmax, rmin, rmax)
        largest = max((r.budget or 0.0 for r in rows), default=0.0)
        bubbles = []
        for row in rows:
            v = row.raw_scores.get(value_code)
            r = row.raw_scores.get(risk_code)
            if v is None or r is None or value_code in row.missing or risk_code in row.missing:
                continue
            bubbles.append(
                Bubble(
                    row.project_id,
                    v + _spread(row.project_id, 1),
                    r + _spread(row.project_id, 2),
                    diameter_for(row.budget, largest),
                    row,
                    v,
                    r,
                )
            )
        # Big bubbles first, so the small ones stay on top and clickable.
        bubbles.sort(key=lambda b: (-b.diameter, b.row.code))
        signature = [
            (b.project_id, b.value, b.risk, round(b.diameter, 1), b.row.rag) for b in bubbles
        ]
        self._bubbles = bubbles
        self._by_id = {b.project_id: b for b in bubbles}
        if signature == self._signature and (value, risk) == self._axes:
            # A re-rank moved no bubble: only the tooltips' scores and ranks changed.
            return
        self._signature, self._axes = signature, (value, risk)

        pens = {
            key: pg.mkPen(rag_colour(key).darker(170), width=width)
            for key, width in _OUTLINE.items()
        }
        brushes = {}
        for key in _OUTLINE:
            colour = QColor(rag_colour(key))
            colour.setAlpha(215)
            brushes[key] = pg.mkBrush(colour)
        spots = []
        for bubble in bubbles:
            key = bubble.row.rag.value if bubble.row.rag is not None else None
            symbol: Any = "o"
            if key is not None and bubble.diameter >= LETTER_DIAMETER:
                symbol = _letter_symbol(Rag(key).letter)
            spots.append(
                {
                    "pos": (bubble.x, bubble.y),
                    "size": bubble.diameter,
                    "symbol": symbol,
                    "pen": pens[key],
                    "brush": brushes[key],
                    "data": bubble.project_id,
                }
            )
        self.scatter.setData(spots)
        item = self.plot.getPlotItem()
        item.setLabel("bottom", f"{value_name} (score {vmin}–{vmax}, higher is more valuable)")
        item.setLabel("left", f"{risk_name} (score {rmin}–{rmax}, higher is riskier)")
        for side, (low, high) in (("bottom", (vmin, vmax)), ("left", (rmin, rmax))):
            item.getAxis(side).setTicks([[(v, str(v)) for v in range(low, high + 1)]])
        pad = 0.6
        self.view_box.setRange(
            xRange=(vmin - pad, vmax + pad), yRange=(rmin - pad, rmax + pad), padding=0
        )
        corners = (
            (vmax + pad, rmin - pad),
            (vmax + pad, rmax + pad),
            (vmin - pad, rmax + pad),
            (vmin - pad, rmin - pad),
        )
        for label, (x, y) in zip(self._quadrant_labels, corners, strict=True):
            label.setPos(x, y)
        self.legend.set_budgets(largest)
        hidden = len(rows) - len(bubbles)
        self.note_label.setText(
            f"{len(bubbles)} projects shown. {hidden} not yet scored on both "
            f"{value_name.lower()} and {risk_name.lower()} are left out."
            if hidden
            else f"{len(bubbles)} projects shown. Click a bubble or drag a box to select."
        )
        self._draw_highlight()

    def _show_message(self, text: str) -> None:
        self._bubbles, self._by_id = [], {}
        self._signature, self._axes = [], (None, None)
        self.scatter.setData([])
        self.highlight_item.setData([])
        self.plot.hide()
        self.message_label.setText(text)
        self.message_label.show()
        self.note_label.setText("")

    def bubbles(self) -> list[Bubble]:
        return list(self._bubbles)

    def bubble(self, project_id: uuid.UUID) -> Bubble | None:
        return self._by_id.get(project_id)

    def highlight(self, project_ids: Sequence[uuid.UUID]) -> None:
        """Ring the bubbles of ``project_ids`` (the projects selected in the list)."""
        self._highlighted = list(project_ids)
        self._draw_highlight()

    def highlighted(self) -> list[uuid.UUID]:
        return [pid for pid in self._highlighted if pid in self._by_id]

    def _draw_highlight(self) -> None:
        pg = _pg()
        spots = [
            {
                "pos": (b.x, b.y),
                "size": b.diameter + 10,
                "pen": pg.mkPen(ACCENT, width=3),
                "brush": pg.mkBrush(0, 0, 0, 0),
            }
            for pid in self._highlighted
            if (b := self._by_id.get(pid)) is not None
        ]
        self.highlight_item.setData(spots)

    # ------------------------------------------------------------ interaction

    def _tip(self, x: float, y: float, data: Any) -> str:
        bubble = self._by_id.get(data) if isinstance(data, uuid.UUID) else None
        if bubble is None:
            return ""
        row = bubble.row
        rag = row.rag.label if row.rag is not None else "not rated"
        budget = money(row.budget) if row.budget is not None else "no budget"
        return (
            f"{row.code} {row.name}\n"
            f"Budget {budget} · score {row.score:.1f} (rank {row.rank})\n"
            f"Value {bubble.value} · risk {bubble.risk} · RAG {rag}"
        )

    def _on_clicked(self, _item: Any, points: Any, event: Any) -> None:
        ids = [p.data() for p in points if isinstance(p.data(), uuid.UUID)]
        # The top-most bubble is the one the user aimed at.
        ids = ids[-1:] if ids else []
        additive = bool(
            event is not None and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        )
        if ids:
            self.points_selected.emit(ids, additive)

    def _on_rect(self, rect: QRectF, modifiers: Any) -> None:
        ids = [b.project_id for b in self._bubbles if rect.contains(QPointF(b.x, b.y))]
        additive = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        self.points_selected.emit(ids, additive)

    def scene_position(self, project_id: uuid.UUID) -> QPointF | None:
        """Where a project's bubble is, in the plot widget's viewport coordinates (for tests)."""
        bubble = self._by_id.get(project_id)
        if bubble is None:
            return None
        scene = self.view_box.mapViewToScene(QPointF(bubble.x, bubble.y))
        return QPointF(self.plot.mapFromScene(scene))
