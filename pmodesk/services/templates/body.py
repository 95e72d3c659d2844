"""What a template's body holds, per kind, and the check a body passes before it is published.

A body is plain JSON so that templates travel in packs and survive new
versions of pmodesk. The shapes, kind by kind:

* ``lifecycle``: ``{"stages": [{"code", "name", "description", "gate": GC code or null,
  "documents": [document template codes due when the project leaves the stage]}]}``;
* ``gate_checklist``: ``{"stage": stage code, "purpose": text,
  "items": [{"code", "text", "guidance", "required"}]}``;
* ``document``: ``{"title", "purpose", "fields": [{"key", "label", "type", "source", "help"}],
  "sections": [{"key", "title", "guidance", "source"}]}``;
* ``project``: ``{"lifecycle", "duration_weeks", "milestones": [{"key", "name", "offset_days",
  "description", "gate"}], "checklist": {"waive": [{"item", "reason"}]}, "raid": [{"kind",
  "title", "description", "probability", "impact", "response"}], "team": [{"role", "role_name",
  "hours_per_week", "from_week", "weeks"}], "documents": [{"template", "due_stage"}]}``.

:func:`body_problems` lists what is wrong, one sentence each, so that an
editor can show every problem at once; :func:`check_body` raises them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pmodesk.domain.enums import RaidKind, TemplateKind
from pmodesk.domain.errors import ValidationError

#: The kinds of value a document field holds.
FIELD_TYPES: dict[str, str] = {
    "text": "Text",
    "longtext": "Paragraph",
    "date": "Date",
    "money": "Amount",
    "number": "Number",
    "percent": "Per cent",
    "rag": "RAG",
    "list": "List",
}

#: Where a document field's value comes from when the document is produced.
SOURCES: dict[str, str] = {
    "project.code": "Project code",
    "project.name": "Project name",
    "project.description": "Project description",
    "project.sponsor": "Sponsor",
    "project.manager": "Project manager",
    "project.department": "Department",
    "project.portfolio": "Portfolio",
    "project.programme": "Programme",
    "project.stage": "Stage",
    "project.state": "State",
    "project.planned_start": "Planned start",
    "project.planned_finish": "Planned finish",
    "project.forecast_finish": "Forecast finish",
    "project.actual_finish": "Actual finish",
    "project.budget": "Budget",
    "project.actual_cost": "Actual cost",
    "project.forecast_cost": "Forecast cost",
    "project.percent_complete": "Per cent complete",
    "project.rag_overall": "Overall RAG",
    "project.rag_schedule": "Schedule RAG",
    "project.rag_cost": "Cost RAG",
    "project.rag_scope": "Scope RAG",
    "project.rag_resources": "Resources RAG",
    "project.expected_benefits": "Expected benefits",
    "project.objectives": "Strategic objectives",
    "risks.top": "Top five open risks",
    "risks.open": "All open risks",
    "issues.open": "Open issues",
    "assumptions.open": "Assumptions",
    "dependencies.open": "Dependencies",
    "milestones.upcoming": "Next milestones",
    "milestones.all": "All milestones",
    "benefits.list": "Benefits",
    "lessons.list": "Lessons",
    "decisions.pending": "Pending decisions",
    "team.roles": "Team by role",
    "status.period": "Latest reporting period",
    "status.summary": "Latest status summary",
    "status.achievements": "Latest achievements",
    "status.next_steps": "Latest next steps",
    "today": "Today's date",
}

Problems = list[str]


def _items(body: dict[str, Any], key: str, problems: Problems) -> list[dict[str, Any]]:
    value = body.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.append(f"'{key}' must be a list of entries.")
        return []
    return value


def _text(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    return value.strip() if isinstance(value, str) else ""


def _whole(entry: dict[str, Any], key: str, low: int, high: int) -> bool:
    value = entry.get(key)
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _number(entry: dict[str, Any], key: str) -> bool:
    value = entry.get(key)
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def _lifecycle(body: dict[str, Any], problems: Problems) -> None:
    stages = _items(body, "stages", problems)
    if not stages and not problems:
        problems.append("A lifecycle needs at least one stage.")
    seen: set[str] = set()
    for n, stage in enumerate(stages, 1):
        code = _text(stage, "code")
        if not code or not _text(stage, "name"):
            problems.append(f"Stage {n} needs a code and a name.")
        if code in seen:
            problems.append(f"Stage code {code} appears twice.")
        seen.add(code)
        documents = stage.get("documents", [])
        if not isinstance(documents, list) or not all(isinstance(d, str) for d in documents):
            problems.append(f"Stage {code or n}: 'documents' must be a list of template codes.")


def _gate_checklist(body: dict[str, Any], problems: Problems) -> None:
    if not isinstance(body.get("stage"), str) or not body["stage"].strip():
        problems.append("A gate checklist names the stage whose exit it guards ('stage').")
    items = _items(body, "items", problems)
    if not items and not problems:
        problems.append("A gate checklist needs at least one item.")
    seen: set[str] = set()
    for n, item in enumerate(items, 1):
        code = _text(item, "code")
        if not code or not _text(item, "text"):
            problems.append(f"Checklist item {n} needs a code and a text.")
        if code in seen:
            problems.append(f"Checklist item code {code} appears twice.")
        seen.add(code)
        if not isinstance(item.get("required", True), bool):
            problems.append(f"Checklist item {code or n}: 'required' is true or false.")


def _document(body: dict[str, Any], problems: Problems) -> None:
    fields = _items(body, "fields", problems)
    sections = _items(body, "sections", problems)
    if not fields and not sections and not problems:
        problems.append("A document template needs at least one field or section.")
    keys: set[str] = set()
    for n, field in enumerate(fields, 1):
        key = _text(field, "key")
        if not key or not _text(field, "label"):
            problems.append(f"Field {n} needs a key and a label.")
        if key in keys:
            problems.append(f"Field key {key} appears twice.")
        keys.add(key)
        kind = field.get("type", "text")
        if kind not in FIELD_TYPES:
            problems.append(
                f"Field {key or n}: type {kind!r} is not one of {', '.join(FIELD_TYPES)}."
            )
        source = field.get("source") or ""
        if source and source not in SOURCES:
            problems.append(f"Field {key or n}: pmodesk does not know the source {source!r}.")
    titles: set[str] = set()
    for n, section in enumerate(sections, 1):
        key = _text(section, "key")
        if not key or not _text(section, "title"):
            problems.append(f"Section {n} needs a key and a title.")
        if key in titles:
            problems.append(f"Section key {key} appears twice.")
        titles.add(key)
        source = section.get("source") or ""
        if source and source not in SOURCES:
            problems.append(f"Section {key or n}: pmodesk does not know the source {source!r}.")


def _project(body: dict[str, Any], problems: Problems) -> None:
    if not _whole(body, "duration_weeks", 1, 520):
        problems.append("'duration_weeks' is a whole number of weeks from 1 to 520.")
    for n, milestone in enumerate(_items(body, "milestones", problems), 1):
        if not _text(milestone, "name"):
            problems.append(f"Milestone {n} needs a name.")
        if not _whole(milestone, "offset_days", 0, 3650):
            problems.append(f"Milestone {n}: 'offset_days' is a whole number of days from 0.")
    checklist = body.get("checklist", {})
    waivers = checklist.get("waive", []) if isinstance(checklist, dict) else None
    if not isinstance(waivers, list):
        problems.append("'checklist' holds a list 'waive' of {item, reason}.")
    else:
        for n, waiver in enumerate(waivers, 1):
            if not isinstance(waiver, dict) or not _text(waiver, "item"):
                problems.append(f"Waiver {n} names a gate checklist item ('item').")
            elif not _text(waiver, "reason"):
                problems.append(f"Waiver of {waiver['item']} needs a reason.")
    kinds = {k.value for k in RaidKind}
    for n, entry in enumerate(_items(body, "raid", problems), 1):
        if entry.get("kind") not in kinds or not _text(entry, "title"):
            problems.append(f"RAID entry {n} needs a kind ({', '.join(kinds)}) and a title.")
        for key in ("probability", "impact"):
            if entry.get(key) is not None and not _whole(entry, key, 1, 5):
                problems.append(f"RAID entry {n}: {key} is from 1 to 5.")
    for n, share in enumerate(_items(body, "team", problems), 1):
        if not _text(share, "role") or not _number(share, "hours_per_week"):
            problems.append(f"Team entry {n} needs a role code and hours per week.")
        if not _whole(share, "from_week", 0, 520) or not _whole(share, "weeks", 1, 520):
            problems.append(f"Team entry {n}: 'from_week' (from 0) and 'weeks' (from 1).")
    for n, document in enumerate(_items(body, "documents", problems), 1):
        if not _text(document, "template"):
            problems.append(f"Document {n} names a document template ('template').")


_CHECKS: dict[TemplateKind, Callable[[dict[str, Any], Problems], None]] = {
    TemplateKind.LIFECYCLE: _lifecycle,
    TemplateKind.GATE_CHECKLIST: _gate_checklist,
    TemplateKind.DOCUMENT: _document,
    TemplateKind.PROJECT: _project,
}


def body_problems(kind: TemplateKind | str, body: Any) -> Problems:
    """Every problem with ``body`` for a template of ``kind``; empty when it is fine."""
    if not isinstance(body, dict):
        return ["The template's content must be a JSON object ({ … })."]
    problems: Problems = []
    _CHECKS[TemplateKind(kind)](body, problems)
    return problems


def check_body(kind: TemplateKind | str, body: Any, *, code: str = "") -> None:
    """Raise a :class:`ValidationError` listing the problems of ``body``, if any."""
    problems = body_problems(kind, body)
    if problems:
        what = f"Template {code}" if code else "The template"
        raise ValidationError(f"{what} cannot be used yet: {' '.join(problems)}", field="body")


def documents_due(body: dict[str, Any]) -> list[tuple[str, str]]:
    """``(document template code, stage code)`` pairs a project or lifecycle body expects."""
    if "stages" in body:
        return [
            (str(code), str(stage.get("code", "")))
            for stage in body.get("stages", [])
            if isinstance(stage, dict)
            for code in (stage.get("documents") or [])
            if isinstance(code, str)
        ]
    return [
        (str(entry.get("template", "")), str(entry.get("due_stage", "")))
        for entry in body.get("documents", [])
        if isinstance(entry, dict) and entry.get("template")
    ]
