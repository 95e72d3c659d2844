"""Benefits rolled up per strategic objective: how much of the target is realised.

Benefits of one objective are measured in different units (euros saved, calls
a day, a satisfaction score), so besides the plain sums the roll-up gives the
*progress* of each benefit from its baseline towards its target and averages
it: a benefit at its baseline is at 0 %, one at its target at 100 %.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from pmodesk.domain import Benefit, BenefitMeasurement, Project, StrategicObjective
from pmodesk.services.monitoring.query import columns

__all__ = ["BenefitRollup", "BenefitRow", "benefit_progress", "benefit_rollup", "benefit_rows"]


def benefit_progress(
    baseline: float | None, target: float | None, realised: float | None
) -> float | None:
    """How far ``realised`` has come from ``baseline`` towards ``target`` (1.0: there).

    Without a baseline (or when the target equals it) it is realised ÷ target;
    ``None`` when nothing was realised yet or there is no target.
    """
    if target is None or realised is None:
        return None
    if baseline is not None and target != baseline:
        return (realised - baseline) / (target - baseline)
    return realised / target if target else None


@dataclass(frozen=True, slots=True)
class BenefitRollup:
    """One objective's benefits (``objective_id`` ``None``: benefits tied to no objective)."""

    objective_id: uuid.UUID | None
    code: str
    name: str
    count: int
    target: float
    realised: float
    #: Mean progress from baseline to target of the benefits that have one.
    progress: float | None = None
    #: How many benefits have a realised value.
    measured: int = 0
    #: The projects the benefits belong to, by first appearance in benefit-code order.
    project_ids: tuple[uuid.UUID, ...] = ()

    @property
    def realised_ratio(self) -> float | None:
        """Realised ÷ target; ``None`` when there is no target to measure against."""
        return self.realised / self.target if self.target else None


def benefit_rollup(
    session: Session, *, project_ids: Collection[uuid.UUID] | None = None
) -> list[BenefitRollup]:
    """Live benefits summed per objective, by objective code; unlinked benefits come last.

    ``project_ids`` narrows the roll-up to the benefits of those projects.
    """
    statement = (
        select(Benefit).where(col(Benefit.archived_at).is_(None)).order_by(col(Benefit.code))
    )
    wanted = set(project_ids) if project_ids is not None else None
    groups: dict[uuid.UUID | None, list[Benefit]] = {}
    for benefit in session.exec(statement):
        if wanted is not None and benefit.project_id not in wanted:
            continue
        groups.setdefault(benefit.objective_id, []).append(benefit)
    objectives = {o.id: o for o in session.exec(select(StrategicObjective))}
    rows = []
    for objective_id, benefits in groups.items():
        objective = objectives.get(objective_id) if objective_id else None
        progress = [
            p
            for b in benefits
            if (p := benefit_progress(b.baseline_value, b.target_value, b.realised_value))
            is not None
        ]
        rows.append(
            BenefitRollup(
                objective_id=objective_id,
                code=objective.code if objective else "",
                name=objective.name if objective else "No objective",
                count=len(benefits),
                target=sum(b.target_value or 0.0 for b in benefits),
                realised=sum(b.realised_value or 0.0 for b in benefits),
                progress=sum(progress) / len(progress) if progress else None,
                measured=sum(1 for b in benefits if b.realised_value is not None),
                project_ids=tuple(dict.fromkeys(b.project_id for b in benefits)),
            )
        )
    rows.sort(key=lambda r: (r.objective_id is None, r.code))
    return rows


@dataclass(frozen=True, slots=True)
class BenefitRow:
    """A benefit as the benefits list shows it, with its progress and latest measurement."""

    id: uuid.UUID
    code: str
    name: str
    project_id: uuid.UUID
    project_code: str
    project_name: str
    objective_id: uuid.UUID | None
    objective_code: str
    objective_name: str
    measure: str
    unit: str
    baseline: float | None
    target: float | None
    realised: float | None
    target_date: date | None
    owner: str
    last_measured: date | None
    measurements: int
    archived: bool

    @property
    def progress(self) -> float | None:
        return benefit_progress(self.baseline, self.target, self.realised)


def benefit_rows(session: Session, *, include_archived: bool = False) -> list[BenefitRow]:
    """Every benefit (live ones unless ``include_archived``) with its project and objective, by code."""
    latest = (
        columns(
            BenefitMeasurement.benefit_id,
            func.max(BenefitMeasurement.measured_on).label("last"),
            func.count().label("count"),
        )
        .where(col(BenefitMeasurement.archived_at).is_(None))
        .group_by(col(BenefitMeasurement.benefit_id))
        .subquery()
    )
    statement = (
        columns(
            Benefit.id,
            Benefit.code,
            Benefit.name,
            Benefit.project_id,
            Project.code,
            Project.name,
            Benefit.objective_id,
            StrategicObjective.code,
            StrategicObjective.name,
            Benefit.measure,
            Benefit.unit,
            Benefit.baseline_value,
            Benefit.target_value,
            Benefit.realised_value,
            Benefit.target_date,
            Benefit.owner,
            latest.c.last,
            latest.c.count,
            Benefit.archived_at,
        )
        .join(Project, col(Benefit.project_id) == Project.id)
        .outerjoin(StrategicObjective, col(Benefit.objective_id) == StrategicObjective.id)
        .outerjoin(latest, latest.c.benefit_id == Benefit.id)
        .order_by(col(Benefit.code))
    )
    if not include_archived:
        statement = statement.where(col(Benefit.archived_at).is_(None))
    return [
        BenefitRow(
            id=r[0],
            code=r[1],
            name=r[2],
            project_id=r[3],
            project_code=r[4],
            project_name=r[5],
            objective_id=r[6],
            objective_code=r[7] or "",
            objective_name=r[8] or "",
            measure=r[9],
            unit=r[10],
            baseline=r[11],
            target=r[12],
            realised=r[13],
            target_date=r[14],
            owner=r[15],
            last_measured=r[16],
            measurements=int(r[17] or 0),
            archived=r[18] is not None,
        )
        for r in session.execute(statement)
    ]
