"""Portfolio selection: the set of candidate projects with the highest total priority score that fits.

Given a budget and the hours each role has available in a period, the PMO
asks which candidates to fund. This is a 0/1 knapsack with one constraint
per role besides the budget, solved exactly by branch and bound: candidates
are tried in order of score per unit of cost, and a branch is cut when even
the fractional (linear) relaxation over the budget cannot beat the best set
found. Candidates are tens of projects; the search is bounded by a node and a
time limit, and says so plainly when it stops before proving the best set.

The result explains itself in sentences: what was maximised, within which
limits, which limit binds, and why each project left out was left out.
"""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from pmodesk.domain import Allocation, Person, Project, Role, Stage
from pmodesk.domain.enums import ProjectState
from pmodesk.domain.errors import ValidationError
from pmodesk.services.scoring import RankedProject, rank_projects
from pmodesk.services.settings import CURRENCY, get_setting

__all__ = [
    "KnapsackSolution",
    "SelectionRequest",
    "SelectionResult",
    "candidate_ids",
    "knapsack",
    "role_demand",
    "suggest_portfolio",
]

NODE_LIMIT = 400_000
TIME_LIMIT_SECONDS = 5.0
CURRENCY_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$"}
#: The stage from which projects are committed; candidates sit in the stages before it.
DELIVERY_CODE = "DELIVERY"
_EPS = 1e-6


@dataclass(frozen=True)
class SelectionRequest:
    """The limits of the selection and, optionally, the candidates and the PMO's own choices."""

    budget: float
    period_start: date
    period_end: date
    role_capacity_hours: Mapping[uuid.UUID, float]
    candidate_ids: Sequence[uuid.UUID] | None = None
    must_include: frozenset[uuid.UUID] = frozenset()
    must_exclude: frozenset[uuid.UUID] = frozenset()


@dataclass(frozen=True)
class SelectionResult:
    """The suggested portfolio, the projects left out (with why), and the explanation."""

    chosen: list[RankedProject]
    left_out: list[tuple[RankedProject, str]]
    total_score: float
    total_cost: float
    budget: float
    role_use: dict[uuid.UUID, tuple[str, float, float]]
    optimal: bool
    method: str
    explanation: list[str]


# ------------------------------------------------------------------ the solver


@dataclass(frozen=True)
class KnapsackSolution:
    chosen: list[int]
    value: int
    optimal: bool
    nodes: int


def _fits(used: float, extra: float, limit: float) -> bool:
    return used + extra <= limit + _EPS * max(1.0, abs(limit))


