"""The project register: one flat row per project, read in one query, and its filters.

The register (and later the board) shows every project of the workspace at
once, so its rows are read with a single plain-SQL ``SELECT`` joining
portfolio, programme and stage, and come back as :class:`RegisterRow` tuples,
never as ORM objects. The same SQL runs through a SQLAlchemy session or
connection (the open workspace) or through a stdlib :mod:`sqlite3`
connection (the window's first paint, before SQLAlchemy has even loaded);
one conversion turns what the database returns (SQLite's text for UUIDs,
dates and time stamps, or the native objects PostgreSQL returns) into the
same rows. This module therefore imports neither SQLAlchemy nor the domain
tables. :class:`RegisterFilter` holds what the user filters by (search text,
portfolio, programme, stage, state, RAG, manager, archived) and decides,
without Qt, whether a row is shown.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pmodesk.domain.enums import ProjectState, Rag

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

#: Where register rows are read from: a session or connection of the open workspace,
#: or a stdlib SQLite connection to the workspace file.
type Source = Session | Connection | sqlite3.Connection

#: The value a filter uses for "not set" (no programme, no RAG, no manager ...).
NONE_KEY = ""


class RegisterRow(NamedTuple):
    """One project as the register shows it: a plain tuple of values, never an ORM object."""

    id: uuid.UUID
    code: str
    name: str
    portfolio_code: str
    portfolio_name: str
    programme_code: str
    programme_name: str
    stage_code: str
    stage_name: str
    stage_position: int | None
    state: ProjectState
    rag_overall: Rag | None
    rag_schedule: Rag | None
    rag_cost: Rag | None
    rag_scope: Rag | None
    rag_resources: Rag | None
    manager: str
    sponsor: str
    department: str
    planned_start: date | None
    planned_finish: date | None
    forecast_start: date | None
    forecast_finish: date | None
    budget: float | None
    actual_cost: float | None
    forecast_cost: float | None
    percent_complete: float | None
    priority_score: float | None
    tags: str
    archived: bool
    version: int
    updated_at: datetime

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """The values each register filter offers, as ``(key, label)`` pairs in display order."""

    portfolios: list[tuple[str, str]]
    programmes: list[tuple[str, str]]
    stages: list[tuple[str, str]]
    states: list[tuple[str, str]]
    rags: list[tuple[str, str]]
    managers: list[tuple[str, str]]


#: Combining marks (accents): the blocks Latin, Greek and Cyrillic letters decompose into.
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


#: Letters that carry an accent but do not decompose: searched as their plain letter.
_LETTERS = {"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
_LETTER_PATTERN = re.compile("[" + "".join(_LETTERS) + "]")


def _plain_letter(match: re.Match[str]) -> str:
    return _LETTERS[match.group()]


def fold(text: str) -> str:
    """``text`` without accents and case, for searching (``"Zoë Ørsted"`` -> ``"zoe orsted"``)."""
    if text.isascii():
        return text.casefold()
    folded = _ACCENTS.sub("", unicodedata.normalize("NFKD", text)).casefold()
    return _LETTER_PATTERN.sub(_plain_letter, folded)


def search_text(row: RegisterRow) -> str:
    """The folded text the register's search box looks in: code, name, manager, programme, tags."""
    return fold(
        "\x1f".join(
            (row.code, row.name, row.manager, row.programme_code, row.programme_name, row.tags)
        )
    )


@dataclass(frozen=True)
class RegisterFilter:
    """What the register (or the board) shows. An empty set means "any".

    Keys: portfolio, programme and stage by code; state and RAG by their stored
    value; manager by name; :data:`NONE_KEY` (``""``) stands for "not set".
    """

    text: str = ""
    portfolios: frozenset[str] = frozenset()
    programmes: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()
    rags: frozenset[str] = frozenset()
    managers: frozenset[str] = frozenset()
    show_archived: bool = False
    words: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", tuple(fold(self.text).split()))

    @property
    def is_empty(self) -> bool:
        """True when every project that is not archived is shown."""
        return not (
            self.words
            or self.portfolios
            or self.programmes
            or self.stages
            or self.states
            or self.rags
            or self.managers
        )

    def accepts(self, row: RegisterRow, folded_text: str) -> bool:
        """Whether ``row`` passes; ``folded_text`` is :func:`search_text` of the row, precomputed."""
        if row.archived and not self.show_archived:
            return False
        for word in self.words:
            if word not in folded_text:
                return False
        if self.portfolios and row.portfolio_code not in self.portfolios:
            return False
        if self.programmes and row.programme_code not in self.programmes:
            return False
        if self.stages and row.stage_code not in self.stages:
            return False
        if self.states and row.state.value not in self.states:
            return False
        if self.rags and (row.rag_overall.value if row.rag_overall else NONE_KEY) not in self.rags:
            return False
        return not (self.managers and row.manager not in self.managers)

    def accepted(self, rows: list[RegisterRow], folded_texts: list[str]) -> list[bool]:
        """:meth:`accepts` for many rows at once (one flag per row)."""
        if self.is_empty:
            if self.show_archived:
                return [True] * len(rows)
            return [not row.archived for row in rows]
        accepts = self.accepts
        return [accepts(row, text) for row, text in zip(rows, folded_texts, strict=True)]

    def matches(self, row: RegisterRow) -> bool:
        """Whether ``row`` passes (computes the search text; use :meth:`accepts` in loops)."""
        return self.accepts(row, search_text(row) if self.words else "")

    def apply(self, rows: list[RegisterRow]) -> list[RegisterRow]:
        return [row for row in rows if self.matches(row)]


