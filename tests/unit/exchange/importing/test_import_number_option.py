"""How "€ 20.000" is read when its column does not tell: the number style option, then the sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from import_helpers import MakeBook, options, plan, run_import

from pmodesk.domain import Project
from pmodesk.exchange.importing import ImportPlan
from pmodesk.services import records
from pmodesk.store import Workspace

HEADER = ["Code", "Name", "Manager", "Budget", "Actual cost"]
DOUBT = "the column does not show which is meant"


def values(found: ImportPlan, field: str) -> list[Any]:
    return [change.value(field) for change in found.preview]


def notes(found: ImportPlan) -> list[str]:
    return [note for sheet in found.sheets for note in sheet.notes]


@pytest.fixture
def unclear(make_book: MakeBook) -> Path:
    """Budgets that could be twenty or twenty thousand euros: nothing on the sheet tells."""
    return make_book(
        {
            "Projects": [
                HEADER[:4],
                ["PRJ-001", "Alpha", "Ann Lee", "€ 20.000"],
                ["PRJ-002", "Beta", "Bo Chen", "€ 35.000"],
                ["PRJ-003", "Gamma", "Cy Dao", 48000],
            ]
        },
        name="register.xlsx",
    )


def test_an_unclear_column_is_read_with_a_decimal_point_and_noted(
    ws: Workspace, unclear: Path
) -> None:
    found = plan(ws, unclear)
    assert values(found, "budget") == [pytest.approx(20.0), pytest.approx(35.0), 48000.0]
    doubts = [n for n in notes(found) if DOUBT in n]
    assert len(doubts) == 1
    assert doubts[0].startswith('Column D (Budget): amounts such as "€ 20.000" were read with "."')


def test_the_option_settles_an_unclear_column(ws: Workspace, unclear: Path) -> None:
    found, result = run_import(ws, unclear, options=options(number_style="comma decimal"))
    assert values(found, "budget") == [20000.0, 35000.0, 48000.0]
    assert not any(DOUBT in n for n in notes(found))
    assert result.created == 3
    with ws.session() as session:
        assert records.get_by_code(session, Project, "PRJ-001").budget == 20000.0
        assert records.get_by_code(session, Project, "PRJ-002").budget == 35000.0


def test_choosing_the_decimal_point_keeps_twenty_and_says_no_more(
    ws: Workspace, unclear: Path
) -> None:
    found = plan(ws, unclear, options=options(number_style="dot decimal"))
    assert values(found, "budget") == [pytest.approx(20.0), pytest.approx(35.0), 48000.0]
    assert not any(DOUBT in n for n in notes(found))


def test_a_clear_european_column_settles_an_unclear_one_on_the_same_sheet(
    ws: Workspace, make_book: MakeBook
) -> None:
    book = make_book(
        {
            "Projects": [
                HEADER,
                ["PRJ-001", "Alpha", "Ann Lee", "€ 1.250.000,00", "€ 20.000"],
                ["PRJ-002", "Beta", "Bo Chen", "€ 3.500,50", "€ 12.500"],
            ]
        }
    )
    found = plan(ws, book)
    assert values(found, "budget") == [1250000.0, 3500.5]
    assert values(found, "actual_cost") == [20000.0, 12500.0]
    assert not any(DOUBT in n for n in notes(found))


def test_sheets_do_not_settle_each_other(ws: Workspace, make_book: MakeBook) -> None:
    book = make_book(
        {
            "Projects": [HEADER[:4], ["PRJ-001", "Alpha", "Ann Lee", "€ 1.250.000,00"]],
            "More projects": [HEADER[:4], ["PRJ-002", "Beta", "Bo Chen", "€ 20.000"]],
        },
    )
    found = plan(ws, book, kinds={"*": "project"})
    by_code = {c.key: c.value("budget") for c in found.preview}
    assert by_code == {"PRJ-001": 1250000.0, "PRJ-002": pytest.approx(20.0)}


def test_a_column_that_shows_its_style_wins_over_the_option_and_the_sheet(
    ws: Workspace, make_book: MakeBook
) -> None:
    book = make_book(
        {
            "Projects": [
                HEADER,
                ["PRJ-001", "Alpha", "Ann Lee", "$1,250.50", "€ 3.500,50"],
                ["PRJ-002", "Beta", "Bo Chen", "$20.000", "€ 20.000"],
            ]
        }
    )
    found = plan(ws, book, options=options(number_style="comma decimal"))
    assert values(found, "budget") == [1250.5, pytest.approx(20.0)]
    assert values(found, "actual_cost") == [3500.5, 20000.0]
    # without the option each column still reads as it shows
    mixed = plan(ws, book)
    assert values(mixed, "budget") == [1250.5, pytest.approx(20.0)]
    assert values(mixed, "actual_cost") == [3500.5, 20000.0]
