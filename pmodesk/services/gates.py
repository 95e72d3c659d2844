"""Stage gates: moving a project from one lifecycle stage to another, as strictly as the PMO says.

A stage's checklist items are its *exit* gate. Moving a project forward
passes the exit gate of every stage it leaves (usually one; a skip passes
several). How strictly a gate applies is the workspace setting ``gate_mode``,
after the three kinds of PMO:

* supportive: missing items are shown as advice and the move goes ahead;
* controlling: the move is refused until every required item is done, or
  waived with a recorded reason;
* directive: as controlling, and the move also needs an approved decision
  recorded by the PMO for entering that stage, with its forum and date.

Moving back needs a reason in every mode. Every move is audited (the stage
change plus an event with the reason, in one batch) and can be undone with
:func:`restore_stage`.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlmodel import Session, col, select

from pmodesk.domain import Decision, GateChecklistItem, Project, ProjectChecklistItem, Stage, utcnow
from pmodesk.domain.enums import (
    AuditAction,
    ChecklistStatus,
    DecisionStatus,
    GateMode,
    ProjectState,
)
from pmodesk.domain.errors import NotFoundError, ValidationError
from pmodesk.services import records
from pmodesk.services.audit import current_user, record_event
from pmodesk.services.lookups import next_code
from pmodesk.services.settings import GATE_MODE, get_setting

__all__ = [
    "STAGE_REASON_FIELD",
    "GateCheck",
    "GateItem",
    "GateRefused",
    "adjacent_stages",
    "check_gate",
    "move_project",
    "record_checklist",
    "record_gate_decision",
    "restore_stage",
]

#: The pseudo-field under which the audit trail keeps the reason for a stage move.
STAGE_REASON_FIELD = "stage_reason"
#: States from which a project does not move through the lifecycle any more.
ENDED_STATES = frozenset({ProjectState.CANCELLED, ProjectState.CLOSED})

Direction = Literal["forward", "back", "same"]


class GateRefused(ValidationError):
    """The gate refuses the move; the message lists the blockers, one sentence each."""

    def __init__(self, message: str, *, check: GateCheck | None = None) -> None:
        super().__init__(message, field="stage_id")
        self.check = check


@dataclass(frozen=True)
class GateItem:
    """One exit-gate checklist item and this project's answer to it."""

    item_id: uuid.UUID
    code: str
    text: str
    required: bool
    status: ChecklistStatus
    reason: str

    @property
    def satisfied(self) -> bool:
        """Done, or waived (a waiver always carries its reason)."""
        return self.status is not ChecklistStatus.MISSING


@dataclass(frozen=True)
class GateCheck:
    """What moving a project to a stage involves, and whether the move may go ahead now."""

    project_id: uuid.UUID
    project_code: str
    from_stage_id: uuid.UUID | None
    from_stage_name: str
    to_stage_id: uuid.UUID
    to_stage_name: str
    direction: Direction
    mode: GateMode
    items: list[GateItem]
    missing_required: list[GateItem]
    needs_reason: bool
    needs_decision: bool
    decision_id: uuid.UUID | None
    allowed: bool
    advice: list[str]
    blockers: list[str]


# ------------------------------------------------------------------ reading


def _live_stages(session: Session) -> list[Stage]:
    statement = (
        select(Stage)
        .where(col(Stage.archived_at).is_(None))
        .order_by(col(Stage.position), col(Stage.code))
    )
    return list(session.exec(statement))


def _stage(session: Session, stage_id: uuid.UUID) -> Stage:
    stage = session.get(Stage, stage_id)
    if stage is None:
        raise NotFoundError("That stage no longer exists.", field="stage_id")
    return stage