def knapsack(
    values: Sequence[int],
    costs: Sequence[float],
    demands: Sequence[Sequence[float]],
    budget: float,
    capacities: Sequence[float],
    *,
    node_limit: int = NODE_LIMIT,
    time_limit: float = TIME_LIMIT_SECONDS,
) -> KnapsackSolution:
    """The subset of items with the highest total value within the budget and every capacity.

    ``demands[i][r]`` is item ``i``'s use of capacity ``r``. Values are whole
    numbers (tenths of a point), so that equal totals compare exactly. Items
    of value zero or less, or too big for a limit on their own, are never
    chosen. Among sets of equal value the first found wins: items are tried by
    value per (normalised) use of the limits, then in the given order.

    A branch is cut when the smallest of several linear relaxations cannot
    beat the best set found: the budget alone, each capacity alone, and their
    sum weighted by the limits (a surrogate constraint).
    """
    limits = [float(budget), *(float(c) for c in capacities)]
    m = len(limits)

    def use(i: int, k: int) -> float:
        return float(costs[i]) if k == 0 else float(demands[i][k - 1])

    items = [
        i
        for i in range(len(values))
        if values[i] > 0 and all(_fits(0.0, use(i, k), limits[k]) for k in range(m))
    ]
    # The surrogate: every limit scaled to 1 and added up.
    scale = [1.0 / limit if limit > 0 else 0.0 for limit in limits]

    def load(i: int) -> float:
        return sum(use(i, k) * scale[k] for k in range(m))

    items.sort(key=lambda i: (-(values[i] / load(i)) if load(i) > 0 else -math.inf, i))
    count = len(items)
    v = [values[i] for i in items]
    w = [[use(i, k) for i in items] for k in range(m)]  # w[k][j]: item j's use of limit k
    w.append([sum(w[k][j] * scale[k] for k in range(m)) for j in range(count)])

    def by_density(weights: list[float]) -> list[int]:
        return sorted(
            range(count), key=lambda j: (-(v[j] / weights[j]) if weights[j] > 0 else -math.inf, j)
        )

    orders = [by_density(weights) for weights in w]
    slack = [_EPS * max(1.0, abs(limit)) for limit in limits]

    def bound(depth: int, value: int, rest: list[float]) -> float:
        """The smallest linear relaxation over the items not decided yet."""
        usable = [
            j >= depth and all(w[k][j] <= rest[k] + slack[k] for k in range(m))
            for j in range(count)
        ]
        surrogate = sum(rest[k] * scale[k] for k in range(m))
        best = math.inf
        for k, room in enumerate([*rest, surrogate]):
            total = float(value)
            weights = w[k]
            for j in orders[k]:
                if not usable[j]:
                    continue
                if weights[j] <= room:
                    room -= weights[j]
                    total += v[j]
                else:
                    total += v[j] * room / weights[j]
                    break
            best = min(best, total)
            if best <= best_value:
                break
        return best

    def fits(j: int, rest: list[float]) -> bool:
        return all(w[k][j] <= rest[k] + slack[k] for k in range(m))

    # A greedy first set gives the search a good incumbent.
    best_value, best_set = 0, []
    rest = list(limits)
    for j in range(count):
        if fits(j, rest):
            rest = [rest[k] - w[k][j] for k in range(m)]
            best_value += v[j]
            best_set.append(j)

    nodes = 0
    stopped = False
    started = time.monotonic()
    chosen: list[int] = []

    def search(depth: int, value: int, rest: list[float]) -> None:
        nonlocal best_value, best_set, nodes, stopped
        if stopped:
            return
        nodes += 1
        if nodes >= node_limit or (nodes % 1024 == 0 and time.monotonic() - started > time_limit):
            stopped = True
            return
        if value > best_value:
            best_value, best_set = value, list(chosen)
        if depth == count or math.floor(bound(depth, value, rest) + 1e-9) <= best_value:
            return
        if fits(depth, rest):
            chosen.append(depth)
            search(depth + 1, value + v[depth], [rest[k] - w[k][depth] for k in range(m)])
            chosen.pop()
        search(depth + 1, value, rest)

    search(0, 0, list(limits))
    return KnapsackSolution(
        chosen=sorted(items[j] for j in best_set),
        value=best_value,
        optimal=not stopped,
        nodes=nodes,
    )


# ------------------------------------------------------------------ reading


def _columns(*columns: Any) -> Select[Any]:
    return sa_select(*columns)


def candidate_ids(session: Session) -> list[uuid.UUID]:
    """Active, live projects in the stages before Delivery (Idea, Assessment, Approved).

    In a lifecycle without a Delivery stage, the first half of the stages count.
    """
    stages = list(
        session.exec(
            select(Stage)
            .where(col(Stage.archived_at).is_(None))
            .order_by(col(Stage.position), col(Stage.code))
        )
    )
    delivery = next(
        (
            n
            for n, s in enumerate(stages)
            if s.code == DELIVERY_CODE or s.name.strip().lower() == "delivery"
        ),
        (len(stages) + 1) // 2,
    )
    early = [s.id for s in stages[:delivery]]
    if not early:
        return []
    statement = _columns(Project.id).where(
        col(Project.archived_at).is_(None),
        col(Project.state) == ProjectState.ACTIVE,
        col(Project.stage_id).in_(early),
    )
    return [row[0] for row in session.execute(statement)]


def role_demand(
    session: Session, project_ids: Sequence[uuid.UUID], start: date, end: date
) -> dict[uuid.UUID, dict[uuid.UUID, float]]:
    """Hours each project needs of each role in the period (the real plan, not scenarios).

    A person's allocation counts for the person's role, a placeholder for its
    role; a week partly inside the period counts for the days inside it.
    """
    if not project_ids:
        return {}
    role = func.coalesce(Person.role_id, Allocation.role_id)
    statement = (
        _columns(Allocation.project_id, role, Allocation.week_start, Allocation.hours)
        .outerjoin(Person, col(Person.id) == Allocation.person_id)
        .where(
            col(Allocation.project_id).in_(list(project_ids)),
            col(Allocation.archived_at).is_(None),
            col(Allocation.scenario_id).is_(None),
            col(Allocation.week_start) <= end,
            col(Allocation.week_start) >= start - timedelta(days=6),
        )
    )
    demand: dict[uuid.UUID, dict[uuid.UUID, float]] = {}
    for project_id, role_id, week_start, hours in session.execute(statement):
        if role_id is None:
            continue
        first = max(week_start, start)
        last = min(week_start + timedelta(days=6), end)
        share = ((last - first).days + 1) / 7
        if share <= 0:
            continue
        per_role = demand.setdefault(project_id, {})
        per_role[role_id] = per_role.get(role_id, 0.0) + hours * share
    return demand