# ---------------------------------------------------------------- reading

#: The register's one query; ``{where}`` takes extra conditions (with ``?`` parameters).
_SELECT = """
SELECT p.id, p.code, p.name,
       COALESCE(port.code, ''), COALESCE(port.name, ''),
       COALESCE(prog.code, ''), COALESCE(prog.name, ''),
       COALESCE(s.code, ''), COALESCE(s.name, ''), s.position,
       p.state, p.rag_overall, p.rag_schedule, p.rag_cost, p.rag_scope, p.rag_resources,
       p.manager, p.sponsor, p.department,
       p.planned_start, p.planned_finish, p.forecast_start, p.forecast_finish,
       p.budget, p.actual_cost, p.forecast_cost, p.percent_complete, p.priority_score,
       p.tags, p.archived_at IS NOT NULL, p.version, p.updated_at
FROM project AS p
LEFT OUTER JOIN programme AS prog ON prog.id = p.programme_id
LEFT OUTER JOIN portfolio AS port ON port.id = COALESCE(p.portfolio_id, prog.portfolio_id)
LEFT OUTER JOIN stage AS s ON s.id = p.stage_id
{where}
ORDER BY p.code
"""

#: How a driver writes its n-th parameter, by DB-API ``paramstyle``.
_PLACEHOLDERS: dict[str, Callable[[int], str]] = {
    "qmark": lambda _n: "?",
    "format": lambda _n: "%s",
    "pyformat": lambda _n: "%s",
    "numeric": lambda n: f":{n}",
    "named": lambda n: f":p{n}",
}


def _sqlite_datetime(value: datetime) -> str:
    """A time stamp as the store keeps it in SQLite: UTC, no offset, always with microseconds."""
    if value.utcoffset() is not None:
        value = value.astimezone(UTC)
    return f"{value:%Y-%m-%d %H:%M:%S}.{value.microsecond:06d}"


def _driver_value(value: Any, sqlite: bool) -> Any:
    """A parameter as the column holds it: SQLite keeps UUIDs and time stamps as text."""
    if not sqlite:
        return value
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        return _sqlite_datetime(value)
    return value


def _fetch(source: Source, sql: str, params: Sequence[Any] = ()) -> Sequence[Sequence[Any]]:
    """Run ``sql`` (parameters written ``?``) on ``source`` and return its raw rows."""
    if isinstance(source, sqlite3.Connection):
        return source.execute(sql, [_driver_value(v, True) for v in params]).fetchall()
    connection: Connection = (
        source.connection() if isinstance(source, _orm_session_class()) else source  # type: ignore[assignment]
    )
    dialect = connection.dialect
    values = [_driver_value(v, dialect.name == "sqlite") for v in params]
    if dialect.paramstyle != "qmark":
        placeholder = _PLACEHOLDERS[dialect.paramstyle]
        pieces = sql.split("?")
        sql = pieces[0] + "".join(
            placeholder(n) + piece for n, piece in enumerate(pieces[1:], start=1)
        )
    if dialect.paramstyle == "named":
        named = {f"p{n}": v for n, v in enumerate(values, start=1)}
        return connection.exec_driver_sql(sql, named).all()
    return connection.exec_driver_sql(sql, tuple(values)).all()


def _orm_session_class() -> type[Session]:
    from sqlalchemy.orm import Session

    return Session


_STATES: dict[Any, ProjectState] = {s.value: s for s in ProjectState} | {s: s for s in ProjectState}
_RAGS: dict[Any, Rag | None] = {r.value: r for r in Rag} | {r: r for r in Rag} | {None: None}


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _date(value: Any) -> date | None:
    if value is None or type(value) is date:
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value))


def _datetime(value: Any) -> datetime:
    """A time stamp in UTC, time-zone aware, as the domain's records hold it."""
    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return stamp.replace(tzinfo=UTC) if stamp.utcoffset() is None else stamp.astimezone(UTC)


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


_make_row = RegisterRow._make