def _gate_items(session: Session, project_id: uuid.UUID, stages: list[Stage]) -> list[GateItem]:
    """The exit gates of ``stages`` (in lifecycle order) with the project's answers."""
    if not stages:
        return []
    order = {s.id: n for n, s in enumerate(stages)}
    items = list(
        session.exec(
            select(GateChecklistItem).where(
                col(GateChecklistItem.stage_id).in_(list(order)),
                col(GateChecklistItem.archived_at).is_(None),
            )
        )
    )
    items.sort(key=lambda i: (order[i.stage_id], i.position, i.code))
    answers = {
        a.item_id: a
        for a in session.exec(
            select(ProjectChecklistItem).where(
                ProjectChecklistItem.project_id == project_id,
                col(ProjectChecklistItem.archived_at).is_(None),
            )
        )
    }
    found = []
    for item in items:
        answer = answers.get(item.id)
        found.append(
            GateItem(
                item_id=item.id,
                code=item.code,
                text=item.text,
                required=item.required,
                status=answer.status if answer is not None else ChecklistStatus.MISSING,
                reason=answer.reason if answer is not None else "",
            )
        )
    return found


def _decisions(session: Session, project_id: uuid.UUID, stage_id: uuid.UUID) -> list[Decision]:
    """Live decisions about this project entering this stage, the latest first."""
    statement = select(Decision).where(
        Decision.project_id == project_id,
        Decision.stage_id == stage_id,
        col(Decision.archived_at).is_(None),
    )
    found = list(session.exec(statement))
    found.sort(key=lambda d: (d.decided_on or date.min, d.created_at), reverse=True)
    return found


def _qualifies(decision: Decision) -> bool:
    return (
        decision.status is DecisionStatus.APPROVED
        and decision.decided_on is not None
        and bool(decision.forum.strip())
    )


def _decision_blocker(
    decisions: list[Decision], project: Project, stage: Stage
) -> tuple[uuid.UUID | None, str]:
    """The approved decision authorising the move, or a sentence saying what is missing."""
    for decision in decisions:
        if _qualifies(decision):
            return decision.id, ""
    approved = [d for d in decisions if d.status is DecisionStatus.APPROVED]
    if approved:
        d = approved[0]
        missing = [
            what
            for what, absent in (("forum", not d.forum.strip()), ("date", d.decided_on is None))
            if absent
        ]
        return None, (
            f"Decision {d.code} approves moving {project.code} into {stage.name} but has no "
            f"{' and no '.join(missing)} recorded; record {'them' if len(missing) > 1 else 'it'}."
        )
    if decisions:
        d = decisions[0]
        return None, (
            f"Decision {d.code} on moving {project.code} into {stage.name} is {d.status.value}, "
            "not approved; the PMO must approve the move first."
        )
    return None, (
        f"The PMO must record a decision approving the move of {project.code} into "
        f"{stage.name}, with the forum and the date it was taken."
    )


def _item_phrase(item: GateItem) -> str:
    return f"'{item.text}' ({item.code})"


