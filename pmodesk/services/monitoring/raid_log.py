"""The RAID log across the portfolio as plain rows, and the risk exposure trend.

:func:`raid_log` fetches every RAID item with its project in one query and
works out what the log shows beside the stored fields: the score
(probability × impact), how long an open item has been open and how many days
it is past its due date. :func:`exposure_trend` replays the risks' raised and
closed dates to give the exposure (the sum of open risks' scores) at each
date asked for; it uses each risk's current score, as the store keeps no
history of scores.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col

from pmodesk.domain import Project, RaidItem
from pmodesk.domain.enums import RaidKind, RaidStatus
from pmodesk.domain.errors import ValidationError
from pmodesk.domain.rules import risk_score
from pmodesk.services.monitoring.query import columns

__all__ = ["ExposurePoint", "RaidRow", "exposure_trend", "raid_log"]


@dataclass(frozen=True, slots=True)
class RaidRow:
    """One line of the RAID log."""

    id: uuid.UUID
    code: str
    kind: RaidKind
    project_id: uuid.UUID | None
    project_code: str
    project_name: str
    title: str
    owner: str
    status: RaidStatus
    probability: int | None
    impact: int | None
    score: int | None
    response: str
    actions: str
    raised_on: date | None
    due_date: date | None
    closed_on: date | None
    escalated: bool
    archived: bool
    #: Days past the due date while not closed (0 when not overdue).
    overdue_days: int
    #: Days since it was raised while not closed (``None`` without a raised date).
    age_days: int | None

    @property
    def is_open(self) -> bool:
        return self.status is not RaidStatus.CLOSED and not self.archived

    @property
    def portfolio_level(self) -> bool:
        """Held at portfolio level: no project, or escalated to the portfolio."""
        return self.project_id is None or self.escalated


def _score(probability: int | None, impact: int | None) -> int | None:
    try:
        return risk_score(probability, impact)
    except ValidationError:  # a stray imported figure off the 1-5 scale: no score, never a crash
        return None


def raid_log(session: Session, today: date, *, include_archived: bool = False) -> list[RaidRow]:
    """Every RAID item (live ones unless ``include_archived``), by code."""
    statement = (
        columns(
            RaidItem.id,
            RaidItem.code,
            RaidItem.kind,
            RaidItem.project_id,
            Project.code,
            Project.name,
            RaidItem.title,
            RaidItem.owner,
            RaidItem.status,
            RaidItem.probability,
            RaidItem.impact,
            RaidItem.response,
            RaidItem.actions,
            RaidItem.raised_on,
            RaidItem.due_date,
            RaidItem.closed_on,
            RaidItem.escalated,
            RaidItem.archived_at,
        )
        .outerjoin(Project, col(RaidItem.project_id) == Project.id)
        .order_by(col(RaidItem.code))
    )
    if not include_archived:
        statement = statement.where(col(RaidItem.archived_at).is_(None))
    rows = []
    for r in session.execute(statement):
        status = RaidStatus(r[8])
        is_open = status is not RaidStatus.CLOSED
        due: date | None = r[14]
        raised: date | None = r[13]
        rows.append(
            RaidRow(
                id=r[0],
                code=r[1],
                kind=RaidKind(r[2]),
                project_id=r[3],
                project_code=r[4] or "",
                project_name=r[5] or "",
                title=r[6],
                owner=r[7],
                status=status,
                probability=r[9],
                impact=r[10],
                score=_score(r[9], r[10]),
                response=r[11],
                actions=r[12],
                raised_on=raised,
                due_date=due,
                closed_on=r[15],
                escalated=bool(r[16]),
                archived=r[17] is not None,
                overdue_days=(today - due).days if is_open and due and due < today else 0,
                age_days=(today - raised).days if is_open and raised else None,
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class ExposurePoint:
    """The risk exposure on a date: the sum of the scores of the risks open that day."""

    on: date
    total: int
    risks: int
    #: The projects those risks belong to, most exposed first (portfolio-level risks left out).
    project_ids: tuple[uuid.UUID, ...]


def exposure_trend(
    session: Session,
    dates: Sequence[date],
    *,
    project_ids: Collection[uuid.UUID | None] | None = None,
) -> list[ExposurePoint]:
    """Exposure at each of ``dates`` from when each live risk was raised and closed.

    A risk counts from its raised date (else the day it was recorded) until
    its closed date; a closed risk without a closed date counts until it was
    last changed.
    """
    statement = columns(
        RaidItem.project_id,
        RaidItem.status,
        RaidItem.probability,
        RaidItem.impact,
        RaidItem.raised_on,
        RaidItem.closed_on,
        RaidItem.created_at,
        RaidItem.updated_at,
    ).where(col(RaidItem.kind) == RaidKind.RISK, col(RaidItem.archived_at).is_(None))
    wanted = set(project_ids) if project_ids is not None else None
    spans: list[tuple[uuid.UUID | None, int, date, date | None]] = []
    for (
        project_id,
        status,
        probability,
        impact,
        raised,
        closed,
        created,
        updated,
    ) in session.execute(statement):
        if wanted is not None and project_id not in wanted:
            continue
        score = _score(probability, impact)
        if score is None:
            continue
        start = raised or created.date()
        end = closed
        if RaidStatus(status) is RaidStatus.CLOSED and end is None:
            end = updated.date()
        spans.append((project_id, score, start, end))
    points = []
    for day in dates:
        per_project: dict[uuid.UUID, int] = {}
        total = count = 0
        for project_id, score, start, end in spans:
            if start <= day and (end is None or end > day):
                total += score
                count += 1
                if project_id is not None:
                    per_project[project_id] = per_project.get(project_id, 0) + score
        ranked = sorted(per_project, key=lambda p: -per_project[p])
        points.append(ExposurePoint(day, total, count, tuple(ranked)))
    return points
