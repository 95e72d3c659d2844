"""The KPI dashboard for the whole portfolio, a portfolio or a programme (pyqtgraph charts).

Headline tiles above seven charts: projects by stage and RAG, milestones on
time, budget against actual and forecast, the CPI and SPI distribution, the
risk exposure trend, resource utilisation by team and benefits realised
against target. Hovering a bar writes its figures; clicking a bar, a point or
a tile lists the projects behind it at the right, from where a project opens
(Enter) or the register opens filtered the same way. *Copy as image*
(Ctrl+Shift+C) puts the dashboard on the clipboard.

The figures are computed by :func:`pmodesk.services.monitoring.dashboard.dashboard`,
in the window's job runner when there is one (so a large portfolio never
freezes the window), and again a moment after a table they read changes.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pmodesk.gui.context import AppContext
from pmodesk.gui.monitoring.dashboard_tiles import TileBar
from pmodesk.gui.monitoring.drilldown import DrillDownPanel
from pmodesk.gui.monitoring.kpi_chart import KpiChart
from pmodesk.services.monitoring.dashboard import Dashboard, DashboardScope, dashboard
from pmodesk.services.register import NONE_KEY, RegisterFilter

TABLES = frozenset(
    {
        "project",
        "milestone",
        "raid_item",
        "benefit",
        "benefit_measurement",
        "allocation",
        "person",
        "team",
        "decision",
        "project_baseline",
        "stage",
        "portfolio",
        "programme",
        "strategic_objective",
    }
)
#: Where each chart sits: (row, column, column span) in a three-column grid.
PLACES = {
    "stage_rag": (0, 0, 2),
    "on_time": (0, 2, 1),
    "money": (1, 0, 1),
    "cpi_spi": (1, 1, 1),
    "exposure": (1, 2, 1),
    "utilisation": (2, 0, 2),
    "benefits": (2, 2, 1),
}
REFRESH_DELAY_MS = 400
SCOPE_KEY = "dashboard/scope"


class DashboardPage(QWidget):
    """See the module docstring."""

    #: A message for the status bar.
    status_message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("DashboardPage")
        self.setAccessibleName("Dashboard")
        self.board: Dashboard | None = None
        self._stale = True
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(self._header())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.canvas = QWidget(splitter)
        self.canvas.setObjectName("dashboardCanvas")
        self.canvas.setAutoFillBackground(True)
        canvas_layout = QVBoxLayout(self.canvas)
        canvas_layout.setContentsMargins(0, 0, 4, 0)
        self.caption = QLabel(self.canvas)
        self.caption.setObjectName("dashboardCaption")
        self.caption.setProperty("role", "muted")
        canvas_layout.addWidget(self.caption)
        self.tiles = TileBar(self.canvas)
        canvas_layout.addWidget(self.tiles)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.charts: dict[str, KpiChart] = {}
        for key, (row, column, span) in PLACES.items():
            chart = KpiChart(self.canvas)
            chart.drilled.connect(self._drilled)
            grid.addWidget(chart, row, column, 1, span)
            self.charts[key] = chart
        for column in range(3):
            grid.setColumnStretch(column, 1)
        canvas_layout.addLayout(grid, 1)
        self.drill = DrillDownPanel(ctx, splitter)
        splitter.addWidget(self.canvas)
        splitter.addWidget(self.drill)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([1100, 320])
        layout.addWidget(splitter, 1)
        self.tiles.tile_clicked.connect(self._tile_clicked)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(self._on_workspace_changed)

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel("Dashboard", self)
        title.setProperty("role", "title")
        row.addWidget(title)
        row.addSpacing(16)
        label = QLabel("&Scope:", self)
        self.scope_combo = QComboBox(self)
        self.scope_combo.setObjectName("scopeCombo")
        self.scope_combo.setAccessibleName("Scope")
        self.scope_combo.setMinimumContentsLength(28)
        label.setBuddy(self.scope_combo)
        row.addWidget(label)
        row.addWidget(self.scope_combo)
        row.addStretch(1)
        self.status_label = QLabel(self)
        self.status_label.setProperty("role", "muted")
        row.addWidget(self.status_label)
        self.refresh_button = QPushButton("&Refresh", self)
        self.refresh_button.setToolTip("Compute the figures again (F5)")
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.copy_button = QPushButton("&Copy as image", self)
        self.copy_button.setObjectName("copyImageButton")
        self.copy_button.setToolTip(
            "Copy the dashboard to the clipboard as a picture (Ctrl+Shift+C)"
        )
        row.addWidget(self.refresh_button)
        row.addWidget(self.copy_button)
        copy = QAction("Copy the dashboard as an image", self)
        copy.setShortcut(QKeySequence("Ctrl+Shift+C"))
        copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy.triggered.connect(self.copy_image)
        self.addAction(copy)
        self.copy_action = copy
        self.refresh_button.clicked.connect(self.refresh)
        self.copy_button.clicked.connect(self.copy_image)
        self.scope_combo.currentIndexChanged.connect(self._scope_changed)
        return row

    # ------------------------------------------------------------------ scope

    def _fill_scopes(self) -> None:
        from pmodesk.services import lookups

        with self.ctx.session() as session:
            portfolios = lookups.portfolios(session)
            programmes = lookups.programmes(session)
        wanted = self.ctx.settings.value(SCOPE_KEY, "")
        current = self.scope_combo.currentData() or wanted
        blocked = self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        self.scope_combo.addItem("Whole portfolio", "")
        for choice in portfolios:
            self.scope_combo.addItem(f"Portfolio {choice.label}", f"portfolio:{choice.id}")
        for choice in programmes:
            self.scope_combo.addItem(f"Programme {choice.label}", f"programme:{choice.id}")
        self.scope_combo.setCurrentIndex(max(0, self.scope_combo.findData(current)))
        self.scope_combo.blockSignals(blocked)

    def scope(self) -> DashboardScope:
        data = str(self.scope_combo.currentData() or "")
        kind, _, value = data.partition(":")
        if kind == "portfolio":
            return DashboardScope(portfolio_id=uuid.UUID(value))
        if kind == "programme":
            return DashboardScope(programme_id=uuid.UUID(value))
        return DashboardScope()

    def set_scope(self, text: str) -> bool:
        """Pick the scope whose label contains ``text`` (for tests and scripts)."""
        for index in range(self.scope_combo.count()):
            if text in self.scope_combo.itemText(index):
                self.scope_combo.setCurrentIndex(index)
                return True
        return False

    def _scope_changed(self, _index: int) -> None:
        self.ctx.settings.setValue(SCOPE_KEY, self.scope_combo.currentData() or "")
        self.drill.clear()
        self.refresh()

    # ------------------------------------------------------------------ computing

    def refresh(self) -> None:
        """Compute the figures for the scope (in the background when the window has a runner)."""
        if not self.ctx.has_workspace:
            return
        if self.scope_combo.count() == 0:
            self._fill_scopes()
        self._stale = False
        self._generation += 1
        generation, scope, today = self._generation, self.scope(), date.today()
        runner = getattr(self.window(), "jobs", None)
        if runner is not None and callable(getattr(runner, "run", None)):
            workspace = self.ctx.workspace

            def work(_control: Any) -> Dashboard:
                with workspace.session() as session:
                    return dashboard(session, today, scope)

            self.status_label.setText("Computing…")
            runner.run(
                "Computing the dashboard", work, lambda b: self._apply(b, generation), modal=False
            )
            return
        with self.ctx.session() as session:
            board = dashboard(session, today, scope)
        self._apply(board, generation)

    def _apply(self, board: Dashboard, generation: int) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        self.board = board
        self.caption.setText(
            f"{board.scope_label} · {len(board.projects):,} projects · as of {board.today:%d %B %Y}"
        )
        self.status_label.setText("")
        self.tiles.set_tiles(board.tiles)
        for chart in board.charts:
            self.charts[chart.key].set_chart(chart)

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if not tables & TABLES:
            return
        if tables & {"portfolio", "programme"}:
            self.scope_combo.clear()
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def _on_workspace_changed(self) -> None:
        self.scope_combo.clear()
        self.drill.clear()
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ------------------------------------------------------------------ drilling down

    def _drilled(self, key: str, point: int, series: object) -> None:
        board = self.board
        if board is None:
            return
        chart = board.chart(key)
        p = chart.points[point]
        if isinstance(series, int):
            ids = p.project_ids[series]
            part = f" · {chart.series[series]}" if len(chart.series) > 1 else ""
        else:
            ids = tuple(i for group in p.project_ids for i in group)
            part = ""
        title = f"{chart.title}: {p.detail or p.label}{part}"
        self.drill.show_projects(
            title, ids, board.projects, register_filter=self._register_filter(key, p.key, series)
        )
        self.status_message.emit(f"{len(set(ids))} projects behind {p.label}{part}")

    def _register_filter(self, key: str, code: str, series: object) -> RegisterFilter | None:
        running = frozenset({"active", "on_hold"})
        if key == "stage_rag":
            rags = ("green", "amber", "red", NONE_KEY)
            chosen = frozenset({rags[series]}) if isinstance(series, int) else frozenset()
            return RegisterFilter(
                stages=frozenset({code} if code else {NONE_KEY}), rags=chosen, states=running
            )
        if key == "money" and code:
            scope = self.scope()
            if scope.portfolio_id is not None:
                return RegisterFilter(programmes=frozenset({code}), states=running)
            if scope.programme_id is None:
                return RegisterFilter(portfolios=frozenset({code}), states=running)
            return RegisterFilter(stages=frozenset({code}), states=running)
        return None

    def _tile_clicked(self, key: str) -> None:
        board = self.board
        if board is None:
            return
        tile = next(t for t in board.tiles if t.key == key)
        wanted = None
        if key == "red":
            wanted = RegisterFilter(rags=frozenset({"red"}), states=frozenset({"active"}))
        elif key == "active":
            wanted = RegisterFilter(states=frozenset({"active"}))
        self.drill.show_projects(
            f"{tile.label}: {tile.value}", tile.project_ids, board.projects, register_filter=wanted
        )

    # ------------------------------------------------------------------ copying

    def image(self) -> QPixmap:
        """The dashboard (caption, tiles and charts) as a picture."""
        return self.canvas.grab()

    def copy_image(self) -> None:
        QGuiApplication.clipboard().setPixmap(self.image())
        self.status_label.setText("Copied to the clipboard")
        self.status_message.emit("The dashboard was copied to the clipboard as an image.")


__all__ = ["DashboardPage"]
