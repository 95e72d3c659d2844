"""Resource plans: people down, weeks or months across, hours or percent in the cells."""

from __future__ import annotations

import datetime as dt

import pytest
from import_helpers import MakeBook, options, plan, row_counts, run_import
from sqlmodel import select

from pmodesk.domain import Allocation, Person, Project
from pmodesk.services import records
from pmodesk.store import Workspace

MON = dt.date(2025, 3, 3)
WEEKS = [MON + dt.timedelta(weeks=n) for n in range(4)]


@pytest.fixture
def staffed(ws: Workspace, make_book: MakeBook) -> Workspace:
    """Two people (one part-time) and two projects."""
    path = make_book(
        {
            "People": [["Code", "Name", "Email", "Weekly capacity", "Part-time factor"],
                       ["EMP-1", "Ann Lee", "ann@x.org", 40, 1], ["EMP-2", "Bo Chen", "bo@x.org", 40, 0.5]],
            "Projects": [["Code", "Project", "Sponsor"], ["PRJ-1", "Alpha", "S"], ["PRJ-2", "Beta", "S"]],
        },
        name="setup.xlsx",
    )  # fmt: skip
    run_import(ws, path)
    return ws


def hours(workspace: Workspace) -> dict[tuple[str, str, dt.date], tuple[float, float | None]]:
    with workspace.session() as session:
        people = {p.id: p.code for p in session.exec(select(Person))}
        projects = {p.id: p.code for p in session.exec(select(Project))}
        return {
            (people.get(a.person_id, "-"), projects[a.project_id], a.week_start): (
                a.hours,
                a.percent_of_capacity,
            )
            for a in session.exec(select(Allocation))
        }


