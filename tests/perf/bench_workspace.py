"""Benchmark: build a 10,000-project, 1,000-person demo workspace, and open it again.

Run it as a script (pytest does not collect it)::

    python tests/perf/bench_workspace.py [--projects 10000] [--people 1000] [--weeks 52]

It prints, beside each pmodesk figure, the same work done with the bare
``sqlite3`` module, measured in the same run, and the ratio:

* create: ``open_workspace`` + ``generate_demo`` (rows made in Python, written
  through SQLAlchemy Core) against ``executemany`` of the very same rows (read
  back from the created file) into a fresh file with the same schema and the
  same connection settings;
* open: ``open_workspace`` (integrity and schema checks) + a count query,
  against ``sqlite3.connect`` + the same quick check, schema-version read and count.

The create row also shows how much of it is the Core inserts alone (the rest
is making the rows in Python, setting up the lifecycle and committing).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import func, select

from pmodesk.domain import Project, metadata
from pmodesk.services.demo import DemoSize, generate_demo
from pmodesk.services.demo.generator import BULK_CACHE_KIB
from pmodesk.services.demo.writer import BulkWriter
from pmodesk.store import open_workspace
from pmodesk.store.engine import BUSY_TIMEOUT_MS


def create_with_pmodesk(path: Path, size: DemoSize) -> tuple[float, float, dict[str, int]]:
    """Seconds for the whole creation, seconds spent in the Core inserts, rows per table."""
    inserting = 0.0
    original = BulkWriter.insert

    def timed_insert(self: BulkWriter, *args: Any, **kwargs: Any) -> None:
        nonlocal inserting
        begun = time.perf_counter()
        original(self, *args, **kwargs)
        inserting += time.perf_counter() - begun

    BulkWriter.insert = timed_insert  # type: ignore[method-assign]
    started = time.perf_counter()
    try:
        workspace = open_workspace(path)
        try:
            counts = generate_demo(workspace, size, today=date.today())
        finally:
            workspace.close()
    finally:
        BulkWriter.insert = original  # type: ignore[method-assign]
    return time.perf_counter() - started, inserting, counts


def open_with_pmodesk(path: Path) -> tuple[float, int]:
    started = time.perf_counter()
    workspace = open_workspace(path, create=False)
    try:
        with workspace.session() as session:
            count = int(session.exec(select(func.count()).select_from(Project)).one())
    finally:
        workspace.close()
    return time.perf_counter() - started, count


def read_rows(
    path: Path,
) -> tuple[list[str], dict[str, tuple[list[str], list[tuple[object, ...]]]]]:
    """The schema statements and every row, as stored, table by table (parents first)."""
    with closing(sqlite3.connect(path)) as conn:
        schema = [
            sql
            for (sql,) in conn.execute(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
                "ORDER BY type = 'index', rowid"
            )
        ]
        rows = {}
        for table in ["alembic_version", *(t.name for t in metadata.sorted_tables)]:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            rows[table] = (columns, cursor.fetchall())
    return schema, rows


def bare_sqlite_insert(
    path: Path, schema: list[str], rows: dict[str, tuple[list[str], list[tuple[object, ...]]]]
) -> float:
    """The baseline: the same rows into the same schema with ``executemany``, one transaction."""
    with closing(sqlite3.connect(path)) as conn:
        for statement in schema:
            conn.execute(statement)
        conn.commit()
        started = time.perf_counter()
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
        for table, (columns, values) in rows.items():
            if not values:
                continue
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', values)
        conn.commit()
        return time.perf_counter() - started


def bare_sqlite_open(path: Path) -> tuple[float, int]:
    """The same checks open_workspace makes (quick_check, schema version), then the count."""
    started = time.perf_counter()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA quick_check").fetchall()
        conn.execute("SELECT version_num FROM alembic_version").fetchall()
        (count,) = conn.execute("SELECT count(*) FROM project").fetchone()
    return time.perf_counter() - started, int(count)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=1_000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    size = DemoSize(projects=args.projects, people=args.people, weeks=args.weeks, seed=args.seed)

    with tempfile.TemporaryDirectory(prefix="pmodesk-bench-") as folder:
        made = Path(folder) / "bench.pmodesk"
        create_seconds, insert_seconds, counts = create_with_pmodesk(made, size)
        open_seconds, projects = open_with_pmodesk(made)
        schema, rows = read_rows(made)
        total_rows = sum(len(values) for _columns, values in rows.values())
        bare_create = bare_sqlite_insert(Path(folder) / "bare.sqlite", schema, rows)
        bare_open, bare_projects = bare_sqlite_open(Path(folder) / "bare.sqlite")
        size_mib = made.stat().st_size / 2**20

    assert projects == bare_projects == args.projects, (projects, bare_projects)
    print(
        f"Demo workspace: {args.projects:,} projects, {args.people:,} people, {args.weeks} weeks "
        f"-> {total_rows:,} rows in {len(counts)} tables, {size_mib:.0f} MiB"
    )
    print()
    header = f"{'step':<44} {'pmodesk':>9} {'bare sqlite3':>13} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for label, ours, bare in (
        ("create (generate + write, one transaction)", create_seconds, bare_create),
        ("  of which writing through SQLAlchemy Core", insert_seconds, bare_create),
        ("open (checks + count of projects)", open_seconds, bare_open),
    ):
        print(f"{label:<44} {ours:>8.2f}s {bare:>12.3f}s {ours / bare:>6.1f}x")
    print()
    print(
        f"pmodesk create: {total_rows / create_seconds:,.0f} rows/s (rows made in Python included)"
    )
    print(f"bare sqlite3 executemany: {total_rows / bare_create:,.0f} rows/s (rows given)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
