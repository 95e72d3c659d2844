"""Every row is checked before anything is written; each problem names its cell, value and reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from import_helpers import MakeBook, options, plan, row_counts, run_import
from sqlmodel import select

from pmodesk.domain import Person, Programme, Project
from pmodesk.errors import DomainError
from pmodesk.exchange.importing import apply_import, plan_import, write_problem_report
from pmodesk.store import Workspace

HEADER = ["Code", "Project", "Programme", "Start", "Finish", "Budget", "% complete", "RAG"]


@pytest.fixture
def faulty(make_book: MakeBook) -> Path:
    return make_book(
        {
            "Register": [
                HEADER,
                [
                    "PRJ-001",
                    "Alpha",
                    None,
                    dt.date(2025, 1, 6),
                    dt.date(2025, 6, 30),
                    1000,
                    0.5,
                    "Green",
                ],
                ["PRJ-002", None, None, dt.date(2025, 1, 6), None, 10, None, None],  # no name
                ["PRJ-003", "Gamma", None, "next spring", None, "lots", None, None],  # types
                ["PRJ-004", "Delta", None, dt.date(2025, 6, 1), dt.date(2025, 1, 1), 5, None, None],
                ["PRJ-001", "Alpha again", None, None, None, None, None, None],  # duplicate
                ["PRJ-006", "Zeta", "PGM-99", None, None, None, None, "Purple"],  # unknown
                ["PRJ 7", "Eta", None, None, None, None, None, None],  # not a code
                ["PRJ-008", "Theta", None, None, None, -5, 150, None],  # ranges
            ]
        }
    )


def test_each_problem_at_its_cell_with_value_and_reason(ws: Workspace, faulty: Path) -> None:
    found = plan(ws, faulty)
    assert found.refused
    assert [str(p) for p in found.problems] == [
        "book.xlsx:Register!B3: Name is required for a project",
        "book.xlsx:Register!D4: value 'next spring' — \"next spring\" is not a date",
        "book.xlsx:Register!F4: value 'lots' — \"lots\" is not an amount of money",
        "book.xlsx:Register!E5: value '2025-01-01' — the planned finish (2025-01-01) is before "
        "the planned start (2025-06-01)",
        "book.xlsx:Register!A6: value 'PRJ-001' — is a duplicate of row 2",
        "book.xlsx:Register!H7: value 'Purple' — is not a RAG colour (green, amber, red)",
        "book.xlsx:Register!C7: value 'PGM-99' — there is no programme 'PGM-99' in the workspace "
        "(import with “create missing” to add it)",
        "book.xlsx:Register!A8: value 'PRJ 7' — is not a code: codes use only letters, digits "
        "and . _ / - (at most 40 characters)",
        "book.xlsx:Register!F9: value '-5' — the budget cannot be negative (-5)",
        # every broken rule of a row is listed, not only the first
        "book.xlsx:Register!G9: value '150' — the percent complete must be between 0 and 100, "
        "not 150",
    ]
    (problem,) = [p for p in found.problems if p.row == 4 and p.letter == "D"]
    assert (problem.source, problem.sheet, problem.column, problem.value) == (
        "book.xlsx", "Register", "D (Start)", "next spring",
    )  # fmt: skip
    assert {p.severity for p in found.problems} == {"error"}
    assert found.counts() == {"created": 1, "updated": 0, "unchanged": 0, "skipped": 7}


def test_a_refused_plan_writes_nothing(ws: Workspace, faulty: Path) -> None:
    before = row_counts(ws)
    with ws.session() as session:
        found = plan_import(session, [faulty])
        with pytest.raises(DomainError, match=r"refused: .* problems .* nothing was written"):
            apply_import(session, found)
    assert row_counts(ws) == before


def test_rows_can_be_skipped_by_number_or_when_invalid(ws: Workspace, faulty: Path) -> None:
    skipped = plan(ws, faulty, options=options(skip_rows={"Register": {3, 4, 5, 6, 7, 8, 9}}))
    assert not skipped.refused
    assert skipped.counts() == {"created": 1, "updated": 0, "unchanged": 0, "skipped": 7}
    lenient = plan(ws, faulty, options=options(skip_invalid=True))
    assert not lenient.refused
    assert lenient.problems
    assert all(p.skipped for p in lenient.problems)
    _plan, result = run_import(ws, faulty, options=options(skip_invalid=True))
    assert (result.created, result.skipped) == (1, 7)
    with ws.session() as session:
        assert [p.code for p in session.exec(select(Project))] == ["PRJ-001"]


def test_missing_programme_and_person_created_on_request(
    ws: Workspace, make_book: MakeBook
) -> None:
    path = make_book(
        {
            "Projects": [
                ["Code", "Name", "Programme"],
                ["PRJ-1", "Alpha", "PGM-01"],
                ["PRJ-2", "Beta", "Digital"],
            ],
            "Plan": [
                ["Person", "Project", "Week", "Hours"],
                ["Ana Lima", "PRJ-1", dt.date(2025, 3, 3), 20],
            ],
        }
    )
    refused = plan(ws, path)
    assert [p.reason for p in refused.problems] == [
        "there is no programme 'PGM-01' in the workspace (import with “create missing” to add it)",
        "there is no programme 'Digital' in the workspace (import with “create missing” to add it)",
        "there is no person 'Ana Lima' in the workspace (import with “create missing” to add it)",
        # the projects were refused with their rows, so the plan cannot name them either
        "there is no project 'PRJ-1' in the workspace (import with “create missing” to add it)",
    ]
    found, result = run_import(ws, path, options=options(create_missing=True))
    assert result.created == 2 + 2 + 1 + 1  # programmes, projects, person, allocation
    with ws.session() as session:
        programmes = {p.code: p.name for p in session.exec(select(Programme))}
        assert programmes == {"PGM-01": "PGM-01", "PGM-002": "Digital"}
        (person,) = session.exec(select(Person)).all()
        assert (person.code, person.name, person.weekly_capacity_hours) == (
            "PER-001",
            "Ana Lima",
            37.5,
        )
    assert any("Digital" in n and "PGM-002" in n for n in found.notes)


def test_rows_without_codes_get_codes_in_the_workspace_style(
    ws: Workspace, make_book: MakeBook
) -> None:
    first = make_book({"R": [["ID", "Name"], ["ABC-0041", "Old one"]]}, name="first.xlsx")
    run_import(ws, first, kinds={"*": "project"})
    path = make_book(
        {"R": [["Name", "Sponsor"], ["Alpha", "Ann"], ["Beta", "Bo"]]}, name="codeless.xlsx"
    )
    found, result = run_import(ws, path, kinds={"*": "project"})
    assert result.created == 2
    assert [c.key for c in found.preview] == ["ABC-0042", "ABC-0043"]
    assert any(
        "2 new projects without a code will get codes from ABC-0042 on" in n for n in found.notes
    )
    # the same file again matches them by name: nothing new, nothing changed
    _again, result = run_import(ws, path, kinds={"*": "project"})
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)


def test_ambiguous_day_month_dates_are_reported(ws: Workspace, make_book: MakeBook) -> None:
    path = make_book(
        {"R": [["Code", "Name", "Start"], ["P-1", "A", "04/05/2025"], ["P-2", "B", "06/07/2025"]]}
    )
    found = plan(ws, path)
    assert [p.reason for p in found.problems] == [
        '"04/05/2025" could be 04 May 2025 or 05 April 2025; the day/month order cannot be '
        "decided; choose the date order (day-first or month-first)",
        '"06/07/2025" could be 06 July 2025 or 07 June 2025; the day/month order cannot be '
        "decided; choose the date order (day-first or month-first)",
    ]
    assert any("could be read day-first or month-first" in n for n in found.notes)
    settled = plan(ws, path, options=options(date_order="dmy"))
    assert not settled.refused
    assert [c.value("planned_start") for c in settled.preview] == [
        dt.date(2025, 5, 4),
        dt.date(2025, 7, 6),
    ]


def test_problem_report_workbook(ws: Workspace, faulty: Path, tmp_path: Path) -> None:
    import openpyxl

    found = plan(ws, faulty)
    out = write_problem_report(found, tmp_path / "reports" / "problems.xlsx")
    wb = openpyxl.load_workbook(out)
    rows = list(wb["Problems"].iter_rows(values_only=True))
    assert rows[0] == (
        "File",
        "Sheet",
        "Row",
        "Column",
        "Value",
        "Reason",
        "Severity",
        "Row skipped",
    )
    assert len(rows) == 1 + len(found.problems)
    assert rows[2][:5] == ("book.xlsx", "Register", 4, "D (Start)", "next spring")
    summary = list(wb["Summary"].iter_rows(values_only=True))
    assert summary[0][:2] == ("Import", "refused")
    assert summary[7][1:3] == ("Register", "project")
    assert not list(tmp_path.joinpath("reports").glob(".*"))  # no temporary file left behind


def test_every_broken_rule_is_listed_once(ws: Workspace) -> None:
    from pmodesk.exchange.importing.candidates import RuleSession, candidate

    with ws.session() as session:
        rules = RuleSession(session)
        # no name (put back, still none: said once), a negative budget, 150 % complete
        project = candidate(Project, {"code": "PRJ-1", "name": " ", "budget": -5.0,
                                      "percent_complete": 150.0, "archived_at": None})  # fmt: skip
        broken = rules.check_all(project, None, {"name": " ", "budget": 0.0})
    assert [field for _message, field in broken] == ["name"]
    with ws.session() as session:
        rules = RuleSession(session)
        project = candidate(Project, {"code": "PRJ-1", "name": "Alpha", "budget": -5.0,
                                      "percent_complete": 150.0, "archived_at": None})  # fmt: skip
        broken = rules.check_all(project, None, {"budget": 0.0, "percent_complete": 0.0})
    assert [field for _message, field in broken] == ["budget", "percent_complete"]
