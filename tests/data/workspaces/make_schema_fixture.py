"""Make a workspace file as a given schema revision left it, for the upgrade tests.

    python tests/data/workspaces/make_schema_fixture.py 0001

writes ``schema_0001.pmodesk`` beside this script: a new file brought to that
revision by the migrations shipped in the package, then filled with raw SQL
(not the ORM), so the file keeps the shape that revision had even after later
migrations change the tables. Run it once when a release ships a new schema
revision and commit the file; never regenerate an old one.

Every file holds the same small portfolio (one or more records of every kind,
names with accents, Cyrillic and Chinese, one archived project) so that the
test can check the data survived the upgrade.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import uuid
from contextlib import closing
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
NAMESPACE = uuid.UUID("6f1c3c1e-6a0b-4bde-9a0e-2f4d8e7c5a10")
STAMP = "2026-10-05 09:30:00.000000"

#: The lifecycle a workspace of the first schema was set up with (copied, not imported).
STAGES = (
    ("IDEA", "Idea"),
    ("ASSESS", "Assessment"),
    ("APPROVED", "Approved"),
    ("DELIVERY", "Delivery"),
    ("CLOSING", "Closing"),
    ("CLOSED", "Closed"),
)


def uid(name: str) -> str:
    """A stable id for a fixture record, stored the way SQLAlchemy's Uuid stores it on SQLite."""
    return uuid.uuid5(NAMESPACE, name).hex


def insert(conn: sqlite3.Connection, table: str, name: str, /, **values: Any) -> str:
    """Insert one row with the columns every table carries; returns its id."""
    row: dict[str, Any] = {
        "id": uid(name),
        "created_at": STAMP,
        "updated_at": STAMP,
        "version": 1,
    }
    row.update(values)
    for column, value in row.items():
        if isinstance(value, dict | list):
            row[column] = json.dumps(value)
    columns = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values()))
    return str(row["id"])


