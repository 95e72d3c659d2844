"""What-if scenarios: tentative allocations and project shifts kept apart from the real plan.

A draft scenario holds tentative allocations (``Allocation.scenario_id``) and
shifts (a project's real allocations moved by N weeks). The matrix shows them
only when asked for the scenario. Committing turns the tentative allocations
into real ones and applies the shifts to the real allocations; discarding
archives the tentative allocations. Both are audited and mark the scenario.
"""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from pmodesk.domain import Allocation, Scenario, ScenarioShift
from pmodesk.domain.enums import ScenarioStatus
from pmodesk.domain.errors import ValidationError
from pmodesk.services import records
from pmodesk.services.capacity.editing import (
    SOURCE,
    real_allocations,
    require_draft_scenario,
    shift_allocations,
)
from pmodesk.services.validation import check_live_project


def create_scenario(
    session: Session, *, code: str, name: str, description: str = "", source: str = ""
) -> Scenario:
    """A new draft scenario."""
    return records.create(
        session,
        Scenario,
        {"code": code, "name": name, "description": description},
        source=source or SOURCE,
    )


def scenario_allocations(session: Session, scenario_id: uuid.UUID) -> list[Allocation]:
    """The live tentative allocations of a scenario."""
    statement = select(Allocation).where(
        col(Allocation.scenario_id) == scenario_id, col(Allocation.archived_at).is_(None)
    )
    return list(session.exec(statement))


def scenario_shifts(session: Session, scenario_id: uuid.UUID) -> list[ScenarioShift]:
    """The live project shifts of a scenario."""
    statement = select(ScenarioShift).where(
        col(ScenarioShift.scenario_id) == scenario_id, col(ScenarioShift.archived_at).is_(None)
    )
    return list(session.exec(statement))


def shift_project(
    session: Session,
    project_id: uuid.UUID,
    weeks: int,
    *,
    scenario_id: uuid.UUID | None = None,
    source: str = "",
) -> int:
    """Move every real allocation of a project by ``weeks`` (e.g. the project slipped).

    With ``scenario_id`` nothing real moves: the scenario records the shift
    (added to any shift it already holds for the project) and the matrix shows
    it in that scenario. Returns the number of real allocations moved (or,
    in a scenario, that the shift moves).
    """
    check_live_project(session, project_id)
    if not weeks:
        raise ValidationError("Shift the project by at least one week.", field="weeks")
    source = source or SOURCE
    allocations = real_allocations(session, project_id)
    if scenario_id is None:
        return shift_allocations(session, allocations, weeks, source=source, batch=uuid.uuid4())
    require_draft_scenario(session, scenario_id)
    existing = session.exec(
        select(ScenarioShift).where(
            col(ScenarioShift.scenario_id) == scenario_id,
            col(ScenarioShift.project_id) == project_id,
        )
    ).first()
    if existing is None:
        records.create(
            session,
            ScenarioShift,
            {"scenario_id": scenario_id, "project_id": project_id, "weeks": weeks},
            source=source,
        )
    else:
        if existing.archived_at is not None:
            records.restore(session, existing, source=source)
            records.update(session, existing, {"weeks": weeks}, source=source)
        else:
            records.update(session, existing, {"weeks": existing.weeks + weeks}, source=source)
    return len(allocations)


def commit_scenario(session: Session, scenario_id: uuid.UUID, *, source: str = "") -> int:
    """Make a draft scenario real; returns the number of allocations written.

    The project shifts move the projects' real allocations first, then the
    scenario's tentative allocations join the real plan (no scenario, not
    tentative). The scenario is marked committed.
    """
    scenario = require_draft_scenario(session, scenario_id)
    source = source or f"commit scenario {scenario.code}"
    batch = uuid.uuid4()
    written = 0
    for shift in scenario_shifts(session, scenario_id):
        if shift.weeks:
            allocations = real_allocations(session, shift.project_id)
            written += shift_allocations(
                session, allocations, shift.weeks, source=source, batch=batch
            )
    for allocation in scenario_allocations(session, scenario_id):
        records.update(
            session,
            allocation,
            {"scenario_id": None, "tentative": False},
            source=source,
            batch=batch,
        )
        written += 1
    records.update(
        session, scenario, {"status": ScenarioStatus.COMMITTED}, source=source, batch=batch
    )
    return written


def discard_scenario(session: Session, scenario_id: uuid.UUID, *, source: str = "") -> int:
    """Drop a draft scenario: its tentative allocations are archived; returns how many."""
    scenario = require_draft_scenario(session, scenario_id)
    source = source or f"discard scenario {scenario.code}"
    batch = uuid.uuid4()
    allocations = scenario_allocations(session, scenario_id)
    for allocation in allocations:
        records.archive(
            session, allocation, reason="scenario discarded", source=source, batch=batch
        )
    records.update(
        session, scenario, {"status": ScenarioStatus.DISCARDED}, source=source, batch=batch
    )
    return len(allocations)
