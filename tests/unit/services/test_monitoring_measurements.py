"""Benefit measurements over time, the realised value they keep, and the roll-ups they feed."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from pmodesk.domain import Benefit, BenefitMeasurement, StrategicObjective
from pmodesk.domain.errors import ConflictError, ValidationError
from pmodesk.services import records
from pmodesk.services.monitoring import benefit_rollup
from pmodesk.services.monitoring.benefits import benefit_progress
from pmodesk.services.monitoring.measurements import (
    measurement_history,
    objective_trend,
    record_measurement,
    remove_measurement,
    restore_measurement,
    update_measurement,
    withdraw_measurement,
)
from tests.unit.services.portfolio_world import World, build_world, count

TODAY = date(2026, 6, 30)


def _benefit(session: Session, world: World, code: str = "BEN-1", **values: object) -> Benefit:
    fields = {
        "code": code,
        "name": "Calls handled per day",
        "project_id": world.project.id,
        "objective_id": world.objective.id,
        "baseline_value": 100.0,
        "target_value": 140.0,
        **values,
    }
    return records.create(session, Benefit, fields)


def test_progress_runs_from_baseline_to_target() -> None:
    assert benefit_progress(100, 140, 120) == 0.5
    assert benefit_progress(100, 140, 150) == 1.25  # beyond the target
    assert benefit_progress(50, 20, 35) == 0.5  # a benefit that lowers a figure
    assert benefit_progress(None, 80, 20) == 0.25  # no baseline: realised ÷ target
    assert benefit_progress(100, 140, None) is None
    assert benefit_progress(10, 10, 12) == 1.2
    assert benefit_progress(None, 0, 5) is None


def test_measurements_keep_history_and_the_latest_is_realised(session: Session) -> None:
    world = build_world(session)
    benefit = _benefit(session, world)

    record_measurement(session, benefit.id, date(2026, 3, 31), 110, "Q1", today=TODAY)
    record_measurement(session, benefit.id, date(2026, 6, 30), 126, today=TODAY)
    assert benefit.realised_value == 126
    # An older measurement added later does not replace the latest.
    record_measurement(session, benefit.id, date(2025, 12, 31), 104, today=TODAY)

    history = measurement_history(session, benefit.id)
    assert [(m.measured_on, m.value) for m in history] == [
        (date(2025, 12, 31), 104),
        (date(2026, 3, 31), 110),
        (date(2026, 6, 30), 126),
    ]
    assert history[1].note == "Q1"
    assert benefit.realised_value == 126

    update_measurement(
        session, history[2].id, measured_on=date(2026, 6, 30), value=130, note="", today=TODAY
    )
    assert benefit.realised_value == 130
    remove_measurement(session, history[2].id)
    assert benefit.realised_value == 110
    restore_measurement(session, history[2].id)
    assert benefit.realised_value == 130


def test_measurement_refusals(session: Session) -> None:
    world = build_world(session)
    benefit = _benefit(session, world)
    record_measurement(session, benefit.id, date(2026, 3, 31), 110, today=TODAY)

    with pytest.raises(ConflictError, match="already has a measurement on 2026-03-31") as clash:
        record_measurement(session, benefit.id, date(2026, 3, 31), 111, today=TODAY)
    assert clash.value.field == "measured_on"
    with pytest.raises(ValidationError, match="still to come"):
        record_measurement(session, benefit.id, date(2026, 7, 1), 111, today=TODAY)
    with pytest.raises(ValidationError, match="must be a number") as nan:
        record_measurement(session, benefit.id, date(2026, 4, 30), float("nan"), today=TODAY)
    assert nan.value.field == "value"
    records.archive(session, benefit)
    with pytest.raises(ValidationError, match="archived"):
        record_measurement(session, benefit.id, date(2026, 4, 30), 1, today=TODAY)
    assert count(session, BenefitMeasurement) == 1


def test_withdraw_undoes_a_measurement_exactly(session: Session) -> None:
    world = build_world(session)
    benefit = _benefit(session, world, realised_value=101.0)
    measurement = record_measurement(session, benefit.id, date(2026, 6, 1), 120, today=TODAY)
    assert benefit.realised_value == 120

    withdraw_measurement(session, measurement.id, realised_before=101.0)

    assert benefit.realised_value == 101.0
    assert count(session, BenefitMeasurement) == 0


def test_rollup_averages_progress_per_objective(session: Session) -> None:
    world = build_world(session)
    growth = records.create(session, StrategicObjective, {"code": "OBJ-2", "name": "Growth"})
    calls = _benefit(session, world)  # 100 → 140
    saving = _benefit(
        session,
        world,
        "BEN-2",
        name="Running cost saved",
        baseline_value=None,
        target_value=50_000,
        project_id=world.other_project.id,
    )
    _benefit(session, world, "BEN-3", objective_id=growth.id)  # not measured
    record_measurement(session, calls.id, date(2026, 6, 1), 130, today=TODAY)  # 75 %
    record_measurement(session, saving.id, date(2026, 6, 1), 12_500, today=TODAY)  # 25 %

    rows = benefit_rollup(session)

    assert [(r.code, r.count, r.measured) for r in rows] == [("OBJ-1", 2, 2), ("OBJ-2", 1, 0)]
    assert rows[0].progress == pytest.approx(0.5)
    assert rows[0].project_ids == (world.project.id, world.other_project.id)
    assert rows[1].progress is None
    only_first = benefit_rollup(session, project_ids=[world.project.id])
    assert [(r.code, r.count) for r in only_first] == [("OBJ-1", 1), ("OBJ-2", 1)]
    assert only_first[0].progress == pytest.approx(0.75)


def test_objective_trend_replays_the_measurements(session: Session) -> None:
    world = build_world(session)
    calls = _benefit(session, world)  # 100 → 140
    other = _benefit(session, world, "BEN-2", baseline_value=0.0, target_value=10.0)
    record_measurement(session, calls.id, date(2026, 1, 31), 110, today=TODAY)  # 25 %
    record_measurement(session, calls.id, date(2026, 4, 30), 130, today=TODAY)  # 75 %
    record_measurement(session, other.id, date(2026, 3, 31), 5, today=TODAY)  # 50 %

    [trend] = objective_trend(
        session, [date(2025, 12, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 5, 31)]
    )

    assert trend.code == "OBJ-1"
    assert [(p.progress, p.measured) for p in trend.points] == [
        (None, 0),
        (pytest.approx(0.25), 1),
        (pytest.approx(0.375), 2),  # (25 % + 50 %) / 2
        (pytest.approx(0.625), 2),  # (75 % + 50 %) / 2
    ]
