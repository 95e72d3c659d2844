"""What an export holds: its scope, and the records of each kind in it as plain rows.

An export covers the whole workspace, a portfolio, a programme or the
register's current filter (:class:`ExportScope`). :func:`gather_export`
reads every kind the portfolio workbook has a sheet for, in that scope, as
rows of plain values: references as the referenced record's CODE (the key
imports match on), enums as enum members, dates as dates, percentages as
stored (0–100). The columns of each kind follow its table (:func:`export_fields`),
so a field added to the domain appears in the next export without a change
here. Nothing in this module knows about Excel; :mod:`pmodesk.exchange.writing`
turns an :class:`ExportData` into a workbook, and the review pack can reuse it.
"""

from __future__ import annotations

import typing
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from pmodesk.domain import (
    Allocation,
    CodedRecord,
    Decision,
    Milestone,
    Person,
    Portfolio,
    Programme,
    Project,
    RaidItem,
    Record,
    Role,
    Stage,
    StatusReport,
    Team,
)
from pmodesk.domain.errors import NotFoundError
from pmodesk.services.references import REFERENCES
from pmodesk.services.register import RegisterFilter, register_rows
from pmodesk.services.validation import field_label

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


class ExportCancelled(Exception):
    """The person cancelled the export; nothing was written."""


class ValueKind(StrEnum):
    """How a column's values are typed in a workbook."""

    TEXT = "text"
    CODE = "code"  # a reference, written as the referenced record's code
    ENUM = "enum"
    DATE = "date"
    DATETIME = "datetime"
    MONEY = "money"
    PERCENT = "percent"  # stored 0–100
    NUMBER = "number"
    INTEGER = "integer"
    BOOL = "bool"


#: Fields no export shows: identity and bookkeeping, and what-if scenarios (not the real plan).
INTERNAL_FIELDS = frozenset({"id", "created_at", "updated_at", "version", "archived_at"})
SKIPPED_FIELDS: dict[str, frozenset[str]] = {"allocation": frozenset({"scenario_id"})}
#: Fields an import does not set (computed, or owned by another workflow: scoring, templates,
#: closing a period). They are exported as information columns, left out of ``_pmodesk``.
NOT_IMPORTED: dict[str, frozenset[str]] = {
    "status_report": frozenset({"frozen", "submitted_at"}),
}
MONEY_FIELDS = frozenset({"budget", "actual_cost", "forecast_cost"})
PERCENT_FIELDS = frozenset({"percent_complete", "percent_of_capacity"})

#: Column headings where the field's name in a sentence would not do.
HEADERS: dict[str, str] = {
    "code": "Code",
    "rag_overall": "Overall RAG",
    "rag_schedule": "Schedule RAG",
    "rag_cost": "Cost RAG",
    "rag_scope": "Scope RAG",
    "rag_resources": "Resources RAG",
    "percent_complete": "% complete",
    "percent_of_capacity": "% of capacity",
    "weekly_capacity_hours": "Weekly hours",
    "part_time_factor": "Part-time factor",
    "week_start": "Week (Monday)",
    "submitted_at": "Submitted at (UTC)",
    "is_gate": "Gate milestone",
    "raid_item.kind": "Type",
}

#: Columns shown first for a kind (the rest follow in the table's order).
LEADING: dict[str, tuple[str, ...]] = {
    "allocation": ("project", "person", "role", "week_start"),
    "status_report": ("project", "period"),
}


@dataclass(frozen=True, slots=True)
class ExportField:
    """One column: the field key of the import contract, its heading, and how it is typed."""

    key: str
    header: str
    kind: ValueKind
    attr: str
    enum: type[StrEnum] | None = None
    reference: type[CodedRecord] | None = None
    #: False for a field an import does not set (see :data:`NOT_IMPORTED`).
    imported: bool = True


@dataclass(frozen=True, slots=True)
class KindSpec:
    """A record kind as a sheet: table name (the contract's kind), sheet title and columns."""

    kind: str
    title: str
    model: type[Record]
    fields: tuple[ExportField, ...]


