"""Benchmark of the capacity matrix: 1,000 people × 156 weeks × about 5 allocations each.

Run (not collected by pytest)::

    python tests/perf/bench_capacity.py [--people 1000] [--weeks 156] [--per-week 5]

Builds a fresh migrated workspace and inserts the rows with SQLAlchemy Core
(executemany): teams, roles, projects (some on hold or cancelled), people
(some part-time), leave, public holidays and ≈ 780,000 allocations. Then
prints, beside a bare ``sqlite3`` ``SELECT person_id, week_start, SUM(hours)
... GROUP BY person_id, week_start`` of the same rows measured in the same
run, and the ratio (target: within 2×):

* ``capacity_matrix`` for all people × all weeks (week period, person rows);
* the month roll-up, the team grouping and the role grouping;

and the query plan of the load query, to show that ``ix_allocation_person_week``
serves it.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

REPEATS = 7


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def paired(
    ours: Callable[[], object], bare: Callable[[], object], repeats: int = REPEATS
) -> tuple[float, float]:
    """Median times of ``ours`` and ``bare``, run alternately (a busy machine hits both alike)."""
    ours_times, bare_times = [], []
    for _ in range(repeats):
        bare_times.append(_timed(bare))
        ours_times.append(_timed(ours))
    return statistics.median(ours_times), statistics.median(bare_times)


def line(label: str, ours: float, bare: float, target: str = "") -> None:
    ratio = ours / bare if bare else float("inf")
    print(
        f"  {label:<40} {ours * 1000:9.1f} ms   bare {bare * 1000:9.1f} ms"
        f"   ratio {ratio:5.2f}x  {target}"
    )


def _row(**values: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    values.setdefault("id", uuid.uuid4())
    values.update(created_at=now, updated_at=now, version=1)
    values.setdefault("archived_at", None)
    return values


def build_workspace(path: Path, people: int, weeks: int, per_week: int) -> tuple[date, int]:
    """A migrated workspace holding the benchmark's rows; returns (first week, allocations)."""
    from pmodesk.domain import (
        Allocation,
        CapacityException,
        Person,
        Project,
        PublicHoliday,
        Role,
        Team,
    )
    from pmodesk.services.capacity import monday_of
    from pmodesk.store import open_workspace

    rng = random.Random(7)
    first = monday_of(date(2025, 1, 6))
    week_list = [first + timedelta(weeks=n) for n in range(weeks)]
    workspace = open_workspace(path)
    try:
        with workspace.engine.begin() as connection:

            def insert(model: Any, rows: list[dict[str, Any]]) -> None:
                for start in range(0, len(rows), 20_000):
                    connection.execute(model.__table__.insert(), rows[start : start + 20_000])

            teams = [
                _row(code=f"T-{n:02d}", name=f"Team {n:02d}", description="", lead="")
                for n in range(20)
            ]
            roles = [_row(code=f"R-{n}", name=f"Role {n}", description="") for n in range(8)]
            insert(Team, teams)
            insert(Role, roles)
            states = ["active"] * 8 + ["on_hold", "cancelled"]
            projects = [
                _row(
                    code=f"P-{n:04d}",
                    name=f"Project {n}",
                    description="",
                    sponsor="",
                    manager="",
                    department="",
                    state=states[n % len(states)],
                    tags="",
                    expected_benefits="",
                )
                for n in range(300)
            ]
            insert(Project, projects)
            persons = [
                _row(
                    code=f"E-{n:05d}",
                    name=f"Person {n:05d}",
                    email="",
                    team_id=teams[n % len(teams)]["id"],
                    role_id=roles[n % len(roles)]["id"],
                    weekly_capacity_hours=37.5,
                    part_time_factor=1.0 if n % 7 else 0.6,
                    calendar="default",
                    location="",
                )
                for n in range(people)
            ]
            insert(Person, persons)
            holidays = [
                _row(calendar="default", day=date(y, m, d), name=name)
                for y in range(first.year, week_list[-1].year + 1)
                for m, d, name in (
                    (1, 1, "New Year"),
                    (5, 1, "Labour Day"),
                    (12, 25, "Christmas Day"),
                    (12, 26, "Boxing Day"),
                )
            ]
            insert(PublicHoliday, holidays)
            leave = []
            for person in persons:
                for week in rng.sample(week_list, 6):
                    leave.append(
                        _row(
                            person_id=person["id"],
                            week_start=week,
                            kind="leave",
                            hours_unavailable=37.5,
                            note="",
                        )
                    )
            insert(CapacityException, leave)
            allocations: list[dict[str, Any]] = []
            count = 0
            for person in persons:
                chosen = rng.sample(projects, per_week)
                for week in week_list:
                    for project in chosen:
                        allocations.append(
                            _row(
                                person_id=person["id"],
                                role_id=person["role_id"],
                                project_id=project["id"],
                                week_start=week,
                                hours=float(rng.choice((4, 6, 7.5, 8, 10))),
                                percent_of_capacity=None,
                                tentative=False,
                                scenario_id=None,
                                note="",
                            )
                        )
                if len(allocations) >= 100_000:
                    insert(Allocation, allocations)
                    count += len(allocations)
                    allocations = []
            insert(Allocation, allocations)
            count += len(allocations)
        with workspace.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    finally:
        workspace.close()
    return first, count


