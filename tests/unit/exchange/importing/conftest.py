"""Fixtures for the importer's tests: a prepared workspace, workbooks built in the test, row counts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest
from import_helpers import MakeBook, Sheets

from pmodesk.services.setup import prepare_workspace
from pmodesk.store import Workspace


@pytest.fixture
def ws(workspace: Workspace) -> Iterator[Workspace]:
    """A fresh workspace with its lifecycle stages and settings seeded."""
    prepare_workspace(workspace)
    return workspace


@pytest.fixture
def make_book(tmp_path: Path) -> MakeBook:
    """Write sheets (name -> rows, row 1 first) to an .xlsx; ``formats``, ``merge``, ``hidden``."""

    def make(
        sheets: Sheets,
        *,
        name: str = "book.xlsx",
        formats: Mapping[str, Mapping[str, str]] | None = None,
        merge: Mapping[str, Sequence[str]] | None = None,
        hidden: Sequence[str] = (),
    ) -> Path:
        import openpyxl

        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for sheet, rows in sheets.items():
            ws = wb.create_sheet(sheet)
            for r, row in enumerate(rows, start=1):
                for c, value in enumerate(row, start=1):
                    if value is not None:
                        ws.cell(row=r, column=c, value=value)
            for ref, fmt in (formats or {}).get(sheet, {}).items():
                for row in ws[ref] if ":" in ref else ((ws[ref],),):
                    for cell in row:
                        cell.number_format = fmt
            for rng in (merge or {}).get(sheet, ()):
                ws.merge_cells(rng)
            if sheet in hidden:
                ws.sheet_state = "hidden"
        path = tmp_path / name
        wb.save(path)
        return path

    return make
