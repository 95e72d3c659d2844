"""The scoring model: hand-computed scores, inverted and missing criteria, ties, zero weights, writes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlmodel import Session, col, select

from pmodesk.domain import (
    AuditEvent,
    Project,
    ProjectScore,
    ScoringCriterion,
    Stage,
    StrategicObjective,
)
from pmodesk.domain.enums import ProjectState
from pmodesk.domain.errors import ValidationError
from pmodesk.services import records, scoring
from pmodesk.services.setup import prepare_session, seed_scoring_model


@dataclass
class Model:
    a: ScoringCriterion  # weight 2, 1–5, higher is better
    b: ScoringCriterion  # weight 1, 1–5, lower is better (a risk)
    c: ScoringCriterion  # weight 1, 0–10, higher is better
    projects: list[Project]


def _criterion(
    s: Session, code: str, weight: float, low: int, high: int, higher: bool
) -> ScoringCriterion:
    return records.create(
        s,
        ScoringCriterion,
        {
            "code": code,
            "name": code.title(),
            "weight": weight,
            "scale_min": low,
            "scale_max": high,
            "higher_is_better": higher,
        },
    )


@pytest.fixture
def model(session: Session) -> Model:
    """Four projects scored by hand on three criteria (a fresh workspace: no default model)."""
    stage = records.create(session, Stage, {"code": "IDEA", "name": "Idea", "position": 1})
    a = _criterion(session, "A", 2, 1, 5, True)
    b = _criterion(session, "B", 1, 1, 5, False)
    c = _criterion(session, "C", 1, 0, 10, True)
    projects = [
        records.create(
            session, Project, {"code": f"PRJ-{n}", "name": f"Project {n}", "stage_id": stage.id}
        )
        for n in (1, 2, 3, 4)
    ]
    given = {
        "PRJ-1": {"A": 4, "B": 3, "C": 7},
        "PRJ-2": {"A": 5, "C": 10},  # B not scored
        "PRJ-3": {"A": 1, "B": 1, "C": 0},
        "PRJ-4": {"A": 4, "B": 3, "C": 7},  # the same as PRJ-1: a tie
    }
    ids = {"A": a.id, "B": b.id, "C": c.id}
    for project in projects:
        for code, score in given[project.code].items():
            scoring.set_score(session, project.id, ids[code], score)
    return Model(a, b, c, projects)


def _by_code(ranked: list[scoring.RankedProject]) -> dict[str, scoring.RankedProject]:
    return {r.code: r for r in ranked}


def test_scores_contributions_and_competition_ranks(session: Session, model: Model) -> None:
    ranked = scoring.rank_projects(session)

    # PRJ-1: A (4-1)/4 = .75 x 2; B 1-(3-1)/4 = .5 x 1; C 7/10 = .7 x 1; over weight 4:
    # 100 x (1.5 + .5 + .7) / 4 = 67.5, from 37.5 + 12.5 + 17.5.
    # PRJ-2: A 1 x 2, B unscored = worst = 0, C 1 -> 100 x 3 / 4 = 75.
    # PRJ-3: A 0, B 1-(1-1)/4 = 1, C 0 -> 25.
    assert [(r.code, r.score, r.rank) for r in ranked] == [
        ("PRJ-2", 75.0, 1),
        ("PRJ-1", 67.5, 2),
        ("PRJ-4", 67.5, 2),
        ("PRJ-3", 25.0, 4),
    ]
    first = _by_code(ranked)["PRJ-1"]
    assert first.contributions == {"A": 37.5, "B": 12.5, "C": 17.5}
    assert first.raw_scores == {"A": 4, "B": 3, "C": 7}
    assert first.missing == []
    second = _by_code(ranked)["PRJ-2"]
    assert second.missing == ["B"]
    assert second.contributions == {"A": 50.0, "B": 0.0, "C": 25.0}
    assert _by_code(ranked)["PRJ-3"].contributions["B"] == 25.0  # the inverted scale


def test_a_zero_weight_criterion_is_ignored(session: Session, model: Model) -> None:
    scoring.set_weight(session, model.a.id, 0)
    ranked = scoring.rank_projects(session)
    # Only B and C count, weight 1 each: PRJ-1 (.5 + .7)/2 = 60; PRJ-2 (0 + 1)/2 = 50; PRJ-3 (1 + 0)/2 = 50.
    assert [(r.code, r.score, r.rank) for r in ranked] == [
        ("PRJ-1", 60.0, 1),
        ("PRJ-4", 60.0, 1),
        ("PRJ-2", 50.0, 3),
        ("PRJ-3", 50.0, 3),
    ]
    assert "A" not in ranked[0].contributions
    assert ranked[0].raw_scores["A"] == 4


def test_all_weights_zero_is_refused_naming_the_weight(session: Session, model: Model) -> None:
    zero = {c.id: 0.0 for c in (model.a, model.b, model.c)}
    with pytest.raises(ValidationError, match="give at least one criterion a weight") as refused:
        scoring.rank_projects(session, weights=zero)
    assert refused.value.field == "weight"


def test_a_weight_override_reranks_without_writing(session: Session, model: Model) -> None:
    before = session.exec(select(AuditEvent)).all()
    ranked = scoring.rank_projects(session, weights={model.b.id: 10.0})
    # B now weighs 10 of 13: PRJ-3's perfect B puts it first: 100 x (0 + 10 + 0) / 13 = 76.9.
    assert ranked[0].code == "PRJ-3"
    assert ranked[0].score == 76.9
    assert session.get(ScoringCriterion, model.b.id).weight == 1.0  # type: ignore[union-attr]
    assert session.exec(select(AuditEvent)).all() == before
    with pytest.raises(ValidationError) as negative:
        scoring.rank_projects(session, weights={model.b.id: -1.0})
    assert negative.value.field == "weight"


def test_set_weight_is_validated_and_audited(session: Session, model: Model) -> None:
    scoring.set_weight(session, model.a.id, 0.5, source="priorities")
    event = session.exec(
        select(AuditEvent).where(AuditEvent.entity_id == model.a.id, AuditEvent.field == "weight")
    ).one()
    assert (event.old, event.new, event.source) == ("2", "0.5", "priorities")
    for bad in (-1, float("nan")):
        with pytest.raises(ValidationError) as refused:
            scoring.set_weight(session, model.a.id, bad)
        assert refused.value.field == "weight"


def test_set_score_checks_the_scale_removes_and_restores(session: Session, model: Model) -> None:
    project = model.projects[0]
    with pytest.raises(ValidationError, match="from 1 to 5, not 6") as refused:
        scoring.set_score(session, project.id, model.a.id, 6)
    assert refused.value.field == "score"
    scoring.set_score(session, project.id, model.c.id, 0)  # 0 is on C's 0-10 scale

    scoring.set_score(session, project.id, model.a.id, None)
    assert _by_code(scoring.rank_projects(session))["PRJ-1"].missing == ["A"]
    scoring.set_score(session, project.id, model.a.id, 5, "Board view")
    rows = session.exec(
        select(ProjectScore).where(
            ProjectScore.project_id == project.id, ProjectScore.criterion_id == model.a.id
        )
    ).all()
    assert [(r.score, r.note, r.archived_at) for r in rows] == [(5, "Board view", None)]
    actions = [
        e.action.value
        for e in session.exec(
            select(AuditEvent)
            .where(AuditEvent.entity_id == rows[0].id)
            .order_by(col(AuditEvent.at))
        )
    ]
    assert actions[0] == "create"
    assert "archive" in actions
    assert "restore" in actions


def test_set_score_keeps_the_projects_priority_score_current(
    session: Session, model: Model
) -> None:
    """Scoring a project refreshes its stored priority score at once (the register shows it)."""
    stored = {p.code: p.priority_score for p in session.exec(select(Project))}
    assert stored == {"PRJ-1": 67.5, "PRJ-2": 75.0, "PRJ-3": 25.0, "PRJ-4": 67.5}
    project = model.projects[0]
    criterion = next(c for c in scoring.criteria(session) if c.code == "A")
    scoring.set_score(session, project.id, criterion.id, 1, source="priorities")
    assert project.priority_score != 67.5
    assert project.priority_score == scoring.priority_scores(session, [project.id])[project.id]


def test_update_priority_scores_writes_only_what_is_out_of_date(
    session: Session, model: Model
) -> None:
    unscored = records.create(
        session, Project, {"code": "PRJ-5", "name": "Not scored yet", "priority_score": 40.0}
    )
    assert scoring.update_priority_scores(session, source="priorities") == 1
    stored = {p.code: p.priority_score for p in session.exec(select(Project))}
    assert stored == {"PRJ-1": 67.5, "PRJ-2": 75.0, "PRJ-3": 25.0, "PRJ-4": 67.5, "PRJ-5": None}
    events = session.exec(
        select(AuditEvent).where(
            AuditEvent.field == "priority_score", AuditEvent.source == "priorities"
        )
    ).all()
    assert [(e.code, e.old, e.new) for e in events] == [("PRJ-5", "40", None)]
    assert scoring.update_priority_scores(session) == 0  # nothing changed
    assert unscored.priority_score is None


def test_ranking_takes_live_projects_by_default(session: Session, model: Model) -> None:
    from pmodesk.services.projects import change_state

    change_state(session, model.projects[2], ProjectState.CLOSED, "Delivered")
    records.archive(session, model.projects[3])
    assert [r.code for r in scoring.rank_projects(session)] == ["PRJ-2", "PRJ-1"]
    chosen = scoring.rank_projects(session, project_ids=[model.projects[2].id])
    assert [r.code for r in chosen] == ["PRJ-3"]


def test_criteria_list_and_validation(session: Session, model: Model) -> None:
    assert [(c.code, c.weight, c.higher_is_better) for c in scoring.criteria(session)] == [
        ("A", 2.0, True),
        ("B", 1.0, False),
        ("C", 1.0, True),
    ]
    with pytest.raises(ValidationError) as scale:
        _criterion(session, "D", 1, 5, 5, True)
    assert scale.value.field == "scale_max"
    with pytest.raises(ValidationError) as name:
        records.create(session, ScoringCriterion, {"code": "E", "name": " "})
    assert name.value.field == "name"


def test_no_criteria_at_all_is_a_clear_refusal(session: Session) -> None:
    with pytest.raises(ValidationError, match="has no criteria yet"):
        scoring.rank_projects(session)


# ------------------------------------------------------------------ the default model


def test_set_up_seeds_a_default_scoring_model_once(session: Session) -> None:
    assert prepare_session(session)
    model = scoring.criteria(session)
    assert [c.code for c in model] == ["FIT", "VALUE", "RISK", "URGENCY", "COST", "RESOURCE"]
    lower_is_better = {c.code for c in model if not c.higher_is_better}
    assert lower_is_better == {"RISK", "COST", "RESOURCE"}
    assert all((c.scale_min, c.scale_max) == (1, 5) and c.weight > 0 for c in model)
    assert seed_scoring_model(session) == 0
    assert prepare_session(session) is False
    assert len(scoring.criteria(session)) == 6


def test_an_older_workspace_with_objectives_gets_fit_per_objective(session: Session) -> None:
    records.create(session, Stage, {"code": "IDEA", "name": "Idea", "position": 1})
    records.create(
        session, StrategicObjective, {"code": "OBJ-01", "name": "Grow revenue", "weight": 3}
    )
    records.create(session, StrategicObjective, {"code": "OBJ-02", "name": "Cut cost", "weight": 1})

    assert prepare_session(session) is False  # the lifecycle is left alone ...
    model = scoring.criteria(session)  # ... but the scoring model is added
    fit = [c for c in model if c.objective_code]
    assert [(c.code, c.objective_code, c.weight) for c in fit] == [
        ("FIT-OBJ-01", "OBJ-01", 2.25),
        ("FIT-OBJ-02", "OBJ-02", 0.75),
    ]
    assert "FIT" not in {c.code for c in model}