# ------------------------------------------------------------------ wording


@dataclass
class _Words:
    symbol: str

    def money(self, amount: float) -> str:
        sign = "-" if amount < 0 else ""
        return f"{sign}{self.symbol}{abs(amount):,.0f}"

    @staticmethod
    def hours(amount: float) -> str:
        return f"{amount:,.0f} h"

    @staticmethod
    def codes(projects: Sequence[RankedProject], most: int = 4) -> str:
        names = [p.code for p in projects[:most]]
        extra = len(projects) - len(names)
        if extra > 0:
            return ", ".join(names) + f" and {extra} more"
        if len(names) > 1:
            return ", ".join(names[:-1]) + " and " + names[-1]
        return names[0] if names else ""


def _words(session: Session) -> _Words:
    code = str(get_setting(session, CURRENCY))
    return _Words(CURRENCY_SYMBOLS.get(code, f"{code} "))


# ------------------------------------------------------------------ the use case


@dataclass
class _Candidate:
    project: RankedProject
    cost: float | None
    demand: dict[uuid.UUID, float] = field(default_factory=dict)

    @property
    def value(self) -> int:
        return round(self.project.score * 10)


def _check_request(request: SelectionRequest, words: _Words) -> None:
    if not isinstance(request.budget, int | float) or not math.isfinite(request.budget):
        raise ValidationError(
            f"The budget must be an amount, not {request.budget!r}.", field="budget"
        )
    if request.budget < 0:
        raise ValidationError(
            f"The budget cannot be negative ({words.money(request.budget)}).", field="budget"
        )
    if request.period_end < request.period_start:
        raise ValidationError(
            f"The period ends ({request.period_end.isoformat()}) before it starts "
            f"({request.period_start.isoformat()}).",
            field="period_end",
        )
    for hours in request.role_capacity_hours.values():
        if not math.isfinite(hours) or hours < 0:
            raise ValidationError(
                f"The hours a role has available cannot be negative or unknown ({hours!r}).",
                field="role_capacity_hours",
            )
    both = request.must_include & request.must_exclude
    if both:
        raise ValidationError(
            "A project cannot be both included and excluded; choose one for each.",
            field="must_include",
        )


