"""One dashboard chart (pyqtgraph, imported when the first chart is built): bars, stacked, or a trend.

A :class:`KpiChart` draws a :class:`~pmodesk.services.monitoring.dashboard.Chart`:
vertical bars side by side (``grouped``) or on top of each other
(``stacked``), horizontal bars (``hbar``) or a line with its points
(``line``). Moving the mouse over a bar writes its figures under the plot
(and in a tooltip); clicking a bar or a point announces it with
:attr:`KpiChart.drilled` so that the page lists the projects behind it.
Clicking beside the bars of a category picks the whole category.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain.enums import Rag
from pmodesk.gui.monitoring.chart_parts import (
    BAND_NAMES,
    RAG_SERIES,
    ElidedLabel,
    Legend,
    axis_class,
    band,
    format_value,
    pyqtgraph,
    series_colour,
)
from pmodesk.gui.theme import rag_colour, rag_text_colour
from pmodesk.services.monitoring.dashboard import Chart, ChartPoint

BAR_SPAN = 0.8
HINT = "Hover a bar for its figures; click it to list the projects behind it."
HEADLINE_COLOUR = "#2f5fb3"


class KpiChart(QFrame):
    """See the module docstring. Feed it with :meth:`set_chart`."""

    #: ``(chart key, point index, series index or None for the whole category)``.
    drilled = Signal(str, int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pg = pyqtgraph()
        self.setObjectName("kpiChart")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumWidth(220)
        self.chart: Chart | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(2)
        self.title_label = ElidedLabel(self)
        self.title_label.setProperty("role", "strong")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.title_label)
        # The headline figure; while the mouse is over a bar, that bar's figures instead.
        self.headline_label = ElidedLabel(self)
        self.headline_label.setObjectName("headline")
        headline_font = QFont(self.font())
        headline_font.setBold(True)
        self.headline_label.setFont(headline_font)
        palette = self.headline_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(HEADLINE_COLOUR))
        self.headline_label.setPalette(palette)
        self.headline_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.hover_label = self.headline_label
        layout.addWidget(self.headline_label)
        self.axis = axis_class()(orientation="left")
        base = self.palette().color(QPalette.ColorRole.Base)
        self.plot = pg.PlotWidget(parent=self, background=base, axisItems={"left": self.axis})
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMinimumHeight(120)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        item = self.plot.getPlotItem()
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(QColor(text.red(), text.green(), text.blue(), 120)))
            axis.setTextPen(pg.mkPen(text))
            axis.setStyle(tickLength=4)
        # Month labels at the ends would otherwise be hidden for touching the plot's edge.
        item.getAxis("bottom").setStyle(hideOverlappingLabels=False)
        self.plot.viewport().setMouseTracking(True)
        self.plot.scene().sigMouseMoved.connect(self._moved)
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        layout.addWidget(self.plot, 1)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setProperty("role", "muted")
        self.empty_label.hide()
        layout.addWidget(self.empty_label, 1)
        self.legend = Legend(self)
        layout.addWidget(self.legend)
        self.setToolTip(HINT)

    # ------------------------------------------------------------------ drawing

    def set_chart(self, chart: Chart) -> None:
        self.chart = chart
        self.setAccessibleName(chart.title)
        self.title_label.setText(chart.title)
        self.headline_label.setText(chart.headline or " ")
        if chart.style == "hbar":
            self.legend.set_series(tuple(BAND_NAMES[chart.key]), BAND_NAMES[chart.key])
        else:
            self.legend.set_series(chart.series if len(chart.series) > 1 else ())
        empty = chart.is_empty
        self.plot.setVisible(not empty)
        self.empty_label.setVisible(empty)
        self.empty_label.setText(chart.empty_text)
        self.plot.clear()
        if empty:
            return
        self.axis.unit = chart.unit
        if chart.style == "line":
            self._draw_line(chart)
        elif chart.style == "hbar":
            self._draw_hbars(chart)
        else:
            self._draw_bars(chart)

    def _ticks(self, chart: Chart) -> list[tuple[float, str]]:
        """Every category's label, or every second or third when they would crowd."""
        width = max(1, self.plot.width() - 50)
        widest = max(
            (self.fontMetrics().horizontalAdvance(p.label) for p in chart.points), default=1
        )
        step = 1
        while step < 4 and width / len(chart.points) * step < widest + 4:
            step += 1
        last = len(chart.points) - 1
        return [(float(n), p.label) for n, p in enumerate(chart.points) if (last - n) % step == 0]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        chart = self.chart
        if chart is not None and not chart.is_empty and chart.style != "hbar":
            self.plot.getPlotItem().getAxis("bottom").setTicks([self._ticks(chart)])

    def _reference(self, chart: Chart, *, vertical: bool) -> None:
        if chart.reference is None:
            return
        pg = pyqtgraph()
        pen = pg.mkPen(QColor("#555555"), width=1, style=Qt.PenStyle.DashLine)
        line = pg.InfiniteLine(pos=chart.reference, angle=90 if vertical else 0, pen=pen)
        line.setZValue(20)
        self.plot.addItem(line)

    def _draw_bars(self, chart: Chart) -> None:
        pg = pyqtgraph()
        n_series = len(chart.series)
        count = len(chart.points)
        stacked = chart.style == "stacked"
        width = 0.6 if stacked else BAR_SPAN / n_series
        base = [0.0] * count
        top = 0.0
        for s, name in enumerate(chart.series):
            values = [p.values[s] or 0.0 for p in chart.points]
            xs = [
                float(i) if stacked else i - BAR_SPAN / 2 + width * (s + 0.5) for i in range(count)
            ]
            colour = series_colour(name, s)
            bars = pg.BarGraphItem(
                x=xs,
                height=values,
                y0=list(base) if stacked else 0,
                width=width,
                brush=colour,
                pen=pg.mkPen(colour.darker(130)),
            )
            self.plot.addItem(bars)
            rag = RAG_SERIES.get(name)
            if stacked and rag is not None:
                self._segment_letters(rag, base, values)
            if stacked:
                base = [b + v for b, v in zip(base, values, strict=True)]
            top = max(top, max(base) if stacked else max(values, default=0.0))
        if stacked:
            ink = self.palette().color(QPalette.ColorRole.WindowText)
            for i, total in enumerate(base):
                if total:
                    label = pg.TextItem(format_value(total, chart.unit), color=ink, anchor=(0.5, 1))
                    label.setPos(i, total)
                    self.plot.addItem(label)
        self.plot.getPlotItem().getAxis("bottom").setTicks([self._ticks(chart)])
        self.plot.setXRange(-0.6, count - 0.4, padding=0)
        self.plot.setYRange(0, (top or 1.0) * 1.15, padding=0)
        self._reference(chart, vertical=False)

    def _small_bold(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        return font

    def _segment_letters(self, rag: Rag, base: list[float], values: list[float]) -> None:
        """The RAG letter and count inside each stacked segment tall enough to hold them."""
        pg = pyqtgraph()
        chart = self.chart
        assert chart is not None
        top = max(sum(v or 0.0 for v in p.values) for p in chart.points) or 1.0
        for i, (bottom, value) in enumerate(zip(base, values, strict=True)):
            if value >= top * 0.09:
                text = pg.TextItem(
                    f"{rag.letter} {value:.0f}", color=rag_text_colour(rag), anchor=(0.5, 0.5)
                )
                text.setFont(self._small_bold())
                text.setPos(i, bottom + value / 2)
                self.plot.addItem(text)

    def _draw_hbars(self, chart: Chart) -> None:
        pg = pyqtgraph()
        count = len(chart.points)
        values = [p.values[0] or 0.0 for p in chart.points]
        ys = [float(count - 1 - i) for i in range(count)]
        brushes = [pg.mkBrush(rag_colour(band(chart, value))) for value in values]
        bars = pg.BarGraphItem(x0=0, y=ys, height=0.62, width=values, brushes=brushes, pen=None)
        self.plot.addItem(bars)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        high = max([*values, chart.reference or 0.0, 1.0])
        for y, value, point in zip(ys, values, chart.points, strict=True):
            if point.values[0] is None:
                continue
            if value >= high * 0.06:
                rag = band(chart, value)
                letter = pg.TextItem(rag.letter, color=rag_text_colour(rag), anchor=(0, 0.5))
                letter.setFont(self._small_bold())
                letter.setPos(high * 0.005, y)
                self.plot.addItem(letter)
            label = pg.TextItem(format_value(value, chart.unit), color=ink, anchor=(0, 0.5))
            label.setPos(max(value, 0.0), y)
            self.plot.addItem(label)
        axis = self.plot.getPlotItem().getAxis("left")
        axis.setTicks([[(y, p.label) for y, p in zip(ys, chart.points, strict=True)]])
        self.axis.unit = "count"
        bottom = self.plot.getPlotItem().getAxis("bottom")
        bottom.setTicks(None)
        self.plot.setXRange(min(0.0, *values), high * 1.18, padding=0)
        self.plot.setYRange(-0.6, count - 0.4, padding=0)
        self._reference(chart, vertical=True)

    def _draw_line(self, chart: Chart) -> None:
        pg = pyqtgraph()
        values = [p.values[0] or 0.0 for p in chart.points]
        xs = list(range(len(values)))
        colour = series_colour(chart.series[0], 0)
        fill = QColor(colour)
        fill.setAlpha(40)
        self.plot.addItem(
            pg.PlotDataItem(
                xs,
                values,
                pen=pg.mkPen(colour, width=2.5),
                symbol="o",
                symbolSize=8,
                symbolBrush=colour,
                symbolPen=pg.mkPen("w"),
                fillLevel=0,
                fillBrush=pg.mkBrush(fill),
            )
        )
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        last = pg.TextItem(format_value(values[-1], chart.unit), color=ink, anchor=(1, 1.2))
        last.setPos(xs[-1], values[-1])
        self.plot.addItem(last)
        self.plot.getPlotItem().getAxis("bottom").setTicks([self._ticks(chart)])
        self.plot.setXRange(-0.6, len(values) - 0.4, padding=0)
        self.plot.setYRange(0, (max(values) or 1.0) * 1.18, padding=0)

    # ------------------------------------------------------------------ hit testing

    def hit(self, x: float, y: float) -> tuple[int, int | None] | None:
        """The (point, series) under view coordinates ``(x, y)``; series ``None``: beside the bars."""
        chart = self.chart
        if chart is None or chart.is_empty:
            return None
        count = len(chart.points)
        if chart.style == "line":
            i = round(x)
            return (i, 0) if 0 <= i < count else None
        if chart.style == "hbar":
            i = round(count - 1 - y)
            if not 0 <= i < count or abs(count - 1 - i - y) > 0.4:
                return None
            value = chart.points[i].values[0] or 0.0
            return (i, 0) if min(0, value) <= x <= max(0, value) else (i, None)
        i = round(x)
        if not 0 <= i < count or abs(i - x) > 0.45:
            return None
        values = [v or 0.0 for v in chart.points[i].values]
        if chart.style == "stacked":
            base = 0.0
            for s, value in enumerate(values):
                if value and base <= y <= base + value:
                    return (i, s)
                base += value
            return (i, None)
        width = BAR_SPAN / len(values)
        s = math.floor((x - (i - BAR_SPAN / 2)) / width)
        if 0 <= s < len(values) and 0 <= y <= values[s]:
            return (i, s)
        return (i, None)

    def hover_text(self, point: int, series: int | None) -> str:
        chart = self.chart
        if chart is None:
            return ""
        p: ChartPoint = chart.points[point]
        name = p.detail or p.label
        if series is None:
            parts = [
                f"{s}: {format_value(v, chart.unit)}"
                for s, v in zip(chart.series, p.values, strict=True)
            ]
            return f"{name} — " + ", ".join(parts)
        projects = len(p.project_ids[series])
        figure = format_value(p.values[series], chart.unit)
        series_name = "" if len(chart.series) == 1 else f" · {chart.series[series]}"
        return f"{name}{series_name}: {figure} ({projects} project{'s' if projects != 1 else ''})"

    def _view_point(self, scene_pos: QPointF) -> QPointF | None:
        box = self.plot.getPlotItem().vb
        if not box.sceneBoundingRect().contains(scene_pos):
            return None
        return QPointF(box.mapSceneToView(scene_pos))

    def _moved(self, scene_pos: QPointF) -> None:
        point = self._view_point(scene_pos)
        found = self.hit(point.x(), point.y()) if point is not None else None
        if found is None:
            self.headline_label.setText(self.chart.headline if self.chart else "")
            self._hovering(False)
            return
        text = self.hover_text(*found)
        self.headline_label.setText(text)
        self._hovering(True)
        if self.plot.underMouse():
            QToolTip.showText(QCursor.pos(), text, self.plot)

    def _hovering(self, on: bool) -> None:
        palette = self.headline_label.palette()
        colour = (
            self.palette().color(QPalette.ColorRole.WindowText) if on else QColor(HEADLINE_COLOUR)
        )
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.headline_label.setPalette(palette)

    def _clicked(self, event: Any) -> None:
        if self.chart is None or event.button() != Qt.MouseButton.LeftButton:
            return
        point = self._view_point(event.scenePos())
        found = self.hit(point.x(), point.y()) if point is not None else None
        if found is not None:
            event.accept()
            self.drilled.emit(self.chart.key, found[0], found[1])

    def position_of(self, point: int, series: int = 0) -> QPoint:
        """Where the bar (or point) is, in the plot's viewport coordinates (for tests)."""
        chart = self.chart
        assert chart is not None
        count = len(chart.points)
        values = [v or 0.0 for v in chart.points[point].values]
        if chart.style == "hbar":
            view = QPointF(values[0] / 2, count - 1 - point)
        elif chart.style == "line":
            view = QPointF(point, values[0])
        elif chart.style == "stacked":
            view = QPointF(point, sum(values[:series]) + values[series] / 2)
        else:
            width = BAR_SPAN / len(values)
            view = QPointF(point - BAR_SPAN / 2 + width * (series + 0.5), values[series] / 2)
        scene = self.plot.getPlotItem().vb.mapViewToScene(view)
        found: QPoint = self.plot.mapFromScene(scene)
        return found


__all__ = ["KpiChart", "format_value"]
