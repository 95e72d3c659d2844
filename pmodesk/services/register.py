"""The project register: one flat row per project, read in one query, and its filters.

The register (and later the board) shows every project of the workspace at
once, so its rows are read with a single SQLAlchemy Core ``SELECT`` joining
portfolio, programme and stage, and come back as frozen :class:`RegisterRow`
values, never as ORM objects. :class:`RegisterFilter` holds what the user
filters by (search text, portfolio, programme, stage, state, RAG, manager,
archived) and decides, without Qt, whether a row is shown.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from pmodesk.domain import Portfolio, Programme, Project, Stage
from pmodesk.domain.enums import ProjectState, Rag

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


def _statement() -> Select[Any]:
    project = Project.__table__  # type: ignore[attr-defined]
    programme = aliased(Programme.__table__, name="prog")  # type: ignore[attr-defined]
    portfolio = aliased(Portfolio.__table__, name="port")  # type: ignore[attr-defined]
    stage = Stage.__table__  # type: ignore[attr-defined]
    portfolio_id = func.coalesce(project.c.portfolio_id, programme.c.portfolio_id)
    return (
        select(
            project.c.id,
            project.c.code,
            project.c.name,
            func.coalesce(portfolio.c.code, ""),
            func.coalesce(portfolio.c.name, ""),
            func.coalesce(programme.c.code, ""),
            func.coalesce(programme.c.name, ""),
            func.coalesce(stage.c.code, ""),
            func.coalesce(stage.c.name, ""),
            stage.c.position,
            project.c.state,
            project.c.rag_overall,
            project.c.rag_schedule,
            project.c.rag_cost,
            project.c.rag_scope,
            project.c.rag_resources,
            project.c.manager,
            project.c.sponsor,
            project.c.department,
            project.c.planned_start,
            project.c.planned_finish,
            project.c.forecast_start,
            project.c.forecast_finish,
            project.c.budget,
            project.c.actual_cost,
            project.c.forecast_cost,
            project.c.percent_complete,
            project.c.priority_score,
            project.c.tags,
            project.c.archived_at.is_not(None),
            project.c.version,
            project.c.updated_at,
        )
        .select_from(project)
        .outerjoin(programme, programme.c.id == project.c.programme_id)
        .outerjoin(portfolio, portfolio.c.id == portfolio_id)
        .outerjoin(stage, stage.c.id == project.c.stage_id)
        .order_by(project.c.code)
    )


def _rows(session: Session, statement: Select[Any]) -> list[RegisterRow]:
    make = RegisterRow._make
    return [make(values) for values in session.execute(statement).all()]


def register_rows(
    session: Session, *, include_archived: bool = False, changed_since: datetime | None = None
) -> list[RegisterRow]:
    """Every project as a register row, ordered by code, in one query.

    ``changed_since`` keeps only projects changed at or after that time (a
    cheap refresh: pass the newest ``updated_at`` already shown).
    """
    project = Project.__table__  # type: ignore[attr-defined]
    statement = _statement()
    if not include_archived:
        statement = statement.where(project.c.archived_at.is_(None))
    if changed_since is not None:
        statement = statement.where(project.c.updated_at >= changed_since)
    return _rows(session, statement)


def register_row(session: Session, project_id: uuid.UUID) -> RegisterRow | None:
    """The register row of one project (archived or not), or ``None`` if it no longer exists."""
    project = Project.__table__  # type: ignore[attr-defined]
    found = _rows(session, _statement().where(project.c.id == project_id))
    return found[0] if found else None


def project_count(session: Session, *, include_archived: bool = True) -> int:
    """How many projects the workspace holds (a cheap check that nothing was removed)."""
    project = Project.__table__  # type: ignore[attr-defined]
    statement = select(func.count()).select_from(project)
    if not include_archived:
        statement = statement.where(project.c.archived_at.is_(None))
    return int(session.execute(statement).scalar_one())


def filter_choices(session: Session) -> FilterChoices:
    """The distinct values the register's filters offer (archived portfolio data left out)."""
    portfolio = Portfolio.__table__  # type: ignore[attr-defined]
    programme = Programme.__table__  # type: ignore[attr-defined]
    stage = Stage.__table__  # type: ignore[attr-defined]
    project = Project.__table__  # type: ignore[attr-defined]

    def coded(table: Any, order: Any) -> list[tuple[str, str]]:
        statement = (
            select(table.c.code, table.c.name).where(table.c.archived_at.is_(None)).order_by(order)
        )
        return [(str(code), f"{code} · {name}") for code, name in session.execute(statement)]

    managers = session.execute(
        select(project.c.manager).distinct().where(project.c.manager != "")
    ).scalars()
    return FilterChoices(
        portfolios=coded(portfolio, portfolio.c.code),
        programmes=[*coded(programme, programme.c.code), (NONE_KEY, "(no programme)")],
        stages=[
            (str(code), str(name))
            for code, name in session.execute(
                select(stage.c.code, stage.c.name)
                .where(stage.c.archived_at.is_(None))
                .order_by(stage.c.position)
            )
        ],
        states=[(s.value, s.label) for s in ProjectState],
        rags=[*((r.value, r.label) for r in Rag), (NONE_KEY, "Not set")],
        managers=[
            *((m, m) for m in sorted((str(m) for m in managers), key=fold)),
            (NONE_KEY, "(no manager)"),
        ],
    )
