"""User text a spreadsheet would run stays text; values get their cell types."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from pmodesk.domain.enums import ProjectState, Rag, RaidStatus
from pmodesk.exchange.writing.book import BookWriter
from pmodesk.exchange.writing.cells import (
    MAX_CELL_TEXT,
    cell_value,
    clean_text,
    enum_label,
    naive_utc,
    needs_quote,
)
from pmodesk.exchange.writing.sheets import Column, write_table
from pmodesk.services.exporting import ValueKind

HOSTILE = [
    "=1+1",
    '=HYPERLINK("http://example.invalid","click")',
    "+44 20 7946 0000",
    "-5 days",
    "@SUM(A1:A3)",
    "\tleading tab",
    "\rcarriage return",
    "=",
    "#N/A",
    "#DIV/0!",
    "plain text",
    "Zoë Ørsted — 项目 Ελληνικά",
]


def test_formula_starts_need_the_quote_prefix() -> None:
    assert all(needs_quote(t) for t in HOSTILE[:8])
    assert not needs_quote("plain text")
    assert not needs_quote("a=b")
    assert not needs_quote("#N/A")  # not a formula; kept text by its cell type instead


def test_text_is_cleaned_of_what_xml_cannot_hold_and_cut_at_excels_limit() -> None:
    assert clean_text("bell\x07 and\x00 nul") == "bell and nul"
    assert clean_text("tab\tand\nnewline") == "tab\tand\nnewline"
    assert len(clean_text("x" * (MAX_CELL_TEXT + 10))) == MAX_CELL_TEXT


def test_enums_are_written_as_their_labels() -> None:
    assert enum_label(ProjectState.ON_HOLD) == "On hold"
    assert enum_label(Rag.RED) == "Red"
    assert enum_label(RaidStatus.IN_PROGRESS) == "In progress"


def test_values_get_their_cell_form() -> None:
    assert cell_value(ValueKind.PERCENT, 45.0) == pytest.approx(0.45)
    assert cell_value(ValueKind.TEXT, "") is None
    assert cell_value(ValueKind.DATE, datetime(2026, 3, 1, 12, 0)) == date(2026, 3, 1)
    assert cell_value(ValueKind.MONEY, float("nan")) is None
    aware = datetime(2026, 3, 1, 12, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2)))
    assert naive_utc(aware) == datetime(2026, 3, 1, 10, 30, 15)
    assert cell_value(ValueKind.DATETIME, aware).tzinfo is None


@pytest.fixture
def hostile_book(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.xlsx"
    book = BookWriter()
    columns = [
        Column("Text", ValueKind.TEXT, "description"),
        Column("Code", ValueKind.CODE, "code"),
    ]
    rows = [(text, f"C-{n}") for n, text in enumerate(HOSTILE)]
    write_table(book, "Data", "project", columns, rows, table_name="Data", currency="EUR")
    book.save(path, {"kind": "export", "workspace": "=evil()"})
    return path


def test_openpyxl_reads_hostile_text_back_as_the_same_text(hostile_book: Path) -> None:
    sheet = load_workbook(hostile_book)["Data"]
    cells = [sheet.cell(row=n + 2, column=1) for n in range(len(HOSTILE))]
    assert [c.value for c in cells] == HOSTILE
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c, t in zip(cells, HOSTILE, strict=True) if needs_quote(t))
    meta = load_workbook(hostile_book)["_pmodesk"]
    assert meta["B3"].value == "=evil()"
    assert meta["B3"].data_type == "s"


def test_calamine_reads_hostile_text_back_as_the_same_text(hostile_book: Path) -> None:
    rows = CalamineWorkbook.from_path(str(hostile_book)).get_sheet_by_name("Data").to_python()
    assert [r[0] for r in rows[1:]] == HOSTILE


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_hostile_text_stays_text_through_libreoffice(hostile_book: Path, tmp_path: Path) -> None:
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(hostile_book)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    rows = (
        CalamineWorkbook.from_path(str(out / hostile_book.name))
        .get_sheet_by_name("Data")
        .to_python()
    )
    assert [r[0] for r in rows[1:]] == HOSTILE
    sheet = load_workbook(out / hostile_book.name)["Data"]
    assert all(sheet.cell(row=n + 2, column=1).data_type == "s" for n in range(len(HOSTILE)))


def test_a_utc_stamp_without_zone_is_kept() -> None:
    stamp = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    assert naive_utc(stamp) == datetime(2026, 3, 1, 10, 0)


def test_long_choice_lists_live_on_a_hidden_sheet(tmp_path: Path) -> None:
    path = tmp_path / "lists.xlsx"
    book = BookWriter()
    stages = tuple(f"STAGE-{n:02d}" for n in range(40))
    columns = [Column("Stage", ValueKind.CODE, "stage", choices=stages)]
    write_table(
        book, "Data", "project", columns, [("STAGE-01",)], table_name="Data", currency="EUR"
    )
    book.save(path, {"kind": "export"})
    workbook = load_workbook(path)
    assert workbook["_lists"].sheet_state == "hidden"
    assert [c.value for c in workbook["_lists"]["A"]] == list(stages)
    rule = workbook["Data"].data_validations.dataValidation[0]
    assert rule.formula1 == "_lists!$A$1:$A$40"
