"""Staffing search, expiring certificates, and the rules of skills, holidays and scenarios."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from capacity_world import W1, W2, W3, Plan, build_plan
from sqlmodel import Session

from pmodesk.domain import (
    Certification,
    Person,
    PersonSkill,
    PublicHoliday,
    Record,
    Scenario,
    ScenarioShift,
    Skill,
    TrainingRecord,
)
from pmodesk.domain.errors import ConflictError, DomainError, ValidationError
from pmodesk.services import capacity, records

TODAY = date(2025, 9, 1)


@pytest.fixture
def plan(session: Session) -> Plan:
    return build_plan(session)


@pytest.fixture
def python(session: Session, plan: Plan) -> Skill:
    skill = records.create(session, Skill, {"code": "SK-PY", "name": "Python"})
    dan = records.create(
        session, Person, {"code": "EMP-4", "name": "Dan Dale", "team_id": plan.data.id}
    )
    for person, level in ((plan.ann, 3), (plan.ben, 5), (plan.cat, 4), (dan, 2)):
        records.create(
            session, PersonSkill, {"person_id": person.id, "skill_id": skill.id, "level": level}
        )
    return skill


def test_staffing_search_best_fit_first(session: Session, plan: Plan, python: Skill) -> None:
    # Free hours (capacity − load) over the three weeks:
    #   Ann 7.5 / 7.5 / 0; Ben 0 / 22.5 / 9; Cat 37.5 / 0 (leave) / 37.5; Dan 37.5 × 3.
    matches = capacity.staffing_search(
        session, skill_id=python.id, min_level=3, start=W1, weeks=3, hours_per_week=8
    )
    assert [(m.name, m.level, m.weeks_covered) for m in matches] == [
        ("Ben Baker", 5, 2),  # as many weeks as Cat, higher level
        ("Cat Cole", 4, 2),
    ]
    cat = matches[1]
    assert cat.min_free_hours == -10.0
    assert cat.average_free_hours == pytest.approx(65 / 3)
    assert (cat.team, cat.role, cat.weeks, cat.covers_all) == ("Data", "Developer", 3, False)
    everyone = capacity.staffing_search(
        session, skill_id=python.id, start=W1, weeks=3, hours_per_week=7.5, min_share=0
    )
    assert [(m.name, m.weeks_covered) for m in everyone] == [
        ("Dan Dale", 3),
        ("Ben Baker", 2),
        ("Cat Cole", 2),
        ("Ann Archer", 2),
    ]
    assert everyone[0].covers_all


def test_released_hours_count_as_free(session: Session, plan: Plan, python: Skill) -> None:
    records.update(session, plan.active, {"state": "on_hold"})
    matches = capacity.staffing_search(
        session, skill_id=python.id, min_level=5, start=W1, weeks=3, hours_per_week=18
    )
    assert [(m.name, m.weeks_covered) for m in matches] == [("Ben Baker", 3)]


def test_staffing_search_refuses_bad_input(session: Session, python: Skill) -> None:
    with pytest.raises(ValidationError, match="1 to 5, not 6"):
        capacity.staffing_search(
            session, skill_id=python.id, min_level=6, start=W1, weeks=2, hours_per_week=4
        )
    with pytest.raises(ValidationError, match="above 0"):
        capacity.staffing_search(session, skill_id=python.id, start=W1, weeks=2, hours_per_week=0)


def certify(session: Session, person: Person, name: str, expires: date | None) -> None:
    records.create(
        session,
        Certification,
        {"person_id": person.id, "name": name, "issuer": "PMI", "expires_on": expires},
    )


def test_expiring_certifications_soonest_first(session: Session, plan: Plan) -> None:
    certify(session, plan.ann, "PMP", date(2025, 11, 1))  # in 61 days
    certify(session, plan.ben, "PRINCE2 Practitioner", date(2025, 8, 1))  # expired
    certify(session, plan.cat, "Scrum Master", date(2026, 3, 1))  # beyond 90 days
    certify(session, plan.cat, "AWS Solutions Architect", date(2025, 9, 20))
    certify(session, plan.cat, "AWS Solutions Architect", date(2028, 9, 20))  # renewed
    certify(session, plan.ann, "MSP", None)  # never expires
    found = capacity.expiring_certifications(session, within_days=90, today=TODAY)
    assert [(c.person_name, c.name, c.days_left, c.expired) for c in found] == [
        ("Ben Baker", "PRINCE2 Practitioner", -31, True),
        ("Ann Archer", "PMP", 61, False),
    ]
    assert found[1].team == "Platform"


def test_week_helpers() -> None:
    assert capacity.monday_of(date(2025, 10, 5)) == W2
    assert capacity.week_starts(date(2025, 9, 24), 3) == [W1, W2, W3]
    assert capacity.month_span(date(2025, 10, 1), 1) == (W2, 5)  # 29 Sep … week of 27 Oct


def _make(session: Session, plan: Plan, model: type[Record], **values: Any) -> Record:
    return records.create(session, model, values)


@pytest.mark.parametrize(
    ("model", "values", "error", "message"),
    [
        (Skill, {"code": "SK-1", "name": " "}, ValidationError, "A skill name is required"),
        (PersonSkill, {"level": 6}, ValidationError, r"1 \(aware\) to 5 \(expert\), not 6"),
        (PersonSkill, {"level": 2}, ConflictError, "Ann Archer already has skill SK-X"),
        (
            Certification,
            {"name": "PMP", "obtained_on": date(2025, 1, 1), "expires_on": date(2024, 1, 1)},
            ValidationError,
            "must be after the date obtained",
        ),
        (
            TrainingRecord,
            {"course": "Agile", "starts_on": date(2025, 5, 2), "ends_on": date(2025, 5, 1)},
            ValidationError,
            "end date .* is before the start date",
        ),
        (
            PublicHoliday,
            {"calendar": "UK", "day": date(2025, 10, 8), "name": "Again"},
            ConflictError,
            "Calendar UK already has a holiday on 2025-10-08",
        ),
        (Scenario, {"code": "SCN-9", "name": ""}, ValidationError, "A scenario name"),
        (ScenarioShift, {"weeks": 300}, ValidationError, "between -260 and 260"),
    ],
)
def test_rules_of_the_new_record_kinds(
    session: Session,
    plan: Plan,
    model: type[Record],
    values: dict[str, Any],
    error: type[DomainError],
    message: str,
) -> None:
    skill = records.create(session, Skill, {"code": "SK-X", "name": "SAP FI"})
    records.create(
        session, PersonSkill, {"person_id": plan.ann.id, "skill_id": skill.id, "level": 3}
    )
    scenario = capacity.create_scenario(session, code="SCN-1", name="What if")
    defaults: dict[type[Record], dict[str, Any]] = {
        PersonSkill: {"person_id": plan.ann.id, "skill_id": skill.id},
        Certification: {"person_id": plan.ann.id},
        TrainingRecord: {"person_id": plan.ann.id},
        ScenarioShift: {"scenario_id": scenario.id, "project_id": plan.active.id},
    }
    with pytest.raises(error, match=message):
        records.create(session, model, defaults.get(model, {}) | values)
