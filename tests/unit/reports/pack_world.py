"""A small portfolio for the review pack's tests, built through the services.

Its names are in every script the pack must print (accented Latin, Cyrillic,
Greek, Chinese) and one is full of markup characters. The period is March
2026, compared with February; "today" is 20 March 2026.

* PRJ-1 (PGM-1): red now, amber before (worsening), an overdue gate milestone,
  a pending overdue decision, a high risk, gate checklist half done;
* PRJ-2 (PGM-1): green, reported both periods;
* PRJ-3 (PGM-2): amber last period, no report this period;
* PRJ-4 (no programme, PF-2): green, Chinese name;
* PRJ-5 (PGM-2): red, name full of ``& < > "``;
* PRJ-6 (PGM-1): closed, left out by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from pmodesk.domain import (
    Decision,
    GateChecklistItem,
    Milestone,
    Portfolio,
    Programme,
    Project,
    ProjectChecklistItem,
    RaidItem,
    Stage,
    StatusReport,
)
from pmodesk.services import records

PERIOD = "2026-03"
PREVIOUS = "2026-02"
TODAY = date(2026, 3, 20)

NAMES = {
    "PRJ-1": "Réseau Ærø – Zoë Łukasik & Søren",
    "PRJ-2": "Модернизация склада «Восток»",
    "PRJ-3": "Αναβάθμιση δικτύου Αθήνας",
    "PRJ-4": "上海新总部搬迁项目",
    "PRJ-5": 'R&D <pilot> "A&B" > 5%',
    "PRJ-6": "Closed ledger clean-up",
}


@dataclass
class PackWorld:
    projects: dict[str, Project]
    delivery: Stage
    gate_items: list[GateChecklistItem]


def _report(session: Session, project: Project, period: str, **values: Any) -> StatusReport:
    return records.create(
        session, StatusReport, {"project_id": project.id, "period": period, **values}
    )


def build_pack_world(session: Session) -> PackWorld:
    idea = records.create(session, Stage, {"code": "IDEA", "name": "Idea", "position": 1})
    delivery = records.create(
        session, Stage, {"code": "DELIVERY", "name": "Delivery", "position": 4}
    )
    items = [
        records.create(
            session,
            GateChecklistItem,
            {"code": f"GCI-{n}", "stage_id": delivery.id, "text": text, "required": required},
        )
        for n, (text, required) in enumerate(
            (("Go-live approved", True), ("Support ready", True), ("Training done", False)), 1
        )
    ]
    pf1 = records.create(session, Portfolio, {"code": "PF-1", "name": "Opérations"})
    pf2 = records.create(session, Portfolio, {"code": "PF-2", "name": "亚洲"})
    pgm1 = records.create(
        session, Programme, {"code": "PGM-1", "name": "Digital Ωmega", "portfolio_id": pf1.id}
    )
    pgm2 = records.create(
        session, Programme, {"code": "PGM-2", "name": "Программа Север", "portfolio_id": pf1.id}
    )
    where = {
        "PRJ-1": (pgm1, pf1, delivery, "active"),
        "PRJ-2": (pgm1, pf1, delivery, "active"),
        "PRJ-3": (pgm2, pf1, idea, "active"),
        "PRJ-4": (None, pf2, delivery, "on_hold"),
        "PRJ-5": (pgm2, pf1, delivery, "active"),
        "PRJ-6": (pgm1, pf1, delivery, "closed"),
    }
    projects = {}
    for code, (programme, portfolio, stage, state) in where.items():
        projects[code] = records.create(
            session,
            Project,
            {
                "code": code,
                "name": NAMES[code],
                "programme_id": programme.id if programme else None,
                "portfolio_id": portfolio.id,
                "stage_id": stage.id,
                "state": state,
                "manager": "Κατερίνα Βασιλείου" if code == "PRJ-1" else "杨丽",
                "budget": 100_000.0,
                "actual_cost": 40_000.0,
                "forecast_cost": 120_000.0 if code == "PRJ-1" else 95_000.0,
                "percent_complete": 30.0,
                "planned_start": date(2026, 1, 1),
                "planned_finish": date(2026, 12, 31),
                "forecast_finish": date(2027, 2, 1) if code == "PRJ-1" else date(2026, 12, 31),
                "rag_overall": {"PRJ-1": "red", "PRJ-5": "red", "PRJ-3": "amber"}.get(
                    code, "green"
                ),
            },
        )
    p1, p2, p3, p4, p5 = (projects[f"PRJ-{n}"] for n in range(1, 6))
    _report(session, p1, PREVIOUS, rag_overall="amber", rag_cost="amber", summary="Before.")
    _report(
        session,
        p1,
        PERIOD,
        rag_overall="red",
        rag_cost="red",
        rag_schedule="amber",
        summary="Ο προμηθευτής καθυστερεί; 供应商延迟交付. Costs <rising> & scope > plan.",
        achievements="Pilot done.\nTraining started.",
        next_steps="Decide on the supplier.",
        submitted_by="Κατερίνα Βασιλείου",
    )
    _report(session, p2, PREVIOUS, rag_overall="green")
    _report(session, p2, PERIOD, rag_overall="green", summary="Всё по плану.")
    _report(session, p3, PREVIOUS, rag_overall="amber")
    _report(session, p4, PERIOD, rag_overall="green", summary="一切顺利。")
    _report(session, p5, PERIOD, rag_overall="red", rag_scope="red", summary="R&D <b>not bold</b>")
    records.create(
        session,
        Milestone,
        {
            "code": "PRJ-1-M1",
            "project_id": p1.id,
            "name": "Gate: go-live approved",
            "baseline_date": date(2026, 2, 1),
            "forecast_date": date(2026, 3, 1),
            "is_gate": True,
        },
    )
    records.create(
        session,
        RaidItem,
        {
            "code": "PRJ-1-R1",
            "project_id": p1.id,
            "kind": "risk",
            "title": "Поставщик не успеет",
            "probability": 5,
            "impact": 4,
            "owner": "Zoë",
        },
    )
    records.create(
        session,
        Decision,
        {
            "code": "PRJ-1-D1",
            "project_id": p1.id,
            "title": "Choose a new supplier",
            "options": "Option A: stay; option B: switch to 深圳 supplier",
            "recommendation": "Switch <now> & renegotiate",
            "due_date": date(2026, 3, 10),
        },
    )
    records.create(
        session,
        ProjectChecklistItem,
        {"project_id": p1.id, "item_id": items[0].id, "status": "done"},
    )
    return PackWorld(projects, delivery, items)