@dataclass(slots=True)
class KindRows:
    spec: KindSpec
    rows: list[tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class ExportScope:
    """Which projects an export covers: all, a portfolio's, a programme's, or a register filter's.

    Given together, portfolio, programme and filter all apply. Records that
    belong to no project (portfolio-level RAID and decisions) are exported with
    the whole workspace only; people, teams and roles with a narrower scope are
    those the exported allocations name.
    """

    portfolio: str | None = None
    programme: str | None = None
    register_filter: RegisterFilter | None = None

    @property
    def is_whole_workspace(self) -> bool:
        return not (self.portfolio or self.programme or self.register_filter is not None)

    def describe(self) -> str:
        parts = []
        if self.portfolio:
            parts.append(f"portfolio {self.portfolio.strip().upper()}")
        if self.programme:
            parts.append(f"programme {self.programme.strip().upper()}")
        if self.register_filter is not None:
            parts.append("the register's filter")
        return "The whole workspace" if not parts else "Projects of " + " and ".join(parts)


@dataclass(slots=True)
class ExportData:
    """Everything a portfolio workbook shows, read in one transaction."""

    scope: ExportScope
    kinds: dict[str, KindRows]
    stages: list[tuple[str, str]]  # (code, name) in lifecycle order
    project_codes: set[str] = field(default_factory=set)
    person_codes: set[str] = field(default_factory=set)

    def rows(self, kind: str) -> list[tuple[Any, ...]]:
        return self.kinds[kind].rows if kind in self.kinds else []

    def count(self) -> int:
        """Cells of all data sheets (rows × columns), for progress."""
        return sum(len(k.rows) * len(k.spec.fields) for k in self.kinds.values())


# ---------------------------------------------------------------- columns


def _base_type(annotation: Any) -> Any:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return args[0] if args else annotation


def _reference_of(attr: str) -> tuple[str, type[CodedRecord]] | None:
    for ref in REFERENCES.values():
        if ref.field == attr:
            return ref.key, ref.model
    return None


def _field_for(kind: str, attr: str, annotation: Any) -> ExportField | None:
    base = _base_type(annotation)
    if base is uuid.UUID:
        found = _reference_of(attr)
        if found is None:
            return None
        key, model = found
        return ExportField(key, key.capitalize(), ValueKind.CODE, attr, reference=model)
    header = HEADERS.get(f"{kind}.{attr}") or HEADERS.get(attr)
    header = header or (lambda text: text[:1].upper() + text[1:])(field_label(attr))
    if isinstance(base, type) and issubclass(base, StrEnum):
        return ExportField(attr, header, ValueKind.ENUM, attr, enum=base)
    value_kind = {
        bool: ValueKind.BOOL,
        int: ValueKind.INTEGER,
        float: ValueKind.NUMBER,
        str: ValueKind.TEXT,
        date: ValueKind.DATE,
        datetime: ValueKind.DATETIME,
    }.get(base)
    if value_kind is None:
        return None  # JSON and other structured values have no cell form
    if attr in MONEY_FIELDS:
        value_kind = ValueKind.MONEY
    elif attr in PERCENT_FIELDS:
        value_kind = ValueKind.PERCENT
    imported = attr not in NOT_IMPORTED.get(kind, frozenset())
    return ExportField(attr, header, value_kind, attr, imported=imported)


def export_fields(model: type[Record]) -> tuple[ExportField, ...]:
    """The columns of ``model`` in an export: every field people own, references as codes."""
    kind = str(model.__tablename__)
    skipped = INTERNAL_FIELDS | SKIPPED_FIELDS.get(kind, frozenset())
    fields = [
        found
        for attr, info in model.model_fields.items()
        if attr not in skipped and (found := _field_for(kind, attr, info.annotation)) is not None
    ]
    leading = LEADING.get(kind, ())
    fields.sort(key=lambda f: leading.index(f.key) if f.key in leading else len(leading))
    return tuple(fields)


#: The data sheets of a portfolio workbook, in sheet order, with their titles.
SHEETS: tuple[tuple[type[Record], str], ...] = (
    (Project, "Projects"),
    (Milestone, "Milestones"),
    (RaidItem, "RAID"),
    (Decision, "Decisions"),
    (StatusReport, "Status reports"),
    (Person, "People"),
    (Allocation, "Allocations"),
    (Portfolio, "Portfolios"),
    (Programme, "Programmes"),
    (Team, "Teams"),
    (Role, "Roles"),
)


def kind_specs() -> list[KindSpec]:
    return [KindSpec(str(m.__tablename__), title, m, export_fields(m)) for m, title in SHEETS]


# ---------------------------------------------------------------- scope


def _code_id(session: Session, model: type[CodedRecord], code: str, what: str) -> uuid.UUID:
    wanted = code.strip().upper()
    found = (
        session.connection().execute(select(col(model.id)).where(col(model.code) == wanted)).first()
    )
    if found is None:
        raise NotFoundError(f"There is no {what} with code {wanted}; check the code and try again.")
    return uuid.UUID(str(found[0]))


def scope_project_codes(session: Session, scope: ExportScope) -> set[str]:
    """The codes of the projects ``scope`` covers (live ones; archived too when a filter shows them)."""
    with_archived = scope.register_filter is not None and scope.register_filter.show_archived
    rows = register_rows(session, include_archived=with_archived)
    if scope.portfolio:
        _code_id(session, Portfolio, scope.portfolio, "portfolio")
        rows = [r for r in rows if r.portfolio_code == scope.portfolio.strip().upper()]
    if scope.programme:
        _code_id(session, Programme, scope.programme, "programme")
        rows = [r for r in rows if r.programme_code == scope.programme.strip().upper()]
    if scope.register_filter is not None:
        rows = scope.register_filter.apply(rows)
    return {r.code for r in rows}


# ---------------------------------------------------------------- reading


def _read(session: Session, spec: KindSpec, *, include_archived: bool = False) -> list[Any]:
    """The rows of one kind in one query, references joined in as the referenced records' codes."""
    table = spec.model.__table__  # type: ignore[attr-defined]
    joined = table
    columns = []
    for n, spec_field in enumerate(spec.fields):
        if spec_field.reference is None:
            columns.append(table.c[spec_field.attr])
            continue
        target = spec_field.reference.__table__.alias(f"ref_{n}")  # type: ignore[attr-defined]
        joined = joined.outerjoin(target, target.c.id == table.c[spec_field.attr])
        columns.append(target.c.code)
    statement = select(*columns).select_from(joined)
    if not include_archived:
        statement = statement.where(table.c.archived_at.is_(None))
    if spec.kind == "allocation":
        statement = statement.where(table.c.scenario_id.is_(None))
    return [tuple(row) for row in session.connection().execute(statement)]


def _position(spec: KindSpec, key: str) -> int:
    return next(n for n, f in enumerate(spec.fields) if f.key == key)


def _sort(spec: KindSpec, rows: list[tuple[Any, ...]]) -> None:
    keys = [
        k for k in (*LEADING.get(spec.kind, ()), "code") if any(f.key == k for f in spec.fields)
    ]
    positions = [_position(spec, k) for k in keys]
    rows.sort(key=lambda r: tuple(("" if r[p] is None else str(r[p])) for p in positions))


def gather_export(
    session: Session,
    scope: ExportScope | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportData:
    """Read every kind of the portfolio workbook in ``scope`` (see the module docstring)."""
    scope = scope or ExportScope()
    specs = kind_specs()
    projects = scope_project_codes(session, scope)
    whole = scope.is_whole_workspace
    data = ExportData(scope, {}, _stages(session), project_codes=projects)
    rows_by_kind: dict[str, list[Any]] = {}
    for n, spec in enumerate(specs):
        if cancelled is not None and cancelled():
            raise ExportCancelled("The export was cancelled; nothing was written.")
        if progress is not None:
            progress(n, len(specs), f"Reading {spec.title.lower()}")
        archived = spec.kind == "project" and bool(
            scope.register_filter and scope.register_filter.show_archived
        )
        rows = _read(session, spec, include_archived=archived)
        key = "code" if spec.kind == "project" else "project"
        if any(f.key == key for f in spec.fields):
            at = _position(spec, key)
            # Records of no project (portfolio-level RAID, decisions) belong to the whole workspace.
            rows = [r for r in rows if (r[at] in projects if r[at] is not None else whole)]
        rows_by_kind[spec.kind] = rows
    if not whole:
        _narrow_reference_kinds(specs, rows_by_kind)
    _drop_dangling_allocations(specs, rows_by_kind)
    for spec in specs:
        rows = rows_by_kind[spec.kind]
        _sort(spec, rows)
        data.kinds[spec.kind] = KindRows(spec, rows)
    data.person_codes = _codes_in(data.kinds["person"].spec, data.rows("person"), "code")
    return data


def _codes_in(spec: KindSpec, rows: list[Any], key: str) -> set[str]:
    if not any(f.key == key for f in spec.fields):
        return set()
    at = _position(spec, key)
    return {r[at] for r in rows if r[at] is not None}


def _narrow_reference_kinds(specs: list[KindSpec], rows: dict[str, list[Any]]) -> None:
    """For a part of the workspace: only the people, teams, roles, programmes and portfolios used."""
    by_kind = {s.kind: s for s in specs}

    def keep(kind: str, codes: set[str]) -> None:
        at = _position(by_kind[kind], "code")
        rows[kind] = [r for r in rows[kind] if r[at] in codes]

    allocation, person, project = by_kind["allocation"], by_kind["person"], by_kind["project"]
    keep("person", _codes_in(allocation, rows["allocation"], "person"))
    keep(
        "role",
        _codes_in(allocation, rows["allocation"], "role")
        | _codes_in(person, rows["person"], "role"),
    )
    keep("team", _codes_in(person, rows["person"], "team"))
    keep("programme", _codes_in(project, rows["project"], "programme"))
    keep(
        "portfolio",
        _codes_in(project, rows["project"], "portfolio")
        | _codes_in(by_kind["programme"], rows["programme"], "portfolio"),
    )


def _drop_dangling_allocations(specs: list[KindSpec], rows: dict[str, list[Any]]) -> None:
    """Allocations of archived people are not part of the live plan, so they are left out."""
    allocation = next(s for s in specs if s.kind == "allocation")
    person = next(s for s in specs if s.kind == "person")
    people = _codes_in(person, rows["person"], "code")
    at = _position(allocation, "person")
    rows["allocation"] = [r for r in rows["allocation"] if r[at] is None or r[at] in people]


def _stages(session: Session) -> list[tuple[str, str]]:
    statement = (
        select(col(Stage.code), col(Stage.name))
        .where(col(Stage.archived_at).is_(None))
        .order_by(col(Stage.position))
    )
    return [(str(c), str(n)) for c, n in session.connection().execute(statement)]