def fill(conn: sqlite3.Connection) -> None:
    """The small portfolio, valid for the first schema (revision 0001)."""
    pf = insert(
        conn,
        "portfolio",
        "pf",
        code="PF-CORP",
        name="Corporate change",
        description="",
        owner="Ana Müller",
    )
    pg = insert(
        conn,
        "programme",
        "pg",
        code="PG-DIGI",
        name="Digital services",
        description="",
        portfolio_id=pf,
        sponsor="José Álvarez",
        manager="Zoë Łukasiewicz",
    )
    obj = insert(
        conn,
        "strategic_objective",
        "obj",
        code="OBJ-CX",
        name="Better customer experience",
        description="",
        weight=2.0,
    )
    stages = {
        code: insert(
            conn, "stage", f"stage-{code}", code=code, name=name, position=n, description=""
        )
        for n, (code, name) in enumerate(STAGES, start=1)
    }
    gate = insert(
        conn,
        "gate_checklist_item",
        "gate",
        code="GATE-IDEA-01",
        stage_id=stages["IDEA"],
        text="Sponsor named and willing to champion the idea",
        guidance="",
        required=1,
        position=1,
    )
    p1 = insert(
        conn,
        "project",
        "p1",
        code="PRJ-001",
        name="Portail client — refonte",
        description="Nouveau portail",
        sponsor="José Álvarez",
        manager="Zoë Łukasiewicz",
        department="Opérations",
        portfolio_id=pf,
        programme_id=pg,
        stage_id=stages["DELIVERY"],
        state="active",
        rag_overall="amber",
        rag_schedule="red",
        rag_cost="green",
        rag_scope="green",
        rag_resources="amber",
        planned_start="2026-01-05",
        planned_finish="2026-12-18",
        forecast_start="2026-01-05",
        forecast_finish="2027-02-26",
        actual_start="2026-01-12",
        actual_finish=None,
        budget=1250000.0,
        actual_cost=610000.5,
        forecast_cost=1400000.0,
        percent_complete=48.0,
        priority_score=72.5,
        tags="digital,customer",
        template_code=None,
        template_version=None,
    )
    p2 = insert(
        conn,
        "project",
        "p2",
        code="PRJ-002",
        name="Складская система",
        description="",
        sponsor="Ирина Петрова",
        manager="Дмитрий Соколов",
        department="Logistics",
        portfolio_id=pf,
        programme_id=None,
        stage_id=stages["CLOSED"],
        state="closed",
        archived_at=STAMP,
        budget=300000.0,
        tags="",
    )
    p3 = insert(
        conn,
        "project",
        "p3",
        code="PRJ-003",
        name="数据平台迁移",
        description="",
        sponsor="王芳",
        manager="李伟",
        department="IT",
        portfolio_id=pf,
        programme_id=pg,
        stage_id=stages["ASSESS"],
        state="on_hold",
        rag_overall="red",
        tags="data",
    )
    insert(conn, "project_objective", "po", project_id=p1, objective_id=obj, contribution=4)
    ms = insert(
        conn,
        "milestone",
        "ms",
        code="MS-001-01",
        project_id=p1,
        name="Pilot go-live",
        description="",
        baseline_date="2026-06-30",
        forecast_date="2026-09-15",
        actual_date=None,
        is_gate=1,
    )
    insert(
        conn,
        "project_dependency",
        "dep",
        predecessor_id=p1,
        successor_id=p3,
        milestone_id=ms,
        description="Needs the pilot's API",
    )
    insert(
        conn,
        "project_checklist_item",
        "pci",
        project_id=p1,
        item_id=gate,
        status="done",
        reason="",
        completed_by="zoe",
        completed_at=STAMP,
    )
    team = insert(
        conn,
        "team",
        "team",
        code="TEAM-DIG",
        name="Digital delivery",
        description="",
        lead="Søren Kierkegaard",
    )
    role = insert(conn, "role", "role", code="ROLE-BA", name="Business analyst", description="")
    person = insert(
        conn,
        "person",
        "person",
        code="PER-001",
        name="Søren Kierkegaard",
        email="soren@example.org",
        team_id=team,
        role_id=role,
        weekly_capacity_hours=37.5,
        part_time_factor=0.8,
        calendar="default",
        location="København",
    )
    insert(
        conn,
        "capacity_exception",
        "leave",
        person_id=person,
        week_start="2026-08-03",
        kind="leave",
        hours_unavailable=37.5,
        note="Summer",
    )
    insert(
        conn,
        "allocation",
        "alloc1",
        person_id=person,
        role_id=None,
        project_id=p1,
        week_start="2026-10-05",
        hours=20.0,
        tentative=0,
        note="",
    )
    insert(
        conn,
        "allocation",
        "alloc2",
        person_id=None,
        role_id=role,
        project_id=p3,
        week_start="2026-10-12",
        hours=8.0,
        tentative=1,
        note="To be named",
    )
    insert(
        conn,
        "raid_item",
        "risk",
        code="RISK-001",
        project_id=p1,
        kind="risk",
        title="Supplier may slip",
        description="",
        owner="Zoë Łukasiewicz",
        status="open",
        probability=4,
        impact=3,
        response="",
        actions="",
        raised_on="2026-03-02",
        due_date="2026-11-30",
        closed_on=None,
        escalated=1,
    )
    insert(
        conn,
        "raid_item",
        "issue",
        code="ISSUE-001",
        project_id=None,
        kind="issue",
        title="Shared test environment down",
        description="",
        owner="",
        status="in_progress",
        response="",
        actions="",
        escalated=0,
    )
    insert(
        conn,
        "decision",
        "dec",
        code="DEC-001",
        project_id=p1,
        title="Extend the pilot by six weeks",
        description="",
        options="",
        recommendation="",
        forum="Portfolio board",
        status="approved",
        due_date="2026-09-01",
        decided_on="2026-09-03",
        decided_by="José Álvarez",
        outcome="Approved with conditions",
    )
    insert(
        conn,
        "status_report",
        "sr",
        project_id=p1,
        period="2026-09",
        rag_overall="amber",
        rag_schedule="red",
        rag_cost="green",
        rag_scope="green",
        rag_resources="amber",
        summary="Pilot late by six weeks.",
        achievements="Design signed off.",
        next_steps="Pilot go-live.",
        forecast_finish="2027-02-26",
        forecast_cost=1400000.0,
        actual_cost=600000.0,
        percent_complete=45.0,
        submitted_by="zoe",
        submitted_at=STAMP,
        frozen=1,
    )
    insert(
        conn,
        "benefit",
        "ben",
        code="BEN-001",
        project_id=p1,
        objective_id=obj,
        name="Fewer support calls",
        measure="Calls per month",
        unit="calls",
        baseline_value=12000.0,
        target_value=8000.0,
        realised_value=None,
        target_date="2027-06-30",
        owner="Ana Müller",
    )
    insert(
        conn,
        "lesson",
        "les",
        code="LES-001",
        project_id=p2,
        title="Book the warehouse early",
        description="",
        category="Planning",
        stage_code="DELIVERY",
        tags="logistics",
        recommendation="",
        template_code=None,
        recorded_on="2026-04-30",
    )
    insert(
        conn,
        "template",
        "tpl",
        code="TPL-PROJ",
        template_version=1,
        kind="project",
        name="Standard project",
        description="",
        state="published",
        body={"milestones": ["Kick-off", "Go-live"]},
        built_in=0,
    )
    insert(
        conn,
        "audit_event",
        "audit",
        at=STAMP,
        user="zoe",
        action="create",
        entity="project",
        entity_id=p1,
        code="PRJ-001",
        field="",
        old=None,
        new="Portail client — refonte",
        source="fixture",
        batch=None,
    )
    insert(conn, "workspace_setting", "setting", key="gate_mode", value=json.dumps("supportive"))


