"""The Resources page: heatmap numbers, hover, selection, edits with undo, controls, what-if, records.

A hand-made plan over four weeks from Monday 7 January 2030 (standard week 37.5 h):

* Alice (Team A, 40 h): PRJ-001 30 h every week, PRJ-002 20 h in week 2 → 75 %, 125 %, 75 %, 75 %;
* Bob (Team B, 40 h × 0.5 = 20 h): PRJ-001 10 h in weeks 1, 2 and 4; on leave (20 h) in week 3;
* Carol (Team A, 40 h): nothing allocated.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from sqlmodel import col, select

from pmodesk.domain import (
    Allocation,
    CapacityException,
    Certification,
    Person,
    PersonSkill,
    Project,
    Role,
    Scenario,
    Skill,
    Team,
    TrainingRecord,
)
from pmodesk.domain.enums import ProjectState
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors import spec_for
from pmodesk.gui.resources.heatmap_model import HeatmapModel
from pmodesk.gui.resources.page import ResourcesPage
from pmodesk.gui.resources.scale import BAND_NO_CAPACITY, band_colours
from pmodesk.services import capacity, records
from tests.gui.helpers_records import create

START = date(2030, 1, 7)
WEEKS = [START + timedelta(weeks=n) for n in range(4)]


@dataclass
class Plan:
    alice: Person
    bob: Person
    carol: Person
    crm: Project
    payroll: Project


@pytest.fixture
def plan(ctx: AppContext) -> Plan:
    team_a = create(ctx, Team, code="TEAM-A", name="Team A")
    team_b = create(ctx, Team, code="TEAM-B", name="Team B")
    role = create(ctx, Role, code="ROLE-DEV", name="Developer")
    people = {}
    for code, name, team, factor in (
        ("PER-001", "Alice", team_a, 1.0),
        ("PER-002", "Bob", team_b, 0.5),
        ("PER-003", "Carol", team_a, 1.0),
    ):
        people[name] = create(
            ctx,
            Person,
            code=code,
            name=name,
            team_id=team.id,
            role_id=role.id,
            weekly_capacity_hours=40.0,
            part_time_factor=factor,
        )
    crm = create(ctx, Project, code="PRJ-001", name="CRM")
    payroll = create(ctx, Project, code="PRJ-002", name="Payroll")
    with ctx.session() as session:
        capacity.allocate(
            session, project_id=crm.id, weeks=WEEKS, hours=30, person_id=people["Alice"].id
        )
        capacity.allocate(
            session, project_id=payroll.id, weeks=[WEEKS[1]], hours=20, person_id=people["Alice"].id
        )
        capacity.allocate(
            session,
            project_id=crm.id,
            weeks=[WEEKS[0], WEEKS[1], WEEKS[3]],
            hours=10,
            person_id=people["Bob"].id,
        )
        records.create(
            session,
            CapacityException,
            {"person_id": people["Bob"].id, "week_start": WEEKS[2], "hours_unavailable": 20.0},
        )
    return Plan(people["Alice"], people["Bob"], people["Carol"], crm, payroll)


@pytest.fixture
def page(qtbot: object, ctx: AppContext, plan: Plan) -> ResourcesPage:
    widget = ResourcesPage(ctx)
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.resize(1400, 900)
    widget.weeksSpin.setValue(4)
    widget.startDate.setDate(QDate(START))
    widget.show()
    qtbot.waitExposed(widget)  # type: ignore[attr-defined]
    return widget


def texts(page: ResourcesPage, name: str) -> list[str]:
    model = page.model
    row = model.row_labels().index(name)
    return [model.cell_text(row, c) for c in range(model.columnCount())]


def row_of(page: ResourcesPage, name: str) -> int:
    return page.model.row_labels().index(name)


# ---------------------------------------------------------------- numbers


def test_heatmap_shows_the_hand_computed_utilisation(page: ResourcesPage) -> None:
    assert page.model.columnCount() == 4
    assert texts(page, "Alice") == ["75%", "125%", "75%", "75%"]
    # Bob's week of leave has no capacity and nothing allocated: a dash, never a division error.
    assert texts(page, "Bob") == ["50%", "50%", "—", "50%"]
    assert texts(page, "Carol") == ["0%", "0%", "0%", "0%"]
    bob = row_of(page, "Bob")
    assert page.model.cell(bob, 2)[1] == BAND_NO_CAPACITY
    alice = row_of(page, "Alice")
    assert page.model.is_over(alice, 1)
    assert not page.model.is_over(alice, 0)
    assert page.model.is_under(row_of(page, "Carol"), 0)
    # The colour the delegate paints differs between normal and over-allocated cells.
    fill_normal = band_colours()[page.model.cell(alice, 0)[1]][0]
    fill_over = band_colours()[page.model.cell(alice, 1)[1]][0]
    assert fill_normal != fill_over


def test_the_view_paints_the_visible_cells(page: ResourcesPage) -> None:
    image = page.view.viewport().grab().toImage()
    alice = row_of(page, "Alice")
    rect = page.view.visualRect(page.model.index(alice, 1))
    corner = image.pixelColor(rect.left() + 4, rect.top() + rect.height() // 2)
    over_fill = band_colours()[page.model.cell(alice, 1)[1]][0]
    assert corner.name() == over_fill.name()


def test_unit_and_period_switch_the_values(page: ResourcesPage) -> None:
    page.set_choice(page.unitCombo, "hours")
    assert texts(page, "Alice") == ["30", "50", "30", "30"]
    page.set_choice(page.unitCombo, "fte")
    assert texts(page, "Alice")[0] == "0.80"  # 30 h ÷ a 37.5 h standard week
    assert texts(page, "Alice")[1] == f"{50 / 37.5:.2f}"
    page.set_choice(page.unitCombo, "percent")
    page.set_choice(page.periodCombo, "month")
    assert [page.model.headerData(c, _horizontal()) for c in range(2)] == ["Jan 2030", "Feb 2030"]
    # January holds weeks 1-3 and 4 of the 5 weekdays of week 4; February its Friday.
    january = (30 + 50 + 30 + 30 * 0.8) / (40 * 3 + 40 * 0.8)
    assert texts(page, "Alice") == [f"{january * 100:.0f}%", "75%"]


def _horizontal() -> Qt.Orientation:
    return Qt.Orientation.Horizontal


# ---------------------------------------------------------------- hover and selection


def test_hover_shows_the_breakdown_by_project(page: ResourcesPage) -> None:
    alice = row_of(page, "Alice")
    index = page.model.index(alice, 1)
    text = page.view.tooltip_text(index)
    assert "Allocated 50 h of 40 h available (125%)" in text
    assert "PRJ-001 CRM: 30 h" in text
    assert "PRJ-002 Payroll: 20 h" in text
    # A real hover: a tooltip event on the viewport shows the same text.
    centre = page.view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, page.view.viewport().mapToGlobal(centre))
    QApplication.sendEvent(page.view.viewport(), event)
    assert "PRJ-002 Payroll: 20 h" in QToolTip.text()
    QToolTip.hideText()


def test_hover_breakdown_is_cached(page: ResourcesPage, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = capacity.cell_breakdown

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(capacity, "cell_breakdown", counting)
    page.view.clear_breakdowns()
    index = page.model.index(row_of(page, "Alice"), 1)
    page.view.tooltip_text(index)
    page.view.tooltip_text(index)
    assert len(calls) == 1


def test_selecting_a_cell_lists_its_allocations(page: ResourcesPage) -> None:
    page.select_cell(row_of(page, "Alice"), 1)
    items = page.panel.items()
    assert sorted((i.project_code, i.hours) for i in items) == [("PRJ-001", 30), ("PRJ-002", 20)]
    assert page.panel.table.rowCount() == 2
    assert "Alice" in page.panel.title_label.text()


def test_editing_hours_in_the_panel_changes_the_cell_and_undo_restores_it(
    page: ResourcesPage, ctx: AppContext
) -> None:
    alice = row_of(page, "Alice")
    page.select_cell(alice, 1)
    row = next(n for n, i in enumerate(page.panel.items()) if i.project_code == "PRJ-002")
    spin = page.panel.hours_spin(row)
    spin.setValue(10)
    spin.editingFinished.emit()
    assert texts(page, "Alice")[1] == "100%"  # (30 + 10) ÷ 40
    # The panel still shows the same cell, with the new hours.
    assert sorted(i.hours for i in page.panel.items()) == [10, 30]
    ctx.undo_stack.undo()
    assert texts(page, "Alice")[1] == "125%"
    ctx.undo_stack.redo()
    assert texts(page, "Alice")[1] == "100%"


def test_moving_and_reassigning_from_the_panel_with_undo(
    page: ResourcesPage, ctx: AppContext, plan: Plan
) -> None:
    page.select_cell(row_of(page, "Alice"), 1)
    payroll_row = next(n for n, i in enumerate(page.panel.items()) if i.project_code == "PRJ-002")
    page.panel.table.selectRow(payroll_row)
    assert page.panel.move_by(1)
    assert texts(page, "Alice") == ["75%", "75%", "125%", "75%"]
    ctx.undo_stack.undo()
    assert texts(page, "Alice") == ["75%", "125%", "75%", "75%"]

    page.select_cell(row_of(page, "Alice"), 1)
    payroll_row = next(n for n, i in enumerate(page.panel.items()) if i.project_code == "PRJ-002")
    page.panel.table.selectRow(payroll_row)
    assert page.panel.reassign(plan.carol.id)
    assert texts(page, "Alice")[1] == "75%"
    assert texts(page, "Carol")[1] == "50%"
    ctx.undo_stack.undo()
    assert texts(page, "Carol")[1] == "0%"
    assert texts(page, "Alice")[1] == "125%"


def test_a_refused_edit_shows_one_sentence(page: ResourcesPage, ctx: AppContext) -> None:
    page.select_cell(row_of(page, "Alice"), 0)
    assert not page.panel.set_hours(0, -5)
    assert page.panel.error_label.text()
    assert "Traceback" not in page.panel.error_label.text()
    assert ctx.undo_stack.count() == 0


# ---------------------------------------------------------------- rows: group, collapse, sort, filter


def test_group_by_team_collapses_rows(page: ResourcesPage) -> None:
    page.set_choice(page.rowGroupCombo, "team")
    labels = page.model.row_labels()
    assert labels == ["Team A", "Alice", "Carol", "Team B", "Bob"]
    header = labels.index("Team A")
    # The group row sums its members: (30 + 0) ÷ (40 + 40) in week 1.
    assert page.model.cell_text(header, 0) == f"{30 / 80 * 100:.0f}%"
    page.view.verticalHeader().sectionClicked.emit(header)
    assert page.model.row_labels() == ["Team A", "Team B", "Bob"]
    page.collapseAllButton.click()
    assert page.model.row_labels() == ["Team A", "Team B"]
    page.expandAllButton.click()
    assert page.model.rowCount() == 5


def test_sort_by_peak_and_average(page: ResourcesPage) -> None:
    page.set_choice(page.sortCombo, "peak")
    assert page.model.row_labels() == ["Alice", "Bob", "Carol"]
    page.set_choice(page.sortCombo, "name")
    assert page.model.row_labels() == ["Alice", "Bob", "Carol"]
    page.set_choice(page.unitCombo, "hours")
    page.set_choice(page.sortCombo, "average")
    assert page.model.row_labels()[0] == "Alice"


def test_rows_by_team_and_project_filter(page: ResourcesPage, plan: Plan) -> None:
    page.set_choice(page.groupingCombo, "team")
    assert page.model.row_labels() == ["Team A", "Team B"]
    assert not page.rowGroupCombo.isEnabled()
    page.set_choice(page.groupingCombo, "person")
    index = page.projectCombo.findData(str(plan.payroll.id))
    page.projectCombo.setCurrentIndex(index)
    assert texts(page, "Alice") == ["0%", "50%", "0%", "0%"]


def test_data_changes_elsewhere_refresh_the_heatmap(
    page: ResourcesPage, ctx: AppContext, plan: Plan
) -> None:
    with ctx.session() as session:
        records.update(
            session, records.get(session, Project, plan.payroll.id), {"state": ProjectState.ON_HOLD}
        )
    ctx.notify({"project"})
    # On hold: its hours are released capacity, not load, and the cell says so.
    alice = row_of(page, "Alice")
    assert texts(page, "Alice")[1] == "75%"
    assert page.model.has_released(alice, 1)
    assert "Released" in page.view.tooltip_text(page.model.index(alice, 1))


# ---------------------------------------------------------------- chart


def test_chart_shows_demand_against_capacity(page: ResourcesPage) -> None:
    page.chart.select_role("Developer")
    demand, supply = page.chart.series()
    assert list(demand) == [40, 60, 30, 40]
    assert list(supply) == [100, 100, 80, 100]
    assert not page.chart.shortfall().any()
    assert "demand 60 h, capacity 100 h" in page.chart.hover_text(1)
    assert page.chart.plot_widget() is not None


# ---------------------------------------------------------------- what-if


def test_scenario_shows_with_and_without_side_by_side_and_discards(
    page: ResourcesPage, ctx: AppContext, plan: Plan
) -> None:
    page.tabs.setCurrentWidget(page.scenario)
    scenario = page.scenario
    scenario_id = scenario.new_scenario("Intake Q1")
    assert scenario_id is not None
    assert scenario.add_tentative(plan.carol.id, plan.crm.id, START, 2, 20)
    carol_base = scenario.base_model.row_labels().index("Carol")
    carol_plan = scenario.scenario_model.row_labels().index("Carol")
    assert scenario.base_model.cell_text(carol_base, 0) == "0%"
    assert scenario.scenario_model.cell_text(carol_plan, 0) == "50%"
    assert scenario.shift(plan.payroll.id, 1)
    alice = scenario.scenario_model.row_labels().index("Alice")
    assert [scenario.scenario_model.cell_text(alice, c) for c in range(4)] == [
        "75%", "75%", "125%", "75%",
    ]  # fmt: skip
    # The real plan is untouched.
    assert texts(page, "Carol")[0] == "0%"
    assert texts(page, "Alice")[1] == "125%"
    assert scenario.discard(ask=False) == 2
    with ctx.session() as session:
        assert records.get(session, Scenario, scenario_id).status == "discarded"
        live = session.exec(select(Allocation).where(col(Allocation.archived_at).is_(None))).all()
    assert len(live) == 8  # the real plan only: Alice 4 + 1 weeks, Bob 3
    assert texts(page, "Carol")[0] == "0%"


def test_scenario_commit_writes_the_real_plan(
    page: ResourcesPage, ctx: AppContext, plan: Plan
) -> None:
    page.tabs.setCurrentWidget(page.scenario)
    scenario = page.scenario
    scenario.new_scenario("Intake Q2")
    scenario.add_tentative(plan.carol.id, plan.crm.id, START, 2, 20)
    assert scenario.commit(ask=False) == 2
    page.tabs.setCurrentIndex(0)
    assert texts(page, "Carol") == ["50%", "50%", "0%", "0%"]


# ---------------------------------------------------------------- model checks


def test_heatmap_model_passes_the_model_tester(page: ResourcesPage, qtmodeltester: object) -> None:
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    page.set_choice(page.rowGroupCombo, "role")
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


@dataclass
class FakeRow:
    key: uuid.UUID | None
    label: str
    team: str = ""
    role: str = ""
    is_placeholder: bool = False


@dataclass
class FakeMatrix:
    rows: list[FakeRow]
    columns: list[date]
    capacity: np.ndarray
    allocated: np.ndarray
    released: np.ndarray

    def values(self, unit: object) -> np.ndarray:
        if unit == "hours":
            return self.allocated
        with np.errstate(all="ignore"):
            return np.where(self.capacity > 0, self.allocated / self.capacity * 100, np.nan)


def test_model_over_a_plain_matrix(qtmodeltester: object) -> None:
    """The model needs only the matrix's arrays: a placeholder row and a zero-capacity week."""
    matrix = FakeMatrix(
        [
            FakeRow(uuid.uuid4(), "Zoë"),
            FakeRow(uuid.uuid4(), "Unnamed Tester", is_placeholder=True),
        ],
        WEEKS[:2],
        np.array([[40.0, 0.0], [0.0, 0.0]]),
        np.array([[20.0, 8.0], [16.0, 0.0]]),
        np.zeros((2, 2)),
    )
    model = HeatmapModel()
    model.set_matrix(matrix)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert [model.cell_text(0, c) for c in range(2)] == ["50%", "8h"]
    assert model.is_over(0, 1)  # load in a week without capacity
    assert model.cell_text(1, 0) == "16h"
    assert not model.is_over(1, 0)
    assert model.cell_text(1, 1) == "—"