def check_gate(session: Session, project_id: uuid.UUID, to_stage_id: uuid.UUID) -> GateCheck:
    """What moving ``project_id`` to ``to_stage_id`` needs under the workspace's gate mode."""
    project = records.get(session, Project, project_id)
    to_stage = _stage(session, to_stage_id)
    from_stage = session.get(Stage, project.stage_id) if project.stage_id is not None else None
    mode = GateMode(get_setting(session, GATE_MODE))
    stages = _live_stages(session)
    index = {s.id: n for n, s in enumerate(stages)}

    blockers: list[str] = []
    advice: list[str] = []
    direction: Direction
    leaving: list[Stage] = []
    if from_stage is None:
        direction = "forward"
    elif from_stage.id == to_stage.id:
        direction = "same"
    else:
        here = index.get(from_stage.id, -1)
        there = index.get(to_stage.id, -1)
        ahead = (to_stage.position, to_stage.code) > (from_stage.position, from_stage.code)
        direction = "forward" if ahead else "back"
        if ahead and here >= 0 and there >= 0:
            leaving = stages[here:there]
        elif ahead:
            leaving = [from_stage] if from_stage.archived_at is None else []

    if project.archived_at is not None:
        blockers.append(f"Project {project.code} is archived; restore it before moving it.")
    if project.state in ENDED_STATES:
        blockers.append(
            f"Project {project.code} is {project.state.label.lower()}, so it no longer moves "
            "through the lifecycle; reactivate it first."
        )
    if to_stage.archived_at is not None:
        blockers.append(f"Stage {to_stage.name} is archived; projects cannot move into it.")
    if direction == "same":
        blockers.append(f"Project {project.code} is already in {to_stage.name}.")
    if from_stage is None:
        blockers.append(
            f"Project {project.code} is in no stage yet, so it has no gate to pass; "
            "give it a stage first."
        )

    items = _gate_items(session, project.id, leaving) if direction == "forward" else []
    missing_required = [i for i in items if i.required and not i.satisfied]
    missing_optional = [i for i in items if not i.required and not i.satisfied]
    needs_decision = direction == "forward" and mode is GateMode.DIRECTIVE
    decision_id: uuid.UUID | None = None
    if direction == "forward":
        if mode is GateMode.SUPPORTIVE:
            advice.extend(
                f"Required item {_item_phrase(i)} is not done yet." for i in missing_required
            )
        else:
            blockers.extend(
                f"Required item {_item_phrase(i)} is neither done nor waived with a reason."
                for i in missing_required
            )
        advice.extend(f"Optional item {_item_phrase(i)} is not done." for i in missing_optional)
        if needs_decision:
            decision_id, missing = _decision_blocker(
                _decisions(session, project.id, to_stage.id), project, to_stage
            )
            if missing:
                blockers.append(missing)

    return GateCheck(
        project_id=project.id,
        project_code=project.code,
        from_stage_id=from_stage.id if from_stage is not None else None,
        from_stage_name=from_stage.name if from_stage is not None else "",
        to_stage_id=to_stage.id,
        to_stage_name=to_stage.name,
        direction=direction,
        mode=mode,
        items=items,
        missing_required=missing_required,
        needs_reason=direction == "back",
        needs_decision=needs_decision,
        decision_id=decision_id,
        allowed=not blockers,
        advice=advice,
        blockers=blockers,
    )


def adjacent_stages(
    session: Session, project_id: uuid.UUID
) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """The live stages just before and just after the project's own: (previous, next)."""
    project = records.get(session, Project, project_id)
    stages = _live_stages(session)
    if project.stage_id is None:
        return None, stages[0].id if stages else None
    current = session.get(Stage, project.stage_id)
    if current is None:
        return None, None
    key = (current.position, current.code)
    before = [s for s in stages if (s.position, s.code) < key]
    after = [s for s in stages if (s.position, s.code) > key]
    return (before[-1].id if before else None, after[0].id if after else None)


# ------------------------------------------------------------------ changing


def record_checklist(
    session: Session,
    project_id: uuid.UUID,
    item_id: uuid.UUID,
    status: ChecklistStatus,
    reason: str = "",
    *,
    source: str = "",
) -> None:
    """Record the project's answer to one gate item: done, waived (with a reason) or missing."""
    try:
        status = ChecklistStatus(status)
    except ValueError:
        allowed = ", ".join(s.value for s in ChecklistStatus)
        raise ValidationError(
            f"{status!r} is not a checklist status; choose one of {allowed}.", field="status"
        ) from None
    reason = reason.strip()
    project = records.get(session, Project, project_id)
    item = records.get(session, GateChecklistItem, item_id)
    if project.archived_at is not None:
        raise ValidationError(
            f"Project {project.code} is archived; restore it before answering its gate.",
            field="project_id",
        )
    if status is ChecklistStatus.WAIVED and not reason:
        raise ValidationError(
            f"Waiving '{item.text}' needs a reason: who agreed to waive it and why.",
            field="reason",
        )
    done = status is ChecklistStatus.DONE
    values = {
        "status": status,
        "reason": reason,
        "completed_by": current_user() if done else "",
        "completed_at": utcnow() if done else None,
    }
    existing = session.exec(
        select(ProjectChecklistItem).where(
            ProjectChecklistItem.project_id == project.id,
            ProjectChecklistItem.item_id == item.id,
        )
    ).first()
    if existing is None:
        records.create(
            session,
            ProjectChecklistItem,
            {"project_id": project.id, "item_id": item.id, **values},
            source=source,
        )
        return
    if existing.status is status and existing.reason == reason:
        if existing.archived_at is not None:
            records.restore(session, existing, source=source)
        return  # the same answer again: keep who completed it and when
    batch = uuid.uuid4()
    records.update(session, existing, values, source=source, batch=batch)
    if existing.archived_at is not None:
        records.restore(session, existing, source=source, batch=batch)


