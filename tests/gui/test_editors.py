"""Record editors driven through their real widgets: create, edit, undo, refusals, archive."""

from __future__ import annotations

import re
from datetime import date

import pytest
from helpers_records import answer_question, create, fetch, make_stages, when_modal
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from pmodesk.domain import (
    Decision,
    Milestone,
    Person,
    Portfolio,
    Project,
    RaidItem,
    StatusReport,
    Team,
)
from pmodesk.domain.enums import DecisionStatus, Rag, RaidKind
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors import SPECS, RecordEditorDialog, open_editor
from pmodesk.gui.editors.specs import assign_mnemonics
from pmodesk.gui.editors.widgets import (
    ChoiceInput,
    DateInput,
    LineInput,
    NumberInput,
    PercentInput,
    ReferenceInput,
    TextInput,
)


@pytest.fixture
def editor(qtbot: QtBot, ctx: AppContext):  # type: ignore[no-untyped-def]
    """Open a RecordEditorDialog (shown, not modal) and close it at the end."""

    def open_one(model, record_id=None, defaults=None) -> RecordEditorDialog:  # type: ignore[no-untyped-def]
        dialog = RecordEditorDialog(ctx, model, record_id, defaults=defaults)
        qtbot.addWidget(dialog, before_close_func=lambda d: d.discard_changes())
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return open_one


def type_into(qtbot: QtBot, dialog: RecordEditorDialog, field: str, text: str) -> None:
    """Replace a field's text by typing, as a user would (select all, then type)."""
    field_input = dialog.field_input(field)
    if isinstance(field_input, ReferenceInput):
        target: QWidget = field_input.combo.lineEdit()  # type: ignore[assignment]
    elif isinstance(field_input, LineInput | NumberInput | TextInput):
        target = field_input.edit
    elif isinstance(field_input, PercentInput):
        target = field_input.spin
    else:
        raise AssertionError(f"cannot type into {field}")
    target.setFocus()
    if isinstance(field_input, TextInput):
        field_input.edit.selectAll()
    else:
        qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(target, Qt.Key.Key_Delete)
    type_text(qtbot, target, text)
    if isinstance(field_input, ReferenceInput):
        completer = field_input.combo.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None and popup.isVisible():
            popup.hide()


