"""Read-only look-ups for the editors and record lists: choices, next codes, list rows.

Everything here is one query per call and returns plain data (no ORM objects
leave a function), so a combo box of 1,000 people or a table of 10,000 RAID
items is filled from a single round trip.

* :func:`choices` and its named shorthands list ``(id, code, name)`` for the
  reference pickers of the record editors;
* :func:`next_code` proposes the next free code of a kind (``PRJ-043``);
* :data:`LISTINGS` and :func:`list_rows` describe and fetch the rows of the
  record pages, with the codes and names of referenced records joined in.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from pmodesk.domain import (
    Benefit,
    CapacityException,
    Certification,
    CodedRecord,
    Decision,
    Lesson,
    Milestone,
    Person,
    PersonSkill,
    Portfolio,
    PortfolioRecord,
    Programme,
    Project,
    PublicHoliday,
    RaidItem,
    Record,
    Role,
    Scenario,
    ScoringCriterion,
    Skill,
    Stage,
    StatusReport,
    StrategicObjective,
    Team,
    TrainingRecord,
)
from pmodesk.domain.rules import risk_score

# ------------------------------------------------------------------ choices


@dataclass(frozen=True, slots=True)
class Choice:
    """One entry of a reference picker."""

    id: uuid.UUID
    code: str
    name: str
    archived: bool = False

    @property
    def label(self) -> str:
        """``CODE — Name`` as people read it in a picker."""
        text = f"{self.code} — {self.name}" if self.name else self.code
        return f"{text} (archived)" if self.archived else text


def _name_column(model: type[Record]) -> Any:
    for attribute in ("name", "title"):
        if attribute in model.model_fields:
            return getattr(model, attribute)
    return col(model.code)  # type: ignore[attr-defined]


def choices(
    session: Session,
    model: type[CodedRecord],
    *,
    include_archived: bool = False,
    keep: uuid.UUID | None = None,
) -> list[Choice]:
    """The records of ``model`` as choices, ordered by code (stages by position).

    ``keep`` names a record to list even when it is archived: the value an
    existing record already refers to, which an editor must not silently drop.
    """
    name = _name_column(model)
    statement = _select(model.id, model.code, name, model.archived_at)
    if not include_archived:
        live = col(model.archived_at).is_(None)
        statement = statement.where(live | (model.id == keep) if keep is not None else live)
    order = col(Stage.position) if model is Stage else col(model.code)
    statement = statement.order_by(order)
    return [
        Choice(row[0], row[1], row[2] or "", row[3] is not None)
        for row in session.execute(statement)
    ]


def portfolios(session: Session) -> list[Choice]:
    return choices(session, Portfolio)


def programmes(session: Session) -> list[Choice]:
    return choices(session, Programme)


def stages(session: Session) -> list[Choice]:
    """The lifecycle stages in their order (Idea first)."""
    return choices(session, Stage)


def people(session: Session) -> list[Choice]:
    return choices(session, Person)


def teams(session: Session) -> list[Choice]:
    return choices(session, Team)


def roles(session: Session) -> list[Choice]:
    return choices(session, Role)


def projects(session: Session) -> list[Choice]:
    return choices(session, Project)


def objectives(session: Session) -> list[Choice]:
    return choices(session, StrategicObjective)


def person_names(session: Session) -> list[str]:
    """Names of the live people, for completing free-text owner, sponsor and manager fields."""
    statement = (
        select(col(Person.name)).where(col(Person.archived_at).is_(None)).order_by(col(Person.name))
    )
    return [str(name) for name in session.scalars(statement)]


# ------------------------------------------------------------------ codes

#: The prefix of the codes pmodesk proposes for a new record of each kind.
CODE_PREFIXES: dict[type[Record], str] = {
    Portfolio: "PF",
    Programme: "PGM",
    StrategicObjective: "OBJ",
    Project: "PRJ",
    Person: "PER",
    Team: "TEAM",
    Role: "ROLE",
    Milestone: "MS",
    RaidItem: "RAID",
    Decision: "DEC",
    Benefit: "BEN",
    Lesson: "LES",
    Stage: "STAGE",
    Skill: "SKL",
    Scenario: "SCN",
    ScoringCriterion: "CRIT",
}


def next_code(session: Session, model: type[CodedRecord], prefix: str | None = None) -> str:
    """The next free code ``PREFIX-NNN`` after the highest number already used (archived too)."""
    prefix = prefix or CODE_PREFIXES.get(model, str(model.__tablename__).upper()[:4])
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$")
    used = session.scalars(select(col(model.code)).where(col(model.code).startswith(f"{prefix}-")))
    highest = max((int(m.group(1)) for c in used if (m := pattern.match(c))), default=0)
    return f"{prefix}-{highest + 1:03d}"


# ------------------------------------------------------------------ record lists


class ColumnKind(StrEnum):
    """How a list column's values are shown and sorted."""

    TEXT = "text"
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    RAG = "rag"
    ENUM = "enum"
    KIND = "kind"  # a RAID kind, shown as its letter
    SCORE = "score"  # a risk score, 1-25
    BOOL = "bool"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    kind: ColumnKind = ColumnKind.TEXT


