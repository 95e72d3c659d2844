"""Filling an empty workspace with a realistic demo portfolio, in one transaction.

``generate_demo`` sets the workspace up (lifecycle, settings), then makes the
portfolio table by table and writes each through SQLAlchemy Core. Everything
happens in one transaction: a cancel or an error leaves the workspace exactly
as it was. The content depends only on the size, the seed and ``today``.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlmodel import Session, col, func, select

from pmodesk.domain import (
    Allocation,
    AuditEvent,
    Benefit,
    CapacityException,
    Decision,
    GateChecklistItem,
    Lesson,
    Milestone,
    Person,
    Portfolio,
    Programme,
    Project,
    ProjectChecklistItem,
    ProjectDependency,
    ProjectObjective,
    RaidItem,
    Record,
    Role,
    ScoringCriterion,
    Stage,
    StatusReport,
    StrategicObjective,
    Team,
    Template,
    WorkspaceSetting,
    utcnow,
)
from pmodesk.domain.enums import AuditAction
from pmodesk.domain.errors import ValidationError
from pmodesk.services.audit import current_user
from pmodesk.services.demo import (
    capacity,
    delivery,
    governance,
    outcomes,
    paper_trail,
    people,
    portfolio,
    scoring,
)
from pmodesk.services.demo.world import DemoSize, StageInfo, World
from pmodesk.services.demo.writer import BulkWriter, Cancelled, Progress, table_of
from pmodesk.services.settings import CURRENCY, get_setting
from pmodesk.services.setup import is_empty, prepare_session
from pmodesk.store import Workspace

#: Tables written by the generator, in the order their foreign keys need.
STEPS = 30
DEMO_STAGES = 6
BULK_CACHE_KIB = 256 * 1024
LIMITS = {
    "projects": (1, 100_000),
    "people": (1, 20_000),
    "weeks": (1, 520),
    "portfolios": (1, 100),
    "programmes": (0, 1_000),
    "teams": (1, 1_000),
}
SETUP_TABLES: tuple[type[Record], ...] = (
    Stage,
    GateChecklistItem,
    ScoringCriterion,
    Template,
    WorkspaceSetting,
    AuditEvent,
)


def check_size(size: DemoSize) -> None:
    """Refuse sizes the demo cannot make, naming the option."""
    for name, (low, high) in LIMITS.items():
        value = getattr(size, name)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValidationError(
                f"The demo's {name} must be a whole number from {low:,} to {high:,}, not {value!r}.",
                field=name,
            )
    if not isinstance(size.seed, int) or isinstance(size.seed, bool):
        raise ValidationError(
            f"The demo's seed must be a whole number, not {size.seed!r}.", field="seed"
        )


def _stages(session: Session) -> list[StageInfo]:
    """The workspace's lifecycle mapped onto the demo's six stages (Idea … Closed)."""
    stages = list(session.exec(select(Stage).order_by(col(Stage.position))))
    items = session.exec(select(GateChecklistItem).order_by(col(GateChecklistItem.position)))
    gate: dict[uuid.UUID, list[tuple[uuid.UUID, bool]]] = {}
    for item in items:
        gate.setdefault(item.stage_id, []).append((item.id, item.required))
    infos = [StageInfo(s.id, s.code, s.name, s.position, gate.get(s.id, [])) for s in stages]
    last = len(infos) - 1
    return [infos[round(k * last / (DEMO_STAGES - 1))] for k in range(DEMO_STAGES)]


@contextmanager
def _large_page_cache(session: Session) -> Iterator[None]:
    """A larger SQLite page cache while bulk writing: index pages stay in memory.

    With SQLite's default 2 MiB cache, a 10,000-project demo spends most of its
    time re-reading index pages; the cache grows only as far as it is used.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


