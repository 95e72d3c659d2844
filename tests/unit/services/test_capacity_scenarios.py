"""What-if scenarios: seen only when asked for, committed or discarded as a whole."""

from __future__ import annotations

from datetime import timedelta

import pytest
from capacity_world import W1, W2, W3, Plan, build_plan
from numpy.testing import assert_allclose
from sqlmodel import Session, col, select

from pmodesk.domain import Allocation, Scenario
from pmodesk.domain.enums import ScenarioStatus
from pmodesk.domain.errors import ValidationError
from pmodesk.services import capacity
from pmodesk.services.capacity import CapacityMatrix, MatrixQuery, capacity_matrix


@pytest.fixture
def plan(session: Session) -> Plan:
    return build_plan(session)


@pytest.fixture
def scenario(session: Session, plan: Plan) -> Scenario:
    """Ann takes 10 h of PRJ-OTHER in week 2; PRJ-ACT slips by one week."""
    what_if = capacity.create_scenario(session, code="SCN-1", name="Intake of PRJ-OTHER")
    capacity.allocate(
        session,
        project_id=plan.other.id,
        person_id=plan.ann.id,
        weeks=[W2],
        hours=10,
        scenario_id=what_if.id,
    )
    assert capacity.shift_project(session, plan.active.id, 1, scenario_id=what_if.id) == 7
    return what_if


def rows(matrix: CapacityMatrix) -> dict[str, list[float]]:
    return {r.label: list(matrix.allocated[n]) for n, r in enumerate(matrix.rows)}


REAL = {
    "Cat Cole": [0, 10, 0],
    "Ann Archer": [30, 30, 30],
    "Ben Baker": [22.5, 0, 9],
    "Unnamed Analyst": [0, 0, 20],
}
# PRJ-ACT one week later (its week-3 hours leave the span), plus Ann's 10 h.
WHAT_IF = {
    "Cat Cole": [0, 0, 10],
    "Ann Archer": [0, 40, 30],
    "Ben Baker": [0, 22.5, 0],
}


def test_the_real_plan_ignores_the_scenario(
    session: Session, plan: Plan, scenario: Scenario
) -> None:
    assert rows(capacity_matrix(session, MatrixQuery(W1, 3))) == REAL


def test_the_scenario_adds_tentative_hours_and_shifts_projects(
    session: Session, plan: Plan, scenario: Scenario
) -> None:
    matrix = capacity_matrix(session, MatrixQuery(W1, 3, scenario_id=scenario.id))
    assert rows(matrix) == WHAT_IF
    cells = capacity.cell_breakdown(
        session, MatrixQuery(W1, 3, scenario_id=scenario.id), plan.ann.id, W2
    )
    assert sorted((c.project_code, c.week_start, c.shift_weeks, c.tentative) for c in cells) == [
        ("PRJ-ACT", W1, 1, False),
        ("PRJ-OTHER", W2, 0, True),
    ]


def test_an_earlier_shift_brings_later_hours_into_the_span(
    session: Session, plan: Plan, scenario: Scenario
) -> None:
    capacity.shift_project(session, plan.active.id, -2, scenario_id=scenario.id)  # net −1
    matrix = capacity_matrix(session, MatrixQuery(W1, 3, scenario_id=scenario.id))
    assert rows(matrix)["Ann Archer"] == [30, 40, 0]
    assert rows(matrix)["Unnamed Analyst"] == [0, 20, 0]


def test_commit_makes_the_scenario_real(session: Session, plan: Plan, scenario: Scenario) -> None:
    assert capacity.commit_scenario(session, scenario.id) == 8  # 7 shifted + 1 tentative
    assert scenario.status == ScenarioStatus.COMMITTED
    real = capacity_matrix(session, MatrixQuery(W1, 3))
    assert rows(real) == WHAT_IF
    committed = session.exec(
        select(Allocation).where(col(Allocation.project_id) == plan.other.id)
    ).one()
    assert (committed.scenario_id, committed.tentative) == (None, False)
    later = capacity_matrix(session, MatrixQuery(W3 + timedelta(weeks=1), 1))
    assert_allclose(later.allocated.sum(), 30 + 9 + 20)  # week-3 hours moved to week 4
    with pytest.raises(ValidationError, match="was committed"):
        capacity.discard_scenario(session, scenario.id)


def test_discard_archives_the_tentative_allocations(
    session: Session, plan: Plan, scenario: Scenario
) -> None:
    assert capacity.discard_scenario(session, scenario.id) == 1
    assert scenario.status == ScenarioStatus.DISCARDED
    assert capacity.scenario_allocations(session, scenario.id) == []
    assert rows(capacity_matrix(session, MatrixQuery(W1, 3))) == REAL
    with pytest.raises(ValidationError, match="start a new scenario"):
        capacity.allocate(
            session,
            project_id=plan.other.id,
            person_id=plan.ann.id,
            weeks=[W1],
            hours=1,
            scenario_id=scenario.id,
        )