# ---------------------------------------------------------------- records of people development


def test_editors_exist_for_the_capacity_records() -> None:
    for model in (Skill, PersonSkill, Certification, TrainingRecord, Scenario):
        assert spec_for(model).fields()
    assert spec_for(CapacityException).noun == "capacity exception"


def test_record_tabs_and_expiring_certificates(
    page: ResourcesPage, ctx: AppContext, plan: Plan
) -> None:
    soon = date.today() + timedelta(days=20)
    create(ctx, Certification, person_id=plan.alice.id, name="PRINCE2", expires_on=soon)
    create(ctx, Certification, person_id=plan.bob.id, name="PMP", expires_on=date(2099, 1, 1))
    development = page.development
    tabs = development.certifications
    assert tabs is not None
    page.tabs.setCurrentWidget(tabs)
    assert page.current_model() is Certification
    table = tabs.list_tab.tableView
    states = {
        table.model().index(r, 0).data(): tabs.delegate.state(table.model().index(r, 0))
        for r in range(table.model().rowCount())
    }
    assert states == {"Alice": "expiring", "Bob": ""}
    assert "PRINCE2" in tabs.expiry_label.text()
    page.tabs.setCurrentIndex(0)
    assert page.current_model() is Person


def test_staffing_search_finds_free_people_best_first(
    page: ResourcesPage, ctx: AppContext, plan: Plan
) -> None:
    skill = create(ctx, Skill, code="SKL-001", name="Agile delivery")
    create(ctx, PersonSkill, person_id=plan.carol.id, skill_id=skill.id, level=4)
    create(ctx, PersonSkill, person_id=plan.alice.id, skill_id=skill.id, level=5)
    search = page.development.staffing
    page.tabs.setCurrentWidget(search)
    search.fromDate.setDate(QDate(START))
    search.weeksSpin.setValue(4)
    search.hoursSpin.setValue(20)
    search.levelSpin.setValue(3)
    matches = search.search()
    assert [m.name for m in matches] == ["Carol"]
    shown = [search.resultsTable.item(0, c) for c in (0, 4)]
    assert [item.text() if item else "" for item in shown] == ["Carol", "4 of 4"]


