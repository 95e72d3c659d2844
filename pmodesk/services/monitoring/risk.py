"""Risk scoring across the portfolio: the probability × impact matrix, exposure, ageing issues.

Only open risks (open or in progress, not archived) count; a risk without both
a probability and an impact is not on the matrix and adds nothing to exposure.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from pmodesk.domain import RaidItem
from pmodesk.domain.enums import RaidKind, RaidStatus
from pmodesk.domain.rules import risk_score

__all__ = ["RiskExposure", "open_risks", "overdue_issues", "risk_exposure", "risk_matrix"]

Cell = tuple[int, int]


def open_risks(
    session: Session, *, project_ids: Collection[uuid.UUID | None] | None = None
) -> list[RaidItem]:
    """Live risks not yet closed, by code; ``project_ids`` narrows them (``None`` in it: portfolio level)."""
    statement = (
        select(RaidItem)
        .where(
            RaidItem.kind == RaidKind.RISK,
            RaidItem.status != RaidStatus.CLOSED,
            col(RaidItem.archived_at).is_(None),
        )
        .order_by(col(RaidItem.code))
    )
    risks = list(session.exec(statement))
    if project_ids is not None:
        wanted = set(project_ids)
        risks = [r for r in risks if r.project_id in wanted]
    return risks


def risk_matrix(
    session: Session, *, project_ids: Collection[uuid.UUID | None] | None = None
) -> dict[Cell, list[uuid.UUID]]:
    """The ids of the open risks in each (probability, impact) cell; all 25 cells are present."""
    matrix: dict[Cell, list[uuid.UUID]] = {(p, i): [] for p in range(1, 6) for i in range(1, 6)}
    for risk in open_risks(session, project_ids=project_ids):
        if risk.probability is not None and risk.impact is not None:
            matrix[(risk.probability, risk.impact)].append(risk.id)
    return matrix


@dataclass(frozen=True, slots=True)
class RiskExposure:
    """Sum of the scores of open risks: per project (``None``: held at portfolio level) and in all."""

    per_project: dict[uuid.UUID | None, int] = field(default_factory=dict)
    total: int = 0
    #: Open risks that have no score yet (probability or impact missing).
    unscored: int = 0


def risk_exposure(session: Session) -> RiskExposure:
    per_project: dict[uuid.UUID | None, int] = {}
    unscored = 0
    for risk in open_risks(session):
        score = risk_score(risk.probability, risk.impact)
        if score is None:
            unscored += 1
            continue
        per_project[risk.project_id] = per_project.get(risk.project_id, 0) + score
    return RiskExposure(per_project, sum(per_project.values()), unscored)


def overdue_issues(session: Session, today: date) -> list[RaidItem]:
    """Live issues past their due date and not closed, the longest overdue first."""
    statement = (
        select(RaidItem)
        .where(
            RaidItem.kind == RaidKind.ISSUE,
            RaidItem.status != RaidStatus.CLOSED,
            col(RaidItem.archived_at).is_(None),
            col(RaidItem.due_date).is_not(None),
            col(RaidItem.due_date) < today,
        )
        .order_by(col(RaidItem.due_date), col(RaidItem.code))
    )
    return list(session.exec(statement))
