"""Tables from workbooks generated for each quirk: titles above the header, merged and
two-row headers, blank / totals / separator rows, and every way of writing dates,
percentages, money and "no value"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from pmodesk.exchange.reading import (
    CellValue,
    ReadError,
    SkipReason,
    build_columns,
    detect_header,
    infer_date_order,
    make_unique,
    open_book,
    parse_date,
    parse_money,
    parse_percent,
)

BuildXlsx = Callable[..., Path]

REGISTER = [
    ["Project register", None, None, None, None, None],
    ["Printed 2024-04-30 by the PMO", None, None, None, None, None],
    [None, None, None, None, None, None],
    ["Code", "Name", "Start", "Progress", "Budget", "Manager"],
    ["PRJ-001", "Payroll upgrade", dt.date(2024, 4, 15), 0.45, "€1.234,50", "Ana"],
    ["PRJ-002", "CRM rollout", 45397, "45%", "$1,234.50", "TBD"],
    [None, None, None, None, None, None],
    ["PRJ-003", "Data centre exit", "2024-04-15", "n/a", 900, "Bo"],
    ["Phase 2", None, None, None, None, None],
    ["PRJ-004", "Intranet", "15/04/2024", None, "n/a", "Cy"],
    ["PRJ-005", "Archive", "04/05/2024", "10 %", "-", "Di"],
    ["Total", None, None, None, 2134, None],
    [None, None, None, None, None, None],
    ["Notes: figures in EUR", None, None, None, None, None],
]


def test_titles_above_header_blank_totals_and_separator_rows(build_xlsx: BuildXlsx) -> None:
    path = build_xlsx(REGISTER, merge=["A1:F1", "A9:F9"], hidden_rows=[8])
    with open_book(path) as book:
        table = book.read_table("Register")
    assert table.header_row == 4
    assert [c.name for c in table.columns] == [
        "Code",
        "Name",
        "Start",
        "Progress",
        "Budget",
        "Manager",
    ]
    assert [(r.number, r.cells[0]) for r in table.rows] == [
        (5, "PRJ-001"), (6, "PRJ-002"), (8, "PRJ-003"), (10, "PRJ-004"), (11, "PRJ-005"),
    ]  # fmt: skip
    assert [r.number for r in table.rows if r.hidden] == [8]
    assert [(s.number, s.reason) for s in table.skipped] == [
        (7, SkipReason.BLANK),
        (9, SkipReason.SECTION),
        (12, SkipReason.TOTALS),
        (14, SkipReason.BELOW_TABLE),
    ]
    assert table.skipped[1].text == "Phase 2"


def test_values_of_every_kind_read_from_a_generated_register(build_xlsx: BuildXlsx) -> None:
    path = build_xlsx(REGISTER, merge=["A9:F9"], formats={"D5": "0%"})
    with open_book(path) as book:
        table = book.read_table("Register")
    col = {c.name: i for i, c in enumerate(table.columns)}
    assert table.column("Progress").number_format == "0%"
    starts = [r.cells[col["Start"]] for r in table.rows]
    order = infer_date_order(starts)
    assert order == "dmy"  # "15/04/2024" decides the column
    assert [parse_date(v, order_hint=order).value for v in starts] == [
        dt.date(2024, 4, 15), dt.date(2024, 4, 15), dt.date(2024, 4, 15),
        dt.date(2024, 4, 15), dt.date(2024, 5, 4),
    ]  # fmt: skip
    without_hint = parse_date(starts[-1])
    assert without_hint.ambiguous
    assert without_hint.value is None
    progress = [parse_percent(r.cells[col["Progress"]]) for r in table.rows]
    assert [p.value for p in progress] == [
        pytest.approx(0.45),
        pytest.approx(0.45),
        None,
        None,
        pytest.approx(0.1),
    ]
    assert progress[2].empty
    assert progress[3].empty
    budgets = [parse_money(r.cells[col["Budget"]]) for r in table.rows]
    assert [(b.value, b.unit) for b in budgets] == [
        (pytest.approx(1234.5), "EUR"), (pytest.approx(1234.5), "USD"), (900.0, None),
        (None, None), (None, None),
    ]  # fmt: skip
    assert budgets[3].empty
    assert budgets[4].empty
    ref = table.ref(table.rows[1], col["Manager"])
    assert (ref.address, ref.column_name, ref.raw) == ("F6", "Manager", "TBD")


def test_merged_header_cell_over_two_columns(build_xlsx: BuildXlsx) -> None:
    rows = [
        ["ID", "Owner", "Notes", None, "Status"],
        ["R1", "Ana", "first", "second", "Open"],
        ["R2", "Bo", "third", None, "Closed"],
    ]
    path = build_xlsx(rows, merge=["C1:D1"])
    with open_book(path) as book:
        table = book.read_table("Register")
    assert [(c.letter, c.label) for c in table.columns] == [
        ("A", "ID"), ("B", "Owner"), ("C", "Notes"), ("D", "Column D"), ("E", "Status"),
    ]  # fmt: skip
    assert table.rows[0].cells == ("R1", "Ana", "first", "second", "Open")


def test_merged_header_over_merged_data_drops_the_empty_column(build_xlsx: BuildXlsx) -> None:
    rows = [["Name", "Days", None, "Hours"], ["Ana", 9, None, 72], ["Bo", 8, None, 64]]
    path = build_xlsx(rows, merge=["B1:C1", "B2:C2", "B3:C3"])
    with open_book(path) as book:
        table = book.read_table("Register")
    assert [(c.letter, c.name) for c in table.columns] == [
        ("A", "Name"),
        ("B", "Days"),
        ("D", "Hours"),
    ]
    assert table.rows[1].cells == ("Bo", 8, 64)


def test_two_row_header_with_merged_groups(build_xlsx: BuildXlsx) -> None:
    rows = [
        ["Schedule", None, None, None, None],
        [None, None, None, None, None],
        ["Task", "Plan", None, "Actual", None],
        [None, "Start", "Duration", "Start", "Duration"],
        ["Design", dt.date(2024, 1, 8), 5, dt.date(2024, 1, 9), 6],
        ["Build", dt.date(2024, 1, 15), 10, None, None],
    ]
    path = build_xlsx(rows, merge=["B3:C3", "D3:E3", "A3:A4"])
    with open_book(path) as book:
        guess = book.detect_header("Register")
        table = book.read_table("Register")
    assert (guess.row, guess.two_row) == (4, True)
    assert table.header_rows == (3, 4)
    assert [c.name for c in table.columns] == [
        "Task", "Plan start", "Plan duration", "Actual start", "Actual duration",
    ]  # fmt: skip
    assert table.column("Actual duration").source_names == ("Actual", "Duration")
    assert [r.number for r in table.rows] == [5, 6]


def test_header_row_given_by_the_user(build_xlsx: BuildXlsx) -> None:
    path = build_xlsx(REGISTER)
    with open_book(path) as book:
        table = book.read_table("Register", header_row=2)
        assert table.header_row == 2
        assert table.confidence == 1.0
        with pytest.raises(ReadError, match="outside the sheet"):
            book.read_table("Register", header_row=500)
        with pytest.raises(ReadError, match='no sheet called "Nope"'):
            book.read_table("Nope")


def test_table_not_starting_in_column_a(build_xlsx: BuildXlsx) -> None:
    rows = [[None] * 4, [None] * 4, [None, None, "Code", "Owner"], [None, None, "P-1", "Ana"]]
    path = build_xlsx(rows)
    with open_book(path) as book:
        table = book.read_table("Register")
    assert table.header_row == 3
    assert [(c.index, c.letter) for c in table.columns] == [(2, "C"), (3, "D")]
    assert table.ref(table.rows[0], 1).address == "D4"


def test_empty_sheet_is_refused(build_xlsx: BuildXlsx) -> None:
    path = build_xlsx([])
    with open_book(path) as book, pytest.raises(ReadError, match='The sheet "Register" is empty'):
        book.read_table("Register")


def test_detect_header_on_a_plain_grid() -> None:
    grid: list[list[CellValue]] = [
        ["Weekly status", None, None],
        [None, None, None],
        ["Project", "RAG", "Updated"],
        ["Alpha", "Green", dt.date(2024, 1, 5)],
        ["Beta", "Amber", dt.date(2024, 1, 6)],
    ]
    guess = detect_header(grid)
    assert (guess.row, guess.two_row) == (3, False)
    assert guess.confidence > 0.5
    assert [c.name for c in build_columns(grid, 3)] == ["Project", "RAG", "Updated"]


def test_make_unique() -> None:
    assert make_unique(["Sprint", "Sprint", "sprint", "", "", "Sprint (2)"]) == [
        "Sprint", "Sprint (3)", "sprint (4)", "", "", "Sprint (2)",
    ]  # fmt: skip


def test_csv_in_windows_1252_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("Code;Name;Budget\r\nP-1;Café;€ 1.200,00\r\nP-2;Zoë;300\r\n".encode("cp1252"))
    with open_book(path) as book:
        assert any("Windows-1252" in n and "semicolon" in n for n in book.notes)
        table = book.read_table("export")
    assert [c.name for c in table.columns] == ["Code", "Name", "Budget"]
    assert table.rows[0].cells == ("P-1", "Café", "€ 1.200,00")
    assert parse_money(table.rows[0].cells[2]).value == pytest.approx(1200)


def test_csv_with_a_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffCode,Name\nP-1,Ana\n".encode())
    with open_book(path) as book:
        table = book.read_table("bom")
    assert [c.name for c in table.columns] == ["Code", "Name"]  # no BOM in the first name