def _count(session: Session, model: type[Record]) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def _write_portfolio(world: World, writer: BulkWriter, session: Session) -> None:
    """Every table of the demo, parents before children."""
    writer.begin_step("Naming teams, roles and people")
    teams, roles = people.teams_and_roles(world)
    persons = people.people(world, teams)
    writer.insert(Role, roles, "roles")
    writer.insert(Team, teams, "teams")
    writer.insert(Person, persons, "people")
    writer.begin_step("Shaping portfolios and programmes")
    portfolios, programmes, objectives = portfolio.structure(world)
    writer.insert(Portfolio, portfolios, "portfolios")
    writer.insert(Programme, programmes, "programmes")
    writer.insert(StrategicObjective, objectives, "strategic objectives")
    steps: list[tuple[str, type[Record], Callable[[World], list[dict[str, Any]]]]] = [
        ("projects", Project, portfolio.projects),
        ("objective alignments", ProjectObjective, portfolio.alignments),
        ("milestones", Milestone, delivery.milestones),
        ("project dependencies", ProjectDependency, delivery.dependencies),
        ("gate checklist answers", ProjectChecklistItem, delivery.checklist_answers),
        ("RAID items", RaidItem, governance.raid_items),
        ("decisions", Decision, governance.decisions),
        ("status reports", StatusReport, governance.status_reports),
        ("benefits", Benefit, outcomes.benefits),
        ("lessons learned", Lesson, outcomes.lessons),
        ("capacity exceptions", CapacityException, people.capacity_exceptions),
        ("allocations", Allocation, people.allocations),
    ]
    for label, model, build in steps:
        writer.begin_step(f"Preparing {label}")
        writer.insert(model, build(world), label)
    # Skills, certifications, training, public holidays and a what-if scenario come last,
    # so the rest of the demo stays the same for a seed.
    for label, model, rows in capacity.build(world):
        writer.begin_step(f"Preparing {label}")
        writer.insert(model, rows, label)
    # Scores need the projects and their objective alignments, and the criteria set-up seeded.
    writer.begin_step("Scoring projects")
    for label, model, rows in scoring.build(world, session):
        writer.insert(model, rows, label)
    scoring.write_priority_scores(world, session)
    for label, model, rows in paper_trail.build(world, session):
        writer.begin_step(f"Preparing {label}")
        writer.insert(model, rows, label)


def _audit_summary(world: World, session: Session, counts: dict[str, int]) -> None:
    """One audit event for the whole demo: who made it, when, and how many rows of each kind."""
    batch = world.ids.next()
    row = world.row(
        at=world.now,
        user=current_user(),
        action=AuditAction.CREATE.value,
        entity="workspace",
        entity_id=batch,
        code="DEMO",
        field="demo",
        old=None,
        new=json.dumps(counts, sort_keys=True),
        source=f"demo seed {world.size.seed}",
        batch=batch,
    )
    session.connection().execute(table_of(AuditEvent).insert(), [row])


def generate_demo(
    workspace: Workspace,
    size: DemoSize = DemoSize(),  # noqa: B008 - frozen dataclass, safe as a default
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    today: date | None = None,
) -> dict[str, int]:
    """Fill an empty workspace with a demo portfolio; returns the rows written per table.

    ``progress(done, total, message)`` is called regularly; ``cancelled()`` is
    polled and, when it answers True, :class:`DemoCancelled` is raised and
    nothing is written. A workspace that already holds projects is refused.
    """
    check_size(size)
    with workspace.session() as session:
        if not is_empty(session):
            raise ValidationError(
                f"The workspace {workspace.display_location} already holds projects; "
                "the demo portfolio can only be created in an empty workspace."
            )
        writer = BulkWriter(session.connection(), STEPS, progress=progress, cancelled=cancelled)
        writer.begin_step("Setting up the lifecycle and settings")
        seeded = prepare_session(session)
        counts = {table_of(m).name: _count(session, m) for m in SETUP_TABLES} if seeded else {}
        world = World(
            size=size,
            today=today or date.today(),
            rng=random.Random(size.seed),
            now=utcnow(),
            currency=str(get_setting(session, CURRENCY)),
        )
        world.stages = _stages(session)
        with _large_page_cache(session):
            _write_portfolio(world, writer, session)
        counts |= writer.counts
        counts["audit_event"] = counts.get("audit_event", 0) + 1
        _audit_summary(world, session, writer.counts)
        writer.finish("The demo portfolio is ready")
    return counts
