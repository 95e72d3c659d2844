"""The resources section's numbers: the utilisation heatmap and demand against capacity by role.

Both come from :func:`pmodesk.services.capacity.capacity_matrix`, the same
matrix the Resources page and the exports show, for the weeks from the start
of the reporting period. The load is the whole workspace's (people work on
projects outside any one scope), so a row's utilisation is the truth about
that person or team.
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np
from sqlmodel import Session

from pmodesk.reports.data.model import Grid
from pmodesk.reports.settings import HeatmapColumns, HeatmapRows, PackSettings
from pmodesk.services.capacity import Grouping, MatrixQuery, Period, capacity_matrix

#: Demand above capacity by more than this share is shown as a shortfall.
SHORTFALL_MARGIN = 0.02


def column_label(day: date, period: Period) -> str:
    """A column's heading: the week and its Monday (``W45`` / ``3 Nov``) or the month (``Nov 2026``)."""
    if period == Period.MONTH:
        return f"{day:%b %Y}"
    return f"W{day.isocalendar().week:02d}\n{day.day} {day:%b}"


def _number(value: float) -> str:
    return f"{value:.0f}"


def heatmap(session: Session, pack: PackSettings, start: date) -> Grid:
    """Utilisation (% of capacity) per team or person and week or month, from ``start``."""
    period = Period.MONTH if pack.heatmap_columns is HeatmapColumns.MONTH else Period.WEEK
    grouping = Grouping.PERSON if pack.heatmap_rows is HeatmapRows.PERSON else Grouping.TEAM
    matrix = capacity_matrix(
        session,
        MatrixQuery(start=start, weeks=pack.heatmap_weeks, grouping=grouping, period=period),
    )
    util = matrix.utilisation() * 100.0
    over = matrix.over_allocated()
    under = matrix.under_used()
    labels, cells, marks = [], [], []
    for n, row in enumerate(matrix.rows):
        if not matrix.capacity[n].any() and not matrix.allocated[n].any():
            continue  # nobody there in these weeks, nothing planned
        labels.append(row.label)
        texts, shades = [], []
        for c in range(len(matrix.columns)):
            value = util[n, c]
            if math.isnan(value):
                hours = matrix.allocated[n, c]
                texts.append(f"{hours:.0f}h" if hours > 0 else "–")
                shades.append("none")
                continue
            texts.append(_number(value))
            shades.append("over" if over[n, c] else "under" if under[n, c] else "")
        cells.append(tuple(texts))
        marks.append(tuple(shades))
    by = "person" if grouping == Grouping.PERSON else "team"
    span = "week" if period == Period.WEEK else "month"
    title = f"Utilisation by {by} and {span}, % of capacity"
    note = (
        f"Over-allocated above {matrix.over_allocation_threshold:.0%} of capacity (bold, dark), "
        f"under-used below {matrix.under_use_threshold:.0%} (light). "
        "Rows without capacity (unnamed role demand) show planned hours. "
        "Load of all projects in the workspace."
    )
    return Grid(
        title,
        tuple(labels),
        tuple(column_label(c, period) for c in matrix.columns),
        tuple(cells),
        tuple(marks),
        note,
    )


def demand_by_role(session: Session, pack: PackSettings, start: date) -> Grid:
    """Demand against capacity per role and month, in FTE (``demand / capacity``)."""
    matrix = capacity_matrix(
        session,
        MatrixQuery(
            start=start, weeks=pack.heatmap_weeks, grouping=Grouping.ROLE, period=Period.MONTH
        ),
    )
    spans = np.ones(len(matrix.columns)) if matrix.column_weeks is None else matrix.column_weeks
    per_fte = matrix.standard_week * spans
    labels, cells, marks = [], [], []
    for n, row in enumerate(matrix.rows):
        demand = matrix.allocated[n] / per_fte
        supply = matrix.capacity[n] / per_fte
        if not demand.any() and not supply.any():
            continue
        labels.append(row.label)
        cells.append(tuple(f"{d:.1f} / {s:.1f}" for d, s in zip(demand, supply, strict=True)))
        marks.append(
            tuple(
                "over" if d > s * (1 + SHORTFALL_MARGIN) + 0.05 else ""
                for d, s in zip(demand, supply, strict=True)
            )
        )
    return Grid(
        "Demand against capacity by role, FTE (demand / capacity)",
        tuple(labels),
        tuple(column_label(c, Period.MONTH) for c in matrix.columns),
        tuple(cells),
        tuple(marks),
        f"An FTE is a {matrix.standard_week:g}-hour week. Bold, dark: demand exceeds capacity. "
        "Months cut by the span are counted for the weeks inside it.",
    )
