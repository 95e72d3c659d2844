"""The demo's resource pool: teams, roles, people, their leave and holidays, and allocations.

Allocations follow each project's working window week by week. Most people
are planned at 70–100 % of what they can give; some are over-allocated
(above 100 %), some under-used, and some projects book a role before a person
is named (a placeholder).
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from pmodesk.domain.enums import CapacityExceptionKind
from pmodesk.services.demo.names import PeopleNames, load_pool
from pmodesk.services.demo.world import (
    DemoPerson,
    DemoProject,
    World,
    between,
    code_width,
    weighted,
)

Row = dict[str, Any]
PART_TIME_FACTORS = {0.5: 3.0, 0.6: 2.0, 0.8: 4.0, 0.9: 1.0}
PLACEHOLDER_ROLES = ("DEV", "TEST", "BA", "ARCH", "UX", "DATA")


def _half(hours: float) -> float:
    """Plans are made in half hours."""
    return max(0.5, round(hours * 2) / 2)


def teams_and_roles(world: World) -> tuple[list[Row], list[Row]]:
    org = load_pool("organisation")
    roles: list[Row] = []
    for role in org["roles"]:
        row = world.row(
            archived_at=None,
            code=f"ROLE-{role['code']}",
            name=role["name"],
            description=role["description"],
        )
        world.roles[role["code"]] = row["id"]
        world.role_names[role["code"]] = role["name"]
        roles.append(row)
    pool: list[dict[str, str]] = org["teams"]
    teams: list[Row] = []
    width = code_width(world.size.teams, 2)
    for n in range(world.size.teams):
        base = pool[n % len(pool)]
        name = base["name"] if n < len(pool) else f"{base['name']} {n // len(pool) + 1}"
        row = world.portfolio_row(
            code=f"TEAM-{n + 1:0{width}d}", name=name, description=base["description"], lead=""
        )
        world.teams.append(row["id"])
        teams.append(row)
    return teams, roles


def people(world: World, teams: list[Row]) -> list[Row]:
    """People spread over the teams, with roles fitting their team; the first lead their team."""
    rng, org = world.rng, load_pool("organisation")
    team_roles: dict[str, list[str]] = org["team_roles"]
    role_weights = {r["code"]: float(r["weight"]) for r in org["roles"]}
    names = PeopleNames(rng)
    width = code_width(world.size.people, 4)
    every_role = list(role_weights)  # the first people cover every role once
    rows: list[Row] = []
    for n in range(world.size.people):
        team_index = n % len(teams)
        team = teams[team_index]
        fitting = team_roles.get(str(team["name"]).rstrip(" 0123456789"), list(role_weights))
        if n < len(every_role):
            role = every_role[n]
            candidates = [i for i, t in enumerate(teams) if role in team_roles.get(t["name"], ())]
            if candidates:
                team_index = candidates[n % len(candidates)]
                team = teams[team_index]
        else:
            role = rng.choice(fitting) if rng.random() < 0.85 else weighted(rng, role_weights)
        person = names.draw()
        capacity = 40.0 if person.location in ("Toronto", "Mexico City", "Bogotá") else 37.5
        factor = 1.0 if rng.random() < 0.85 else weighted(rng, PART_TIME_FACTORS)
        row = world.portfolio_row(
            code=f"EMP-{n + 1:0{width}d}",
            name=person.name,
            email=person.email,
            team_id=team["id"],
            role_id=world.roles[role],
            weekly_capacity_hours=capacity,
            part_time_factor=factor,
            calendar="default",
            location=person.location,
        )
        if not team["lead"]:
            team["lead"] = person.name
        world.people.append(
            DemoPerson(
                row["id"], person.name, role, world.roles[role], team["id"], capacity, factor
            )
        )
        rows.append(row)
    return rows


def capacity_exceptions(world: World) -> list[Row]:
    """Annual leave, training and the odd secondment, one row per person-week.

    Public holidays are not exceptions: they are PublicHoliday rows of the people's
    calendar (demo/capacity.py), which the capacity computation takes off once.
    """
    rng, weeks = world.rng, world.weeks
    rows: list[Row] = []
    for person in world.people:
        day = 7.5 * person.part_time_factor
        planned: dict[date, tuple[CapacityExceptionKind, float, str]] = {}
        for _block in range(between(rng, 1, 3)):
            start = rng.randrange(len(weeks))
            for week in weeks[start : start + rng.choice((1, 1, 2))]:
                whole = rng.random() < 0.75
                hours = person.available if whole else day * between(rng, 1, 3)
                planned[week] = (CapacityExceptionKind.LEAVE, hours, "Annual leave")
        roll = rng.random()
        if roll < 0.06:
            week = rng.choice(weeks)
            planned[week] = (CapacityExceptionKind.TRAINING, day * 2, "Certification course")
        elif roll < 0.08:
            start = rng.randrange(len(weeks))
            for week in weeks[start : start + 4]:
                planned[week] = (
                    CapacityExceptionKind.SECONDMENT,
                    person.available / 2,
                    "Seconded half-time to the audit team",
                )
        for week in sorted(planned):
            kind, hours, note = planned[week]
            rows.append(
                world.portfolio_row(
                    person_id=person.id,
                    week_start=week,
                    kind=kind.value,
                    hours_unavailable=round(min(hours, person.available), 2),
                    note=note,
                )
            )
    return rows


def _staffing_pool(world: World) -> tuple[list[DemoProject], list[DemoProject], list[float]]:
    """Projects with weeks inside the horizon, those live this week, and cumulative weights."""
    first, last = world.first_week, world.weeks[-1]
    staffable: list[DemoProject] = []
    overlaps: list[float] = []
    for project in world.projects:
        if project.window is None:
            continue
        start, end = max(project.window[0], first), min(project.window[1], last)
        if start <= end:
            staffable.append(project)
            overlaps.append(float((end - start).days + 7))
    current = [
        p
        for p in staffable
        if p.window is not None and p.window[0] <= world.week_zero <= p.window[1]
    ]
    return staffable, current, list(accumulate(overlaps))


def allocations(world: World) -> list[Row]:
    """52 weeks (by default) of planned hours per person and project, plus role placeholders."""
    rng, weeks = world.rng, world.weeks
    staffable, current, cumulative = _staffing_pool(world)
    rows: list[Row] = []
    if not staffable:
        return rows
    tentative_from = world.week_zero + timedelta(weeks=8)
    for person in world.people:
        profile = weighted(rng, {"normal": 0.72, "over": 0.13, "under": 0.15})
        if profile == "over" and current:
            load = rng.uniform(1.15, 1.45)
            chosen = {p.id: p for p in rng.sample(current, min(len(current), between(rng, 2, 3)))}
        else:
            load = rng.uniform(0.15, 0.45) if profile == "under" else rng.uniform(0.7, 1.0)
            count = 1 if profile == "under" else rng.choice((1, 2, 2, 3))
            picks = rng.choices(staffable, cum_weights=cumulative, k=count)
            chosen = {p.id: p for p in picks}
        shares = [rng.uniform(0.5, 1.5) for _ in chosen]
        total_share = sum(shares)
        for project, share in zip(chosen.values(), shares, strict=True):
            assert project.window is not None
            weekly = _half(load * person.available * share / total_share)
            start, end = project.window
            for week in weeks:
                if week < start or week > end:
                    continue
                hours = weekly if rng.random() < 0.85 else _half(weekly * rng.uniform(0.6, 1.2))
                rows.append(
                    world.portfolio_row(
                        person_id=person.id,
                        role_id=person.role_id,
                        project_id=project.id,
                        week_start=week,
                        hours=hours,
                        tentative=week >= tentative_from and rng.random() < 0.3,
                        note="",
                    )
                )
    rows.extend(_placeholders(world, staffable))
    return rows


def _placeholders(world: World, staffable: list[DemoProject]) -> list[Row]:
    """A quarter of the live projects book a role for the coming weeks before naming anyone."""
    rng, rows = world.rng, []
    soon = world.week_zero + timedelta(weeks=2)
    for project in staffable:
        if not project.live or project.window is None or rng.random() > 0.25:
            continue
        role = rng.choice(PLACEHOLDER_ROLES)
        hours = rng.choice((15.0, 18.75, 37.5))
        for week in world.weeks:
            if soon <= week <= project.window[1]:
                rows.append(
                    world.portfolio_row(
                        person_id=None,
                        role_id=world.roles[role],
                        project_id=project.id,
                        week_start=week,
                        hours=hours,
                        tentative=True,
                        note=f"{world.role_names[role]} to be named",
                    )
                )
    return rows