@dataclass(frozen=True, slots=True)
class ListRow:
    """One row of a record list: the record's id, whether it is archived, and its cells."""

    id: uuid.UUID
    archived: bool
    values: tuple[Any, ...]


@dataclass(frozen=True)
class Listing:
    """What a record page shows for one kind, and the one query that fetches it."""

    model: type[PortfolioRecord]
    columns: tuple[Column, ...]
    #: Tables whose changes alter these rows (the kind's own table and the joined ones).
    depends_on: frozenset[str]
    statement: Callable[[], Select[Any]]
    derive: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda row: row)

    @property
    def table(self) -> str:
        return str(self.model.__tablename__)


def _c(*spec: tuple[str, str] | tuple[str, str, ColumnKind]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in spec)


def _select(*columns: Any) -> Select[Any]:
    """A Core SELECT of plain columns (rows come back as tuples, not ORM objects)."""
    return select(*columns)


def _count(child: Any, key: Any, parent_id: Any) -> Any:
    return (
        select(func.count())
        .select_from(child)
        .where(key == parent_id, col(child.archived_at).is_(None))
        .scalar_subquery()
    )


def _portfolio_rows() -> Select[Any]:
    return _select(
        Portfolio.id,
        Portfolio.archived_at,
        Portfolio.code,
        Portfolio.name,
        Portfolio.owner,
        _count(Programme, col(Programme.portfolio_id), Portfolio.id).label("programmes"),
        _count(Project, col(Project.portfolio_id), Portfolio.id).label("projects"),
    )


def _programme_rows() -> Select[Any]:
    return _select(
        Programme.id,
        Programme.archived_at,
        Programme.code,
        Programme.name,
        col(Portfolio.code).label("portfolio"),
        Programme.sponsor,
        Programme.manager,
        _count(Project, col(Project.programme_id), Programme.id).label("projects"),
    ).outerjoin(Portfolio, col(Programme.portfolio_id) == Portfolio.id)


def _objective_rows() -> Select[Any]:
    return _select(
        StrategicObjective.id,
        StrategicObjective.archived_at,
        StrategicObjective.code,
        StrategicObjective.name,
        StrategicObjective.weight,
    )


def _person_rows() -> Select[Any]:
    return (
        _select(
            Person.id,
            Person.archived_at,
            Person.code,
            Person.name,
            col(Team.name).label("team"),
            col(Role.name).label("role"),
            Person.email,
            Person.location,
            Person.weekly_capacity_hours,
            Person.part_time_factor,
        )
        .outerjoin(Team, col(Person.team_id) == Team.id)
        .outerjoin(Role, col(Person.role_id) == Role.id)
    )


def _team_rows() -> Select[Any]:
    return _select(
        Team.id,
        Team.archived_at,
        Team.code,
        Team.name,
        Team.lead,
        _count(Person, col(Person.team_id), Team.id).label("members"),
    )


def _role_rows() -> Select[Any]:
    return _select(
        Role.id,
        Role.archived_at,
        Role.code,
        Role.name,
        _count(Person, col(Person.role_id), Role.id).label("people"),
    )


def _project_code() -> Any:
    return col(Project.code).label("project")


def _raid_rows() -> Select[Any]:
    return _select(
        RaidItem.id,
        RaidItem.archived_at,
        RaidItem.code,
        RaidItem.kind,
        _project_code(),
        RaidItem.title,
        RaidItem.owner,
        RaidItem.status,
        RaidItem.probability,
        RaidItem.impact,
        RaidItem.due_date,
        RaidItem.escalated,
    ).outerjoin(Project, col(RaidItem.project_id) == Project.id)


