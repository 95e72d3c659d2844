"""Benchmark of the Excel importer beside bare reads of the same files.

Run (not collected by pytest)::

    /work/venv/bin/python tests/perf/bench_import.py [--projects 10000] [--people 1000]
        [--weeks 104] [--big 100000] [--repeats 3]

Generates, in a temporary folder:

* a project register of 10,000 rows and 15 columns (codes, names, people,
  stages, states, RAG, three dates, money, a percentage);
* a resource plan of 1,000 people × 104 weeks across (hours in the cells);
* a register of 100,000 rows.

For the first two it prints our import (plan + apply into a fresh workspace,
everything checked, written and audited) beside a bare openpyxl read-only
iteration of the same file and a bare python-calamine read, with the ratios
(targets: ≤ 1.0 against openpyxl, ≤ 3 against calamine). Beside them it prints
the floor of any import of the file: the calamine read plus the bare sqlite3
driver inserting the very rows our import added (records and audit events)
into a copy of the workspace as it was, with the workspace's pragmas, and
committing. Each is the median of ``--repeats`` runs, ours and the baselines
taken in turn. For the 100,000-row
register it prints the import time and the peak resident memory of a process
that does nothing else (target < 500 MB), beside the memory of a process that
has only loaded the modules and opened the workspace.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def write_register(path: Path, rows: int) -> Path:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Register")
    ws.append(
        ["Code", "Project", "Description", "Sponsor", "Project Manager", "Department", "Stage",
         "Status", "RAG", "Planned start", "Planned finish", "Forecast finish", "Budget",
         "Actual cost", "% complete"]
    )  # fmt: skip
    rng = random.Random(7)
    stages = ["Idea", "Assessment", "Approved", "Delivery", "Closing"]
    states = ["Active", "Active", "Active", "On hold", "Closed"]
    rags = ["Green", "Amber", "Red"]
    for n in range(rows):
        start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
        finish = start + dt.timedelta(days=rng.randint(30, 500))
        ws.append(
            [f"PRJ-{n + 1:06d}", f"Project {n + 1}", f"Deliver outcome {n + 1} for the business",
             f"Sponsor {n % 50}", f"Manager {n % 300}", f"Department {n % 12}", stages[n % 5],
             states[n % 5], rags[n % 3], start, finish, finish + dt.timedelta(days=rng.randint(0, 60)),
             float(rng.randint(10, 900) * 1000), float(rng.randint(0, 500) * 1000),
             rng.randint(0, 100) / 100]
        )  # fmt: skip
    wb.save(path)
    return path


def write_plan(path: Path, people: int, weeks: int) -> Path:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Plan")
    first = dt.date(2025, 1, 6)
    ws.append(["Person", "Project", *[first + dt.timedelta(weeks=w) for w in range(weeks)]])
    rng = random.Random(11)
    for n in range(people):
        ws.append(
            [
                f"EMP-{n + 1:05d}",
                f"PRJ-{n % 200 + 1:06d}",
                *[rng.choice((8, 16, 20, 24, 32)) for _ in range(weeks)],
            ]
        )
    wb.save(path)
    return path


def new_workspace(folder: Path, name: str, *, people: int = 0, projects: int = 0) -> Path:
    """A fresh workspace; for the plan, the people and projects it names (written in bulk)."""
    from pmodesk.services.setup import prepare_workspace
    from pmodesk.store import open_workspace

    path = folder / f"{name}.pmodesk"
    for old in folder.glob(f"{name}.pmodesk*"):
        old.unlink()
    workspace = open_workspace(path)
    try:
        prepare_workspace(workspace)
        if people or projects:
            from pmodesk.exchange.importing import apply_import, plan_import

            setup = folder / "setup.csv"
            setup.write_text(
                "Code,Name,Email\n"
                + "".join(f"EMP-{n + 1:05d},Person {n + 1},p{n}@x.org\n" for n in range(people))
            )
            register = folder / "projects.csv"
            register.write_text(
                "Code,Name,Sponsor\n"
                + "".join(f"PRJ-{n + 1:06d},Project {n + 1},S\n" for n in range(projects))
            )
            with workspace.session() as session:
                plan = plan_import(session, [setup], kinds={"*": "person"})
                apply_import(session, plan)
            with workspace.session() as session:
                plan = plan_import(session, [register], kinds={"*": "project"})
                apply_import(session, plan)
    finally:
        workspace.close()
    return path


def import_into(workspace_path: Path, source: Path, kinds: dict[str, str] | None = None) -> int:
    from pmodesk.exchange.importing import apply_import, plan_import
    from pmodesk.store import open_workspace

    workspace = open_workspace(workspace_path, check=False)
    try:
        with workspace.session() as session:
            plan = plan_import(session, [source], kinds=kinds)
            assert not plan.refused, [str(p) for p in plan.problems[:5]]
            return apply_import(session, plan).created
    finally:
        workspace.close()


def bare_openpyxl(path: Path) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _row in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return count


def bare_calamine(path: Path) -> int:
    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    return len(wb.get_sheet_by_index(0).to_python())


def added_rows(before: Path, after: Path) -> dict[str, list[tuple[object, ...]]]:
    """The rows of each table that the import added: in ``after``, not in ``before``."""
    import sqlite3

    connection = sqlite3.connect(after)
    try:
        connection.execute("ATTACH DATABASE ? AS b", (str(before),))
        tables = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
            "AND name != 'alembic_version'"
        )]  # fmt: skip
        added: dict[str, list[tuple[object, ...]]] = {}
        for table in tables:
            rows = connection.execute(
                f'SELECT * FROM main."{table}" WHERE id NOT IN (SELECT id FROM b."{table}")'
            ).fetchall()
            if rows:
                added[table] = rows
        return added
    finally:
        connection.close()


def bare_write(before: Path, rows: dict[str, list[tuple[object, ...]]]) -> float:
    """Seconds the bare sqlite3 driver takes to insert ``rows`` into a copy of ``before``, commit
    and close, as our import does: the pragmas every workspace has (WAL, foreign keys on,
    synchronous NORMAL) and the import's larger page cache. Closing the last connection
    checkpoints the WAL into the file, which our import's timing includes too."""
    import shutil
    import sqlite3

    target = before.with_name("floor.pmodesk")
    for old in before.parent.glob("floor.pmodesk*"):
        old.unlink()
    shutil.copy(before, target)
    connection = sqlite3.connect(target, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA cache_size = -262144")
    start = time.perf_counter()
    try:
        connection.execute("BEGIN")
        for table, values in rows.items():
            marks = ", ".join("?" * len(values[0]))
            connection.executemany(f'INSERT INTO "{table}" VALUES ({marks})', values)
        connection.execute("COMMIT")
    finally:
        connection.close()
    return time.perf_counter() - start


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def line(label: str, ours: float, bare: float, target: str) -> None:
    ratio = ours / bare if bare else float("inf")
    print(f"    {label:<38} {bare:7.2f} s   ours/bare {ratio:6.2f}   {target}")


def bench(
    title: str,
    source: Path,
    prepare: Callable[[], Path],
    repeats: int,
    kinds: dict[str, str] | None,
) -> None:
    import shutil

    ours_times, openpyxl_times, calamine_times, write_times = [], [], [], []
    created = 0
    written: dict[str, list[tuple[object, ...]]] = {}
    for _ in range(repeats):
        workspace = prepare()
        before = workspace.with_name("before.pmodesk")
        shutil.copy(workspace, before)
        start = time.perf_counter()
        created = import_into(workspace, source, kinds)
        ours_times.append(time.perf_counter() - start)
        openpyxl_times.append(timed(lambda: bare_openpyxl(source)))
        calamine_times.append(timed(lambda: bare_calamine(source)))
        written = added_rows(before, workspace)
        write_times.append(bare_write(before, written))
    ours = statistics.median(ours_times)
    calamine = statistics.median(calamine_times)
    write = statistics.median(write_times)
    print(f"\n{title} ({source.stat().st_size / 1e6:.1f} MB, {created:,} records created)")
    print(f"    ours: plan + apply (checked, written, audited) {ours:7.2f} s")
    line(
        "bare openpyxl read-only iteration",
        ours,
        statistics.median(openpyxl_times),
        "(target ≤ 1.0)",
    )
    line("bare python-calamine read", ours, calamine, "(target ≤ 3.0)")
    rows = ", ".join(f"{len(v):,} {k}" for k, v in written.items())
    line("bare sqlite3 write of the same rows", ours, write, f"({rows})")
    floor = calamine + write
    line("calamine read + sqlite3 write (floor)", ours, floor, "")
    print(
        f"    the floor alone is {floor / statistics.median(openpyxl_times):.2f}× the openpyxl "
        f"read and {floor / calamine:.2f}× the calamine read: no import that writes and audits "
        "these rows can go below it"
    )


_CHILD = textwrap.dedent(
    """
    import resource, sys, time
    from pathlib import Path

    def peak_mb():
        # VmHWM is this process's own high-water mark; ru_maxrss on Linux keeps the
        # parent's from before exec, so it is only the fallback
        try:
            for text in Path("/proc/self/status").read_text().splitlines():
                if text.startswith("VmHWM:"):
                    return int(text.split()[1]) / 1024
        except OSError:
            pass
        scale = 1024 * 1024 if sys.platform == "darwin" else 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale

    from pmodesk.exchange.importing import apply_import, plan_import
    from pmodesk.store import open_workspace
    workspace = open_workspace(Path(sys.argv[1]), check=False)
    baseline = peak_mb()
    if sys.argv[3] == "import":
        start = time.perf_counter()
        with workspace.session() as session:
            plan = plan_import(session, [Path(sys.argv[2])])
            created = apply_import(session, plan).created
        took = time.perf_counter() - start
    else:
        created, took = 0, 0.0
    workspace.close()
    print(created, took, baseline, peak_mb())
    """
)


def bench_memory(folder: Path, rows: int) -> None:
    source = write_register(folder / "register-100k.xlsx", rows)
    outcome: dict[str, list[str]] = {}
    for mode in ("baseline", "import"):
        workspace = new_workspace(folder, f"memory-{mode}")
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(workspace), str(source), mode],
            capture_output=True, text=True, check=True, cwd=REPO_ROOT,
        )  # fmt: skip
        outcome[mode] = done.stdout.split()
    created, took, _base, peak = outcome["import"]
    _c, _t, _b, idle = outcome["baseline"]
    print(
        f"\nRegister of {rows:,} rows ({source.stat().st_size / 1e6:.1f} MB): {int(created):,} created in {float(took):.1f} s"
    )
    print(f"    peak RSS of the importing process {float(peak):7.0f} MB   (target < 500 MB)")
    print(f"    a process that only opened the workspace {float(idle):7.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=1_000)
    parser.add_argument("--weeks", type=int, default=104)
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO_ROOT))
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder = Path(tmp)
        register = write_register(folder / "register.xlsx", args.projects)
        bench(f"Project register, {args.projects:,} rows × 15 columns", register,
              lambda: new_workspace(folder, "register"), args.repeats, None)  # fmt: skip
        plan = write_plan(folder / "plan.xlsx", args.people, args.weeks)
        base = new_workspace(folder, "plan-base", people=args.people, projects=200)
        base_bytes = base.read_bytes()

        def fresh_plan_workspace() -> Path:
            target = folder / "plan.pmodesk"
            for old in folder.glob("plan.pmodesk*"):
                old.unlink()
            target.write_bytes(base_bytes)
            return target

        bench(f"Resource plan, {args.people:,} people × {args.weeks} weeks", plan,
              fresh_plan_workspace, args.repeats, None)  # fmt: skip
        bench_memory(folder, args.big)


if __name__ == "__main__":
    main()
