"""The dashboard's headline tiles: a figure each, and the projects it drills down to."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from pmodesk.domain import Decision
from pmodesk.domain.enums import DecisionStatus, ProjectState, Rag, RaidKind
from pmodesk.services.monitoring.dashboard import Chart, Tile
from pmodesk.services.monitoring.dashboard_charts import Projects, distinct
from pmodesk.services.monitoring.raid_log import raid_log
from pmodesk.services.monitoring.variance import variances

__all__ = ["ON_TIME_GOOD", "tiles"]

#: An on-time rate from which the tile shows as good.
ON_TIME_GOOD = 0.8


def tiles(
    session: Session,
    projects: Projects,
    today: date,
    charts: Sequence[Chart],
    *,
    whole: bool = True,
) -> tuple[Tile, ...]:
    """The headline figures; ``whole`` counts the risks held at portfolio level too."""
    active = [p for p in projects.values() if p.state is ProjectState.ACTIVE]
    red = [p.id for p in active if p.rag is Rag.RED]
    late = [
        v
        for v in variances(session, project_ids=[p.id for p in active])
        if (v.schedule_days or 0) > 0
    ]
    raid = [
        r
        for r in raid_log(session, today)
        if r.is_open and (r.project_id in projects or (whole and r.project_id is None))
    ]
    risks = [r for r in raid if r.kind is RaidKind.RISK and r.score is not None]
    exposure: dict[uuid.UUID, int] = {}
    for r in risks:
        if r.project_id is not None:
            exposure[r.project_id] = exposure.get(r.project_id, 0) + (r.score or 0)
    overdue = [r for r in raid if r.kind is RaidKind.ISSUE and r.overdue_days > 0]
    decisions = session.exec(
        select(Decision.project_id).where(
            Decision.status == DecisionStatus.PENDING, col(Decision.archived_at).is_(None)
        )
    ).all()
    pending = [pid for pid in decisions if pid in projects]
    on_time = next(c for c in charts if c.key == "on_time")
    good = sum(p.values[0] or 0 for p in on_time.points)
    reached = good + sum(p.values[1] or 0 for p in on_time.points)
    return (
        Tile("active", "Active projects", f"{len(active):,}", tuple(p.id for p in active)),
        Tile(
            "red",
            "Red",
            f"{len(red):,}",
            tuple(red),
            "bad" if red else "good",
            "Active projects rated red overall",
        ),
        Tile(
            "behind",
            "Behind baseline",
            f"{len(late):,}",
            tuple(v.project_id for v in sorted(late, key=lambda v: -(v.schedule_days or 0))),
            "warn" if late else "good",
            "Active projects forecast to finish after the baseline in force",
        ),
        Tile(
            "on_time",
            "Milestones on time",
            f"{good / reached:.0%}" if reached else "–",
            distinct([i for p in on_time.points for i in p.project_ids[1]]),
            "" if not reached else "good" if good / reached >= ON_TIME_GOOD else "warn",
            "Milestones reached in the last twelve months on or before their baseline date; "
            "drills down to the projects with late ones",
        ),
        Tile(
            "exposure",
            "Risk exposure",
            f"{sum(r.score or 0 for r in risks):,}",
            tuple(sorted(exposure, key=lambda p: -exposure[p])),
            "",
            f"Sum of probability × impact of the {len(risks):,} open risks",
        ),
        Tile(
            "overdue",
            "Overdue issues",
            f"{len(overdue):,}",
            distinct([r.project_id for r in overdue if r.project_id]),
            "bad" if overdue else "good",
            "Open issues past their due date",
        ),
        Tile(
            "decisions",
            "Pending decisions",
            f"{len(pending):,}",
            distinct([p for p in pending if p]),
            "warn" if pending else "",
            "Decisions waiting for a forum; they go into the review pack",
        ),
    )
