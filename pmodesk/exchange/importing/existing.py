"""The records already in the workspace that an import's rows may match, loaded once per kind.

A coded kind is matched on its code, or (for a row without one) on its name
within its project, so that a register whose rows carry no codes imports
twice without doubling. Status reports are matched on project and period.
Allocations are matched after their sheet is read (see :mod:`.matrix`), on
person or role, project, week and scenario, by the projects the sheet names.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Row, select
from sqlmodel import Session

from pmodesk.exchange.importing.kinds import KindSpec
from pmodesk.exchange.importing.words import fold

#: Existing allocations are fetched for this many projects per query.
CHUNK = 500

AllocationKey = tuple[uuid.UUID | None, uuid.UUID | None, uuid.UUID, date, uuid.UUID | None]


class ExistingIndex:
    """The records of one kind by key, by name, and by id."""

    def __init__(self, session: Session, spec: KindSpec) -> None:
        self.spec = spec
        self.by_key: dict[tuple[Any, ...], Row[Any]] = {}
        self.by_name: dict[tuple[str, Any], list[Row[Any]]] = {}
        self._rows: list[Row[Any]] = []
        self._by_attrs: dict[tuple[str, ...], dict[tuple[Any, ...], list[Row[Any]]]] = {}
        if spec.kind == "allocation":
            return
        table = spec.model.__table__
        name_field = spec.name_field
        # (a row's mapping also answers "project_id" for a project's own id: ask the table)
        in_project = "project_id" in table.c
        for row in session.execute(select(table)):
            self._rows.append(row)
            mapping = row._mapping
            if spec.coded:
                self.by_key[(mapping["code"].upper(),)] = row
            elif spec.kind == "status_report":
                self.by_key[(mapping["project_id"], mapping["period"])] = row
            if name_field is not None:
                project = mapping["project_id"] if in_project else None
                self.by_name.setdefault((fold(mapping[name_field] or ""), project), []).append(row)

    def matching(self, attrs: tuple[str, ...], values: tuple[Any, ...]) -> Row[Any] | None:
        """The one live record whose ``attrs`` hold ``values`` (text compared without case)."""
        index = self._by_attrs.get(attrs)
        if index is None:
            index = self._by_attrs[attrs] = {}
            for row in self._rows:
                m = row._mapping
                if m["archived_at"] is None:
                    index.setdefault(tuple(match_value(m[a]) for a in attrs), []).append(row)
        rows = index.get(values, [])
        return rows[0] if len(rows) == 1 else None

    def by_code(self, code: str) -> Row[Any] | None:
        return self.by_key.get((code.upper(),))

    def named(self, name: str, project_id: uuid.UUID | None) -> Row[Any] | None:
        """The one record of this name (in this project); None when none or several."""
        rows = self.by_name.get((fold(name), project_id), [])
        live = [r for r in rows if r._mapping["archived_at"] is None]
        return live[0] if len(live) == 1 else None


def match_value(value: Any) -> Any:
    """A value as records are matched on it: text without case or surrounding spaces."""
    return fold(value) if isinstance(value, str) else value


def existing_allocations(
    session: Session, project_ids: Iterable[uuid.UUID]
) -> dict[AllocationKey, Row[Any]]:
    """Live allocations of these projects by (person, role, project, week, scenario).

    A person's allocation is keyed without its role (the person is the key); a
    role placeholder with the person empty. When two live allocations share a
    key, the first one found is matched.
    """
    from pmodesk.domain import Allocation

    table = Allocation.__table__  # type: ignore[attr-defined]
    found: dict[AllocationKey, Row[Any]] = {}
    ids = list(dict.fromkeys(project_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        statement = select(table).where(
            table.c.project_id.in_(chunk), table.c.archived_at.is_(None)
        )
        for row in session.execute(statement):
            m = row._mapping
            person = m["person_id"]
            key: AllocationKey = (
                person,
                None if person is not None else m["role_id"],
                m["project_id"],
                m["week_start"],
                m["scenario_id"],
            )
            found.setdefault(key, row)
    return found
