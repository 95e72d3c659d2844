"""Portfolio selection: a hand-solved optimum, brute force agreement, binding limits, the PMO's choices, refusals."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from sqlmodel import Session

from pmodesk.domain import Allocation, Person, Project, Role, ScoringCriterion, Stage
from pmodesk.domain.errors import ValidationError
from pmodesk.services import records, scoring
from pmodesk.services.selection import (
    SelectionRequest,
    candidate_ids,
    knapsack,
    role_demand,
    suggest_portfolio,
)

START = date(2026, 4, 6)  # a Monday
END = date(2026, 5, 3)  # four whole weeks later, a Sunday
SCORE_FOR = {100.0: 5, 75.0: 4, 50.0: 3, 25.0: 2, 0.0: 1}


# ------------------------------------------------------------------ the solver alone


def test_the_solver_finds_the_optimum_greedy_misses() -> None:
    # Value per cost: 6, 5, 4. Greedy by density takes items 0 and 1 (160) and then 2 does not fit;
    # the best is 1 and 2: 100 + 120 = 220 within 50.
    solution = knapsack([60, 100, 120], [10, 20, 30], [[], [], []], 50, [])
    assert (solution.chosen, solution.value, solution.optimal) == ([1, 2], 220, True)


def test_a_capacity_changes_the_optimum() -> None:
    # The same items; capacity 5 with demands 0, 4, 3 forbids 1 with 2: the best is 0 and 2 (180).
    solution = knapsack([60, 100, 120], [10, 20, 30], [[0], [4], [3]], 50, [5])
    assert (solution.chosen, solution.value) == ([0, 2], 180)


def _brute_force(values, costs, demands, budget, caps) -> int:  # type: ignore[no-untyped-def]
    best = 0
    n = len(values)
    for size in range(n + 1):
        for subset in itertools.combinations(range(n), size):
            if sum(costs[i] for i in subset) > budget + 1e-6:
                continue
            if any(sum(demands[i][r] for i in subset) > caps[r] + 1e-6 for r in range(len(caps))):
                continue
            best = max(best, sum(values[i] for i in subset))
    return best


def test_the_solver_agrees_with_brute_force_on_random_instances() -> None:
    rng = random.Random(2026)
    for _ in range(300):
        n = rng.randint(0, 11)
        roles = rng.randint(0, 2)
        values = [rng.randint(0, 1000) for _ in range(n)]
        costs = [float(rng.choice((0, rng.randint(1, 50)))) * 1000 for _ in range(n)]
        demands = [[float(rng.randint(0, 40)) for _ in range(roles)] for _ in range(n)]
        budget = float(rng.randint(0, 200)) * 1000
        caps = [float(rng.randint(0, 100)) for _ in range(roles)]
        solution = knapsack(values, costs, demands, budget, caps)
        assert solution.optimal
        assert solution.value == _brute_force(values, costs, demands, budget, caps)
        assert solution.value == sum(values[i] for i in solution.chosen)
        assert sum(costs[i] for i in solution.chosen) <= budget + 1e-6
        for r in range(roles):
            assert sum(demands[i][r] for i in solution.chosen) <= caps[r] + 1e-6


def test_a_search_limit_is_stated_not_hidden() -> None:
    rng = random.Random(5)
    n = 40
    values = [rng.randint(100, 1000) for _ in range(n)]
    costs = [float(v + rng.randint(-50, 50)) for v in values]  # equal densities: a hard case
    solution = knapsack(values, costs, [[] for _ in range(n)], sum(costs) / 2, [], node_limit=50)
    assert not solution.optimal
    assert solution.value > 0  # the greedy set found first is kept


def test_sixty_candidates_are_solved_exactly() -> None:
    rng = random.Random(60)
    n = 60
    values = [rng.randint(100, 1000) for _ in range(n)]
    costs = [float(rng.randint(40, 4000)) * 1000 for _ in range(n)]
    demands = [[float(rng.randint(0, 400))] for _ in range(n)]
    solution = knapsack(values, costs, demands, sum(costs) / 3, [3000.0])
    assert solution.optimal


# ------------------------------------------------------------------ the service


@dataclass
class Portfolio:
    projects: dict[str, Project]
    developer: Role
    analyst: Role


def _project(
    s: Session,
    code: str,
    score: float,
    budget: float | None,
    stage: Stage,
    criterion: ScoringCriterion,
) -> Project:
    project = records.create(
        s,
        Project,
        {"code": code, "name": f"Project {code}", "stage_id": stage.id, "budget": budget},
    )
    scoring.set_score(s, project.id, criterion.id, SCORE_FOR[score])
    return project


def _hours(
    s: Session, project: Project, role: Role, weekly: float, weeks: int = 4, start: date = START
) -> None:
    for n in range(weeks):
        records.create(
            s,
            Allocation,
            {
                "project_id": project.id,
                "role_id": role.id,
                "week_start": start + timedelta(weeks=n),
                "hours": weekly,
            },
        )


@pytest.fixture
def pf(session: Session) -> Portfolio:
    """One criterion (1–5, weight 1), so a score of 5 is 100 points, 4 is 75, 3 is 50, 2 is 25."""
    idea = records.create(session, Stage, {"code": "IDEA", "name": "Idea", "position": 1})
    delivery = records.create(
        session, Stage, {"code": "DELIVERY", "name": "Delivery", "position": 4}
    )
    value = records.create(session, ScoringCriterion, {"code": "VALUE", "name": "Value"})
    projects = {
        "PRJ-A": _project(session, "PRJ-A", 100, 60_000, idea, value),
        "PRJ-B": _project(session, "PRJ-B", 75, 50_000, idea, value),
        "PRJ-C": _project(session, "PRJ-C", 75, 50_000, idea, value),
        "PRJ-D": _project(session, "PRJ-D", 25, 40_000, idea, value),
    }
    # Not candidates: already in delivery.
    _project(session, "PRJ-X", 100, 1_000, delivery, value)
    developer = records.create(session, Role, {"code": "DEV", "name": "Developer"})
    analyst = records.create(session, Role, {"code": "BA", "name": "Analyst"})
    return Portfolio(projects, developer, analyst)


def _request(budget: float, **kw) -> SelectionRequest:  # type: ignore[no-untyped-def]
    return SelectionRequest(
        budget=budget,
        period_start=START,
        period_end=END,
        role_capacity_hours=kw.pop("roles", {}),
        **kw,
    )


def _codes(projects) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.code for p in projects]


def test_default_candidates_are_active_projects_before_delivery(
    session: Session, pf: Portfolio
) -> None:
    codes = {records.get(session, Project, i).code for i in candidate_ids(session)}
    assert codes == {"PRJ-A", "PRJ-B", "PRJ-C", "PRJ-D"}


def test_budget_binding_hand_computed_optimum(session: Session, pf: Portfolio) -> None:
    # Budget 100k: A + D = 125 points (100k), B + C = 150 (100k), A alone 100, B + D 100.
    # The best is B + C, though A ranks first.
    result = suggest_portfolio(session, _request(100_000))

    assert _codes(result.chosen) == ["PRJ-B", "PRJ-C"]
    assert (result.total_score, result.total_cost, result.optimal) == (150.0, 100_000, True)
    reasons = {p.code: why for p, why in result.left_out}
    assert reasons["PRJ-A"] == (
        "Would exceed the budget by €60,000; the lower-ranked PRJ-B and PRJ-C together score more "
        "within the limits."
    )
    assert (
        reasons["PRJ-D"]
        == "Would exceed the budget by €40,000; ranked lower than every chosen project."
    )
    text = " ".join(result.explanation)
    assert "Maximised the total priority score" in text
    assert "150.0 points from 2 of 4 candidates" in text
    assert (
        "The budget binds: €100,000 of €100,000 is used; 2 projects left out would exceed it."
        in text
    )
    assert "No other set scores more" in text
    assert result.method.startswith("Exact")


def test_role_capacity_binding(session: Session, pf: Portfolio) -> None:
    p = pf.projects
    _hours(session, p["PRJ-A"], pf.developer, 15)  # 60 h in the period
    _hours(session, p["PRJ-B"], pf.developer, 12.5)  # 50 h
    _hours(session, p["PRJ-C"], pf.developer, 12.5)  # 50 h
    _hours(session, p["PRJ-A"], pf.developer, 40, start=END + timedelta(days=1))  # after the period
    # Budget 200k binds nothing; 100 Developer hours allow B + C (+ D, no hours): 175 points,
    # against A + D (125) or A + B (110 h, too many).
    result = suggest_portfolio(session, _request(200_000, roles={pf.developer.id: 100.0}))

    assert _codes(result.chosen) == ["PRJ-B", "PRJ-C", "PRJ-D"]
    assert result.total_score == 175.0
    assert result.role_use == {pf.developer.id: ("Developer", 100.0, 100.0)}
    reasons = {p.code: why for p, why in result.left_out}
    assert reasons["PRJ-A"].startswith("Developer hours: needs 60 h, 0 h left;")
    text = " ".join(result.explanation)
    assert "The budget does not bind: €140,000 of €200,000 is used." in text
    assert (
        "Developer capacity binds: 100 h of 100 h in the period are used; 1 project left out"
        in text
    )


def test_role_demand_counts_people_by_their_role_and_part_weeks(
    session: Session, pf: Portfolio
) -> None:
    person = records.create(
        session, Person, {"code": "PER-1", "name": "Ana", "role_id": pf.analyst.id}
    )
    project = pf.projects["PRJ-A"]
    records.create(
        session,
        Allocation,
        {"project_id": project.id, "person_id": person.id, "week_start": START, "hours": 35},
    )
    archived = records.create(
        session,
        Allocation,
        {"project_id": project.id, "role_id": pf.analyst.id, "week_start": START, "hours": 99},
    )
    records.archive(session, archived)
    # From Wednesday: 5 of the 7 days of the first week count.
    demand = role_demand(session, [project.id], START + timedelta(days=2), END)
    assert demand == {project.id: {pf.analyst.id: 25.0}}


def test_must_include_and_must_exclude(session: Session, pf: Portfolio) -> None:
    p = pf.projects
    result = suggest_portfolio(
        session,
        _request(
            100_000,
            must_include=frozenset({p["PRJ-A"].id}),
            must_exclude=frozenset({p["PRJ-D"].id}),
        ),
    )
    # A (60k) is kept in; 40k are left, and B, C cost 50k each; D is excluded.
    assert _codes(result.chosen) == ["PRJ-A"]
    reasons = {p.code: why for p, why in result.left_out}
    assert reasons["PRJ-D"] == "Left out as you asked."
    assert reasons["PRJ-B"].startswith("Would exceed the budget by €10,000")
    text = " ".join(result.explanation)
    assert "Kept in as you asked: PRJ-A." in text
    assert "Left out as you asked: PRJ-D." in text


def test_equal_projects_tie_break_by_code(session: Session, pf: Portfolio) -> None:
    p = pf.projects
    result = suggest_portfolio(
        session, _request(50_000, candidate_ids=[p["PRJ-C"].id, p["PRJ-B"].id])
    )
    assert _codes(result.chosen) == ["PRJ-B"]
    assert [(x.code, why) for x, why in result.left_out] == [
        ("PRJ-C", "Would exceed the budget by €50,000; ranked lower than every chosen project.")
    ]


@pytest.mark.parametrize(
    ("request_kw", "field", "message"),
    [
        ({"budget": -5}, "budget", "The budget cannot be negative (-€5)."),
        (
            {"budget": 30_000},
            "budget",
            "The budget of €30,000 is too small for any candidate: the cheapest, PRJ-D, costs €40,000.",
        ),
        (
            {"budget": 100_000, "period_end": START - timedelta(days=1)},
            "period_end",
            "The period ends (2026-04-05) before it starts (2026-04-06).",
        ),
    ],
)
def test_infeasible_requests_are_refused_with_a_sentence(
    session: Session,
    pf: Portfolio,
    request_kw: dict[str, Any],
    field: str,
    message: str,
) -> None:
    request = SelectionRequest(
        budget=request_kw["budget"],
        period_start=START,
        period_end=request_kw.get("period_end", END),
        role_capacity_hours={},
    )
    with pytest.raises(ValidationError) as refused:
        suggest_portfolio(session, request)
    assert (refused.value.field, refused.value.message) == (field, message)


def test_must_include_over_a_limit_is_refused(session: Session, pf: Portfolio) -> None:
    p = pf.projects
    both = frozenset({p["PRJ-A"].id, p["PRJ-B"].id})
    with pytest.raises(
        ValidationError, match=r"cost €110,000 together, more than the budget of €100,000"
    ) as over:
        suggest_portfolio(session, _request(100_000, must_include=both))
    assert over.value.field == "must_include"
    _hours(session, p["PRJ-A"], pf.developer, 15)
    with pytest.raises(
        ValidationError, match="need 60 h of Developer in the period, more than the 40 h available"
    ):
        suggest_portfolio(
            session,
            _request(
                500_000, roles={pf.developer.id: 40.0}, must_include=frozenset({p["PRJ-A"].id})
            ),
        )


def test_no_candidates_is_refused(session: Session) -> None:
    records.create(session, ScoringCriterion, {"code": "VALUE", "name": "Value"})
    with pytest.raises(ValidationError, match="There are no candidate projects"):
        suggest_portfolio(session, _request(100_000))


def test_projects_without_a_budget_are_not_weighed(session: Session, pf: Portfolio) -> None:
    stage = session.get(Stage, pf.projects["PRJ-A"].stage_id)
    value = records.get_by_code(session, ScoringCriterion, "VALUE")
    _project(session, "PRJ-E", 100, None, stage, value)  # type: ignore[arg-type]
    result = suggest_portfolio(session, _request(100_000))
    reasons = {p.code: why for p, why in result.left_out}
    assert reasons["PRJ-E"].startswith("Has no budget or rough cost yet")
    assert any(
        line == "Not weighed, having no budget or rough cost: PRJ-E." for line in result.explanation
    )
