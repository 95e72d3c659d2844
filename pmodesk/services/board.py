"""The portfolio board's data: one card per project, the stage columns and the swimlanes.

Cards are read with the register's single Core ``SELECT`` (so the register's
filters and search apply unchanged) plus three aggregate sub-queries joined
per project: overdue milestones, open high risks and pending decisions. A
card is a plain :class:`BoardCard` value, never an ORM object. Grouping cards
into swimlanes and totalling a column are plain functions, without Qt.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import Select, func, select
from sqlmodel import Session

from pmodesk.domain import Decision, Milestone, Project, RaidItem, Stage
from pmodesk.domain.enums import DecisionStatus, ProjectState, Rag, RaidKind, RaidStatus
from pmodesk.services import register
from pmodesk.services.register import RegisterFilter, RegisterRow, search_text

#: A risk scoring at least this (probability × impact, 1–25) is a high risk.
HIGH_RISK_SCORE = 15
#: The tables whose change alters what the board shows.
BOARD_TABLES = frozenset(
    {"project", "stage", "milestone", "raid_item", "decision", "status_report"}
    | {"portfolio", "programme"}  # lane titles
)
#: The lane key of cards that have no value for the swimlane (no programme, no sponsor ...).
NO_LANE = ""


class Swimlanes(StrEnum):
    """What the board's horizontal lanes group cards by."""

    NONE = "none"
    PORTFOLIO = "portfolio"
    PROGRAMME = "programme"
    DEPARTMENT = "department"
    SPONSOR = "sponsor"

    @property
    def label(self) -> str:
        return {
            "none": "No swimlanes",
            "portfolio": "Portfolio",
            "programme": "Programme",
            "department": "Department",
            "sponsor": "Sponsor",
        }[self.value]


class BoardCard(NamedTuple):
    """One project as the board shows it."""

    row: RegisterRow
    stage_id: uuid.UUID | None
    finish: date | None
    overdue_milestones: int
    open_high_risks: int
    pending_decisions: int

    @property
    def id(self) -> uuid.UUID:
        return self.row.id

    @property
    def code(self) -> str:
        return self.row.code

    @property
    def name(self) -> str:
        return self.row.name

    @property
    def manager(self) -> str:
        return self.row.manager

    @property
    def rag(self) -> Rag | None:
        return self.row.rag_overall

    @property
    def state(self) -> ProjectState:
        return self.row.state

    @property
    def budget(self) -> float | None:
        return self.row.budget

    @property
    def finish_late(self) -> bool:
        """True when the forecast finish is later than the planned finish."""
        forecast, planned = self.row.forecast_finish, self.row.planned_finish
        return forecast is not None and planned is not None and forecast > planned

    @property
    def badge_total(self) -> int:
        return self.overdue_milestones + self.open_high_risks + self.pending_decisions


@dataclass(frozen=True, slots=True)
class BoardStage:
    """A column of the board: a lifecycle stage (``id`` ``None``: projects without a stage)."""

    id: uuid.UUID | None
    code: str
    name: str
    position: int


@dataclass(frozen=True, slots=True)
class Lane:
    """A swimlane: its key (a code or a name, :data:`NO_LANE` for "not set") and its title."""

    key: str
    title: str


@dataclass(frozen=True, slots=True)
class ColumnTotal:
    count: int
    budget: float


def _count_by_project(statement: Select[Any], project_column: Any) -> Any:
    return statement.group_by(project_column).subquery()


