"""The demo's scores: most live projects scored, plausibly, validly, deterministically, and ranked.

Until the generator runs the scoring step itself, these tests add it the way
the generator is to call it (after every other table).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from pmodesk.domain import Project, ProjectObjective, ProjectScore, ScoringCriterion
from pmodesk.domain.enums import ProjectState
from pmodesk.services import scoring
from pmodesk.services.demo import DemoSize, generate_demo, generator
from pmodesk.services.demo import scoring as demo_scoring
from pmodesk.services.validation import run_validators
from pmodesk.store import Workspace, open_workspace

TODAY = date(2026, 3, 18)
SIZE = DemoSize(projects=80, people=40, weeks=12, portfolios=2, programmes=3, teams=4, seed=11)


@pytest.fixture
def wired(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the demo's scoring step after the other tables, unless the generator does already."""
    if hasattr(generator, "scoring"):
        return
    sessions: list[Session] = []
    prepare = generator.prepare_session  # type: ignore[attr-defined]
    write = generator._write_portfolio

    def prepare_and_keep(session: Session) -> bool:
        sessions.append(session)
        return prepare(session)

    def write_with_scores(world: Any, writer: Any) -> None:
        write(world, writer)
        for label, model, rows in demo_scoring.build(world, sessions[-1]):
            writer.insert(model, rows, label)
        demo_scoring.write_priority_scores(world, sessions[-1])

    monkeypatch.setattr(generator, "prepare_session", prepare_and_keep)
    monkeypatch.setattr(generator, "_write_portfolio", write_with_scores)
    monkeypatch.setattr(generator, "STEPS", generator.STEPS + 1)


def _demo(path: Path) -> Workspace:
    workspace = open_workspace(path)
    generate_demo(workspace, SIZE, today=TODAY)
    return workspace


@pytest.fixture
def s(wired: None, tmp_path: Path) -> Iterator[Session]:
    workspace = _demo(tmp_path / "demo.pmodesk")
    with workspace.session() as session:
        yield session
    workspace.close()


def test_most_live_projects_are_scored_and_ended_ones_not(s: Session) -> None:
    projects = list(s.exec(select(Project)))
    scored = {row.project_id for row in s.exec(select(ProjectScore))}
    live = [p for p in projects if p.state in (ProjectState.ACTIVE, ProjectState.ON_HOLD)]
    ended = [p for p in projects if p not in live]
    assert len([p for p in live if p.id in scored]) >= 0.8 * len(live)
    assert not [p for p in ended if p.id in scored]
    ranked = scoring.rank_projects(s)
    assert any(r.missing for r in ranked if r.project_id in scored)  # some criteria left blank
    assert len({r.score for r in ranked}) > len(ranked) // 4  # a spread, not one value


def test_every_score_passes_validation_and_priority_follows_the_model(s: Session) -> None:
    for row in s.exec(select(ProjectScore)):
        run_validators(s, row, None)
    scored = {row.project_id for row in s.exec(select(ProjectScore))}
    stored = {p.id: p.priority_score for p in s.exec(select(Project))}
    for r in scoring.rank_projects(s):
        assert stored[r.project_id] == (r.score if r.project_id in scored else None)
    assert all(stored[pid] is None for pid in stored if pid not in scored)


def test_strongly_aligned_projects_score_higher_on_fit(s: Session) -> None:
    fit = s.exec(select(ScoringCriterion).where(ScoringCriterion.code == "FIT")).one()
    strongest: dict[Any, int] = {}
    for link in s.exec(select(ProjectObjective)):
        strongest[link.project_id] = max(strongest.get(link.project_id, 0), link.contribution)
    high: list[int] = []
    low: list[int] = []
    for row in s.exec(select(ProjectScore).where(ProjectScore.criterion_id == fit.id)):
        (high if strongest.get(row.project_id, 0) >= 4 else low).append(row.score)
    assert high
    assert low
    assert sum(high) / len(high) > sum(low) / len(low) + 0.5


def test_the_same_seed_gives_the_same_scores(wired: None, tmp_path: Path) -> None:
    def content(workspace: Workspace) -> list[tuple[str, str, int]]:
        with workspace.session() as session:
            codes = {p.id: p.code for p in session.exec(select(Project))}
            criteria = {c.id: c.code for c in session.exec(select(ScoringCriterion))}
            return sorted(
                (codes[r.project_id], criteria[r.criterion_id], r.score)
                for r in session.exec(select(ProjectScore))
            )

    first, second = _demo(tmp_path / "a.pmodesk"), _demo(tmp_path / "b.pmodesk")
    try:
        assert content(first) == content(second) != []
    finally:
        first.close()
        second.close()
