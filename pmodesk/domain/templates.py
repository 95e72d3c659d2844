"""Templates: project templates, gate checklists, document templates, the lifecycle.

A template is identified by its code; each edit of a published template makes
a new row with the next version number, so projects keep the version they used.
"""

from __future__ import annotations

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field

from pmodesk.domain.base import PortfolioRecord, enum_field
from pmodesk.domain.enums import TemplateKind, TemplateState


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