def _aggregates(today: date) -> tuple[Any, Any, Any]:
    milestone = Milestone.__table__  # type: ignore[attr-defined]
    raid = RaidItem.__table__  # type: ignore[attr-defined]
    decision = Decision.__table__  # type: ignore[attr-defined]
    overdue = _count_by_project(
        select(milestone.c.project_id.label("pid"), func.count().label("n")).where(
            milestone.c.archived_at.is_(None),
            milestone.c.actual_date.is_(None),
            func.coalesce(milestone.c.forecast_date, milestone.c.baseline_date) < today,
        ),
        milestone.c.project_id,
    )
    risks = _count_by_project(
        select(raid.c.project_id.label("pid"), func.count().label("n")).where(
            raid.c.archived_at.is_(None),
            raid.c.project_id.is_not(None),
            raid.c.kind == RaidKind.RISK.value,
            raid.c.status != RaidStatus.CLOSED.value,
            raid.c.probability * raid.c.impact >= HIGH_RISK_SCORE,
        ),
        raid.c.project_id,
    )
    pending = _count_by_project(
        select(decision.c.project_id.label("pid"), func.count().label("n")).where(
            decision.c.archived_at.is_(None),
            decision.c.project_id.is_not(None),
            decision.c.status == DecisionStatus.PENDING.value,
        ),
        decision.c.project_id,
    )
    return overdue, risks, pending


def _extras(today: date) -> Select[Any]:
    """Per project: stage id, finish (forecast, else planned) and the three badge counts."""
    project = Project.__table__  # type: ignore[attr-defined]
    overdue, risks, pending = _aggregates(today)
    return (
        select(
            project.c.id,
            project.c.stage_id,
            func.coalesce(overdue.c.n, 0),
            func.coalesce(risks.c.n, 0),
            func.coalesce(pending.c.n, 0),
        )
        .select_from(project)
        .outerjoin(overdue, overdue.c.pid == project.c.id)
        .outerjoin(risks, risks.c.pid == project.c.id)
        .outerjoin(pending, pending.c.pid == project.c.id)
    )


_NO_EXTRAS: tuple[uuid.UUID | None, int, int, int] = (None, 0, 0, 0)


def _card(row: RegisterRow, extras: tuple[uuid.UUID | None, int, int, int]) -> BoardCard:
    stage_id, overdue, risks, pending = extras
    return BoardCard(
        row,
        stage_id,
        row.forecast_finish or row.planned_finish,
        int(overdue),
        int(risks),
        int(pending),
    )


def _extras_by_project(
    session: Session, today: date, project_id: uuid.UUID | None = None
) -> dict[uuid.UUID, tuple[uuid.UUID | None, int, int, int]]:
    statement = _extras(today)
    if project_id is not None:
        statement = statement.where(Project.__table__.c.id == project_id)  # type: ignore[attr-defined]
    return {
        values[0]: (values[1], values[2], values[3], values[4])
        for values in session.execute(statement).all()
    }


def board_cards(
    session: Session, *, include_archived: bool = False, today: date | None = None
) -> list[BoardCard]:
    """Every project as a board card, ordered by code.

    The register's one query gives the rows (so its filters apply unchanged);
    one Core query with three aggregate sub-queries adds the stage and the
    badges. ``today`` (default: the current date) decides which milestones are
    overdue.
    """
    rows = register.register_rows(session, include_archived=include_archived)
    extras = _extras_by_project(session, today or date.today())
    return [_card(row, extras.get(row.id, _NO_EXTRAS)) for row in rows]


def board_card(
    session: Session, project_id: uuid.UUID, *, today: date | None = None
) -> BoardCard | None:
    """The card of one project (archived or not), or ``None`` if it no longer exists."""
    row = register.register_row(session, project_id)
    if row is None:
        return None
    extras = _extras_by_project(session, today or date.today(), project_id)
    return _card(row, extras.get(row.id, _NO_EXTRAS))


def board_stages(session: Session) -> list[BoardStage]:
    """The live lifecycle stages in order: the board's columns."""
    stage = Stage.__table__  # type: ignore[attr-defined]
    statement = (
        select(stage.c.id, stage.c.code, stage.c.name, stage.c.position)
        .where(stage.c.archived_at.is_(None))
        .order_by(stage.c.position, stage.c.code)
    )
    return [BoardStage(*values) for values in session.execute(statement).all()]