def _raid_derive(row: dict[str, Any]) -> dict[str, Any]:
    row["score"] = risk_score(row["probability"], row["impact"])
    return row


def _decision_rows() -> Select[Any]:
    return _select(
        Decision.id,
        Decision.archived_at,
        Decision.code,
        _project_code(),
        Decision.title,
        Decision.forum,
        Decision.status,
        Decision.due_date,
        Decision.decided_on,
        Decision.decided_by,
    ).outerjoin(Project, col(Decision.project_id) == Project.id)


def _status_rows() -> Select[Any]:
    return _select(
        StatusReport.id,
        StatusReport.archived_at,
        _project_code(),
        col(Project.name).label("project_name"),
        StatusReport.period,
        StatusReport.rag_overall,
        StatusReport.rag_schedule,
        StatusReport.rag_cost,
        StatusReport.rag_scope,
        StatusReport.rag_resources,
        StatusReport.percent_complete,
        StatusReport.submitted_by,
    ).join(Project, col(StatusReport.project_id) == Project.id)


def _milestone_rows() -> Select[Any]:
    return _select(
        Milestone.id,
        Milestone.archived_at,
        Milestone.code,
        _project_code(),
        Milestone.name,
        Milestone.baseline_date,
        Milestone.forecast_date,
        Milestone.actual_date,
        Milestone.is_gate,
    ).join(Project, col(Milestone.project_id) == Project.id)


def _benefit_rows() -> Select[Any]:
    objective = aliased(StrategicObjective)
    return (
        _select(
            Benefit.id,
            Benefit.archived_at,
            Benefit.code,
            _project_code(),
            Benefit.name,
            col(objective.code).label("objective"),
            Benefit.measure,
            Benefit.unit,
            Benefit.target_value,
            Benefit.realised_value,
            Benefit.target_date,
            Benefit.owner,
        )
        .join(Project, col(Benefit.project_id) == Project.id)
        .outerjoin(objective, col(Benefit.objective_id) == objective.id)
    )


def _lesson_rows() -> Select[Any]:
    return _select(
        Lesson.id,
        Lesson.archived_at,
        Lesson.code,
        _project_code(),
        Lesson.title,
        Lesson.category,
        Lesson.stage_code,
        Lesson.tags,
        Lesson.recorded_on,
    ).outerjoin(Project, col(Lesson.project_id) == Project.id)


def _person_name() -> Any:
    return col(Person.name).label("person")


def _skill_rows() -> Select[Any]:
    return _select(
        Skill.id,
        Skill.archived_at,
        Skill.code,
        Skill.name,
        Skill.category,
        _count(PersonSkill, col(PersonSkill.skill_id), Skill.id).label("people"),
    )


def _person_skill_rows() -> Select[Any]:
    return (
        _select(
            PersonSkill.id,
            PersonSkill.archived_at,
            _person_name(),
            col(Skill.name).label("skill"),
            col(Skill.category).label("category"),
            PersonSkill.level,
        )
        .join(Person, col(PersonSkill.person_id) == Person.id)
        .join(Skill, col(PersonSkill.skill_id) == Skill.id)
    )


def _certification_rows() -> Select[Any]:
    return _select(
        Certification.id,
        Certification.archived_at,
        _person_name(),
        Certification.name,
        Certification.issuer,
        Certification.obtained_on,
        Certification.expires_on,
    ).join(Person, col(Certification.person_id) == Person.id)


def _training_rows() -> Select[Any]:
    return _select(
        TrainingRecord.id,
        TrainingRecord.archived_at,
        _person_name(),
        TrainingRecord.course,
        TrainingRecord.provider,
        TrainingRecord.starts_on,
        TrainingRecord.ends_on,
        TrainingRecord.hours,
        TrainingRecord.status,
    ).join(Person, col(TrainingRecord.person_id) == Person.id)


def _holiday_rows() -> Select[Any]:
    return _select(
        PublicHoliday.id,
        PublicHoliday.archived_at,
        PublicHoliday.calendar,
        PublicHoliday.day,
        PublicHoliday.name,
    )


def _exception_rows() -> Select[Any]:
    return _select(
        CapacityException.id,
        CapacityException.archived_at,
        _person_name(),
        CapacityException.week_start,
        CapacityException.kind,
        CapacityException.hours_unavailable,
        CapacityException.note,
    ).join(Person, col(CapacityException.person_id) == Person.id)


