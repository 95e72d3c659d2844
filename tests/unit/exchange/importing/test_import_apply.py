"""Writing: one transaction, matched on code, audited with the file's name, undone as one step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from import_helpers import MakeBook, row_counts, run_import
from sqlmodel import col, select

from pmodesk.domain import (
    Allocation,
    AuditEvent,
    Decision,
    Milestone,
    Person,
    Project,
    RaidItem,
    Stage,
    StatusReport,
)
from pmodesk.domain.enums import DecisionStatus, ProjectState, Rag, RaidKind, RaidStatus
from pmodesk.errors import ConflictError
from pmodesk.exchange.importing import (
    ImportCancelled,
    apply_import,
    plan_import,
    undo_import,
)
from pmodesk.services import records
from pmodesk.store import Workspace

PROJECTS = [
    ["Code", "Name", "Manager", "Stage", "Status", "RAG", "Start", "Finish", "Budget"],
    ["PRJ-001", "Alpha", "Ann Lee", "Delivery", "Active", "Green", dt.date(2025, 1, 6), dt.date(2025, 9, 30), 120000],
    ["PRJ-002", "Beta", "Bo Chen", "Idea", "On hold", "Amber", dt.date(2025, 3, 3), None, 50000],
]  # fmt: skip


@pytest.fixture
def portfolio_book(make_book: MakeBook) -> Path:
    """A workbook with several kinds on several sheets, in an order their references do not need."""
    return make_book(
        {
            "Allocations": [
                ["Person", "Project", "Week", "Hours"],
                ["EMP-01", "PRJ-001", dt.date(2025, 3, 3), 20],
                ["Carla Diaz", "PRJ-002", dt.date(2025, 3, 10), 7.5],
            ],
            "Status": [
                ["Project", "Period", "RAG", "Summary", "% complete"],
                ["PRJ-001", "2025-03", "Amber", "Supplier late", "40%"],
            ],
            "Projects": PROJECTS,
            "Milestones": [
                ["Code", "Project", "Milestone", "Baseline date", "Forecast date"],
                [
                    "MS-1",
                    "PRJ-001",
                    "Design signed off",
                    dt.date(2025, 2, 28),
                    dt.date(2025, 3, 14),
                ],
            ],
            "RAID": [
                ["ID", "Project", "Type", "Title", "Probability", "Impact", "Status", "Owner"],
                [
                    "R-1",
                    "PRJ-001",
                    "Risk",
                    "Supplier insolvency",
                    "High",
                    "Very high",
                    "Open",
                    "Ann Lee",
                ],
                ["I-1", "PRJ-002", "Issue", "Licences missing", 3, 2, "In progress", "Bo Chen"],
            ],
            "Decisions": [
                ["Code", "Project", "Decision", "Status", "Decision date", "Decided by"],
                ["DEC-1", "PRJ-001", "Use supplier B", "Approved", dt.date(2025, 2, 1), "Board"],
            ],
            "People": [
                ["Code", "Name", "Email", "Weekly capacity"],
                ["EMP-01", "Ann Lee", "ann@example.org", 37.5],
                ["EMP-02", "Carla Diaz", "carla@example.org", 30],
            ],
        },
        name="portfolio.xlsx",
    )


def test_several_kinds_on_several_sheets_in_one_go(ws: Workspace, portfolio_book: Path) -> None:
    found, result = run_import(ws, portfolio_book)
    assert {s.sheet: s.kind for s in found.sheets} == {
        "People": "person", "Projects": "project", "Milestones": "milestone", "RAID": "raid_item",
        "Decisions": "decision", "Status": "status_report", "Allocations": "allocation",
    }  # fmt: skip
    assert (result.created, result.updated, result.unchanged, result.skipped) == (11, 0, 0, 0)
    with ws.session() as session:
        alpha = records.get_by_code(session, Project, "PRJ-001")
        assert (alpha.name, alpha.manager, alpha.state, alpha.rag_overall) == (
            "Alpha", "Ann Lee", ProjectState.ACTIVE, Rag.GREEN,
        )  # fmt: skip
        assert (alpha.planned_start, alpha.planned_finish, alpha.budget) == (
            dt.date(2025, 1, 6), dt.date(2025, 9, 30), 120000.0,
        )  # fmt: skip
        stage = session.get(Stage, alpha.stage_id)
        assert stage is not None
        assert stage.code == "DELIVERY"
        beta = records.get_by_code(session, Project, "PRJ-002")
        assert beta.state == ProjectState.ON_HOLD
        risk = records.get_by_code(session, RaidItem, "R-1")
        assert (risk.kind, risk.probability, risk.impact, risk.status, risk.project_id) == (
            RaidKind.RISK, 4, 5, RaidStatus.OPEN, alpha.id,
        )  # fmt: skip
        issue = records.get_by_code(session, RaidItem, "I-1")
        assert (issue.kind, issue.status) == (RaidKind.ISSUE, RaidStatus.IN_PROGRESS)
        decision = records.get_by_code(session, Decision, "DEC-1")
        assert (decision.status, decision.decided_on) == (
            DecisionStatus.APPROVED,
            dt.date(2025, 2, 1),
        )
        (report,) = session.exec(select(StatusReport)).all()
        assert (report.period, report.rag_overall, report.percent_complete) == (
            "2025-03",
            Rag.AMBER,
            40.0,
        )
        milestone = records.get_by_code(session, Milestone, "MS-1")
        assert milestone.forecast_date == dt.date(2025, 3, 14)
        carla = records.get_by_code(session, Person, "EMP-02")
        allocations = {
            (a.person_id, a.week_start): a.hours for a in session.exec(select(Allocation))
        }
        assert allocations[(carla.id, dt.date(2025, 3, 10))] == 7.5
        assert len(allocations) == 2


def test_importing_the_same_file_twice_changes_nothing(ws: Workspace, portfolio_book: Path) -> None:
    run_import(ws, portfolio_book)
    before = row_counts(ws)
    found, result = run_import(ws, portfolio_book)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 11)
    assert {c.action for c in found.preview} == {"unchanged"}
    assert row_counts(ws) == before  # not even an audit event


def test_every_change_audited_with_the_file_and_one_batch(
    ws: Workspace, portfolio_book: Path, make_book: MakeBook
) -> None:
    _plan, first = run_import(ws, portfolio_book)
    with ws.session() as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.batch == first.batch)).all()
        assert len(events) == 11
        assert {e.source for e in events} == {"portfolio.xlsx"}
        assert {e.action.value for e in events} == {"create"}
        assert {e.user for e in events} == {"tester"}
    edited = [PROJECTS[0], [*PROJECTS[1][:5], "Red", *PROJECTS[1][6:]], PROJECTS[2]]
    edited[1][2] = "Ann Lee-Smith"
    path = make_book({"Projects": edited}, name="update.xlsx")
    found, second = run_import(ws, path)
    (update,) = [c for c in found.preview if c.action == "update"]
    assert update.key == "PRJ-001"
    assert update.changes == {
        "manager": ("Ann Lee", "Ann Lee-Smith"),
        "rag_overall": (Rag.GREEN, Rag.RED),
    }
    with ws.session() as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.batch == second.batch)).all()
        assert sorted((e.code, e.field, e.old, e.new, e.source) for e in events) == [
            ("PRJ-001", "manager", "Ann Lee", "Ann Lee-Smith", "update.xlsx"),
            ("PRJ-001", "rag_overall", "green", "red", "update.xlsx"),
        ]
        alpha = records.get_by_code(session, Project, "PRJ-001")
        assert (alpha.manager, alpha.rag_overall, alpha.version) == ("Ann Lee-Smith", Rag.RED, 2)


def test_empty_cells_leave_existing_values_alone_unless_asked(
    ws: Workspace, make_book: MakeBook
) -> None:
    from import_helpers import options

    run_import(ws, make_book({"P": PROJECTS}, name="full.xlsx"))
    blank = make_book(
        {"P": [["Code", "Name", "Manager"], ["PRJ-001", "Alpha", None]]}, name="blank.xlsx"
    )
    _plan, result = run_import(ws, blank)
    assert (result.updated, result.unchanged) == (0, 1)
    _plan, result = run_import(ws, blank, options=options(clear_blanks=True))
    assert result.updated == 1
    with ws.session() as session:
        assert records.get_by_code(session, Project, "PRJ-001").manager == ""


def test_undo_restores_everything_the_import_did(
    ws: Workspace, make_book: MakeBook, portfolio_book: Path
) -> None:
    run_import(ws, make_book({"P": PROJECTS[:2]}, name="first.xlsx"))
    before = row_counts(ws)
    _plan, result = run_import(ws, portfolio_book)
    assert row_counts(ws) != before
    with ws.session() as session:
        done = undo_import(session, result.batch)
    assert (done.deleted, done.restored) == (10, 0)  # PRJ-001 was there before: left alone
    after = row_counts(ws)
    assert {k: v for k, v in after.items() if k != "audit_event"} == {
        k: v for k, v in before.items() if k != "audit_event"
    }
    with ws.session() as session:
        trail = session.exec(select(AuditEvent).where(AuditEvent.batch == done.undo_batch)).all()
        assert len(trail) == 10
        assert {e.source for e in trail} == {f"undo of import {result.batch}"}
        with pytest.raises(ConflictError, match="undone already"):
            undo_import(session, result.batch)


def test_undo_puts_back_old_values(ws: Workspace, make_book: MakeBook) -> None:
    run_import(ws, make_book({"P": PROJECTS}, name="first.xlsx"))
    changed = [
        PROJECTS[0],
        ["PRJ-001", "Alpha 2", "Zoe", "Closing", "Closed", "Red", dt.date(2025, 1, 13), None, 99],
    ]
    _plan, result = run_import(ws, make_book({"P": changed}, name="second.xlsx"))
    with ws.session() as session:
        done = undo_import(session, result.batch)
    assert (done.deleted, done.restored) == (0, 1)
    with ws.session() as session:
        alpha = records.get_by_code(session, Project, "PRJ-001")
        stage = session.get(Stage, alpha.stage_id)
        assert (alpha.name, alpha.manager, alpha.state, alpha.rag_overall, alpha.budget) == (
            "Alpha", "Ann Lee", ProjectState.ACTIVE, Rag.GREEN, 120000.0,
        )  # fmt: skip
        assert alpha.planned_start == dt.date(2025, 1, 6)
        assert stage is not None
        assert stage.code == "DELIVERY"


def test_undo_refused_when_a_record_changed_since(ws: Workspace, portfolio_book: Path) -> None:
    _plan, result = run_import(ws, portfolio_book)
    with ws.session() as session:
        alpha = records.get_by_code(session, Project, "PRJ-001")
        records.update(session, alpha, {"sponsor": "New sponsor"})
    before = row_counts(ws)
    with (
        ws.session() as session,
        pytest.raises(ConflictError, match="project PRJ-001 was changed after the import"),
    ):
        undo_import(session, result.batch)
    assert row_counts(ws) == before


def test_a_record_changed_between_plan_and_apply_refuses_the_import(
    ws: Workspace, make_book: MakeBook
) -> None:
    run_import(ws, make_book({"P": PROJECTS}, name="first.xlsx"))
    path = make_book(
        {"P": [["Code", "Name"], ["PRJ-001", "Renamed"], ["PRJ-009", "New"]]}, name="second.xlsx"
    )
    before = row_counts(ws)
    with ws.session() as session:
        found = plan_import(session, [path])
    with ws.session() as session:
        records.update(session, records.get_by_code(session, Project, "PRJ-001"), {"sponsor": "X"})
    before = row_counts(ws)
    with (
        ws.session() as session,
        pytest.raises(ConflictError, match="changed in the workspace after"),
    ):
        apply_import(session, found)
    assert row_counts(ws) == before


def test_cancel_while_writing_leaves_the_workspace_as_it_was(
    ws: Workspace, make_book: MakeBook
) -> None:
    rows = [["Code", "Name"]] + [[f"PRJ-{n:05d}", f"Project {n}"] for n in range(12_000)]
    path = make_book({"P": rows}, name="big.xlsx")
    before = row_counts(ws)
    calls: list[int] = []
    with ws.session() as session:
        found = plan_import(session, [path], kinds={"*": "project"})
        assert found.counts()["created"] == 12_000
        with pytest.raises(ImportCancelled, match="cancelled; nothing was written"):
            apply_import(
                session,
                found,
                progress=lambda d, t, m: calls.append(d),
                cancelled=lambda: len(calls) > 1,
            )
    assert row_counts(ws) == before
    with ws.session() as session:
        assert (
            session.exec(select(Project).where(col(Project.code).startswith("PRJ-"))).first()
            is None
        )


def test_a_one_project_log_takes_the_project_from_the_options(
    ws: Workspace, make_book: MakeBook
) -> None:
    from import_helpers import options

    run_import(ws, make_book({"P": PROJECTS}, name="projects.xlsx"))
    log = make_book(
        {
            "Risks": [
                ["ID", "Risk", "Likelihood", "Impact"],
                ["R-7", "Key supplier fails", "L", "VH"],
            ]
        },
        name="alpha-risks.xlsx",
    )
    _found, result = run_import(ws, log, options=options(project="Alpha"))  # by name or code
    assert result.created == 1
    with ws.session() as session:
        risk = records.get_by_code(session, RaidItem, "R-7")
        alpha = records.get_by_code(session, Project, "PRJ-001")
        assert (risk.project_id, risk.kind, risk.probability, risk.impact) == (
            alpha.id,
            RaidKind.RISK,
            2,
            5,
        )


def test_two_imports_undone_in_turn(ws: Workspace, make_book: MakeBook) -> None:
    before = row_counts(ws)
    _plan, march = run_import(ws, make_book({"P": PROJECTS}, name="march.xlsx"))
    april_rows = [
        PROJECTS[0],
        ["PRJ-001", "Alpha", "Zoe", "Delivery", "Active", "Red", None, None, None],
    ]
    _plan, april = run_import(ws, make_book({"P": april_rows}, name="april.xlsx"))
    # March cannot be undone while April's change to PRJ-001 stands
    with ws.session() as session, pytest.raises(ConflictError, match="PRJ-001 was changed after"):
        undo_import(session, march.batch)
    with ws.session() as session:
        assert undo_import(session, april.batch).restored == 1
    with ws.session() as session:
        # April is undone: PRJ-001 is as March left it, so March can go too
        assert undo_import(session, march.batch).deleted == 2
    after = row_counts(ws)
    assert {k: v for k, v in after.items() if k != "audit_event"} == {
        k: v for k, v in before.items() if k != "audit_event"
    }
