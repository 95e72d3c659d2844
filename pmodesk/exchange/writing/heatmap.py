"""The Heatmap sheet: people × weeks, utilisation coloured with the app's scale.

Every cell holds the real utilisation (allocated ÷ available hours, a number
shown as a percentage); the colours come from conditional formatting rules
with the app's bands and thresholds (:mod:`.styles`), so a person who edits or
sorts the sheet keeps a correct scale. As in the app, a week without capacity
is blank (grey), and load on a person with no capacity that week shows its
hours as text ("12h", purple). Utilisation counts all of a person's work, not
only the exported projects', because that is what overloads them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from pmodesk.exchange.writing.book import BookWriter
from pmodesk.exchange.writing.styles import (
    ACCENT,
    BAND_COLOURS,
    BAND_IDLE,
    BAND_LOAD_NO_CAPACITY,
    BAND_NO_CAPACITY,
    BAND_NORMAL,
    BAND_OVER,
    BAND_UNDER,
    HEADER,
    NOTE,
    OVER_STEPS,
    PERCENT_FORMAT,
    SUBTITLE,
    TITLE,
    WEEK_FORMAT,
    CellStyle,
    font,
    solid,
)
from pmodesk.services.capacity import CapacityMatrix

LABELS = ("Code", "Name", "Team", "Role")
FIRST_ROW = 7  # the first person's row (title, note, legend, captions, months, header above)


def band_rules(under: float, over: float) -> list[tuple[str, float, int]]:
    """``(operator, bound, band)`` in the order they are tried, mirroring ``scale.bands``.

    Over-allocation by utilisation ÷ threshold (above 2, 1.5, 1.25, 1.1, 1),
    then the four normal bands from the top, the three under-use bands, and
    exactly zero (capacity, nothing allocated).
    """
    rules: list[tuple[str, float, int]] = []
    for n, step in reversed(list(enumerate(OVER_STEPS, start=1))):
        rules.append(("greaterThan", over * step, BAND_OVER[n]))
    rules.append(("greaterThan", over, BAND_OVER[0]))
    span = max(over - under, 1e-9)
    for n in reversed(range(1, len(BAND_NORMAL))):
        rules.append(("greaterThanOrEqual", under + span * n / len(BAND_NORMAL), BAND_NORMAL[n]))
    rules.append(("greaterThanOrEqual", under, BAND_NORMAL[0]))
    if under > 0:
        for n in reversed(range(1, len(BAND_UNDER))):
            rules.append(("greaterThanOrEqual", under * n / len(BAND_UNDER), BAND_UNDER[n]))
        rules.append(("greaterThan", 0.0, BAND_UNDER[0]))
    rules.append(("equal", 0.0, BAND_IDLE))
    return rules


def add_scale(sheet: Any, target: str, under: float, over: float) -> None:
    """The heatmap colours on ``target`` (a range whose first cell the formulas are relative to)."""
    first = target.split(":")[0]
    fill, text = BAND_COLOURS[BAND_NO_CAPACITY]
    sheet.conditional_formatting.add(
        target,
        FormulaRule(
            formula=[f"ISBLANK({first})"], fill=solid(fill), font=font(color=text), stopIfTrue=True
        ),
    )
    fill, text = BAND_COLOURS[BAND_LOAD_NO_CAPACITY]
    sheet.conditional_formatting.add(
        target,
        FormulaRule(
            formula=[f"ISTEXT({first})"], fill=solid(fill), font=font(color=text), stopIfTrue=True
        ),
    )
    for operator, bound, band in band_rules(under, over):
        fill, text = BAND_COLOURS[band]
        rule = CellIsRule(
            operator=operator,
            formula=[repr(round(bound, 12))],
            fill=solid(fill),
            font=font(color=text),
            stopIfTrue=True,
        )
        sheet.conditional_formatting.add(target, rule)


def legend(under: float, over: float) -> list[tuple[str, float | str | None]]:
    """The legend's (caption, sample value) pairs, as the app's legend words them."""
    u, o = round(under * 100), round(over * 100)
    steps = [round(over * s * 100) for s in OVER_STEPS]
    middle = (under + over) / 2
    return [
        ("No capacity", None),
        ("Nothing", 0.0),
        (f"< {u}%", under / 2),
        (f"{u}–{o}%", middle),
        (f"–{steps[0]}%", over * (1 + OVER_STEPS[0]) / 2),
        (f"–{steps[1]}%", over * (OVER_STEPS[0] + OVER_STEPS[1]) / 2),
        (f"–{steps[2]}%", over * (OVER_STEPS[1] + OVER_STEPS[2]) / 2),
        (f"–{steps[3]}%", over * (OVER_STEPS[2] + OVER_STEPS[3]) / 2),
        (f"> {steps[3]}%", over * OVER_STEPS[3] * 1.25),
        ("Load, no capacity", "8h"),
    ]


def _cell_values(matrix: CapacityMatrix, row: int) -> list[float | str | None]:
    util = matrix.utilisation()[row]
    allocated = matrix.allocated[row]
    out: list[float | str | None] = []
    for value, hours in zip(util, allocated, strict=True):
        if math.isnan(value):
            out.append(f"{hours:.0f}h" if hours > 0 else None)
        else:
            out.append(float(value))
    return out


def write_heatmap(
    book: BookWriter, matrix: CapacityMatrix, person_codes: set[str] | None, *, subtitle: str
) -> int:
    """Add the Heatmap sheet; ``person_codes`` limits the rows (``None``: everyone). Returns rows."""
    keep = [
        n
        for n, info in enumerate(matrix.rows)
        if not info.is_placeholder and (person_codes is None or info.code in person_codes)
    ]
    weeks: Sequence[date] = matrix.columns
    sheet = book.sheet("Heatmap")
    book.step("Writing the heatmap")
    sheet.sheet_properties.tabColor = ACCENT
    widths = (11, 24, 20, 18)
    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    first_week = len(LABELS) + 1
    last = first_week + len(weeks) + 1  # the weeks, then Average and Peak
    for n in range(first_week, last + 1):
        sheet.column_dimensions[get_column_letter(n)].width = 7.5 if n < last - 1 else 9.5
    sheet.freeze_panes = f"{get_column_letter(first_week)}{FIRST_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    under, over = matrix.under_use_threshold, matrix.over_allocation_threshold

    sheet.row_dimensions[1].height = 30
    sheet.append([book.cell(sheet, "Resource heatmap: utilisation per week", TITLE)])
    sheet.append([book.cell(sheet, subtitle, SUBTITLE)])
    # The legend: sample values coloured by the same rules, captions below them.
    samples = legend(under, over)
    sheet.append(
        [book.cell(sheet, "Colour scale", NOTE), None, None, None]
        + [_legend_cell(book, sheet, v) for _c, v in samples]
    )
    caption = CellStyle(font=font(size=8), alignment=Alignment(wrap_text=True, vertical="top"))
    sheet.row_dimensions[4].height = 24
    sheet.append([None] * len(LABELS) + [book.cell(sheet, c, caption) for c, _v in samples])
    months: list[Any] = [None] * len(LABELS)
    previous = None
    month_style = CellStyle(font=font(bold=True, size=9, color="17365F"))
    for week in weeks:
        label = f"{week:%b %Y}" if (week.year, week.month) != previous else None
        previous = (week.year, week.month)
        months.append(book.cell(sheet, label, month_style) if label else None)
    sheet.append(months)
    header = [book.cell(sheet, text, HEADER) for text in LABELS]
    for week in weeks:
        header.append(book.cell(sheet, week, HEADER))
        header[-1].number_format = WEEK_FORMAT
        header[-1].alignment = Alignment(horizontal="center", text_rotation=90)
    header += [book.cell(sheet, "Average", HEADER), book.cell(sheet, "Peak", HEADER)]
    sheet.row_dimensions[FIRST_ROW - 1].height = 42
    sheet.append(header)

    centre = Alignment(horizontal="center")
    average, peak = matrix.average(), matrix.peak()
    for count, n in enumerate(keep, start=1):
        info = matrix.rows[n]
        cells: list[Any] = [info.code, info.label, info.team or None, info.role or None]
        for item in [*_cell_values(matrix, n), _number(average[n]), _number(peak[n])]:
            if item is None:
                cells.append(None)
            else:
                cell = book.cell(sheet, item)
                cell.alignment = centre
                if not isinstance(item, str):
                    cell.number_format = PERCENT_FORMAT
                cells.append(cell)
        sheet.append(cells)
        if count % 200 == 0:
            book.advance(200 * (len(weeks) + 6))
    book.advance((len(keep) % 200) * (len(weeks) + 6))
    end = FIRST_ROW + max(len(keep), 1) - 1
    add_scale(
        sheet,
        f"{get_column_letter(first_week)}{FIRST_ROW}:{get_column_letter(last)}{end}",
        under,
        over,
    )
    add_scale(
        sheet,
        f"{get_column_letter(first_week)}3:{get_column_letter(first_week + len(samples) - 1)}3",
        under,
        over,
    )
    sheet.auto_filter.ref = f"A{FIRST_ROW - 1}:{get_column_letter(last)}{end}"
    return len(keep)


def _legend_cell(book: BookWriter, sheet: Any, sample: float | str | None) -> Any:
    cell = book.cell(sheet, sample)
    cell.number_format = PERCENT_FORMAT
    cell.alignment = Alignment(horizontal="center")
    return cell


def _number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)
