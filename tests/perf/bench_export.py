"""Benchmark of the portfolio workbook export on the large demo workspace.

Run (not collected by pytest)::

    python tests/perf/bench_export.py [--projects 1000] [--people 1000] [--workspace PATH]

Makes the demo workspace at that size (``pmodesk demo --projects 1000 --people
1000``) in a temporary folder (or uses ``--workspace``), then prints, beside a
bare openpyxl write-only save of the same cells (the same values, one sheet
per kind, no styles, tables, validations or heatmap rules) measured in the
same run, and the ratio:

* ``export_portfolio`` of the whole workspace (reading, summary, typed sheets,
  heatmap, ``_pmodesk``, atomic save), best of ``--repeats``;
* the time of its parts: reading the records and the capacity matrix.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any


def _timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def bare_write(rows_by_sheet: dict[str, list[tuple[Any, ...]]], path: Path) -> int:
    """The baseline: the same values written by openpyxl's write-only mode, nothing else."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    cells = 0
    for title, rows in rows_by_sheet.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([_plain(v) for v in row])
            cells += len(row)
    book.save(path)
    return cells


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workspace", type=Path, help="an existing workspace to export instead")
    args = parser.parse_args()

    from pmodesk.exchange.writing import export_portfolio
    from pmodesk.services.capacity import MatrixQuery, capacity_matrix
    from pmodesk.services.demo import DemoSize, generate_demo
    from pmodesk.services.exporting import gather_export
    from pmodesk.store import open_workspace

    with tempfile.TemporaryDirectory() as folder:
        temp = Path(folder)
        if args.workspace is None:
            path = temp / "large.pmodesk"
            workspace = open_workspace(path)
            seconds, _ = _timed(
                lambda: generate_demo(
                    workspace, DemoSize(projects=args.projects, people=args.people)
                )
            )
            print(
                f"demo workspace: {args.projects} projects, {args.people} people ({seconds:.1f} s)"
            )
        else:
            workspace = open_workspace(args.workspace)
        try:
            ours: list[float] = []
            bare: list[float] = []
            result: Any = None
            for n in range(args.repeats):
                with workspace.session() as session:
                    took, result = _timed(
                        lambda s=session, n=n: export_portfolio(s, temp / f"ours{n}.xlsx")
                    )
                ours.append(took)
                with workspace.session() as session:
                    data = gather_export(session)
                    matrix = capacity_matrix(session, MatrixQuery(start=date.today(), weeks=26))
                rows = {k.spec.title: k.rows for k in data.kinds.values()}
                util = matrix.utilisation()
                rows["Heatmap"] = [
                    (info.code, info.label, *map(float, util[i]))
                    for i, info in enumerate(matrix.rows)
                    if not info.is_placeholder
                ]
                took, cells = _timed(lambda r=rows, n=n: bare_write(r, temp / f"bare{n}.xlsx"))
                bare.append(took)
            with workspace.session() as session:
                read, _ = _timed(lambda: gather_export(session))
                heat, _ = _timed(
                    lambda: capacity_matrix(session, MatrixQuery(start=date.today(), weeks=26))
                )
            size = (temp / "ours0.xlsx").stat().st_size / 1e6
            bare_size = (temp / "bare0.xlsx").stat().st_size / 1e6
        finally:
            workspace.close()
    best, baseline = min(ours), min(bare)
    counts = ", ".join(f"{n} {k}" for k, n in result.counts.items())
    print(f"records: {counts}")
    print(
        f"cells: {cells:,} (data sheets {result.cells:,}, heatmap {result.heatmap_rows} people × 26 weeks)"
    )
    print(
        f"export_portfolio (ours)      best {best:6.2f} s   median {statistics.median(ours):6.2f} s   {size:.1f} MB"
    )
    print(
        f"bare openpyxl write-only     best {baseline:6.2f} s   median {statistics.median(bare):6.2f} s   {bare_size:.1f} MB"
    )
    print(f"ratio ours / bare            {best / baseline:6.2f}×")
    print(f"  of ours: reading records {read:.2f} s, capacity matrix {heat:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
