"""A small portfolio built through the services, shared by the service tests.

Two stages, two portfolios, a programme, two projects, a team, a role, a
person, an objective, a gate checklist item and a milestone: enough for every
record kind to have something live to refer to. A fresh workspace may have no
lifecycle yet, so the stages are made here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, func, select

from pmodesk.domain import (
    AuditEvent,
    GateChecklistItem,
    Milestone,
    Person,
    Portfolio,
    Programme,
    Project,
    Record,
    Role,
    Stage,
    StrategicObjective,
    Team,
)
from pmodesk.services import records


@dataclass
class World:
    idea: Stage
    delivery: Stage
    portfolio: Portfolio
    other_portfolio: Portfolio
    programme: Programme
    project: Project
    other_project: Project
    team: Team
    role: Role
    person: Person
    objective: StrategicObjective
    gate_item: GateChecklistItem
    milestone: Milestone


def build_world(session: Session) -> World:
    delivery = records.create(
        session, Stage, {"code": "DELIVERY", "name": "Delivery", "position": 4}
    )
    idea = records.create(session, Stage, {"code": "IDEA", "name": "Idea", "position": 1})
    portfolio = records.create(session, Portfolio, {"code": "PF-1", "name": "Operations"})
    other = records.create(session, Portfolio, {"code": "PF-2", "name": "Growth"})
    programme = records.create(
        session,
        Programme,
        {"code": "PGM-1", "name": "Digital workplace", "portfolio_id": portfolio.id},
    )
    project = records.create(
        session,
        Project,
        {
            "code": "PRJ-1",
            "name": "New intranet",
            "programme_id": programme.id,
            "portfolio_id": portfolio.id,
            "stage_id": delivery.id,
            "budget": 100_000,
        },
    )
    other_project = records.create(
        session,
        Project,
        {"code": "PRJ-2", "name": "Laptop refresh", "portfolio_id": other.id},
    )
    team = records.create(session, Team, {"code": "TEAM-1", "name": "Platform"})
    role = records.create(session, Role, {"code": "ROLE-1", "name": "Developer"})
    person = records.create(
        session,
        Person,
        {"code": "PER-1", "name": "Zoë Łukasik", "team_id": team.id, "role_id": role.id},
    )
    objective = records.create(
        session, StrategicObjective, {"code": "OBJ-1", "name": "Lower running costs"}
    )
    gate_item = records.create(
        session,
        GateChecklistItem,
        {"code": "GCI-1", "stage_id": idea.id, "text": "Business case signed off"},
    )
    milestone = records.create(
        session,
        Milestone,
        {"code": "MS-1", "project_id": project.id, "name": "Go live"},
    )
    return World(
        idea=idea,
        delivery=delivery,
        portfolio=portfolio,
        other_portfolio=other,
        programme=programme,
        project=project,
        other_project=other_project,
        team=team,
        role=role,
        person=person,
        objective=objective,
        gate_item=gate_item,
        milestone=milestone,
    )


def count(session: Session, model: type[Record]) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def events(session: Session, record: Record) -> list[AuditEvent]:
    """The audit events of ``record``, oldest first."""
    statement = (
        select(AuditEvent)
        .where(AuditEvent.entity_id == record.id)
        .order_by(AuditEvent.at, AuditEvent.created_at)  # type: ignore[arg-type]
    )
    return list(session.exec(statement))


def snapshot(session: Session) -> dict[str, Any]:
    """What a failed service call must leave unchanged: pending objects and audit rows."""
    return {
        "new": len(session.new),
        "dirty": len([o for o in session.dirty if session.is_modified(o)]),
        "audit": count(session, AuditEvent),
    }
