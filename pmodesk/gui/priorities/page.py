"""The Priorities page: the ranked list, the scoring model, the bubble chart and portfolio selection.

Layout from ``ui/priorities_page.ui``. The Ranking tab shows the live projects
ranked by priority score (:mod:`.ranked_model`) above the value-against-risk
chart (:mod:`.chart`), with the criteria weights (:mod:`.weights`) and the
selected project's scores (:mod:`.scoring_editor`) at the side. Moving a
weight re-ranks at once without writing; "Apply weights" saves. The Portfolio
selection tab is :class:`.selection_panel.SelectionPanel`. "New idea…" (and
Edit > New record) opens the intake form. Criteria are added, edited and
archived from the weights box, through the record editor.

Every change is an undoable command; the page refreshes when the context
broadcasts a change to the tables it shows (while hidden it only notes that
it is out of date, and refreshes when shown again).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import col, select

from pmodesk.domain import Project, ProjectScore, ScoringCriterion
from pmodesk.errors import DomainError
from pmodesk.gui.commands import ArchiveRecordsCommand
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors import open_editor
from pmodesk.gui.editors.confirm import confirm
from pmodesk.gui.forms import load_form
from pmodesk.gui.priorities.chart import BubbleChart
from pmodesk.gui.priorities.commands import ApplyWeightsCommand, SetScoreCommand
from pmodesk.gui.priorities.intake_dialog import open_intake
from pmodesk.gui.priorities.ranked_model import (
    FIXED_WIDTHS,
    ID_ROLE,
    RANK,
    RankedDelegate,
    RankedModel,
    RankedProxy,
)
from pmodesk.gui.priorities.scoring_editor import ScoringEditor
from pmodesk.gui.priorities.selection_panel import SelectionPanel
from pmodesk.gui.priorities.weights import WeightsEditor

if TYPE_CHECKING:
    from pmodesk.services.scoring import CriterionInfo, RankedProject

#: Tables whose change alters the ranked list, the chart or the scoring editor.
RANKING_TABLES = frozenset(
    {"project", "project_score", "scoring_criterion", "stage", "strategic_objective"}
)
#: Tables whose change alters the selection's candidates, costs or hours.
SELECTION_TABLES = frozenset(
    {"project", "project_score", "scoring_criterion", "allocation", "person", "role", "stage"}
)
SPLITTER_KEY = "priorities/splitter"
LEFT_SPLITTER_KEY = "priorities/leftSplitter"

_BANNER = (
    "QLabel#messageLabel { background: #fdecea; color: #7f1d1d; border: 1px solid #e57373;"
    " border-radius: 4px; padding: 6px; }"
)


def _find_criterion(criteria: Sequence[CriterionInfo], word: str) -> CriterionInfo | None:
    """The criterion coded (or else named) ``word``: the chart's Value and Risk axes."""
    upper = word.upper()
    found = next((c for c in criteria if c.code.upper() == upper), None)
    if found is None:
        found = next((c for c in criteria if c.name.strip().lower() == word.lower()), None)
    if found is None:
        found = next((c for c in criteria if word.lower() in c.name.lower()), None)
    return found


