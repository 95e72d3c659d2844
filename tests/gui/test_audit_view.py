"""The audit history panel: lists a record's changes, newest first, and follows new ones."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pmodesk.domain import Project
from pmodesk.gui.audit_view import AuditHistoryPanel
from pmodesk.gui.commands import ArchiveRecordsCommand, EditRecordCommand
from pmodesk.gui.context import AppContext
from pmodesk.gui.register.columns import COLUMN_INDEX
from pmodesk.gui.register.view import RegisterView
from pmodesk.services import records


@pytest.fixture
def project_id(ctx: AppContext) -> uuid.UUID:
    with ctx.session() as session:
        project = records.create(
            session, Project, {"code": "PRJ-7", "name": "Payroll upgrade", "budget": 100000}
        )
        return project.id


@pytest.fixture
def panel(ctx: AppContext, qtbot: QtBot) -> AuditHistoryPanel:
    widget = AuditHistoryPanel(ctx)
    qtbot.addWidget(widget)
    return widget


def test_panel_lists_changes_newest_first_and_follows_edits(
    ctx: AppContext, panel: AuditHistoryPanel, project_id: uuid.UUID, qtmodeltester: Any
) -> None:
    panel.show_record(Project, project_id)
    assert [line.action for line in panel.history.lines()] == ["Created"]
    assert panel.title.text() == "History of project PRJ-7: 1 change"

    ctx.push(EditRecordCommand(ctx, Project, project_id, {"budget": 150000}))
    lines = panel.history.lines()
    assert [line.action for line in lines] == ["Changed", "Created"]
    assert lines[0].field == "Budget"
    assert lines[0].change == "100000 → 150000"
    assert lines[0].user == "tester"

    ctx.push(ArchiveRecordsCommand(ctx, Project, [project_id]))
    assert panel.history.lines()[0].action == "Archived"
    ctx.undo_stack.undo()
    assert panel.history.lines()[0].action == "Restored"
    assert panel.history.rowCount() == 4
    qtmodeltester.check(panel.history)


def test_panel_clears_and_names_a_missing_record(
    panel: AuditHistoryPanel, project_id: uuid.UUID
) -> None:
    panel.show_record(Project, project_id)
    panel.show_record(None, None)
    assert panel.history.rowCount() == 0
    assert panel.title.text() == "Select a record to see its history."

    panel.show_record(Project, uuid.uuid4())
    assert panel.history.rowCount() == 0
    assert panel.title.text() == "That project no longer exists."


def test_register_side_panel_shows_the_current_project_and_its_inline_edit(
    ctx: AppContext, project_id: uuid.UUID, qtbot: QtBot
) -> None:
    view = RegisterView(ctx)
    qtbot.addWidget(view)
    index = view.proxy.index(0, COLUMN_INDEX["name"])
    view.tableView.setCurrentIndex(index)
    assert view.history.title.text().startswith("History of project PRJ-7")

    assert view.proxy.setData(index, "Payroll 2.0")

    lines = view.history.history.lines()
    assert lines[0].field == "Name"
    assert lines[0].change == "Payroll upgrade → Payroll 2.0"