def fill_0002(conn: sqlite3.Connection) -> None:
    """What revision 0002 added: scoring, gate decisions, skills, certificates, training,
    public holidays and a what-if scenario (ids of the 0001 rows are derived, not queried)."""
    p1, p2, person, role = uid("p1"), uid("p2"), uid("person"), uid("role")
    conn.execute(
        "UPDATE project SET expected_benefits = ? WHERE id = ?",
        ("Moins d'appels au centre de contact", p1),
    )
    fit = insert(
        conn,
        "scoring_criterion",
        "crit-fit",
        code="FIT-CX",
        name="Strategic fit: customer experience",
        description="",
        weight=3.0,
        scale_min=1,
        scale_max=5,
        higher_is_better=1,
        objective_id=uid("obj"),
        position=1,
    )
    risk = insert(
        conn,
        "scoring_criterion",
        "crit-risk",
        code="RISK",
        name="Risk",
        description="",
        weight=1.5,
        scale_min=1,
        scale_max=5,
        higher_is_better=0,
        objective_id=None,
        position=2,
    )
    for name, project, criterion, score in (
        ("score-1", p1, fit, 5),
        ("score-2", p1, risk, 2),
        ("score-3", p2, fit, 3),
    ):
        insert(
            conn,
            "project_score",
            name,
            project_id=project,
            criterion_id=criterion,
            score=score,
            note="",
        )
    insert(
        conn,
        "decision",
        "gate-decision",
        code="PRJ-001-DEC09",
        project_id=p1,
        title="Pass the gate into Assessment",
        description="",
        options="",
        recommendation="",
        forum="Portfolio board",
        status="approved",
        due_date=None,
        decided_on="2026-10-01",
        decided_by="Zoë Łukasiewicz",
        outcome="Approved",
        stage_id=uid("stage-ASSESS"),
    )
    skill = insert(
        conn,
        "skill",
        "skill",
        code="SKL-PRINCE2",
        name="PRINCE2",
        category="Method",
        description="",
    )
    insert(conn, "person_skill", "person-skill", person_id=person, skill_id=skill, level=4)
    insert(
        conn,
        "certification",
        "cert",
        person_id=person,
        name="PRINCE2 Practitioner",
        issuer="PeopleCert",
        obtained_on="2023-11-20",
        expires_on="2026-11-20",
    )
    insert(
        conn,
        "training_record",
        "training",
        person_id=person,
        course="Агильное управление проектами",
        provider="",
        starts_on="2026-12-01",
        ends_on="2026-12-03",
        hours=21.0,
        status="planned",
        note="",
    )
    insert(conn, "public_holiday", "holiday", calendar="default", day="2026-12-25", name="Noël")
    scenario = insert(
        conn,
        "scenario",
        "scenario",
        code="SCN-001",
        name="Pilot starts early",
        description="",
        status="draft",
    )
    insert(conn, "scenario_shift", "shift", scenario_id=scenario, project_id=p2, weeks=-2)
    insert(
        conn,
        "allocation",
        "tentative",
        person_id=None,
        role_id=role,
        project_id=p2,
        week_start="2026-12-07",
        hours=15.0,
        percent_of_capacity=40.0,
        tentative=1,
        scenario_id=scenario,
        note="Before someone is named",
    )


