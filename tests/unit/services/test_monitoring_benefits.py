"""Benefits rolled up per strategic objective."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from pmodesk.domain import Benefit, StrategicObjective
from pmodesk.services import records
from pmodesk.services.monitoring import benefit_rollup
from tests.unit.services.portfolio_world import build_world


def _benefit(session: Session, code: str, project_id: object, **values: object) -> Benefit:
    return records.create(
        session, Benefit, {"code": code, "name": code, "project_id": project_id, **values}
    )


def test_rollup_sums_per_objective(session: Session) -> None:
    world = build_world(session)
    growth = records.create(session, StrategicObjective, {"code": "OBJ-2", "name": "Growth"})
    a, b = world.project.id, world.other_project.id
    _benefit(
        session, "B-1", a, objective_id=world.objective.id, target_value=100, realised_value=40
    )
    _benefit(session, "B-2", b, objective_id=world.objective.id, target_value=60, realised_value=20)
    _benefit(session, "B-3", a, objective_id=world.objective.id, target_value=40)  # nothing yet
    _benefit(session, "B-4", a, objective_id=growth.id, realised_value=5)  # no target
    _benefit(session, "B-5", b, target_value=10, realised_value=10)  # no objective
    gone = _benefit(session, "B-6", a, objective_id=growth.id, target_value=99)
    records.archive(session, gone)

    rows = benefit_rollup(session)

    assert [(r.code, r.count, r.target, r.realised) for r in rows] == [
        ("OBJ-1", 3, 200.0, 60.0),
        ("OBJ-2", 1, 0.0, 5.0),
        ("", 1, 10.0, 10.0),
    ]
    assert rows[0].realised_ratio == pytest.approx(0.3)
    assert rows[1].realised_ratio is None  # zero target
    assert rows[2].realised_ratio == 1.0
    assert rows[2].name == "No objective"


def test_rollup_without_benefits_is_empty(session: Session) -> None:
    build_world(session)
    assert benefit_rollup(session) == []
