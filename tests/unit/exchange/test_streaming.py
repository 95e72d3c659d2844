"""Streaming: a 100,000-row register is read row by row with progress, and can be cancelled."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import pmodesk.exchange.reading.workbook as workbook_module
from pmodesk.exchange.reading import ReadCancelled, Row, TableStream, open_book

BuildXlsx = Callable[..., Path]
ROWS = 100_000


@pytest.fixture
def big_csv(tmp_path: Path) -> Path:
    path = tmp_path / "register.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("Code,Name,Start,Budget\n")
        fh.writelines(
            f"PRJ-{i:06d},Project {i},2024-01-{i % 28 + 1:02d},{i * 10}\n" for i in range(ROWS)
        )
    return path


def test_100k_rows_stream_with_progress(big_csv: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    with open_book(big_csv, progress=lambda d, t, m: calls.append((d, t, m))) as book:
        assert book.sheets[0].rows == ROWS + 1
        stream = book.open_table("register")
        assert isinstance(stream, TableStream)
        assert [c.name for c in stream.columns] == ["Code", "Name", "Start", "Budget"]
        count = 0
        last = None
        for row in stream:  # rows are produced one at a time, never held in a list here
            count += 1
            last = row
    assert count == ROWS
    assert last is not None
    assert last.number == ROWS + 1
    assert last.cells == (
        f"PRJ-{ROWS - 1:06d}",
        f"Project {ROWS - 1}",
        f"2024-01-{(ROWS - 1) % 28 + 1:02d}",
        str((ROWS - 1) * 10),
    )
    done = [d for d, _, _ in calls]
    assert done[0] == 0
    assert done[-1] == ROWS + 1
    assert done == sorted(done)
    assert len(calls) >= ROWS // workbook_module.PROGRESS_EVERY
    assert {t for _, t, _ in calls} == {ROWS + 1}
    assert calls[1][2] == "Reading register"


def test_cancel_part_way(big_csv: Path) -> None:
    seen: list[int] = []

    def cancelled() -> bool:
        return bool(seen) and seen[-1] >= 30_000

    with open_book(big_csv, progress=lambda d, t, m: seen.append(d), cancelled=cancelled) as book:
        stream = book.open_table("register")
        read: list[Row] = []
        with pytest.raises(ReadCancelled, match="cancelled"):
            read.extend(stream)
    assert 29_000 <= len(read) < 31_000
    assert max(seen) < ROWS


def test_large_xlsx_streams_and_flags_hidden_rows_by_scanning(
    build_xlsx: BuildXlsx, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [["Code", "Name"]] + [[f"P-{i}", f"Project {i}"] for i in range(3000)]
    path = build_xlsx(rows, hidden_rows=[5, 2500])
    monkeypatch.setattr(workbook_module, "METADATA_LIMIT", 0)  # treat it as a large workbook
    calls: list[int] = []
    with open_book(path, progress=lambda d, t, m: calls.append(d)) as book:
        table = book.read_table("Register")
        assert "The workbook is large, so drop-down lists were not read." in book.notes
    assert len(table.rows) == 3000
    assert [r.number for r in table.rows if r.hidden] == [5, 2500]
    assert calls[-1] == 3001


def test_cancel_before_reading_an_xlsx(build_xlsx: BuildXlsx) -> None:
    path = build_xlsx([["Code"], ["P-1"]])
    with open_book(path, cancelled=lambda: True) as book, pytest.raises(ReadCancelled):
        book.read_table("Register")
