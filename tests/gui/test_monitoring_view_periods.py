"""Status reports per period through the real widgets: who reported, what changed, closing."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmodesk.domain import Project, StatusReport
from pmodesk.domain.enums import ProjectState, Rag
from pmodesk.gui.context import AppContext
from pmodesk.gui.monitoring.common import RAG_ROLE, as_rag
from pmodesk.gui.monitoring.period_model import COLUMN
from pmodesk.gui.monitoring.period_tab import PeriodTab
from pmodesk.services.monitoring.periods import period_of, previous_period
from tests.gui.helpers_records import answer_question, create, fetch

CURRENT = period_of(date.today())
PREVIOUS = previous_period(CURRENT)


@pytest.fixture
def reports(ctx: AppContext) -> dict[str, StatusReport]:
    crm = create(ctx, Project, code="PRJ-001", name="CRM")
    payroll = create(ctx, Project, code="PRJ-002", name="Payroll")
    create(ctx, Project, code="PRJ-003", name="Website")  # has not reported
    create(ctx, Project, code="PRJ-004", name="Paused", state=ProjectState.ON_HOLD)
    create(
        ctx,
        StatusReport,
        project_id=crm.id,
        period=PREVIOUS,
        rag_overall=Rag.GREEN,
        forecast_finish=date(2027, 6, 30),
        forecast_cost=100_000,
    )
    return {
        "crm": create(
            ctx,
            StatusReport,
            project_id=crm.id,
            period=CURRENT,
            rag_overall=Rag.RED,
            rag_schedule=Rag.RED,
            forecast_finish=date(2027, 7, 14),
            forecast_cost=112_500,
            summary="Supplier late.",
            achievements="Design signed off\nPilot users chosen",
            next_steps="Escalate to the board",
        ),
        "payroll": create(
            ctx, StatusReport, project_id=payroll.id, period=CURRENT, rag_overall=Rag.GREEN
        ),
    }


def show(qtbot: QtBot, ctx: AppContext) -> PeriodTab:
    tab = PeriodTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def cells(tab: PeriodTab, key: str) -> list[str]:
    return [str(tab.proxy.index(r, COLUMN[key]).data()) for r in range(tab.proxy.rowCount())]


def test_the_period_lists_reports_who_did_not_report_and_what_changed(
    qtbot: QtBot, ctx: AppContext, reports: dict[str, StatusReport]
) -> None:
    tab = show(qtbot, ctx)

    assert tab.period() == CURRENT
    assert cells(tab, "code") == ["PRJ-001", "PRJ-002", "PRJ-003"]  # on hold left out
    assert cells(tab, "state") == ["Open", "Open", "Not reported"]
    assert cells(tab, "trend") == ["▼ worse", "", ""]
    assert cells(tab, "slip") == ["+14 d", "", ""]
    assert cells(tab, "cost_change") == ["+12,500", "", ""]
    overall = tab.proxy.index(0, COLUMN["rag0"])
    assert as_rag(overall.data(RAG_ROLE)) is Rag.RED
    assert overall.data(Qt.ItemDataRole.AccessibleTextRole) == "Red"
    summary = tab.summary_label.text()
    assert "3 active projects" in summary
    assert "2 reported" in summary
    assert "1 not reported" in summary
    assert "1 changed since" in summary
    detail = tab.detail.toPlainText()
    assert "Supplier late." in detail
    assert "Overall G → R" in detail
    assert "Forecast finish moved +14 days" in detail

    tab.show_combo.setCurrentIndex(tab.show_combo.findData("missing"))
    assert cells(tab, "code") == ["PRJ-003"]
    assert tab.report_button.text() == "&Write report…"


def test_closing_the_period_freezes_its_reports_and_undo_reopens_them(
    qtbot: QtBot, ctx: AppContext, reports: dict[str, StatusReport]
) -> None:
    tab = show(qtbot, ctx)
    assert tab.close_button.isEnabled()
    seen: list[str] = []
    answer_question(seen=seen)

    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)

    assert seen == [f"Close {CURRENT} and freeze its 2 open reports?"]
    assert fetch(ctx, StatusReport, id=reports["crm"].id).frozen
    assert fetch(ctx, StatusReport, id=reports["payroll"].id).frozen
    assert cells(tab, "state") == ["Frozen", "Frozen", "Not reported"]
    assert "is closed" in tab.summary_label.text()
    assert not tab.close_button.isEnabled()
    assert tab.reopen_button.isVisible()

    ctx.undo_stack.undo()
    assert not fetch(ctx, StatusReport, id=reports["crm"].id).frozen
    assert cells(tab, "state") == ["Open", "Open", "Not reported"]
    assert tab.close_button.isEnabled()


def test_closing_can_be_declined(
    qtbot: QtBot, ctx: AppContext, reports: dict[str, StatusReport]
) -> None:
    tab = show(qtbot, ctx)
    answer_question("safeButton")
    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)
    assert not fetch(ctx, StatusReport, id=reports["crm"].id).frozen
    assert ctx.undo_stack.count() == 0


def test_stepping_back_shows_the_previous_period(
    qtbot: QtBot, ctx: AppContext, reports: dict[str, StatusReport]
) -> None:
    tab = show(qtbot, ctx)
    qtbot.mouseClick(tab.previous_button, Qt.MouseButton.LeftButton)
    assert tab.period() == PREVIOUS
    assert cells(tab, "state") == ["Open", "Not reported", "Not reported"]
    qtbot.mouseClick(tab.next_button, Qt.MouseButton.LeftButton)
    assert tab.period() == CURRENT