def fill_0003(conn: sqlite3.Connection) -> None:
    """What revision 0003 added: baselines, benefit measurements, project documents and
    the version history of templates."""
    p1 = uid("p1")
    conn.execute(
        "UPDATE template SET change_note = ?, published_at = ?, published_by = ? WHERE id = ?",
        ("Première version publiée", STAMP, "zoe", uid("tpl")),
    )
    insert(
        conn,
        "project_baseline",
        "bl1",
        project_id=p1,
        number=1,
        set_on="2026-01-15",
        set_by="zoe",
        reason="Approved business case",
        planned_start="2026-02-01",
        planned_finish="2026-12-31",
        budget=1200000.0,
        milestones={"MS-001-01": "2026-06-30"},
        in_force=0,
    )
    insert(
        conn,
        "project_baseline",
        "bl2",
        project_id=p1,
        number=2,
        set_on="2026-07-01",
        set_by="zoe",
        reason="Перенос пилота: supplier delay",
        planned_start="2026-02-01",
        planned_finish="2027-03-31",
        budget=1350000.0,
        milestones={"MS-001-01": "2026-09-15"},
        in_force=1,
    )
    insert(
        conn,
        "benefit_measurement",
        "bm",
        benefit_id=uid("ben"),
        measured_on="2026-09-30",
        value=11200.0,
        note="First quarter after the pilot",
    )
    doc_template = insert(
        conn,
        "template",
        "tpl-doc",
        code="DOC-CHARTER",
        template_version=1,
        kind="document",
        name="Project charter",
        description="",
        state="published",
        body={"fields": [{"key": "sponsor", "label": "Sponsor"}], "sections": []},
        built_in=1,
        change_note="",
        published_at=STAMP,
        published_by="zoe",
    )
    insert(
        conn,
        "project_document",
        "doc",
        project_id=p1,
        template_id=doc_template,
        template_code="DOC-CHARTER",
        template_version=1,
        title="Charter – 客户门户",
        status="draft",
        body={"fields": {"sponsor": "Ana Müller"}, "sections": {}},
        produced_on="2026-02-03",
    )


FILLS = {"0002": fill_0002, "0003": fill_0003}


def make(revision: str, target: Path) -> None:
    from pmodesk.store import schema
    from pmodesk.store.engine import make_engine, sqlite_url

    engine = make_engine(sqlite_url(target))
    try:
        schema.upgrade(engine, revision)
    finally:
        engine.dispose()
    with closing(sqlite3.connect(target)) as conn:
        found = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        if found != revision:
            raise SystemExit(f"the migrations left {found}, not {revision}")
        with conn:
            fill(conn)
            for later, extra in sorted(FILLS.items()):
                if later <= revision:
                    extra(conn)
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise SystemExit(f"the fixture breaks foreign keys: {problems}")
        conn.execute("VACUUM")
        # A stored fixture must not grow -wal/-shm files when a test merely reads it;
        # opening it in pmodesk switches it to WAL like any workspace.
        conn.execute("PRAGMA journal_mode = DELETE")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the schema revision to stop at, e.g. 0001")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    args = parser.parse_args(argv)
    target = HERE / f"schema_{args.revision}.pmodesk"
    if target.exists():
        if not args.force:
            print(
                f"{target} exists; released fixtures are never regenerated (use --force).",
                file=sys.stderr,
            )
            return 1
        target.unlink()
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        make(args.revision, partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