def test_placeholder_row_and_point_of_view(
    page: ResourcesPage, ctx: AppContext, plan: Plan
) -> None:
    with ctx.session() as session:
        role = records.get_by_code(session, Role, "ROLE-DEV")
        capacity.allocate(session, project_id=plan.crm.id, weeks=[START], hours=12, role_id=role.id)
    ctx.notify({"allocation"})
    labels = page.model.row_labels()
    placeholder = next(label for label in labels if "Developer" in label)
    row = labels.index(placeholder)
    assert page.model.cell_text(row, 0) == "12h"
    assert page.model.display_row(row).is_placeholder


# ---------------------------------------------------------------- allocate dialog, copy, extend


def _fill_dialog(
    qtbot: object, dialog: object, *, project: str, weeks: int, first: date = START
) -> None:
    from pmodesk.gui.resources.allocate_dialog import AllocateDialog

    assert isinstance(dialog, AllocateDialog)
    dialog.projectCombo.setCurrentIndex(
        dialog.projectCombo.findText(project, Qt.MatchFlag.MatchStartsWith)
    )
    dialog.firstWeekDate.setDate(QDate(first + timedelta(days=2)))  # a Wednesday snaps to Monday
    dialog.weeksSpin.setValue(weeks)


def _click_save(qtbot: object, dialog: object) -> None:
    from pmodesk.gui.resources.allocate_dialog import AllocateDialog

    assert isinstance(dialog, AllocateDialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]


