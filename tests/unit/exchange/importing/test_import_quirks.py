"""The quirks of real spreadsheets, each in a workbook made by the test, imported and checked."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from import_helpers import MakeBook, plan, run_import
from sqlmodel import select

from pmodesk.domain import Project
from pmodesk.domain.enums import Rag
from pmodesk.exchange.importing import SavedMapping, SheetMapping
from pmodesk.services import records
from pmodesk.store import Workspace


def projects(workspace: Workspace) -> dict[str, Project]:
    with workspace.session() as session:
        return {p.code: p for p in session.exec(select(Project))}


def test_header_under_a_merged_title_and_a_totals_row(ws: Workspace, make_book: MakeBook) -> None:
    path = make_book(
        {
            "Portfolio": [
                ["Portfolio register — Q2"],
                ["Owner: PMO", None, "Printed 2025-04-01"],
                [],
                ["Code", "Project", "Budget", "Actual cost"],
                ["P-1", "Alpha", 1000, 400],
                ["P-2", "Beta", 2000, 900],
                ["Total", None, 3000, 1300],
            ]
        },
        merge={"Portfolio": ["A1:D1"]},
    )
    found, result = run_import(ws, path)
    assert found.sheets[0].header_row == 4
    assert result.created == 2
    assert any("Row 7 left out: totals row" in n for n in found.notes)
    assert projects(ws)["P-2"].actual_cost == 900.0


def test_two_row_header_plan_and_actual(ws: Workspace, make_book: MakeBook) -> None:
    path = make_book(
        {
            "Schedule": [
                [None, None, "PLAN", "PLAN", "ACTUAL", "ACTUAL"],
                ["Code", "Name", "START", "FINISH", "START", "FINISH"],
                [
                    "P-1",
                    "Alpha",
                    dt.date(2025, 1, 6),
                    dt.date(2025, 3, 28),
                    dt.date(2025, 1, 13),
                    None,
                ],
            ]
        },
        merge={"Schedule": ["C1:D1", "E1:F1"]},
    )
    found, _result = run_import(ws, path, kinds={"*": "project"})
    assert found.sheets[0].mapping == {
        "Code": "code", "Name": "name", "Plan start": "planned_start", "Plan finish": "planned_finish",
        "Actual start": "actual_start", "Actual finish": "actual_finish",
    }  # fmt: skip
    alpha = projects(ws)["P-1"]
    assert (alpha.planned_start, alpha.planned_finish, alpha.actual_start) == (
        dt.date(2025, 1, 6), dt.date(2025, 3, 28), dt.date(2025, 1, 13),
    )  # fmt: skip


def test_dates_as_serials_text_and_day_first(ws: Workspace, make_book: MakeBook) -> None:
    path = make_book(
        {
            "R": [
                ["Code", "Name", "Start", "Finish"],
                ["P-1", "Serial", 45663, "TBD"],  # a date serial in a cell without a date format
                ["P-2", "Text ISO", "2025-02-03", "n/a"],
                ["P-3", "Day first", "15/04/2025", "04/05/2025"],  # 15/04 tells the column's order
                ["P-4", "Month name", "6 Jan 2025", "March 14, 2025"],
            ]
        }
    )
    found, _result = run_import(ws, path, kinds={"*": "project"})
    got = {c: (p.planned_start, p.planned_finish) for c, p in projects(ws).items()}
    assert got == {
        "P-1": (dt.date(2025, 1, 6), None),
        "P-2": (dt.date(2025, 2, 3), None),
        "P-3": (dt.date(2025, 4, 15), dt.date(2025, 5, 4)),
        "P-4": (dt.date(2025, 1, 6), dt.date(2025, 3, 14)),
    }
    assert any("Start" in n and "day-first" in n for n in found.notes)


def test_percentages_currency_and_placeholders(ws: Workspace, make_book: MakeBook) -> None:
    path = make_book(
        {
            "R": [
                ["Code", "Name", "% complete", "Budget", "Forecast cost", "RAG"],
                ["P-1", "A", "45%", "€1.234,50", "TBC", "G"],
                ["P-2", "B", 0.5, "$2,500", "-", "Amber"],
                ["P-3", "C", "n/a", "1.2m", "£3k", "r"],
            ]
        },
        formats={"R": {"C3": "0%"}},
    )
    found, _result = run_import(ws, path)
    got = {
        c: (p.percent_complete, p.budget, p.forecast_cost, p.rag_overall)
        for c, p in projects(ws).items()
    }
    assert got == {
        "P-1": (45.0, 1234.5, None, Rag.GREEN),
        "P-2": (50.0, 2500.0, None, Rag.AMBER),
        "P-3": (None, 1_200_000.0, 3000.0, Rag.RED),
    }
    assert any("USD" in n and "nothing was converted" in n for n in found.notes)


def _with_cached_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the cached values Excel would have saved (openpyxl writes none)."""
    temp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = data.decode()
                for ref, value in values.items():
                    text = re.sub(
                        rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*(<v\s*/>|<v></v>)?',
                        rf"\1<v>{value}</v>",
                        text,
                    )
                data = text.encode()
            dst.writestr(item, data)
    temp.replace(path)


def test_formulas_are_read_by_their_cached_values(ws: Workspace, make_book: MakeBook) -> None:
    path = make_book(
        {
            "R": [
                ["Code", "Name", "Budget", "Forecast cost"],
                ["P-1", "Alpha", 1000, "=C2*1.1"],
                ["P-2", "Beta", 500, "=C3*2"],
            ]
        }
    )
    _with_cached_values(path, {"D2": "1100", "D3": "1000"})
    run_import(ws, path)
    got = projects(ws)
    assert (got["P-1"].forecast_cost, got["P-2"].forecast_cost) == (1100.0, 1000.0)


