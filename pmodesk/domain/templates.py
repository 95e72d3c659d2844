"""Templates: project templates, gate checklists, document templates, the lifecycle.

A template is identified by its code; each edit of a published template makes
a new row with the next version number, so projects keep the version they used.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field

from pmodesk.domain.base import PortfolioRecord, enum_field
from pmodesk.domain.enums import DocumentStatus, TemplateKind, TemplateState


class Template(PortfolioRecord, table=True):
    __table_args__ = (UniqueConstraint("code", "template_version"),)

    code: str = Field(max_length=40, index=True)
    template_version: int = 1
    kind: TemplateKind = enum_field(TemplateKind, TemplateKind.DOCUMENT)
    name: str = Field(max_length=200)
    description: str = ""
    state: TemplateState = enum_field(TemplateState, TemplateState.DRAFT)
    body: dict = Field(default_factory=dict, sa_type=JSON)
    built_in: bool = False
    #: What this version changed, written when it is created (shown in the version history).
    change_note: str = ""
    published_at: datetime | None = None
    published_by: str = Field(default="", max_length=200)


class ProjectDocument(PortfolioRecord, table=True):
    """A document a project produced from a document template (charter, business case ...).

    It keeps the template's code and version so that a later version of the
    template leaves the document as it was; ``body`` holds the values of the
    template's named fields and the text of its sections.
    """

    __tablename__ = "project_document"
    __table_args__ = (UniqueConstraint("project_id", "template_code"),)

    project_id: uuid.UUID = Field(foreign_key="project.id", index=True)
    template_id: uuid.UUID | None = Field(default=None, foreign_key="template.id")
    template_code: str = Field(max_length=40, index=True)
    template_version: int = 1
    title: str = Field(max_length=300)
    status: DocumentStatus = enum_field(DocumentStatus, DocumentStatus.DRAFT)
    body: dict = Field(default_factory=dict, sa_type=JSON)
    produced_on: date | None = None