def test_weeks_across_in_hours(staffed: Workspace, make_book: MakeBook) -> None:
    path = make_book(
        {
            "Plan": [
                ["Person", "Project", *WEEKS],
                ["EMP-1", "PRJ-1", 20, 20, None, 0],
                ["Bo Chen", "PRJ-2", 8, "TBD", 10, 4],
            ]
        }
    )
    found, result = run_import(staffed, path)
    (sheet,) = found.sheets
    assert (sheet.kind, sheet.detected) == ("allocation", True)
    assert sheet.matrix is not None
    assert sheet.matrix.periods == "weeks"
    assert sheet.matrix.unit == "hours"
    assert (sheet.matrix.first, sheet.matrix.last, sheet.matrix.columns) == (WEEKS[0], WEEKS[3], 4)
    assert [c.how for c in sheet.columns][2:] == ["period"] * 4
    assert result.created == 5  # blanks, TBD and zero are no allocation
    assert hours(staffed) == {
        ("EMP-1", "PRJ-1", WEEKS[0]): (20.0, None), ("EMP-1", "PRJ-1", WEEKS[1]): (20.0, None),
        ("EMP-2", "PRJ-2", WEEKS[0]): (8.0, None), ("EMP-2", "PRJ-2", WEEKS[2]): (10.0, None),
        ("EMP-2", "PRJ-2", WEEKS[3]): (4.0, None),
    }  # fmt: skip
    # the same plan again: nothing changes; one cell edited: one update
    _found, again = run_import(staffed, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    edited = make_book(
        {"Plan": [["Person", "Project", *WEEKS], ["EMP-1", "PRJ-1", 20, 24, None, 0]]},
        name="v2.xlsx",
    )
    found, third = run_import(staffed, edited)
    (update,) = [c for c in found.preview if c.action == "update"]
    assert update.changes == {"hours": (20.0, 24.0)}
    assert (third.updated, third.unchanged) == (1, 1)


def test_percent_of_capacity_in_cells(staffed: Workspace, make_book: MakeBook) -> None:
    path = make_book(
        {
            "Plan": [
                ["Name", "Project", *WEEKS[:2]],
                ["Ann Lee", "PRJ-1", "50%", "25%"],
                ["Bo Chen", "PRJ-1", 0.5, 1],
            ]
        },
        formats={"Plan": {"C3:D3": "0%"}},
    )
    found, _result = run_import(staffed, path)
    assert found.sheets[0].matrix is not None
    assert found.sheets[0].matrix.unit == "percent"
    got = hours(staffed)
    assert got[("EMP-1", "PRJ-1", WEEKS[0])] == (20.0, 50.0)
    assert got[("EMP-1", "PRJ-1", WEEKS[1])] == (10.0, 25.0)
    assert got[("EMP-2", "PRJ-1", WEEKS[0])] == (10.0, 50.0)  # half of a half-time 40-hour week
    assert got[("EMP-2", "PRJ-1", WEEKS[1])] == (20.0, 100.0)


def test_months_spread_over_their_weeks_by_weekdays(
    staffed: Workspace, make_book: MakeBook
) -> None:
    path = make_book(
        {"Plan": [["Person", "Project", "Mar 2025", "Apr 2025"], ["EMP-1", "PRJ-1", 105, 0]]}
    )
    found, result = run_import(staffed, path)
    assert found.sheets[0].matrix is not None
    assert found.sheets[0].matrix.periods == "months"
    got = hours(staffed)
    # March 2025 has 21 weekdays (from Monday 3rd to Monday 31st): 5 hours a weekday;
    # April is zero, so the week of 31 March keeps its one March day and April makes nothing
    assert sum(h for (h, _pc) in got.values()) == pytest.approx(105)
    assert got == {
        ("EMP-1", "PRJ-1", dt.date(2025, 3, 3)): (25.0, None),
        ("EMP-1", "PRJ-1", dt.date(2025, 3, 10)): (25.0, None),
        ("EMP-1", "PRJ-1", dt.date(2025, 3, 17)): (25.0, None),
        ("EMP-1", "PRJ-1", dt.date(2025, 3, 24)): (25.0, None),
        ("EMP-1", "PRJ-1", dt.date(2025, 3, 31)): (5.0, None),
    }
    assert result.created == 5


def test_week_numbers_need_the_first_week(ws: Workspace, make_book: MakeBook) -> None:
    path = make_book(
        {"Plan": [["Role", "Project", "W1", "W2", "W3"], ["Analyst", "Apollo", 10, 20, 30]]}
    )
    refused = plan(ws, path, options=options(create_missing=True))
    assert [p.reason for p in refused.problems] == [
        "the weeks are numbered; give the date of week 1 (“Week 1 starts on” in the wizard, "
        "--first-week on the command line) to place them in the calendar"
    ]
    before = row_counts(ws)
    _found, result = run_import(
        ws, path, options=options(create_missing=True, first_week=dt.date(2025, 1, 8))
    )
    assert row_counts(ws) != before
    assert result.created == 1 + 1 + 3  # a role, a project, three weeks
    assert hours(ws) == {
        ("-", "PRJ-001", dt.date(2025, 1, 6)): (10.0, None),
        ("-", "PRJ-001", dt.date(2025, 1, 13)): (20.0, None),
        ("-", "PRJ-001", dt.date(2025, 1, 20)): (30.0, None),
    }


def test_project_rows_over_people_and_totals(staffed: Workspace, make_book: MakeBook) -> None:
    path = make_book(
        {
            "Plan": [
                ["Resource plan 2025"],
                [],
                ["Project", "Person", *WEEKS[:3]],
                ["PRJ-1", None, 28, 28, 28],  # the project's totals
                [None, "EMP-1", 20, 20, 20],
                [None, "EMP-2", 8, 8, 8],
                ["PRJ-2", None, 5, 0, 0],
                [None, "EMP-2", 5, None, None],
                ["Total", None, 33, 28, 28],
            ]
        }
    )
    found, result = run_import(staffed, path)
    assert found.sheets[0].header_row == 3
    assert result.created == 7
    assert hours(staffed)[("EMP-2", "PRJ-2", WEEKS[0])] == (5.0, None)
    assert any("project rows" in n for n in found.notes)
    assert any("left out: totals row" in n for n in found.notes)


def test_long_form_one_row_per_person_project_week(staffed: Workspace, make_book: MakeBook) -> None:
    path = make_book(
        {
            "Allocations": [
                ["Person", "Project", "Week commencing", "Hours", "Tentative"],
                ["EMP-1", "PRJ-1", dt.date(2025, 3, 5), 16, "yes"],  # a Wednesday
                ["EMP-1", "PRJ-1", dt.date(2025, 3, 3), 8, "no"],  # the same week again
                ["EMP-2", "PRJ-2", "2025-03-10", 200, None],
            ]
        }
    )
    found = plan(staffed, path)
    assert [str(p) for p in found.problems] == [
        "book.xlsx:Allocations!3: has the same person, project and week (03 Mar 2025) as row 2",
        "book.xlsx:Allocations!D4: the hours must be between 0 and 168, not 200",
    ]
    assert any("read as the Monday of their week" in n for n in found.notes)
    _found, result = run_import(staffed, path, options=options(skip_invalid=True))
    assert (result.created, result.skipped) == (1, 2)
    with staffed.session() as session:
        (allocation,) = session.exec(select(Allocation)).all()
        assert (allocation.week_start, allocation.hours, allocation.tentative) == (
            WEEKS[0],
            16.0,
            True,
        )
        assert allocation.person_id == records.get_by_code(session, Person, "EMP-1").id


def test_days_across_add_up_into_their_weeks(staffed: Workspace, make_book: MakeBook) -> None:
    # weekdays only: Monday 3 March to Friday 14 March 2025 (the weekend is left out)
    days = [
        MON + dt.timedelta(days=n) for n in range(12) if (MON + dt.timedelta(days=n)).weekday() < 5
    ]
    path = make_book(
        {
            "Daily plan": [
                ["Person", "Project", *days],
                ["EMP-1", "PRJ-1", 8, 8, 4, None, 0, 2, 2, 2, 2, 2],
                ["Bo Chen", "PRJ-2", "TBD", 4, 4, 4, 4, None, None, None, None, None],
            ]
        }
    )
    found, result = run_import(staffed, path)
    (sheet,) = found.sheets
    assert sheet.matrix is not None
    assert (sheet.matrix.periods, sheet.matrix.unit, sheet.matrix.columns) == ("days", "hours", 10)
    assert result.created == 3  # Bo Chen's second week is empty
    assert hours(staffed) == {
        ("EMP-1", "PRJ-1", MON): (20.0, None),
        ("EMP-1", "PRJ-1", MON + dt.timedelta(weeks=1)): (10.0, None),
        ("EMP-2", "PRJ-2", MON): (16.0, None),
    }


def test_days_across_in_percent_average_over_the_week(
    staffed: Workspace, make_book: MakeBook
) -> None:
    days = [MON + dt.timedelta(days=n) for n in range(7)]  # Monday to Sunday, weekend given
    path = make_book(
        {"Plan": [["Person", "Project", *days], ["Ann Lee", "PRJ-1", "100%", "100%", "50%", "0%", "0%", None, None]]}
    )  # fmt: skip
    found, _result = run_import(staffed, path)
    assert found.sheets[0].matrix is not None
    assert found.sheets[0].matrix.unit == "percent"
    # 2.5 full days of five: half of a 40-hour week
    assert hours(staffed) == {("EMP-1", "PRJ-1", MON): (20.0, 50.0)}


def test_a_day_holds_at_most_24_hours(staffed: Workspace, make_book: MakeBook) -> None:
    days = [MON + dt.timedelta(days=n) for n in range(3)]
    path = make_book({"Plan": [["Person", "Project", *days], ["EMP-1", "PRJ-1", 8, 30, 8]]})
    before = row_counts(staffed)
    found = plan(staffed, path)
    assert found.refused
    (problem,) = found.problems
    assert (problem.row, problem.value) == (2, "30")
    assert problem.column.startswith("D")
    assert "24" in problem.reason
    assert row_counts(staffed) == before


def test_fractions_in_a_plan_are_read_as_shares_of_capacity(
    staffed: Workspace, make_book: MakeBook
) -> None:
    path = make_book({"Plan": [["Person", "Project", *WEEKS[:2]], ["EMP-1", "PRJ-1", 0.5, 1]]})
    found, _result = run_import(staffed, path)
    (sheet,) = found.sheets
    assert sheet.matrix is not None
    assert sheet.matrix.unit == "percent"
    assert any("read as shares of each person's capacity (50 %, 100 %)" in n for n in sheet.notes)
    assert hours(staffed) == {
        ("EMP-1", "PRJ-1", WEEKS[0]): (20.0, 50.0),
        ("EMP-1", "PRJ-1", WEEKS[1]): (40.0, 100.0),
    }
    # whole hours stay hours, and the user may always say which
    whole = make_book(
        {"Plan": [["Person", "Project", *WEEKS[2:]], ["EMP-1", "PRJ-1", 1, 0]]}, name="w.xlsx"
    )
    assert plan(staffed, whole).sheets[0].matrix.unit == "hours"  # type: ignore[union-attr]
    told = plan(staffed, path, options=options(matrix_unit="hours"))
    assert told.sheets[0].matrix.unit == "hours"  # type: ignore[union-attr]
