"""Helpers for the reading-layer tests: build small workbooks with openpyxl in a temporary folder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED_WORKBOOKS

BuildXlsx = Callable[..., Path]


@pytest.fixture
def shared() -> Callable[[str], Path]:
    """The path of a shared real workbook by its number prefix ("02", "17" ...)."""

    def find(prefix: str) -> Path:
        matches = sorted(SHARED_WORKBOOKS.glob(f"{prefix}_*"))
        if not matches:
            pytest.skip(f"shared workbook {prefix} is not available in {SHARED_WORKBOOKS}")
        return matches[0]

    return find


@pytest.fixture
def build_xlsx(tmp_path: Path) -> BuildXlsx:
    """Write rows (lists, row 1 first) to an .xlsx; ``merge`` ranges, ``hidden_rows``, ``formats``."""

    def build(
        rows: Sequence[Sequence[Any]],
        *,
        name: str = "book.xlsx",
        sheet: str = "Register",
        merge: Sequence[str] = (),
        hidden_rows: Sequence[int] = (),
        formats: dict[str, str] | None = None,
    ) -> Path:
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = sheet
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
        for rng in merge:
            ws.merge_cells(rng)
        for r in hidden_rows:
            ws.row_dimensions[r].hidden = True
        for ref, fmt in (formats or {}).items():
            ws[ref].number_format = fmt
        path = tmp_path / name
        wb.save(path)
        return path

    return build
