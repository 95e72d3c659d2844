"""Benefits rolled up per strategic objective: how much of the target is realised."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlmodel import Session, col, select

from pmodesk.domain import Benefit, StrategicObjective

__all__ = ["BenefitRollup", "benefit_rollup"]


@dataclass(frozen=True, slots=True)
class BenefitRollup:
    """One objective's benefits (``objective_id`` ``None``: benefits tied to no objective)."""

    objective_id: uuid.UUID | None
    code: str
    name: str
    count: int
    target: float
    realised: float

    @property
    def realised_ratio(self) -> float | None:
        """Realised ÷ target; ``None`` when there is no target to measure against."""
        return self.realised / self.target if self.target else None


def benefit_rollup(session: Session) -> list[BenefitRollup]:
    """Live benefits summed per objective, by objective code; unlinked benefits come last."""
    statement = select(Benefit).where(col(Benefit.archived_at).is_(None))
    sums: dict[uuid.UUID | None, list[float]] = {}
    for benefit in session.exec(statement):
        entry = sums.setdefault(benefit.objective_id, [0, 0.0, 0.0])
        entry[0] += 1
        entry[1] += benefit.target_value or 0.0
        entry[2] += benefit.realised_value or 0.0
    rows = []
    for objective_id, (count, target, realised) in sums.items():
        objective = session.get(StrategicObjective, objective_id) if objective_id else None
        code = objective.code if objective else ""
        name = objective.name if objective else "No objective"
        rows.append(BenefitRollup(objective_id, code, name, int(count), target, realised))
    rows.sort(key=lambda r: (r.objective_id is None, r.code))
    return rows
