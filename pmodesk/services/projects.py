"""Project use cases: create, edit, change state, archive and restore projects.

These sit on top of :mod:`pmodesk.services.records` and add what a PMO
coordinator expects of a project: related records named by code
(``programme: PGM-3``), a new project placed in the first lifecycle stage and
in its programme's portfolio, an overall RAG that follows the dimensions
unless it is set by hand, and a reason recorded whenever a project is put on
hold, cancelled or closed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlmodel import Session, col, select

from pmodesk.domain import Programme, Project, Stage
from pmodesk.domain.enums import AuditAction, ProjectState, Rag
from pmodesk.domain.errors import ValidationError
from pmodesk.domain.rules import rag_rollup
from pmodesk.services import records
from pmodesk.services.audit import record_event
from pmodesk.services.references import resolve_references
from pmodesk.services.validation import run_validators

RAG_DIMENSIONS: tuple[str, ...] = ("rag_schedule", "rag_cost", "rag_scope", "rag_resources")
#: States a project may only be put in with a reason, kept in the audit trail.
STATES_NEEDING_REASON = frozenset(
    {ProjectState.ON_HOLD, ProjectState.CANCELLED, ProjectState.CLOSED}
)
#: The pseudo-field under which the audit trail keeps the reason for a state change.
STATE_REASON_FIELD = "state_reason"


def first_stage(session: Session) -> Stage | None:
    """The first live stage of the lifecycle, where new projects start."""
    statement = (
        select(Stage)
        .where(col(Stage.archived_at).is_(None))
        .order_by(col(Stage.position), col(Stage.code))
    )
    return session.exec(statement).first()


def parse_state(value: ProjectState | str) -> ProjectState:
    """``"On hold"``, ``"on_hold"`` or ``ProjectState.ON_HOLD`` -> ``ProjectState.ON_HOLD``."""
    if isinstance(value, ProjectState):
        return value
    text = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return ProjectState(text)
    except ValueError:
        allowed = ", ".join(s.label.lower() for s in ProjectState)
        raise ValidationError(f"State {value!r} is not one of {allowed}.", field="state") from None


def _as_rag(value: Any) -> Rag | None:
    """A RAG value as given, or ``None``; raises ``ValueError`` for what is not a RAG."""
    if value is None or isinstance(value, Rag):
        return value
    text = str(value).strip().lower()
    return Rag(text) if text else None


def _with_overall_rag(current: Mapping[str, Any], values: dict[str, Any]) -> None:
    """Set ``rag_overall`` to the roll-up when dimensions are given and the overall is not."""
    if "rag_overall" in values or not any(d in values for d in RAG_DIMENSIONS):
        return
    try:
        dimensions = [_as_rag(values.get(d, current.get(d))) for d in RAG_DIMENSIONS]
    except ValueError:
        return  # the record service refuses the bad dimension, naming its field
    values["rag_overall"] = rag_rollup(dimensions)


def _check_reason(project_code: str, state: ProjectState, reason: str) -> None:
    if state in STATES_NEEDING_REASON and not reason.strip():
        raise ValidationError(
            f"Say why project {project_code or '(new)'} is being marked {state.label.lower()}; "
            "a reason is required.",
            field="reason",
        )


def create_project(
    session: Session,
    values: Mapping[str, Any],
    *,
    source: str = "",
    batch: uuid.UUID | None = None,
) -> Project:
    """Create a project from plain values; related records may be named by code.

    Without a stage the project starts in the first lifecycle stage; without a
    portfolio it goes into its programme's portfolio. A state other than active
    needs a ``reason``.
    """
    given = dict(values)
    reason = str(given.pop("reason", "") or "")
    resolved = resolve_references(session, Project, given)
    if resolved.get("stage_id") is None and "stage" not in given:
        stage = first_stage(session)
        if stage is not None:
            resolved["stage_id"] = stage.id
    programme_id = resolved.get("programme_id")
    if programme_id is not None and resolved.get("portfolio_id") is None:
        programme = session.get(Programme, programme_id)
        if programme is not None:
            resolved["portfolio_id"] = programme.portfolio_id
    _with_overall_rag({}, resolved)
    state = parse_state(resolved["state"]) if resolved.get("state") else ProjectState.ACTIVE
    _check_reason(str(resolved.get("code", "")).strip().upper(), state, reason)
    batch = batch or (uuid.uuid4() if reason else None)
    project = records.create(session, Project, resolved, source=source, batch=batch)
    if reason:
        _record_state_reason(session, project, reason, source=source, batch=batch)
    return project


def _record_state_reason(
    session: Session, project: Project, reason: str, *, source: str, batch: uuid.UUID | None
) -> None:
    """The reason for a state change, as its own audit event beside the state's."""
    record_event(
        session,
        AuditAction.UPDATE,
        project,
        field=STATE_REASON_FIELD,
        new=reason.strip(),
        source=source,
        batch=batch,
    )


