"""Tables of the pack: the common look, and wide grids split across pages with their row labels.

A grid too wide for the page (a year of weeks) is never shrunk to fit: its
columns are cut into slices that fit at a readable size, each slice repeats
the row labels on the left, and each slice's header row repeats on every
page it runs onto.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table
from reportlab.platypus.tables import CellStyle

from pmodesk.reports.data.model import Grid
from pmodesk.reports.fonts import TABLE, TABLE_BOLD
from pmodesk.reports.styles import (
    CELL_SIZE,
    HEAT_FILL,
    HEAT_INK,
    INK,
    RULE,
    cell,
    para,
    table_style,
)


class PackCellStyle(CellStyle):  # type: ignore[misc]
    """A cell's defaults in the pack: its table font (reportlab's is Helvetica, which an empty
    cell would reference, unembedded), size, colour, padding, top alignment."""

    fontname = TABLE
    fontsize = CELL_SIZE
    leading = CELL_SIZE * 1.22
    leftPadding = 4
    rightPadding = 4
    topPadding = 2
    bottomPadding = 2.5
    color = INK
    valign = "TOP"


class PackTable(Table):  # type: ignore[misc]
    """A Table whose cells start from :class:`PackCellStyle`.

    Setting defaults per cell with style commands costs a call per cell and
    command; starting each cell from the pack's defaults costs nothing.
    """

    def __init__(self, data: Sequence[Sequence[Any]], *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("hAlign", "LEFT")
        if kwargs.get("cellStyles") is None:  # not a part made by reportlab splitting a table
            columns = max((len(row) for row in data), default=0)
            kwargs["cellStyles"] = [[PackCellStyle("") for _ in range(columns)] for _ in data]
        super().__init__(data, *args, **kwargs)


#: The narrowest a grid column gets (a three-digit number or "13.7 / 17.4" in 8 pt).
MIN_COLUMN = 34.0


def data_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    commands: Iterable[tuple[Any, ...]] = (),
    zebra: bool = True,
) -> PackTable:
    """A table with the pack's look; its header rows repeat on every page it runs onto."""
    table = PackTable(
        [list(r) for r in rows],
        colWidths=list(widths),
        repeatRows=header_rows,
        hAlign="LEFT",
        splitByRow=1,
    )
    style = table_style(header_rows=header_rows, zebra=zebra, rows=len(rows), base=False)
    for command in commands:
        style.add(*command)
    table.setStyle(style)
    return table


def column_slices(count: int, room: float, label_width: float, column_width: float) -> list[range]:
    """Split ``count`` columns into even slices that fit ``room`` beside the row labels."""
    per_page = max(1, int((room - label_width) // column_width))
    slices = max(1, math.ceil(count / per_page))
    size = math.ceil(count / slices) if count else 0
    return [range(n, min(count, n + size)) for n in range(0, count, size)] if size else [range(0)]


def grid_tables(
    grid: Grid, room: float, *, label_width: float = 150.0, column_width: float = MIN_COLUMN
) -> list[Flowable]:
    """``grid`` as one table per slice of columns, each with the row labels repeated."""
    slices = column_slices(len(grid.column_labels), room, label_width, column_width)
    flowables: list[Flowable] = []
    for number, columns in enumerate(slices, start=1):
        # Few columns spread out (up to 1.6 times as wide) rather than huddle on the left.
        width = min(column_width * 1.6, (room - label_width) / max(1, len(columns)))
        header = [para("", "cell_head")] + [
            para(grid.column_labels[c], "grid_head", lines=True) for c in columns
        ]
        rows: list[list[Any]] = [header]
        commands: list[tuple[Any, ...]] = [
            ("ALIGN", (1, 1), (-1, -1), "CENTER"),
            ("LEFTPADDING", (1, 0), (-1, -1), 1.5),
            ("RIGHTPADDING", (1, 0), (-1, -1), 1.5),
        ]
        for r, label in enumerate(grid.row_labels, start=1):
            rows.append([cell(label, label_width), *(grid.cells[r - 1][c] for c in columns)])
            for k, c in enumerate(columns, start=1):
                mark = grid.marks[r - 1][c]
                commands.append(("BACKGROUND", (k, r), (k, r), HEAT_FILL[mark]))
                commands.append(("TEXTCOLOR", (k, r), (k, r), HEAT_INK[mark]))
                if mark == "over":
                    commands.append(("FONTNAME", (k, r), (k, r), TABLE_BOLD))
        widths = [label_width] + [width] * len(columns)
        table = data_table(rows, widths, commands=commands, zebra=False)
        table.setStyle(
            [
                ("LINEAFTER", (1, 1), (-2, -1), 0.6, "#FFFFFF"),
                ("LINEBELOW", (1, 1), (-1, -1), 0.6, "#FFFFFF"),
                ("LINEBELOW", (0, 1), (0, -1), 0.25, RULE),
            ]
        )
        if len(slices) > 1:
            first, last = grid.column_labels[columns[0]], grid.column_labels[columns[-1]]
            caption = para(
                f"Part {number} of {len(slices)}: {first.replace(chr(10), ' ')} to "
                f"{last.replace(chr(10), ' ')}",
                "note",
            )
            # Not keepWithNext: a table taller than a page would then start on a new one.
            flowables += [CondPageBreak(90), caption]
        flowables += [table, Spacer(1, 10)]
    return flowables
