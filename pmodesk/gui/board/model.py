"""The board's Qt model: one row per card shown, with its column and swimlane worked out.

:class:`BoardModel` reads every card once (:func:`pmodesk.services.board.board_cards`),
keeps the folded search text of each, and exposes as rows only the cards the
current :class:`~pmodesk.services.register.RegisterFilter` accepts, grouped by
column (stage) and lane. A filter keystroke therefore costs one pass over
precomputed strings and a model reset; the view lays the rows out again.
Cards are handed to the delegate by :meth:`BoardModel.card_at`, never
converted to ``QVariant``.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from pmodesk.gui.context import AppContext
from pmodesk.services.board import (
    NO_LANE,
    BoardCard,
    BoardStage,
    ColumnTotal,
    Lane,
    Swimlanes,
    board_cards,
    board_stages,
    card_search_text,
    lane_of,
)
from pmodesk.services.register import RegisterFilter, RegisterRow, fold

#: The project's UUID as text.
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The stage code of the card's column.
STAGE_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex

_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "JPY": "¥", "CHF": "CHF ", "INR": "₹"}


def format_money(amount: float | None, currency: str = "EUR") -> str:
    """A compact amount for a card or a column header: ``€414k``, ``€14.7M``, ``—``."""
    if amount is None:
        return "—"
    symbol = _SYMBOLS.get(currency, f"{currency} ")
    size = abs(amount)
    if size >= 1e9:
        text = f"{amount / 1e9:.1f}bn"
    elif size >= 1e6:
        text = f"{amount / 1e6:.1f}M"
    elif size >= 1e3:
        text = f"{amount / 1e3:.0f}k"
    else:
        text = f"{amount:.0f}"
    return f"{symbol}{text}"


def format_date(value: date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value is not None else "No date"


class BoardModel(QAbstractListModel):
    """The cards shown, in board order: column by column, lane by lane, by code within."""

    #: The cards were read again from the workspace (after a change elsewhere).
    refreshed = Signal()

    def __init__(self, ctx: AppContext, parent: QObject | None = None, *, load: bool = True):
        super().__init__(parent)
        self._ctx = ctx
        self._all: list[BoardCard] = []
        self._folded: list[str] = []
        self._stages: list[BoardStage] = []
        self._filter = RegisterFilter()
        self._swimlanes = Swimlanes.NONE
        self.currency = "EUR"
        # What is shown (recomputed by _rebuild):
        self.cards: list[BoardCard] = []
        self.columns: list[BoardStage] = []
        self.lanes: list[Lane] = []
        #: Per shown card: (column index, lane index).
        self.placement: list[tuple[int, int]] = []
        self.totals: dict[uuid.UUID | None, ColumnTotal] = {}
        self._row_of: dict[uuid.UUID, int] | None = None
        # Per card of _all, worked out once per reload:
        self._rows: list[RegisterRow] = []
        self._stage_pos: list[int] = []  # index into _stages, -1 for no live stage
        self._budgets: list[float] = []
        self._lane_cache: dict[Swimlanes, list[Lane]] = {}
        #: Template compliance per card, read when its tooltip is first asked for.
        self._compliance: dict[uuid.UUID, str] = {}
        if load:
            self.reload()

    # ------------------------------------------------------------ loading and filtering

    def reload(self) -> None:
        """Read every card and stage again; the filter and swimlanes stay."""
        from pmodesk.services.settings import CURRENCY, get_setting

        with self._ctx.session() as session:
            cards = board_cards(session, include_archived=self._filter.show_archived)
            stages = board_stages(session)
            currency = str(get_setting(session, CURRENCY))
        self.beginResetModel()
        self._all = cards
        self._folded = [card_search_text(card) for card in cards]
        self._rows = [card.row for card in cards]
        position = {stage.id: n for n, stage in enumerate(stages)}
        self._stage_pos = [position.get(card.stage_id, -1) for card in cards]
        self._budgets = [card.budget or 0.0 for card in cards]
        self._lane_cache = {}
        self._compliance = {}
        self._stages = stages
        self.currency = currency
        self._rebuild()
        self.endResetModel()
        self.refreshed.emit()

    def register_filter(self) -> RegisterFilter:
        return self._filter

    def set_register_filter(self, wanted: RegisterFilter) -> None:
        if wanted == self._filter:
            return
        needs_archived = wanted.show_archived and not self._filter.show_archived
        self._filter = wanted
        if needs_archived:
            self.reload()
            return
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def swimlanes(self) -> Swimlanes:
        return self._swimlanes

    def set_swimlanes(self, swimlanes: Swimlanes) -> None:
        if swimlanes is self._swimlanes:
            return
        self.beginResetModel()
        self._swimlanes = swimlanes
        self._rebuild()
        self.endResetModel()

    @property
    def total_count(self) -> int:
        """Cards of the workspace that the archive setting allows (before the other filters)."""
        if self._filter.show_archived:
            return len(self._all)
        return sum(1 for card in self._all if not card.row.archived)

    def _lanes_of_cards(self) -> list[Lane]:
        """The lane of every card (cached per swimlane choice until the next reload)."""
        lanes = self._lane_cache.get(self._swimlanes)
        if lanes is None:
            swimlanes = self._swimlanes
            lanes = [lane_of(card, swimlanes) for card in self._all]
            self._lane_cache[swimlanes] = lanes
        return lanes

    def _rebuild(self) -> None:
        """Filter, group by column and lane, and total; integers only in the loops over cards."""
        flags = self._filter.accepted(self._rows, self._folded)
        shown = [i for i, ok in enumerate(flags) if ok]
        stage_pos = self._stage_pos
        no_stage = any(stage_pos[i] < 0 for i in shown)
        columns = ([BoardStage(None, "", "No stage", 0)] if no_stage else []) + self._stages
        shift = 1 if no_stage else 0
        lane_of_card = self._lanes_of_cards()
        unique = {lane_of_card[i].key: lane_of_card[i] for i in shown}
        lanes = sorted(unique.values(), key=lambda lane: (lane.key == NO_LANE, fold(lane.title)))
        lane_index = {lane.key: n for n, lane in enumerate(lanes)}
        keyed = [(stage_pos[i] + shift, lane_index[lane_of_card[i].key], i) for i in shown]
        keyed.sort()  # by column, lane, then code (cards come ordered by code)
        every = self._all
        self.cards = [every[i] for _c, _l, i in keyed]
        self.placement = [(column, lane) for column, lane, _i in keyed]
        counts = [0] * len(columns)
        budgets = [0.0] * len(columns)
        for column, _lane, i in keyed:
            counts[column] += 1
            budgets[column] += self._budgets[i]
        self.columns = columns
        self.lanes = lanes
        self.totals = {
            column.id: ColumnTotal(counts[n], budgets[n]) for n, column in enumerate(columns)
        }
        self._row_of = None

    # ------------------------------------------------------------ look-ups

    def card_at(self, row: int) -> BoardCard:
        return self.cards[row]

    def row_of(self, project_id: uuid.UUID) -> int | None:
        if self._row_of is None:  # built on first need: hashing 5,000 UUIDs is not free
            self._row_of = {card.id: row for row, card in enumerate(self.cards)}
        return self._row_of.get(project_id)

    def index_of(self, project_id: uuid.UUID) -> QModelIndex:
        row = self.row_of(project_id)
        return self.index(row, 0) if row is not None else QModelIndex()

    def column_of(self, row: int) -> BoardStage:
        return self.columns[self.placement[row][0]]

    def codes_in(self, stage_code: str) -> list[str]:
        """The codes of the cards shown in the column of ``stage_code`` (tests, accessibility)."""
        return [
            card.code
            for card, (column, _lane) in zip(self.cards, self.placement, strict=True)
            if self.columns[column].code == stage_code
        ]

    # ------------------------------------------------------------ Qt model API

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cards)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.cards):
            return None
        card = self.cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{card.code} {card.name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.describe(card)}\nTemplates: {self.compliance(card.id)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.describe(card)
        if role == ID_ROLE:
            return str(card.id)
        if role == STAGE_ROLE:
            return self.column_of(index.row()).code
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def compliance(self, project_id: uuid.UUID) -> str:
        """How far the project follows its templates, in a few words (read once per reload)."""
        if project_id not in self._compliance:
            from pmodesk.services.templates.compliance import project_compliance

            with self._ctx.session() as session:
                self._compliance[project_id] = project_compliance(session, project_id).summary
        return self._compliance[project_id]

    def describe(self, card: BoardCard) -> str:
        """The card in words (tooltip and screen readers)."""
        row = card.row
        rag = row.rag_overall.label if row.rag_overall else "not rated"
        parts = [
            f"{card.code} · {card.name}",
            f"Stage: {row.stage_name or 'none'} · State: {row.state.label} · RAG: {rag}",
            f"Manager: {card.manager or 'none'} · Finish: {format_date(card.finish)}",
            f"Budget: {format_money(card.budget, self.currency)}",
        ]
        alerts = [
            f"{count} {label}"
            for count, label in (
                (card.overdue_milestones, "overdue milestone(s)"),
                (card.open_high_risks, "open high risk(s)"),
                (card.pending_decisions, "pending decision(s)"),
            )
            if count
        ]
        if alerts:
            parts.append(" · ".join(alerts))
        return "\n".join(parts)
