"""What a capacity view asks for: the span, the grouping, the period, filters and a scenario."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pmodesk.domain.errors import ValidationError
from pmodesk.services.capacity.calendar import monday_of, week_starts

MAX_WEEKS = 520


class Unit(StrEnum):
    HOURS = "hours"
    FTE = "fte"
    PERCENT = "percent"


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"


class Grouping(StrEnum):
    PERSON = "person"
    TEAM = "team"
    ROLE = "role"


@dataclass(frozen=True)
class MatrixQuery:
    """A span of weeks, a grouping, a period, filters, and optionally a scenario to overlay.

    ``start`` is moved back to its Monday. The filters (every one given
    applies) restrict the *load* to the projects they select; every live
    person stays a row, so that free capacity stays visible.
    """

    start: date
    weeks: int
    grouping: Grouping = Grouping.PERSON
    period: Period = Period.WEEK
    project_ids: frozenset[uuid.UUID] | None = None
    portfolio_ids: frozenset[uuid.UUID] | None = None
    programme_ids: frozenset[uuid.UUID] | None = None
    scenario_id: uuid.UUID | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", monday_of(self.start))
        if isinstance(self.weeks, bool) or not 1 <= self.weeks <= MAX_WEEKS:
            raise ValidationError(
                f"The capacity plan covers 1 to {MAX_WEEKS} weeks, not {self.weeks!r}.",
                field="weeks",
            )

    @property
    def week_list(self) -> list[date]:
        return week_starts(self.start, self.weeks)

    @property
    def filtered(self) -> bool:
        return (
            self.project_ids is not None
            or self.portfolio_ids is not None
            or self.programme_ids is not None
        )
