"""Status requests: one workbook per manager, pre-filled and locked; collected back all at once."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import col, select

from pmodesk.domain import Milestone, Project, StatusReport
from pmodesk.domain.enums import ProjectState, Rag
from pmodesk.errors import DomainError, ValidationError
from pmodesk.exchange.writing.collection import apply_collection, plan_collection
from pmodesk.exchange.writing.status_requests import request_file_name, write_status_requests
from pmodesk.services import records
from pmodesk.services.status_collection import status_requests
from pmodesk.store import Workspace

PERIOD = "2026-04"  # the demo (made on 2026-03-18) has reports up to 2026-03
MANAGERS = ("Anna Nowak", "Björn Ødegård", "李娜")


@pytest.fixture
def managed(demo_workspace: Workspace) -> Workspace:
    """The demo with its active projects shared among three managers."""
    with demo_workspace.session() as session:
        active = session.exec(
            select(Project)
            .where(col(Project.state) == ProjectState.ACTIVE, col(Project.archived_at).is_(None))
            .order_by(col(Project.code))
        ).all()
        for n, project in enumerate(active):
            records.update(session, project, {"manager": MANAGERS[n % len(MANAGERS)]})
    return demo_workspace


@pytest.fixture
def requests_folder(managed: Workspace, tmp_path: Path) -> Path:
    folder = tmp_path / "requests"
    folder.mkdir()
    with managed.session() as session:
        write_status_requests(session, folder, PERIOD, workspace_name="Demo")
    return folder


def cells(path: Path, sheet: str) -> tuple[list[str], list[list[Any]]]:
    rows = [list(row) for row in load_workbook(path)[sheet].iter_rows()]
    return [c.value for c in rows[0]], rows[1:]


def test_each_manager_gets_their_own_projects_prefilled_from_the_last_report(
    managed: Workspace, requests_folder: Path
) -> None:
    files = sorted(p.name for p in requests_folder.iterdir())
    assert files == sorted(request_file_name(PERIOD, m) for m in MANAGERS)
    with managed.session() as session:
        requests = {r.manager: r for r in status_requests(session, PERIOD)}
        march = {
            r.project_id: r
            for r in session.exec(select(StatusReport).where(StatusReport.period == "2026-03"))
        }
        owners = {p.code: p.manager for p in session.exec(select(Project))}
    for manager in MANAGERS:
        path = requests_folder / request_file_name(PERIOD, manager)
        book = load_workbook(path)
        assert book.sheetnames == ["Instructions", "Status", "Milestones", "_pmodesk"]
        header, rows = cells(path, "Status")
        codes = [r[0].value for r in rows]
        assert codes
        assert {owners[c] for c in codes} == {manager}
        assert {r[header.index("Period")].value for r in rows} == {PERIOD}
        for line, row in zip(requests[manager].projects, rows, strict=True):
            report = march.get(line.project_id)
            if report is not None:
                assert line.prefilled_from == "2026-03"
                shown = row[header.index("Overall RAG")].value
                assert shown == (report.rag_overall.label if report.rag_overall else None)
                assert row[header.index("Summary")].value == (report.summary or None)
        milestone_projects = {r[1].value for r in cells(path, "Milestones")[1]}
        assert milestone_projects <= set(codes)


def test_what_a_manager_may_not_change_is_locked_without_a_password(requests_folder: Path) -> None:
    path = next(requests_folder.iterdir())
    book = load_workbook(path)
    for name in ("Status", "Milestones", "Instructions"):
        assert book[name].protection.sheet
        assert not book[name].protection.password
    header, rows = cells(path, "Status")
    first = rows[0]
    assert first[header.index("Project")].protection.locked
    assert first[header.index("Project name")].protection.locked
    assert not first[header.index("Overall RAG")].protection.locked
    assert not first[header.index("Next steps")].protection.locked
    m_header, m_rows = cells(path, "Milestones")
    assert m_rows[0][m_header.index("Baseline date")].protection.locked
    assert not m_rows[0][m_header.index("Forecast date")].protection.locked
    rag_lists = [v for v in book["Status"].data_validations.dataValidation if v.type == "list"]
    assert {v.formula1 for v in rag_lists} == {'"Green,Amber,Red"'}


def test_the_description_names_the_period_and_manager_and_maps_only_what_they_own(
    requests_folder: Path,
) -> None:
    path = requests_folder / request_file_name(PERIOD, MANAGERS[1])
    meta = [[c.value for c in row][:4] for row in load_workbook(path)["_pmodesk"].iter_rows()]
    values = {r[0]: r[1] for r in meta[1:6] if r[0]}
    assert values["kind"] == "status-request"
    assert values["period"] == PERIOD
    assert values["manager"] == MANAGERS[1]
    mapped = {(r[0], r[3]) for r in meta if r[0] in ("Status", "Milestones")}
    assert ("Status", "rag_overall") in mapped
    assert ("Milestones", "forecast_date") in mapped
    assert ("Milestones", "code") in mapped
    assert not {f for s, f in mapped if s == "Milestones"} & {"name", "baseline_date", "project"}
    headers = {r[2] for r in meta if r[0] == "Status"}
    assert "Project name" not in headers


def test_unknown_managers_and_bad_periods_are_refused(managed: Workspace, tmp_path: Path) -> None:
    with managed.session() as session:
        with pytest.raises(ValidationError, match="Nobody Known"):
            write_status_requests(session, tmp_path, PERIOD, managers=["Nobody Known"])
        with pytest.raises(ValidationError, match="YYYY-MM"):
            write_status_requests(session, tmp_path, "2026-13")
        with pytest.raises(DomainError, match="does not exist"):
            write_status_requests(session, tmp_path / "missing", PERIOD)
    assert request_file_name("2026-04", 'A/B: "C"?') == "Status 2026-04 - A B C.xlsx"


# ---------------------------------------------------------------- collecting the returns


def _fill_in(path: Path, rag: str = "Red") -> tuple[str, str, str]:
    """A manager's edits: a RAG, the summary, a milestone slip. Returns (project, milestone, RAG)."""
    book = load_workbook(path)
    status = book["Status"]
    header = [c.value for c in status[1]]
    cell = status.cell(row=2, column=header.index("Overall RAG") + 1)
    if cell.value == rag:  # make it a change
        rag = "Green" if rag != "Green" else "Amber"
    cell.value = rag
    status.cell(row=2, column=header.index("Summary") + 1).value = "Supplier late; re-plan agreed."
    milestones = book["Milestones"]
    m_header = [c.value for c in milestones[1]]
    forecast = milestones.cell(row=2, column=m_header.index("Forecast date") + 1)
    forecast.value = (forecast.value or date(2026, 6, 1)) + timedelta(days=21)
    book.save(path)
    return str(status.cell(row=2, column=1).value), str(milestones.cell(row=2, column=1).value), rag


