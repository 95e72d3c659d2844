"""The built-in library shipped in ``resources/templates``: loaded into a new workspace, restorable.

Each JSON file there holds one template (``code``, ``kind``, ``name``,
``description``, ``body``). A new workspace gets all of them as published
version 1. *Restore defaults* gives back the shipped content of every built-in
template the office has changed, as a new published version, so nothing the
office wrote is lost: its versions stay in the history.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from sqlmodel import Session, select

from pmodesk.domain import Template, utcnow
from pmodesk.domain.enums import TemplateKind, TemplateState
from pmodesk.domain.errors import DomainError
from pmodesk.paths import resource
from pmodesk.services import records
from pmodesk.services.templates.body import body_problems
from pmodesk.services.templates.library import KIND_ORDER, find_published
from pmodesk.services.templates.versions import (
    TemplateChange,
    next_version_number,
    publish,
)
from pmodesk.services.templates.workspace_gates import apply_to_workspace

#: Who published the shipped versions (shown in the version history).
PUBLISHER = "pmodesk"
SHIPPED_NOTE = "Shipped with pmodesk."
RESTORED_NOTE = "Restored to the content shipped with pmodesk."


@dataclass(frozen=True)
class BuiltinTemplate:
    code: str
    kind: TemplateKind
    name: str
    description: str
    body: dict[str, Any]


@cache
def builtin_library() -> tuple[BuiltinTemplate, ...]:
    """Every shipped template, in library order; a broken file is a bug in this copy of pmodesk."""
    found = []
    for path in sorted(resource("templates").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        template = BuiltinTemplate(
            code=str(data["code"]).upper(),
            kind=TemplateKind(data["kind"]),
            name=str(data["name"]),
            description=str(data.get("description", "")),
            body=dict(data["body"]),
        )
        problems = body_problems(template.kind, template.body)
        if problems:
            raise DomainError(f"pmodesk is damaged: {path.name}: {' '.join(problems)}")
        found.append(template)
    order = {k: n for n, k in enumerate(KIND_ORDER)}
    return tuple(sorted(found, key=lambda t: (order[t.kind], t.code)))


def builtin(code: str) -> BuiltinTemplate | None:
    return next((t for t in builtin_library() if t.code == code.upper()), None)


def _values(template: BuiltinTemplate) -> dict[str, Any]:
    return {
        "code": template.code,
        "kind": template.kind,
        "name": template.name,
        "description": template.description,
        "body": json.loads(json.dumps(template.body)),
        "built_in": True,
    }


def seed_library(session: Session, *, source: str) -> list[Template]:
    """Add every shipped template whose code the workspace does not have yet (published v1).

    Codes the workspace already has, in any version or state, are left alone,
    so this is safe to run each time a workspace opens.
    """
    known = set(session.exec(select(Template.code)))
    return [seed_one(session, t, source=source) for t in builtin_library() if t.code not in known]


RestoreAction = Literal["added", "restored", "unchanged"]


@dataclass(frozen=True)
class RestoreLine:
    code: str
    name: str
    action: RestoreAction
    version: int


@dataclass(frozen=True)
class RestoreReport:
    lines: list[RestoreLine]
    change: TemplateChange

    def count(self, action: RestoreAction) -> int:
        return sum(line.action == action for line in self.lines)

    @property
    def summary(self) -> str:
        added, restored = self.count("added"), self.count("restored")
        if not added and not restored:
            return "Every built-in template already has its shipped content; nothing changed."
        parts = []
        if restored:
            parts.append(f"{restored} restored as a new published version")
        if added:
            parts.append(f"{added} added")
        return f"Built-in templates: {', '.join(parts)}; earlier versions stay in the history."


def _same(current: Template, template: BuiltinTemplate) -> bool:
    return (
        current.name == template.name
        and current.description == template.description
        and current.body == template.body
    )


def restore_defaults(session: Session, *, source: str = "templates") -> RestoreReport:
    """Give every built-in template its shipped content back; returns what was done (undoable)."""
    change = TemplateChange()
    lines = []
    for template in builtin_library():
        if session.exec(select(Template.id).where(Template.code == template.code)).first() is None:
            made = seed_one(session, template, source=source)
            apply_to_workspace(session, made, source=source)
            change.created.append(made.id)
            change.republished.add(template.code)
            lines.append(RestoreLine(template.code, template.name, "added", 1))
            continue
        current = find_published(session, template.code)
        if current is not None and _same(current, template):
            lines.append(
                RestoreLine(template.code, template.name, "unchanged", current.template_version)
            )
            continue
        number = next_version_number(session, template.code)
        draft = records.create(
            session,
            Template,
            _values(template)
            | {
                "template_version": number,
                "state": TemplateState.DRAFT,
                "change_note": RESTORED_NOTE,
            },
            source=source,
        )
        change.created.append(draft.id)
        change.merge(publish(session, template.code, number))
        lines.append(RestoreLine(template.code, template.name, "restored", number))
    return RestoreReport(lines, change)


def seed_one(session: Session, template: BuiltinTemplate, *, source: str) -> Template:
    """Add one shipped template as published version 1."""
    return records.create(
        session,
        Template,
        _values(template)
        | {
            "template_version": 1,
            "state": TemplateState.PUBLISHED,
            "change_note": SHIPPED_NOTE,
            "published_at": utcnow(),
            "published_by": PUBLISHER,
        },
        source=source,
    )
