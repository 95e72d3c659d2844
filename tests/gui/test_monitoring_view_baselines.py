"""Baselines through the real widgets: variance list, first baseline, re-baseline with a reason, undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from pmodesk.domain import Milestone, Project
from pmodesk.gui.context import AppContext
from pmodesk.gui.monitoring.baseline_dialog import BaselineDialog
from pmodesk.gui.monitoring.baselines_tab import BaselinesTab
from pmodesk.gui.monitoring.variance_model import COLUMN
from pmodesk.services.monitoring.baseline_plans import baseline_history
from tests.gui.helpers_records import create, fetch, when_modal


@pytest.fixture
def project(ctx: AppContext) -> Project:
    crm = create(
        ctx,
        Project,
        code="PRJ-001",
        name="CRM",
        planned_start=date(2030, 1, 1),
        planned_finish=date(2030, 6, 30),
        forecast_finish=date(2030, 7, 20),
        budget=100_000,
        forecast_cost=112_000,
    )
    create(
        ctx,
        Milestone,
        code="MS-001",
        name="Go live",
        project_id=crm.id,
        baseline_date=date(2030, 6, 1),
        forecast_date=date(2030, 6, 21),
    )
    return crm


def show(qtbot: QtBot, ctx: AppContext) -> BaselinesTab:
    tab = BaselinesTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def cell(tab: BaselinesTab, key: str) -> str:
    return str(tab.proxy.index(0, COLUMN[key]).data())


def test_first_baseline_then_a_re_baseline_that_needs_a_reason(
    qtbot: QtBot, ctx: AppContext, project: Project
) -> None:
    tab = show(qtbot, ctx)
    assert cell(tab, "baseline") == "no baseline"
    assert cell(tab, "schedule") == "+20 d"  # against the plan meanwhile
    assert tab.first_button.isEnabled()
    assert not tab.rebaseline_button.isEnabled()

    when_modal(lambda d: d.save(), BaselineDialog)
    qtbot.mouseClick(tab.first_button, Qt.MouseButton.LeftButton)

    assert cell(tab, "baseline").startswith("#1 · ")
    assert tab.rebaseline_button.isEnabled()
    assert tab.history.rowCount() == 1
    assert tab.slips.item(0, 5).text() == "Slipped 20 days"

    refusals: list[str] = []

    def rebaseline(dialog: QDialog) -> None:
        assert isinstance(dialog, BaselineDialog)
        # Starts from today's forecasts: finish 20 July, cost 112 000, MS-001 on 21 June.
        assert dialog.finish.value() == date(2030, 7, 20)
        assert dialog.budget.value() == 112_000
        assert dialog.milestone_edits["MS-001"].date() == QDate(2030, 6, 21)
        dialog.save()  # no reason yet
        refusals.append(dialog.banner_message)
        assert dialog.reason.property("invalid") is True
        dialog.reason.setPlainText("CR-7: the board accepted the supplier's delay.")
        dialog.save()

    when_modal(rebaseline, BaselineDialog)
    qtbot.mouseClick(tab.rebaseline_button, Qt.MouseButton.LeftButton)

    assert refusals == [
        "A re-baseline needs a reason (for example the change request the board approved)."
    ]
    assert cell(tab, "baseline").startswith("#2 · ")
    assert cell(tab, "schedule") == "0 d"
    assert cell(tab, "cost") == "0"
    assert tab.history.item(0, 0).text() == "2 (in force)"
    assert tab.history.item(0, 5).text() == "CR-7: the board accepted the supplier's delay."
    assert tab.history.item(1, 0).text() == "1"
    assert tab.slips.item(0, 5).text() == "On plan"
    assert fetch(ctx, Project, code="PRJ-001").planned_finish == date(2030, 7, 20)

    ctx.undo_stack.undo()
    with ctx.session() as session:
        assert [b.number for b in baseline_history(session, project.id)] == [1]
    assert fetch(ctx, Project, code="PRJ-001").planned_finish == date(2030, 6, 30)
    assert cell(tab, "schedule") == "+20 d"


def test_baseline_all_sets_first_baselines_and_undo_takes_them_back(
    qtbot: QtBot, ctx: AppContext, project: Project
) -> None:
    create(ctx, Project, code="PRJ-002", name="Unplanned")
    tab = show(qtbot, ctx)
    from tests.gui.helpers_records import answer_question

    seen: list[str] = []
    answer_question(seen=seen)
    qtbot.mouseClick(tab.all_button, Qt.MouseButton.LeftButton)
    assert seen == ["Set the first baseline of 1 project from their plans?"]
    assert cell(tab, "baseline").startswith("#1")
    ctx.undo_stack.undo()
    assert cell(tab, "baseline") == "no baseline"


def test_baseline_all_runs_as_a_job_in_the_window(
    qtbot: QtBot, ctx: AppContext, project: Project
) -> None:
    from PySide6.QtWidgets import QMainWindow

    from pmodesk.gui.jobs import JobRunner
    from tests.gui.helpers_records import answer_question

    window = QMainWindow()
    qtbot.addWidget(window)
    window.jobs = JobRunner(ctx, window)  # type: ignore[attr-defined]
    tab = BaselinesTab(ctx, window)
    window.setCentralWidget(tab)
    window.show()
    qtbot.waitExposed(window)
    answer_question()
    qtbot.mouseClick(tab.all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cell(tab, "baseline").startswith("#1"), timeout=10_000)
    assert ctx.undo_stack.undoText() == "Set the first baseline of 1 project"
    ctx.undo_stack.undo()
    assert cell(tab, "baseline") == "no baseline"
    ctx.undo_stack.redo()
    assert cell(tab, "baseline").startswith("#1")
    window.jobs.wait(5000)  # type: ignore[attr-defined]
