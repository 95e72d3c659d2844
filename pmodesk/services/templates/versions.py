"""Versions and states of templates: create, edit, publish, retire, and undo any of them.

A template moves from *draft* to *published* to *retired*. Editing a
published (or retired) template never changes it: it opens a new draft with
the next version number, so a project keeps pointing at the version it used.
Publishing a version retires the version that was published before, so one
version of a code is in use at a time. Publishing a gate checklist or the
lifecycle also brings the workspace's gates in line with it.

Every change returns a :class:`TemplateChange` that :func:`revert_change`
undoes exactly (the window's undo stack keeps it).
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, func, select

from pmodesk.domain import Template, utcnow
from pmodesk.domain.enums import TemplateKind, TemplateState
from pmodesk.domain.errors import ConflictError, ValidationError
from pmodesk.services import records
from pmodesk.services.audit import current_user
from pmodesk.services.templates.body import check_body
from pmodesk.services.templates.library import get_version, latest_version
from pmodesk.services.templates.workspace_gates import apply_to_workspace

SOURCE = "templates"
#: The fields of a template a person edits (the rest is kept by pmodesk).
EDITABLE = ("name", "description", "body")

#: What a new template of each kind starts with.
STARTER_BODIES: dict[TemplateKind, dict[str, Any]] = {
    TemplateKind.PROJECT: {
        "lifecycle": "LC-STANDARD",
        "duration_weeks": 26,
        "milestones": [{"key": "M01", "name": "Kick-off", "offset_days": 0}],
        "checklist": {"waive": []},
        "raid": [],
        "team": [{"role": "PM", "hours_per_week": 15, "from_week": 0, "weeks": 26}],
        "documents": [{"template": "DOC-CHARTER", "due_stage": "APPROVED"}],
    },
    TemplateKind.GATE_CHECKLIST: {"stage": "IDEA", "purpose": "", "items": []},
    TemplateKind.DOCUMENT: {
        "title": "",
        "purpose": "",
        "fields": [
            {"key": "project", "label": "Project", "type": "text", "source": "project.name"}
        ],
        "sections": [{"key": "summary", "title": "Summary", "guidance": ""}],
    },
    TemplateKind.LIFECYCLE: {"stages": []},
}


@dataclass
class TemplateChange:
    """What one change did to the library: enough to undo it exactly."""

    #: The version the change was about (created, edited, published or retired).
    template_id: uuid.UUID | None = None
    #: Versions created, in order (undo deletes them).
    created: list[uuid.UUID] = field(default_factory=list)
    #: Old values of the fields changed on existing versions (undo puts them back).
    before: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    #: Codes whose published version changed (undo brings the workspace's gates back in line).
    republished: set[str] = field(default_factory=set)

    def merge(self, other: TemplateChange) -> None:
        self.created.extend(other.created)
        for key, values in other.before.items():
            self.before.setdefault(key, values)
        self.republished |= other.republished


def _update(
    session: Session, change: TemplateChange, template: Template, values: Mapping[str, Any]
) -> None:
    old = {k: copy.deepcopy(getattr(template, k)) for k in values}
    changed = records.update(session, template, values, source=SOURCE)
    if changed:
        kept = change.before.setdefault(template.id, {})
        for key in changed:
            kept.setdefault(key, old[key])


def next_version_number(session: Session, code: str) -> int:
    """One above the highest version of ``code`` ever made (archived drafts count too)."""
    highest = session.exec(
        select(func.max(Template.template_version)).where(Template.code == code)
    ).one()
    return int(highest or 0) + 1


def create_template(
    session: Session,
    *,
    code: str,
    kind: TemplateKind | str,
    name: str,
    description: str = "",
    body: Mapping[str, Any] | None = None,
    change_note: str = "",
) -> TemplateChange:
    """A new template: version 1, a draft (publish it to let projects use it)."""
    code = code.strip().upper()
    kind = TemplateKind(kind)
    exists = session.exec(select(Template.id).where(Template.code == code)).first()
    if exists is not None:
        raise ConflictError(
            f"Code {code} is already used by a template; choose another code.", field="code"
        )
    template = records.create(
        session,
        Template,
        {
            "code": code,
            "kind": kind,
            "name": name,
            "description": description,
            "body": copy.deepcopy(dict(body) if body is not None else STARTER_BODIES[kind]),
            "state": TemplateState.DRAFT,
            "change_note": change_note.strip() or "First version.",
        },
        source=SOURCE,
    )
    return TemplateChange(template_id=template.id, created=[template.id])


def duplicate_template(session: Session, code: str, new_code: str, name: str) -> TemplateChange:
    """A new template (draft, version 1) starting from the current version of ``code``."""
    original = get_version(session, code)
    return create_template(
        session,
        code=new_code,
        kind=original.kind,
        name=name,
        description=original.description,
        body=original.body,
        change_note=f"Copied from {original.code} version {original.template_version}.",
    )


def edit_template(
    session: Session, code: str, changes: Mapping[str, Any], *, change_note: str = ""
) -> TemplateChange:
    """Change a template's name, description or body.

    The newest version is changed in place while it is a draft; otherwise a
    new draft is made with the next number, and the published version (and
    every project that used it) stays as it was.
    """
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ValidationError(f"A template has no editable field '{unknown[0]}'.", field=unknown[0])
    latest = latest_version(session, code)
    change = TemplateChange(template_id=latest.id)
    values = {k: copy.deepcopy(v) for k, v in changes.items()}
    if change_note.strip():
        values["change_note"] = change_note.strip()
    if latest.state is TemplateState.DRAFT:
        _update(session, change, latest, values)
        return change
    draft = records.create(
        session,
        Template,
        {
            "code": latest.code,
            "template_version": next_version_number(session, latest.code),
            "kind": latest.kind,
            "name": latest.name,
            "description": latest.description,
            "body": copy.deepcopy(latest.body),
            "state": TemplateState.DRAFT,
            "built_in": False,
            "change_note": "",
        }
        | values,
        source=SOURCE,
    )
    change.template_id = draft.id
    change.created.append(draft.id)
    return change


def publish(session: Session, code: str, version: int | None = None) -> TemplateChange:
    """Publish a version (default: the newest): projects use it from now on.

    The version published before is retired. A gate checklist or lifecycle
    brings the workspace's gates and stages in line with it.
    """
    target = get_version(session, code, version) if version else latest_version(session, code)
    if target.state is TemplateState.PUBLISHED:
        raise ValidationError(
            f"Version {target.template_version} of {target.code} is already published.",
            field="state",
        )
    check_body(target.kind, target.body, code=target.code)
    change = TemplateChange(template_id=target.id, republished={target.code})
    for other in session.exec(
        select(Template).where(
            Template.code == target.code,
            Template.state == TemplateState.PUBLISHED,
            col(Template.id) != target.id,
        )
    ):
        _update(session, change, other, {"state": TemplateState.RETIRED})
    _update(
        session,
        change,
        target,
        {
            "state": TemplateState.PUBLISHED,
            "published_at": utcnow(),
            "published_by": current_user(),
        },
    )
    apply_to_workspace(session, target, source=SOURCE)
    return change


def retire(session: Session, code: str, version: int | None = None) -> TemplateChange:
    """Retire a version (default: the current one): no new project may use it."""
    target = get_version(session, code, version)
    if target.state is TemplateState.RETIRED:
        raise ValidationError(
            f"Version {target.template_version} of {target.code} is already retired.",
            field="state",
        )
    change = TemplateChange(template_id=target.id)
    if target.state is TemplateState.PUBLISHED:
        change.republished.add(target.code)
    _update(session, change, target, {"state": TemplateState.RETIRED})
    return change


def revert_change(session: Session, change: TemplateChange) -> None:
    """Undo ``change``: delete the versions it made, put changed fields back, realign gates."""
    for template_id in reversed(change.created):
        made = session.get(Template, template_id)
        if made is not None:
            records.delete_created(session, made)
    for template_id, values in change.before.items():
        existing = session.get(Template, template_id)
        if existing is not None:
            records.update(session, existing, values, source="undo")
    for code in sorted(change.republished):
        current = session.exec(
            select(Template).where(Template.code == code, Template.state == TemplateState.PUBLISHED)
        ).first()
        if current is not None:
            apply_to_workspace(session, current, source="undo")
