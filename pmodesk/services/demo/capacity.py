"""The demo's capacity planning data: skills, certificates, training, holidays and a what-if.

``build(world)`` returns labelled row lists in insertion order (parents
first); the generator writes each with ``writer.insert(model, rows, label)``
after the allocations. It draws from ``world.rng`` after everything else, so
the rest of the demo stays the same for a seed.

* A skills catalogue (method, delivery, technical, business) and 2–5 skills
  per person fitting their role, levels 1–5.
* Certificates (PMP, PRINCE2 Practitioner, AWS Solutions Architect, Scrum
  Master …): most valid, some expiring within 90 days, a few expired.
* Training: completed courses in the past year and planned ones ahead.
* Public holidays of the ``default`` calendar (the one the demo's people
  use) for every year of the horizon: the organisation's fixed holidays plus
  Good Friday and Easter Monday.
* One draft scenario: an intake project staffed tentatively for eight weeks,
  and a delivery project shifted four weeks later.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pmodesk.domain import (
    Allocation,
    Certification,
    PersonSkill,
    PublicHoliday,
    Record,
    Scenario,
    ScenarioShift,
    Skill,
    TrainingRecord,
)
from pmodesk.domain.enums import ProjectState, ScenarioStatus, TrainingStatus
from pmodesk.services.capacity.calendar import easter_sunday
from pmodesk.services.demo.names import load_pool
from pmodesk.services.demo.world import DemoPerson, DemoProject, World, between

Row = dict[str, Any]
Labelled = list[tuple[str, type[Record], list[Row]]]

#: (code, name, category)
SKILLS: tuple[tuple[str, str, str], ...] = (
    ("SK-PRINCE2", "PRINCE2", "Method"),
    ("SK-AGILE", "Agile delivery", "Method"),
    ("SK-SCRUM", "Scrum", "Method"),
    ("SK-RISK", "Risk management", "Delivery"),
    ("SK-STAKE", "Stakeholder management", "Delivery"),
    ("SK-BUDGET", "Budgeting and cost control", "Delivery"),
    ("SK-CHANGE", "Change management", "Business"),
    ("SK-PROCESS", "Process mapping", "Business"),
    ("SK-REQ", "Requirements analysis", "Business"),
    ("SK-DATAMOD", "Data modelling", "Technical"),
    ("SK-SQL", "SQL", "Technical"),
    ("SK-PYTHON", "Python", "Technical"),
    ("SK-JAVA", "Java", "Technical"),
    ("SK-CLOUD", "Cloud architecture (AWS / Azure)", "Technical"),
    ("SK-TESTAUTO", "Test automation", "Technical"),
    ("SK-SECURITY", "Information security", "Technical"),
    ("SK-UX", "User research and design", "Technical"),
    ("SK-SAPFI", "SAP FI", "Enterprise applications"),
    ("SK-SALESF", "Salesforce", "Enterprise applications"),
    ("SK-POWERBI", "Power BI", "Technical"),
)

#: Skills each role draws from (role codes of resources/demo/organisation.json).
ROLE_SKILLS: dict[str, tuple[str, ...]] = {
    "PM": ("SK-PRINCE2", "SK-AGILE", "SK-RISK", "SK-STAKE", "SK-BUDGET", "SK-CHANGE"),
    "BA": ("SK-REQ", "SK-PROCESS", "SK-AGILE", "SK-SQL", "SK-SAPFI", "SK-SALESF"),
    "DEV": ("SK-PYTHON", "SK-JAVA", "SK-SQL", "SK-CLOUD", "SK-AGILE", "SK-SALESF"),
    "TEST": ("SK-TESTAUTO", "SK-PYTHON", "SK-AGILE", "SK-SQL"),
    "ARCH": ("SK-CLOUD", "SK-DATAMOD", "SK-SECURITY", "SK-JAVA", "SK-SAPFI"),
    "DATA": ("SK-SQL", "SK-PYTHON", "SK-DATAMOD", "SK-POWERBI"),
    "UX": ("SK-UX", "SK-AGILE", "SK-REQ"),
    "CHG": ("SK-CHANGE", "SK-STAKE", "SK-PROCESS", "SK-PRINCE2"),
    "SM": ("SK-SCRUM", "SK-AGILE", "SK-STAKE", "SK-RISK"),
    "INFRA": ("SK-CLOUD", "SK-SECURITY", "SK-PYTHON"),
    "SEC": ("SK-SECURITY", "SK-CLOUD", "SK-RISK"),
}
LEVEL_WEIGHTS = (1, 3, 5, 3, 1)  # levels 1..5: most people are practitioners

#: (certificate, issuer, years valid or None) per role.
ROLE_CERTIFICATES: dict[str, tuple[tuple[str, str, int | None], ...]] = {
    "PM": (
        ("PMP", "PMI", 3),
        ("PRINCE2 Practitioner", "PeopleCert", 3),
        ("MSP Foundation", "PeopleCert", None),
    ),
    "SM": (
        ("Professional Scrum Master I", "Scrum.org", None),
        ("Certified ScrumMaster", "Scrum Alliance", 2),
    ),
    "BA": (("CBAP", "IIBA", 3), ("PRINCE2 Foundation", "PeopleCert", 3)),
    "DEV": (("AWS Solutions Architect – Associate", "Amazon Web Services", 3),),
    "ARCH": (
        ("AWS Solutions Architect – Professional", "Amazon Web Services", 3),
        ("TOGAF 9 Certified", "The Open Group", None),
    ),
    "INFRA": (("Microsoft Azure Administrator", "Microsoft", 1),),
    "SEC": (("CISSP", "ISC2", 3),),
    "TEST": (("ISTQB Foundation", "ISTQB", None),),
    "CHG": (("Prosci Change Practitioner", "Prosci", None),),
    "DATA": (("Microsoft Power BI Data Analyst", "Microsoft", 1),),
}
COURSES: tuple[tuple[str, str, float], ...] = (
    ("PRINCE2 Practitioner", "QA Ltd", 24.0),
    ("Managing Benefits", "APMG", 16.0),
    ("Agile Project Management", "APMG", 24.0),
    ("Risk management essentials", "In-house PMO", 7.5),
    ("Stakeholder engagement", "In-house PMO", 7.5),
    ("Leading change", "Prosci", 21.0),
    ("AWS Cloud Practitioner", "Amazon Web Services", 14.0),
    ("Data modelling fundamentals", "Udemy Business", 10.0),
    ("Negotiation skills", "Cranfield", 14.0),
    ("Scrum Master training", "Scrum.org", 16.0),
)
SCENARIO_WEEKS = 8
SHIFT_WEEKS = 4


def build(world: World) -> Labelled:
    """Every capacity-planning table of the demo, parents before children."""
    skills = _skills(world)
    codes = {row["code"]: row["id"] for row in skills}
    scenario, shifts, tentative = _scenario(world)
    return [
        ("skills", Skill, skills),
        ("person skills", PersonSkill, _person_skills(world, codes)),
        ("certifications", Certification, _certifications(world)),
        ("training records", TrainingRecord, _training(world)),
        ("public holidays", PublicHoliday, _holidays(world)),
        ("scenarios", Scenario, scenario),
        ("scenario shifts", ScenarioShift, shifts),
        ("scenario allocations", Allocation, tentative),
    ]


def _skills(world: World) -> list[Row]:
    return [
        world.portfolio_row(code=code, name=name, category=category, description="")
        for code, name, category in SKILLS
    ]


def _person_skills(world: World, skill_ids: dict[str, Any]) -> list[Row]:
    rng, rows = world.rng, []
    everyone = [code for code, _name, _category in SKILLS]
    for person in world.people:
        fitting = list(ROLE_SKILLS.get(person.role_code, ()))
        chosen = rng.sample(fitting, min(len(fitting), between(rng, 2, 4)))
        if rng.random() < 0.4:
            chosen.append(rng.choice(everyone))
        for code in dict.fromkeys(chosen):
            level = rng.choices(range(1, 6), weights=LEVEL_WEIGHTS)[0]
            rows.append(
                world.portfolio_row(person_id=person.id, skill_id=skill_ids[code], level=level)
            )
    return rows


def _certifications(world: World) -> list[Row]:
    """Certificates by role; the first holders are made to expire soon or to have expired."""
    rng, today, rows = world.rng, world.today, []
    soon, expired = 0, 0
    for person in world.people:
        offered = ROLE_CERTIFICATES.get(person.role_code, ())
        if not offered or rng.random() < 0.35:
            continue
        for name, issuer, years in rng.sample(offered, between(rng, 1, len(offered))):
            obtained = today - timedelta(days=between(rng, 60, 6 * 365))
            expires = obtained + timedelta(days=365 * years) if years else None
            while expires is not None and expires < today:
                obtained += timedelta(days=365 * (years or 1))  # renewed on time
                expires = obtained + timedelta(days=365 * (years or 1))
            if years and soon < 6:
                expires = today + timedelta(days=between(rng, 7, 85))
                soon += 1
            elif years and expired < 3 and soon >= 6:
                expires = today - timedelta(days=between(rng, 5, 60))
                expired += 1
            if expires is not None and obtained >= expires:
                obtained = expires - timedelta(days=365 * (years or 1))
            rows.append(
                world.portfolio_row(
                    person_id=person.id,
                    name=name,
                    issuer=issuer,
                    obtained_on=obtained,
                    expires_on=expires,
                )
            )
    return rows


def _training(world: World) -> list[Row]:
    rng, today, rows = world.rng, world.today, []
    for person in world.people:
        for _course in range(rng.choice((0, 1, 1, 2))):
            course, provider, hours = rng.choice(COURSES)
            planned = rng.random() < 0.4
            offset = between(rng, 7, 180) if planned else -between(rng, 14, 365)
            starts = today + timedelta(days=offset)
            days = max(1, round(hours / 7.5))
            status = TrainingStatus.PLANNED if planned else TrainingStatus.COMPLETED
            if planned and rng.random() < 0.08:
                status = TrainingStatus.CANCELLED
            rows.append(
                world.portfolio_row(
                    person_id=person.id,
                    course=course,
                    provider=provider,
                    starts_on=starts,
                    ends_on=starts + timedelta(days=days - 1),
                    hours=hours,
                    status=status.value,
                    note="",
                )
            )
    return rows


def holiday_days(first: date, last: date) -> list[tuple[date, str]]:
    """The ``default`` calendar's holidays from ``first`` to ``last`` (inclusive), in order."""
    found: list[tuple[date, str]] = []
    for year in range(first.year, last.year + 1):
        easter = easter_sunday(year)
        days = [
            (date(year, h["month"], h["day"]), str(h["name"]))
            for h in load_pool("organisation")["holidays"]
        ]
        days += [
            (easter - timedelta(days=2), "Good Friday"),
            (easter + timedelta(days=1), "Easter Monday"),
        ]
        found += [(day, name) for day, name in days if first <= day <= last]
    return sorted(found)


