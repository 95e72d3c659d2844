"""Rules that need no I/O: RAG roll-up, risk score, variances, earned value.

Every function takes plain values and returns plain values, so the services,
the reports and the exports all compute the same figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pmodesk.domain.enums import Rag
from pmodesk.domain.errors import ValidationError

SCALE_MIN, SCALE_MAX = 1, 5
HIGH_RISK_SCORE = 15
MEDIUM_RISK_SCORE = 5


def rag_rollup(dimensions: Iterable[Rag | None]) -> Rag | None:
    """The overall RAG is the worst of the dimensions that were assessed.

    Two or more amber dimensions make the whole amber only; red anywhere is red.
    With nothing assessed there is no overall RAG (``None``), not a green.
    """
    assessed = [r for r in dimensions if r is not None]
    if not assessed:
        return None
    return max(assessed, key=lambda r: r.severity)


def rag_trend(previous: Rag | None, current: Rag | None) -> int:
    """+1 improving, -1 worsening, 0 unchanged or not comparable."""
    if previous is None or current is None:
        return 0
    return (previous.severity > current.severity) - (previous.severity < current.severity)


def check_scale(value: int | None, field: str) -> int | None:
    """``value`` when it is a whole number on the 1–5 scale (or ``None``); refused otherwise."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not SCALE_MIN <= value <= SCALE_MAX:
        raise ValidationError(
            f"{field.capitalize()} must be a whole number from {SCALE_MIN} to {SCALE_MAX}, not {value!r}.",
            field=field,
        )
    return value


def risk_score(probability: int | None, impact: int | None) -> int | None:
    """Probability × impact on the 1–5 scales (1–25); ``None`` until both are known."""
    p = check_scale(probability, "probability")
    i = check_scale(impact, "impact")
    if p is None or i is None:
        return None
    return p * i


def risk_band(score: int | None) -> Rag | None:
    """The usual heat bands of a 5×5 matrix: 1–4 green, 5–14 amber, 15–25 red.

    A score that is not on the matrix (``None``, 0, 26, a fraction) has no band:
    ``None``, so that a table painting stray imported figures never fails.
    """
    top = SCALE_MAX * SCALE_MAX
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= top:
        return None
    if score >= HIGH_RISK_SCORE:
        return Rag.RED
    if score >= MEDIUM_RISK_SCORE:
        return Rag.AMBER
    return Rag.GREEN


def schedule_variance_days(
    baseline_finish: date | None, forecast_finish: date | None
) -> int | None:
    """Days late (positive) or early (negative) against the baseline finish."""
    if baseline_finish is None or forecast_finish is None:
        return None
    return (forecast_finish - baseline_finish).days


def cost_variance(budget: float | None, forecast_cost: float | None) -> float | None:
    """Budget minus forecast at completion: negative means an overspend."""
    if budget is None or forecast_cost is None:
        return None
    return budget - forecast_cost


def planned_fraction(start: date | None, finish: date | None, as_of: date) -> float | None:
    """How much of the plan should be done by ``as_of`` on a straight line (0–1)."""
    if start is None or finish is None:
        return None
    if finish <= start:
        return 1.0 if as_of >= finish else 0.0
    span = (finish - start).days
    done = (as_of - start).days
    return min(1.0, max(0.0, done / span))


@dataclass(frozen=True, slots=True)
class EarnedValue:
    """Earned-value figures of a project at a date. Indices are ``None`` when undefined."""

    planned_value: float
    earned_value: float
    actual_cost: float
    cost_variance: float
    schedule_variance: float
    cpi: float | None
    spi: float | None


def earned_value(
    *,
    budget: float | None,
    percent_complete: float | None,
    actual_cost: float | None,
    planned_start: date | None,
    planned_finish: date | None,
    as_of: date,
) -> EarnedValue | None:
    """EV = budget × % complete; PV = budget × planned fraction; CPI = EV/AC; SPI = EV/PV.

    Returns ``None`` when the budget, the progress or the plan dates are unknown.
    A zero denominator gives an index of ``None`` rather than a division error.
    """
    fraction = planned_fraction(planned_start, planned_finish, as_of)
    if budget is None or percent_complete is None or fraction is None:
        return None
    ac = actual_cost or 0.0
    ev = budget * max(0.0, min(100.0, percent_complete)) / 100.0
    pv = budget * fraction
    return EarnedValue(
        planned_value=pv,
        earned_value=ev,
        actual_cost=ac,
        cost_variance=ev - ac,
        schedule_variance=ev - pv,
        cpi=ev / ac if ac else None,
        spi=ev / pv if pv else None,
    )


def utilisation(allocated_hours: float, available_hours: float) -> float | None:
    """Allocated ÷ available; ``None`` when nothing is available (shown as such, never ∞)."""
    if available_hours <= 0:
        return None
    return allocated_hours / available_hours
