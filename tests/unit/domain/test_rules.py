"""The I/O-free rules, checked against figures worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from pmodesk.domain.enums import Rag
from pmodesk.domain.errors import ValidationError
from pmodesk.domain.rules import (
    EarnedValue,
    check_scale,
    cost_variance,
    earned_value,
    planned_fraction,
    rag_rollup,
    rag_trend,
    risk_band,
    risk_score,
    schedule_variance_days,
    utilisation,
)

G, A, R = Rag.GREEN, Rag.AMBER, Rag.RED

# ------------------------------------------------------------------ RAG


@pytest.mark.parametrize(
    ("dimensions", "overall"),
    [
        ([G, G, G, G], G),
        ([G, A, G, G], A),
        ([A, A, A, A], A),  # many ambers are still amber, not red
        ([G, A, R, G], R),
        ([R, None, None, None], R),
        ([None, G, None, A], A),  # unassessed dimensions are ignored
        ([None, None, None, None], None),  # nothing assessed: no RAG, not green
        ([], None),
    ],
)
def test_rag_rollup_takes_the_worst_assessed_dimension(
    dimensions: list[Rag | None], overall: Rag | None
) -> None:
    assert rag_rollup(dimensions) is overall


def test_rag_rollup_accepts_any_iterable() -> None:
    assert rag_rollup(r for r in (G, A)) is A


@pytest.mark.parametrize(
    ("previous", "current", "trend"),
    [
        (R, G, 1),
        (R, A, 1),
        (A, G, 1),
        (G, R, -1),
        (G, A, -1),
        (A, R, -1),
        (A, A, 0),
        (None, R, 0),
        (G, None, 0),
        (None, None, 0),
    ],
)
def test_rag_trend(previous: Rag | None, current: Rag | None, trend: int) -> None:
    assert rag_trend(previous, current) == trend


# ------------------------------------------------------------------ risk


@pytest.mark.parametrize(
    ("probability", "impact", "score"),
    [(1, 1, 1), (5, 5, 25), (3, 4, 12), (1, 5, 5), (5, 3, 15), (None, 4, None), (2, None, None)],
)
def test_risk_score_is_probability_times_impact(
    probability: int | None, impact: int | None, score: int | None
) -> None:
    assert risk_score(probability, impact) == score


@pytest.mark.parametrize(
    ("probability", "impact", "field", "shown"),
    [
        (0, 3, "probability", "0"),
        (6, 3, "probability", "6"),
        (3, 0, "impact", "0"),
        (3, 6, "impact", "6"),
        (True, 3, "probability", "True"),
        (3, 2.0, "impact", "2.0"),
        (2.5, 3, "probability", "2.5"),
        (-1, 3, "probability", "-1"),
    ],
)
def test_risk_score_refuses_values_off_the_scale(
    probability: object, impact: object, field: str, shown: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        risk_score(probability, impact)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert refused.value.message == (
        f"{field.capitalize()} must be a whole number from 1 to 5, not {shown}."
    )


def test_check_scale_passes_good_values_through() -> None:
    assert [check_scale(v, "impact") for v in (1, 3, 5, None)] == [1, 3, 5, None]


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1, G),
        (4, G),
        (5, A),
        (14, A),
        (15, R),
        (25, R),
        (None, None),
        (0, None),  # not on the matrix: no band rather than a wrong colour
        (26, None),
        (True, None),
        (7.5, None),
    ],
)
def test_risk_band_edges(score: int | None, band: Rag | None) -> None:
    assert risk_band(score) is band


# ------------------------------------------------------------------ variances


@pytest.mark.parametrize(
    ("baseline", "forecast", "days"),
    [
        (date(2026, 3, 31), date(2026, 4, 14), 14),  # two weeks late
        (date(2026, 3, 31), date(2026, 3, 30), -1),  # a day early
        (date(2026, 3, 31), date(2026, 3, 31), 0),
        (date(2025, 12, 31), date(2026, 1, 1), 1),  # across a year end
        (date(2024, 2, 28), date(2024, 3, 1), 2),  # across a leap day
        (None, date(2026, 1, 1), None),
        (date(2026, 1, 1), None, None),
    ],
)
def test_schedule_variance_days(
    baseline: date | None, forecast: date | None, days: int | None
) -> None:
    assert schedule_variance_days(baseline, forecast) == days


@pytest.mark.parametrize(
    ("budget", "forecast", "variance"),
    [
        (100_000.0, 120_000.0, -20_000.0),  # overspend is negative
        (100_000.0, 80_000.0, 20_000.0),  # underspend is positive
        (50.0, 50.0, 0.0),
        (0.0, 10.0, -10.0),
        (None, 10.0, None),
        (10.0, None, None),
    ],
)
def test_cost_variance_sign(
    budget: float | None, forecast: float | None, variance: float | None
) -> None:
    assert cost_variance(budget, forecast) == variance


START, FINISH = date(2026, 1, 1), date(2026, 1, 11)  # a ten-day plan


@pytest.mark.parametrize(
    ("start", "finish", "as_of", "fraction"),
    [
        (START, FINISH, date(2025, 12, 1), 0.0),  # before the start
        (START, FINISH, START, 0.0),
        (START, FINISH, date(2026, 1, 5), 0.4),
        (START, FINISH, date(2026, 1, 6), 0.5),
        (START, FINISH, FINISH, 1.0),
        (START, FINISH, date(2026, 6, 1), 1.0),  # after the finish
        (START, START, date(2025, 12, 31), 0.0),  # a one-day plan, not yet due
        (START, START, START, 1.0),  # ... due that day
        (FINISH, START, date(2025, 12, 31), 0.0),  # finish before start: due at the finish
        (FINISH, START, date(2026, 1, 5), 1.0),
        (None, FINISH, START, None),
        (START, None, START, None),
    ],
)
def test_planned_fraction(
    start: date | None, finish: date | None, as_of: date, fraction: float | None
) -> None:
    assert planned_fraction(start, finish, as_of) == fraction


# ------------------------------------------------------------------ earned value


def _ev(**overrides: object) -> EarnedValue | None:
    figures: dict[str, object] = {
        "budget": 1000.0,
        "percent_complete": 50.0,
        "actual_cost": 400.0,
        "planned_start": START,
        "planned_finish": FINISH,
        "as_of": date(2026, 1, 5),  # 40 % of the plan is due
    }
    figures.update(overrides)
    return earned_value(**figures)  # type: ignore[arg-type]


def test_earned_value_ahead_and_under_budget() -> None:
    # PV = 1000 × 0.4 = 400; EV = 1000 × 50 % = 500; AC = 400.
    assert _ev() == EarnedValue(
        planned_value=400.0,
        earned_value=500.0,
        actual_cost=400.0,
        cost_variance=100.0,  # EV − AC
        schedule_variance=100.0,  # EV − PV
        cpi=1.25,  # EV / AC
        spi=1.25,  # EV / PV
    )


def test_earned_value_behind_and_over_budget() -> None:
    # EV = 1000 × 20 % = 200; AC = 400; PV = 400.
    figures = _ev(percent_complete=20.0)
    assert figures is not None
    assert (figures.earned_value, figures.cost_variance, figures.schedule_variance) == (
        200.0,
        -200.0,
        -200.0,
    )
    assert (figures.cpi, figures.spi) == (0.5, 0.5)


def test_earned_value_with_no_cost_yet_has_no_cpi() -> None:
    for nothing_spent in (0.0, None):
        figures = _ev(actual_cost=nothing_spent)
        assert figures is not None
        assert figures.actual_cost == 0.0
        assert figures.cpi is None
        assert figures.cost_variance == 500.0
        assert figures.spi == 1.25


def test_earned_value_before_the_plan_starts_has_no_spi() -> None:
    figures = _ev(as_of=date(2025, 12, 1), percent_complete=10.0)
    assert figures is not None
    assert (figures.planned_value, figures.earned_value, figures.spi) == (0.0, 100.0, None)
    assert figures.schedule_variance == 100.0
    assert figures.cpi == 0.25


def test_earned_value_clamps_progress_to_0_100() -> None:
    over, under = _ev(percent_complete=130.0), _ev(percent_complete=-5.0)
    assert over is not None
    assert under is not None
    assert over.earned_value == 1000.0
    assert under.earned_value == 0.0
    assert under.cpi == 0.0


def test_earned_value_of_a_zero_budget_has_no_spi_and_zero_cpi() -> None:
    figures = _ev(budget=0.0)
    assert figures is not None
    assert (figures.planned_value, figures.earned_value, figures.spi, figures.cpi) == (
        0.0,
        0.0,
        None,
        0.0,
    )


@pytest.mark.parametrize(
    "missing",
    [
        {"budget": None},
        {"percent_complete": None},
        {"planned_start": None},
        {"planned_finish": None},
    ],
)
def test_earned_value_needs_budget_progress_and_plan(missing: dict[str, object]) -> None:
    assert _ev(**missing) is None


# ------------------------------------------------------------------ utilisation


@pytest.mark.parametrize(
    ("allocated", "available", "ratio"),
    [
        (45.0, 37.5, 1.2),  # over-allocated
        (30.0, 37.5, 0.8),
        (0.0, 37.5, 0.0),
        (37.5, 37.5, 1.0),
        (10.0, 0.0, None),  # on leave all week: no ratio, never infinity
        (0.0, 0.0, None),
        (10.0, -5.0, None),
    ],
)
def test_utilisation(allocated: float, available: float, ratio: float | None) -> None:
    result = utilisation(allocated, available)
    if ratio is None:
        assert result is None
    else:
        assert result == pytest.approx(ratio)
