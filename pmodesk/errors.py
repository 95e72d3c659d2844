"""Errors a person can act on, shared by every layer.

Each carries a sentence meant for the user, and where it applies the name of
the field at fault so that a form can show the message beside that field.
This module imports nothing, so the window can handle these errors before the
data stack (SQLAlchemy, SQLModel) has loaded.
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken; the message says which and what to do."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(DomainError):
    """A value given for a field is not acceptable."""


class NotFoundError(DomainError):
    """A record named by its code does not exist (or is archived where that matters)."""


class ConflictError(DomainError):
    """The change clashes with existing data: a duplicate code, a stale version."""
