"""Record pages through their real widgets: search, sort, archive, restore, refresh, models.

The Status & RAID page keeps two plain record lists (decisions, milestones) and a RAID log;
their list behaviour is checked at the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from helpers_records import answer_question, create, fetch, when_modal
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pmodesk.domain import (
    Decision,
    Milestone,
    Person,
    Portfolio,
    PortfolioRecord,
    Programme,
    Project,
    RaidItem,
    Role,
    StrategicObjective,
    Team,
)
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors import RecordEditorDialog
from pmodesk.gui.monitoring.raid_model import COLUMN as RAID_COLUMN
from pmodesk.gui.monitoring.raid_page import RaidPage
from pmodesk.gui.records import RecordListTab
from pmodesk.gui.records_page import PeoplePage, PortfolioStructurePage, RecordsPage


@pytest.fixture
def portfolio_data(ctx: AppContext) -> dict[str, Project]:
    pf = create(ctx, Portfolio, code="PF-001", name="Digital services")
    pgm = create(ctx, Programme, code="PGM-001", name="Customer first", portfolio_id=pf.id)
    crm = create(ctx, Project, code="PRJ-001", name="CRM", programme_id=pgm.id)
    payroll = create(ctx, Project, code="PRJ-002", name="Payroll")
    for code, name, weight in [
        ("OBJ-001", "Grow online sales", 20.0),
        ("OBJ-002", "Cut running costs", 6.0),
        ("OBJ-003", "Keep key staff", 9.0),
    ]:
        create(ctx, StrategicObjective, code=code, name=name, weight=weight)
    team = create(ctx, Team, code="TEAM-001", name="Data engineering")
    role = create(ctx, Role, code="ROLE-001", name="Analyst")
    create(ctx, Person, code="PER-001", name="Zoë Müller", team_id=team.id, role_id=role.id)
    create(ctx, Person, code="PER-002", name="李伟", team_id=team.id)
    return {"crm": crm, "payroll": payroll}


def show[P: QWidget](qtbot: QtBot, page: P) -> P:
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


def test_portfolio_structure_lists_counts_and_the_portfolio_code(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, Project]
) -> None:
    page = show(qtbot, PortfolioStructurePage(ctx))
    assert page.current_model() is Portfolio
    portfolios = page.tab(Portfolio)
    assert texts(portfolios, column_of(portfolios, "programmes")) == ["1"]
    programmes = page.show_kind(Programme)
    assert texts(programmes, column_of(programmes, "portfolio")) == ["PF-001"]
    assert texts(programmes, column_of(programmes, "projects")) == ["1"]
    objectives = page.show_kind(StrategicObjective)
    assert texts(objectives, 0) == ["OBJ-001", "OBJ-002", "OBJ-003"]
    assert objectives.countLabel.text() == "3 records"
    assert page.current_model() is StrategicObjective


def test_search_filters_as_you_type(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, Project]
) -> None:
    page = show(qtbot, PeoplePage(ctx))
    tab = page.tab(Person)
    qtbot.keyClicks(tab.searchEdit, "zo")
    assert texts(tab, column_of(tab, "name")) == ["Zoë Müller"]
    assert tab.countLabel.text() == "1 of 2 records"
    tab.searchEdit.setText("李")  # typed through an input method, beyond what key clicks can send
    assert texts(tab, column_of(tab, "code")) == ["PER-002"]
    tab.searchEdit.clear()
    qtbot.keyClicks(tab.searchEdit, "engineering analyst")  # every word, anywhere in the row
    assert texts(tab, column_of(tab, "code")) == ["PER-001"]
    tab.searchEdit.clear()
    assert tab.proxy.rowCount() == 2
    assert tab.countLabel.text() == "2 records"


def test_clicking_a_header_sorts_by_raw_values(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, Project]
) -> None:
    page = show(qtbot, PortfolioStructurePage(ctx))
    tab = page.show_kind(StrategicObjective)
    header = tab.tableView.horizontalHeader()
    weight = column_of(tab, "weight")
    x = header.sectionViewportPosition(weight) + header.sectionSize(weight) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert texts(tab, weight) == ["6", "9", "20"]  # numerically, not "20" < "6"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert texts(tab, weight) == ["20", "9", "6"]


def test_delete_archives_after_confirmation_and_undo_restores(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, Project]
) -> None:
    page = show(qtbot, PeoplePage(ctx))
    tab = page.tab(Person)
    assert tab.select_record(fetch(ctx, Person, code="PER-002").id)
    focus(qtbot, tab.tableView)
    seen: list[str] = []
    answer_question("confirmButton", seen)
    qtbot.keyClick(tab.tableView, Qt.Key.Key_Delete)
    assert seen == ["Archive this person?"]
    assert texts(tab, 0) == ["PER-001"]
    assert fetch(ctx, Person, code="PER-002").archived_at is not None
    assert tab.countLabel.text() == "1 record"

    ctx.undo_stack.undo()
    assert texts(tab, 0) == ["PER-001", "PER-002"]
    assert fetch(ctx, Person, code="PER-002").archived_at is None


def test_declining_the_confirmation_archives_nothing(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, Project]
) -> None:
    page = show(qtbot, PeoplePage(ctx))
    tab = page.show_kind(Team)
    tab.select_record(fetch(ctx, Team, code="TEAM-001").id)
    seen: list[str] = []
    answer_question("safeButton", seen)
    qtbot.mouseClick(tab.archiveButton, Qt.MouseButton.LeftButton)
    assert seen == ["Archive this team?"]
    assert texts(tab, 0) == ["TEAM-001"]
    assert fetch(ctx, Team, code="TEAM-001").archived_at is None
    assert ctx.undo_stack.count() == 0


def test_show_archived_then_restore(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, Project]
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
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, Project]
) -> None:
    page = show(qtbot, PortfolioStructurePage(ctx))
    tab = page.show_kind(StrategicObjective)
    create(ctx, StrategicObjective, code="OBJ-004", name="Open new markets")
    with qtbot.assert_not_emitted(tab.table_model.modelReset):
        ctx.notify({"person"})
    assert tab.proxy.rowCount() == 3
    with qtbot.wait_signal(tab.table_model.modelReset):
        ctx.notify({"strategic_objective"})
    assert texts(tab, 0) == ["OBJ-001", "OBJ-002", "OBJ-003", "OBJ-004"]


def test_hidden_tab_reloads_when_shown(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, Project]
) -> None:
    page = show(qtbot, PeoplePage(ctx))
    roles = page.tab(Role)
    assert not roles.isVisible()
    create(ctx, Role, code="ROLE-002", name="Scrum master")
    ctx.notify({"role"})
    page.show_kind(Role)
    assert texts(roles, 0) == ["ROLE-001", "ROLE-002"]
    assert page.current_model() is Role


def test_people_page_joins_team_and_role_names(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, Project]
) -> None:
    page = show(qtbot, PeoplePage(ctx))
    tab = page.tab(Person)
    assert texts(tab, column_of(tab, "team")) == ["Data engineering", "Data engineering"]
    assert texts(tab, column_of(tab, "role")) == ["Analyst", ""]
    teams = page.show_kind(Team)
    assert texts(teams, column_of(teams, "members")) == ["2"]


def test_new_record_opens_the_editor_and_selects_the_new_row(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, Project]
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
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, Project]
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
    for page_class in (PortfolioStructurePage, PeoplePage)
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
    portfolio_data: dict[str, Project],
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


def test_raid_page_record_lists_show_project_codes_and_iso_dates(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, Project]
) -> None:
    crm = portfolio_data["crm"]
    create(ctx, Milestone, code="MS-001", name="Go live", project_id=crm.id)
    create(
        ctx,
        Milestone,
        code="MS-002",
        name="Pilot",
        project_id=crm.id,
        baseline_date=date(2026, 4, 1),
    )
    create(ctx, Decision, code="DEC-001", title="Choose the vendor", project_id=crm.id)
    page = RaidPage(ctx)
    show(qtbot, page)
    page.show_tab(page.milestones)
    milestones = page.milestones
    assert page.current_model() is Milestone
    assert texts(milestones, column_of(milestones, "project")) == ["PRJ-001", "PRJ-001"]
    assert texts(milestones, column_of(milestones, "baseline_date")) == ["", "2026-04-01"]
    page.show_tab(page.decisions)
    decisions = page.decisions
    assert texts(decisions, column_of(decisions, "title")) == ["Choose the vendor"]
    assert texts(decisions, column_of(decisions, "project")) == ["PRJ-001"]


def test_raid_log_shows_the_kind_letter_and_the_score_with_its_band(
    qtbot: QtBot, ctx: AppContext, portfolio_data: dict[str, Project]
) -> None:
    for code, title, p, i, project in [
        ("RAID-001", "Vendor delivers late", 4, 5, portfolio_data["crm"]),
        ("RAID-002", "Key architect leaves", 2, 3, portfolio_data["payroll"]),
    ]:
        create(
            ctx, RaidItem, code=code, title=title, probability=p, impact=i, project_id=project.id
        )
    page = RaidPage(ctx)
    show(qtbot, page)
    page.show_tab(page.raid)
    log = page.raid
    rows = {code: row for row, code in enumerate(log.shown_codes())}
    assert sorted(rows) == ["RAID-001", "RAID-002"]
    high = log.proxy.index(rows["RAID-001"], RAID_COLUMN["score"])
    assert high.data() == "20 R"  # readable without colour
    assert high.data(Qt.ItemDataRole.ToolTipRole) == "4 × 5 = 20 (Red)"
    assert log.proxy.index(rows["RAID-002"], RAID_COLUMN["score"]).data() == "6 A"
    assert log.proxy.index(rows["RAID-001"], RAID_COLUMN["kind"]).data() == "R"
