"""The reading layer against real workbooks made by other people (../shared/workbooks/).

Each test names the quirk of the file it checks; SOURCES.md beside the workbooks
documents them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from pmodesk.exchange.reading import (
    FileKind,
    SkipReason,
    Visibility,
    infer_date_order,
    open_book,
    parse_date,
)

Shared = Callable[[str], Path]


def names(table: object) -> list[str]:
    return [c.name for c in table.columns]  # type: ignore[attr-defined]


def test_02_header_row_1_and_hidden_rows_flagged(shared: Shared) -> None:
    with open_book(shared("02")) as book:
        assert [s.name for s in book.sheets] == ["AS Tracker", "Active", "Closed"]
        table = book.read_table("AS Tracker")
    assert table.header_row == 1
    assert names(table) == [
        "Topic Number", "Title", "Status", "Stage", "AS and/or CIS", "Consortium",
        "Next Due Date", "Expected Award Date", "TCV (k)", "Page Count", "Author", "Notes",
    ]  # fmt: skip
    hidden = [r.number for r in table.rows if r.hidden]
    assert hidden == [2, 3, 4, 10, 11, 13, 15, 16, 17]  # kept, and flagged
    assert table.rows[0].number == 2
    assert table.rows[0].cells[0] == "20-PAC-0099"
    # "Next Due Date" mixes real dates and the text TBD (empty)
    due = [row.cells[6] for row in table.rows]
    assert dt.date(2019, 12, 6) in due
    assert "TBD" in due
    assert parse_date("TBD").empty


def test_02_active_header_under_merged_title_and_hidden_column(shared: Shared) -> None:
    with open_book(shared("02")) as book:
        table = book.read_table("Active")
    assert table.header_row == 2
    assert names(table) == [
        "RPP", "Topic Title", "RPP Issued", "WP Due Date", "EWP/FP Due Date", "MO Folder Site", "Comments",
    ]  # fmt: skip
    assert [c.letter for c in table.columns if c.hidden] == ["G"]
    assert table.column("RPP Issued").number_format == "mm-dd-yy"
    separator = [s for s in table.skipped if s.reason is SkipReason.SECTION]
    assert [s.number for s in separator] == [25]  # merged A25:F25
    ref = table.ref(table.rows[0], table.columns.index(table.column("RPP Issued")))
    assert (ref.sheet, ref.address, ref.column_name, ref.raw) == (
        "Active", "C3", "RPP Issued", dt.date(2019, 5, 1),
    )  # fmt: skip
    assert str(ref) == "Active!C3 (RPP Issued)"


def test_02_closed_header_row_2(shared: Shared) -> None:
    with open_book(shared("02")) as book:
        table = book.read_table("Closed")
    assert table.header_row == 2
    assert table.header_rows == (2,)
    assert names(table)[:5] == ["RPP", "Topic Title", "RPP Issued", "WP Due Date", "FP Due Date"]


def test_05_header_row_3_with_week_numbers(shared: Shared) -> None:
    with open_book(shared("05")) as book:
        assert [s.name for s in book.default_sheets()] == ["Sheet1"]  # Sheet2/3 are empty
        table = book.read_table("Sheet1")
    assert table.header_row == 3
    assert names(table) == ["Project", "Resource Role", "Resource Name"] + [
        str(w) for w in range(1, 21)
    ]
    assert table.rows[0].number == 4
    assert table.rows[0].cells[:4] == ("Project A", None, None, 80.0)
    assert {5, 6, 7, 8, 9} <= {r.number for r in table.rows if r.hidden}  # collapsed groups
    assert table.column("3").number_format == "0_);[Red]\\(0\\)"


def test_09_header_row_2_line_breaks_and_totals(shared: Shared) -> None:
    with open_book(shared("09")) as book:
        table = book.read_table("Risk Register")
    assert table.header_row == 2
    assert names(table)[:3] == ["#", "Cause (condition/situation)", "Event"]
    assert "Probability risk rating" in names(table)
    assert [r.number for r in table.rows] == list(range(3, 10))
    assert [r.cells[0] for r in table.rows] == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    totals = [s for s in table.skipped if s.reason is SkipReason.TOTALS]
    assert [(s.number, s.text) for s in totals] == [(10, "Total Risk Score")]
    below = [s.number for s in table.skipped if s.reason is SkipReason.BELOW_TABLE]
    assert below == [12, 13, 14, 15, 16, 17]  # the scale legend is not risks
    impact = table.columns.index(table.column("Impact risk rating"))
    assert table.rows[-1].cells[impact] == -4.0  # the opportunity's negative impact


def test_10_schwalbe_header_row_1(shared: Shared) -> None:
    with open_book(shared("10")) as book:
        table = book.read_table("Risk Register")
    assert table.header_row == 1
    assert not table.notes
    assert names(table) == [
        "No.", "Rank", "Description", "Category", "Root Cause", "Triggers",
        "Potential Responses", "Risk Owner", "Probability", "Impact", "Status",
    ]  # fmt: skip
    # IDs sorted by rank, so out of order; the 17 formatted-but-empty rows below are dropped
    assert [(r.number, r.cells[0]) for r in table.rows] == [
        (2, "R1"), (3, "R2"), (4, "R4"), (5, "R5"), (6, "R3"),
    ]  # fmt: skip
    assert not table.skipped


def test_11_issue_register_trimmed_and_line_break_names(shared: Shared) -> None:
    with open_book(shared("11")) as book:
        assert [s.name for s in book.sheets] == ["Issue Register", "Definitions"]
        table = book.read_table("Issue Register")
    assert table.header_row == 1
    assert len(table.columns) == 20
    assert names(table)[:2] == ["ID", "Title"]  # "Title " trimmed
    assert "Impact (monetary)" in names(table)  # "Impact\n(monetary)"
    title = table.column("Title")
    assert title.source_names == ("Title ",)
    assert table.column("Impact (monetary)").source_names == ("Impact\n(monetary)",)
    assert table.rows[0].cells[4] == dt.date(2022, 11, 8)


def test_12_four_sheets(shared: Shared) -> None:
    with open_book(shared("12")) as book:
        assert [s.name for s in book.default_sheets()] == [
            "Risks",
            "Assumptions",
            "Issues",
            "Dependencies",
        ]
        tables = {s.name: book.read_table(s.name) for s in book.default_sheets()}
    assert names(tables["Risks"])[:2] == ["ID", "Risk Description"]
    assert names(tables["Assumptions"]) == ["ID", "Assumption Description", "Validation Method"]
    assert names(tables["Issues"])[3] == "Status (Open/In Progress/Closed)"
    assert names(tables["Dependencies"])[3] == "Status"  # "Status " trimmed
    assert all(t.header_row == 1 for t in tables.values())
    assert [r.cells[0] for r in tables["Issues"].rows][:2] == ["I1", "I2"]


def test_13_clean_baseline(shared: Shared) -> None:
    with open_book(shared("13")) as book:
        table = book.read_table("Raid Log")
    assert table.header_row == 1
    assert table.confidence > 0.9
    assert names(table) == [
        "ID",
        "Type",
        "Description",
        "Impact",
        "Probability",
        "Owner",
        "Status",
        "Mitigation",
    ]
    assert len(table.rows) == 4
    assert not table.skipped
    assert [r.cells[1] for r in table.rows][:2] == ["Risk", "Issue"]


def test_15_header_row_12_and_mixed_dates(shared: Shared) -> None:
    with open_book(shared("15")) as book:
        table = book.read_table("Sheet1")
    assert table.header_row == 12
    assert names(table)[1:9] == [
        "Developer", "Task", "Status", "Editor", "Department", "Deadline", "Start Date", "End Date",
    ]  # fmt: skip
    assert table.columns[0].letter == "A"
    assert table.columns[0].label == "Column A"
    assert table.column("Status").allowed_values == (
        "Not Started", "In Progress", "Ready for Final Review", "Compleated",
    )  # fmt: skip
    deadline = table.columns.index(table.column("Deadline"))
    values = [r.cells[deadline] for r in table.rows]
    assert dt.date(2024, 5, 4) in values
    assert "15/4/2024" in values
    order = infer_date_order(values)
    assert order == "dmy"
    assert [parse_date(v, order_hint=order).value for v in values if v is not None] == [
        dt.date(2024, 5, 4), dt.date(2024, 12, 4), dt.date(2024, 4, 15),
    ]  # fmt: skip
    sections = [s.text for s in table.skipped if s.reason is SkipReason.SECTION]
    assert sections == ["Session-2", "Session-3", "Session-4", "Session-5"]


def test_16_jira_csv_duplicate_headers(shared: Shared) -> None:
    with open_book(shared("16")) as book:
        assert book.kind is FileKind.CSV
        assert any("UTF-8" in n and "comma" in n for n in book.notes)
        table = book.read_table(book.sheets[0].name)
    assert table.header_row == 1
    assert len(table.columns) == 146
    got = names(table)
    assert got[:3] == ["Summary", "Issue key", "Issue id"]
    sprints = [n for n in got if n.startswith("Sprint")]
    assert sprints == [
        "Sprint",
        "Sprint (2)",
        "Sprint (3)",
        "Sprint (4)",
        "Sprint (5)",
        "Sprint (6)",
    ]
    assert len([n for n in got if n.startswith("Comment")]) == 7
    assert len(set(got)) == len(got)
    assert len(table.rows) == 88
    created = table.columns.index(table.column("Created"))
    assert parse_date(table.rows[0].cells[created]).value is not None


def test_17_xls_two_row_header(shared: Shared) -> None:
    with open_book(shared("17")) as book:
        assert book.kind is FileKind.XLS
        table = book.read_table("project")
    assert table.header_row == 7
    assert table.header_rows == (6, 7)
    assert names(table)[:8] == [
        "ACTIVITY", "Plan start", "Plan duration", "Actual start", "Actual duration",
        "Percent complete", "TODO - OWNER", "PERIODS",
    ]  # fmt: skip
    assert table.column("Plan start").source_names == ("PLAN", "START")
    assert table.rows[0].number == 10
    assert table.rows[0].cells[:3] == ("UI Mockups", 1, 8)
    continuation = [s.number for s in table.skipped if s.reason is SkipReason.HEADER_CONTINUATION]
    assert continuation == [8, 9]  # period dates and period numbers under the header


def test_18_ods_header_row_8(shared: Shared) -> None:
    with open_book(shared("18")) as book:
        assert book.kind is FileKind.ODS
        table = book.read_table("Gantt Chart")
    assert table.header_row == 8
    assert names(table)[:7] == [
        "Number", "Activity Title", "Assigned To", "Start Date", "End Date", "Duration",
        "% of Completed Activities",
    ]  # fmt: skip
    assert table.columns[0].letter == "B"
    first = table.rows[0]
    assert first.number == 11
    assert first.cells[:2] == (1.0, "Kick off meeting")
    assert table.rows[1].cells[0] == "1.1"  # WBS numbers: a float, then text


def test_19_instructions_column_left_out(shared: Shared) -> None:
    with open_book(shared("19")) as book:
        table = book.read_table("ProjectSchedule")
    assert table.header_row == 6
    assert table.columns[0].letter == "B"  # column A's screen-reader text is not a column
    assert names(table)[:5] == ["TASK", "ASSIGNED TO", "PROGRESS", "START", "END"]
    assert "DAYS" in names(table)


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_21_strict_ooxml_read_through_calamine(shared: Shared) -> None:
    import openpyxl

    path = shared("21")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == []  # the trap: openpyxl sees nothing and says nothing
    with open_book(path) as book:
        assert book.strict_ooxml
        assert any("Strict Open XML" in n for n in book.notes)
        assert [(s.name, s.rows, s.cols) for s in book.sheets] == [("ml_out", 76, 18)]
        table = book.read_table("ml_out")
    assert table.header_row == 1
    assert len(table.columns) == 18
    assert names(table)[:2] == ["Item", "Thickness"]
    assert len(table.rows) == 75  # 76 sheet rows: the header and 75 data rows
    assert table.rows[0].cells[:2] == ("150-031260-001_B", 1.5)


def test_22_sheet_visibility_and_chartsheet(shared: Shared) -> None:
    with open_book(shared("22")) as book:
        listed = [(s.name, s.visibility) for s in book.sheets]
        assert listed == [
            ("Visible", Visibility.VISIBLE),
            ("Hidden", Visibility.HIDDEN),
            ("VeryHidden", Visibility.VERY_HIDDEN),
            ("Chart", Visibility.CHART),
        ]
        assert [s.name for s in book.default_sheets()] == ["Visible"]
        with pytest.raises(Exception, match="chart sheet"):
            book.read_table("Chart")


def test_23_dates_in_the_1904_system(shared: Shared) -> None:
    with open_book(shared("23")) as book:
        assert book.date1904
        assert any("1904" in n for n in book.notes)
        grid = book.grid("Sheet1")
    # The cells store serials 42735 and 42736 counted from 1 January 1904; LibreOffice
    # shows them as 2021-01-01 and 2021-01-02 (and A3 as 255:10:10, a duration).
    epoch = dt.date(1904, 1, 1)
    assert grid[0][0] == epoch + dt.timedelta(days=42735) == dt.date(2021, 1, 1)
    assert grid[1][0] == epoch + dt.timedelta(days=42736) == dt.date(2021, 1, 2)
    assert grid[2][0] == dt.timedelta(days=10, hours=15, minutes=10, seconds=10)
    assert parse_date(42735, date1904=True).value == dt.date(2021, 1, 1)
