"""The import wizard end to end: real widgets, real workbooks, the real importer.

A manager's register with a title above the header (row 4) and non-standard
headers ("Project Title", "PM", "Status colour" with On track / At risk) is
mapped, the mapping saved by name and imported; next month's file is imported
with the saved mapping picked on the first page; Edit > Undo takes an import
back; a workbook with an error is refused and the Import button says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers_import import (
    APRIL,
    MARCH,
    WAIT_MS,
    Harness,
    click,
    harness,
    idle,
    next_page,
    plain,
    projects,
    stage_code,
    walk_to,
    write_register,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard
from pytestqt.qtbot import QtBot
from sqlmodel import select

from pmodesk.domain import AuditEvent, Project
from pmodesk.gui.context import AppContext
from pmodesk.gui.importing.state import KEY_LAST_FOLDER
from pmodesk.gui.importing.wizard import Step
from pmodesk.services import records


@pytest.fixture
def env(qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    with harness(qtbot, ctx, monkeypatch) as made:
        yield made


def test_map_save_import_next_month_and_undo(
    qtbot: QtBot, ctx: AppContext, env: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    march = write_register(tmp_path / "Register March.xlsx", MARCH)
    april = write_register(tmp_path / "Register April.xlsx", APRIL)

    # ---- March: browse for the file, look at the sheets, map, save the mapping, import.
    wizard = env.start()
    assert wizard.currentId() == Step.FILE
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: ([str(march)], ""))
    )
    qtbot.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
    assert wizard.file_page.file_list.item(0).text() == "Register March.xlsx"
    assert ctx.settings.value(KEY_LAST_FOLDER) == str(tmp_path.resolve())
    next_page(qtbot, wizard, Step.SHEETS)

    sheets = wizard.sheets_page.table
    names = [sheets.item(r, 0).text() for r in range(sheets.rowCount())]
    assert names == ["Register", "Old February  (hidden)"]
    assert sheets.item(0, 0).checkState() == Qt.CheckState.Checked
    assert sheets.item(1, 0).checkState() == Qt.CheckState.Unchecked  # hidden: not picked
    assert sheets.cellWidget(0, 3).currentText() == "Detect automatically (Projects)"
    next_page(qtbot, wizard, Step.MAPPING)

    page = wizard.mapping_page
    assert "Projects" in page.sheet_combo.currentText()
    assert page.header_spin.value() == 4  # the title rows above were skipped
    table = page.columns
    expected = {
        "Ref": "code",
        "Project Title": "name",
        "PM": "manager",
        "Status colour": "rag_overall",
    }
    for header, field in expected.items():
        combo = table.field_combo(table.row_of(header))
        assert combo is not None
        assert combo.currentData() == field, header
        match = table.item(table.row_of(header), table.COL_MATCH).text()
        assert match.split("%")[0].isdigit()  # the confidence, as a percentage
    # The user leaves the PMO notes out, with the column's combo.
    notes = table.field_combo(table.row_of("PMO notes"))
    assert notes is not None
    notes.setCurrentIndex(notes.findData(None))
    assert table.item(table.row_of("PMO notes"), table.COL_MATCH).text() == "—"
    # Status colours read as RAG; "Watch" is not a colour the importer knows: the user says amber.
    page.value_field_combo.setCurrentIndex(page.value_field_combo.findData("rag_overall"))
    assert page.values.value_combo("On track").currentData() == "green"
    assert page.values.value_combo("At risk").currentData() == "amber"
    watch = page.values.value_combo("Watch")
    assert watch is not None
    assert watch.currentData() is None
    watch.setCurrentIndex(watch.findData("amber"))
    # Their stage names to the lifecycle: "Kick-off" is not a stage of the workspace; it is Idea.
    page.value_field_combo.setCurrentIndex(page.value_field_combo.findData("stage"))
    kickoff = page.values.value_combo("Kick-off")
    assert kickoff is not None
    assert kickoff.currentData() is None
    kickoff.setCurrentIndex(kickoff.findData("IDEA"))
    # Save by name; Enter in the name field saves and stays on the page.
    qtbot.keyClicks(page.name_edit, "Monthly register")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    assert "Monthly register" in page.saved_label.text()
    assert wizard.currentId() == Step.MAPPING
    next_page(qtbot, wizard, Step.PREVIEW)

    preview = wizard.preview_page
    assert "3 to create" in preview.counts_label.text()
    changed: list[frozenset[str]] = []
    ctx.data_changed.connect(changed.append)
    assert preview.problems.model.rowCount() == 0
    assert wizard.button(QWizard.WizardButton.CommitButton).text().replace("&", "") == "Import"
    next_page(qtbot, wizard, Step.SUMMARY)
    summary = wizard.summary_page
    assert summary.figures["created"].number.text() == "3"
    assert summary.figures["updated"].number.text() == "0"
    assert any({"project", "programme"} <= tables for tables in changed)  # pages refresh
    details = summary.show_details()
    assert details is not None
    assert details.model.rowCount() == 3
    details.close()
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert env.reported == []

    landed = projects(ctx)
    assert set(landed) == {"PRJ-101", "PRJ-102", "PRJ-103"}
    assert landed["PRJ-102"].manager == "Ben Ortiz"
    assert landed["PRJ-102"].rag_overall == "amber"
    assert landed["PRJ-103"].rag_overall == "amber"  # "Watch", as the user mapped it
    assert landed["PRJ-101"].planned_start == dt.date(2026, 1, 5)
    assert landed["PRJ-102"].description == ""  # the notes column was left out
    assert stage_code(ctx, landed["PRJ-102"]) == "IDEA"
    assert ctx.undo_stack.count() == 1
    assert ctx.undo_stack.undoText().startswith("Import Register March.xlsx")

    # ---- April: the saved mapping is picked on the first page; no mapping work.
    wizard = env.start([april])
    combo = wizard.file_page.mapping_combo
    index = combo.findText("Monthly register")
    assert index > 0
    combo.setCurrentIndex(index)
    next_page(qtbot, wizard, Step.SHEETS)
    next_page(qtbot, wizard, Step.MAPPING)
    table = wizard.mapping_page.columns
    notes = table.field_combo(table.row_of("PMO notes"))
    assert notes is not None
    assert notes.currentData() is None
    assert "100%" in table.item(table.row_of("PM"), table.COL_MATCH).text()
    next_page(qtbot, wizard, Step.PREVIEW)
    next_page(qtbot, wizard, Step.SUMMARY)
    figures = wizard.summary_page.figures
    assert figures["created"].number.text() == "1"
    assert figures["updated"].number.text() == "1"
    assert figures["unchanged"].number.text() == "2"
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    landed = projects(ctx)
    assert landed["PRJ-102"].rag_overall == "green"
    assert landed["PRJ-104"].rag_overall == "amber"  # "Watch" again: the saved value map
    assert stage_code(ctx, landed["PRJ-104"]) == "IDEA"  # and "Kick-off" again
    with ctx.session() as session:
        sources = set(session.exec(select(AuditEvent.source)).all())
    assert "Register April.xlsx" in sources

    april_in = landed
    # ---- Undo through the app's undo stack: April's import goes back as one step.
    assert ctx.undo_stack.count() == 2
    with qtbot.wait_signal(ctx.data_changed):
        ctx.undo_stack.undo()
    qtbot.wait(50)  # a refusal would be shown from the event loop
    assert env.reported == []
    landed = projects(ctx)
    assert set(landed) == {"PRJ-101", "PRJ-102", "PRJ-103"}
    assert landed["PRJ-102"].rag_overall == "amber"
    # ---- Redo puts April back exactly: the same records under the same ids.
    assert ctx.undo_stack.count() == 2
    assert ctx.undo_stack.redoText().startswith("Import Register April.xlsx")
    with qtbot.wait_signal(ctx.data_changed):
        ctx.undo_stack.redo()
    qtbot.wait(50)
    assert env.reported == []
    again = projects(ctx)
    assert {code: p.id for code, p in again.items()} == {code: p.id for code, p in april_in.items()}
    assert again["PRJ-102"].rag_overall == "green"
    assert again["PRJ-104"].rag_overall == "amber"
    assert ctx.undo_stack.index() == 2
    with qtbot.wait_signal(ctx.data_changed):
        ctx.undo_stack.undo()  # and back again, as often as the user likes
    assert set(projects(ctx)) == {"PRJ-101", "PRJ-102", "PRJ-103"}


def test_two_imports_undo_in_turn(
    qtbot: QtBot, ctx: AppContext, env: Harness, tmp_path: Path
) -> None:
    """March, then April, undone in turn: the workspace is empty again."""
    for name, rows in (("Register March.xlsx", MARCH), ("Register April.xlsx", APRIL)):
        wizard = env.start([write_register(tmp_path / name, plain(rows))])
        walk_to(qtbot, wizard, Step.SUMMARY)
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    qtbot.wait(50)
    assert env.reported == []
    assert projects(ctx) == {}
    assert (ctx.undo_stack.count(), ctx.undo_stack.index()) == (2, 0)


def test_an_undo_the_importer_refuses_leaves_the_import_on_the_stack(
    qtbot: QtBot, ctx: AppContext, env: Harness, tmp_path: Path
) -> None:
    wizard = env.start([write_register(tmp_path / "Register March.xlsx", plain(MARCH))])
    walk_to(qtbot, wizard, Step.SUMMARY)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    # Someone changes an imported project outside this window's undo stack.
    with ctx.session() as session:
        project = records.get_by_code(session, Project, "PRJ-101")
        records.update(session, project, {"manager": "Someone else"})
    ctx.undo_stack.undo()
    qtbot.wait_until(lambda: bool(env.reported), timeout=WAIT_MS)
    assert "PRJ-101" in str(env.reported[0])
    qtbot.wait_until(ctx.undo_stack.canUndo, timeout=WAIT_MS)  # back over the import
    assert ctx.undo_stack.index() == 1
    assert set(projects(ctx)) == {"PRJ-101", "PRJ-102", "PRJ-103"}


def test_a_redo_the_importer_refuses_leaves_the_import_undone(
    qtbot: QtBot, ctx: AppContext, env: Harness, tmp_path: Path
) -> None:
    wizard = env.start([write_register(tmp_path / "Register March.xlsx", plain(MARCH))])
    walk_to(qtbot, wizard, Step.SUMMARY)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    with qtbot.wait_signal(ctx.data_changed):
        ctx.undo_stack.undo()
    assert projects(ctx) == {}
    # Someone takes a code the import had created, outside this window's undo stack.
    with ctx.session() as session:
        records.create(session, Project, {"code": "PRJ-101", "name": "Someone else's"})
    ctx.undo_stack.redo()
    qtbot.wait_until(lambda: bool(env.reported), timeout=WAIT_MS)
    assert "code is taken" in str(env.reported[0])
    qtbot.wait_until(lambda: ctx.undo_stack.index() == 0, timeout=WAIT_MS)  # back under it
    assert ctx.undo_stack.canRedo()
    assert set(projects(ctx)) == {"PRJ-101"}


def test_a_refused_import_writes_nothing_and_says_why(
    qtbot: QtBot, ctx: AppContext, env: Harness, tmp_path: Path
) -> None:
    rows = plain(MARCH)
    rows[1][5] = "sometime soon"  # a start date nobody can read
    path = write_register(tmp_path / "Register broken.xlsx", rows, hidden_sheet=False)
    wizard = env.start([path])
    walk_to(qtbot, wizard, Step.PREVIEW)

    preview = wizard.preview_page
    import_button = wizard.button(QWizard.WizardButton.CommitButton)
    assert not import_button.isEnabled()
    assert "1 error" in preview.verdict.text()
    assert import_button.toolTip() == preview.verdict.text()
    problems = preview.problems.model
    errors = [p for p in problems.items if p.severity == "error"]
    assert len(errors) == 1
    assert (errors[0].sheet, errors[0].row, errors[0].value) == ("Register", 6, "sometime soon")
    assert errors[0].column.startswith("F")
    assert errors[0].reason
    assert projects(ctx) == {}

    # The problem list is filtered and saved as a workbook.
    preview.problems.severity_combo.setCurrentIndex(1)  # Errors only
    assert preview.problems.proxy.rowCount() == 1
    saved = preview.problems.save_to(tmp_path / "problems.xlsx")
    assert saved is not None
    assert saved.exists()

    # Skipping the row makes the import possible: the other two land.
    with qtbot.wait_signal(wizard.tasks.planned, timeout=WAIT_MS):
        assert preview.problems.set_skipped("Register broken.xlsx", "Register", 6, True)
    idle(qtbot, wizard)
    assert import_button.isEnabled()
    assert "1 skipped" in preview.counts_label.text()
    qtbot.keyClicks(preview.problems.search, "soon")
    qtbot.keyClick(preview.problems.search, Qt.Key.Key_Return)  # searches; does not import
    assert wizard.currentId() == Step.PREVIEW
    assert preview.problems.proxy.rowCount() == 1  # still listed, ticked, to untick if need be
    assert problems.items[0].skipped
    # Changing one's mind: untick, and the import is refused again; tick, and it is not.
    for skip, enabled in ((False, False), (True, True)):
        with qtbot.wait_signal(wizard.tasks.planned, timeout=WAIT_MS):
            assert preview.problems.set_skipped("Register broken.xlsx", "Register", 6, skip)
        idle(qtbot, wizard)
        assert import_button.isEnabled() is enabled
    next_page(qtbot, wizard, Step.SUMMARY)
    assert wizard.summary_page.figures["skipped"].number.text() == "1"
    assert set(projects(ctx)) == {"PRJ-101", "PRJ-103"}
    assert env.reported == []
