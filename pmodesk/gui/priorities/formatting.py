"""How the prioritisation page writes money, weights, periods and criterion explanations."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmodesk.services.scoring import CriterionInfo


def money(value: float | None) -> str:
    """``1,250,000`` for the tables (whole units, thousands separated); blank for no value."""
    if value is None:
        return ""
    return f"{value:,.0f}"


def short_money(value: float | None) -> str:
    """``1.3M``, ``250k``, ``900`` for legends and totals where space is short."""
    if value is None:
        return "–"
    magnitude = abs(value)
    if magnitude >= 1e9:
        return f"{value / 1e9:.1f}bn"
    if magnitude >= 1e6:
        return f"{value / 1e6:.1f}M"
    if magnitude >= 1e3:
        return f"{value / 1e3:.0f}k"
    return f"{value:.0f}"


def weight_text(weight: float) -> str:
    """``2``, ``1.5``: a weight without trailing zeros."""
    return f"{weight:g}"


def contribution_tip(
    criterion: CriterionInfo, weight: float, score: int | None, points: float | None
) -> str:
    """The sentence behind a criterion cell: "Value 4/5 × weight 2 → 18.2 points"."""
    direction = "" if criterion.higher_is_better else " (lower is better)"
    worth = f"{points:.1f} points" if points is not None else "no points"
    if score is None:
        worst = criterion.scale_min if criterion.higher_is_better else criterion.scale_max
        return (
            f"{criterion.name}: not scored yet{direction}; it counts as the scale's worst "
            f"({worst}/{criterion.scale_max}) × weight {weight_text(weight)} → {worth}."
        )
    return (
        f"{criterion.name} {score}/{criterion.scale_max}{direction} × weight "
        f"{weight_text(weight)} → {worth}"
    )


def next_quarter(today: date) -> tuple[date, date]:
    """The calendar quarter after the one ``today`` falls in: (first day, last day)."""
    quarter = (today.month - 1) // 3
    year, quarter = (today.year + 1, 0) if quarter == 3 else (today.year, quarter + 1)
    start = date(year, quarter * 3 + 1, 1)
    end_year, end_month = (year + 1, 1) if quarter == 3 else (year, quarter * 3 + 4)
    return start, date(end_year, end_month, 1) - timedelta(days=1)


def period_title(start: date, end: date) -> str:
    """``2027-Q1`` for a calendar quarter, ``2027`` for a year, else ``2027-01-15 to 2027-05-31``."""
    if start.day == 1 and (start.month - 1) % 3 == 0:
        quarter_end = next_quarter(start - timedelta(days=1))[1]
        if end == quarter_end:
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        if start.month == 1 and end == date(start.year, 12, 31):
            return str(start.year)
    return f"{start.isoformat()} to {end.isoformat()}"


def weeks_in(start: date, end: date) -> float:
    """The number of weeks from ``start`` to ``end`` inclusive (a quarter is about 13)."""
    return max(0.0, ((end - start).days + 1) / 7.0)
