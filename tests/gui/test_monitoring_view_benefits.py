"""Benefits and lessons through the real widgets: measurements with undo, roll-up, lesson search."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from pmodesk.domain import Benefit, Lesson, Project, Stage, StrategicObjective
from pmodesk.gui.context import AppContext
from pmodesk.gui.monitoring.benefit_model import COLUMN
from pmodesk.gui.monitoring.benefits_page import BenefitsPage
from pmodesk.gui.monitoring.measurement_panel import MeasurementDialog
from pmodesk.gui.priorities.intake_dialog import IntakeDialog
from pmodesk.services.monitoring.measurements import record_measurement
from tests.gui.helpers_records import create, fetch, make_stages, when_modal

TODAY = date.today()


@pytest.fixture
def benefits(ctx: AppContext) -> dict[str, object]:
    crm = create(ctx, Project, code="PRJ-001", name="CRM", department="Sales", tags="crm")
    erp = create(ctx, Project, code="PRJ-002", name="ERP", department="Finance")
    cost = create(ctx, StrategicObjective, code="OBJ-01", name="Lower cost")
    calls = create(
        ctx,
        Benefit,
        code="BEN-001",
        name="Calls handled",
        project_id=crm.id,
        objective_id=cost.id,
        measure="Calls per day",
        baseline_value=100.0,
        target_value=140.0,
    )
    create(ctx, Benefit, code="BEN-002", name="Faster close", project_id=erp.id, target_value=5.0)
    with ctx.session() as session:
        record_measurement(session, calls.id, TODAY - timedelta(days=90), 110)
    for code, project, title, category, tags in [
        ("LES-001", crm, "Involve users early", "Stakeholders", "crm, users"),
        ("LES-002", erp, "Order hardware before the price rise", "Procurement", "hardware"),
        ("LES-003", erp, "Test the backups", "Operations", "cloud"),
    ]:
        create(
            ctx,
            Lesson,
            code=code,
            title=title,
            project_id=project.id,
            category=category,
            tags=tags,
            stage_code="DELIVERY",
        )
    return {"calls": calls, "crm": crm, "erp": erp}


def show(qtbot: QtBot, ctx: AppContext) -> BenefitsPage:
    page = BenefitsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1400, 850)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_benefits_list_progress_and_the_roll_up_filters_by_objective(
    qtbot: QtBot, ctx: AppContext, benefits: dict[str, object]
) -> None:
    page = show(qtbot, ctx)
    tab = page.benefits
    proxy = tab.proxy
    assert [proxy.index(r, COLUMN["code"]).data() for r in range(proxy.rowCount())] == [
        "BEN-001",
        "BEN-002",
    ]
    assert proxy.index(0, COLUMN["progress"]).data() == "25% R"  # 100 → 110 of 140
    assert tab.rollup.item(0, 0).text() == "OBJ-01  Lower cost"
    assert tab.rollup.item(0, 3).text() == "25% R"
    rect = tab.rollup.visualItemRect(tab.rollup.item(0, 0))
    qtbot.mouseClick(tab.rollup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert proxy.rowCount() == 1
    assert tab.count_label.text() == "1 of 2 benefits"


def test_measuring_a_benefit_updates_its_realised_value_and_undo_restores_it(
    qtbot: QtBot, ctx: AppContext, benefits: dict[str, object]
) -> None:
    page = show(qtbot, ctx)
    tab = page.benefits
    tab.table.selectRow(0)
    panel = tab.panel
    assert panel.measured_values()[0][1] == 110
    assert panel.add_button.isEnabled()

    def fill(dialog: object) -> None:
        assert isinstance(dialog, MeasurementDialog)
        dialog.value_edit.setText("130")
        dialog.note_edit.setText("Q3 figure")
        dialog._check()

    when_modal(fill, QDialog)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)

    assert fetch(ctx, Benefit, code="BEN-001").realised_value == 130
    assert [v for _d, v, _n in panel.measured_values()] == [110, 130]
    assert tab.proxy.index(0, COLUMN["progress"]).data() == "75% A"

    ctx.undo_stack.undo()
    assert fetch(ctx, Benefit, code="BEN-001").realised_value == 110
    assert [v for _d, v, _n in panel.measured_values()] == [110]


def test_a_second_measurement_on_the_same_day_is_refused_in_the_dialog(
    qtbot: QtBot, ctx: AppContext, benefits: dict[str, object]
) -> None:
    page = show(qtbot, ctx)
    tab = page.benefits
    tab.table.selectRow(0)
    shown: list[str] = []

    def fill(dialog: object) -> None:
        assert isinstance(dialog, MeasurementDialog)
        if dialog.error_label.isVisibleTo(dialog):
            shown.append(dialog.error_label.text())
            dialog.reject()
            return
        day = TODAY - timedelta(days=90)
        dialog.date_edit.setDate(day)
        dialog.value_edit.setText("120")
        dialog._check()
        when_modal(fill, QDialog)

    when_modal(fill, QDialog)
    qtbot.mouseClick(tab.panel.add_button, Qt.MouseButton.LeftButton)

    assert len(shown) == 1
    assert "already has a measurement on" in shown[0]


def test_lessons_search_narrows_as_you_type_and_suggests_for_a_project(
    qtbot: QtBot, ctx: AppContext, benefits: dict[str, object]
) -> None:
    page = show(qtbot, ctx)
    page.tabs.setCurrentWidget(page.lessons)
    tab = page.lessons
    assert sorted(tab.shown_codes()) == ["LES-001", "LES-002", "LES-003"]
    qtbot.keyClicks(tab.search, "backups")
    qtbot.waitUntil(lambda: tab.shown_codes() == ["LES-003"])
    tab.search.clear()
    tab.category_combo.setCurrentIndex(tab.category_combo.findData("Procurement"))
    assert tab.shown_codes() == ["LES-002"]
    tab.category_combo.setCurrentIndex(0)
    qtbot.keyClicks(tab.tags_edit, "crm")
    qtbot.waitUntil(lambda: tab.shown_codes() == ["LES-001"])
    tab.tags_edit.clear()

    new = create(
        ctx, Project, code="PRJ-003", name="Cloud backup", department="Finance", tags="cloud"
    )
    ctx.notify({"project"})
    tab.suggest_combo.setCurrentIndex(tab.suggest_combo.findData(str(new.id)))
    assert tab.shown_codes() == ["LES-003", "LES-002"]
    assert "tag cloud" in str(tab.proxy.index(0, 7).data())
    assert not tab.search.isEnabled()


def test_the_intake_form_offers_matching_lessons(
    qtbot: QtBot, ctx: AppContext, benefits: dict[str, object]
) -> None:
    make_stages(ctx)
    assert fetch(ctx, Stage, code="IDEA")
    dialog = IntakeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        assert dialog.offered_lessons() == []
        qtbot.keyClicks(dialog.departmentEdit, "Finance")
        qtbot.waitUntil(lambda: len(dialog.offered_lessons()) == 2)
        assert sorted(dialog.offered_lessons()) == ["LES-002", "LES-003"]
        qtbot.keyClicks(dialog.problemEdit, "Buy hardware for the new office")
        qtbot.waitUntil(lambda: "mentions hardware" in dialog.lessonsList.item(0).text())
        assert dialog.offered_lessons() == ["LES-002", "LES-003"]  # 2 + 1 points before 2
    finally:
        dialog.discard()
