"""Round trip: an export imports back with no mapping step, and edits update exactly what changed.

Edits are made with openpyxl (as a script or Excel would save them) and the
workbook is also passed through LibreOffice (``soffice --convert-to xlsx``),
which rewrites every part of the file the way LibreOffice saves it.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from writing_helpers import AWKWARD, NOT_ROUND_TRIPPED, TODAY, differences, export_data

from pmodesk.exchange.importing import apply_import, plan_import
from pmodesk.exchange.writing import export_portfolio
from pmodesk.store import Workspace

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed; CI installs libreoffice-calc-nogui",
)


def export(workspace: Workspace, path: Path) -> Path:
    with workspace.session() as session:
        export_portfolio(session, path, workspace_name="Demo", heatmap_start=TODAY)
    return path


def through_libreoffice(path: Path, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(folder), str(path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    converted = folder / path.name
    assert converted.exists()
    return converted


def import_into(workspace: Workspace, path: Path) -> tuple[Any, Any]:
    with workspace.session() as session:
        plan = plan_import(session, [path])
        assert not plan.refused, [str(p) for p in plan.problems[:10]]
        return plan, apply_import(session, plan)


def test_an_export_imports_into_an_empty_workspace_as_the_same_data(
    demo_workspace: Workspace, empty_workspace: Workspace, tmp_path: Path
) -> None:
    path = export(demo_workspace, tmp_path / "portfolio.xlsx")
    plan, result = import_into(empty_workspace, path)
    # No mapping step: every sheet and column comes from the workbook's own description.
    assert {s.sheet for s in plan.sheets} == {
        "Projects", "Milestones", "RAID", "Decisions", "Status reports", "People",
        "Allocations", "Portfolios", "Programmes", "Teams", "Roles",
    }  # fmt: skip
    assert all(c.how == "pmodesk" for s in plan.sheets for c in s.columns if c.field)
    assert result.updated == 0
    before, after = export_data(demo_workspace), export_data(empty_workspace)
    assert differences(before, after, skip=NOT_ROUND_TRIPPED) == []
    assert result.created == sum(len(k.rows) for k in before.kinds.values())
    # The awkward text came back as it was typed, formulas and all.
    projects = {r[0]: r for r in after.rows("project")}
    keys = [f.key for f in after.kinds["project"].spec.fields]
    for (model, code, field), text in AWKWARD.items():
        if model.__tablename__ == "project":
            assert projects[code][keys.index(field)] == text


def _edit(path: Path) -> dict[str, set[str]]:
    """Change a few cells the way a person would; returns the records edited, per kind."""
    book = load_workbook(path)

    def cell(sheet: str, header: str, row: int) -> Any:
        headers = [c.value for c in book[sheet][1]]
        return book[sheet].cell(row=row, column=headers.index(header) + 1)

    def code(sheet: str, row: int, header: str = "Code") -> str:
        return str(cell(sheet, header, row).value)

    edited: dict[str, set[str]] = {}
    cell("Projects", "Name", 3).value = "Renamed in Excel"
    edited.setdefault("project", set()).add(code("Projects", 3))
    rag = cell("Projects", "Overall RAG", 5)
    rag.value = "Green" if rag.value == "Red" else "Red"
    edited["project"].add(code("Projects", 5))
    forecast = cell("Milestones", "Forecast date", 2)
    forecast.value = forecast.value + timedelta(days=14)
    edited["milestone"] = {code("Milestones", 2)}
    hours = cell("Allocations", "Hours", 2)
    hours.value = hours.value + 1.5
    edited["allocation"] = {code("Allocations", 2, "Project")}
    # A report of an open period (reports of closed periods are frozen and refuse edits).
    row = next(
        r
        for r in range(2, book["Status reports"].max_row + 1)
        if not cell("Status reports", "Frozen", r).value
    )
    done = cell("Status reports", "% complete", row)
    done.value = 0.425
    edited["status_report"] = {code("Status reports", row, "Project")}
    book.save(path)
    return edited


def _updated(plan: Any) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for change in plan.preview:
        assert change.action in ("update", "unchanged"), change
        if change.action == "update":
            key = change.value("code") or change.value("project")
            found.setdefault(change.kind, set()).add(str(key))
    return found


def test_edits_made_with_openpyxl_update_exactly_what_was_edited(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    path = export(demo_workspace, tmp_path / "portfolio.xlsx")
    before = export_data(demo_workspace)
    edited = _edit(path)
    plan, result = import_into(demo_workspace, path)
    assert _updated(plan) == edited
    assert result.updated == 5
    assert result.created == 0
    changed = differences(before, export_data(demo_workspace), skip=NOT_ROUND_TRIPPED)
    assert len(changed) == 5, changed
    assert any("name: " in c and "'Renamed in Excel'" in c for c in changed)
    assert any("percent_complete" in c and "-> 42.5" in c for c in changed)


@needs_soffice
def test_a_workbook_saved_by_libreoffice_imports_unchanged(
    demo_workspace: Workspace, empty_workspace: Workspace, tmp_path: Path
) -> None:
    path = export(demo_workspace, tmp_path / "portfolio.xlsx")
    converted = through_libreoffice(path, tmp_path / "lo")
    with demo_workspace.session() as session:
        plan = plan_import(session, [converted])
    assert not plan.refused, [str(p) for p in plan.problems[:10]]
    counts = plan.counts()
    assert counts["created"] == counts["updated"] == 0
    assert counts["unchanged"] > 0
    # ... and into an empty workspace it gives the same data.
    import_into(empty_workspace, converted)
    before, after = export_data(demo_workspace), export_data(empty_workspace)
    assert differences(before, after, skip=NOT_ROUND_TRIPPED) == []


@needs_soffice
def test_edits_saved_by_libreoffice_update_exactly_what_was_edited(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    path = export(demo_workspace, tmp_path / "portfolio.xlsx")
    before = export_data(demo_workspace)
    edited = _edit(path)
    converted = through_libreoffice(path, tmp_path / "lo")
    plan, result = import_into(demo_workspace, converted)
    assert _updated(plan) == edited
    assert result.updated == 5
    changed = differences(before, export_data(demo_workspace), skip=NOT_ROUND_TRIPPED)
    assert len(changed) == 5, changed