def _returned(requests_folder: Path, tmp_path: Path, managers: tuple[str, ...]) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for manager in managers:
        name = request_file_name(PERIOD, manager)
        shutil.copyfile(requests_folder / name, inbox / name)
    return inbox


def test_returns_show_who_returned_who_did_not_and_what_changed(
    managed: Workspace, requests_folder: Path, tmp_path: Path
) -> None:
    inbox = _returned(requests_folder, tmp_path, MANAGERS[:2])
    project, milestone, rag = _fill_in(inbox / request_file_name(PERIOD, MANAGERS[0]))
    Workbook().save(inbox / "notes.xlsx")
    with managed.session() as session:
        plan = plan_collection(session, [inbox])
        assert not plan.refused, [str(p) for p in plan.problems]
        assert plan.period == PERIOD
        assert sorted(r.manager for r in plan.returned) == sorted(MANAGERS[:2])
        assert plan.missing == [MANAGERS[2]]
        assert plan.ignored == [("notes.xlsx", "not a workbook pmodesk wrote (no _pmodesk sheet)")]
        words = {(c.record, c.kind): c.changes for c in plan.changes}
        said = words[(project, "status_report")]
        assert any(f"→ {rag}" in w or f"overall RAG {rag}" in w for w in said), said
        assert any("Forecast date" in w for w in words[(milestone, "milestone")])
        outcome = apply_collection(session, plan)
    expected = sum(1 for r in plan.plan.preview if r.kind == "status_report")
    assert outcome.result.created == expected
    with managed.session() as session:
        reports = session.exec(select(StatusReport).where(StatusReport.period == PERIOD)).all()
        assert len(reports) == expected
        codes = {p.id: p.code for p in session.exec(select(Project))}
        edited = next(r for r in reports if codes[r.project_id] == project)
        assert edited.rag_overall is Rag(rag.lower())
        assert edited.summary == "Supplier late; re-plan agreed."
        slipped = session.exec(select(Milestone).where(Milestone.code == milestone)).one()
        assert slipped.forecast_date is not None


def test_one_bad_return_refuses_them_all_and_writes_nothing(
    managed: Workspace, requests_folder: Path, tmp_path: Path
) -> None:
    inbox = _returned(requests_folder, tmp_path, MANAGERS)
    _fill_in(inbox / request_file_name(PERIOD, MANAGERS[2]), rag="Purple")
    with managed.session() as session:
        plan = plan_collection(session, [inbox])
        assert plan.refused
        problem = plan.plan.errors[0]
        assert problem.sheet == "Status"
        assert problem.row == 2
        assert "Overall RAG" in problem.column
        assert problem.value == "Purple"
        with pytest.raises(DomainError, match="nothing was imported"):
            apply_collection(session, plan)
    with managed.session() as session:
        assert not session.exec(select(StatusReport).where(StatusReport.period == PERIOD)).all()


def test_mixed_periods_and_two_returns_of_one_manager_are_refused(
    managed: Workspace, requests_folder: Path, tmp_path: Path
) -> None:
    inbox = _returned(requests_folder, tmp_path, MANAGERS[:1])
    shutil.copyfile(inbox / request_file_name(PERIOD, MANAGERS[0]), inbox / "copy.xlsx")
    with managed.session() as session:
        with pytest.raises(DomainError, match="returned two workbooks"):
            plan_collection(session, [inbox])
        other = tmp_path / "may"
        other.mkdir()
        write_status_requests(session, other, "2026-05", managers=[MANAGERS[1]])
        with pytest.raises(DomainError, match="different periods"):
            plan_collection(
                session, [requests_folder / request_file_name(PERIOD, MANAGERS[0]), other]
            )
        with pytest.raises(DomainError, match="None of the files"):
            plan_collection(session, [tmp_path / "nothing.xlsx"])


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_a_return_saved_by_libreoffice_is_collected(
    managed: Workspace, requests_folder: Path, tmp_path: Path
) -> None:
    source = requests_folder / request_file_name(PERIOD, MANAGERS[0])
    project, _milestone, rag = _fill_in(source, rag="Amber")
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    with managed.session() as session:
        plan = plan_collection(session, [out])
        assert not plan.refused, [str(p) for p in plan.problems]
        assert [r.manager for r in plan.returned] == [MANAGERS[0]]
        apply_collection(session, plan)
    with managed.session() as session:
        reports = session.exec(select(StatusReport).where(StatusReport.period == PERIOD)).all()
        codes = {p.id: p.code for p in session.exec(select(Project))}
        assert next(r for r in reports if codes[r.project_id] == project).rag_overall is Rag(
            rag.lower()
        )
