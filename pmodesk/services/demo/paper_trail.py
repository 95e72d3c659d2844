"""The demo's baselines, benefit measurements and project documents.

They come after everything else (and draw from their own random stream) so
that the rest of the demo stays the same for a seed. Baselines: every project
past approval has the baseline it was approved with; a project whose forecast
slipped far was re-baselined once, with a reason. Benefit measurements: the
realised value of a benefit measured quarterly, rising towards the value it
holds today. Documents: the charter and business case of projects past
approval, produced from the workspace's published document templates.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from pmodesk.domain import (
    Benefit,
    BenefitMeasurement,
    Milestone,
    ProjectBaseline,
    ProjectDocument,
    Record,
    Template,
)
from pmodesk.domain.enums import DocumentStatus, TemplateKind, TemplateState
from pmodesk.services.audit import current_user
from pmodesk.services.demo.portfolio import APPROVED, DELIVERY
from pmodesk.services.demo.world import DemoProject, World

Row = dict[str, Any]

#: Slips longer than this made the project's board approve a new baseline.
REBASELINE_SLIP = timedelta(days=60)
REBASELINE_REASONS = (
    "Supplier delivery moved; the board approved the new plan.",
    "Scope extended by an approved change request.",
    "Key people moved to a higher-priority project for a quarter.",
    "Regulatory review added a testing phase.",
)
#: Document templates the demo produces for projects past approval, by code prefix.
DEMO_DOCUMENTS = ("charter", "business")


def build(world: World, session: Session) -> list[tuple[str, type[Record], list[Row]]]:
    """The rows, labelled for the bulk writer. Call after milestones and benefits are written."""
    rng = random.Random(world.size.seed * 1_000_003 + 7)
    return [
        ("baselines", ProjectBaseline, _baselines(world, session, rng)),
        ("benefit measurements", BenefitMeasurement, _measurements(world, session, rng)),
        ("project documents", ProjectDocument, _documents(world, session, rng)),
    ]


def _milestone_baselines(session: Session) -> dict[uuid.UUID, dict[str, str]]:
    found: dict[uuid.UUID, dict[str, str]] = {}
    rows = session.exec(
        select(Milestone.project_id, Milestone.code, col(Milestone.baseline_date)).where(
            col(Milestone.baseline_date).is_not(None)
        )
    )
    for project_id, code, day in rows:
        if day is not None:
            found.setdefault(project_id, {})[code] = day.isoformat()
    return found


def _approved_on(p: DemoProject) -> date:
    return p.planned_start - timedelta(days=21)


def _baselines(world: World, session: Session, rng: random.Random) -> list[Row]:
    milestones = _milestone_baselines(session)
    user = current_user()
    rows: list[Row] = []
    for p in world.projects:
        if p.stage < APPROVED:
            continue
        first = dict(milestones.get(p.id, {}))
        slip = (p.forecast_finish - p.planned_finish) if p.forecast_finish else timedelta(0)
        rebaselined = p.stage >= DELIVERY and slip > REBASELINE_SLIP and rng.random() < 0.6
        original_budget = p.budget
        if rebaselined and p.budget is not None:
            original_budget = round(p.budget / rng.uniform(1.05, 1.2), -3)
        rows.append(
            world.portfolio_row(
                project_id=p.id,
                number=1,
                set_on=min(_approved_on(p), world.today),
                set_by=user,
                reason="Approved at the gate into delivery.",
                planned_start=p.planned_start,
                planned_finish=(p.planned_finish - slip / 2) if rebaselined else p.planned_finish,
                budget=original_budget,
                milestones=first,
                in_force=not rebaselined,
            )
        )
        if rebaselined:
            rows.append(
                world.portfolio_row(
                    project_id=p.id,
                    number=2,
                    set_on=min(
                        p.planned_start + (p.planned_finish - p.planned_start) / 2, world.today
                    ),
                    set_by=user,
                    reason=rng.choice(REBASELINE_REASONS),
                    planned_start=p.planned_start,
                    planned_finish=p.planned_finish,
                    budget=p.budget,
                    milestones=first,
                    in_force=True,
                )
            )
    return rows


def _measurements(world: World, session: Session, rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    benefits = session.exec(
        select(Benefit.id, col(Benefit.baseline_value), col(Benefit.realised_value)).where(
            col(Benefit.realised_value).is_not(None)
        )
    )
    for benefit_id, baseline, realised in benefits:
        if realised is None:
            continue
        quarters = rng.randint(1, 4)
        start = baseline if baseline is not None else 0.0
        for q in range(quarters):
            share = (q + 1) / quarters
            value = start + (realised - start) * share * rng.uniform(0.9, 1.0)
            if q == quarters - 1:
                value = realised
            rows.append(
                world.portfolio_row(
                    benefit_id=benefit_id,
                    measured_on=world.today - timedelta(days=91 * (quarters - 1 - q) + 5),
                    value=round(value, 1),
                    note="" if q < quarters - 1 else "Latest measurement",
                )
            )
    return rows


def _document_templates(session: Session) -> list[Template]:
    """The newest published version of each document template the demo produces."""
    newest: dict[str, Template] = {}
    templates = session.exec(
        select(Template).where(
            Template.kind == TemplateKind.DOCUMENT,
            Template.state == TemplateState.PUBLISHED,
            col(Template.archived_at).is_(None),
        )
    )
    for template in templates:
        wanted = any(word in template.name.lower() for word in DEMO_DOCUMENTS)
        kept = newest.get(template.code)
        if wanted and (kept is None or kept.template_version < template.template_version):
            newest[template.code] = template
    return sorted(newest.values(), key=lambda t: t.code)


def _documents(world: World, session: Session, rng: random.Random) -> list[Row]:
    templates = _document_templates(session)
    rows: list[Row] = []
    for p in world.projects:
        if p.stage < APPROVED:
            continue
        facts = {
            "project_name": p.name,
            "project_code": p.code,
            "sponsor": p.sponsor,
            "manager": p.manager,
            "planned_start": p.planned_start.isoformat(),
            "planned_finish": p.planned_finish.isoformat(),
            "budget": p.budget,
        }
        for template in templates:
            complete = p.stage > APPROVED or rng.random() < 0.5
            rows.append(
                world.portfolio_row(
                    project_id=p.id,
                    template_id=template.id,
                    template_code=template.code,
                    template_version=template.template_version,
                    title=f"{template.name} – {p.name}",
                    status=(DocumentStatus.COMPLETE if complete else DocumentStatus.DRAFT).value,
                    body={"fields": facts, "sections": {}},
                    produced_on=min(_approved_on(p) - timedelta(days=14), world.today),
                )
            )
    return rows
