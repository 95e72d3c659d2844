"""Pieces of the dashboard charts: value wording, colours and bands, the legend, an eliding label.

pyqtgraph is imported inside :func:`pg` (and the axis class is made on first
use), so importing this module does not load it.
"""

from __future__ import annotations

import functools
import math
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from pmodesk.domain.enums import Rag
from pmodesk.gui.register.delegates import paint_rag_chip
from pmodesk.gui.theme import rag_colour
from pmodesk.services.monitoring.dashboard import Chart
from pmodesk.services.monitoring.dashboard_charts import short_money

#: Colours of series that are not RAG values, in order.
SERIES_COLOURS = ("#2f5fb3", "#8fb3e8", "#e08a2e", "#5b8c5a")
NAMED_COLOURS = {
    "Green": rag_colour(Rag.GREEN).name(),
    "Amber": rag_colour(Rag.AMBER).name(),
    "Red": rag_colour(Rag.RED).name(),
    "Not rated": rag_colour(None).name(),
    "On time": rag_colour(Rag.GREEN).name(),
    "Late": rag_colour(Rag.RED).name(),
    "Budget": "#9db4d8",
    "Actual": "#2f5fb3",
    "Forecast": "#e08a2e",
    "CPI": "#2f5fb3",
    "SPI": "#e08a2e",
    "Exposure": "#c0392b",
}
RAG_SERIES = {"Green": Rag.GREEN, "Amber": Rag.AMBER, "Red": Rag.RED}


def pyqtgraph() -> Any:
    import pyqtgraph

    return pyqtgraph


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "money":
        return short_money(value)
    if unit == "percent":
        return f"{value:.0f} %"
    if unit == "ratio":
        return f"{value:.2f}"
    return f"{value:,.0f}"


@functools.cache
def axis_class() -> type[Any]:
    pg = pyqtgraph()

    class ValueAxis(pg.AxisItem):  # type: ignore[misc, name-defined]
        """Left axis writing money short (1.2M) and percentages with their sign."""

        unit = "count"

        def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
            if self.unit in ("money", "percent"):
                return [format_value(v, self.unit) for v in values]
            return [f"{v:,.0f}" if float(v).is_integer() else f"{v:g}" for v in values]

    return ValueAxis


#: What each colour of the horizontal bar charts means, by chart key (legend order).
BAND_NAMES = {
    "utilisation": {
        "Within capacity": Rag.GREEN,
        "Under-used": Rag.AMBER,
        "Over capacity": Rag.RED,
    },
    "benefits": {"≥ target": Rag.GREEN, "≥ half": Rag.AMBER, "< half": Rag.RED},
}
UNDER_USED = 60.0


def band(chart: Chart, value: float) -> Rag:
    """The colour band of a horizontal bar: against capacity, or against the benefit target."""
    if chart.key == "benefits":
        return Rag.GREEN if value >= 100 else Rag.AMBER if value >= 50 else Rag.RED
    if value > (chart.reference or math.inf):
        return Rag.RED
    return Rag.AMBER if value < UNDER_USED else Rag.GREEN


def series_colour(name: str, n: int) -> QColor:
    return QColor(NAMED_COLOURS.get(name, SERIES_COLOURS[n % len(SERIES_COLOURS)]))


class Legend(QWidget):
    """The series as swatches (RAG series as chips with their letter) with their names."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._series: tuple[str, ...] = ()
        self._rags: dict[str, Rag] = dict(RAG_SERIES)
        self.setFixedHeight(self.fontMetrics().height() + 6)

    def set_series(self, series: tuple[str, ...], rags: dict[str, Rag] | None = None) -> None:
        self._series = series
        self._rags = {**RAG_SERIES, **(rags or {})}
        self.setVisible(bool(series))
        width = sum(
            (28 if name in self._rags else 16) + self.fontMetrics().horizontalAdvance(name) + 14
            for name in series
        )
        self.setMinimumWidth(width)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            metrics = self.fontMetrics()
            x, middle = 2.0, self.height() / 2
            for n, name in enumerate(self._series):
                rag = self._rags.get(name)
                if rag is not None:
                    paint_rag_chip(painter, QRectF(x, middle - 8, 26, 16), rag)
                    x += 28
                else:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(series_colour(name, n))
                    painter.drawRoundedRect(QRectF(x, middle - 5, 12, 10), 2, 2)
                    x += 16
                painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
                painter.drawText(QPointF(x, middle + metrics.ascent() / 2 - 1), name)
                x += metrics.horizontalAdvance(name) + 14
        finally:
            painter.end()


class ElidedLabel(QLabel):
    """A label that shortens its text with an ellipsis instead of widening its row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setFont(self.font())
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            text = self.fontMetrics().elidedText(
                self.text(), Qt.TextElideMode.ElideRight, self.width()
            )
            painter.drawText(self.rect(), int(self.alignment()), text)
        finally:
            painter.end()


__all__ = [
    "BAND_NAMES",
    "RAG_SERIES",
    "ElidedLabel",
    "Legend",
    "axis_class",
    "band",
    "format_value",
    "pyqtgraph",
    "series_colour",
]