class PrioritiesPage(QWidget):
    """The prioritisation area: ``PrioritiesPage(ctx, parent)``; see the module docstring."""

    #: A message for the status bar.
    status_message = Signal(str)

    titleLabel: QLabel
    countLabel: QLabel
    newIdeaButton: QPushButton
    messageLabel: QLabel
    tabs: QTabWidget
    rankSplitter: QSplitter
    leftSplitter: QSplitter
    rankStack: QStackedWidget
    rankedView: QTableView
    rankMessage: QLabel
    chartHost: QWidget
    chartTitle: QLabel
    weightsGroup: QGroupBox
    scoresGroup: QGroupBox
    selectionTab: QWidget
    rankingTab: QWidget

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        load_form("priorities_page.ui", self)
        self.messageLabel.setStyleSheet(_BANNER)
        self.messageLabel.hide()
        font = self.chartTitle.font()
        font.setBold(True)
        self.chartTitle.setFont(font)
        self._criteria: list[CriterionInfo] = []
        self._ranking_stale = True
        self._selection_stale = True
        self._syncing = False

        self.model = RankedModel(self)
        self.proxy = RankedProxy(self)
        self.proxy.setSourceModel(self.model)
        self.rankedView.setModel(self.proxy)
        self.rankedView.setItemDelegate(RankedDelegate(self.rankedView))
        self.rankedView.sortByColumn(RANK, Qt.SortOrder.AscendingOrder)
        self.rankedView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rankedView.verticalHeader().setDefaultSectionSize(26)
        header = self.rankedView.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.weights = WeightsEditor(self.weightsGroup)
        self._group_layout(self.weightsGroup).addWidget(self.weights)
        self.scoring = ScoringEditor(self.scoresGroup)
        self._group_layout(self.scoresGroup).addWidget(self.scoring)
        self.chart = BubbleChart(self.chartHost)
        self._group_layout(self.chartHost).addWidget(self.chart, 1)
        self.selection = SelectionPanel(ctx, self.selectionTab)
        self._group_layout(self.selectionTab).addWidget(self.selection)

        self.rankSplitter.setStretchFactor(0, 3)
        self.rankSplitter.setStretchFactor(1, 1)
        self.rankSplitter.setSizes([1000, 400])
        self.leftSplitter.setSizes([460, 360])
        self._restore_layout()

        self.newIdeaButton.clicked.connect(self.new_record)
        self.weights.weights_changed.connect(self._weights_moved)
        self.weights.apply_requested.connect(self.apply_weights)
        self.weights.new_requested.connect(self.new_criterion)
        self.weights.edit_requested.connect(self.edit_criterion)
        self.weights.archive_requested.connect(self.archive_criterion)
        self.scoring.score_edited.connect(self._score_edited)
        self.chart.points_selected.connect(self._chart_picked)
        self.rankedView.selectionModel().selectionChanged.connect(self._rows_selected)
        self.selection.status_message.connect(self.status_message)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.rankSplitter.splitterMoved.connect(self._save_layout)
        self.leftSplitter.splitterMoved.connect(self._save_layout)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(self._on_workspace_changed)
        self.reload()

    @staticmethod
    def _group_layout(widget: QWidget) -> QVBoxLayout:
        layout = widget.layout()
        assert isinstance(layout, QVBoxLayout)
        return layout

    # ------------------------------------------------------------ window protocol

    def current_model(self) -> type[Project]:
        """What Edit > New record creates here: a project, through the intake form."""
        return Project

    def new_record(self) -> uuid.UUID | None:
        """Open the intake form; the new idea is selected in the list."""
        project_id = open_intake(self._ctx, self)
        if project_id is not None:
            self.tabs.setCurrentWidget(self.rankingTab)
            self.select_projects([project_id])
            self.status_message.emit("The idea is logged in the first stage.")
        return project_id

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        """Read the criteria and ranking again (unapplied weight moves are kept)."""
        self._ranking_stale = False
        from pmodesk.services import scoring

        with self._ctx.session() as session:
            self._criteria = scoring.criteria(session)
        self.weights.set_criteria(self._criteria, keep_edits=True)
        self.scoring.set_criteria(self._criteria)
        self._rank(self.weights.weights() if self.weights.is_dirty() else None)
        if self.tabs.currentWidget() is self.selectionTab or self._selection_stale:
            self._reload_selection()

    def _reload_selection(self) -> None:
        if not self.isVisible() and self.tabs.currentWidget() is not self.selectionTab:
            self._selection_stale = True
            return
        self._selection_stale = False
        self.selection.reload()

    def _rank(self, weights: Mapping[uuid.UUID, float] | None) -> None:
        """Rank with ``weights`` (``None``: the stored ones) and show it, keeping the selection."""
        from pmodesk.services import scoring

        selected = self.selected_project_ids()
        try:
            with self._ctx.session() as session:
                ranked = scoring.rank_projects(session, weights=weights)
        except DomainError as error:
            self._show_no_ranking(error.message)
            return
        self.rankStack.setCurrentWidget(self.rankedView)
        self._syncing = True
        try:
            if self.model.set_ranking(ranked, self._criteria, weights):
                self._size_columns()
                self.select_projects(selected, scroll=False)
            self._show_chart(ranked)
        finally:
            self._syncing = False
        self._after_selection()
        self._update_count(ranked)

    def _show_no_ranking(self, message: str) -> None:
        self.model.set_ranking([], self._criteria)
        self.rankMessage.setText(message)
        self.rankStack.setCurrentWidget(self.rankMessage)
        self.chart.set_projects([], value=None, risk=None)
        self.chart.message_label.setText(message)
        self.countLabel.setText("No ranking: " + message[:1].lower() + message[1:])
        self._after_selection()

    def _show_chart(self, ranked: Sequence[RankedProject]) -> None:
        def axis(word: str) -> tuple[str, str, int, int] | None:
            found = _find_criterion(self._criteria, word)
            if found is None:
                return None
            return found.code, found.name, found.scale_min, found.scale_max

        self.chart.set_projects(ranked, value=axis("value"), risk=axis("risk"))

    def _size_columns(self) -> None:
        header = self.rankedView.horizontalHeader()
        for column, width in enumerate(FIXED_WIDTHS):
            header.resizeSection(column, width)
        metrics = self.rankedView.fontMetrics()
        for column in range(len(FIXED_WIDTHS), self.model.columnCount()):
            text = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            header.resizeSection(column, max(84, min(150, metrics.horizontalAdvance(text) + 24)))

    def _update_count(self, ranked: Sequence[RankedProject]) -> None:
        incomplete = sum(1 for r in ranked if r.missing)
        what_if = " · what-if weights (not applied)" if self.weights.is_dirty() else ""
        gaps = f" · {incomplete} not fully scored" if incomplete else ""
        self.countLabel.setText(
            f"{len(ranked)} live projects ranked on {len(self._criteria)} criteria{gaps}{what_if}"
        )

    # ------------------------------------------------------------ weights and scores

    def _weights_moved(self, weights: dict[uuid.UUID, float]) -> None:
        """Re-rank at once with the weights as moved; nothing is written."""
        self._rank(weights)

    def apply_weights(self) -> None:
        """Save the moved weights and update the priority scores (one undoable step)."""
        changed = self.weights.changed_weights()
        if not changed:
            return
        command = ApplyWeightsCommand(self._ctx, changed)
        try:
            self._ctx.push(command)
        except DomainError as error:
            self.show_message(error.message)
            return
        self.status_message.emit(
            f"Weights applied; {command.updated} priority score"
            f"{'s' if command.updated != 1 else ''} updated."
        )

    # ------------------------------------------------------------ criteria

    def new_criterion(self) -> uuid.UUID | None:
        """Add a criterion through the record editor, placed after the existing ones."""
        with self._ctx.session() as session:
            positions = session.exec(
                select(ScoringCriterion.position).where(col(ScoringCriterion.archived_at).is_(None))
            ).all()
        defaults = {"position": max(positions, default=-1) + 1}
        criterion_id = open_editor(self._ctx, ScoringCriterion, parent=self, defaults=defaults)
        if criterion_id is not None:
            self.weights.set_current(criterion_id)
            self.status_message.emit(
                "Criterion added; score the projects on it (unscored counts as its worst end)."
            )
        return criterion_id

    def edit_criterion(self, criterion_id: uuid.UUID) -> uuid.UUID | None:
        """Edit a criterion (name, scale, direction, objective, weight) in the record editor."""
        edited = open_editor(self._ctx, ScoringCriterion, criterion_id, parent=self)
        if edited is not None:
            self.status_message.emit("Criterion saved.")
        return edited

    def archive_criterion(self, criterion_id: uuid.UUID) -> bool:
        """Ask, then take a criterion out of the scoring model (undoable); ``True`` when done."""
        criterion = next((c for c in self._criteria if c.id == criterion_id), None)
        if criterion is None:
            return False
        if not confirm(
            self,
            "Archive scoring criterion",
            f"Archive criterion {criterion.code} {criterion.name}?",
            "Archive",
            informative=(
                "It no longer counts in any project's priority score and its column leaves "
                "the ranked list. The scores given on it are kept; Undo brings it back."
            ),
        ):
            return False
        try:
            self._ctx.push(ArchiveRecordsCommand(self._ctx, ScoringCriterion, [criterion_id]))
        except DomainError as error:
            self.show_message(error.message)
            return False
        self.status_message.emit(f"Criterion {criterion.code} archived.")
        return True

    def _score_edited(
        self, project_id: uuid.UUID, criterion_id: uuid.UUID, score: int | None, note: str
    ) -> None:
        criterion = next((c for c in self._criteria if c.id == criterion_id), None)
        code = ""
        row = self.model.row_of(project_id)
        if row is not None:
            code = self.model.project_at(row).code
        what = criterion.name if criterion is not None else "a criterion"
        try:
            self._ctx.push(
                SetScoreCommand(
                    self._ctx, project_id, criterion_id, score, note, text=f"Score {code} on {what}"
                )
            )
        except DomainError as error:
            self.show_message(error.message)
            self._load_scores()

    def show_message(self, text: str) -> None:
        self.messageLabel.setText(text)
        self.messageLabel.setVisible(bool(text))

    @property
    def message(self) -> str:
        return self.messageLabel.text() if self.messageLabel.isVisibleTo(self) else ""

    # ------------------------------------------------------------ selection

    def selected_project_ids(self) -> list[uuid.UUID]:
        """The selected projects, in the order shown."""
        rows = sorted({index.row() for index in self.rankedView.selectionModel().selectedRows()})
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in rows]

    def shown_codes(self) -> list[str]:
        """The codes in the list, top to bottom as sorted."""
        from pmodesk.gui.priorities.ranked_model import CODE

        return [self.proxy.index(r, CODE).data() for r in range(self.proxy.rowCount())]

    def select_projects(self, project_ids: Sequence[uuid.UUID], *, scroll: bool = True) -> None:
        """Select the rows of ``project_ids`` (those in the list) and scroll to the first."""
        selection = QItemSelection()
        first: QModelIndex | None = None
        last_column = self.proxy.columnCount() - 1
        for project_id in project_ids:
            row = self.model.row_of(project_id)
            if row is None:
                continue
            left = self.proxy.mapFromSource(self.model.index(row, 0))
            right = self.proxy.mapFromSource(self.model.index(row, last_column))
            selection.select(left, right)
            if first is None:
                first = left
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        model = self.rankedView.selectionModel()
        model.select(selection, flags)
        if first is not None:
            model.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            if scroll:
                self.rankedView.scrollTo(first, QAbstractItemView.ScrollHint.EnsureVisible)

    def _rows_selected(self, *_args: object) -> None:
        if not self._syncing:
            self._after_selection()

    def _after_selection(self) -> None:
        ids = self.selected_project_ids()
        self.chart.highlight(ids)
        self._load_scores()

    def _load_scores(self) -> None:
        ids = self.selected_project_ids()
        if len(ids) != 1:
            many = f"{len(ids)} projects selected" if ids else ""
            self.scoring.show_project(None, many, {}, {})
            if many:
                self.scoring.title_label.setText(many + " — select one to change its scores.")
            return
        project_id = ids[0]
        with self._ctx.session() as session:
            rows = session.exec(
                select(ProjectScore).where(
                    col(ProjectScore.project_id) == project_id,
                    col(ProjectScore.archived_at).is_(None),
                )
            ).all()
            scores = {r.criterion_id: r.score for r in rows}
            notes = {r.criterion_id: r.note for r in rows}
        row = self.model.row_of(project_id)
        ranked = self.model.project_at(row) if row is not None else None
        title = (
            f"{ranked.code} {ranked.name} — score {ranked.score:.1f}, rank {ranked.rank}"
            if ranked is not None
            else ""
        )
        self.scoring.show_project(project_id, title, scores, notes)

    def _chart_picked(self, ids: list[uuid.UUID], additive: bool) -> None:
        if additive:
            ids = list(dict.fromkeys([*self.selected_project_ids(), *ids]))
        self.select_projects(ids)

    # ------------------------------------------------------------ refresh

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if tables & RANKING_TABLES:
            self._ranking_stale = True
        if tables & SELECTION_TABLES:
            self._selection_stale = True
        if not self.isVisible():
            return
        if self._ranking_stale:
            self.reload()
        elif self._selection_stale:
            self._reload_selection()

    def _on_workspace_changed(self) -> None:
        self._ranking_stale = self._selection_stale = True
        self.weights.set_criteria([])
        if self.isVisible():
            self.reload()

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.selectionTab and self._selection_stale:
            self._reload_selection()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._ranking_stale:
            self.reload()
        elif self._selection_stale and self.tabs.currentWidget() is self.selectionTab:
            self._reload_selection()

    # ------------------------------------------------------------ layout persistence

    def _restore_layout(self) -> None:
        settings = self._ctx.settings
        for key, splitter in (
            (SPLITTER_KEY, self.rankSplitter),
            (LEFT_SPLITTER_KEY, self.leftSplitter),
        ):
            state = settings.value(key)
            if state is not None:
                splitter.restoreState(state)

    def _save_layout(self, *_args: object) -> None:
        settings = self._ctx.settings
        settings.setValue(SPLITTER_KEY, self.rankSplitter.saveState())
        settings.setValue(LEFT_SPLITTER_KEY, self.leftSplitter.saveState())