def _next_decision_code(session: Session, project_code: str) -> str:
    prefix = f"{project_code}-DEC"
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    used = session.scalars(select(col(Decision.code)).where(col(Decision.code).startswith(prefix)))
    highest = max((int(m.group(1)) for c in used if (m := pattern.match(c))), default=0)
    code = f"{prefix}{highest + 1:02d}"
    return code if len(code) <= 40 else next_code(session, Decision)


def record_gate_decision(
    session: Session,
    project_id: uuid.UUID,
    to_stage_id: uuid.UUID,
    *,
    forum: str,
    decided_on: date,
    decided_by: str = "",
    outcome: str = "",
    source: str = "",
) -> uuid.UUID:
    """Record the PMO's approval for the project to enter ``to_stage_id``; returns its id."""
    project = records.get(session, Project, project_id)
    stage = _stage(session, to_stage_id)
    if not forum.strip():
        raise ValidationError(
            "Name the forum that took the decision (for example the portfolio board).",
            field="forum",
        )
    if not isinstance(decided_on, date):
        raise ValidationError("The decision needs the date it was taken.", field="decided_on")
    decision = records.create(
        session,
        Decision,
        {
            "code": _next_decision_code(session, project.code),
            "project_id": project.id,
            "stage_id": stage.id,
            "title": f"Gate: {project.code} to enter {stage.name}",
            "forum": forum,
            "status": DecisionStatus.APPROVED,
            "decided_on": decided_on,
            "decided_by": decided_by,
            "outcome": outcome.strip() or f"Approved to enter {stage.name}.",
        },
        source=source,
    )
    return decision.id


def _audit_reason(
    session: Session, project: Project, reason: str, *, source: str, batch: uuid.UUID
) -> None:
    record_event(
        session,
        AuditAction.UPDATE,
        project,
        field=STAGE_REASON_FIELD,
        new=reason,
        source=source,
        batch=batch,
    )


def move_project(
    session: Session,
    project_id: uuid.UUID,
    to_stage_id: uuid.UUID,
    *,
    reason: str = "",
    source: str = "",
) -> uuid.UUID:
    """Move the project through the gate; returns the stage it left (for undo).

    Raises :class:`GateRefused` when the gate refuses, and a
    :class:`ValidationError` naming ``reason`` when a move back has none.
    """
    check = check_gate(session, project_id, to_stage_id)
    if not check.allowed:
        raise GateRefused(" ".join(check.blockers), check=check)
    reason = reason.strip()
    if check.needs_reason and not reason:
        raise ValidationError(
            f"Say why {check.project_code} is moving back to {check.to_stage_name}; "
            "a reason is required.",
            field="reason",
        )
    assert check.from_stage_id is not None  # a project without a stage is refused above
    project = records.get(session, Project, project_id)
    note = reason
    if not note and check.direction == "forward":
        missing = [i.code for i in check.items if not i.satisfied]
        if missing:
            note = (
                f"Passed the gate into {check.to_stage_name} in {check.mode.value} mode with "
                f"{len(missing)} checklist item{'s' if len(missing) > 1 else ''} not done: "
                f"{', '.join(missing)}."
            )
    batch = uuid.uuid4()
    records.update(session, project, {"stage_id": check.to_stage_id}, source=source, batch=batch)
    if note:
        _audit_reason(session, project, note, source=source, batch=batch)
    return check.from_stage_id


def restore_stage(
    session: Session, project_id: uuid.UUID, stage_id: uuid.UUID, *, source: str = "undo"
) -> None:
    """Put the project back in ``stage_id`` (undo of a move): no gate check, audited."""
    project = records.get(session, Project, project_id)
    if project.stage_id == stage_id:
        return
    stage = _stage(session, stage_id)
    batch = uuid.uuid4()
    records.update(session, project, {"stage_id": stage.id}, source=source, batch=batch)
    _audit_reason(
        session, project, f"Move undone: back in {stage.name}.", source=source, batch=batch
    )
