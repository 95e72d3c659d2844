"""Audit events and workspace settings."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field

from pmodesk.domain.base import Record, enum_field, utcnow
from pmodesk.domain.enums import AuditAction


class AuditEvent(Record, table=True):
    """Who changed what, when: one row per changed field (or per create/archive)."""

    __tablename__ = "audit_event"

    # the history of a record is found by entity_id, an import's events by batch; no query
    # looks events up by time or entity name alone, so those two have no index (each index is
    # one more B-tree to keep up on every change)
    at: datetime = Field(default_factory=utcnow)
    user: str = Field(max_length=200)
    action: AuditAction = enum_field(AuditAction)
    entity: str = Field(max_length=60)
    entity_id: uuid.UUID = Field(index=True)
    code: str = Field(default="", max_length=80)
    field: str = Field(default="", max_length=80)
    old: str | None = None
    new: str | None = None
    source: str = Field(default="", max_length=300)
    batch: uuid.UUID | None = Field(default=None, index=True)


class WorkspaceSetting(Record, table=True):
    """A named workspace setting (gate mode, default capacity, period length ...)."""

    __tablename__ = "workspace_setting"

    key: str = Field(max_length=80, unique=True, index=True)
    value: Any = Field(default=None, sa_type=JSON)
