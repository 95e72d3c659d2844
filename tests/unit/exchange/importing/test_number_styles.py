"""Text amounts such as "€ 20.000" are read by the number style of their column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from import_helpers import MakeBook, run_import

from pmodesk.domain import Project
from pmodesk.exchange.importing import kind_spec
from pmodesk.exchange.importing.cell_base import CellError, ColumnContext
from pmodesk.exchange.importing.cells import cell_reader
from pmodesk.exchange.reading import CellValue
from pmodesk.services import records
from pmodesk.store import Workspace


def read_column(
    kind: str, field: str, cells: list[CellValue], header: str = "Budget", **context: Any
) -> tuple[list[Any], list[str]]:
    """Every cell of a column read as ``field`` of ``kind``, and the column's notes."""
    ctx = ColumnContext(header=header, sample=cells, **context)
    read = cell_reader(kind_spec(kind).fields[field], ctx)
    return [read(cell) for cell in cells], ctx.notes


def test_a_european_column_reads_a_lone_dot_as_thousands() -> None:
    values, notes = read_column(
        "project", "budget", ["€ 20.000", "€ 1.250.000,00", "€ 3.500,50", 7500.0, None]
    )
    assert values == [20000.0, 1250000.0, 3500.5, 7500.0, None]
    assert notes == [
        'numbers are read with "," as the decimal point and "." between thousands, '
        "as the column shows (e.g. 1.250,50)"
    ]


def test_an_english_column_reads_the_same_text_as_a_decimal_point() -> None:
    values, notes = read_column("project", "budget", ["€ 20.000", "$1,250.50"])
    assert values == [pytest.approx(20.0), 1250.5]
    assert notes == []  # the column shows its style: nothing to doubt


def test_an_undecided_column_says_once_how_it_read_the_doubtful_amounts() -> None:
    values, notes = read_column("project", "budget", ["€ 20.000", "€ 35.000", "€ 500"])
    assert values == [pytest.approx(20.0), pytest.approx(35.0), 500.0]
    assert notes == [
        'amounts such as "€ 20.000" were read with "." as the decimal point, not as a '
        "thousands separator; the column does not show which is meant, so check them"
    ]


def test_numbers_and_whole_numbers_follow_their_column() -> None:
    values, _ = read_column(
        "person", "weekly_capacity_hours", ["37,5", "1.234"], header="Weekly capacity"
    )
    assert values == [37.5, 1234.0]
    lone, notes = read_column("person", "weekly_capacity_hours", ["1.234"], header="Hours")
    assert lone == [pytest.approx(1.234)]
    assert len(notes) == 1
    assert notes[0].startswith('numbers such as "1.234" were read with "." as the decimal point')
    whole, _ = read_column(
        "project", "template_version", ["2.000", "1.000.000"], header="Template version"
    )
    assert whole == [2000, 1000000]
    with pytest.raises(CellError):  # "2.000" read as 2.0 is whole; "1.500" as 1.5 is not
        read_column("project", "template_version", ["1.500", "3.5"], header="Template version")


def test_percentages_follow_their_column() -> None:
    values, notes = read_column(
        "project", "percent_complete", ["12,5 %", "1.000 %", "80 %"], header="% complete"
    )
    assert values == [12.5, 1000.0, 80.0]
    assert "decimal point" in notes[0]


def test_the_sheet_style_is_used_when_the_column_shows_none() -> None:
    values, notes = read_column("project", "budget", ["€ 20.000"], number_style="comma decimal")
    assert (values, notes) == ([20000.0], [])
    values, notes = read_column("project", "budget", ["€ 20.000"], number_style="dot decimal")
    assert (values, notes) == ([pytest.approx(20.0)], [])


def test_a_thousands_header_still_multiplies_european_amounts() -> None:
    values, notes = read_column("project", "budget", ["20.000", "1.250,5"], header="Budget (k€)")
    assert values == [20_000_000.0, 1_250_500.0]
    assert "amounts are in thousands (the header says so)" in notes


def test_a_european_register_imports_its_budgets_in_full(
    ws: Workspace, make_book: MakeBook
) -> None:
    book: Path = make_book(
        {
            "Projects": [
                ["Code", "Name", "Manager", "Budget"],
                ["PRJ-001", "Alpha", "Ann Lee", "€ 20.000"],
                ["PRJ-002", "Beta", "Bo Chen", "€ 1.250.000,00"],
                ["PRJ-003", "Gamma", "Cy Dao", "€ 3.500,50"],
                ["PRJ-004", "Delta", "Di Eng", 48000],
            ]
        },
        name="register.xlsx",
    )
    found, result = run_import(ws, book)
    assert result.created == 4
    assert any(
        "Column D (Budget)" in note and '"," as the decimal point' in note
        for sheet in found.sheets
        for note in sheet.notes
    )
    with ws.session() as session:
        budgets = {
            code: records.get_by_code(session, Project, code).budget
            for code in ("PRJ-001", "PRJ-002", "PRJ-003", "PRJ-004")
        }
    assert budgets == {
        "PRJ-001": 20000.0,
        "PRJ-002": 1250000.0,
        "PRJ-003": 3500.5,
        "PRJ-004": 48000.0,
    }


def test_an_undecided_register_is_imported_as_before_and_says_so(
    ws: Workspace, make_book: MakeBook
) -> None:
    book = make_book(
        {
            "Projects": [
                ["Code", "Name", "Manager", "Budget"],
                ["PRJ-001", "Alpha", "Ann Lee", "€ 20.000"],
                ["PRJ-002", "Beta", "Bo Chen", "€ 45.000"],
            ]
        },
        name="undecided.xlsx",
    )
    found, _ = run_import(ws, book)
    notes = [note for sheet in found.sheets for note in sheet.notes]
    assert (
        notes.count(
            'Column D (Budget): amounts such as "€ 20.000" were read with "." as the decimal point, '
            "not as a thousands separator; the column does not show which is meant, so check them."
        )
        == 1
    )
    with ws.session() as session:
        assert records.get_by_code(session, Project, "PRJ-001").budget == pytest.approx(20.0)
