"""The import wizard's finer points: drops, Back, the keyboard, the last folder, Cancel, errors."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers_import import (
    MARCH,
    WAIT_MS,
    Harness,
    click,
    drop,
    harness,
    idle,
    next_page,
    plain,
    projects,
    walk_to,
    write_register,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard
from pytestqt.qtbot import QtBot

from pmodesk.gui.context import AppContext
from pmodesk.gui.dialogs.first_run import FirstRunPanel
from pmodesk.gui.importing import accept_workbook_drops
from pmodesk.gui.importing.state import KEY_LAST_FOLDER
from pmodesk.gui.importing.wizard import Step

pytestmark = pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent:DeprecationWarning")


@pytest.fixture
def env(qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    with harness(qtbot, ctx, monkeypatch) as made:
        yield made


@pytest.fixture
def march(tmp_path: Path) -> Path:
    return write_register(tmp_path / "Register March.xlsx", plain(MARCH))


def test_workbooks_dropped_on_a_window_or_the_first_page(
    env: Harness, march: Path, tmp_path: Path
) -> None:
    note = tmp_path / "readme.pdf"
    note.write_bytes(b"%PDF-1.4")
    received: list[list[Path]] = []
    accept_workbook_drops(env.window, received.append)
    assert not drop(env.window, [note])  # not a workbook: refused
    assert drop(env.window, [march, note])
    assert received == [[march]]

    wizard = env.start()
    assert drop(wizard.file_page, [march])
    assert wizard.choices.sources == [march]
    assert wizard.file_page.file_list.item(0).text() == march.name
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_enter_moves_on_and_back_keeps_every_choice(
    qtbot: QtBot, env: Harness, march: Path
) -> None:
    wizard = env.start([march])
    wizard.file_page.file_list.setFocus()
    qtbot.keyClick(wizard.file_page.file_list, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: wizard.currentId() == Step.SHEETS, timeout=WAIT_MS)
    idle(qtbot, wizard)
    sheets = wizard.sheets_page.table
    sheets.item(1, 0).setCheckState(Qt.CheckState.Checked)  # the hidden sheet after all
    kind = sheets.cellWidget(1, 3)
    kind.setCurrentIndex(kind.findData("project"))
    assert wizard.choices.plan is None  # the choice calls for a new plan
    click(qtbot, wizard, QWizard.WizardButton.BackButton)
    assert wizard.currentId() == Step.FILE
    assert wizard.file_page.file_list.count() == 1
    next_page(qtbot, wizard, Step.SHEETS)
    assert sheets.item(1, 0).checkState() == Qt.CheckState.Checked
    assert sheets.cellWidget(1, 3).currentData() == "project"
    next_page(qtbot, wizard, Step.MAPPING)
    assert wizard.mapping_page.sheet_combo.count() == 2  # both sheets are planned
    click(qtbot, wizard, QWizard.WizardButton.BackButton)
    click(qtbot, wizard, QWizard.WizardButton.BackButton)
    assert wizard.currentId() == Step.FILE
    next_page(qtbot, wizard, Step.SHEETS)
    assert sheets.item(1, 0).checkState() == Qt.CheckState.Checked


def test_the_last_folder_is_where_browsing_starts(
    qtbot: QtBot, ctx: AppContext, env: Harness, march: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def choose(_parent: object, _title: str, folder: str, _filter: str) -> tuple[list[str], str]:
        asked.append(folder)
        return [str(march)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    wizard = env.start()
    qtbot.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
    assert ctx.settings.value(KEY_LAST_FOLDER) == str(march.parent.resolve())
    wizard.close()
    again = env.start()
    qtbot.mouseClick(again.file_page.browse_button, Qt.MouseButton.LeftButton)
    assert asked[-1] == str(march.parent.resolve())


def test_a_field_goes_to_one_column_and_the_header_row_can_be_moved(
    qtbot: QtBot, env: Harness, march: Path
) -> None:
    wizard = env.start([march])
    walk_to(qtbot, wizard, Step.MAPPING)
    table = wizard.mapping_page.columns
    pm, notes = table.row_of("PM"), table.row_of("PMO notes")
    table.field_combo(notes).setCurrentIndex(table.field_combo(notes).findData("manager"))
    assert table.field_combo(pm).currentData() is None  # PM let go of the manager
    assert table.item(notes, table.COL_MATCH).text() == "100%  yours"

    with qtbot.wait_signal(wizard.tasks.planned, timeout=WAIT_MS):
        wizard.mapping_page.header_spin.setValue(5)  # a wrong header row, as a user might
    idle(qtbot, wizard)
    assert table.row_of("PRJ-101") >= 0  # the first data row is read as headers now
    with qtbot.wait_signal(wizard.tasks.planned, timeout=WAIT_MS):
        wizard.mapping_page.header_spin.setValue(4)
    idle(qtbot, wizard)
    assert table.row_of("Project Title") >= 0


def test_cancelling_the_import_leaves_the_workspace_as_it_was(
    qtbot: QtBot, ctx: AppContext, env: Harness, march: Path
) -> None:
    wizard = env.start([march])
    walk_to(qtbot, wizard, Step.PREVIEW)
    # Hold the runner's only worker so that the import waits in the queue, then cancel it
    # from its progress dialog as the user would.
    env.runner._pool.setMaxThreadCount(1)
    release = threading.Event()
    blocker = env.runner.run("Busy", lambda _c: release.wait(WAIT_MS / 1000), lambda _r: None)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    job = wizard.tasks.job
    assert job is not None
    assert job.dialog is not None
    job.dialog.reject()  # Cancel
    release.set()
    qtbot.wait_until(lambda: job.done and blocker.done, timeout=WAIT_MS)
    idle(qtbot, wizard)
    assert env.reported == []  # a cancel is not an error
    assert projects(ctx) == {}
    assert ctx.undo_stack.count() == 0
    assert wizard.currentId() == Step.PREVIEW
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()  # try again
    next_page(qtbot, wizard, Step.SUMMARY)
    assert set(projects(ctx)) == {"PRJ-101", "PRJ-102", "PRJ-103"}


def test_cancelling_the_check_stays_on_the_page(
    qtbot: QtBot, env: Harness, march: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = env.start([march])
    started = threading.Event()
    release = threading.Event()
    from pmodesk.exchange import importing

    real = importing.plan_import

    def slow_plan(*args: object, **kwargs: object) -> object:
        started.set()
        release.wait(WAIT_MS / 1000)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importing, "plan_import", slow_plan)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert started.wait(WAIT_MS / 1000)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # busy
    job = wizard.tasks.job
    assert job is not None
    job.cancel()
    release.set()
    idle(qtbot, wizard)
    assert wizard.currentId() == Step.FILE
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_file_that_is_not_a_workbook_is_one_sentence(
    qtbot: QtBot, env: Harness, tmp_path: Path
) -> None:
    fake = tmp_path / "Register.xlsx"
    fake.write_text("this is not a workbook")
    wizard = env.start([fake])
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.wait_until(lambda: bool(env.reported), timeout=WAIT_MS)
    idle(qtbot, wizard)
    message = str(env.reported[0])
    assert "Register.xlsx" in message
    assert "\n" not in message
    assert wizard.currentId() == Step.FILE  # the user chooses another file
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_the_summary_details_filter_by_action(qtbot: QtBot, env: Harness, march: Path) -> None:
    wizard = env.start([march])
    walk_to(qtbot, wizard, Step.SUMMARY)
    details = wizard.summary_page.show_details()
    assert details is not None
    assert details.proxy.rowCount() == 3
    details.action_combo.setCurrentIndex(details.action_combo.findText("Update only"))
    assert details.proxy.rowCount() == 0
    details.action_combo.setCurrentIndex(0)
    qtbot.keyClicks(details.search, "Office")
    qtbot.wait_until(lambda: details.proxy.rowCount() == 1, timeout=WAIT_MS)
    details.search.clear()
    qtbot.keyClicks(details.search, "payroll")
    qtbot.keyClick(details.search, Qt.Key.Key_Return)  # at once
    assert details.proxy.rowCount() == 1
    assert "Planned start" in details.model.data(details.model.index(2, 5))


def test_the_first_run_panel_offers_the_import(qtbot: QtBot) -> None:
    panel = FirstRunPanel()
    qtbot.addWidget(panel)
    assert not panel.importButton.isEnabled()
    panel.offer_import()
    assert panel.importButton.isEnabled()
    with qtbot.wait_signal(panel.import_requested):
        qtbot.mouseClick(panel.importButton, Qt.MouseButton.LeftButton)
    panel.set_busy(True)
    assert not panel.importButton.isEnabled()
    panel.set_busy(False)
    assert panel.importButton.isEnabled()


def test_cancel_while_checking_closes_once_the_check_has_stopped(
    qtbot: QtBot, env: Harness, march: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = env.start([march])
    started, release = threading.Event(), threading.Event()
    from pmodesk.exchange import importing

    real = importing.plan_import

    def slow_plan(*args: object, **kwargs: object) -> object:
        started.set()
        release.wait(WAIT_MS / 1000)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importing, "plan_import", slow_plan)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert started.wait(WAIT_MS / 1000)
    wizard.reject()  # Escape, or the window's close button
    assert wizard.isVisible()  # not while the job runs
    assert wizard.tasks.job is not None
    assert wizard.tasks.job.cancelled
    release.set()
    qtbot.wait_until(lambda: not wizard.isVisible(), timeout=WAIT_MS)
    assert env.reported == []


def test_dates_that_read_both_ways_are_settled_by_the_user(
    qtbot: QtBot, ctx: AppContext, env: Harness, tmp_path: Path
) -> None:
    rows = plain(MARCH)
    for row, (start, finish) in zip(
        rows,
        (("04/05/2026", "06/11/2026"), ("03/02/2026", "11/12/2026"), ("02/03/2026", "05/06/2026")),
        strict=True,
    ):
        row[5], row[6] = start, finish
    wizard = env.start([write_register(tmp_path / "Register text dates.xlsx", rows)])
    walk_to(qtbot, wizard, Step.PREVIEW)
    preview = wizard.preview_page
    assert preview.date_order.isVisible()
    with qtbot.wait_signal(wizard.tasks.planned, timeout=WAIT_MS):
        preview.date_order.setCurrentIndex(preview.date_order.findData("dmy"))
    idle(qtbot, wizard)
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled(), preview.verdict.text()
    next_page(qtbot, wizard, Step.SUMMARY)
    assert str(projects(ctx)["PRJ-101"].planned_start) == "2026-05-04"
