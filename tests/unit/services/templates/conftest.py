"""Fixtures for the template library tests: a set-up workspace with roles, and a helper project."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from pmodesk.domain import Role
from pmodesk.services import records
from pmodesk.services.setup import prepare_session

ROLES = (
    ("ROLE-PM", "Project Manager"),
    ("ROLE-BA", "Business Analyst"),
    ("ROLE-DEV", "Developer"),
    ("ROLE-TEST", "Tester"),
    ("ROLE-CHG", "Change Manager"),
)


@pytest.fixture
def s(session: Session) -> Session:
    """A workspace set up with the built-in library, and the roles the standard template asks for."""
    prepare_session(session)
    for code, name in ROLES:
        records.create(session, Role, {"code": code, "name": name})
    return session