def to_register_row(values: Sequence[Any]) -> RegisterRow:
    """One row of the register query, as any driver returns it, as a :class:`RegisterRow`."""
    (
        id_,
        code,
        name,
        portfolio_code,
        portfolio_name,
        programme_code,
        programme_name,
        stage_code,
        stage_name,
        stage_position,
        state,
        rag_overall,
        rag_schedule,
        rag_cost,
        rag_scope,
        rag_resources,
        manager,
        sponsor,
        department,
        planned_start,
        planned_finish,
        forecast_start,
        forecast_finish,
        budget,
        actual_cost,
        forecast_cost,
        percent_complete,
        priority_score,
        tags,
        archived,
        version,
        updated_at,
    ) = values
    return _make_row(
        (
            _uuid(id_),
            code,
            name,
            portfolio_code,
            portfolio_name,
            programme_code,
            programme_name,
            stage_code,
            stage_name,
            None if stage_position is None else int(stage_position),
            _STATES[state],
            _RAGS[rag_overall],
            _RAGS[rag_schedule],
            _RAGS[rag_cost],
            _RAGS[rag_scope],
            _RAGS[rag_resources],
            manager,
            sponsor,
            department,
            _date(planned_start),
            _date(planned_finish),
            _date(forecast_start),
            _date(forecast_finish),
            _number(budget),
            _number(actual_cost),
            _number(forecast_cost),
            _number(percent_complete),
            _number(priority_score),
            tags,
            bool(archived),
            int(version),
            _datetime(updated_at),
        )
    )


def _rows(source: Source, conditions: list[str], params: list[Any]) -> list[RegisterRow]:
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return [
        to_register_row(values) for values in _fetch(source, _SELECT.format(where=where), params)
    ]


def register_rows(
    source: Source, *, include_archived: bool = False, changed_since: datetime | None = None
) -> list[RegisterRow]:
    """Every project as a register row, ordered by code, in one query.

    ``source`` is a session or connection of the open workspace, or a stdlib
    :mod:`sqlite3` connection to a workspace file at the current schema.
    ``changed_since`` keeps only projects changed at or after that time (a
    cheap refresh: pass the newest ``updated_at`` already shown).
    """
    conditions: list[str] = []
    params: list[Any] = []
    if not include_archived:
        conditions.append("p.archived_at IS NULL")
    if changed_since is not None:
        conditions.append("p.updated_at >= ?")
        params.append(changed_since)
    return _rows(source, conditions, params)


def register_row(source: Source, project_id: uuid.UUID) -> RegisterRow | None:
    """The register row of one project (archived or not), or ``None`` if it no longer exists."""
    found = _rows(source, ["p.id = ?"], [project_id])
    return found[0] if found else None


def project_count(source: Source, *, include_archived: bool = True) -> int:
    """How many projects the workspace holds (a cheap check that nothing was removed)."""
    where = "" if include_archived else " WHERE archived_at IS NULL"
    return int(_fetch(source, f"SELECT COUNT(*) FROM project{where}")[0][0])


def filter_choices(source: Source) -> FilterChoices:
    """The distinct values the register's filters offer (archived portfolio data left out)."""

    def coded(table: str) -> list[tuple[str, str]]:
        found = _fetch(
            source, f"SELECT code, name FROM {table} WHERE archived_at IS NULL ORDER BY code"
        )
        return [(str(code), f"{code} · {name}") for code, name in found]

    stages = _fetch(
        source, "SELECT code, name FROM stage WHERE archived_at IS NULL ORDER BY position"
    )
    managers = _fetch(source, "SELECT DISTINCT manager FROM project WHERE manager != ''")
    return FilterChoices(
        portfolios=coded("portfolio"),
        programmes=[*coded("programme"), (NONE_KEY, "(no programme)")],
        stages=[(str(code), str(name)) for code, name in stages],
        states=[(s.value, s.label) for s in ProjectState],
        rags=[*((r.value, r.label) for r in Rag), (NONE_KEY, "Not set")],
        managers=[
            *((m, m) for m in sorted((str(m) for (m,) in managers), key=fold)),
            (NONE_KEY, "(no manager)"),
        ],
    )


def structure_stamp(source: Source) -> str:
    """A fingerprint of the portfolios, programmes and stages (their count and latest change).

    Equal stamps mean the names joined into register rows are unchanged, so a
    refresh need only look at the projects.
    """
    parts = []
    for table in ("portfolio", "programme", "stage"):
        count, latest = _fetch(source, f"SELECT COUNT(*), MAX(updated_at) FROM {table}")[0]
        parts.append(f"{table}:{count}:{latest}")
    return ";".join(parts)


@dataclass(frozen=True, slots=True)
class RegisterSnapshot:
    """A workspace's register read in one go, to show before the workspace is attached.

    ``path`` is the workspace file it was read from, ``rows`` every project
    (archived too), ``choices`` the filters and ``structure`` the
    :func:`structure_stamp` at that moment.
    """

    name: str
    path: Path | None
    rows: list[RegisterRow]
    choices: FilterChoices
    structure: str


def register_snapshot(source: Source, name: str, path: Path | None = None) -> RegisterSnapshot:
    """The register of ``source`` as a :class:`RegisterSnapshot` (read in the caller's transaction)."""
    return RegisterSnapshot(
        name,
        path,
        register_rows(source, include_archived=True),
        filter_choices(source),
        structure_stamp(source),
    )