def type_text(qtbot: QtBot, target: QWidget, text: str) -> None:
    """Type ``text`` key by key; QTest only knows ASCII keys, so others go as raw key events."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(target, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                )


def pick(dialog: RecordEditorDialog, field: str, value: object) -> None:
    """Choose an entry of a fixed-list field (enum or 1–5 scale) by its value."""
    field_input = dialog.field_input(field)
    assert isinstance(field_input, ChoiceInput)
    index = field_input.combo.findData(value)
    assert index >= 0, f"{value!r} is not offered for {field}"
    field_input.combo.setCurrentIndex(index)


def set_date(dialog: RecordEditorDialog, field: str, day: date) -> None:
    """Pick a date as the calendar popup does."""
    field_input = dialog.field_input(field)
    assert isinstance(field_input, DateInput)
    field_input.edit.setDate(QDate(day.year, day.month, day.day))


def save(qtbot: QtBot, dialog: RecordEditorDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


# ------------------------------------------------------------------ create and edit


def test_create_project_by_typing_lands_in_store(
    qtbot: QtBot, ctx: AppContext, editor: object
) -> None:
    make_stages(ctx)
    create(ctx, Portfolio, code="PF-001", name="Digital services")
    dialog = editor(Project)  # type: ignore[operator]
    assert dialog.field_input("code").value() == "PRJ-001"  # a free code is proposed

    type_into(qtbot, dialog, "code", "prj-042")
    type_into(qtbot, dialog, "name", "CRM replacement")
    type_into(qtbot, dialog, "description", "Replace the legacy CRM.")
    type_into(qtbot, dialog, "portfolio_id", "PF-001")
    type_into(qtbot, dialog, "stage_id", "Delivery")
    type_into(qtbot, dialog, "manager", "Zoë Müller")
    type_into(qtbot, dialog, "budget", "1,250,000")
    type_into(qtbot, dialog, "percent_complete", "40")
    pick(dialog, "rag_overall", "amber")
    set_date(dialog, "planned_start", date(2026, 1, 5))
    set_date(dialog, "planned_finish", date(2026, 9, 30))
    save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    project = fetch(ctx, Project, code="PRJ-042")
    assert dialog.record_id == project.id
    assert project.name == "CRM replacement"
    assert project.description == "Replace the legacy CRM."
    assert project.manager == "Zoë Müller"
    assert project.budget == 1_250_000
    assert project.percent_complete == 40
    assert project.rag_overall is Rag.AMBER
    assert project.planned_start == date(2026, 1, 5)
    assert project.planned_finish == date(2026, 9, 30)
    assert project.forecast_start is None  # untouched dates stay empty
    with ctx.session() as session:
        portfolio = session.get(Portfolio, project.portfolio_id)
        from pmodesk.domain import Stage

        stage = session.get(Stage, project.stage_id)
    assert portfolio is not None
    assert portfolio.code == "PF-001"
    assert stage is not None
    assert stage.name == "Delivery"
    assert ctx.undo_stack.count() == 1
    assert ctx.undo_stack.undoText() == "New project"


def test_edit_project_then_undo_and_redo(qtbot: QtBot, ctx: AppContext, editor: object) -> None:
    project = create(ctx, Project, code="PRJ-001", name="CRM", budget=100_000.0)
    dialog = editor(Project, project.id)  # type: ignore[operator]
    assert dialog.field_input("budget").edit.text() == "100,000.00"

    type_into(qtbot, dialog, "name", "CRM replacement")
    type_into(qtbot, dialog, "budget", "120000")
    save(qtbot, dialog)

    edited = fetch(ctx, Project, id=project.id)
    assert (edited.name, edited.budget, edited.version) == ("CRM replacement", 120_000, 2)
    assert ctx.undo_stack.count() == 1

    ctx.undo_stack.undo()
    undone = fetch(ctx, Project, id=project.id)
    assert (undone.name, undone.budget) == ("CRM", 100_000)

    ctx.undo_stack.redo()
    redone = fetch(ctx, Project, id=project.id)
    assert (redone.name, redone.budget) == ("CRM replacement", 120_000)


def test_saving_without_changes_pushes_nothing(
    qtbot: QtBot, ctx: AppContext, editor: object
) -> None:
    project = create(ctx, Project, code="PRJ-001", name="CRM")
    dialog = editor(Project, project.id)  # type: ignore[operator]
    save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ctx.undo_stack.count() == 0
    assert fetch(ctx, Project, id=project.id).version == 1


def test_header_shows_code_version_and_last_change(ctx: AppContext, editor: object) -> None:
    project = create(ctx, Project, code="PRJ-007", name="Payroll")
    with ctx.session() as session:
        from pmodesk.services import records

        records.update(session, records.get(session, Project, project.id), {"name": "Payroll 2"})
    dialog = editor(Project, project.id)  # type: ignore[operator]
    assert dialog.titleLabel.text() == "Project PRJ-007"
    subtitle = dialog.subtitleLabel.text()
    assert "Payroll 2" in subtitle
    assert "version 2" in subtitle
    assert re.search(r"last changed \d{4}-\d\d-\d\d \d\d:\d\d by tester", subtitle)
    assert dialog.windowTitle() == "Edit project PRJ-007"
    assert dialog.archiveButton.isVisible()
    assert not dialog.restoreButton.isVisible()


# ------------------------------------------------------------------ refusals at the field


@pytest.mark.parametrize(
    ("field", "typed", "sentence"),
    [
        ("code", "PRJ-001", "Code PRJ-001 is already used by another project"),
        ("budget", "-5", "The budget cannot be negative (-5)."),
        ("budget", "lots", "Budget: “lots” is not a number."),
        ("name", "", "A project name is required."),
    ],
)
def test_refused_save_shows_banner_marks_field_and_keeps_input(
    qtbot: QtBot, ctx: AppContext, editor: object, field: str, typed: str, sentence: str
) -> None:
    create(ctx, Project, code="PRJ-001", name="Existing")
    dialog = editor(Project)  # type: ignore[operator]
    type_into(qtbot, dialog, "code", "PRJ-002")
    type_into(qtbot, dialog, "name", "New one")
    type_into(qtbot, dialog, field, typed)
    save(qtbot, dialog)

    assert dialog.isVisible()
    assert sentence in dialog.banner_message
    assert dialog.banner.isVisible()
    assert dialog.marked_field == field
    focus = dialog.field_input(field).focus_widget
    assert focus.property("invalid") is True
    assert dialog.labels[field].property("invalid") is True
    assert sentence in focus.toolTip()
    assert dialog.focusWidget() is focus
    # Everything typed is still there.
    assert dialog.field_input(field).edit.text().replace(",", "") == typed.replace(",", "")
    if field != "name":
        assert dialog.field_input("name").value() == "New one"
    assert ctx.undo_stack.count() == 0
    with ctx.session() as session:
        from sqlmodel import select

        assert len(session.exec(select(Project)).all()) == 1


def test_finish_before_start_marks_the_finish(
    qtbot: QtBot, ctx: AppContext, editor: object
) -> None:
    dialog = editor(Project)  # type: ignore[operator]
    type_into(qtbot, dialog, "name", "Data centre exit")
    set_date(dialog, "planned_start", date(2026, 5, 1))
    set_date(dialog, "planned_finish", date(2026, 1, 1))
    save(qtbot, dialog)

    assert dialog.isVisible()
    assert "The planned finish (2026-01-01) is before the planned start" in dialog.banner_message
    assert dialog.marked_field == "planned_finish"
    assert dialog.field_input("planned_finish").value() == date(2026, 1, 1)
    assert dialog.field_input("planned_start").value() == date(2026, 5, 1)

    # Fixing the field takes the outline away; saving then works.
    set_date(dialog, "planned_finish", date(2026, 12, 1))
    assert dialog.marked_field is None
    save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert fetch(ctx, Project, id=dialog.record_id).planned_finish == date(2026, 12, 1)


# ------------------------------------------------------------------ keyboard


def test_enter_saves_and_escape_asks_before_discarding(
    qtbot: QtBot, ctx: AppContext, editor: object
) -> None:
    dialog = editor(Portfolio)  # type: ignore[operator]
    type_into(qtbot, dialog, "name", "Corporate")
    seen: list[str] = []
    answer_question("safeButton", seen)  # "Keep editing"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert seen == ["Discard your changes to this portfolio?"]
    assert dialog.isVisible()

    qtbot.keyClick(dialog.field_input("name").focus_widget, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert fetch(ctx, Portfolio, code="PF-001").name == "Corporate"


def test_escape_discards_after_confirmation(qtbot: QtBot, ctx: AppContext, editor: object) -> None:
    dialog = editor(Portfolio)  # type: ignore[operator]
    type_into(qtbot, dialog, "name", "Corporate")
    answer_question("confirmButton")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert ctx.undo_stack.count() == 0


def test_ctrl_return_in_a_text_area_saves(qtbot: QtBot, ctx: AppContext, editor: object) -> None:
    dialog = editor(Portfolio)  # type: ignore[operator]
    type_into(qtbot, dialog, "name", "Corporate")
    text = dialog.field_input("description")
    assert isinstance(text, TextInput)
    type_into(qtbot, dialog, "description", "First line")
    qtbot.keyClick(text.edit, Qt.Key.Key_Return)  # a plain Enter is a new line
    type_text(qtbot, text.edit, "second line")
    assert dialog.isVisible()
    qtbot.keyClick(text.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert fetch(ctx, Portfolio, code="PF-001").description == "First line\nsecond line"


def test_labels_have_buddies_unique_mnemonics_and_accessible_names(editor: object) -> None:
    for model in SPECS:
        dialog = editor(model)  # type: ignore[operator]
        letters = []
        for name, label in dialog.labels.items():
            assert label.buddy() is dialog.field_input(name).focus_widget
            assert dialog.field_input(name).focus_widget.accessibleName()
            if "&" in label.text():
                letters.append(label.text()[label.text().index("&") + 1].casefold())
        assert len(letters) == len(set(letters)), model
        assert not set(letters) & set("scvo"), model  # the buttons' letters stay free
        dialog.close()


def test_assign_mnemonics_prefers_word_starts_and_skips_taken_letters() -> None:
    assert assign_mnemonics(["Code", "Name", "Notes", "Cost"], "s") == [
        "&Code",
        "&Name",
        "N&otes",
        "Cos&t",
    ]


# ------------------------------------------------------------------ other kinds


def test_create_person_in_a_team(qtbot: QtBot, ctx: AppContext, editor: object) -> None:
    create(ctx, Team, code="TEAM-001", name="Data engineering")
    dialog = editor(Person)  # type: ignore[operator]
    type_into(qtbot, dialog, "name", "Олена Коваленко")
    type_into(qtbot, dialog, "email", "olena@example.org")
    type_into(qtbot, dialog, "team_id", "data eng")  # part of the name is enough
    type_into(qtbot, dialog, "weekly_capacity_hours", "30")
    save(qtbot, dialog)
    assert dialog.banner_message == ""
    person = fetch(ctx, Person, code="PER-001")
    team = fetch(ctx, Team, code="TEAM-001")
    assert (person.name, person.team_id, person.weekly_capacity_hours) == (
        "Олена Коваленко",
        team.id,
        30,
    )


def test_reference_that_matches_nothing_is_refused_at_the_field(
    qtbot: QtBot, ctx: AppContext, editor: object
) -> None:
    dialog = editor(Milestone)  # type: ignore[operator]
    type_into(qtbot, dialog, "project_id", "PRJ-999")
    type_into(qtbot, dialog, "name", "Go live")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.marked_field == "project_id"
    assert "No project matches “PRJ-999”" in dialog.banner_message


def test_create_milestone_for_a_project(qtbot: QtBot, ctx: AppContext, editor: object) -> None:
    project = create(ctx, Project, code="PRJ-001", name="CRM")
    create(ctx, Project, code="PRJ-002", name="Payroll")
    dialog = editor(Milestone)  # type: ignore[operator]
    combo = dialog.field_input("project_id")
    assert isinstance(combo, ReferenceInput)
    assert [combo.combo.itemText(i) for i in range(combo.combo.count())] == [
        "PRJ-001 — CRM",
        "PRJ-002 — Payroll",
    ]
    type_into(qtbot, dialog, "project_id", "prj-001")
    type_into(qtbot, dialog, "name", "Go live")
    set_date(dialog, "baseline_date", date(2026, 6, 30))
    qtbot.mouseClick(dialog.field_input("is_gate").widget, Qt.MouseButton.LeftButton)
    save(qtbot, dialog)
    milestone = fetch(ctx, Milestone, code="MS-001")
    assert milestone.project_id == project.id
    assert (milestone.name, milestone.baseline_date, milestone.is_gate) == (
        "Go live",
        date(2026, 6, 30),
        True,
    )


def test_defaults_prefill_a_new_record(ctx: AppContext, editor: object) -> None:
    project = create(ctx, Project, code="PRJ-001", name="CRM")
    dialog = editor(Milestone, defaults={"project_id": project.id})  # type: ignore[operator]
    assert dialog.field_input("project_id").value() == project.id
    assert dialog.field_input("project_id").combo.currentText() == "PRJ-001 — CRM"
    assert not dialog.is_dirty


def test_create_raid_item_with_probability_and_impact(
    qtbot: QtBot, ctx: AppContext, editor: object
) -> None:
    project = create(ctx, Project, code="PRJ-001", name="CRM")
    dialog = editor(RaidItem)  # type: ignore[operator]
    pick(dialog, "kind", "risk")
    type_into(qtbot, dialog, "project_id", "PRJ-001")
    type_into(qtbot, dialog, "title", "Vendor delivers late")
    pick(dialog, "probability", 4)
    pick(dialog, "impact", 5)
    assert dialog.field_input("probability").combo.currentText() == "4 — High"
    save(qtbot, dialog)
    item = fetch(ctx, RaidItem, code="RAID-001")
    assert (item.kind, item.project_id, item.probability, item.impact) == (
        RaidKind.RISK,
        project.id,
        4,
        5,
    )


def test_create_decision(qtbot: QtBot, ctx: AppContext, editor: object) -> None:
    dialog = editor(Decision)  # type: ignore[operator]
    type_into(qtbot, dialog, "title", "Choose the CRM vendor")
    type_into(qtbot, dialog, "forum", "Portfolio board")
    pick(dialog, "status", "approved")
    set_date(dialog, "decided_on", date(2026, 3, 12))
    save(qtbot, dialog)
    decision = fetch(ctx, Decision, code="DEC-001")
    assert (decision.title, decision.forum, decision.status, decision.decided_on) == (
        "Choose the CRM vendor",
        "Portfolio board",
        DecisionStatus.APPROVED,
        date(2026, 3, 12),
    )
    assert decision.project_id is None


def test_create_status_report_and_refuse_a_bad_period(
    qtbot: QtBot, ctx: AppContext, editor: object
) -> None:
    project = create(ctx, Project, code="PRJ-001", name="CRM")
    dialog = editor(StatusReport)  # type: ignore[operator]
    type_into(qtbot, dialog, "project_id", "PRJ-001")
    type_into(qtbot, dialog, "period", "March")
    pick(dialog, "rag_overall", "red")
    pick(dialog, "rag_cost", "red")
    type_into(qtbot, dialog, "summary", "Vendor slipped by a month.")
    save(qtbot, dialog)
    assert dialog.marked_field == "period"
    assert "must be written YYYY-MM" in dialog.banner_message

    type_into(qtbot, dialog, "period", "2026-03")
    save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with ctx.session() as session:
        from sqlmodel import select

        report = session.exec(select(StatusReport)).one()
    assert (report.project_id, report.period, report.rag_overall, report.rag_cost) == (
        project.id,
        "2026-03",
        Rag.RED,
        Rag.RED,
    )
    assert report.summary == "Vendor slipped by a month."


# ------------------------------------------------------------------ archive and restore


def test_archive_from_the_editor_asks_and_undo_restores(
    qtbot: QtBot, ctx: AppContext, editor: object
) -> None:
    project = create(ctx, Project, code="PRJ-001", name="CRM")
    dialog = editor(Project, project.id)  # type: ignore[operator]
    seen: list[str] = []
    answer_question("confirmButton", seen)
    qtbot.mouseClick(dialog.archiveButton, Qt.MouseButton.LeftButton)
    assert seen == ["Archive Project PRJ-001?"]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert fetch(ctx, Project, id=project.id).archived_at is not None

    ctx.undo_stack.undo()
    assert fetch(ctx, Project, id=project.id).archived_at is None


def test_archived_record_is_read_only_until_restored(
    qtbot: QtBot, ctx: AppContext, editor: object
) -> None:
    project = create(ctx, Project, code="PRJ-001", name="CRM")
    with ctx.session() as session:
        from pmodesk.services import records

        records.archive(session, records.get(session, Project, project.id))
    dialog = editor(Project, project.id)  # type: ignore[operator]
    assert dialog.archivedBadge.isVisible()
    assert "archived" in dialog.banner_message
    assert not dialog.save_button.isEnabled()
    assert dialog.field_input("name").edit.isReadOnly()
    assert dialog.restoreButton.isVisible()
    assert not dialog.archiveButton.isVisible()

    answer_question("confirmButton")
    qtbot.mouseClick(dialog.restoreButton, Qt.MouseButton.LeftButton)
    assert fetch(ctx, Project, id=project.id).archived_at is None


def test_cancelling_archive_keeps_the_record(qtbot: QtBot, ctx: AppContext, editor: object) -> None:
    project = create(ctx, Project, code="PRJ-001", name="CRM")
    dialog = editor(Project, project.id)  # type: ignore[operator]
    answer_question("safeButton")
    qtbot.mouseClick(dialog.archiveButton, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert fetch(ctx, Project, id=project.id).archived_at is None
    assert ctx.undo_stack.count() == 0


# ------------------------------------------------------------------ open_editor (modal)


def test_open_editor_returns_the_new_id(qtbot: QtBot, ctx: AppContext) -> None:
    def fill_and_save(dialog: QWidget) -> None:
        assert isinstance(dialog, RecordEditorDialog)
        name = dialog.field_input("name").focus_widget
        assert isinstance(name, QLineEdit)
        qtbot.keyClicks(name, "Operations")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(fill_and_save, RecordEditorDialog)
    created = open_editor(ctx, Team)
    assert created is not None
    assert fetch(ctx, Team, id=created).name == "Operations"


def test_open_editor_returns_none_when_cancelled(qtbot: QtBot, ctx: AppContext) -> None:
    when_modal(lambda dialog: dialog.reject(), RecordEditorDialog)  # type: ignore[attr-defined]
    assert open_editor(ctx, Team) is None
    assert ctx.undo_stack.count() == 0


def test_every_spec_names_real_fields() -> None:
    for model, spec in SPECS.items():
        for field in spec.fields():
            assert field.name in model.model_fields, (model.__name__, field.name)


def test_edit_made_meanwhile_is_not_overwritten(
    qtbot: QtBot, ctx: AppContext, editor: object
) -> None:
    """Someone else saves the project while the form is open: the form's save is refused."""
    from pmodesk.services import records

    project = create(ctx, Project, code="PRJ-001", name="CRM", budget=100_000.0)
    dialog = editor(Project, project.id)  # type: ignore[operator]
    with ctx.session() as session:  # another window, or another office, saves first
        records.update(session, records.get(session, Project, project.id), {"budget": 90_000})

    type_into(qtbot, dialog, "name", "CRM replacement")
    save(qtbot, dialog)

    assert dialog.isVisible()
    assert "changed by someone else meanwhile" in dialog.banner_message
    kept = fetch(ctx, Project, id=project.id)
    assert (kept.name, kept.budget) == ("CRM", 90_000)
    assert ctx.undo_stack.count() == 0


def test_stage_is_read_only_once_the_project_exists(ctx: AppContext, editor: object) -> None:
    """Stage moves go through the gate, not the form; a new project still picks its stage."""
    project = create(ctx, Project, code="PRJ-001", name="CRM")
    existing = editor(Project, project.id)  # type: ignore[operator]
    assert not existing.field_input("stage_id").widget.isEnabled()
    assert "gate" in existing.field_input("stage_id").widget.toolTip()
    new = editor(Project)  # type: ignore[operator]
    assert new.field_input("stage_id").widget.isEnabled()


def test_a_new_person_form_starts_from_the_workspaces_standard_week(
    ctx: AppContext, editor: object
) -> None:
    from pmodesk.services.settings import DEFAULT_WEEKLY_CAPACITY_HOURS, set_setting

    with ctx.session() as session:
        set_setting(session, DEFAULT_WEEKLY_CAPACITY_HOURS, 36.0)
    dialog = editor(Person)  # type: ignore[operator]
    assert dialog.field_input("weekly_capacity_hours").value() == 36.0