def columns_for(stages: Sequence[BoardStage], cards: Iterable[BoardCard]) -> list[BoardStage]:
    """The columns to show: the stages, led by a "No stage" column when a card has none
    (or sits in a stage that is no longer live)."""
    live = {s.id for s in stages}
    if any(card.stage_id not in live for card in cards):
        return [BoardStage(None, "", "No stage", 0), *stages]
    return list(stages)


def lane_of(card: BoardCard, swimlanes: Swimlanes) -> Lane:
    """The swimlane ``card`` belongs to (:data:`NO_LANE` keyed lane when it has no value)."""
    row = card.row
    if swimlanes is Swimlanes.NONE:
        return Lane(NO_LANE, "")
    if swimlanes is Swimlanes.PORTFOLIO:
        return (
            Lane(row.portfolio_code, f"{row.portfolio_code} · {row.portfolio_name}")
            if row.portfolio_code
            else Lane(NO_LANE, "No portfolio")
        )
    if swimlanes is Swimlanes.PROGRAMME:
        return (
            Lane(row.programme_code, f"{row.programme_code} · {row.programme_name}")
            if row.programme_code
            else Lane(NO_LANE, "No programme")
        )
    value = row.department if swimlanes is Swimlanes.DEPARTMENT else row.sponsor
    value = value.strip()
    if value:
        return Lane(value, value)
    return Lane(NO_LANE, "No department" if swimlanes is Swimlanes.DEPARTMENT else "No sponsor")


def lanes_for(cards: Iterable[BoardCard], swimlanes: Swimlanes) -> list[Lane]:
    """The lanes the cards fall into, in order of their title; "not set" comes last."""
    seen: dict[str, Lane] = {}
    for card in cards:
        lane = lane_of(card, swimlanes)
        seen.setdefault(lane.key, lane)
    return sorted(seen.values(), key=lambda lane: (lane.key == NO_LANE, register.fold(lane.title)))


def column_totals(
    cards: Iterable[BoardCard], columns: Sequence[BoardStage]
) -> dict[uuid.UUID | None, ColumnTotal]:
    """Count and budget total of ``cards`` per column (cards of no live stage go to ``None``)."""
    known = {c.id for c in columns}
    counts: dict[uuid.UUID | None, int] = dict.fromkeys(known, 0)
    budgets: dict[uuid.UUID | None, float] = dict.fromkeys(known, 0.0)
    for card in cards:
        key = card.stage_id if card.stage_id in known else None
        counts[key] = counts.get(key, 0) + 1
        budgets[key] = budgets.get(key, 0.0) + (card.budget or 0.0)
    return {key: ColumnTotal(counts[key], budgets[key]) for key in counts}


def filter_cards(
    cards: Sequence[BoardCard], wanted: RegisterFilter, folded: Sequence[str] | None = None
) -> list[BoardCard]:
    """The cards ``wanted`` accepts; ``folded`` is :func:`card_search_text` of each, precomputed."""
    if wanted.is_empty:
        return [c for c in cards if wanted.show_archived or not c.row.archived]
    texts = folded if folded is not None else [card_search_text(c) for c in cards]
    accepts = wanted.accepts
    return [card for card, text in zip(cards, texts, strict=True) if accepts(card.row, text)]


def card_search_text(card: BoardCard) -> str:
    """The folded text the search box looks in (the register's: code, name, manager, ...)."""
    return search_text(card.row)


def is_terminal(card: BoardCard) -> bool:
    """True for cancelled and closed projects (they no longer move through gates)."""
    return card.state in (ProjectState.CANCELLED, ProjectState.CLOSED)


__all__ = [
    "BOARD_TABLES",
    "HIGH_RISK_SCORE",
    "NO_LANE",
    "BoardCard",
    "BoardStage",
    "ColumnTotal",
    "Lane",
    "Swimlanes",
    "board_card",
    "board_cards",
    "board_stages",
    "card_search_text",
    "column_totals",
    "columns_for",
    "filter_cards",
    "is_terminal",
    "lane_of",
    "lanes_for",
]
