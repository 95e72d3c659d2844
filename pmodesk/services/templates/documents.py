"""Project documents: produced from a document template, filled from the workspace, then edited.

Producing a document fills every field whose template names a source
(``project.sponsor``, ``risks.top`` …) and every section with a source, and
leaves the rest for the manager to write. The document keeps the template's
code and version, so a later version of the template leaves it as it was.
:func:`document_view` gives the document with its template's labels and
guidance, ready for the editor, the workbook and the PDF.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from pmodesk.domain import Project, ProjectDocument, Template
from pmodesk.domain.enums import DocumentStatus, TemplateKind
from pmodesk.domain.errors import ConflictError, NotFoundError, ValidationError
from pmodesk.services import records
from pmodesk.services.settings import CURRENCY, get_setting
from pmodesk.services.templates.body import FIELD_TYPES
from pmodesk.services.templates.library import published_version
from pmodesk.services.templates.sources import ProjectFacts, Value

SOURCE = "templates"


def _coerce(kind: str, value: Value) -> Value:
    """A source's value in the form the field's type keeps."""
    if value is None:
        return None
    if kind == "list":
        return value if isinstance(value, list) else [str(value)]
    if isinstance(value, list):
        return "\n".join(value)
    if kind in ("money", "number", "percent") and not isinstance(value, float):
        try:
            return float(str(value).replace(",", ""))
        except ValueError:
            return None
    return value


def fill(
    session: Session, project: Project, body: Mapping[str, Any], today: date | None = None
) -> dict[str, dict[str, Any]]:
    """The ``{"fields": {...}, "sections": {...}}`` a new document starts with."""
    facts = ProjectFacts(session, project, today)
    fields = {
        str(f["key"]): _coerce(str(f.get("type", "text")), facts.value(str(f.get("source") or "")))
        for f in body.get("fields", [])
    }
    sections = {}
    for section in body.get("sections", []):
        value = facts.value(str(section.get("source") or ""))
        sections[str(section["key"])] = _coerce("longtext", value) or ""
    return {"fields": fields, "sections": sections}


def find_document(session: Session, project_id: uuid.UUID, code: str) -> ProjectDocument | None:
    return session.exec(
        select(ProjectDocument).where(
            ProjectDocument.project_id == project_id,
            ProjectDocument.template_code == code.strip().upper(),
        )
    ).first()


def produce_document(
    session: Session,
    project_id: uuid.UUID,
    template_code: str,
    *,
    today: date | None = None,
    record_id: uuid.UUID | None = None,
) -> ProjectDocument:
    """A new draft of the document for the project, from the template's published version."""
    project = records.get(session, Project, project_id)
    template = published_version(session, template_code, TemplateKind.DOCUMENT)
    existing = find_document(session, project.id, template.code)
    if existing is not None:
        state = " (archived)" if existing.archived_at is not None else ""
        raise ConflictError(
            f"Project {project.code} already has a {template.name.lower()}{state}; "
            "open it instead of producing another.",
            field="template_code",
        )
    title = str(template.body.get("title") or template.name)
    return records.create(
        session,
        ProjectDocument,
        {
            "project_id": project.id,
            "template_id": template.id,
            "template_code": template.code,
            "template_version": template.template_version,
            "title": f"{title} – {project.name}"[:300],
            "status": DocumentStatus.DRAFT,
            "body": fill(session, project, template.body, today),
            "produced_on": today or date.today(),
        },
        source=SOURCE,
        record_id=record_id,
    )


def update_document(
    session: Session,
    document: ProjectDocument,
    *,
    fields: Mapping[str, Any] | None = None,
    sections: Mapping[str, str] | None = None,
    status: DocumentStatus | str | None = None,
    title: str | None = None,
    expected_version: int | None = None,
) -> list[str]:
    """Change some fields or sections (others are kept), the status or the title."""
    body = copy.deepcopy(document.body) or {}
    body.setdefault("fields", {})
    body.setdefault("sections", {})
    body["fields"].update(dict(fields or {}))
    body["sections"].update(dict(sections or {}))
    changes: dict[str, Any] = {"body": body}
    if status is not None:
        changes["status"] = DocumentStatus(status)
    if title is not None:
        if not title.strip():
            raise ValidationError("A document needs a title.", field="title")
        changes["title"] = title
    return records.update(
        session, document, changes, expected_version=expected_version, source=SOURCE
    )


