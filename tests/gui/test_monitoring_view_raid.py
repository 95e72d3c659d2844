"""The RAID log through its real widgets: matrix cells, exposure, overdue issues, escalation, alerts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmodesk.domain import Milestone, Project, ProjectDependency, RaidItem
from pmodesk.domain.enums import RaidKind
from pmodesk.gui.context import AppContext
from pmodesk.gui.monitoring.raid_model import COLUMN
from pmodesk.gui.monitoring.raid_page import RaidPage
from pmodesk.gui.monitoring.raid_tab import RaidLogTab
from tests.gui.helpers_records import answer_question, create, fetch

TODAY = date.today()


@pytest.fixture
def raid(ctx: AppContext) -> dict[str, Project]:
    crm = create(ctx, Project, code="PRJ-001", name="CRM")
    payroll = create(ctx, Project, code="PRJ-002", name="Payroll")
    for code, title, p, i, project in [
        ("RAID-001", "Vendor delivers late", 4, 5, crm),
        ("RAID-002", "Key architect leaves", 2, 3, payroll),
        ("RAID-003", "Budget cut in Q3", 4, 5, payroll),
        ("RAID-004", "Data centre move", 1, 1, crm),
    ]:
        create(
            ctx, RaidItem, code=code, title=title, probability=p, impact=i, project_id=project.id
        )
    create(
        ctx,
        RaidItem,
        code="RAID-005",
        title="Test environment down",
        kind=RaidKind.ISSUE,
        project_id=crm.id,
        due_date=TODAY - timedelta(days=12),
    )
    create(ctx, RaidItem, code="RAID-006", title="Portfolio funding", probability=3, impact=3)
    return {"crm": crm, "payroll": payroll}


_PAGES: list[RaidPage] = []


def show_log(qtbot: QtBot, ctx: AppContext) -> RaidLogTab:
    """The RAID log tab of a page on screen (the page is kept alive until the test ends)."""
    page = RaidPage(ctx)
    qtbot.addWidget(page)
    _PAGES.append(page)
    page.resize(1300, 800)
    page.show()
    qtbot.waitExposed(page)
    page.show_tab(page.raid)
    return page.raid


@pytest.fixture(autouse=True)
def _forget_pages() -> object:
    yield None
    _PAGES.clear()


def test_clicking_a_matrix_cell_lists_its_risks_and_clicking_again_shows_all(
    qtbot: QtBot, ctx: AppContext, raid: dict[str, Project]
) -> None:
    tab = show_log(qtbot, ctx)
    matrix = tab.side.matrix
    assert tab.shown_codes() == [f"RAID-00{n}" for n in range(1, 7)]
    assert matrix.count((4, 5)) == 2
    assert "Probability 4 × impact 5 = 20 (Red): 2 open risks" in matrix.tip((4, 5))

    qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=matrix.cell_rect((4, 5)).center())

    assert matrix.selected_cell() == (4, 5)
    assert tab.shown_codes() == ["RAID-001", "RAID-003"]
    assert tab.cell_label.isVisible()
    assert "probability 4 × impact 5" in tab.cell_label.text()
    assert tab.count_label.text() == "2 of 6 items"

    qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=matrix.cell_rect((4, 5)).center())
    assert matrix.selected_cell() is None
    assert len(tab.shown_codes()) == 6
    assert not tab.cell_label.isVisible()


def test_keyboard_on_the_matrix_and_escape_clears(
    qtbot: QtBot, ctx: AppContext, raid: dict[str, Project]
) -> None:
    tab = show_log(qtbot, ctx)
    matrix = tab.side.matrix
    matrix.setFocus()
    # The keyboard cursor starts at 3 × 3: one up is probability 4, then right to impact 5... 4.
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Space):
        qtbot.keyClick(matrix, key)
    assert matrix.selected_cell() == (4, 5)
    assert tab.shown_codes() == ["RAID-001", "RAID-003"]
    qtbot.keyClick(matrix, Qt.Key.Key_Escape)
    assert matrix.selected_cell() is None


def test_filters_narrow_the_log_and_the_matrix(
    qtbot: QtBot, ctx: AppContext, raid: dict[str, Project]
) -> None:
    tab = show_log(qtbot, ctx)
    tab.project_combo.setCurrentIndex(tab.project_combo.findData(str(raid["payroll"].id)))
    assert tab.shown_codes() == ["RAID-002", "RAID-003"]
    assert tab.side.matrix.count((4, 5)) == 1  # the matrix follows the filters
    assert tab.side.exposure_label.text().startswith("<b>26</b> from 2 shown risks")  # 6 + 20
    tab.clear_filters()
    qtbot.keyClicks(tab.search, "vendor")
    assert tab.shown_codes() == ["RAID-001"]
    tab.clear_filters()
    tab.project_combo.setCurrentIndex(tab.project_combo.findData("portfolio"))
    assert tab.shown_codes() == ["RAID-006"]


def test_exposure_per_project_and_a_click_filters_the_log(
    qtbot: QtBot, ctx: AppContext, raid: dict[str, Project]
) -> None:
    tab = show_log(qtbot, ctx)
    table = tab.side.exposure_table
    # PRJ-002 20 + 6 = 26, PRJ-001 20 + 1 = 21, portfolio level 9; 56 from 5 open risks.
    assert [table.item(r, 0).text().split()[0] for r in range(table.rowCount())] == [
        "PRJ-002",
        "PRJ-001",
        "Portfolio",
    ]
    assert [table.item(r, 1).text() for r in range(table.rowCount())] == ["26", "21", "9"]
    assert tab.side.exposure_label.text().startswith("<b>56</b> from 5 open risks")
    rect = table.visualItemRect(table.item(1, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.project_combo.currentData() == str(raid["crm"].id)
    assert tab.shown_codes() == ["RAID-001", "RAID-004", "RAID-005"]


def test_an_overdue_issue_stands_out_and_the_button_lists_them(
    qtbot: QtBot, ctx: AppContext, raid: dict[str, Project]
) -> None:
    tab = show_log(qtbot, ctx)
    row = tab.shown_codes().index("RAID-005")
    overdue = tab.proxy.index(row, COLUMN["overdue"])
    assert overdue.data() == "12 d"
    assert overdue.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert tab.proxy.index(row, COLUMN["title"]).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert tab.overdue_button.text() == "1 overdue issue"
    qtbot.mouseClick(tab.overdue_button, Qt.MouseButton.LeftButton)
    assert tab.shown_codes() == ["RAID-005"]
    assert tab.overdue_check.isChecked()


def test_escalate_and_close_are_undoable(
    qtbot: QtBot, ctx: AppContext, raid: dict[str, Project]
) -> None:
    tab = show_log(qtbot, ctx)
    tab.table.selectRow(0)  # RAID-001
    qtbot.mouseClick(tab.escalate_button, Qt.MouseButton.LeftButton)
    assert fetch(ctx, RaidItem, code="RAID-001").escalated
    assert tab.escalate_button.text() == "De-escalate"
    assert tab.proxy.index(0, COLUMN["escalated"]).data() == "▲"
    tab.escalated_check.setChecked(True)
    assert tab.shown_codes() == ["RAID-001"]

    tab.table.selectRow(0)
    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)
    closed = fetch(ctx, RaidItem, code="RAID-001")
    assert (closed.status, closed.closed_on) == ("closed", TODAY)
    assert tab.shown_codes() == []  # closed items leave the default "Not closed" view

    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    item = fetch(ctx, RaidItem, code="RAID-001")
    assert (item.status, item.escalated) == ("open", False)


def test_archive_asks_and_undo_brings_it_back(
    qtbot: QtBot, ctx: AppContext, raid: dict[str, Project]
) -> None:
    tab = show_log(qtbot, ctx)
    tab.table.selectRow(3)  # RAID-004
    answer_question()
    qtbot.mouseClick(tab.archive_button, Qt.MouseButton.LeftButton)
    assert "RAID-004" not in tab.shown_codes()
    ctx.undo_stack.undo()
    assert "RAID-004" in tab.shown_codes()


def test_a_slipped_milestone_alerts_the_dependent_project(
    qtbot: QtBot, ctx: AppContext, raid: dict[str, Project]
) -> None:
    milestone = create(
        ctx,
        Milestone,
        code="MS-001",
        name="Data ready",
        project_id=raid["crm"].id,
        baseline_date=TODAY + timedelta(days=10),
        forecast_date=TODAY + timedelta(days=31),
    )
    create(
        ctx,
        ProjectDependency,
        predecessor_id=raid["crm"].id,
        successor_id=raid["payroll"].id,
        milestone_id=milestone.id,
    )
    tab = show_log(qtbot, ctx)
    alerts = tab.side.alerts_list
    assert tab.side.alerts_box.title() == "Dependency alerts (1)"
    assert alerts.item(0).text() == (
        "Milestone MS-001 (Data ready) of PRJ-001 slipped 21 days, endangering PRJ-002 (Payroll)."
    )
    rect = alerts.visualItemRect(alerts.item(0))
    qtbot.mouseClick(alerts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.project_combo.currentData() == str(raid["payroll"].id)


def test_new_record_of_the_page_follows_the_tab(
    qtbot: QtBot, ctx: AppContext, raid: dict[str, Project]
) -> None:
    page = RaidPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.current_model() is RaidItem
    page.show_tab(page.periods)
    assert page.current_model().__name__ == "StatusReport"
    page.show_tab(page.baselines)
    assert page.current_model() is None
