"""The board's cards: stage, finish, badges, swimlanes, column totals and the register's filters."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from pmodesk.domain import Decision, Milestone, Programme, Project, RaidItem, Stage
from pmodesk.domain.enums import DecisionStatus, RaidKind, RaidStatus
from pmodesk.services import records
from pmodesk.services.board import (
    NO_LANE,
    Swimlanes,
    board_card,
    board_cards,
    board_stages,
    column_totals,
    columns_for,
    filter_cards,
    lane_of,
    lanes_for,
)
from pmodesk.services.register import RegisterFilter
from pmodesk.services.setup import prepare_session

TODAY = date(2026, 6, 1)


def _stage(session: Session, code: str) -> Stage:
    return records.get_by_code(session, Stage, code)


def _world(session: Session) -> dict[str, Project]:
    prepare_session(session)
    programme = records.create(session, Programme, {"code": "PGM-1", "name": "Cloud First"})
    delivery = _stage(session, "DELIVERY")
    idea = _stage(session, "IDEA")
    a = records.create(
        session,
        Project,
        {
            "code": "PRJ-001",
            "name": "Zoë's data centre exit",
            "manager": "Zoë Ørsted",
            "sponsor": "Ana Lima",
            "department": "IT",
            "stage_id": delivery.id,
            "programme_id": programme.id,
            "budget": 1_000_000,
            "planned_finish": date(2027, 1, 31),
            "forecast_finish": date(2027, 3, 31),
        },
    )
    b = records.create(
        session,
        Project,
        {
            "code": "PRJ-002",
            "name": "Payroll",
            "manager": "Li Wei",
            "stage_id": delivery.id,
            "budget": 250_000,
            "planned_finish": date(2026, 12, 1),
        },
    )
    c = records.create(
        session, Project, {"code": "PRJ-003", "name": "Idea box", "stage_id": idea.id}
    )
    # Badges of PRJ-001: 2 overdue milestones (forecast, else baseline, before today, no
    # actual), one that is done and one in the future do not count.
    for code, baseline, forecast, actual in (
        ("MS-1", date(2026, 5, 1), None, None),
        ("MS-2", date(2026, 7, 1), date(2026, 5, 20), None),
        ("MS-3", date(2026, 4, 1), None, date(2026, 4, 2)),
        ("MS-4", date(2026, 9, 1), None, None),
    ):
        records.create(
            session,
            Milestone,
            {
                "code": code,
                "project_id": a.id,
                "name": code,
                "baseline_date": baseline,
                "forecast_date": forecast,
                "actual_date": actual,
            },
        )
    # High risks: P × I >= 15, open, kind risk.
    for code, kind, p, i, status in (
        ("R-1", RaidKind.RISK, 5, 3, RaidStatus.OPEN),
        ("R-2", RaidKind.RISK, 4, 4, RaidStatus.IN_PROGRESS),
        ("R-3", RaidKind.RISK, 2, 5, RaidStatus.OPEN),  # 10: not high
        ("R-4", RaidKind.RISK, 5, 5, RaidStatus.CLOSED),  # closed
        ("I-1", RaidKind.ISSUE, 5, 5, RaidStatus.OPEN),  # not a risk
    ):
        records.create(
            session,
            RaidItem,
            {
                "code": code,
                "project_id": a.id,
                "kind": kind,
                "title": code,
                "probability": p,
                "impact": i,
                "status": status,
            },
        )
    for code, verdict in (("D-1", DecisionStatus.PENDING), ("D-2", DecisionStatus.APPROVED)):
        records.create(
            session,
            Decision,
            {
                "code": code,
                "project_id": b.id,
                "title": code,
                "status": verdict,
                "decided_on": TODAY if verdict is DecisionStatus.APPROVED else None,
            },
        )
    session.flush()
    return {"a": a, "b": b, "c": c}


def test_cards_carry_stage_finish_and_badges(session: Session) -> None:
    world = _world(session)
    cards = {card.code: card for card in board_cards(session, today=TODAY)}
    assert set(cards) == {"PRJ-001", "PRJ-002", "PRJ-003"}
    a, b, c = cards["PRJ-001"], cards["PRJ-002"], cards["PRJ-003"]
    assert a.stage_id == _stage(session, "DELIVERY").id
    assert c.stage_id == _stage(session, "IDEA").id
    assert a.finish == date(2027, 3, 31)  # forecast wins over planned
    assert b.finish == date(2026, 12, 1)  # planned when there is no forecast
    assert a.finish_late
    assert not b.finish_late
    assert (a.overdue_milestones, a.open_high_risks, a.pending_decisions) == (2, 2, 0)
    assert (b.overdue_milestones, b.open_high_risks, b.pending_decisions) == (0, 0, 1)
    assert c.badge_total == 0
    single = board_card(session, world["a"].id, today=TODAY)
    assert single == a


def test_archived_projects_and_archived_badges_are_left_out(session: Session) -> None:
    world = _world(session)
    risk = records.get_by_code(session, RaidItem, "R-1")
    records.archive(session, risk)
    records.archive(session, world["c"])
    session.flush()
    cards = {card.code: card for card in board_cards(session, today=TODAY)}
    assert "PRJ-003" not in cards
    assert cards["PRJ-001"].open_high_risks == 1
    with_archived = {c.code for c in board_cards(session, include_archived=True, today=TODAY)}
    assert "PRJ-003" in with_archived


def test_column_totals_count_and_budget_per_stage(session: Session) -> None:
    _world(session)
    cards = board_cards(session, today=TODAY)
    stages = board_stages(session)
    assert [s.code for s in stages] == [
        "IDEA",
        "ASSESS",
        "APPROVED",
        "DELIVERY",
        "CLOSING",
        "CLOSED",
    ]
    totals = column_totals(cards, stages)
    delivery = _stage(session, "DELIVERY").id
    assert totals[delivery].count == 2
    assert totals[delivery].budget == 1_250_000
    assert totals[_stage(session, "IDEA").id].budget == 0
    assert totals[_stage(session, "CLOSED").id].count == 0
    assert columns_for(stages, cards) == stages  # every card has a live stage


def test_a_card_without_a_stage_gets_a_no_stage_column(session: Session) -> None:
    world = _world(session)
    records.update(session, world["c"], {"stage_id": None})
    session.flush()
    cards = board_cards(session, today=TODAY)
    columns = columns_for(board_stages(session), cards)
    assert columns[0].id is None
    assert columns[0].name == "No stage"
    assert column_totals(cards, columns)[None].count == 1


def test_swimlanes_group_by_programme_sponsor_department(session: Session) -> None:
    _world(session)
    cards = {card.code: card for card in board_cards(session, today=TODAY)}
    a, b = cards["PRJ-001"], cards["PRJ-002"]
    assert lane_of(a, Swimlanes.PROGRAMME).title == "PGM-1 · Cloud First"
    assert lane_of(b, Swimlanes.PROGRAMME).key == NO_LANE
    assert lane_of(a, Swimlanes.SPONSOR).title == "Ana Lima"
    assert lane_of(b, Swimlanes.DEPARTMENT).title == "No department"
    assert lane_of(a, Swimlanes.NONE).key == NO_LANE
    lanes = lanes_for(cards.values(), Swimlanes.PROGRAMME)
    assert [lane.title for lane in lanes] == ["PGM-1 · Cloud First", "No programme"]


def test_the_registers_filter_and_search_apply(session: Session) -> None:
    _world(session)
    cards = board_cards(session, today=TODAY)
    assert [c.code for c in filter_cards(cards, RegisterFilter(text="zoe orsted"))] == ["PRJ-001"]
    assert [c.code for c in filter_cards(cards, RegisterFilter(stages=frozenset({"IDEA"})))] == [
        "PRJ-003"
    ]
    assert [
        c.code for c in filter_cards(cards, RegisterFilter(programmes=frozenset({"PGM-1"})))
    ] == ["PRJ-001"]
    assert len(filter_cards(cards, RegisterFilter())) == 3