def update_project(
    session: Session,
    project: Project,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
    source: str = "",
    batch: uuid.UUID | None = None,
) -> list[str]:
    """Apply ``changes`` (codes allowed for references); returns the fields that changed.

    Moving the project to another programme moves it to that programme's
    portfolio unless a portfolio is given too. Changing the state to on hold,
    cancelled or closed needs a ``reason`` among the changes.
    """
    given = dict(changes)
    reason = str(given.pop("reason", "") or "")
    resolved = resolve_references(session, Project, given)
    new_programme = resolved.get("programme_id")
    if (
        "programme_id" in resolved
        and new_programme is not None
        and new_programme != project.programme_id
        and "portfolio_id" not in resolved
    ):
        programme = session.get(Programme, new_programme)
        if programme is not None and programme.portfolio_id is not None:
            resolved["portfolio_id"] = programme.portfolio_id
    _with_overall_rag(project.model_dump(), resolved)
    state_changes = "state" in resolved and parse_state(resolved["state"]) != project.state
    if state_changes:
        _check_reason(project.code, parse_state(resolved["state"]), reason)
    if reason and state_changes:
        batch = batch or uuid.uuid4()
    changed = records.update(
        session,
        project,
        resolved,
        expected_version=expected_version,
        source=source,
        batch=batch,
    )
    if reason and "state" in changed:
        _record_state_reason(session, project, reason, source=source, batch=batch)
    return changed


def change_state(
    session: Session,
    project: Project,
    state: ProjectState | str,
    reason: str = "",
    *,
    source: str = "",
) -> list[str]:
    """Put a project on hold, cancel, close or reactivate it; the reason is audited.

    Returns ``["state"]``, or ``[]`` when the project already is in that state.
    """
    return update_project(
        session, project, {"state": parse_state(state), "reason": reason}, source=source
    )


def _projects(session: Session, ids: Iterable[uuid.UUID]) -> list[Project]:
    return [records.get(session, Project, project_id) for project_id in dict.fromkeys(ids)]


def archive_projects(
    session: Session, ids: Iterable[uuid.UUID], reason: str = "", *, source: str = ""
) -> list[Project]:
    """Archive the projects as one audited batch; those already archived are left as they are."""
    batch = uuid.uuid4()
    projects = _projects(session, ids)
    for project in projects:
        records.archive(session, project, reason=reason.strip(), source=source, batch=batch)
    return projects


def restore_projects(
    session: Session, ids: Iterable[uuid.UUID], *, source: str = ""
) -> list[Project]:
    """Restore archived projects as one audited batch; refused whole when one cannot come back."""
    batch = uuid.uuid4()
    projects = _projects(session, ids)
    for project in projects:  # check them all before restoring any
        if project.archived_at is not None:
            run_validators(session, project, None)
    for project in projects:
        records.restore(session, project, source=source, batch=batch)
    return projects
