"""Demand versus capacity per role, under the heatmap (pyqtgraph, imported on first use).

For the role chosen in the combo box (or all roles together) the chart draws
the supply as a stepped line over a pale area, the demand as bars, and the
part of the demand above the supply as red bars, so where demand exceeds
capacity, and by how much, is what the eye finds first. Moving the mouse
over a column writes its figures above the plot.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

Floats = NDArray[np.float64]
ALL_ROLES = "All roles"
DEMAND_COLOUR = "#6f9fd8"
GAP_COLOUR = "#d64545"
SUPPLY_COLOUR = "#2e7d32"


class DemandChart(QWidget):
    """See the module docstring. Feed it with :meth:`set_data`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demandChart")
        self.setAccessibleName("Demand versus capacity by role")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        title = QLabel("Demand vs capacity for", self)
        title.setProperty("role", "strong")
        top.addWidget(title)
        self.role_combo = QComboBox(self)
        self.role_combo.setObjectName("chartRole")
        self.role_combo.setAccessibleName("Role shown in the chart")
        self.role_combo.setMinimumContentsLength(16)
        self.role_combo.currentIndexChanged.connect(self._redraw)
        top.addWidget(self.role_combo)
        self.hover_label = QLabel(self)
        self.hover_label.setObjectName("chartHover")
        top.addWidget(self.hover_label, 1)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("chartSummary")
        top.addWidget(self.summary_label)
        layout.addLayout(top)
        self._plot: Any = None
        self._layout = layout
        self._roles: list[str] = []
        self._columns: list[date] = []
        self._demand: Floats = np.zeros((0, 0))
        self._supply: Floats = np.zeros((0, 0))
        self._period = "week"

    # ------------------------------------------------------------------ data

    def set_data(
        self,
        roles: list[str],
        columns: list[date],
        demand: Any,
        supply: Any,
        period: str = "week",
    ) -> None:
        """``demand`` and ``supply`` are hours [roles × columns] of weeks or months."""
        self._roles, self._columns, self._period = list(roles), list(columns), period
        self._demand = np.asarray(demand, dtype=np.float64).reshape(len(roles), len(columns))
        self._supply = np.asarray(supply, dtype=np.float64).reshape(len(roles), len(columns))
        current = self.role_combo.currentText()
        blocked = self.role_combo.blockSignals(True)
        self.role_combo.clear()
        self.role_combo.addItems([ALL_ROLES, *self._roles])
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findText(current)))
        self.role_combo.blockSignals(blocked)
        self._redraw()

    def select_role(self, role: str) -> None:
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findText(role)))

    def series(self) -> tuple[Floats, Floats]:
        """(demand, supply) of the role shown, per column."""
        index = self.role_combo.currentIndex() - 1
        if not self._roles:
            empty = np.zeros(len(self._columns))
            return empty, empty
        if index < 0:
            return self._demand.sum(axis=0), self._supply.sum(axis=0)
        return self._demand[index], self._supply[index]

    def shortfall(self) -> Floats:
        """Hours of demand above supply per column (0 where supply suffices)."""
        demand, supply = self.series()
        return np.clip(demand - supply, 0, None)

    def hover_text(self, column: int) -> str:
        demand, supply = self.series()
        if not 0 <= column < len(self._columns):
            return ""
        d, s = float(demand[column]), float(supply[column])
        gap = d - s
        state = f"short by {gap:,.0f} h" if gap > 0 else f"{-gap:,.0f} h spare"
        day = self._columns[column]
        when = f"{day:%B %Y}" if self._period == "month" else f"Week of {day.day} {day:%b %Y}"
        return f"{when}: demand {d:,.0f} h, capacity {s:,.0f} h — {state}"

    # ------------------------------------------------------------------ drawing

    def _ensure_plot(self) -> Any:
        if self._plot is not None:
            return self._plot
        import pyqtgraph as pg

        plot = pg.PlotWidget(self, background=self.palette().base().color())
        plot.setObjectName("chartPlot")
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.showGrid(x=False, y=True, alpha=0.25)
        plot.setLabel("left", "hours")
        plot.addLegend(
            offset=(-10, 4),
            colCount=3,
            labelTextColor=self.palette().text().color(),
            brush=pg.mkBrush(255, 255, 255, 210),
        )
        plot.scene().sigMouseMoved.connect(self._mouse_moved)
        self._layout.addWidget(plot, 1)
        self._plot = plot
        return plot

    def _redraw(self, *_args: object) -> None:
        import pyqtgraph as pg

        plot = self._ensure_plot()
        plot.clear()
        demand, supply = self.series()
        count = len(self._columns)
        x = np.arange(count, dtype=np.float64)
        if count == 0:
            self.summary_label.setText("")
            return
        within = np.minimum(demand, supply)
        gap = np.clip(demand - supply, 0, None)
        plot.addItem(
            pg.BarGraphItem(
                x=x, height=within, width=0.7, brush=DEMAND_COLOUR, pen=None, name="Demand"
            )
        )
        if gap.any():
            plot.addItem(
                pg.BarGraphItem(
                    x=x,
                    y0=within,
                    height=gap,
                    width=0.7,
                    brush=GAP_COLOUR,
                    pen=None,
                    name="Demand above capacity",
                )
            )
        edges = np.append(x - 0.5, x[-1] + 0.5)
        supply_curve = pg.PlotDataItem(
            edges,
            supply,
            stepMode="center",
            pen=pg.mkPen(SUPPLY_COLOUR, width=2),
            fillLevel=0,
            fillBrush=pg.mkBrush(46, 125, 50, 40),
            name="Capacity",
        )
        plot.addItem(supply_curve)
        axis = plot.getAxis("bottom")
        step = max(1, count // 12)
        axis.setTicks([[(i, self._tick(i)) for i in range(0, count, step)]])
        plot.setXRange(-0.6, count - 0.4, padding=0)
        top = float(max(demand.max(initial=0), supply.max(initial=0))) * 1.1 or 1.0
        plot.setYRange(0, top, padding=0)
        short = int((gap > 0).sum())
        self.summary_label.setText(
            f"Demand above capacity in {short} of {count} periods, "
            f"{gap.sum():,.0f} h in all (peak {gap.max(initial=0):,.0f} h)"
            if short
            else "Capacity covers demand in every period"
        )

    def _tick(self, column: int) -> str:
        day = self._columns[column]
        return day.strftime("%b %Y") if self._period == "month" else f"{day.day} {day:%b}"

    def _mouse_moved(self, position: QPointF) -> None:
        plot = self._plot
        if plot is None or not plot.sceneBoundingRect().contains(position):
            return
        point = plot.getPlotItem().vb.mapSceneToView(position)
        self.hover_label.setText(self.hover_text(round(point.x())))

    def plot_widget(self) -> Any:
        return self._plot


__all__ = ["DemandChart"]
