"""The demo's size, its cancel signal, and the state shared while a demo portfolio is built.

Generation goes table by table; later tables need what earlier ones made
(people's names for project managers, project dates for allocations). That
shared state is a :class:`World`; each project's plan is a :class:`DemoProject`.
"""

from __future__ import annotations

import os
import random
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from pmodesk.domain.enums import ProjectState, Rag, RagDimension


class DemoCancelled(Exception):
    """The user cancelled demo generation; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Creating the demo portfolio was cancelled; nothing was written.")


class TimeOrderedIds:
    """UUID version 7 ids (RFC 9562): a millisecond time stamp, a counter, random bits.

    Ids made one after another sort in that order, so a bulk insert appends to
    the primary-key index instead of scattering pages across it; and they come
    much cheaper than ``uuid4()``. They are still unique across workspaces.
    """

    def __init__(self) -> None:
        millis = time.time_ns() // 1_000_000
        self._prefix = (millis & (2**48 - 1)) << 80 | 0x7 << 76 | 0b10 << 62
        self._random = random.Random(os.urandom(16))
        self._counter = 0

    def next_int(self) -> int:
        """The next id as the 128-bit number a UUID holds."""
        self._counter += 1
        n = self._counter
        value = self._prefix | (n >> 30 & 0xFFF) << 64 | (n & (2**30 - 1)) << 32
        return value | self._random.getrandbits(32)

    def next(self) -> uuid.UUID:
        # what uuid.UUID(int=...) does, without checking a number made right here
        made = object.__new__(uuid.UUID)
        _set(made, "int", self.next_int())
        _set(made, "is_safe", uuid.SafeUUID.unknown)
        return made

    def next_hex(self) -> str:
        """The next id as 32 hexadecimal digits, the form a workspace stores."""
        return f"{self.next_int():032x}"


_set = object.__setattr__


@dataclass(frozen=True, slots=True)
class DemoSize:
    """How big a demo portfolio to make. The defaults are the standard demo."""

    projects: int = 60
    people: int = 120
    weeks: int = 52
    seed: int = 42
    portfolios: int = 3
    programmes: int = 8
    teams: int = 10


@dataclass(slots=True)
class StageInfo:
    id: uuid.UUID
    code: str
    name: str
    position: int
    #: The stage's exit gate: (item id, required) in checklist order.
    items: list[tuple[uuid.UUID, bool]] = field(default_factory=list)


@dataclass(slots=True)
class DemoPerson:
    id: uuid.UUID
    name: str
    role_code: str
    role_id: uuid.UUID
    team_id: uuid.UUID
    capacity: float
    part_time_factor: float

    @property
    def available(self) -> float:
        """Hours a week this person can give, after the part-time factor."""
        return self.capacity * self.part_time_factor


@dataclass(slots=True)
class DemoProject:
    """A project's plan: what its rows and its dependants (milestones, reports ...) follow."""

    id: uuid.UUID
    code: str
    name: str
    stage: int
    state: ProjectState
    manager: str
    sponsor: str
    portfolio_id: uuid.UUID
    rag: dict[RagDimension, Rag | None]
    overall: Rag | None
    planned_start: date
    planned_finish: date
    forecast_finish: date | None = None
    actual_start: date | None = None
    actual_finish: date | None = None
    budget: float | None = None
    actual_cost: float | None = None
    forecast_cost: float | None = None
    percent: float | None = None
    objectives: list[uuid.UUID] = field(default_factory=list)
    milestones: list[uuid.UUID] = field(default_factory=list)
    #: The weeks people work on it: from its start to its finish, hold or cancellation.
    window: tuple[date, date] | None = None

    @property
    def live(self) -> bool:
        return self.state in (ProjectState.ACTIVE, ProjectState.ON_HOLD)


@dataclass
class World:
    """Everything generated so far that later tables refer to."""

    size: DemoSize
    today: date
    rng: random.Random
    now: datetime
    currency: str = "EUR"
    stages: list[StageInfo] = field(default_factory=list)
    roles: dict[str, uuid.UUID] = field(default_factory=dict)
    role_names: dict[str, str] = field(default_factory=dict)
    teams: list[uuid.UUID] = field(default_factory=list)
    people: list[DemoPerson] = field(default_factory=list)
    portfolios: list[tuple[uuid.UUID, str]] = field(default_factory=list)
    programmes: list[tuple[uuid.UUID, uuid.UUID]] = field(default_factory=list)
    objectives: list[uuid.UUID] = field(default_factory=list)
    projects: list[DemoProject] = field(default_factory=list)

    @property
    def week_zero(self) -> date:
        """The Monday of the current week."""
        return self.today - timedelta(days=self.today.weekday())

    @property
    def first_week(self) -> date:
        """Allocations start a quarter back (a quarter of the horizon), on a Monday."""
        return self.week_zero - timedelta(weeks=min(13, self.size.weeks // 4))

    @property
    def weeks(self) -> list[date]:
        return [self.first_week + timedelta(weeks=n) for n in range(self.size.weeks)]

    def people_named(self, role_code: str) -> list[str]:
        return [p.name for p in self.people if p.role_code == role_code]

    ids: TimeOrderedIds = field(default_factory=lambda: TimeOrderedIds())

    def _stamp(self, values: dict[str, Any]) -> dict[str, Any]:
        if "id" not in values:
            values["id"] = self.ids.next()
        values["created_at"] = values["updated_at"] = self.now
        values["version"] = 1
        return values

    def row(self, **values: Any) -> dict[str, Any]:
        """A new row: ``values`` plus a uuid id (unless given), time stamps (aware UTC), version 1."""
        return self._stamp(values)

    def portfolio_row(self, **values: Any) -> dict[str, Any]:
        """A new row of portfolio data (not archived)."""
        values["archived_at"] = None
        return self._stamp(values)


def code_width(count: int, minimum: int) -> int:
    """Digits for codes of ``count`` records: ``PRJ-001`` for 60, ``PRJ-10000`` for 10,000."""
    return max(minimum, len(str(count)))


def between(rng: random.Random, low: int, high: int) -> int:
    """``rng.randint(low, high)`` at a fraction of its cost (the hot loops call it a lot)."""
    return low + int(rng.random() * (high - low + 1))


def weighted[T](rng: random.Random, choices: Mapping[T, float]) -> T:
    """One of the keys, drawn with the given weights (one random number per draw)."""
    roll = rng.random() * sum(choices.values())
    for key, weight in choices.items():
        roll -= weight
        if roll < 0:
            return key
    return key
