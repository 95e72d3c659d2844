"""Intake: a new idea enters the first lifecycle stage from the intake form.

The sponsor states the problem, the benefits expected, a rough cost and how
strongly the idea serves each strategic objective (0–5). The idea becomes an
active project in the first stage: the problem is its description, the rough
cost its budget, and each objective with a contribution above zero an
alignment. Everything is written as one audited batch.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select

from pmodesk.domain import Project, ProjectObjective, StrategicObjective
from pmodesk.domain.enums import ProjectState
from pmodesk.domain.errors import ValidationError
from pmodesk.services import records
from pmodesk.services.lookups import next_code
from pmodesk.services.projects import create_project, first_stage

__all__ = ["submit_intake"]

CONTRIBUTION_MIN, CONTRIBUTION_MAX = 0, 5


def _required(value: str, field: str, what: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{what} is required on the intake form.", field=field)
    return text


def _rough_cost(value: float | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(
            f"The rough cost must be an amount, not {value!r}.", field="rough_cost"
        )
    if value < 0:
        raise ValidationError(f"The rough cost cannot be negative ({value:g}).", field="rough_cost")
    return float(value)


def _alignments(session: Session, objectives: Mapping[str, int]) -> list[tuple[uuid.UUID, int]]:
    """(objective id, contribution) for each objective given a contribution above zero."""
    found: list[tuple[uuid.UUID, int]] = []
    for code, contribution in objectives.items():
        if (
            isinstance(contribution, bool)
            or not isinstance(contribution, int)
            or not CONTRIBUTION_MIN <= contribution <= CONTRIBUTION_MAX
        ):
            raise ValidationError(
                f"The contribution to objective {code} is a whole number from "
                f"{CONTRIBUTION_MIN} to {CONTRIBUTION_MAX}, not {contribution!r}.",
                field="objectives",
            )
        objective = session.exec(
            select(StrategicObjective).where(StrategicObjective.code == code.strip().upper())
        ).first()
        if objective is None or objective.archived_at is not None:
            state = " (it is archived)" if objective is not None else ""
            raise ValidationError(
                f"There is no strategic objective with code {code.strip().upper()}{state}.",
                field="objectives",
            )
        if contribution > 0:
            found.append((objective.id, contribution))
    return found


def submit_intake(
    session: Session,
    *,
    name: str,
    sponsor: str,
    problem: str,
    expected_benefits: str,
    rough_cost: float | None,
    objectives: Mapping[str, int] | None = None,
    manager: str = "",
    department: str = "",
    code: str | None = None,
    source: str = "",
) -> uuid.UUID:
    """Create the project an intake form describes; returns its id.

    Without a ``code`` the next free ``PRJ-nnn`` is used. Name, sponsor and
    problem are required; each refusal names its form field.
    """
    values: dict[str, Any] = {
        "name": _required(name, "name", "A name for the idea"),
        "sponsor": _required(sponsor, "sponsor", "A sponsor"),
        "description": _required(problem, "problem", "The problem or opportunity"),
        "expected_benefits": (expected_benefits or "").strip(),
        "budget": _rough_cost(rough_cost),
        "manager": manager,
        "department": department,
        "state": ProjectState.ACTIVE,
    }
    links = _alignments(session, objectives or {})
    stage = first_stage(session)
    if stage is None:
        raise ValidationError(
            "The workspace has no lifecycle stages, so a new idea has nowhere to start; "
            "set up the lifecycle first.",
            field="stage_id",
        )
    values["stage_id"] = stage.id
    values["code"] = (code or "").strip().upper() or next_code(session, Project)
    batch = uuid.uuid4()
    project = create_project(session, values, source=source, batch=batch)
    for objective_id, contribution in links:
        records.create(
            session,
            ProjectObjective,
            {"project_id": project.id, "objective_id": objective_id, "contribution": contribution},
            source=source,
            batch=batch,
        )
    return project.id
