"""The portfolio workbook: its sheets, typed columns, tables, lists, dashboard, heatmap and _pmodesk."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from writing_helpers import TODAY

from pmodesk.errors import NotFoundError
from pmodesk.exchange.writing import ExportCancelled, ExportScope, export_portfolio
from pmodesk.exchange.writing.heatmap import FIRST_ROW, band_rules
from pmodesk.services.exporting import gather_export
from pmodesk.services.register import RegisterFilter
from pmodesk.services.settings import CURRENCY, set_setting
from pmodesk.store import Workspace

MAIN_SHEETS = [
    "Summary",
    "Projects",
    "Milestones",
    "RAID",
    "Decisions",
    "Status reports",
    "People",
    "Allocations",
    "Heatmap",
    "Portfolios",
    "Programmes",
    "Teams",
    "Roles",
]


def export(workspace: Workspace, path: Path, scope: ExportScope | None = None, **kw: Any) -> Any:
    with workspace.session() as session:
        return export_portfolio(
            session, path, scope, workspace_name="Demo", heatmap_start=TODAY, **kw
        )


@pytest.fixture
def exported(demo_workspace: Workspace, tmp_path: Path) -> tuple[Path, Any]:
    path = tmp_path / "portfolio.xlsx"
    return path, export(demo_workspace, path)


def headers(sheet: Worksheet) -> list[str]:
    return [c.value for c in sheet[1]]


def column(sheet: Worksheet, header: str) -> list[Any]:
    at = headers(sheet).index(header) + 1
    return [sheet.cell(row=r, column=at) for r in range(2, sheet.max_row + 1)]


def test_the_workbook_has_a_sheet_per_kind_and_a_hidden_description(
    exported: tuple[Path, Any],
) -> None:
    path, result = exported
    book = load_workbook(path)
    assert book.sheetnames == [*MAIN_SHEETS, "_pmodesk"]
    assert book["_pmodesk"].sheet_state == "hidden"
    assert book.active.title == "Summary"
    assert result.counts["project"] == 16
    assert result.counts["allocation"] > 0


def test_every_data_sheet_is_a_table_with_frozen_header_and_filters(
    exported: tuple[Path, Any],
) -> None:
    book = load_workbook(exported[0])
    for name in MAIN_SHEETS:
        if name in ("Summary", "Heatmap"):
            continue
        sheet = book[name]
        assert sheet.freeze_panes == "B2", name
        tables = list(sheet.tables.values())
        assert len(tables) == 1, name
        table = tables[0]
        assert (
            table.ref
            == f"A1:{sheet.cell(row=1, column=sheet.max_column).column_letter}{max(sheet.max_row, 2)}"
        )
        assert [c.name for c in table.tableColumns] == headers(sheet)
        assert table.autoFilter is not None
        assert all(sheet.column_dimensions[c.column_letter].width >= 6 for c in sheet[1])


def test_columns_are_typed(exported: tuple[Path, Any]) -> None:
    projects = load_workbook(exported[0])["Projects"]
    starts = [c for c in column(projects, "Planned start") if c.value is not None]
    assert starts
    assert all(isinstance(c.value, datetime) and c.number_format == "yyyy-mm-dd" for c in starts)
    budgets = [c for c in column(projects, "Budget") if c.value is not None]
    assert budgets
    assert all(isinstance(c.value, int | float) and "€" in c.number_format for c in budgets)
    done = [c for c in column(projects, "% complete") if c.value is not None]
    assert done
    assert all(0 <= c.value <= 1 and c.number_format.endswith("%") for c in done)
    gates = [c.value for c in column(load_workbook(exported[0])["Milestones"], "Gate milestone")]
    assert set(gates) <= {True, False}
    states = {c.value for c in column(projects, "State")}
    assert states <= {"Active", "On hold", "Cancelled", "Closed"}


def test_stage_state_and_rag_columns_offer_lists(exported: tuple[Path, Any]) -> None:
    projects = load_workbook(exported[0])["Projects"]
    lists = {}
    for validation in projects.data_validations.dataValidation:
        if validation.type == "list":
            first = str(validation.sqref).split(":")[0]
            lists[projects[first].column_letter] = validation.formula1
    letter = {
        h: projects.cell(row=1, column=n + 1).column_letter for n, h in enumerate(headers(projects))
    }
    assert lists[letter["State"]] == '"Active,On hold,Cancelled,Closed"'
    assert lists[letter["Overall RAG"]] == '"Green,Amber,Red"'
    assert lists[letter["Stage"]] == '"IDEA,ASSESS,APPROVED,DELIVERY,CLOSING,CLOSED"'
    assert letter["Priority score"] not in lists


def test_the_description_maps_every_imported_column(exported: tuple[Path, Any]) -> None:
    book = load_workbook(exported[0])
    meta = [[c.value for c in row][:4] for row in book["_pmodesk"].iter_rows()]
    assert meta[0][:2] == ["pmodesk", 1]
    values = {}
    row = 1
    while meta[row][0] is not None:
        values[meta[row][0]] = meta[row][1]
        row += 1
    assert values["kind"] == "export"
    assert values["workspace"] == "Demo"
    assert datetime.fromisoformat(values["exported"])
    assert meta[row + 1] == ["sheet", "kind", "column", "field"]
    mapping = meta[row + 2 :]
    kinds = {sheet: kind for sheet, kind, _c, _f in mapping}
    assert kinds["Projects"] == "project"
    assert kinds["Status reports"] == "status_report"
    assert "Summary" not in kinds
    assert "Heatmap" not in kinds
    for sheet, _kind, header, _field in mapping:
        assert header in headers(book[sheet])
    fields = {(s, f) for s, _k, _h, f in mapping}
    assert ("Projects", "programme") in fields
    assert ("Allocations", "week_start") in fields
    assert ("Projects", "template_code") in fields  # every project field goes back in
    assert ("Projects", "priority_score") in fields
    assert ("Status reports", "frozen") not in fields  # set by closing the period


def test_the_summary_adds_up(exported: tuple[Path, Any], demo_workspace: Workspace) -> None:
    sheet = load_workbook(exported[0])["Summary"]
    cells = {str(c.value): c for row in sheet.iter_rows() for c in row if c.value is not None}
    assert sheet["A1"].value == "Portfolio summary"
    assert "Demo" in sheet["A2"].value
    with demo_workspace.session() as session:
        data = gather_export(session)
    projects = data.rows("project")
    totals = [r for r in sheet.iter_rows(values_only=True) if r[0] == "Total"]
    assert totals[0][1] == len(projects)  # by stage
    assert totals[1][1] == len(projects)  # by state
    budget = sum(r[21] or 0 for r in projects)
    assert totals[0][3] == pytest.approx(budget)
    assert "PROJECTS" in cells
    assert "PEOPLE" in cells


def test_the_heatmap_holds_numbers_coloured_by_rules(exported: tuple[Path, Any]) -> None:
    sheet = load_workbook(exported[0])["Heatmap"]
    values = [
        c.value
        for row in sheet.iter_rows(min_row=FIRST_ROW, min_col=5, max_col=30)
        for c in row
        if c.value is not None
    ]
    numbers = [v for v in values if isinstance(v, int | float)]
    assert len(numbers) > len(values) / 2
    assert all(v.endswith("h") for v in values if isinstance(v, str))  # load, no capacity
    assert all(
        c.number_format == "0%" for c in sheet[FIRST_ROW][4:10] if isinstance(c.value, int | float)
    )
    header = [c.value for c in sheet[FIRST_ROW - 1]]
    assert header[:4] == ["Code", "Name", "Team", "Role"]
    assert isinstance(header[4], datetime)
    assert header[4].date() == date(2026, 3, 16)  # the Monday of TODAY
    rules = [r for cf in sheet.conditional_formatting for r in cf.rules]
    assert len(rules) >= 2 * (2 + len(band_rules(0.5, 1.0)))
    assert {r.type for r in rules} == {"expression", "cellIs"}


def test_a_programme_export_holds_that_programmes_projects_only(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "programme.xlsx"
    result = export(demo_workspace, path, ExportScope(programme="PGM-01"))
    book = load_workbook(path)
    programmes = {c.value for c in column(book["Projects"], "Programme")}
    assert programmes == {"PGM-01"}
    assert result.counts["project"] == book["Projects"].max_row - 1
    milestone_projects = {c.value for c in column(book["Milestones"], "Project")}
    assert milestone_projects <= {c.value for c in column(book["Projects"], "Code")}
    assert [c.value for c in column(book["Programmes"], "Code")] == ["PGM-01"]
    heat_people = {c.value for c in column(book["People"], "Code")}
    heat_rows = {
        sheet_row[0].value
        for sheet_row in book["Heatmap"].iter_rows(min_row=FIRST_ROW)
        if sheet_row[0].value
    }
    assert heat_rows == heat_people


def test_a_register_filter_export_follows_the_filter(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "filtered.xlsx"
    wanted = RegisterFilter(rags=frozenset({"red"}))
    result = export(demo_workspace, path, ExportScope(register_filter=wanted))
    rags = {c.value for c in column(load_workbook(path)["Projects"], "Overall RAG")}
    assert rags == {"Red"}
    assert result.counts["project"] >= 1


def test_an_unknown_scope_is_refused_with_its_code(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    with pytest.raises(NotFoundError, match="PGM-99"):
        export(demo_workspace, tmp_path / "x.xlsx", ExportScope(programme="pgm-99"))
    assert not (tmp_path / "x.xlsx").exists()


def test_the_workspace_currency_is_the_money_format(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    with demo_workspace.session() as session:
        set_setting(session, CURRENCY, "GBP")
    path = tmp_path / "gbp.xlsx"
    export(demo_workspace, path)
    budgets = [c for c in column(load_workbook(path)["Projects"], "Budget") if c.value is not None]
    assert all("£" in c.number_format for c in budgets)


def test_progress_rises_and_cancel_leaves_no_file(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    seen: list[tuple[int, int]] = []
    path = tmp_path / "p.xlsx"
    export(demo_workspace, path, progress=lambda d, t, _m: seen.append((d, t)))
    assert seen
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    assert all(d <= t for d, t in seen)
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 5

    target = tmp_path / "cancelled.xlsx"
    target.write_bytes(b"the old file")
    with pytest.raises(ExportCancelled):
        export(demo_workspace, target, cancelled=cancelled)
    assert target.read_bytes() == b"the old file"
    assert sorted(p.name for p in tmp_path.glob("*.xlsx*")) == ["cancelled.xlsx", "p.xlsx"]
    assert not list(tmp_path.glob(".cancelled*"))