def test_allocate_dialog_adds_a_span_in_hours_and_undo_removes_it(
    qtbot: object, page: ResourcesPage, ctx: AppContext, plan: Plan
) -> None:
    page.set_choice(page.unitCombo, "hours")
    page.select_cell(row_of(page, "Carol"), 0)
    dialog = page.allocate_dialog()
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    # Prefilled from the selected cell: Carol, the week of the column.
    assert dialog.personRadio.isChecked()
    assert dialog.personCombo.currentText() == "PER-003 — Carol"
    assert dialog.first_week() == START
    _fill_dialog(qtbot, dialog, project="PRJ-002", weeks=4)
    assert dialog.first_week() == START
    dialog.hoursSpin.setValue(20)
    dialog.noteEdit.setText("Payroll go-live")
    dialog.show()
    _click_save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert texts(page, "Carol") == ["20", "20", "20", "20"]
    with ctx.session() as session:
        rows = session.exec(
            select(Allocation).where(col(Allocation.person_id) == plan.carol.id)
        ).all()
    assert sorted(a.week_start for a in rows) == WEEKS
    assert {(a.hours, a.project_id, a.note, a.scenario_id) for a in rows} == {
        (20.0, plan.payroll.id, "Payroll go-live", None)
    }
    assert ctx.undo_stack.undoText() == "Add allocation for 4 weeks"
    ctx.undo_stack.undo()
    assert texts(page, "Carol") == ["0", "0", "0", "0"]
    with ctx.session() as session:
        left = session.exec(select(Allocation).where(col(Allocation.person_id) == plan.carol.id))
        assert left.all() == []


