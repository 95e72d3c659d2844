"""Editing the plan: allocate by hours or percent, set a week, move, copy, extend, shift, remove."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from capacity_world import W1, W2, W3, Plan, build_plan
from numpy.testing import assert_allclose
from portfolio_world import count, events
from sqlmodel import Session, col, select

from pmodesk.domain import Allocation, AuditEvent
from pmodesk.domain.errors import ValidationError
from pmodesk.services import capacity, records
from pmodesk.services.capacity import MatrixQuery, capacity_matrix
from pmodesk.services.capacity import load as load_module

W4 = W3 + timedelta(weeks=1)


@pytest.fixture
def plan(session: Session) -> Plan:
    return build_plan(session)


def live(session: Session, **where: object) -> list[Allocation]:
    statement = select(Allocation).where(col(Allocation.archived_at).is_(None))
    for name, value in where.items():
        statement = statement.where(getattr(Allocation, name) == value)
    return sorted(session.exec(statement), key=lambda a: a.week_start)


def ann_row(session: Session, plan: Plan, weeks: int = 3) -> list[float]:
    matrix = capacity_matrix(session, MatrixQuery(W1, weeks))
    index = [r.key for r in matrix.rows].index(plan.ann.id)
    return list(matrix.allocated[index])


def test_allocate_by_percent_stores_hours_and_percent(session: Session, plan: Plan) -> None:
    ids = capacity.allocate(
        session, project_id=plan.other.id, person_id=plan.ben.id, weeks=[W1, W2], percent=50
    )
    rows = live(session, project_id=plan.other.id)
    assert [r.id for r in rows] == ids
    # 50 % of Ben's standard week, 0.6 × 37.5 = 22.5 h → 11.25 h.
    assert [(r.hours, r.percent_of_capacity, r.role_id) for r in rows] == [
        (11.25, 50.0, plan.analyst.id),
        (11.25, 50.0, plan.analyst.id),
    ]
    assert all(e.source == "capacity plan" for r in rows for e in events(session, r))


def test_a_placeholder_by_percent_uses_the_workspace_week(session: Session, plan: Plan) -> None:
    capacity.allocate(
        session, project_id=plan.other.id, role_id=plan.developer.id, weeks=[W1], percent=40
    )
    (row,) = live(session, project_id=plan.other.id)
    assert (row.person_id, row.hours) == (None, 15.0)


def test_allocating_onto_an_existing_week_sets_its_hours(session: Session, plan: Plan) -> None:
    before = count(session, Allocation)
    ids = capacity.allocate(
        session, project_id=plan.active.id, person_id=plan.ann.id, weeks=[W2, W4], hours=12
    )
    assert count(session, Allocation) == before + 1
    assert ann_row(session, plan, 4) == [30, 12, 30, 12]
    assert len(ids) == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weeks": [date(2025, 9, 24)], "hours": 5}, "2025-09-24 is a Wednesday, not a Monday"),
        ({"weeks": [], "hours": 5}, "at least one week"),
        ({"weeks": [W1], "hours": 5, "percent": 10}, "not both"),
        ({"weeks": [W1]}, "not both"),
        ({"weeks": [W1], "percent": 120}, "between 0 and 100 %, not 120 %"),
        ({"weeks": [W1], "hours": 200}, "hours must be between 0 and 168"),
    ],
)
def test_bad_allocations_are_refused_with_one_sentence(
    session: Session, plan: Plan, kwargs: dict[str, object], message: str
) -> None:
    before = count(session, Allocation)
    with pytest.raises(ValidationError, match=message):
        capacity.allocate(
            session,
            project_id=plan.active.id,
            person_id=plan.ann.id,
            **kwargs,  # type: ignore[arg-type]
        )
    assert count(session, Allocation) == before


def test_archived_projects_and_missing_people_are_refused(session: Session, plan: Plan) -> None:
    with pytest.raises(ValidationError, match="needs a person, or a role"):
        capacity.allocate(session, project_id=plan.active.id, weeks=[W1], hours=5)
    records.archive(session, plan.other)
    with pytest.raises(ValidationError, match="Project PRJ-OTHER is archived"):
        capacity.allocate(
            session, project_id=plan.other.id, person_id=plan.ann.id, weeks=[W1], hours=5
        )
    records.archive(session, plan.ben)
    with pytest.raises(ValidationError, match="Person EMP-2 is archived"):
        capacity.allocate(
            session, project_id=plan.active.id, person_id=plan.ben.id, weeks=[W1], hours=5
        )


def test_set_week_hours_edits_one_week_and_drops_the_percent(session: Session, plan: Plan) -> None:
    (first, *_rest) = capacity.allocate(
        session, project_id=plan.other.id, person_id=plan.ann.id, weeks=[W1, W2], percent=20
    )
    capacity.set_week_hours(session, first, 3.5)
    rows = live(session, project_id=plan.other.id)
    assert [(r.hours, r.percent_of_capacity) for r in rows] == [(3.5, None), (7.5, 20.0)]
    assert ann_row(session, plan) == [33.5, 37.5, 30]
    hours_events = [e for e in events(session, rows[0]) if e.field == "hours"]
    assert [(e.old, e.new) for e in hours_events] == [("7.5", "3.5")]
    with pytest.raises(ValidationError, match=r"hours must be between 0 and 168, not -1"):
        capacity.set_week_hours(session, first, -1)


def test_move_shifts_weeks_and_reassigns(session: Session, plan: Plan) -> None:
    ann = live(session, person_id=plan.ann.id, project_id=plan.active.id)
    moved = capacity.move_allocations(session, [a.id for a in ann[:2]], weeks=1)
    assert moved == [ann[0].id, ann[1].id]
    assert [
        a.week_start for a in live(session, person_id=plan.ann.id, project_id=plan.active.id)
    ] == [
        W2,
        W3,
        W3,
    ]
    assert ann_row(session, plan) == [0, 30, 60]  # the on-hold 10 h stay released
    (placeholder,) = live(session, person_id=None)
    capacity.move_allocations(session, [placeholder.id], to_person_id=plan.cat.id)
    session.refresh(placeholder)
    assert (placeholder.person_id, placeholder.role_id) == (plan.cat.id, plan.developer.id)
    capacity.move_allocations(session, [placeholder.id], to_project_id=plan.other.id)
    assert placeholder.project_id == plan.other.id


def test_copy_span_to_later_weeks_and_to_another_person(session: Session, plan: Plan) -> None:
    ben = live(session, person_id=plan.ben.id)
    new = capacity.copy_span(session, [b.id for b in ben], weeks=1)
    assert [(a.week_start, a.hours) for a in live(session, person_id=plan.ben.id)] == [
        (W1, 22.5),
        (W2, 22.5),
        (W3, 9.0),
        (W4, 9.0),
    ]
    assert len(new) == 2
    capacity.copy_span(session, [ben[0].id], to_person_id=plan.cat.id)
    cat = live(session, person_id=plan.cat.id, project_id=plan.active.id)
    assert [(a.week_start, a.hours, a.role_id) for a in cat] == [
        (W1, 22.5, plan.developer.id),
        (W2, 10.0, plan.developer.id),
    ]
    with pytest.raises(ValidationError, match="double the hours"):
        capacity.copy_span(session, [ben[0].id])


def test_extend_span_after_and_before(session: Session, plan: Plan) -> None:
    ann = live(session, person_id=plan.ann.id, project_id=plan.active.id)
    capacity.extend_span(session, [a.id for a in ann], weeks=2)
    weeks = [a.week_start for a in live(session, person_id=plan.ann.id, project_id=plan.active.id)]
    assert weeks == [W1, W2, W3, W4, W4 + timedelta(weeks=1)]
    capacity.extend_span(session, [ann[0].id], weeks=-1)
    first = live(session, person_id=plan.ann.id, project_id=plan.active.id)[0]
    assert (first.week_start, first.hours) == (W1 - timedelta(weeks=1), 30.0)


def test_shift_project_moves_every_real_allocation(session: Session, plan: Plan) -> None:
    moved = capacity.shift_project(session, plan.active.id, 1)
    assert moved == 7  # Ann 3, Ben 2, Cat 1, the placeholder 1
    assert ann_row(session, plan, 4) == [0, 30, 30, 30]


def test_remove_archives_and_restore_brings_back(session: Session, plan: Plan) -> None:
    (cat,) = live(session, person_id=plan.cat.id, project_id=plan.active.id)
    assert capacity.remove_allocations(session, [cat.id]) == 1
    assert cat.archived_at is not None
    with pytest.raises(ValidationError, match="was removed"):
        capacity.set_week_hours(session, cat.id, 4)
    records.restore(session, cat)
    assert cat.archived_at is None


def test_every_write_is_audited_in_one_batch(session: Session, plan: Plan) -> None:
    ids = capacity.allocate(
        session, project_id=plan.other.id, person_id=plan.cat.id, weeks=[W1, W3], hours=4
    )
    batches = {
        e.batch for e in session.exec(select(AuditEvent).where(col(AuditEvent.entity_id).in_(ids)))
    }
    assert len(batches) == 1
    assert None not in batches


def test_the_joined_query_gives_the_same_figures(
    session: Session, plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    records.archive(session, plan.cancelled)
    fast = capacity_matrix(session, MatrixQuery(W1, 3))
    monkeypatch.setattr(load_module, "MAX_LISTED", 0)
    joined = capacity_matrix(session, MatrixQuery(W1, 3))
    assert_allclose(joined.allocated, fast.allocated)
    assert_allclose(joined.released, fast.released)
    assert_allclose(joined.capacity, fast.capacity)
