"""The utilisation matrix against hand-computed figures (see capacity_world for the plan)."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest
from capacity_world import W1, W2, W3, Plan, build_plan
from numpy.testing import assert_allclose
from sqlmodel import Session, select

from pmodesk.domain import Allocation, Person, Project
from pmodesk.domain.errors import ValidationError
from pmodesk.services import capacity, records
from pmodesk.services.capacity import (
    CapacityMatrix,
    Grouping,
    MatrixQuery,
    Period,
    RowInfo,
    Unit,
    capacity_matrix,
)

NAN = math.nan


@pytest.fixture
def plan(session: Session) -> Plan:
    return build_plan(session)


def by_label(matrix: CapacityMatrix) -> dict[str, int]:
    return {row.label: n for n, row in enumerate(matrix.rows)}


def test_rows_are_people_by_team_then_placeholders(session: Session, plan: Plan) -> None:
    matrix = capacity_matrix(session, MatrixQuery(W1, 3))
    assert matrix.columns == [W1, W2, W3]
    assert matrix.rows == [
        RowInfo(plan.cat.id, "Cat Cole", "Data", "Developer", False, "EMP-3"),
        RowInfo(plan.ann.id, "Ann Archer", "Platform", "Developer", False, "EMP-1"),
        RowInfo(plan.ben.id, "Ben Baker", "Platform", "Analyst", False, "EMP-2"),
        RowInfo(plan.analyst.id, "Unnamed Analyst", "", "Analyst", True, "ROLE-BA"),
    ]


def test_capacity_part_time_leave_and_a_wednesday_holiday(session: Session, plan: Plan) -> None:
    matrix = capacity_matrix(session, MatrixQuery(W1, 3))
    assert_allclose(
        matrix.capacity,
        [
            [37.5, 0.0, 37.5],  # Cat: leave week → 0
            [37.5, 37.5, 30.0],  # Ann: Wed 8 Oct holiday −7.5 (Sat 27 Sep ignored)
            [22.5, 22.5, 18.0],  # Ben: 0.6 × 37.5; holiday −4.5
            [0.0, 0.0, 0.0],  # placeholder: demand only
        ],
    )
    expected: list[list[float]] = [[0, 10, 0], [30, 30, 30], [22.5, 0, 9], [0, 0, 20]]
    assert_allclose(matrix.allocated, expected)


def test_released_hours_of_on_hold_and_cancelled_projects(session: Session, plan: Plan) -> None:
    matrix = capacity_matrix(session, MatrixQuery(W1, 3))
    assert_allclose(matrix.released, [[5, 0, 0], [10, 0, 0], [0, 0, 0], [0, 0, 0]])


def test_utilisation_is_nan_without_capacity_never_a_division_error(
    session: Session, plan: Plan
) -> None:
    matrix = capacity_matrix(session, MatrixQuery(W1, 3))
    with np.errstate(all="raise"):
        util = matrix.utilisation()
        percent = matrix.values(Unit.PERCENT)
    assert_allclose(util, [[0, NAN, 0], [0.8, 0.8, 1.0], [1.0, 0, 0.5], [NAN, NAN, NAN]])
    assert_allclose(percent[1], [80, 80, 100])
    assert math.isnan(percent[0, 1])  # Cat's leave week with 10 h booked: shown as "—"
    assert not np.isinf(util).any()


def test_hours_fte_and_percent(session: Session, plan: Plan) -> None:
    matrix = capacity_matrix(session, MatrixQuery(W1, 3))
    assert_allclose(matrix.values(Unit.HOURS)[2], [22.5, 0, 9])
    assert_allclose(matrix.values(Unit.FTE)[1], [0.8, 0.8, 0.8])
    assert_allclose(matrix.values(Unit.FTE)[2], [0.6, 0, 0.24])
    assert_allclose(matrix.values(Unit.PERCENT)[2], [100, 0, 50])


def test_peak_average_and_thresholds(session: Session, plan: Plan) -> None:
    matrix = capacity_matrix(session, MatrixQuery(W1, 3))
    assert_allclose(matrix.peak(), [0, 1.0, 1.0, NAN])
    assert_allclose(matrix.average(), [10 / 75, 90 / 105, 31.5 / 63, NAN])
    assert matrix.over_allocation_threshold == 1.0
    assert not matrix.over_allocated().any()  # exactly 100 % is not over
    assert matrix.under_used()[2].tolist() == [False, True, False]
    assert matrix.under_used()[3].tolist() == [False, False, False]


def test_team_grouping_sums_the_people(session: Session, plan: Plan) -> None:
    matrix = capacity_matrix(session, MatrixQuery(W1, 3, grouping=Grouping.TEAM))
    rows = by_label(matrix)
    assert list(rows) == ["Data", "Platform", "Unnamed Analyst"]
    assert matrix.rows[rows["Platform"]].key == plan.platform.id
    assert_allclose(matrix.capacity[rows["Platform"]], [60, 60, 48])
    assert_allclose(matrix.allocated[rows["Platform"]], [52.5, 30, 39])
    assert_allclose(matrix.released[rows["Platform"]], [10, 0, 0])
    assert_allclose(matrix.capacity[rows["Data"]], [37.5, 0, 37.5])
    assert_allclose(matrix.allocated[rows["Unnamed Analyst"]], [0, 0, 20])


def test_role_grouping_adds_placeholders_to_their_role(session: Session, plan: Plan) -> None:
    matrix = capacity_matrix(session, MatrixQuery(W1, 3, grouping=Grouping.ROLE))
    rows = by_label(matrix)
    assert list(rows) == ["Analyst", "Developer"]
    assert_allclose(matrix.capacity[rows["Analyst"]], [22.5, 22.5, 18])
    assert_allclose(matrix.allocated[rows["Analyst"]], [22.5, 0, 29])
    assert_allclose(matrix.capacity[rows["Developer"]], [75, 37.5, 67.5])
    assert_allclose(matrix.allocated[rows["Developer"]], [30, 40, 30])
    roles, columns, demand, supply = capacity.demand_and_supply_by_role(session, MatrixQuery(W1, 3))
    assert roles == ["Analyst", "Developer"]
    assert columns == [W1, W2, W3]
    assert_allclose(demand, matrix.allocated)
    assert_allclose(supply, matrix.capacity)


def test_people_without_team_or_role_have_their_own_group(session: Session, plan: Plan) -> None:
    records.create(session, Person, {"code": "EMP-9", "name": "Dan Doe"})
    team = capacity_matrix(session, MatrixQuery(W1, 3, grouping=Grouping.TEAM))
    role = capacity_matrix(session, MatrixQuery(W1, 3, grouping=Grouping.ROLE))
    assert team.rows[-2] == RowInfo(None, "No team", "No team", "", False)  # before placeholders
    assert role.rows[-1] == RowInfo(None, "No role", "", "No role", False)
    assert_allclose(role.capacity[-1], [37.5, 37.5, 37.5])


def test_month_roll_up_splits_a_straddling_week_by_weekdays(session: Session, plan: Plan) -> None:
    matrix = capacity_matrix(session, MatrixQuery(W1, 3, period=Period.MONTH))
    assert matrix.columns == [date(2025, 9, 1), date(2025, 10, 1)]
    ann = by_label(matrix)["Ann Archer"]
    # Sep: 30 + 30 × 2/5 = 42; Oct: 30 × 3/5 + 30 = 48.
    assert_allclose(matrix.allocated[ann], [42, 48])
    # Sep: 37.5 + 37.5 × 2/5 = 52.5; Oct: 37.5 × 3/5 + 30 = 52.5.
    assert_allclose(matrix.capacity[ann], [52.5, 52.5])
    assert matrix.column_weeks is not None
    assert_allclose(matrix.column_weeks, [1.4, 1.6])
    assert_allclose(matrix.values(Unit.FTE)[ann], [0.8, 0.8])
    cat = by_label(matrix)["Cat Cole"]
    assert_allclose(matrix.capacity[cat], [37.5, 37.5])  # leave week: 0 in both months
    assert_allclose(matrix.allocated[cat], [4, 6])
    assert_allclose(matrix.released[cat], [5, 0])


def test_filters_restrict_the_load_not_the_rows(session: Session, plan: Plan) -> None:
    capacity.allocate(session, project_id=plan.other.id, person_id=plan.ann.id, weeks=[W2], hours=5)
    only_other = capacity_matrix(
        session, MatrixQuery(W1, 3, portfolio_ids=frozenset({plan.other_portfolio.id}))
    )
    assert [r.label for r in only_other.rows] == ["Cat Cole", "Ann Archer", "Ben Baker"]
    assert_allclose(only_other.allocated, [[0, 0, 0], [0, 5, 0], [0, 0, 0]])
    assert_allclose(only_other.capacity[1], [37.5, 37.5, 30])
    by_project = capacity_matrix(
        session, MatrixQuery(W1, 3, project_ids=frozenset({plan.on_hold.id}))
    )
    assert_allclose(by_project.allocated.sum(), 0)
    assert_allclose(by_project.released.sum(), 10)


def test_archived_projects_allocations_and_people_do_not_count(
    session: Session, plan: Plan
) -> None:
    records.archive(session, plan.cancelled)
    ann_week_2 = session.exec(
        select(Allocation).where(
            Allocation.person_id == plan.ann.id,
            Allocation.project_id == plan.active.id,
            Allocation.week_start == W2,
        )
    ).one()
    records.archive(session, ann_week_2)
    records.archive(session, plan.ben)
    matrix = capacity_matrix(session, MatrixQuery(W1, 3))
    rows = by_label(matrix)
    assert "Ben Baker" not in rows
    assert_allclose(matrix.released[rows["Cat Cole"]], [0, 0, 0])
    assert_allclose(matrix.allocated[rows["Ann Archer"]], [30, 0, 30])


def capacity_select(person_id: object, week: date) -> object:
    from sqlmodel import select

    return select(Allocation).where(
        Allocation.person_id == person_id, Allocation.week_start == week
    )


def test_start_moves_back_to_its_monday_and_the_span_is_checked() -> None:
    assert MatrixQuery(date(2025, 10, 2), 1).start == W2
    with pytest.raises(ValidationError, match="1 to 520 weeks"):
        MatrixQuery(W1, 0)


def test_an_empty_workspace_gives_an_empty_matrix(session: Session) -> None:
    matrix = capacity_matrix(session, MatrixQuery(W1, 4))
    assert matrix.rows == []
    assert matrix.capacity.shape == (0, 4)
    assert matrix.peak().shape == (0,)


def test_cell_breakdown_lists_the_allocations_behind_a_cell(session: Session, plan: Plan) -> None:
    cells = capacity.cell_breakdown(session, MatrixQuery(W1, 3), plan.ann.id, W1)
    assert [(c.project_code, c.hours, c.released) for c in cells] == [
        ("PRJ-ACT", 30.0, False),
        ("PRJ-HOLD", 10.0, True),
    ]
    assert cells[0].person_name == "Ann Archer"
    placeholder = capacity.cell_breakdown(session, MatrixQuery(W1, 3), plan.analyst.id, W3)
    assert [(c.person_name, c.hours, c.person_id) for c in placeholder] == [
        ("Unnamed Analyst", 20.0, None)
    ]
    team = capacity.cell_breakdown(
        session, MatrixQuery(W1, 3, grouping=Grouping.TEAM), plan.platform.id, W3
    )
    assert sorted((c.person_name, c.hours) for c in team) == [
        ("Ann Archer", 30.0),
        ("Ben Baker", 9.0),
    ]
    role = capacity.cell_breakdown(
        session, MatrixQuery(W1, 3, grouping=Grouping.ROLE), plan.analyst.id, W3
    )
    assert sorted((c.person_name, c.hours) for c in role) == [
        ("Ben Baker", 9.0),
        ("Unnamed Analyst", 20.0),
    ]


def test_cell_breakdown_of_a_month_gives_each_weeks_share(session: Session, plan: Plan) -> None:
    query = MatrixQuery(W1, 3, period=Period.MONTH)
    cells = capacity.cell_breakdown(session, query, plan.ann.id, date(2025, 9, 1))
    assert [(c.week_start, c.share) for c in cells if c.project_code == "PRJ-ACT"] == [
        (W1, 1.0),
        (W2, 0.4),
    ]
    total = sum(c.hours * c.share for c in cells if not c.released)
    matrix = capacity_matrix(session, query)
    assert total == pytest.approx(matrix.allocated[by_label(matrix)["Ann Archer"], 0])


def test_a_matrix_made_by_hand_works_for_the_gui() -> None:
    matrix = CapacityMatrix(
        rows=[RowInfo(None, "x", "", "", False)],
        columns=[W1],
        capacity=np.array([[0.0]]),
        allocated=np.array([[5.0]]),
        released=np.array([[0.0]]),
    )
    assert math.isnan(matrix.values(Unit.PERCENT)[0, 0])
    assert matrix.values(Unit.FTE)[0, 0] == pytest.approx(5 / 37.5)


def test_project_state_change_moves_hours_to_released(session: Session, plan: Plan) -> None:
    records.update(session, plan.active, {"state": "on_hold"})
    matrix = capacity_matrix(session, MatrixQuery(W1, 3))
    ann = by_label(matrix)["Ann Archer"]
    assert_allclose(matrix.allocated[ann], [0, 0, 0])
    assert_allclose(matrix.released[ann], [40, 30, 30])
    assert isinstance(session.get(Project, plan.active.id), Project)