def test_allocate_dialog_role_placeholder_by_percent(
    qtbot: object, page: ResourcesPage, ctx: AppContext, plan: Plan
) -> None:
    with ctx.session() as session:
        role = records.get_by_code(session, Role, "ROLE-DEV")
        role_id = role.id
    dialog = page.allocate_dialog()
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    qtbot.mouseClick(dialog.roleRadio, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert dialog.roleCombo.isEnabled()
    assert not dialog.personCombo.isEnabled()
    # The combo is searchable: typing part of the name and picking the entry selects the role.
    dialog.roleCombo.setEditText("develop")
    dialog.roleCombo.setCurrentIndex(dialog.roleCombo.findData(str(role_id)))
    _fill_dialog(qtbot, dialog, project="PRJ-001", weeks=2)
    qtbot.mouseClick(dialog.percentRadio, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert dialog.percentSpin.isEnabled()
    assert not dialog.hoursSpin.isEnabled()
    dialog.percentSpin.setValue(40)
    _click_save(qtbot, dialog)
    assert dialog.error_text() == ""
    with ctx.session() as session:
        rows = session.exec(
            select(Allocation).where(
                col(Allocation.role_id) == role_id, col(Allocation.person_id).is_(None)
            )
        ).all()
    # 40 % of the workspace's standard week (37.5 h) = 15 h, the percentage kept.
    assert sorted((a.week_start, a.hours, a.percent_of_capacity) for a in rows) == [
        (WEEKS[0], 15.0, 40.0),
        (WEEKS[1], 15.0, 40.0),
    ]
    placeholder = next(label for label in page.model.row_labels() if "Developer" in label)
    page.set_choice(page.unitCombo, "hours")
    assert texts(page, placeholder)[:3] == ["15", "15", "0"]


def test_a_refused_allocation_keeps_the_dialog_open_with_the_reason(
    qtbot: object, page: ResourcesPage, ctx: AppContext, plan: Plan
) -> None:
    page.select_cell(row_of(page, "Carol"), 0)
    dialog = page.allocate_dialog()
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    _fill_dialog(qtbot, dialog, project="PRJ-002", weeks=0)
    _click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_text() == "Choose at least one week to allocate."
    assert ctx.undo_stack.count() == 0

    # The project is archived elsewhere while the dialog is open.
    with ctx.session() as session:
        records.archive(session, records.get(session, Project, plan.payroll.id))
    dialog.weeksSpin.setValue(2)
    _click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_text() == "Project PRJ-002 is archived; restore it first."
    assert ctx.undo_stack.count() == 0
    with ctx.session() as session:
        carol = session.exec(select(Allocation).where(col(Allocation.person_id) == plan.carol.id))
        assert carol.all() == []


def test_allocate_dialog_in_the_what_if_tab_writes_the_scenario(
    qtbot: object, page: ResourcesPage, ctx: AppContext, plan: Plan
) -> None:
    page.tabs.setCurrentWidget(page.scenario)
    scenario_id = page.scenario.new_scenario("Intake Q3")
    dialog = page.allocate_dialog()
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert dialog.scenario_id == scenario_id
    dialog.personCombo.setCurrentIndex(dialog.personCombo.findData(str(plan.carol.id)))
    _fill_dialog(qtbot, dialog, project="PRJ-001", weeks=2)
    dialog.hoursSpin.setValue(20)
    _click_save(qtbot, dialog)
    with ctx.session() as session:
        rows = session.exec(select(Allocation).where(col(Allocation.person_id) == plan.carol.id))
        assert {(a.scenario_id, a.tentative) for a in rows} == {(scenario_id, True)}
    carol = page.scenario.scenario_model.row_labels().index("Carol")
    assert page.scenario.scenario_model.cell_text(carol, 0) == "50%"
    assert texts(page, "Carol")[0] == "0%"  # the real plan is untouched


def test_allocate_button_and_shortcut_exist(page: ResourcesPage) -> None:
    assert page.allocateButton.defaultAction() is page.allocate_action
    assert page.allocate_action.shortcut().toString() == "Ctrl+Shift+A"
    assert page.panel.allocate_button.isEnabled()


def test_extend_and_copy_from_the_panel_with_undo(
    page: ResourcesPage, ctx: AppContext, plan: Plan
) -> None:
    page.set_choice(page.unitCombo, "hours")
    page.select_cell(row_of(page, "Alice"), 1)
    payroll_row = next(n for n, i in enumerate(page.panel.items()) if i.project_code == "PRJ-002")
    page.panel.table.selectRow(payroll_row)
    page.panel.extend_spin.setValue(2)
    page.panel.extend_button.click()
    assert texts(page, "Alice") == ["30", "50", "50", "50"]
    assert ctx.undo_stack.undoText() == "Extend span by 2 weeks"
    ctx.undo_stack.undo()
    assert texts(page, "Alice") == ["30", "50", "30", "30"]

    page.select_cell(row_of(page, "Alice"), 1)
    payroll_row = next(n for n, i in enumerate(page.panel.items()) if i.project_code == "PRJ-002")
    page.panel.table.selectRow(payroll_row)
    page.panel.copy_person_combo.setCurrentIndex(
        page.panel.copy_person_combo.findData(str(plan.carol.id))
    )
    page.panel.copy_weeks_spin.setValue(1)
    page.panel.copy_button.click()
    assert texts(page, "Carol") == ["0", "0", "20", "0"]
    assert texts(page, "Alice") == ["30", "50", "30", "30"]  # a copy, not a move
    ctx.undo_stack.undo()
    assert texts(page, "Carol") == ["0", "0", "0", "0"]
    ctx.undo_stack.redo()
    assert texts(page, "Carol") == ["0", "0", "20", "0"]


def test_copy_onto_the_same_cells_is_refused_in_one_sentence(
    page: ResourcesPage, ctx: AppContext
) -> None:
    page.select_cell(row_of(page, "Alice"), 0)
    page.panel.copy_weeks_spin.setValue(0)
    page.panel.copy_button.click()
    assert page.panel.error_label.text().startswith("A copy needs another week")
    assert ctx.undo_stack.count() == 0
