"""The demo's capacity data, written the way the generator wires it (after the allocations)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

import pytest
from sqlmodel import Session, func, select

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
    utcnow,
)
from pmodesk.domain.enums import ScenarioStatus
from pmodesk.services import capacity
from pmodesk.services.demo import capacity as demo_capacity
from pmodesk.services.demo import generator
from pmodesk.services.demo.world import DemoSize, World
from pmodesk.services.demo.writer import BulkWriter
from pmodesk.services.setup import prepare_session
from pmodesk.services.validation import run_validators
from pmodesk.store import Workspace

TODAY = date(2026, 3, 18)
CAPACITY_LABELS = {
    "skills",
    "person skills",
    "certifications",
    "training records",
    "public holidays",
    "scenarios",
    "scenario shifts",
    "scenario allocations",
}
SIZE = DemoSize(projects=40, people=80, weeks=26, portfolios=2, programmes=3, teams=6, seed=11)


@pytest.fixture
def demo(workspace: Workspace) -> Iterator[tuple[Session, World, dict[str, int]]]:
    with workspace.session() as session:
        writer = BulkWriter(session.connection(), generator.STEPS + 8)
        prepare_session(session)
        world = World(size=SIZE, today=TODAY, rng=random.Random(SIZE.seed), now=utcnow())
        world.stages = generator._stages(session)
        written: dict[str, int] = {}
        insert = writer.insert

        def recording_insert(
            model: type[Record], rows: list[dict[str, object]], label: str
        ) -> None:
            if label in CAPACITY_LABELS:
                written[label] = written.get(label, 0) + len(rows)
            insert(model, rows, label)

        writer.insert = recording_insert  # type: ignore[method-assign]
        generator._write_portfolio(world, writer, session)
        assert set(written) == CAPACITY_LABELS
        yield session, world, written


def _count(session: Session, model: type[Record]) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def test_every_capacity_table_gets_rows_that_pass_validation(
    demo: tuple[Session, World, dict[str, int]],
) -> None:
    session, _world, written = demo
    assert all(written[label] > 0 for label in written), written
    assert len(demo_capacity.SKILLS) == _count(session, Skill)
    for model in (Skill, PersonSkill, Certification, TrainingRecord, PublicHoliday, Scenario):
        for record in session.exec(select(model)):
            run_validators(session, record, None)
    for shift in session.exec(select(ScenarioShift)):
        run_validators(session, shift, None)
    names = {h.name for h in session.exec(select(PublicHoliday))}
    assert {"Good Friday", "Easter Monday", "Christmas Day"} <= names
    assert (
        session.exec(select(PublicHoliday).where(PublicHoliday.day == date(2026, 4, 3))).one().name
        == "Good Friday"
    )


def test_certificates_expire_soon_and_some_have_expired(
    demo: tuple[Session, World, dict[str, int]],
) -> None:
    session, _world, _written = demo
    found = capacity.expiring_certifications(session, within_days=90, today=TODAY)
    assert sum(c.expired for c in found) == 3
    assert sum(not c.expired for c in found) >= 6
    assert {"PMP", "PRINCE2 Practitioner"} & {c.name for c in session.exec(select(Certification))}


def test_the_draft_scenario_changes_the_plan_only_when_shown(
    demo: tuple[Session, World, dict[str, int]],
) -> None:
    session, world, written = demo
    scenario = session.exec(select(Scenario)).one()
    assert scenario.status == ScenarioStatus.DRAFT
    assert written["scenario allocations"] == 8 * 4
    assert all(
        a.tentative
        for a in session.exec(select(Allocation).where(Allocation.scenario_id == scenario.id))
    )
    query = capacity.MatrixQuery(world.week_zero, 12)
    real = capacity.capacity_matrix(session, query)
    what_if = capacity.capacity_matrix(
        session, capacity.MatrixQuery(world.week_zero, 12, scenario_id=scenario.id)
    )
    assert what_if.allocated.sum() != pytest.approx(real.allocated.sum())
    assert (real.capacity > 0).any()


def test_staffing_search_finds_people_in_the_demo(
    demo: tuple[Session, World, dict[str, int]],
) -> None:
    session, world, _written = demo
    skill = session.exec(select(Skill).where(Skill.code == "SK-AGILE")).one()
    matches = capacity.staffing_search(
        session, skill_id=skill.id, start=world.week_zero, weeks=8, hours_per_week=4, min_share=0
    )
    assert matches
    assert [m.weeks_covered for m in matches] == sorted(
        (m.weeks_covered for m in matches), reverse=True
    )