def _scenario_rows() -> Select[Any]:
    return _select(
        Scenario.id,
        Scenario.archived_at,
        Scenario.code,
        Scenario.name,
        Scenario.status,
        Scenario.description,
    )


K = ColumnKind
LISTINGS: dict[type[Record], Listing] = {
    listing.model: listing
    for listing in (
        Listing(
            Portfolio,
            _c(
                ("code", "Code"),
                ("name", "Name"),
                ("owner", "Owner"),
                ("programmes", "Programmes", K.NUMBER),
                ("projects", "Projects", K.NUMBER),
            ),
            frozenset({"portfolio", "programme", "project"}),
            _portfolio_rows,
        ),
        Listing(
            Programme,
            _c(
                ("code", "Code"),
                ("name", "Name"),
                ("portfolio", "Portfolio"),
                ("sponsor", "Sponsor"),
                ("manager", "Manager"),
                ("projects", "Projects", K.NUMBER),
            ),
            frozenset({"programme", "portfolio", "project"}),
            _programme_rows,
        ),
        Listing(
            StrategicObjective,
            _c(("code", "Code"), ("name", "Name"), ("weight", "Weight", K.NUMBER)),
            frozenset({"strategic_objective"}),
            _objective_rows,
        ),
        Listing(
            Person,
            _c(
                ("code", "Code"),
                ("name", "Name"),
                ("team", "Team"),
                ("role", "Role"),
                ("email", "E-mail"),
                ("location", "Location"),
                ("weekly_capacity_hours", "Hours / week", K.NUMBER),
                ("part_time_factor", "Part-time factor", K.NUMBER),
            ),
            frozenset({"person", "team", "role"}),
            _person_rows,
        ),
        Listing(
            Team,
            _c(
                ("code", "Code"),
                ("name", "Name"),
                ("lead", "Lead"),
                ("members", "Members", K.NUMBER),
            ),
            frozenset({"team", "person"}),
            _team_rows,
        ),
        Listing(
            Role,
            _c(("code", "Code"), ("name", "Name"), ("people", "People", K.NUMBER)),
            frozenset({"role", "person"}),
            _role_rows,
        ),
        Listing(
            RaidItem,
            _c(
                ("code", "Code"),
                ("kind", "Kind", K.KIND),
                ("project", "Project"),
                ("title", "Title"),
                ("owner", "Owner"),
                ("status", "Status", K.ENUM),
                ("probability", "P", K.NUMBER),
                ("impact", "I", K.NUMBER),
                ("score", "Score", K.SCORE),
                ("due_date", "Due", K.DATE),
                ("escalated", "Escalated", K.BOOL),
            ),
            frozenset({"raid_item", "project"}),
            _raid_rows,
            _raid_derive,
        ),
        Listing(
            Decision,
            _c(
                ("code", "Code"),
                ("project", "Project"),
                ("title", "Title"),
                ("forum", "Forum"),
                ("status", "Status", K.ENUM),
                ("due_date", "Due", K.DATE),
                ("decided_on", "Decided on", K.DATE),
                ("decided_by", "Decided by"),
            ),
            frozenset({"decision", "project"}),
            _decision_rows,
        ),
        Listing(
            StatusReport,
            _c(
                ("project", "Project"),
                ("project_name", "Project name"),
                ("period", "Period"),
                ("rag_overall", "Overall", K.RAG),
                ("rag_schedule", "Schedule", K.RAG),
                ("rag_cost", "Cost", K.RAG),
                ("rag_scope", "Scope", K.RAG),
                ("rag_resources", "Resources", K.RAG),
                ("percent_complete", "% complete", K.NUMBER),
                ("submitted_by", "Submitted by"),
            ),
            frozenset({"status_report", "project"}),
            _status_rows,
        ),
        Listing(
            Milestone,
            _c(
                ("code", "Code"),
                ("project", "Project"),
                ("name", "Name"),
                ("baseline_date", "Baseline", K.DATE),
                ("forecast_date", "Forecast", K.DATE),
                ("actual_date", "Actual", K.DATE),
                ("is_gate", "Gate", K.BOOL),
            ),
            frozenset({"milestone", "project"}),
            _milestone_rows,
        ),
        Listing(
            Benefit,
            _c(
                ("code", "Code"),
                ("project", "Project"),
                ("name", "Name"),
                ("objective", "Objective"),
                ("measure", "Measure"),
                ("unit", "Unit"),
                ("target_value", "Target", K.NUMBER),
                ("realised_value", "Realised", K.NUMBER),
                ("target_date", "Target date", K.DATE),
                ("owner", "Owner"),
            ),
            frozenset({"benefit", "project", "strategic_objective"}),
            _benefit_rows,
        ),
        Listing(
            Lesson,
            _c(
                ("code", "Code"),
                ("project", "Project"),
                ("title", "Title"),
                ("category", "Category"),
                ("stage_code", "Stage"),
                ("tags", "Tags"),
                ("recorded_on", "Recorded on", K.DATE),
            ),
            frozenset({"lesson", "project"}),
            _lesson_rows,
        ),
        Listing(
            Skill,
            _c(
                ("code", "Code"),
                ("name", "Name"),
                ("category", "Category"),
                ("people", "People", K.NUMBER),
            ),
            frozenset({"skill", "person_skill"}),
            _skill_rows,
        ),
        Listing(
            PersonSkill,
            _c(
                ("person", "Person"),
                ("skill", "Skill"),
                ("category", "Category"),
                ("level", "Level (1–5)", K.NUMBER),
            ),
            frozenset({"person_skill", "person", "skill"}),
            _person_skill_rows,
        ),
        Listing(
            Certification,
            _c(
                ("person", "Person"),
                ("name", "Certificate"),
                ("issuer", "Issuer"),
                ("obtained_on", "Obtained", K.DATE),
                ("expires_on", "Expires", K.DATE),
            ),
            frozenset({"certification", "person"}),
            _certification_rows,
        ),
        Listing(
            TrainingRecord,
            _c(
                ("person", "Person"),
                ("course", "Course"),
                ("provider", "Provider"),
                ("starts_on", "Starts", K.DATE),
                ("ends_on", "Ends", K.DATE),
                ("hours", "Hours", K.NUMBER),
                ("status", "Status", K.ENUM),
            ),
            frozenset({"training_record", "person"}),
            _training_rows,
        ),
        Listing(
            PublicHoliday,
            _c(("calendar", "Calendar"), ("day", "Day", K.DATE), ("name", "Name")),
            frozenset({"public_holiday"}),
            _holiday_rows,
        ),
        Listing(
            CapacityException,
            _c(
                ("person", "Person"),
                ("week_start", "Week of", K.DATE),
                ("kind", "Kind", K.ENUM),
                ("hours_unavailable", "Hours unavailable", K.NUMBER),
                ("note", "Note"),
            ),
            frozenset({"capacity_exception", "person"}),
            _exception_rows,
        ),
        Listing(
            Scenario,
            _c(
                ("code", "Code"),
                ("name", "Name"),
                ("status", "Status", K.ENUM),
                ("description", "Description"),
            ),
            frozenset({"scenario"}),
            _scenario_rows,
        ),
    )
}


def listing(model: type[Record]) -> Listing:
    """The list description of ``model``; a clear error for a kind without a record page."""
    try:
        return LISTINGS[model]
    except KeyError:
        raise KeyError(f"There is no record list for {model.__name__}.") from None


def list_rows(
    session: Session, model: type[Record], *, include_archived: bool = False
) -> list[ListRow]:
    """All rows of a record list in one query, archived ones only when asked for."""
    spec = listing(model)
    statement = spec.statement()
    if not include_archived:
        statement = statement.where(col(spec.model.archived_at).is_(None))
    keys = [c.key for c in spec.columns]
    rows: list[ListRow] = []
    for raw in session.execute(statement).mappings():
        values = spec.derive(dict(raw))
        rows.append(
            ListRow(values["id"], values["archived_at"] is not None, tuple(values[k] for k in keys))
        )
    return rows


def describe(values: Sequence[Any]) -> str:
    """A row's cells as one lowercase string, the haystack a search box looks in."""
    parts: list[str] = []
    for value in values:
        if value is None:
            continue
        if isinstance(value, StrEnum):
            parts.append(value.value.replace("_", " "))
        elif isinstance(value, date):
            parts.append(value.isoformat())
        else:
            parts.append(str(value))
    return " ".join(parts).casefold()
