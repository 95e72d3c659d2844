"""Creating a project from a project template, or applying a template to a project.

A project template carries milestones with offsets from the start date, the
gate checklist (with the items it waives and why), standard RAID entries, a
team shape by role and hours per week, and the documents to produce. Creating
a project from it asks only what differs (name, start, manager) and writes all
of it; the result lists every record made, in order, so that
:func:`undo_instantiation` removes exactly those.

Applying is idempotent: what the project already has (a milestone of the same
name, a RAID entry of the same title, a checklist answer, an allocation of the
role in that week, a document from that template) is left alone, so applying
twice adds nothing the second time.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from pmodesk.domain import (
    Allocation,
    GateChecklistItem,
    Milestone,
    Programme,
    Project,
    ProjectChecklistItem,
    RaidItem,
    Record,
    Role,
    Stage,
)
from pmodesk.domain.enums import ChecklistStatus, RaidKind, RaidStatus, TemplateKind
from pmodesk.domain.errors import ValidationError
from pmodesk.services import records
from pmodesk.services.lookups import next_code
from pmodesk.services.references import resolve_references
from pmodesk.services.templates.documents import find_document, produce_document
from pmodesk.services.templates.instantiation import IdSupply, Instantiation
from pmodesk.services.templates.library import find_published, get_version, published_version

SOURCE = "templates"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _stages(session: Session) -> list[Stage]:
    return list(
        session.exec(
            select(Stage)
            .where(col(Stage.archived_at).is_(None))
            .order_by(col(Stage.position), col(Stage.code))
        )
    )


def planned_finish(body: dict[str, Any], start: date) -> date:
    """The later of start + duration and the last milestone."""
    finish = start + timedelta(weeks=int(body.get("duration_weeks", 1)))
    offsets = [int(m.get("offset_days", 0)) for m in body.get("milestones", [])]
    return max([finish, *(start + timedelta(days=o) for o in offsets)])


def create_project_from_template(
    session: Session,
    template_code: str,
    *,
    name: str,
    start: date,
    manager: str = "",
    code: str | None = None,
    sponsor: str = "",
    portfolio: str | None = None,
    programme: str | None = None,
    reuse_ids: Sequence[uuid.UUID] | None = None,
    today: date | None = None,
) -> Instantiation:
    """A new project and everything its template carries, from the template's published version."""
    template = published_version(session, template_code, TemplateKind.PROJECT)
    if not isinstance(start, date):
        raise ValidationError("The project needs a start date.", field="planned_start")
    ids = IdSupply(reuse_ids)
    values: dict[str, Any] = {
        "code": (code or "").strip().upper() or next_code(session, Project),
        "name": name,
        "manager": manager,
        "sponsor": sponsor,
        "planned_start": start,
        "planned_finish": planned_finish(template.body, start),
        "template_code": template.code,
        "template_version": template.template_version,
    }
    if portfolio:
        values["portfolio"] = portfolio
    if programme:
        values["programme"] = programme
    resolved = resolve_references(session, Project, values)
    stages = _stages(session)
    if stages:
        resolved["stage_id"] = stages[0].id
    if resolved.get("programme_id") and not resolved.get("portfolio_id"):
        found = session.get(Programme, resolved["programme_id"])
        resolved["portfolio_id"] = found.portfolio_id if found else None
    project = records.create(session, Project, resolved, source=SOURCE, record_id=ids.next())
    result = Instantiation(project.id, template.code, template.template_version)
    result.created.append(("project", project.id))
    _apply(session, project, template.body, start, result, ids, today)
    return result


def apply_template(
    session: Session,
    project_id: uuid.UUID,
    template_code: str | None = None,
    *,
    start: date | None = None,
    reuse_ids: Sequence[uuid.UUID] | None = None,
    today: date | None = None,
) -> Instantiation:
    """Add to an existing project what the template carries and it lacks (idempotent).

    Without ``template_code`` the project's own template is used, at the version
    the project records (a newer version is never applied behind its back).
    """
    project = records.get(session, Project, project_id)
    code = template_code or project.template_code
    if not code:
        raise ValidationError(
            f"Project {project.code} was not created from a template; choose one.", field="code"
        )
    if template_code is None and project.template_version is not None:
        template = get_version(session, code, project.template_version)
    else:
        template = published_version(session, code, TemplateKind.PROJECT)
    begin = start or project.planned_start
    if begin is None:
        raise ValidationError(
            f"Project {project.code} has no planned start; milestones are placed from it.",
            field="planned_start",
        )
    result = Instantiation(project.id, template.code, template.template_version)
    _apply(session, project, template.body, begin, result, IdSupply(reuse_ids), today)
    if project.template_code is None:
        records.update(
            session,
            project,
            {"template_code": template.code, "template_version": template.template_version},
            source=SOURCE,
        )
    return result


def _apply(
    session: Session,
    project: Project,
    body: dict[str, Any],
    start: date,
    result: Instantiation,
    ids: IdSupply,
    today: date | None,
) -> None:
    def made(record: Record) -> None:
        result.created.append((str(record.__tablename__), record.id))

    steps: list[Iterator[Record]] = [
        _milestones(session, project, body, start, ids),
        _checklist(session, project, body, ids, result),
        _raid(session, project, body, start, ids),
        _team(session, project, body, start, ids, result),
    ]
    for step in steps:
        for record in step:
            made(record)
    for entry in body.get("documents", []):
        code = str(entry.get("template", ""))
        if find_document(session, project.id, code) is not None:
            continue
        if find_published(session, code) is None:
            result.notes.append(f"Document template {code} is not published; no document made.")
            continue
        made(produce_document(session, project.id, code, today=today, record_id=ids.next()))


