"""The Resources page: the capacity heatmap with its controls, the cell panel and the role chart.

The frame is ``ui/resources_page.ui``. Its first tab is the heatmap: people
(or teams, or roles) × weeks (or months) from a start date, coloured by
utilisation with the number in each cell, in percent, hours or FTE; rows
grouped and collapsed by team or role, sorted by peak or average load, and
the load filtered by portfolio, programme or project. Hovering a cell shows
its breakdown by project; selecting one lists its allocations in the panel on
the right, where they are edited through undo commands; "Allocate…" (toolbar,
panel, Ctrl+Shift+A) opens the dialog that adds a span, prefilled from the
selected cell (into the scenario on the What-if tab). Below sits the demand
versus capacity chart per role. The other tabs are the what-if scenario view
and the people-development records (:mod:`pmodesk.gui.resources.people_pages`).

The matrix is computed by :mod:`pmodesk.services.capacity`; a large one is
computed in the window's job runner, so the window never freezes. The page
recomputes when :attr:`AppContext.data_changed` names a table that feeds it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QToolButton,
    QWidget,
)

from pmodesk.domain import Person, PortfolioRecord
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors import open_editor
from pmodesk.gui.forms import load_form
from pmodesk.gui.resources.allocate_dialog import AllocateDialog, monday_of
from pmodesk.gui.resources.allocation_panel import AllocationPanel
from pmodesk.gui.resources.chart import DemandChart
from pmodesk.gui.resources.heatmap_model import HeatmapModel
from pmodesk.gui.resources.legend import HeatmapLegend
from pmodesk.gui.resources.people_pages import PeopleDevelopmentTabs
from pmodesk.gui.resources.scenario import ScenarioView
from pmodesk.gui.resources.view import HeatmapView
from pmodesk.services import capacity, lookups

if TYPE_CHECKING:
    from sqlmodel import Session

#: Tables whose changes alter the heatmap.
FEEDS = frozenset(
    {
        "allocation",
        "person",
        "capacity_exception",
        "public_holiday",
        "project",
        "team",
        "role",
        "workspace_setting",
        "scenario",
        "scenario_shift",
        "portfolio",
        "programme",
    }
)
#: Above this many cells (rows × weeks) the matrix is computed in a background job.
BACKGROUND_CELLS = 60_000
DEFAULT_WEEKS = 26

UNIT_CHOICES = (("Percent", "percent"), ("Hours", "hours"), ("FTE", "fte"))
PERIOD_CHOICES = (("Weeks", "week"), ("Months", "month"))
GROUPING_CHOICES = (("People", "person"), ("Teams", "team"), ("Roles", "role"))
ROW_GROUP_CHOICES = (("No grouping", ""), ("Team", "team"), ("Role", "role"))
SORT_CHOICES = (("Name", "name"), ("Peak load", "peak"), ("Average load", "average"))


def this_monday(today: date | None = None) -> date:
    day = today or date.today()
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Computed:
    """What one recomputation yields (made in a worker or directly)."""

    query: Any
    matrix: Any
    roles: list[str]
    columns: list[date]
    demand: Any
    supply: Any


def compute(session: Session, query: Any) -> Computed:
    """The heatmap's matrix and the chart's demand and supply for ``query``."""
    matrix = capacity.capacity_matrix(session, query)
    roles, columns, demand, supply = capacity.demand_and_supply_by_role(session, query)
    return Computed(query, matrix, roles, columns, demand, supply)


class ResourcesPage(QWidget):
    """See the module docstring."""

    tabs: QTabWidget
    heatmapTab: QWidget
    startDate: QDateEdit
    weeksSpin: QSpinBox
    periodCombo: QComboBox
    unitCombo: QComboBox
    groupingCombo: QComboBox
    rowGroupCombo: QComboBox
    sortCombo: QComboBox
    collapseAllButton: QToolButton
    expandAllButton: QToolButton
    allocateButton: QToolButton
    portfolioCombo: QComboBox
    programmeCombo: QComboBox
    projectCombo: QComboBox
    statusLabel: QLabel
    legendHost: QWidget
    verticalSplitter: QSplitter
    horizontalSplitter: QSplitter
    heatmapHost: QWidget
    panelHost: QWidget
    chartHost: QWidget

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_form("resources_page.ui", self)
        self.ctx = ctx
        self.setObjectName("ResourcesPage")
        self.setAccessibleName("Resources")
        self._stale = True
        self._generation = 0
        self._computed: Computed | None = None
        self._selected: tuple[uuid.UUID | None, date] | None = None
        self._filters_loaded = False

        self.model = HeatmapModel(self)
        self.view = HeatmapView(self.heatmapHost)
        self.view.setObjectName("heatmapView")
        self.view.setAccessibleName("Resource heatmap")
        self.view.setModel(self.model)
        self.view.set_breakdown_provider(self._breakdown)
        self.legend = HeatmapLegend(self.legendHost)
        self.panel = AllocationPanel(ctx, self.panelHost)
        self.chart = DemandChart(self.chartHost)
        parts: tuple[tuple[QWidget, QWidget], ...] = (
            (self.heatmapHost, self.view),
            (self.legendHost, self.legend),
            (self.panelHost, self.panel),
            (self.chartHost, self.chart),
        )
        for host, widget in parts:
            host_layout = host.layout()
            assert host_layout is not None
            host_layout.addWidget(widget)
        self.horizontalSplitter.setStretchFactor(0, 4)
        self.horizontalSplitter.setStretchFactor(1, 1)
        self.horizontalSplitter.setSizes([900, 320])
        self.verticalSplitter.setStretchFactor(0, 3)
        self.verticalSplitter.setStretchFactor(1, 1)
        self.verticalSplitter.setSizes([560, 220])

        self.scenario = ScenarioView(ctx, self.base_query, self.tabs, unit=self.unit)
        self.tabs.addTab(self.scenario, "What-if")
        self.development = PeopleDevelopmentTabs(ctx, self.tabs)
        for page, title in self.development.pages():
            self.tabs.addTab(page, title.replace("&", "&&"))

        self.allocate_action = QAction("&Allocate…", self)
        self.allocate_action.setObjectName("allocateAction")
        self.allocate_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.allocate_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.allocate_action.setToolTip("Allocate someone (or a role) to a project (Ctrl+Shift+A)")
        self.allocate_action.triggered.connect(self.open_allocate)
        self.addAction(self.allocate_action)
        self.allocateButton.setDefaultAction(self.allocate_action)
        self.panel.allocate_requested.connect(self.open_allocate)

        self._setup_controls()
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._restore_selection)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(self._on_workspace_changed)

    # ------------------------------------------------------------------ controls

    def _setup_controls(self) -> None:
        for combo, choices in (
            (self.unitCombo, UNIT_CHOICES),
            (self.periodCombo, PERIOD_CHOICES),
            (self.groupingCombo, GROUPING_CHOICES),
            (self.rowGroupCombo, ROW_GROUP_CHOICES),
            (self.sortCombo, SORT_CHOICES),
        ):
            for label, value in choices:
                combo.addItem(label, value)
        self.startDate.setDate(QDate(this_monday()))
        self.weeksSpin.setValue(DEFAULT_WEEKS)
        self.startDate.dateChanged.connect(self._query_changed)
        self.weeksSpin.valueChanged.connect(self._query_changed)
        self.periodCombo.currentIndexChanged.connect(self._query_changed)
        self.groupingCombo.currentIndexChanged.connect(self._grouping_changed)
        for combo in (self.portfolioCombo, self.programmeCombo, self.projectCombo):
            combo.currentIndexChanged.connect(self._query_changed)
        self.unitCombo.currentIndexChanged.connect(self._unit_changed)
        self.rowGroupCombo.currentIndexChanged.connect(self._row_group_changed)
        self.sortCombo.currentIndexChanged.connect(self._sort_changed)
        self.collapseAllButton.clicked.connect(lambda: self.model.set_all_collapsed(True))
        self.expandAllButton.clicked.connect(lambda: self.model.set_all_collapsed(False))
        self._update_group_buttons()

    def set_choice(self, combo: QComboBox, value: str) -> None:
        """Pick the entry of ``combo`` whose value is ``value`` (what a click does)."""
        index = combo.findData(value)
        if index < 0:
            raise ValueError(f"{combo.objectName()} has no choice {value!r}")
        combo.setCurrentIndex(index)

    def _unit_changed(self) -> None:
        self.model.set_unit(str(self.unitCombo.currentData()))

    def _row_group_changed(self) -> None:
        self.model.set_row_grouping(str(self.rowGroupCombo.currentData() or ""))
        self._update_group_buttons()

    def _sort_changed(self) -> None:
        self.model.set_sort(str(self.sortCombo.currentData()))

    def _grouping_changed(self) -> None:
        person_rows = self.groupingCombo.currentData() == "person"
        self.rowGroupCombo.setEnabled(person_rows)
        if not person_rows:
            self.rowGroupCombo.setCurrentIndex(0)
        self._query_changed()

    def _update_group_buttons(self) -> None:
        grouped = bool(self.rowGroupCombo.currentData())
        self.collapseAllButton.setEnabled(grouped)
        self.expandAllButton.setEnabled(grouped)

    def _query_changed(self, *_args: object) -> None:
        self._selected = None
        self.panel.clear()
        self.refresh()

    def _load_filters(self) -> None:
        with self.ctx.session() as session:
            options = (
                (self.portfolioCombo, "All portfolios", lookups.portfolios(session)),
                (self.programmeCombo, "All programmes", lookups.programmes(session)),
                (self.projectCombo, "All projects", lookups.projects(session)),
            )
        for combo, everything, choices in options:
            current = combo.currentData()
            blocked = combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for choice in choices:
                combo.addItem(choice.label, str(choice.id))
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(blocked)
        self._filters_loaded = True

    @staticmethod
    def _ids(combo: QComboBox) -> frozenset[uuid.UUID] | None:
        value = combo.currentData()
        return frozenset({uuid.UUID(str(value))}) if value else None

    def base_query(self) -> Any:
        """The query the controls describe (the real plan, no scenario)."""
        start = self.startDate.date().toPython()
        assert isinstance(start, date)
        return capacity.MatrixQuery(
            start=start,
            weeks=self.weeksSpin.value(),
            grouping=capacity.Grouping(str(self.groupingCombo.currentData())),
            period=capacity.Period(str(self.periodCombo.currentData())),
            project_ids=self._ids(self.projectCombo),
            portfolio_ids=self._ids(self.portfolioCombo),
            programme_ids=self._ids(self.programmeCombo),
        )

    def unit(self) -> str:
        return str(self.unitCombo.currentData())

    # ------------------------------------------------------------------ recomputation

    def refresh(self) -> None:
        """Recompute the matrix for the controls (in the background when it is large)."""
        if not self.ctx.has_workspace:
            return
        if not self._filters_loaded:
            self._load_filters()
        self._stale = False
        query = self.base_query()
        self._generation += 1
        generation = self._generation
        runner = getattr(self.window(), "jobs", None)
        rows = len(self._computed.matrix.rows) if self._computed else self._people_count()
        if runner is not None and rows * query.weeks > BACKGROUND_CELLS:
            workspace = self.ctx.workspace

            def work(_control: Any) -> Computed:
                with workspace.session() as session:
                    return compute(session, query)

            self.statusLabel.setText("Computing the capacity plan…")
            runner.run(
                "Computing the capacity plan",
                work,
                lambda result: self._apply(result, generation),
                modal=False,
            )
            return
        with self.ctx.session() as session:
            result = compute(session, query)
        self._apply(result, generation)

    def _people_count(self) -> int:
        with self.ctx.session() as session:
            return len(lookups.people(session))

    def _apply(self, result: Computed, generation: int) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return  # a newer recomputation is on its way
        self._computed = result
        matrix = result.matrix
        under = float(getattr(matrix, "under_use_threshold", 0.5))
        over = float(getattr(matrix, "over_allocation_threshold", 1.0))
        self.legend.set_thresholds(under, over)
        self.model.set_matrix(
            matrix, str(result.query.period), unit=self.unit(), thresholds=(under, over)
        )
        self.chart.set_data(
            result.roles, result.columns, result.demand, result.supply, str(result.query.period)
        )
        over_cells = int(matrix.over_allocated().sum()) if hasattr(matrix, "over_allocated") else 0
        self.statusLabel.setText(
            f"{len(matrix.rows)} rows × {len(matrix.columns)} {result.query.period}s"
            f" · {over_cells} over-allocated cells"
        )

    def matrix(self) -> Any:
        return self._computed.matrix if self._computed else None

    def _breakdown(self, key: uuid.UUID | None, column: date) -> list[Any]:
        if self._computed is None:
            return []
        with self.ctx.session() as session:
            return capacity.cell_breakdown(session, self._computed.query, key, column)

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if tables & {"portfolio", "programme", "project"}:
            self._filters_loaded = False
        if not tables & FEEDS:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _on_workspace_changed(self) -> None:
        self._filters_loaded = False
        self._computed = None
        self._selected = None
        self.panel.clear()
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ------------------------------------------------------------------ selection

    def select_cell(self, row: int, column: int) -> None:
        """Make a cell current and selected (what a click does)."""
        index = self.model.index(row, column)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        display = self.model.display_row(current.row())
        column = self.model.column_date(current.column())
        if display.is_group:
            self._selected = None
            self.panel.show_cell(
                f"{display.label}: select a row of this group to see its allocations.", []
            )
            return
        self._selected = (display.key, column)
        self._show_panel(current.row(), current.column())

    def _show_panel(self, row: int, column: int) -> None:
        display = self.model.display_row(row)
        items = self._breakdown(display.key, self.model.column_date(column))
        title = self.model.summary(row, column).replace("\n", " · ")
        self.panel.show_cell(title, items)

    def _restore_selection(self) -> None:
        """After a recomputation, keep the same person and week selected and its panel current."""
        if self._selected is None:
            return
        key, column_date = self._selected
        row = self.model.row_of_key(key)
        matrix = self.model.matrix
        if row < 0 or matrix is None or column_date not in matrix.columns:
            self._selected = None
            self.panel.clear()
            return
        column = matrix.columns.index(column_date)
        index = self.model.index(row, column)
        selection = self.view.selectionModel()
        blocked = selection.blockSignals(True)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        selection.blockSignals(blocked)
        self._show_panel(row, column)

    # ------------------------------------------------------------------ allocating

    def _selected_who(self) -> tuple[uuid.UUID | None, uuid.UUID | None]:
        """The person, or the role, of the selected heatmap row (``None`` for a team row)."""
        index = self.view.selectionModel().currentIndex()
        if self._selected is None or not index.isValid():
            return None, None
        display = self.model.display_row(index.row())
        grouping = self.groupingCombo.currentData()
        if grouping == "person" and not display.is_placeholder:
            return display.key, None
        if grouping == "role" or display.is_placeholder:
            return None, display.key
        return None, None

    def allocate_dialog(self) -> AllocateDialog:
        """The Allocate… dialog, prefilled from the selected cell (person or role, and week).

        On the What-if tab it allocates into the chosen scenario.
        """
        person_id, role_id = self._selected_who()
        start = self.startDate.date().toPython()
        assert isinstance(start, date)
        week = self._selected[1] if self._selected is not None else start
        scenario_id, label = None, ""
        if self.tabs.currentWidget() is self.scenario:
            scenario_id = self.scenario.scenario_id()
            label = self.scenario.scenario_combo.currentText()
        return AllocateDialog(
            self.ctx,
            self,
            person_id=person_id,
            role_id=role_id,
            week=monday_of(week),
            scenario_id=scenario_id,
            scenario_label=label,
        )

    def open_allocate(self) -> None:
        """Show the Allocate… dialog (modal); saving it pushes the allocation on the undo stack."""
        if not self.ctx.has_workspace:
            return
        if self.tabs.currentWidget() is self.scenario and self.scenario.scenario_id() is None:
            self.scenario.message_label.setText("Create or choose a scenario to allocate into.")
            return
        dialog = self.allocate_dialog()
        dialog.exec()
        dialog.deleteLater()

    # ------------------------------------------------------------------ main window hooks

    def current_model(self) -> type[PortfolioRecord]:
        """The kind of record Edit > New record creates here (people on the heatmap)."""
        widget = self.tabs.currentWidget()
        if widget is self.scenario:
            return self.scenario.record_model()
        model = self.development.model_of(widget)
        return model if model is not None else Person

    def new_record(self) -> uuid.UUID | None:
        widget = self.tabs.currentWidget()
        if widget is self.scenario:
            return self.scenario.new_scenario()
        tab = self.development.list_tab(widget)
        if tab is not None:
            return tab.new_record()
        return open_editor(self.ctx, self.current_model(), None, self)

    def reload(self) -> None:
        self.refresh()


__all__ = ["ResourcesPage", "this_monday"]
