"""Benefit measurements: the realised value of a benefit on a date, its history over time.

A benefit's ``realised_value`` is always its latest live measurement, so the
lists, the roll-ups and the dashboard read the newest figure while the
measurements keep how it got there. Every write goes through
:mod:`pmodesk.services.records` (validated and audited).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from pmodesk.domain import Benefit, BenefitMeasurement, StrategicObjective
from pmodesk.domain.errors import ConflictError, ValidationError
from pmodesk.services import records
from pmodesk.services.monitoring.benefits import benefit_progress

__all__ = [
    "ObjectiveTrend",
    "TrendPoint",
    "measurement_history",
    "objective_trend",
    "record_measurement",
    "remove_measurement",
    "restore_measurement",
    "update_measurement",
    "withdraw_measurement",
]


def _live_benefit(session: Session, benefit_id: uuid.UUID) -> Benefit:
    benefit = records.get(session, Benefit, benefit_id)
    if benefit.archived_at is not None:
        raise ValidationError(
            f"Benefit {benefit.code} is archived; restore it before measuring it.",
            field="benefit_id",
        )
    return benefit


def _check_value(value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(f"A measured value must be a number, not {value!r}.", field="value")
    return float(value)


def _check_day(day: date, today: date | None) -> date:
    if not isinstance(day, date):
        raise ValidationError(
            f"The date measured must be a date, not {day!r}.", field="measured_on"
        )
    if today is not None and day > today:
        raise ValidationError(
            f"A measurement records what was realised; {day.isoformat()} is still to come.",
            field="measured_on",
        )
    return day


def _check_free_day(
    session: Session, benefit: Benefit, day: date, own_id: uuid.UUID | None
) -> None:
    statement = select(BenefitMeasurement).where(
        BenefitMeasurement.benefit_id == benefit.id, BenefitMeasurement.measured_on == day
    )
    clash = session.exec(statement).first()
    if clash is not None and clash.id != own_id:
        state = " (archived; restore it instead)" if clash.archived_at is not None else ""
        raise ConflictError(
            f"Benefit {benefit.code} already has a measurement on {day.isoformat()}{state}; "
            "change that one instead.",
            field="measured_on",
        )


def measurement_history(session: Session, benefit_id: uuid.UUID) -> list[BenefitMeasurement]:
    """The live measurements of a benefit, oldest first."""
    statement = (
        select(BenefitMeasurement)
        .where(
            BenefitMeasurement.benefit_id == benefit_id,
            col(BenefitMeasurement.archived_at).is_(None),
        )
        .order_by(col(BenefitMeasurement.measured_on))
    )
    return list(session.exec(statement))


def _sync_realised(session: Session, benefit: Benefit, *, source: str) -> None:
    """Make the benefit's realised value its latest live measurement (if it has any)."""
    history = measurement_history(session, benefit.id)
    if history:
        records.update(session, benefit, {"realised_value": history[-1].value}, source=source)


def record_measurement(
    session: Session,
    benefit_id: uuid.UUID,
    measured_on: date,
    value: float,
    note: str = "",
    *,
    today: date | None = None,
    source: str = "",
) -> BenefitMeasurement:
    """Add what a benefit realised on ``measured_on``; the benefit's realised value follows."""
    benefit = _live_benefit(session, benefit_id)
    day = _check_day(measured_on, today or date.today())
    amount = _check_value(value)
    _check_free_day(session, benefit, day, None)
    measurement = records.create(
        session,
        BenefitMeasurement,
        {"benefit_id": benefit.id, "measured_on": day, "value": amount, "note": note.strip()},
        source=source,
    )
    _sync_realised(session, benefit, source=source)
    return measurement


