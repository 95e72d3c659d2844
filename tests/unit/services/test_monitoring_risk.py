"""Risk matrix, exposure per project and portfolio, and issues past their due date."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from pmodesk.domain import RaidItem
from pmodesk.domain.enums import RaidKind, RaidStatus
from pmodesk.services import records
from pmodesk.services.monitoring import overdue_issues, risk_exposure, risk_matrix
from tests.unit.services.portfolio_world import World, build_world


def _raid(session: Session, code: str, **values: object) -> RaidItem:
    return records.create(session, RaidItem, {"code": code, "title": code, **values})


def _risks(session: Session, world: World) -> dict[str, RaidItem]:
    a, b = world.project.id, world.other_project.id
    items = {
        "R-1": _raid(session, "R-1", project_id=a, probability=4, impact=5),  # 20
        "R-2": _raid(session, "R-2", project_id=a, probability=2, impact=3),  # 6
        "R-3": _raid(session, "R-3", project_id=b, probability=4, impact=5),  # 20
        "R-4": _raid(session, "R-4", probability=1, impact=2),  # portfolio level: 2
        "R-5": _raid(
            session, "R-5", project_id=a, probability=5, impact=5, status=RaidStatus.CLOSED
        ),
        "R-6": _raid(session, "R-6", project_id=b, probability=3),  # unscored
        "R-7": _raid(
            session, "R-7", project_id=b, probability=3, impact=3, status=RaidStatus.IN_PROGRESS
        ),  # 9
        "I-1": _raid(session, "I-1", project_id=a, kind=RaidKind.ISSUE, probability=5, impact=5),
    }
    archived = _raid(session, "R-8", project_id=a, probability=2, impact=2)
    records.archive(session, archived)
    return items


def test_matrix_cells_hold_the_open_risks(session: Session) -> None:
    world = build_world(session)
    risks = _risks(session, world)

    matrix = risk_matrix(session)

    assert len(matrix) == 25
    assert matrix[(4, 5)] == [risks["R-1"].id, risks["R-3"].id]
    assert matrix[(2, 3)] == [risks["R-2"].id]
    assert matrix[(3, 3)] == [risks["R-7"].id]
    assert matrix[(5, 5)] == []  # closed risk and the issue are not on it
    assert matrix[(2, 2)] == []  # archived
    assert sum(len(ids) for ids in matrix.values()) == 5

    one_project = risk_matrix(session, project_ids=[world.project.id])
    assert matrix[(4, 5)] != one_project[(4, 5)] == [risks["R-1"].id]
    assert sum(len(ids) for ids in one_project.values()) == 2


def test_exposure_per_project_and_portfolio(session: Session) -> None:
    world = build_world(session)
    _risks(session, world)

    exposure = risk_exposure(session)

    assert exposure.per_project == {world.project.id: 26, world.other_project.id: 29, None: 2}
    assert exposure.total == 57
    assert exposure.unscored == 1


def test_exposure_of_an_empty_portfolio_is_zero(session: Session) -> None:
    build_world(session)
    exposure = risk_exposure(session)
    assert exposure.per_project == {}
    assert exposure.total == 0


def test_overdue_issues_oldest_first(session: Session) -> None:
    world = build_world(session)
    today = date(2026, 3, 10)
    late = _raid(session, "I-1", kind=RaidKind.ISSUE, due_date=date(2026, 3, 1))
    later = _raid(
        session,
        "I-2",
        kind=RaidKind.ISSUE,
        project_id=world.project.id,
        due_date=date(2026, 2, 1),
        status=RaidStatus.IN_PROGRESS,
    )
    _raid(session, "I-3", kind=RaidKind.ISSUE, due_date=today)  # due today: not yet overdue
    _raid(session, "I-4", kind=RaidKind.ISSUE)  # no due date
    _raid(session, "I-5", kind=RaidKind.ISSUE, due_date=date(2026, 1, 1), status=RaidStatus.CLOSED)
    _raid(session, "R-1", due_date=date(2026, 1, 1))  # a risk, not an issue

    assert [i.id for i in overdue_issues(session, today)] == [later.id, late.id]