def _milestones(
    session: Session, project: Project, body: dict[str, Any], start: date, ids: IdSupply
) -> Iterator[Milestone]:
    existing = session.exec(select(Milestone).where(Milestone.project_id == project.id))
    names = {m.name.casefold() for m in existing}
    for n, entry in enumerate(body.get("milestones", []), 1):
        name = str(entry["name"])
        if name.casefold() in names:
            continue
        when = start + timedelta(days=int(entry.get("offset_days", 0)))
        code = f"{project.code}-M{n:02d}"
        if session.exec(select(Milestone.id).where(Milestone.code == code)).first() is not None:
            code = next_code(session, Milestone, f"{project.code}-M")
        yield records.create(
            session,
            Milestone,
            {
                "code": code,
                "project_id": project.id,
                "name": name,
                "description": str(entry.get("description", "")),
                "baseline_date": when,
                "forecast_date": when,
                "is_gate": bool(entry.get("gate", False)),
            },
            source=SOURCE,
            record_id=ids.next(),
        )


def _checklist(
    session: Session, project: Project, body: dict[str, Any], ids: IdSupply, result: Instantiation
) -> Iterator[ProjectChecklistItem]:
    waivers = {
        str(w["item"]).upper(): str(w["reason"])
        for w in (body.get("checklist") or {}).get("waive", [])
    }
    items = {
        i.code: i
        for i in session.exec(
            select(GateChecklistItem).where(col(GateChecklistItem.archived_at).is_(None))
        )
    }
    for code in sorted(set(waivers) - set(items)):
        result.notes.append(f"The workspace's gates have no item {code} to waive.")
    answered = set(
        session.exec(
            select(ProjectChecklistItem.item_id).where(
                ProjectChecklistItem.project_id == project.id
            )
        )
    )
    stage_order = {s.id: s.position for s in _stages(session)}
    ordered = sorted(
        items.values(), key=lambda i: (stage_order.get(i.stage_id, 999), i.position, i.code)
    )
    for item in ordered:
        if item.id in answered:
            continue
        reason = waivers.get(item.code, "")
        yield records.create(
            session,
            ProjectChecklistItem,
            {
                "project_id": project.id,
                "item_id": item.id,
                "status": ChecklistStatus.WAIVED if reason else ChecklistStatus.MISSING,
                "reason": f"{reason} (template {result.template_code})" if reason else "",
            },
            source=SOURCE,
            record_id=ids.next(),
        )


def _raid(
    session: Session, project: Project, body: dict[str, Any], start: date, ids: IdSupply
) -> Iterator[RaidItem]:
    existing = session.exec(select(RaidItem).where(RaidItem.project_id == project.id))
    titles = {r.title.casefold() for r in existing}
    for n, entry in enumerate(body.get("raid", []), 1):
        title = str(entry["title"])
        if title.casefold() in titles:
            continue
        code = f"{project.code}-R{n:02d}"
        if session.exec(select(RaidItem.id).where(RaidItem.code == code)).first() is not None:
            code = next_code(session, RaidItem, f"{project.code}-R")
        kind = RaidKind(entry["kind"])
        yield records.create(
            session,
            RaidItem,
            {
                "code": code,
                "project_id": project.id,
                "kind": kind,
                "title": title,
                "description": str(entry.get("description", "")),
                "owner": project.manager,
                "status": RaidStatus.OPEN,
                "probability": entry.get("probability") if kind is not RaidKind.ISSUE else None,
                "impact": entry.get("impact"),
                "response": str(entry.get("response", "")),
                "raised_on": start,
            },
            source=SOURCE,
            record_id=ids.next(),
        )


def _team(
    session: Session,
    project: Project,
    body: dict[str, Any],
    start: date,
    ids: IdSupply,
    result: Instantiation,
) -> Iterator[Allocation]:
    roles = {r.code: r for r in session.exec(select(Role).where(col(Role.archived_at).is_(None)))}
    by_name = {r.name.casefold(): r for r in roles.values()}
    booked = set(
        session.exec(
            select(col(Allocation.role_id), col(Allocation.week_start)).where(
                Allocation.project_id == project.id,
                col(Allocation.person_id).is_(None),
                col(Allocation.scenario_id).is_(None),
                col(Allocation.archived_at).is_(None),
            )
        )
    )
    first_week = monday_of(start)
    for entry in body.get("team", []):
        wanted = str(entry["role"]).strip()
        name = str(entry.get("role_name", "")).strip()
        role = (
            roles.get(wanted.upper())
            or roles.get(f"ROLE-{wanted.upper()}")
            or by_name.get(wanted.casefold())
            or by_name.get(name.casefold())
        )
        if role is None:
            result.notes.append(
                f"The workspace has no role {name or wanted}; its "
                f"{entry['hours_per_week']:g} hours a week were not booked."
            )
            continue
        for week in range(int(entry["from_week"]), int(entry["from_week"]) + int(entry["weeks"])):
            week_start = first_week + timedelta(weeks=week)
            if (role.id, week_start) in booked:
                continue
            yield records.create(
                session,
                Allocation,
                {
                    "project_id": project.id,
                    "role_id": role.id,
                    "week_start": week_start,
                    "hours": float(entry["hours_per_week"]),
                    "note": f"Team shape of template {result.template_code}",
                },
                source=SOURCE,
                record_id=ids.next(),
            )