def projects_sample(session: Any) -> uuid.UUID:
    """An active project of the benchmark workspace."""
    from sqlmodel import select

    from pmodesk.domain import Project

    found: uuid.UUID = session.exec(select(Project.id).where(Project.state == "active")).first()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--weeks", type=int, default=156)
    parser.add_argument("--per-week", type=int, default=5)
    args = parser.parse_args()

    from pmodesk.services.capacity import (
        Grouping,
        MatrixQuery,
        Period,
        capacity_matrix,
        create_scenario,
        shift_project,
    )
    from pmodesk.services.capacity.load import _fast_statement, _projects
    from pmodesk.store import open_workspace

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.pmodesk"
        start = time.perf_counter()
        first, count = build_workspace(path, args.people, args.weeks, args.per_week)
        print(
            f"Workspace: {args.people:,} people × {args.weeks} weeks, {count:,} allocations "
            f"(built in {time.perf_counter() - start:.1f} s)"
        )

        bare_connection = sqlite3.connect(path)

        def bare() -> list[Any]:
            return bare_connection.execute(
                "SELECT person_id, week_start, SUM(hours) FROM allocation "
                "GROUP BY person_id, week_start"
            ).fetchall()

        groups = len(bare())
        plan = bare_connection.execute(
            "EXPLAIN QUERY PLAN SELECT person_id, week_start, SUM(hours) FROM allocation "
            "GROUP BY person_id, week_start"
        ).fetchall()
        print(f"Bare GROUP BY: {groups:,} groups; plan: {[p[-1] for p in plan]}")

        workspace = open_workspace(path, check=False)
        query = MatrixQuery(start=first, weeks=args.weeks)
        with workspace.session() as session:
            projects = _projects(session, query)
            statement = _fast_statement(
                projects, first, first + timedelta(weeks=args.weeks), None, None
            )
            compiled = statement.compile(
                dialect=session.connection().dialect, compile_kwargs={"literal_binds": True}
            )
            ours_plan = (
                session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").fetchall()
            )
            print("Load query plan:")
            for step in ours_plan:
                print(f"    {step[-1]}")

            matrix = capacity_matrix(session, query)
            print(
                f"Matrix: {matrix.capacity.shape[0]:,} rows × {matrix.capacity.shape[1]} "
                f"columns; allocated {matrix.allocated.sum():,.0f} h, released "
                f"{matrix.released.sum():,.0f} h, capacity {matrix.capacity.sum():,.0f} h"
            )
            print(f"Timings (median of {REPEATS}, each run beside the bare GROUP BY):")
            line(
                "capacity_matrix, people × weeks",
                *paired(lambda: capacity_matrix(session, query), bare),
                "target < 2x",
            )
            for label, variant in (
                ("month roll-up", MatrixQuery(first, args.weeks, period=Period.MONTH)),
                ("team grouping", MatrixQuery(first, args.weeks, grouping=Grouping.TEAM)),
                ("role grouping", MatrixQuery(first, args.weeks, grouping=Grouping.ROLE)),
            ):
                shape = capacity_matrix(session, variant).capacity.shape
                line(
                    f"{label} [{shape[0]}×{shape[1]}]",
                    *paired(lambda v=variant: capacity_matrix(session, v), bare),  # type: ignore[misc]
                )
            # The joined query (a scenario overlay, or very many on-hold projects).
            what_if = create_scenario(session, code="SCN-B", name="Bench")
            shift_project(session, projects_sample(session), 2, scenario_id=what_if.id)
            overlay = MatrixQuery(first, args.weeks, scenario_id=what_if.id)
            line(
                "with a scenario overlaid (joined query)",
                *paired(lambda: capacity_matrix(session, overlay), bare, 3),
            )
            session.rollback()
        workspace.close()
        bare_connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