def update_measurement(
    session: Session,
    measurement_id: uuid.UUID,
    *,
    measured_on: date,
    value: float,
    note: str,
    today: date | None = None,
    source: str = "",
) -> list[str]:
    """Correct a measurement; returns the fields that changed."""
    measurement = records.get(session, BenefitMeasurement, measurement_id)
    benefit = records.get(session, Benefit, measurement.benefit_id)
    day = _check_day(measured_on, today or date.today())
    _check_free_day(session, benefit, day, measurement.id)
    changed = records.update(
        session,
        measurement,
        {"measured_on": day, "value": _check_value(value), "note": note.strip()},
        source=source,
    )
    _sync_realised(session, benefit, source=source)
    return changed


def remove_measurement(session: Session, measurement_id: uuid.UUID, *, source: str = "") -> None:
    """Archive a measurement; the benefit's realised value falls back to the latest left."""
    measurement = records.get(session, BenefitMeasurement, measurement_id)
    records.archive(session, measurement, source=source)
    _sync_realised(session, records.get(session, Benefit, measurement.benefit_id), source=source)


def restore_measurement(session: Session, measurement_id: uuid.UUID, *, source: str = "") -> None:
    measurement = records.get(session, BenefitMeasurement, measurement_id)
    benefit = _live_benefit(session, measurement.benefit_id)
    _check_free_day(session, benefit, measurement.measured_on, measurement.id)
    records.restore(session, measurement, source=source)
    _sync_realised(session, benefit, source=source)


def withdraw_measurement(
    session: Session,
    measurement_id: uuid.UUID,
    *,
    realised_before: float | None,
    source: str = "undo",
) -> None:
    """Undo :func:`record_measurement`: delete it and put the realised value back as it was."""
    measurement = records.get(session, BenefitMeasurement, measurement_id)
    benefit = records.get(session, Benefit, measurement.benefit_id)
    records.delete_created(session, measurement, source=source)
    records.update(session, benefit, {"realised_value": realised_before}, source=source)


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """An objective's mean progress on a date, over the benefits measured by then."""

    on: date
    progress: float | None
    measured: int


@dataclass(frozen=True, slots=True)
class ObjectiveTrend:
    objective_id: uuid.UUID | None
    code: str
    name: str
    points: tuple[TrendPoint, ...]


def objective_trend(session: Session, dates: Sequence[date]) -> list[ObjectiveTrend]:
    """Per objective, the mean benefit progress at each of ``dates`` from the measurements.

    A benefit counts at a date from its first measurement on or before it
    (its latest one by then); benefits never measured by then are left out.
    """
    benefits = list(
        session.exec(
            select(Benefit).where(col(Benefit.archived_at).is_(None)).order_by(col(Benefit.code))
        )
    )
    history: dict[uuid.UUID, list[BenefitMeasurement]] = {}
    statement = (
        select(BenefitMeasurement)
        .where(col(BenefitMeasurement.archived_at).is_(None))
        .order_by(col(BenefitMeasurement.measured_on))
    )
    for measurement in session.exec(statement):
        history.setdefault(measurement.benefit_id, []).append(measurement)
    objectives = {o.id: o for o in session.exec(select(StrategicObjective))}
    groups: dict[uuid.UUID | None, list[Benefit]] = {}
    for benefit in benefits:
        groups.setdefault(benefit.objective_id, []).append(benefit)
    trends = []
    for objective_id, members in groups.items():
        points = []
        for day in dates:
            values = []
            for benefit in members:
                known = [m.value for m in history.get(benefit.id, []) if m.measured_on <= day]
                progress = (
                    benefit_progress(benefit.baseline_value, benefit.target_value, known[-1])
                    if known
                    else None
                )
                if progress is not None:
                    values.append(progress)
            mean = sum(values) / len(values) if values else None
            points.append(TrendPoint(day, mean, len(values)))
        objective = objectives.get(objective_id) if objective_id else None
        trends.append(
            ObjectiveTrend(
                objective_id,
                objective.code if objective else "",
                objective.name if objective else "No objective",
                tuple(points),
            )
        )
    trends.sort(key=lambda t: (t.objective_id is None, t.code))
    return trends
