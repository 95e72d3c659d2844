"""Related records named by code: resolved to ids on the way in, described on the way out."""

from __future__ import annotations

import uuid

import pytest
from portfolio_world import World, build_world
from sqlmodel import Session

from pmodesk.domain import (
    Allocation,
    GateChecklistItem,
    Milestone,
    Person,
    Portfolio,
    Programme,
    Project,
    ProjectChecklistItem,
    ProjectDependency,
    Stage,
    Team,
)
from pmodesk.domain.errors import ValidationError
from pmodesk.services import records
from pmodesk.services.references import (
    REFERENCES,
    code_maps,
    describe,
    find_stage,
    references_of,
    resolve_references,
)


@pytest.fixture
def world(session: Session) -> World:
    return build_world(session)


def test_codes_become_ids_and_other_values_pass_through(session: Session, world: World) -> None:
    resolved = resolve_references(
        session,
        Project,
        {
            "code": "PRJ-7",
            "programme": " pgm-1 ",
            "portfolio": "PF-1",
            "stage": "idea",
            "budget": 3,
        },
    )
    assert resolved == {
        "code": "PRJ-7",
        "programme_id": world.programme.id,
        "portfolio_id": world.portfolio.id,
        "stage_id": world.idea.id,
        "budget": 3,
    }


def test_every_reference_kind_resolves(session: Session, world: World) -> None:
    allocation = resolve_references(
        session, Allocation, {"person": "PER-1", "role": "ROLE-1", "project": "PRJ-1"}
    )
    assert (allocation["person_id"], allocation["role_id"], allocation["project_id"]) == (
        world.person.id,
        world.role.id,
        world.project.id,
    )
    assert resolve_references(session, Person, {"team": "team-1"}) == {"team_id": world.team.id}
    dependency = resolve_references(
        session,
        ProjectDependency,
        {"predecessor": "PRJ-1", "successor": "PRJ-2", "milestone": "MS-1"},
    )
    assert dependency == {
        "predecessor_id": world.project.id,
        "successor_id": world.other_project.id,
        "milestone_id": world.milestone.id,
    }
    answer = resolve_references(session, ProjectChecklistItem, {"item": "GCI-1"})
    assert answer == {"item_id": world.gate_item.id}
    assert resolve_references(session, GateChecklistItem, {"stage": "Delivery"}) == {
        "stage_id": world.delivery.id
    }
    assert {ref.key for ref in references_of(Programme)} == {"portfolio"}
    assert set(REFERENCES) >= {
        "programme",
        "portfolio",
        "stage",
        "project",
        "person",
        "role",
        "team",
        "objective",
        "milestone",
        "predecessor",
        "successor",
    }


@pytest.mark.parametrize(
    ("model", "values", "field", "message"),
    [
        (Project, {"programme": "PGM-9"}, "programme", "There is no programme with code PGM-9."),
        (Project, {"portfolio": "pf-404"}, "portfolio", "There is no portfolio with code PF-404."),
        (Project, {"stage": "Limbo"}, "stage", "There is no stage with code or name Limbo."),
        (Allocation, {"person": "PER-404"}, "person", "There is no person with code PER-404."),
        (Allocation, {"role": "CEO"}, "role", "There is no role with code CEO."),
        (Person, {"team": "T-0"}, "team", "There is no team with code T-0."),
        (Milestone, {"project": "PRJ-0"}, "project", "There is no project with code PRJ-0."),
        (
            ProjectDependency,
            {"predecessor": "PRJ-0"},
            "predecessor",
            "There is no project with code PRJ-0.",
        ),
        (
            ProjectDependency,
            {"milestone": "MS-0"},
            "milestone",
            "There is no milestone with code MS-0.",
        ),
    ],
)
def test_an_unknown_code_is_refused_naming_the_field(
    session: Session, world: World, model: type, values: dict[str, str], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        resolve_references(session, model, values)
    assert (refused.value.field, refused.value.message) == (field, message)


def test_an_archived_record_is_refused_naming_the_field(session: Session, world: World) -> None:
    records.archive(session, world.programme)
    with pytest.raises(ValidationError) as refused:
        resolve_references(session, Project, {"programme": "PGM-1"})
    assert refused.value.field == "programme"
    assert (
        refused.value.message == "Programme PGM-1 is archived; restore it first or choose another."
    )


def test_blank_clears_a_reference_and_ids_are_kept(session: Session, world: World) -> None:
    assert resolve_references(session, Project, {"programme": "", "stage": None}) == {
        "programme_id": None,
        "stage_id": None,
    }
    assert resolve_references(session, Project, {"programme": world.programme.id}) == {
        "programme_id": world.programme.id
    }
    assert resolve_references(session, Project, {"programme": world.programme}) == {
        "programme_id": world.programme.id
    }


def test_a_code_and_a_different_id_for_the_same_reference_are_refused(
    session: Session, world: World
) -> None:
    agreeing = resolve_references(
        session, Project, {"programme": "PGM-1", "programme_id": world.programme.id}
    )
    assert agreeing == {"programme_id": world.programme.id}
    with pytest.raises(ValidationError, match="given twice") as refused:
        resolve_references(session, Project, {"programme": "PGM-1", "programme_id": uuid.uuid4()})
    assert refused.value.field == "programme"


def test_keys_the_record_has_no_reference_for_are_left_to_the_record_service(
    session: Session, world: World
) -> None:
    values = resolve_references(session, Team, {"code": "T-2", "name": "Ops", "project": "PRJ-1"})
    assert values == {"code": "T-2", "name": "Ops", "project": "PRJ-1"}
    with pytest.raises(ValidationError, match="A team has no field 'project'"):
        records.create(session, Team, values)


def test_a_stage_is_found_by_code_or_name_and_live_stages_win(
    session: Session, world: World
) -> None:
    assert find_stage(session, "DELIVERY") is world.delivery
    assert find_stage(session, " delivery ") is world.delivery
    assert find_stage(session, "Idea") is world.idea
    records.archive(session, world.idea)
    fresh = records.create(session, Stage, {"code": "IDEA-2", "name": "Idea", "position": 0})
    assert find_stage(session, "idea") is fresh
    assert find_stage(session, "nowhere") is None


def test_describe_gives_codes_and_names_of_what_a_record_refers_to(
    session: Session, world: World
) -> None:
    assert describe(session, world.project) == {
        "portfolio": "PF-1",
        "portfolio_name": "Operations",
        "programme": "PGM-1",
        "programme_name": "Digital workplace",
        "stage": "DELIVERY",
        "stage_name": "Delivery",
    }
    assert describe(session, world.other_project)["programme"] is None
    assert describe(session, world.gate_item) == {"stage": "IDEA", "stage_name": "Idea"}
    assert describe(session, world.person)["team_name"] == "Platform"


def test_code_maps_cover_archived_records_too(session: Session, world: World) -> None:
    records.archive(session, world.other_portfolio)
    maps = code_maps(session, [Portfolio, Project])
    assert maps[Portfolio] == {world.portfolio.id: "PF-1", world.other_portfolio.id: "PF-2"}
    assert maps[Project] == {world.project.id: "PRJ-1", world.other_project.id: "PRJ-2"}
    everything = code_maps(session)
    assert everything[Stage][world.idea.id] == "IDEA"
    assert everything[Person][world.person.id] == "PER-1"
