"""Finding people: who has a skill and the free hours for a span; whose certificates expire.

Free hours in a week = capacity (after leave and holidays) − the real plan's
load; hours released by projects on hold or cancelled count as free.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from sqlmodel import Session, col, select

from pmodesk.domain import Certification, Person, PersonSkill, Skill, Team
from pmodesk.domain.errors import ValidationError
from pmodesk.services.capacity.load import load
from pmodesk.services.capacity.query import MatrixQuery
from pmodesk.services.capacity.supply import load_pool
from pmodesk.services.validation import check_live

#: By default a match must cover at least this share of the span's weeks.
DEFAULT_MIN_SHARE = 0.5


@dataclass(frozen=True)
class StaffingMatch:
    """A person who could take the work, and how well the span fits them."""

    person_id: uuid.UUID
    name: str
    team: str
    role: str
    level: int
    weeks_covered: int
    min_free_hours: float
    average_free_hours: float
    weeks: int = 0
    code: str = ""

    @property
    def covers_all(self) -> bool:
        return self.weeks_covered == self.weeks


def staffing_search(
    session: Session,
    *,
    skill_id: uuid.UUID,
    min_level: int = 1,
    start: date,
    weeks: int,
    hours_per_week: float,
    min_share: float = DEFAULT_MIN_SHARE,
) -> list[StaffingMatch]:
    """People with the skill at ``min_level`` or above who have ``hours_per_week`` free.

    A week is covered when the person's free hours reach ``hours_per_week``;
    people covering at least ``min_share`` of the weeks are listed, best fit
    first: most weeks covered, then the higher level, then more free hours.
    """
    check_live(session, Skill, skill_id, "skill_id")
    if not 1 <= min_level <= 5:
        raise ValidationError(f"A skill level is 1 to 5, not {min_level}.", field="level")
    if hours_per_week <= 0:
        raise ValidationError(
            f"The hours needed per week must be above 0, not {hours_per_week:g}.",
            field="hours",
        )
    query = MatrixQuery(start=start, weeks=weeks)
    statement = select(PersonSkill.person_id, PersonSkill.level).where(
        col(PersonSkill.skill_id) == skill_id,
        col(PersonSkill.level) >= min_level,
        col(PersonSkill.archived_at).is_(None),
    )
    levels: dict[uuid.UUID, int] = dict(session.exec(statement).all())
    if not levels:
        return []
    week_list = query.week_list
    pool = load_pool(session, week_list, person_ids=list(levels))
    if not len(pool):
        return []
    demand = load(session, query, pool, week_list, person_ids=pool.ids)
    free = pool.capacity - demand.allocated
    covered = (free >= hours_per_week - 1e-9).sum(axis=1)
    needed = max(1, int(np.ceil(min_share * weeks - 1e-9)))
    matches = [
        StaffingMatch(
            person_id=pool.ids[n],
            name=pool.names[n],
            team=pool.team_names[n],
            role=pool.role_names[n],
            level=int(levels[pool.ids[n]]),
            weeks_covered=int(covered[n]),
            min_free_hours=float(free[n].min()),
            average_free_hours=float(free[n].mean()),
            weeks=weeks,
            code=pool.codes[n],
        )
        for n in range(len(pool))
        if covered[n] >= needed
    ]
    matches.sort(
        key=lambda m: (-m.weeks_covered, -m.level, -m.average_free_hours, m.name.casefold())
    )
    return matches


@dataclass(frozen=True)
class ExpiringCertification:
    """A certificate that expires soon (``days_left`` ≥ 0) or has expired (``expired``)."""

    certification_id: uuid.UUID
    person_id: uuid.UUID
    person_name: str
    team: str
    name: str
    issuer: str
    expires_on: date
    days_left: int

    @property
    def expired(self) -> bool:
        return self.days_left < 0


def expiring_certifications(
    session: Session, *, within_days: int = 90, today: date | None = None
) -> list[ExpiringCertification]:
    """Certificates of live people expiring within ``within_days``, and expired ones, soonest first.

    A certificate renewed since (the person holds one of the same name that
    expires later, or never) is left out.
    """
    today = today or date.today()
    horizon = today + timedelta(days=within_days)
    statement = (
        select(Certification, Person.name, Team.name)
        .join(Person, col(Person.id) == col(Certification.person_id))
        .outerjoin(Team, col(Team.id) == col(Person.team_id))
        .where(col(Certification.archived_at).is_(None), col(Person.archived_at).is_(None))
    )
    rows = list(session.exec(statement))
    latest: dict[tuple[uuid.UUID, str], date] = {}
    for certificate, _person, _team in rows:
        key = (certificate.person_id, certificate.name.strip().casefold())
        expiry = certificate.expires_on or date.max
        latest[key] = max(latest.get(key, date.min), expiry)
    found = [
        ExpiringCertification(
            certification_id=certificate.id,
            person_id=certificate.person_id,
            person_name=person,
            team=team or "",
            name=certificate.name,
            issuer=certificate.issuer,
            expires_on=certificate.expires_on,
            days_left=(certificate.expires_on - today).days,
        )
        for certificate, person, team in rows
        if certificate.expires_on is not None
        and certificate.expires_on <= horizon
        and latest[(certificate.person_id, certificate.name.strip().casefold())]
        == certificate.expires_on
    ]
    found.sort(key=lambda c: (c.expires_on, c.person_name.casefold(), c.name))
    return found