def _holidays(world: World) -> list[Row]:
    first = date(world.first_week.year, 1, 1)
    last = date(world.weeks[-1].year + 1, 12, 31)
    return [
        world.portfolio_row(calendar="default", day=day, name=name)
        for day, name in holiday_days(first, last)
    ]


def _intake_project(world: World) -> DemoProject | None:
    candidates = [p for p in world.projects if p.stage <= 1 and p.state == ProjectState.ACTIVE]
    return candidates[0] if candidates else None


def _shifted_project(world: World, intake: DemoProject | None) -> DemoProject | None:
    for project in world.projects:
        window = project.window
        if (
            project is not intake
            and project.state == ProjectState.ACTIVE
            and window is not None
            and window[0] <= world.week_zero <= window[1]
        ):
            return project
    return None


def _staff(world: World, role_codes: tuple[str, ...]) -> list[DemoPerson]:
    """One person for each role (when the pool has one), drawn at random."""
    chosen: list[DemoPerson] = []
    for code in role_codes:
        holders = [p for p in world.people if p.role_code == code and p not in chosen]
        if holders:
            chosen.append(world.rng.choice(holders))
    return chosen


def _scenario(world: World) -> tuple[list[Row], list[Row], list[Row]]:
    """One draft what-if: staff an intake project early, and move a delivery project later."""
    intake = _intake_project(world)
    shifted = _shifted_project(world, intake)
    if intake is None and shifted is None:
        return [], [], []
    parts = []
    if intake is not None:
        parts.append(f"start {intake.code} early")
    if shifted is not None:
        parts.append(f"move {shifted.code} {SHIFT_WEEKS} weeks later")
    scenario = world.portfolio_row(
        code="SCN-001",
        name="Q-intake what-if",
        description="Draft for the portfolio board: " + "; ".join(parts) + ".",
        status=ScenarioStatus.DRAFT.value,
    )
    shifts = []
    if shifted is not None:
        shifts.append(
            world.portfolio_row(
                scenario_id=scenario["id"], project_id=shifted.id, weeks=SHIFT_WEEKS
            )
        )
    tentative: list[Row] = []
    if intake is not None:
        start = world.week_zero + timedelta(weeks=2)
        for person in _staff(world, ("PM", "BA", "DEV", "ARCH")):
            hours = round(person.available * world.rng.choice((0.2, 0.4, 0.5)) * 2) / 2
            for n in range(SCENARIO_WEEKS):
                tentative.append(
                    world.portfolio_row(
                        person_id=person.id,
                        role_id=person.role_id,
                        project_id=intake.id,
                        week_start=start + timedelta(weeks=n),
                        hours=max(0.5, hours),
                        percent_of_capacity=None,
                        tentative=True,
                        scenario_id=scenario["id"],
                        note="What-if: early start",
                    )
                )
    return [scenario], shifts, tentative
