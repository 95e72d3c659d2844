"""Record pages through their real widgets: search, sort, archive, restore, refresh, models."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from helpers_records import answer_question, create, fetch, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pmodesk.domain import (
    Benefit,
    Decision,
    Lesson,
    Milestone,
    Person,
    Portfolio,
    PortfolioRecord,
    Programme,
    Project,
    RaidItem,
    Role,
    StatusReport,
    StrategicObjective,
    Team,
)
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors import RecordEditorDialog
from pmodesk.gui.records import RecordListTab
from pmodesk.gui.records_page import (
    BenefitsLessonsPage,
    PeoplePage,
    PortfolioStructurePage,
    RecordsPage,
    StatusRaidPage,
)


@pytest.fixture
def portfolio_data(ctx: AppContext) -> dict[str, object]:
    pf = create(ctx, Portfolio, code="PF-001", name="Digital services")
    pgm = create(ctx, Programme, code="PGM-001", name="Customer first", portfolio_id=pf.id)
    crm = create(ctx, Project, code="PRJ-001", name="CRM", programme_id=pgm.id)
    payroll = create(ctx, Project, code="PRJ-002", name="Payroll")
    create(ctx, StrategicObjective, code="OBJ-001", name="Grow online sales")
    team = create(ctx, Team, code="TEAM-001", name="Data engineering")
    role = create(ctx, Role, code="ROLE-001", name="Analyst")
    create(ctx, Person, code="PER-001", name="Zoë Müller", team_id=team.id, role_id=role.id)
    create(ctx, Person, code="PER-002", name="李伟", team_id=team.id)
    for code, title, p, i, project in [
        ("RAID-001", "Vendor delivers late", 4, 5, crm),
        ("RAID-002", "Key architect leaves", 2, 3, payroll),
        ("RAID-003", "Budget cut in Q3", 3, 3, crm),
    ]:
        create(
            ctx,
            RaidItem,
            code=code,
            title=title,
            probability=p,
            impact=i,
            project_id=project.id,
            owner="Anna Smith",
        )
    create(ctx, Decision, code="DEC-001", title="Choose the vendor", project_id=crm.id)
    create(ctx, StatusReport, project_id=crm.id, period="2026-03", rag_overall="red")
    create(ctx, Milestone, code="MS-001", name="Go live", project_id=crm.id)
    create(ctx, Benefit, code="BEN-001", name="Faster calls", project_id=crm.id, target_value=20.0)
    create(ctx, Lesson, code="LES-001", title="Involve users early", project_id=crm.id)
    return {"crm": crm, "payroll": payroll}


def show(qtbot: QtBot, page: RecordsPage) -> RecordsPage:
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)
    return page


def focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def texts(tab: RecordListTab, column: int) -> list[str]:
    proxy = tab.proxy
    return [str(proxy.index(row, column).data()) for row in range(proxy.rowCount())]


def column_of(tab: RecordListTab, key: str) -> int:
    return [c.key for c in tab.listing.columns].index(key)


def test_raid_tab_lists_kind_letter_project_code_and_score(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, object]
) -> None:
    page = show(qtbot, StatusRaidPage(ctx))
    tab = page.tab(RaidItem)
    assert page.current_model() is RaidItem
    assert texts(tab, column_of(tab, "code")) == ["RAID-001", "RAID-002", "RAID-003"]
    assert texts(tab, column_of(tab, "kind")) == ["R", "R", "R"]
    assert texts(tab, column_of(tab, "project")) == ["PRJ-001", "PRJ-002", "PRJ-001"]
    assert texts(tab, column_of(tab, "score")) == ["20", "6", "9"]
    high = tab.proxy.index(0, column_of(tab, "score"))
    assert high.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"  # red band
    assert tab.countLabel.text() == "3 records"


def test_search_filters_as_you_type(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, object]
) -> None:
    page = show(qtbot, StatusRaidPage(ctx))
    tab = page.tab(RaidItem)
    qtbot.keyClicks(tab.searchEdit, "vendor")
    assert texts(tab, column_of(tab, "title")) == ["Vendor delivers late"]
    assert tab.countLabel.text() == "1 of 3 records"
    tab.searchEdit.clear()
    qtbot.keyClicks(tab.searchEdit, "prj-001 budget")  # every word, anywhere in the row
    assert texts(tab, column_of(tab, "code")) == ["RAID-003"]
    tab.searchEdit.clear()
    assert tab.proxy.rowCount() == 3
    assert tab.countLabel.text() == "3 records"


def test_clicking_a_header_sorts_by_raw_values(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, object]
) -> None:
    page = show(qtbot, StatusRaidPage(ctx))
    tab = page.tab(RaidItem)
    header = tab.tableView.horizontalHeader()
    score = column_of(tab, "score")
    x = header.sectionViewportPosition(score) + header.sectionSize(score) // 2
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert texts(tab, score) == ["6", "9", "20"]  # numerically, not "20" < "6"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert texts(tab, score) == ["20", "9", "6"]


def test_delete_archives_after_confirmation_and_undo_restores(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, object]
) -> None:
    page = show(qtbot, StatusRaidPage(ctx))
    tab = page.tab(RaidItem)
    assert tab.select_record(fetch(ctx, RaidItem, code="RAID-002").id)
    focus(qtbot, tab.tableView)
    seen: list[str] = []
    answer_question("confirmButton", seen)
    qtbot.keyClick(tab.tableView, Qt.Key.Key_Delete)
    assert seen == ["Archive this RAID item?"]
    assert texts(tab, 0) == ["RAID-001", "RAID-003"]
    assert fetch(ctx, RaidItem, code="RAID-002").archived_at is not None
    assert tab.countLabel.text() == "2 records"

    ctx.undo_stack.undo()
    assert texts(tab, 0) == ["RAID-001", "RAID-002", "RAID-003"]
    assert fetch(ctx, RaidItem, code="RAID-002").archived_at is None


def test_declining_the_confirmation_archives_nothing(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, object]
) -> None:
    page = show(qtbot, StatusRaidPage(ctx))
    tab = page.tab(RaidItem)
    tab.select_record(fetch(ctx, RaidItem, code="RAID-001").id)
    answer_question("safeButton")
    qtbot.mouseClick(tab.archiveButton, Qt.MouseButton.LeftButton)
    assert tab.proxy.rowCount() == 3
    assert ctx.undo_stack.count() == 0


def test_show_archived_then_restore(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, object]
) -> None:
    page = show(qtbot, PortfolioStructurePage(ctx))
    tab = page.show_kind(Programme)
    tab.select_record(fetch(ctx, Programme, code="PGM-001").id)
    answer_question("confirmButton")
    qtbot.mouseClick(tab.archiveButton, Qt.MouseButton.LeftButton)
    assert tab.proxy.rowCount() == 0
    assert not tab.restoreButton.isVisible()

    qtbot.mouseClick(tab.showArchivedCheck, Qt.MouseButton.LeftButton)
    assert tab.showArchivedCheck.isChecked()
    assert texts(tab, 0) == ["PGM-001"]
    archived_cell = tab.proxy.index(0, 0)
    assert archived_cell.data(Qt.ItemDataRole.FontRole).italic()
    assert archived_cell.data(Qt.ItemDataRole.ToolTipRole) == "Archived"
    tab.select_record(fetch(ctx, Programme, code="PGM-001").id)
    assert tab.restoreButton.isVisible()
    assert tab.restoreButton.isEnabled()
    assert not tab.archiveButton.isEnabled()
    qtbot.mouseClick(tab.restoreButton, Qt.MouseButton.LeftButton)
    assert fetch(ctx, Programme, code="PGM-001").archived_at is None
    assert not tab.proxy.index(0, 0).data(Qt.ItemDataRole.FontRole)


def test_refreshes_only_for_its_own_tables(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, object]
) -> None:
    page = show(qtbot, BenefitsLessonsPage(ctx))
    tab = page.tab(Benefit)
    crm = portfolio_data["crm"]
    assert isinstance(crm, Project)
    create(ctx, Benefit, code="BEN-002", name="Fewer complaints", project_id=crm.id)
    with qtbot.assert_not_emitted(tab.table_model.modelReset):
        ctx.notify({"raid_item"})
    assert tab.proxy.rowCount() == 1
    with qtbot.wait_signal(tab.table_model.modelReset):
        ctx.notify({"benefit"})
    assert texts(tab, 0) == ["BEN-001", "BEN-002"]


def test_hidden_tab_reloads_when_shown(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, object]
) -> None:
    page = show(qtbot, BenefitsLessonsPage(ctx))
    lessons = page.tab(Lesson)
    assert not lessons.isVisible()
    create(ctx, Lesson, code="LES-002", title="Freeze scope before testing")
    ctx.notify({"lesson"})
    page.show_kind(Lesson)
    assert texts(lessons, 0) == ["LES-001", "LES-002"]
    assert page.current_model() is Lesson


def test_status_reports_show_rag_as_coloured_letter(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, object]
) -> None:
    page = show(qtbot, StatusRaidPage(ctx))
    tab = page.show_kind(StatusReport)
    cell = tab.proxy.index(0, column_of(tab, "rag_overall"))
    assert cell.data() == "R"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "Red"
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert texts(tab, column_of(tab, "project")) == ["PRJ-001"]
    milestones = page.show_kind(Milestone)
    assert texts(milestones, column_of(milestones, "project")) == ["PRJ-001"]


def test_people_page_joins_team_and_role_names(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, object]
) -> None:
    page = show(qtbot, PeoplePage(ctx))
    tab = page.tab(Person)
    assert texts(tab, column_of(tab, "team")) == ["Data engineering", "Data engineering"]
    assert texts(tab, column_of(tab, "role")) == ["Analyst", ""]
    teams = page.show_kind(Team)
    assert texts(teams, column_of(teams, "members")) == ["2"]


def test_new_record_opens_the_editor_and_selects_the_new_row(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, object]
) -> None:
    page = show(qtbot, PeoplePage(ctx))
    page.show_kind(Role)
    assert page.current_model() is Role

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, RecordEditorDialog)
        qtbot.keyClicks(dialog.field_input("name").focus_widget, "Architect")
        qtbot.keyClick(dialog.field_input("name").focus_widget, Qt.Key.Key_Return)

    when_modal(fill, RecordEditorDialog)
    created = page.new_record()
    assert created is not None
    tab = page.tab(Role)
    assert texts(tab, 1) == ["Analyst", "Architect"]
    assert tab.selected_ids() == [created]


def test_enter_on_a_row_opens_its_editor(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, object]
) -> None:
    page = show(qtbot, PortfolioStructurePage(ctx))
    tab = page.tab(Portfolio)
    tab.select_record(fetch(ctx, Portfolio, code="PF-001").id)
    opened: list[str] = []

    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, RecordEditorDialog)
        opened.append(dialog.titleLabel.text())
        line = dialog.field_input("name").focus_widget
        line.selectAll()  # type: ignore[attr-defined]
        qtbot.keyClicks(line, "Digital")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(rename, RecordEditorDialog)
    focus(qtbot, tab.tableView)
    qtbot.keyClick(tab.tableView, Qt.Key.Key_Return)
    assert opened == ["Portfolio PF-001"]
    assert texts(tab, 1) == ["Digital"]
    ctx.undo_stack.undo()
    assert texts(tab, 1) == ["Digital services"]


@pytest.fixture
def keep_alive() -> Iterator[list[object]]:
    """Holds widgets until the fixtures set up after it (the model tester) are torn down."""
    kept: list[object] = []
    yield kept
    kept.clear()


PAGE_KINDS = [
    (page_class, model)
    for page_class in (PortfolioStructurePage, PeoplePage, StatusRaidPage, BenefitsLessonsPage)
    for model in page_class.kinds
]


@pytest.mark.parametrize(
    ("page_class", "model"), PAGE_KINDS, ids=[m.__name__ for _p, m in PAGE_KINDS]
)
def test_every_page_model_passes_the_model_tester(
    qtbot: QtBot,
    keep_alive: list[object],
    qtmodeltester: ModelTester,
    ctx: AppContext,
    portfolio_data: dict[str, object],
    page_class: type[RecordsPage],
    model: type[PortfolioRecord],
) -> None:
    page = show(qtbot, page_class(ctx))
    keep_alive.append(page)
    tab = page.show_kind(model)
    assert tab.table_model.rowCount() >= 1
    qtmodeltester.check(tab.table_model, force_py=True)
    # Changes after the check are verified by the tester as they happen.
    tab.showArchivedCheck.setChecked(True)
    ctx.notify({tab.listing.table})


def test_milestone_dates_display_as_iso(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, object]
) -> None:
    crm = portfolio_data["crm"]
    assert isinstance(crm, Project)
    create(
        ctx,
        Milestone,
        code="MS-002",
        name="Pilot",
        project_id=crm.id,
        baseline_date=date(2026, 4, 1),
    )
    page = show(qtbot, StatusRaidPage(ctx))
    tab = page.show_kind(Milestone)
    assert texts(tab, column_of(tab, "baseline_date")) == ["", "2026-04-01"]
