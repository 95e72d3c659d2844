"""The demo portfolio: complete, consistent, realistic, deterministic, cancellable, refused when not empty."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, func, select

from pmodesk.domain import (
    RECORD_KINDS,
    Allocation,
    AuditEvent,
    Benefit,
    CapacityException,
    Decision,
    GateChecklistItem,
    Lesson,
    Milestone,
    Person,
    Project,
    ProjectChecklistItem,
    ProjectDependency,
    PublicHoliday,
    RaidItem,
    Role,
    Stage,
    StatusReport,
    Team,
)
from pmodesk.domain.enums import DecisionStatus, ProjectState, Rag, RagDimension, RaidKind
from pmodesk.domain.errors import ValidationError
from pmodesk.domain.rules import rag_rollup
from pmodesk.services import records
from pmodesk.services.demo import DemoCancelled, DemoSize, generate_demo
from pmodesk.services.demo.names import ascii_fold, project_names
from pmodesk.services.demo.world import code_width
from pmodesk.services.setup import is_empty
from pmodesk.services.validation import run_validators
from pmodesk.store import Workspace, open_workspace

TODAY = date(2026, 3, 18)  # a Wednesday
SMALL = DemoSize(projects=24, people=30, weeks=12, portfolios=2, programmes=3, teams=4, seed=7)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, dict[str, int]]]:
    """One standard-size demo workspace shared by the read-only tests of this module."""
    workspace = open_workspace(tmp_path_factory.mktemp("demo") / "demo.pmodesk")
    counts = generate_demo(workspace, today=TODAY)
    yield workspace, counts
    workspace.close()


@pytest.fixture
def s(demo: tuple[Workspace, dict[str, int]]) -> Iterator[Session]:
    with demo[0].session() as session:
        yield session
        session.rollback()


def _all[T](s: Session, model: type[T]) -> list[T]:
    return list(s.exec(select(model)))


def _count(s: Session, model: type) -> int:
    return int(s.exec(select(func.count()).select_from(model)).one())


def _stage_codes(s: Session) -> dict[Any, str]:
    return {st.id: st.code for st in _all(s, Stage)}


# ------------------------------------------------------------------ the standard demo


def test_every_record_kind_has_rows_and_counts_match(
    demo: tuple[Workspace, dict[str, int]], s: Session
) -> None:
    _workspace, counts = demo
    for kind, model in RECORD_KINDS.items():
        assert _count(s, model) > 0, kind
        assert counts[model.__tablename__] == _count(s, model), kind  # type: ignore[index]
    assert counts["project"] == 60
    assert counts["person"] == 120
    assert counts["portfolio"] == 3
    assert counts["programme"] == 8
    assert counts["team"] == 10


def test_projects_cover_every_stage_state_and_rag(s: Session) -> None:
    projects = _all(s, Project)
    codes = _stage_codes(s)
    assert {codes[p.stage_id] for p in projects} == {
        "IDEA",
        "ASSESS",
        "APPROVED",
        "DELIVERY",
        "CLOSING",
        "CLOSED",
    }
    assert {p.state for p in projects} == set(ProjectState)
    assert {p.rag_overall for p in projects} >= set(Rag)
    for dim in RagDimension:
        assert {getattr(p, f"rag_{dim.value}") for p in projects} >= set(Rag), dim


def test_overall_rag_is_the_worst_dimension(s: Session) -> None:
    for p in _all(s, Project):
        dims = [p.rag_schedule, p.rag_cost, p.rag_scope, p.rag_resources]
        assert p.rag_overall == rag_rollup(dims), p.code


def test_project_codes_and_names_look_real(s: Session) -> None:
    projects = sorted(_all(s, Project), key=lambda p: p.code)
    assert [p.code for p in projects] == [f"PRJ-{n:03d}" for n in range(1, 61)]
    assert len({p.name for p in projects}) == 60
    assert all(p.description.startswith(p.name) for p in projects)
    people = {p.name for p in _all(s, Person)}
    assert {p.manager for p in projects} <= people
    assert {p.sponsor for p in projects} <= people
    assert all(p.portfolio_id is not None for p in projects)
    assert sum(p.programme_id is not None for p in projects) > 30


def test_dates_money_and_progress_fit_the_stage(s: Session) -> None:
    codes = _stage_codes(s)
    for p in _all(s, Project):
        stage = codes[p.stage_id]
        assert p.planned_start is not None
        assert p.planned_finish is not None
        assert p.planned_start <= p.planned_finish
        if stage == "IDEA":
            assert (p.actual_start, p.actual_finish, p.actual_cost) == (None, None, None), p.code
            assert p.planned_start > TODAY
        if stage == "CLOSED":
            assert p.state is ProjectState.CLOSED
            assert p.actual_finish is not None, p.code
            assert p.actual_finish <= TODAY, p.code
            assert p.percent_complete == 100
        else:
            assert p.actual_finish is None, p.code
        if stage == "DELIVERY":
            assert p.actual_start is not None
            assert p.actual_start <= TODAY
            assert 0 < (p.percent_complete or 0) < 100
            assert (p.actual_cost or 0) > 0
        if p.budget is not None:
            assert 40_000 <= p.budget <= 15_000_000


def test_every_generated_record_passes_the_services_validation(s: Session) -> None:
    for model in (
        Project,
        Person,
        Milestone,
        RaidItem,
        Decision,
        StatusReport,
        Benefit,
        CapacityException,
    ):
        for record in _all(s, model):
            run_validators(s, record, None)
    for allocation in s.exec(select(Allocation).limit(1000)):
        run_validators(s, allocation, None)


def test_people_have_roles_teams_part_time_and_leave(s: Session) -> None:
    people = _all(s, Person)
    assert all(p.team_id is not None and p.role_id is not None for p in people)
    roles = {r.name for r in _all(s, Role)}
    for role in (
        "Project Manager",
        "Business Analyst",
        "Developer",
        "Tester",
        "Architect",
        "Data Analyst",
        "Designer",
        "Change Manager",
    ):
        assert role in roles
    used = {p.role_id for p in people}
    assert len(used) == len(roles)
    assert any(p.part_time_factor < 1 for p in people)
    assert len({p.email for p in people}) == len(people)
    assert all(re.fullmatch(r"[a-z0-9.]+@northwind\.example", p.email) for p in people)
    kinds = {c.kind.value for c in _all(s, CapacityException)}
    assert "leave" in kinds
    assert _all(s, PublicHoliday), "public holidays are kept per calendar, not as exceptions"
    teams = _all(s, Team)
    assert all(t.lead in {p.name for p in people} for t in teams)


def test_names_are_international(s: Session) -> None:
    names = [p.name for p in _all(s, Person)]
    assert len(set(names)) == len(names)
    text = "".join(names)
    assert re.search(r"[\u0400-\u04FF]", text), "Cyrillic"
    assert re.search(r"[\u0370-\u03FF]", text), "Greek"
    assert re.search(r"[\u4E00-\u9FFF]", text), "Chinese"
    assert re.search(r"[À-ÿĀ-ž]", text), "accented Latin"


def test_allocations_over_and_under_use_and_placeholders(s: Session) -> None:
    people = {p.id: p for p in _all(s, Person)}
    allocations = _all(s, Allocation)
    weeks = {a.week_start for a in allocations}
    assert all(w.weekday() == 0 for w in weeks)
    assert len(weeks) == 52
    monday = TODAY - timedelta(days=TODAY.weekday())
    assert min(weeks) <= monday <= max(weeks)
    per_week: dict[tuple[Any, date], float] = defaultdict(float)
    for a in allocations:
        if a.person_id is not None:
            per_week[a.person_id, a.week_start] += a.hours

    def capacity(pid: Any) -> float:
        return people[pid].weekly_capacity_hours * people[pid].part_time_factor

    over = {pid for (pid, _w), hours in per_week.items() if hours > capacity(pid)}
    assert len(over) >= 3
    totals: dict[Any, float] = defaultdict(float)
    for (pid, _w), hours in per_week.items():
        totals[pid] += hours
    under = [pid for pid in people if totals.get(pid, 0) / (52 * capacity(pid)) < 0.5]
    assert len(under) >= 3
    placeholders = [a for a in allocations if a.person_id is None]
    assert placeholders
    assert all(a.role_id is not None and a.tentative for a in placeholders)


def test_milestones_slip_and_some_are_overdue(s: Session) -> None:
    milestones = _all(s, Milestone)
    slipped = [
        m
        for m in milestones
        if m.forecast_date
        and m.baseline_date
        and m.forecast_date > m.baseline_date + timedelta(days=7)
    ]
    overdue = [
        m
        for m in milestones
        if m.actual_date is None and m.forecast_date and m.forecast_date < TODAY
    ]
    done = [m for m in milestones if m.actual_date is not None]
    assert slipped
    assert overdue
    assert done
    assert all(m.actual_date <= TODAY for m in done if m.actual_date)
    assert any(m.is_gate for m in milestones)


def test_raid_decisions_and_dependencies(s: Session) -> None:
    raid = _all(s, RaidItem)
    assert {r.kind for r in raid} == set(RaidKind)
    risks = [r for r in raid if r.kind is RaidKind.RISK]
    assert all(1 <= (r.probability or 0) <= 5 and 1 <= (r.impact or 0) <= 5 for r in risks)
    assert any(r.project_id is None for r in raid)  # held by a portfolio board
    decisions = _all(s, Decision)
    assert {DecisionStatus.PENDING, DecisionStatus.APPROVED, DecisionStatus.REJECTED} <= {
        d.status for d in decisions
    }
    for d in decisions:
        assert d.forum
        decided = d.status in (DecisionStatus.APPROVED, DecisionStatus.REJECTED)
        assert (d.decided_on is not None) == decided, d.code
    dependencies = _all(s, ProjectDependency)
    assert dependencies
    assert all(d.predecessor_id != d.successor_id for d in dependencies)


def test_status_reports_cover_six_months_with_a_moving_trend(s: Session) -> None:
    reports = _all(s, StatusReport)
    periods = {r.period for r in reports}
    assert periods <= {"2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"}
    assert "2026-03" in periods
    assert "2025-10" in periods
    projects = {p.id: p for p in _all(s, Project)}
    assert all(projects[r.project_id].state is ProjectState.ACTIVE for r in reports)
    by_project: dict[Any, list[StatusReport]] = defaultdict(list)
    for r in reports:
        by_project[r.project_id].append(r)
        assert r.rag_overall == rag_rollup(
            [r.rag_schedule, r.rag_cost, r.rag_scope, r.rag_resources]
        )
    moving = [rs for rs in by_project.values() if len({r.rag_overall for r in rs}) > 1]
    assert moving
    for pid, rs in by_project.items():
        latest = max(rs, key=lambda r: r.period)
        assert latest.rag_overall == projects[pid].rag_overall


def test_passed_gates_are_answered(s: Session) -> None:
    codes = _stage_codes(s)
    order = ["IDEA", "ASSESS", "APPROVED", "DELIVERY", "CLOSING", "CLOSED"]
    items = _all(s, GateChecklistItem)
    answers = {(a.project_id, a.item_id): a for a in _all(s, ProjectChecklistItem)}
    delivery = [p for p in _all(s, Project) if codes[p.stage_id] == "DELIVERY"]
    for p in delivery:
        for item in items:
            if order.index(codes[item.stage_id]) < order.index("DELIVERY"):
                answer = answers[p.id, item.id]
                assert answer.status.value in ("done", "waived")
                assert answer.completed_at is not None
                if answer.status.value == "waived":
                    assert not item.required
                    assert answer.reason


def test_benefits_lessons_and_the_audit_summary(s: Session) -> None:
    codes = _stage_codes(s)
    projects = {p.id: p for p in _all(s, Project)}
    benefits = _all(s, Benefit)
    assert any(b.realised_value is not None for b in benefits)
    for b in benefits:
        assert b.measure
        assert b.baseline_value is not None
        assert b.target_value is not None
        if b.realised_value is not None:
            assert codes[projects[b.project_id].stage_id] in ("DELIVERY", "CLOSING", "CLOSED")
    assert _all(s, Lesson)
    summary = s.exec(select(AuditEvent).where(AuditEvent.entity == "workspace")).one()
    assert summary.code == "DEMO"
    assert summary.user == "tester"
    assert '"project": 60' in (summary.new or "")


def test_a_workspace_with_projects_is_refused(demo: tuple[Workspace, dict[str, int]]) -> None:
    workspace, _counts = demo
    with pytest.raises(ValidationError, match="already holds projects"):
        generate_demo(workspace, SMALL, today=TODAY)
    with workspace.session() as session:
        assert _count(session, Project) == 60


# ------------------------------------------------------------------ sizes, determinism, cancel


def _content(workspace: Workspace) -> dict[str, Any]:
    """What a person sees, without the ids (which are fresh every time)."""
    with workspace.session() as s:
        projects = sorted(
            (
                p.code,
                p.name,
                p.manager,
                p.state.value,
                p.rag_overall,
                p.planned_start,
                p.budget,
                p.percent_complete,
            )
            for p in _all(s, Project)
        )
        people = sorted((p.code, p.name, p.email, p.part_time_factor) for p in _all(s, Person))
        codes = {p.id: p.code for p in _all(s, Project)}
        names = {p.id: p.code for p in _all(s, Person)}
        hours = sorted(
            (names[a.person_id] if a.person_id else "-", codes[a.project_id], a.week_start, a.hours)
            for a in _all(s, Allocation)
        )
        raid = sorted((r.code, r.title, r.probability, r.impact) for r in _all(s, RaidItem))
    return {"projects": projects, "people": people, "hours": hours, "raid": raid}


def _fresh(tmp_path: Path, name: str) -> Workspace:
    return open_workspace(tmp_path / f"{name}.pmodesk")


def test_the_same_seed_gives_the_same_portfolio(tmp_path: Path) -> None:
    first, second, other = (_fresh(tmp_path, n) for n in ("a", "b", "c"))
    try:
        generate_demo(first, SMALL, today=TODAY)
        generate_demo(second, SMALL, today=TODAY)
        generate_demo(other, replace(SMALL, seed=8), today=TODAY)
        assert _content(first) == _content(second)
        assert _content(first)["projects"] != _content(other)["projects"]
    finally:
        for ws in (first, second, other):
            ws.close()


def test_a_small_demo_scales_down(tmp_path: Path) -> None:
    workspace = _fresh(tmp_path, "small")
    try:
        counts = generate_demo(workspace, SMALL, today=TODAY)
        assert counts["project"] == 24
        assert counts["person"] == 30
        assert counts["team"] == 4
        with workspace.session() as s:
            weeks = {a.week_start for a in _all(s, Allocation) if a.scenario_id is None}
            assert len(weeks) == 12
            assert {p.code for p in _all(s, Project)} >= {"PRJ-001", "PRJ-024"}
    finally:
        workspace.close()


def test_progress_is_reported_up_to_the_total(tmp_path: Path) -> None:
    workspace = _fresh(tmp_path, "progress")
    calls: list[tuple[int, int, str]] = []
    try:
        generate_demo(
            workspace, SMALL, progress=lambda d, t, m: calls.append((d, t, m)), today=TODAY
        )
    finally:
        workspace.close()
    assert len(calls) > 18
    done = [d for d, _t, _m in calls]
    assert done == sorted(done)
    assert calls[-1][0] == calls[-1][1]
    assert all(m for _d, _t, m in calls)


def test_cancel_leaves_nothing_written(tmp_path: Path) -> None:
    workspace = _fresh(tmp_path, "cancel")
    polls = 0

    def cancelled() -> bool:
        nonlocal polls
        polls += 1
        return polls > 12  # well into the generation: people, projects and more are written

    try:
        with pytest.raises(DemoCancelled, match="nothing was written"):
            generate_demo(workspace, SMALL, cancelled=cancelled, today=TODAY)
        with workspace.session() as s:
            assert is_empty(s)
            for kind, model in RECORD_KINDS.items():
                assert _count(s, model) == 0, kind
        # And the workspace is still usable: a demo can be made afterwards.
        assert generate_demo(workspace, SMALL, today=TODAY)["project"] == 24
    finally:
        workspace.close()


def test_a_custom_lifecycle_is_used_as_it_is(tmp_path: Path) -> None:
    workspace = _fresh(tmp_path, "custom")
    try:
        with workspace.session() as s:
            for position, code in enumerate(("PROPOSE", "DELIVER", "DONE"), start=1):
                stage = records.create(
                    s, Stage, {"code": code, "name": code.title(), "position": position}
                )
                for n in (1, 2):
                    records.create(
                        s,
                        GateChecklistItem,
                        {
                            "code": f"{code}-{n}",
                            "stage_id": stage.id,
                            "text": f"Check {n}",
                            "position": n,
                        },
                    )
        generate_demo(workspace, SMALL, today=TODAY)
        with workspace.session() as s:
            assert set(_stage_codes(s).values()) == {"PROPOSE", "DELIVER", "DONE"}
            assert len({p.stage_id for p in _all(s, Project)}) == 3
            assert _all(s, ProjectChecklistItem)
    finally:
        workspace.close()


@pytest.mark.parametrize(
    ("field", "size"),
    [
        ("projects", DemoSize(projects=0)),
        ("people", DemoSize(people=-5)),
        ("weeks", DemoSize(weeks=10_000)),
        ("teams", DemoSize(teams=0)),
    ],
)
def test_impossible_sizes_are_refused(workspace: Workspace, field: str, size: DemoSize) -> None:
    with pytest.raises(ValidationError) as caught:
        generate_demo(workspace, size, today=TODAY)
    assert caught.value.field == field
    with workspace.session() as s:
        assert _count(s, Stage) == 0


def test_code_width_grows_with_the_size() -> None:
    assert code_width(60, 3) == 3
    assert code_width(999, 3) == 3
    assert code_width(1000, 3) == 4
    assert code_width(10_000, 3) == 5


def test_project_names_stay_distinct_at_large_sizes() -> None:
    import random

    names = project_names(random.Random(1), 12_000)
    assert len(set(names)) == 12_000
    assert "Customer portal relaunch" in names


def test_ascii_fold_makes_email_safe_names() -> None:
    assert ascii_fold("Zoë Müller") == "Zoe Muller"
    assert ascii_fold("José Álvarez") == "Jose Alvarez"
    assert ascii_fold("Øystein Łukasz Đặng") == "Oystein Lukasz Dang"