def test_hidden_sheets_are_not_picked_unless_named(ws: Workspace, make_book: MakeBook) -> None:
    register = [["Code", "Project", "Sponsor", "Budget"], ["P-1", "Alpha", "Ann", 10]]
    path = make_book(
        {"Visible": register, "Archive": [register[0], ["P-9", "Old", "Bo", 5]]}, hidden=["Archive"]
    )
    found = plan(ws, path)
    assert [s.sheet for s in found.sheets] == ["Visible"]
    named = plan(ws, path, sheets=["Archive"])
    assert [s.sheet for s in named.sheets] == ["Archive"]
    assert named.counts()["created"] == 1


def test_a_second_table_and_a_footer_below_the_data(ws: Workspace, make_book: MakeBook) -> None:
    path = make_book(
        {
            "R": [
                ["Code", "Project", "Sponsor", "Budget"],
                ["P-1", "Alpha", "Ann", 10],
                ["P-2", "Beta", "Bo", 20],
                [],
                ["Code", "Project", "Sponsor", "Budget"],  # another table: last year's
                ["P-0", "Old", "Cy", 5],
                [],
                [],
                ["Last updated: 1/4/25"],
            ]
        }
    )
    found, result = run_import(ws, path)
    assert result.created == 2
    assert sorted(projects(ws)) == ["P-1", "P-2"]
    assert any("Rows 5, 6, 9 left out: below the table" in n for n in found.notes)


def test_csv_with_semicolons_and_decimal_commas(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text(
        "Code;Project;Start;Budget\nP-1;Alpha;15/01/2025;1.500,50\nP-2;Beta;03/02/2025;TBD\n",
        encoding="cp1252",
    )
    found, result = run_import(ws, path)
    assert (found.sheets[0].sheet, result.created) == ("register", 2)
    assert any("CSV" in n and "semicolon" in n for n in found.notes)
    got = projects(ws)
    assert (got["P-1"].planned_start, got["P-1"].budget) == (dt.date(2025, 1, 15), 1500.5)
    assert (got["P-2"].planned_start, got["P-2"].budget) == (dt.date(2025, 2, 3), None)


def _ods(path: Path, sheet: str, rows: list[list[Any]]) -> Path:
    """A minimal OpenDocument spreadsheet, written the way LibreOffice lays one out."""

    def cell(value: Any) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, dt.date):
            return (
                f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{value.isoformat()}</text:p></table:table-cell>"
            )
        if isinstance(value, int | float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def test_ods_workbook(ws: Workspace, tmp_path: Path) -> None:
    rows = [["Code", "Project", "Finish", "Budget"], ["P-1", "Alpha", dt.date(2025, 6, 30), 1200.5]]
    path = _ods(tmp_path / "register.ods", "Register", rows)
    _found, result = run_import(ws, path)
    assert result.created == 1
    alpha = projects(ws)["P-1"]
    assert (alpha.planned_finish, alpha.budget) == (dt.date(2025, 6, 30), 1200.5)


def test_xls_workbook_from_the_shared_set(ws: Workspace, shared: Any) -> None:
    """The BIFF8 project planner (17): its activities as projects, with their completion."""
    mapping = SavedMapping(
        "Planner",
        {
            "*": SheetMapping(
                "project", {"ACTIVITY": "name", "Percent complete": "percent_complete"}
            )
        },
    )
    found, result = run_import(ws, shared("17"), mapping=mapping)
    (sheet,) = found.sheets
    assert sheet.header_row == 7
    assert sheet.mapping["ACTIVITY"] == "name"
    assert sheet.mapping["Percent complete"] == "percent_complete"
    assert result.created == len(projects(ws)) >= 5
    mockups = next(p for p in projects(ws).values() if p.name == "UI Mockups")
    assert mockups.percent_complete is not None


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_xls_saved_by_libreoffice(ws: Workspace, make_book: MakeBook, tmp_path: Path) -> None:
    path = make_book(
        {"Register": [["Code", "Project", "Start"], ["P-1", "Alpha", dt.date(2025, 1, 6)]]}
    )
    out = tmp_path / "xls"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xls", "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    _found, result = run_import(ws, out / "book.xls")
    assert result.created == 1
    with ws.session() as session:
        assert records.get_by_code(session, Project, "P-1").planned_start == dt.date(2025, 1, 6)


def test_large_workbooks_keep_number_formats_and_hidden_rows(
    make_book: MakeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the size openpyxl is asked for, formats come from the start of the sheet's XML."""
    import pmodesk.exchange.reading.workbook as workbook_module
    from pmodesk.exchange.reading import open_book

    rows = [["Code", "Name", "Done", "Start"]] + [
        [f"P-{n}", f"Project {n}", 0.5, dt.date(2025, 1, 6)] for n in range(200)
    ]
    path = make_book({"R": rows}, formats={"R": {"C2:C201": "0%", "D2:D201": "dd/mm/yyyy"}})
    monkeypatch.setattr(workbook_module, "METADATA_LIMIT", 0)
    with open_book(path) as book:
        stream = book.open_table("R")
        formats = {c.name: c.number_format for c in stream.columns}
        assert "The workbook is large, so drop-down lists were not read." in book.notes
    assert formats == {"Code": None, "Name": None, "Done": "0%", "Start": "dd/mm/yyyy"}