def _role_names(session: Session, role_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    names = {}
    for role_id in role_ids:
        role = session.get(Role, role_id)
        if role is None:
            raise ValidationError(
                "A role given a capacity no longer exists.", field="role_capacity_hours"
            )
        names[role_id] = role.name
    return names


def suggest_portfolio(session: Session, request: SelectionRequest) -> SelectionResult:
    """The candidates to fund: the highest total priority score within every limit.

    Refuses (with one clear sentence) impossible requests: a negative budget,
    a period ending before it starts, no candidates, projects that must be
    included but alone exceed a limit, or limits no candidate fits in.
    """
    words = _words(session)
    _check_request(request, words)
    ids = list(
        dict.fromkeys(
            [
                *(
                    request.candidate_ids
                    if request.candidate_ids is not None
                    else candidate_ids(session)
                ),
                *sorted(request.must_include),
            ]
        )
    )
    if not ids:
        raise ValidationError(
            "There are no candidate projects: no active project is in a stage before Delivery.",
            field="candidate_ids",
        )
    roles = list(request.role_capacity_hours)
    role_names = _role_names(session, roles)
    ranked = rank_projects(session, project_ids=ids)
    found = {p.project_id for p in ranked}
    if len(found) < len(set(ids)):
        raise ValidationError("A candidate project no longer exists.", field="candidate_ids")
    demand = role_demand(session, ids, request.period_start, request.period_end)
    candidates = [_Candidate(p, p.budget, demand.get(p.project_id, {})) for p in ranked]
    excluded = [c for c in candidates if c.project.project_id in request.must_exclude]
    forced = [c for c in candidates if c.project.project_id in request.must_include]
    open_ = [
        c
        for c in candidates
        if c.project.project_id not in request.must_exclude
        and c.project.project_id not in request.must_include
    ]
    if not open_ and not forced:
        raise ValidationError(
            "Every candidate is excluded, so there is nothing to choose from.",
            field="must_exclude",
        )

    # What the projects that must be in use up.
    forced_cost = sum(c.cost or 0.0 for c in forced)
    if forced_cost > request.budget + _EPS * max(1.0, request.budget):
        raise ValidationError(
            f"The projects you must include ({words.codes([c.project for c in forced])}) cost "
            f"{words.money(forced_cost)} together, more than the budget of "
            f"{words.money(request.budget)}; raise the budget or include fewer.",
            field="must_include",
        )
    forced_hours = {r: sum(c.demand.get(r, 0.0) for c in forced) for r in roles}
    for r in roles:
        limit = request.role_capacity_hours[r]
        if not _fits(0.0, forced_hours[r], limit):
            raise ValidationError(
                f"The projects you must include need {words.hours(forced_hours[r])} of "
                f"{role_names[r]} in the period, more than the {words.hours(limit)} available.",
                field="must_include",
            )

    unpriced = [c for c in open_ if c.cost is None]
    worthless = [c for c in open_ if c.cost is not None and c.value <= 0]
    pool = [c for c in open_ if c.cost is not None and c.value > 0]
    room = request.budget - forced_cost
    caps = [request.role_capacity_hours[r] - forced_hours[r] for r in roles]
    solution = knapsack(
        [c.value for c in pool],
        [c.cost or 0.0 for c in pool],
        [[c.demand.get(r, 0.0) for r in roles] for c in pool],
        room,
        caps,
    )
    picked = [pool[i] for i in solution.chosen]
    chosen = sorted([*forced, *picked], key=lambda c: (c.project.rank, c.project.code))
    if not chosen:
        raise _nothing_fits(pool, unpriced, worthless, request, roles, role_names, words)

    total_cost = sum(c.cost or 0.0 for c in chosen)
    used = {r: sum(c.demand.get(r, 0.0) for c in chosen) for r in roles}
    left: list[tuple[_Candidate, str]] = []
    binding_budget: list[_Candidate] = []
    binding_roles: dict[uuid.UUID, list[_Candidate]] = {r: [] for r in roles}
    picked_ids = {c.project.project_id for c in picked}
    for c in sorted(candidates, key=lambda c: (c.project.rank, c.project.code)):
        pid = c.project.project_id
        if pid in picked_ids or pid in request.must_include:
            continue
        if pid in request.must_exclude:
            left.append((c, "Left out as you asked."))
            continue
        if c.cost is None:
            left.append(
                (c, "Has no budget or rough cost yet, so it cannot be weighed against the budget.")
            )
            continue
        if c.value <= 0:
            left.append((c, "Its priority score is 0, so choosing it would add nothing."))
            continue
        problems = []
        over = total_cost + c.cost - request.budget
        if not _fits(0.0, c.cost, request.budget):
            problems.append(f"Costs {words.money(c.cost)} on its own, more than the whole budget")
        elif over > _EPS * max(1.0, request.budget):
            problems.append(f"Would exceed the budget by {words.money(over)}")
            binding_budget.append(c)
        for r in roles:
            need = c.demand.get(r, 0.0)
            limit = request.role_capacity_hours[r]
            spare = limit - used[r]
            if not _fits(0.0, need, limit):
                problems.append(
                    f"{role_names[r]} hours: needs {words.hours(need)}, more than the "
                    f"{words.hours(limit)} of the whole period"
                )
            elif not _fits(0.0, need, spare):
                problems.append(
                    f"{role_names[r]} hours: needs {words.hours(need)}, "
                    f"{words.hours(max(0.0, spare))} left"
                )
                binding_roles[r].append(c)
        if not problems:
            left.append(
                (c, "Would fit as well, but the search stopped before it could be weighed.")
            )
            continue
        lower = [x.project for x in chosen if x.project.score < c.project.score]
        if lower:
            context = f"the lower-ranked {words.codes(lower)} together score more within the limits"
        else:
            context = "ranked lower than every chosen project"
        left.append((c, f"{'; '.join(problems)}; {context}."))

    explanation = _explain(
        request,
        words,
        chosen=chosen,
        candidates=len(candidates),
        total_cost=total_cost,
        used=used,
        roles=roles,
        role_names=role_names,
        binding_budget=binding_budget,
        binding_roles=binding_roles,
        forced=forced,
        excluded=excluded,
        unpriced=unpriced,
        solution=solution,
        searched=len(pool),
    )
    method = (
        "Exact: branch and bound with a linear-relaxation bound"
        if solution.optimal
        else "Best found: branch and bound stopped at its search limit, not proven optimal"
    )
    return SelectionResult(
        chosen=[c.project for c in chosen],
        left_out=[(c.project, reason) for c, reason in left],
        total_score=round(sum(c.project.score for c in chosen), 1),
        total_cost=total_cost,
        budget=request.budget,
        role_use={r: (role_names[r], used[r], request.role_capacity_hours[r]) for r in roles},
        optimal=solution.optimal,
        method=method,
        explanation=explanation,
    )


def _nothing_fits(
    pool: list[_Candidate],
    unpriced: list[_Candidate],
    worthless: list[_Candidate],
    request: SelectionRequest,
    roles: list[uuid.UUID],
    role_names: dict[uuid.UUID, str],
    words: _Words,
) -> ValidationError:
    """Why not a single candidate can be chosen, as one sentence."""
    if not pool:
        if unpriced and not worthless:
            return ValidationError(
                "None of the candidates has a budget or rough cost yet, so none can be weighed "
                "against the budget; give them a rough cost first.",
                field="candidate_ids",
            )
        return ValidationError(
            "None of the candidates has a priority score above 0 and a budget; score them and "
            "give them a rough cost first.",
            field="candidate_ids",
        )
    cheapest = min(pool, key=lambda c: (c.cost or 0.0, c.project.code))
    if (cheapest.cost or 0.0) > request.budget:
        return ValidationError(
            f"The budget of {words.money(request.budget)} is too small for any candidate: the "
            f"cheapest, {cheapest.project.code}, costs {words.money(cheapest.cost or 0.0)}.",
            field="budget",
        )
    affordable = [c for c in pool if (c.cost or 0.0) <= request.budget]
    first = affordable[0]
    for r in roles:
        need = first.demand.get(r, 0.0)
        limit = request.role_capacity_hours[r]
        if not _fits(0.0, need, limit):
            return ValidationError(
                f"No candidate fits the role capacity: {first.project.code}, the best that fits "
                f"the budget, needs {words.hours(need)} of {role_names[r]}, and "
                f"{words.hours(limit)} are available.",
                field="role_capacity_hours",
            )
    return ValidationError(
        "No candidate fits within the budget and the role capacity together.", field="budget"
    )


def _explain(
    request: SelectionRequest,
    words: _Words,
    *,
    chosen: list[_Candidate],
    candidates: int,
    total_cost: float,
    used: dict[uuid.UUID, float],
    roles: list[uuid.UUID],
    role_names: dict[uuid.UUID, str],
    binding_budget: list[_Candidate],
    binding_roles: dict[uuid.UUID, list[_Candidate]],
    forced: list[_Candidate],
    excluded: list[_Candidate],
    unpriced: list[_Candidate],
    solution: KnapsackSolution,
    searched: int,
) -> list[str]:
    total = sum(c.project.score for c in chosen)
    period = f"{request.period_start:%d %b %Y} to {request.period_end:%d %b %Y}"
    lines = [
        f"Maximised the total priority score of the chosen projects: {total:,.1f} points from "
        f"{len(chosen)} of {candidates} candidates, for {period}."
    ]
    limits = [f"a budget of {words.money(request.budget)}"]
    limits += [f"{words.hours(request.role_capacity_hours[r])} of {role_names[r]}" for r in roles]
    if roles:
        lines.append(f"Within {', '.join(limits[:-1])} and {limits[-1]} in the period.")
    else:
        lines.append(f"Within {limits[0]}; no role capacity limits were given.")
    budget_use = f"{words.money(total_cost)} of {words.money(request.budget)} is used"
    if binding_budget:
        lines.append(
            f"The budget binds: {budget_use}; {len(binding_budget)} project"
            f"{'s' if len(binding_budget) > 1 else ''} left out would exceed it."
        )
    else:
        lines.append(f"The budget does not bind: {budget_use}.")
    for r in roles:
        use = (
            f"{words.hours(used[r])} of {words.hours(request.role_capacity_hours[r])} "
            "in the period are used"
        )
        blocked = binding_roles[r]
        if blocked:
            lines.append(
                f"{role_names[r]} capacity binds: {use}; {len(blocked)} project"
                f"{'s' if len(blocked) > 1 else ''} left out would need more than is left."
            )
        else:
            lines.append(f"{role_names[r]} capacity does not bind: {use}.")
    if forced:
        lines.append(f"Kept in as you asked: {words.codes([c.project for c in forced], 8)}.")
    if excluded:
        lines.append(f"Left out as you asked: {words.codes([c.project for c in excluded], 8)}.")
    if unpriced:
        lines.append(
            f"Not weighed, having no budget or rough cost: "
            f"{words.codes([c.project for c in unpriced], 8)}."
        )
    if solution.optimal:
        lines.append(
            f"No other set scores more: an exact branch-and-bound search over {searched} "
            f"candidates ({solution.nodes:,} steps) proves it."
        )
    else:
        lines.append(
            f"The search stopped after {solution.nodes:,} steps; this is the best set it found, "
            "not proven to be the best."
        )
    return lines
