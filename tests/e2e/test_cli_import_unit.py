"""``pmodesk import --unit``: a resource plan's plain 50 and 100 read as percent of capacity."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

Run = Callable[..., tuple[int, str, str]]
MONDAYS = [dt.date(2025, 3, 3), dt.date(2025, 3, 10)]


@pytest.fixture
def workspace(run: Run, tmp_path: Path) -> Path:
    """A workspace with Ann Lee (40 hours a week) and project PRJ-1."""
    import openpyxl

    wb = openpyxl.Workbook()
    people = wb.active
    assert people is not None
    people.title = "People"
    people.append(["Code", "Name", "Email", "Weekly capacity"])
    people.append(["EMP-1", "Ann Lee", "ann@x.org", 40])
    projects = wb.create_sheet("Projects")
    projects.append(["Code", "Project", "Sponsor"])
    projects.append(["PRJ-1", "Alpha", "S"])
    setup = tmp_path / "setup.xlsx"
    wb.save(setup)
    path = tmp_path / "office.pmodesk"
    code, _out, err = run("import", setup, "--workspace", path)
    assert (code, err) == (0, "")
    return path


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "Plan"
    sheet.append(["Person", "Project", *MONDAYS])
    sheet.append(["Ann Lee", "PRJ-1", 50, 100])  # percent points typed as plain numbers
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    return path


def stored(workspace: Path) -> list[tuple[str, float, float | None]]:
    with closing(sqlite3.connect(f"file:{workspace}?mode=ro", uri=True)) as conn:
        rows = conn.execute(
            "SELECT week_start, hours, percent_of_capacity FROM allocation ORDER BY week_start"
        ).fetchall()
    return [(str(w)[:10], h, p) for w, h, p in rows]


def test_without_the_option_plain_numbers_are_hours(run: Run, workspace: Path, plan: Path) -> None:
    code, out, err = run("import", plan, "--workspace", workspace)
    assert (code, err) == (0, "")
    assert "in hours" in out
    assert stored(workspace) == [("2025-03-03", 50.0, None), ("2025-03-10", 100.0, None)]


def test_unit_percent_stores_percent_of_capacity(run: Run, workspace: Path, plan: Path) -> None:
    code, out, err = run("import", plan, "--workspace", workspace, "--unit", "percent")
    assert (code, err) == (0, "")
    assert "in percent" in out
    assert stored(workspace) == [("2025-03-03", 20.0, 50.0), ("2025-03-10", 40.0, 100.0)]


def test_help_lists_the_unit_and_a_wrong_one_is_refused(
    run: Run, plan: Path, tmp_path: Path
) -> None:
    code, out, _err = run("import", "--help")
    assert code == 0
    assert "--unit {hours,percent}" in out
    assert "hours or percent of capacity; detected when not given" in " ".join(out.split())
    code, _out, err = run("import", plan, "--workspace", tmp_path / "w.pmodesk", "--unit", "fte")
    assert code != 0
    assert "--unit" in err
    assert not (tmp_path / "w.pmodesk").exists()