def refill_document(
    session: Session, document: ProjectDocument, *, today: date | None = None
) -> list[str]:
    """Fill the fields still empty from what the workspace knows now; returns their keys."""
    template = template_of(session, document)
    project = records.get(session, Project, document.project_id)
    fresh = fill(session, project, template.body, today)
    current = (document.body or {}).get("fields", {})
    filled = {
        key: value
        for key, value in fresh["fields"].items()
        if value not in (None, "", []) and current.get(key) in (None, "", [])
    }
    if filled:
        update_document(session, document, fields=filled)
    return sorted(filled)


def template_of(session: Session, document: ProjectDocument) -> Template:
    """The template version the document was produced from (by id, else by code and version)."""
    if document.template_id is not None:
        found = session.get(Template, document.template_id)
        if found is not None:
            return found
    found = session.exec(
        select(Template).where(
            Template.code == document.template_code,
            Template.template_version == document.template_version,
        )
    ).first()
    if found is None:
        raise NotFoundError(
            f"The template {document.template_code} version {document.template_version} "
            "this document was made from is no longer in the workspace."
        )
    return found


def project_documents(session: Session, project_id: uuid.UUID) -> list[ProjectDocument]:
    return list(
        session.exec(
            select(ProjectDocument)
            .where(
                ProjectDocument.project_id == project_id,
                col(ProjectDocument.archived_at).is_(None),
            )
            .order_by(col(ProjectDocument.title))
        )
    )


# ------------------------------------------------------------------ the view


@dataclass(frozen=True)
class FieldView:
    key: str
    label: str
    type: str
    value: Any
    help: str
    source: str

    @property
    def type_label(self) -> str:
        return FIELD_TYPES.get(self.type, "Text")


@dataclass(frozen=True)
class SectionView:
    key: str
    title: str
    guidance: str
    text: str


@dataclass(frozen=True)
class DocumentView:
    """A document with its template's words: what the editor, workbook and PDF show."""

    id: uuid.UUID
    version: int
    title: str
    status: DocumentStatus
    purpose: str
    project_code: str
    project_name: str
    template_code: str
    template_name: str
    template_version: int
    produced_on: date | None
    currency: str
    fields: list[FieldView]
    sections: list[SectionView]


def document_view(session: Session, document_id: uuid.UUID) -> DocumentView:
    document = records.get(session, ProjectDocument, document_id)
    template = template_of(session, document)
    project = records.get(session, Project, document.project_id)
    values = (document.body or {}).get("fields", {})
    texts = (document.body or {}).get("sections", {})
    return DocumentView(
        id=document.id,
        version=document.version,
        title=document.title,
        status=document.status,
        purpose=str(template.body.get("purpose", "")),
        project_code=project.code,
        project_name=project.name,
        template_code=template.code,
        template_name=template.name,
        template_version=template.template_version,
        produced_on=document.produced_on,
        currency=str(get_setting(session, CURRENCY)),
        fields=[
            FieldView(
                key=str(f["key"]),
                label=str(f.get("label", f["key"])),
                type=str(f.get("type", "text")),
                value=values.get(str(f["key"])),
                help=str(f.get("help", "")),
                source=str(f.get("source") or ""),
            )
            for f in template.body.get("fields", [])
        ],
        sections=[
            SectionView(
                key=str(s["key"]),
                title=str(s.get("title", s["key"])),
                guidance=str(s.get("guidance", "")),
                text=str(texts.get(str(s["key"])) or ""),
            )
            for s in template.body.get("sections", [])
        ],
    )


def format_value(kind: str, value: Any, currency: str = "EUR") -> str:
    """A field's value as a person reads it (the editor, the workbook's text, the PDF)."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if kind == "date":
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            return str(value)
        return f"{day.day} {day:%B %Y}"
    if kind == "money" and isinstance(value, int | float):
        return f"{currency} {value:,.0f}"
    if kind == "percent" and isinstance(value, int | float):
        return f"{value:g} %"
    if kind == "number" and isinstance(value, int | float):
        return f"{value:,.10g}"
    if kind == "rag":
        return str(value).capitalize()
    return str(value)
