"""Intake: an idea becomes an active project in the first stage, aligned to objectives, audited."""

from __future__ import annotations

import pytest
from sqlmodel import Session, func, select

from pmodesk.domain import AuditEvent, Project, ProjectObjective, Stage, StrategicObjective
from pmodesk.domain.enums import ProjectState
from pmodesk.domain.errors import ValidationError
from pmodesk.services import records
from pmodesk.services.intake import submit_intake
from pmodesk.services.setup import prepare_session


@pytest.fixture
def s(session: Session) -> Session:
    prepare_session(session)
    for code, name in (("OBJ-01", "Grow digital revenue"), ("OBJ-02", "Cut operating cost")):
        records.create(session, StrategicObjective, {"code": code, "name": name})
    return session


def _submit(s: Session, **changes: object) -> object:
    values: dict[str, object] = {
        "name": "Self-service returns",
        "sponsor": "Ines Moreau",
        "problem": "Returns take 9 days and 3 phone calls.",
        "expected_benefits": "Returns handled in 2 days; 30% fewer calls.",
        "rough_cost": 180_000,
        "objectives": {"OBJ-01": 4, "obj-02": 0},
        "source": "intake",
    }
    values.update(changes)
    return submit_intake(s, **values)  # type: ignore[arg-type]


def test_an_idea_enters_the_first_stage_as_an_active_project(s: Session) -> None:
    project_id = _submit(s, manager="Tom Berg", department="Customer service")

    project = s.get(Project, project_id)
    assert project is not None
    idea = records.get_by_code(s, Stage, "IDEA")
    assert (project.code, project.stage_id, project.state) == (
        "PRJ-001",
        idea.id,
        ProjectState.ACTIVE,
    )
    assert project.description == "Returns take 9 days and 3 phone calls."
    assert project.expected_benefits == "Returns handled in 2 days; 30% fewer calls."
    assert (project.budget, project.sponsor, project.manager, project.department) == (
        180_000,
        "Ines Moreau",
        "Tom Berg",
        "Customer service",
    )
    links = s.exec(select(ProjectObjective).where(ProjectObjective.project_id == project.id)).all()
    objective = records.get_by_code(s, StrategicObjective, "OBJ-01")
    assert [(link.objective_id, link.contribution) for link in links] == [
        (objective.id, 4)
    ]  # 0 = none
    events = s.exec(select(AuditEvent).where(AuditEvent.source == "intake")).all()
    assert {e.entity for e in events} == {"project", "project_objective"}
    assert len({e.batch for e in events}) == 1
    assert events[0].batch is not None


def test_codes_follow_on_or_are_given(s: Session) -> None:
    _submit(s)
    second = s.get(Project, _submit(s, name="Chatbot"))
    given = s.get(Project, _submit(s, name="Warehouse robots", code="wh-robots"))
    assert (second.code, given.code) == ("PRJ-002", "WH-ROBOTS")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": " "}, "name"),
        ({"sponsor": ""}, "sponsor"),
        ({"problem": "  "}, "problem"),
        ({"rough_cost": -1}, "rough_cost"),
        ({"objectives": {"OBJ-09": 3}}, "objectives"),
        ({"objectives": {"OBJ-01": 6}}, "objectives"),
    ],
)
def test_a_refused_intake_names_the_field_and_writes_nothing(
    s: Session, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _submit(s, **changes)
    assert refused.value.field == field
    assert refused.value.message.endswith(".")
    assert s.exec(select(func.count()).select_from(Project)).one() == 0


def test_an_intake_without_a_rough_cost_has_no_budget(s: Session) -> None:
    project = s.get(Project, _submit(s, rough_cost=None, objectives={}))
    assert project is not None
    assert project.budget is None


def test_a_workspace_without_stages_cannot_take_ideas(session: Session) -> None:
    with pytest.raises(ValidationError, match="no lifecycle stages"):
        _submit(session, objectives={})
