"""Columns every table carries: identity, time stamps, version, soft deletion.

People see codes such as ``PRJ-042``; the UUID primary key stays internal so
that workspaces can later be merged without clashes.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Enum as SAEnum
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """The current time in UTC, time-zone aware (the store keeps every time stamp in UTC)."""
    return datetime.now(UTC)


def enum_type(enum_cls: type[StrEnum]) -> SAEnum:
    """A portable VARCHAR column holding the enum's *values*, never a native DB enum."""
    return SAEnum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=24,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def enum_field(
    enum_cls: type[StrEnum], default: Any = None, *, nullable: bool = False, **kw: Any
) -> Any:
    return Field(default=default, sa_type=enum_type(enum_cls), nullable=nullable, **kw)


class Record(SQLModel):
    """UUID key, creation and change time, and an optimistic version counter."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, nullable=False)
    version: int = Field(default=1, nullable=False)


class PortfolioRecord(Record):
    """A record of portfolio data: archived, never deleted, by the services."""

    archived_at: datetime | None = Field(default=None, index=True)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class CodedRecord(PortfolioRecord):
    """Portfolio data with a unique human code, the key imports upsert on."""

    code: str = Field(max_length=40, unique=True, index=True)
