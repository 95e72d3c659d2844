"""The main window driven through its real widgets: pages, menus, undo, settings, File menu, first run."""

from __future__ import annotations

import dataclasses
import sqlite3
import sys
import types
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from pmodesk import __version__
from pmodesk.domain import Person, Project
from pmodesk.gui import pages
from pmodesk.gui.commands import CreateRecordCommand, EditRecordCommand
from pmodesk.gui.context import AppContext
from pmodesk.gui.dialogs import workspace as workspace_dialogs
from pmodesk.gui.main_window import MAX_RECENT, MainWindow
from pmodesk.gui.pages import PageSpec
from pmodesk.services import records
from pmodesk.store import Workspace, open_workspace
from pmodesk.store.integrity import quick_check

WAIT_MS = 20_000
TEST_PAGES_MODULE = "pmodesk_test_pages"


class DummyPage(QWidget):
    """A stand-in page: shows its class name; the people page creates people."""

    key = "dummy"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(type(self).__name__, self))


class RegisterStandIn(DummyPage):
    pass


class SecondPage(DummyPage):
    pass


class PeopleStandIn(DummyPage):
    def current_model(self) -> type[Person]:
        return Person


@pytest.fixture(autouse=True)
def test_pages(monkeypatch: pytest.MonkeyPatch) -> list[PageSpec]:
    """Replace the page registry by three light pages (the real ones are tested by their owners)."""
    module = types.ModuleType(TEST_PAGES_MODULE)
    module.RegisterStandIn = RegisterStandIn  # type: ignore[attr-defined]
    module.SecondPage = SecondPage  # type: ignore[attr-defined]
    module.PeopleStandIn = PeopleStandIn  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, TEST_PAGES_MODULE, module)
    specs = [
        PageSpec("register", "Register", "register", f"{TEST_PAGES_MODULE}:RegisterStandIn"),
        PageSpec(
            "second", "Portfolios & programmes", "portfolio", f"{TEST_PAGES_MODULE}:SecondPage"
        ),
        PageSpec("people", "People & teams", "people", f"{TEST_PAGES_MODULE}:PeopleStandIn"),
    ]
    monkeypatch.setattr(pages, "_PAGES", list(specs))
    return specs


def add_project(
    workspace: Workspace, code: str = "PRJ-001", name: str = "Payroll upgrade"
) -> uuid.UUID:
    with workspace.session() as session:
        return records.create(session, Project, {"code": code, "name": name}).id


@pytest.fixture
def filled_ctx(ctx: AppContext) -> AppContext:
    add_project(ctx.workspace)
    return ctx


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[Callable[[AppContext], MainWindow]]:
    made: list[MainWindow] = []

    def make(context: AppContext) -> MainWindow:
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        qtbot.wait_exposed(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.jobs.cancel_all()
        window.jobs.wait(WAIT_MS)


@pytest.fixture
def window(filled_ctx: AppContext, make_window: Callable[[AppContext], MainWindow]) -> MainWindow:
    return make_window(filled_ctx)


def close_next_modal(found: list[QWidget], *, attempts: int = 200) -> None:
    """Record the next modal box or dialog that appears and close it."""

    def poll(left: int) -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None:
            found.append(widget)
            if isinstance(widget, QMessageBox):
                found.append(_Text(widget.text()))
            widget.close()
        elif left > 0:
            QTimer.singleShot(20, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(attempts))


class _Text(QWidget):
    """Keeps a message box's text after the box is gone."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def texts(found: list[QWidget]) -> list[str]:
    return [w.text for w in found if isinstance(w, _Text)]


# ---------------------------------------------------------------- pages


def test_title_status_and_first_page(window: MainWindow) -> None:
    assert window.windowTitle() == "test — pmodesk"
    assert window.current_page_key() == "register"
    assert isinstance(window.pageStack.currentWidget(), RegisterStandIn)
    assert window.workspace_label.text() == "test"
    assert window.counts_label.text() == "1 project · 0 people"
    assert [window.navList.item(i).text() for i in range(window.navList.count())] == [
        "Register",
        "Portfolios & programmes",
        "People & teams",
    ]


def test_pages_switch_by_click_and_by_ctrl_number(qtbot: QtBot, window: MainWindow) -> None:
    assert window.page_widget("second") is None  # built lazily
    item = window.navList.item(1)
    rect = window.navList.visualItemRect(item)
    QTest.mouseClick(
        window.navList.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        rect.center(),
    )
    assert window.current_page_key() == "second"
    assert isinstance(window.pageStack.currentWidget(), SecondPage)

    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "people"
    assert window.navList.currentRow() == 2
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "register"
    assert isinstance(window.pageStack.currentWidget(), RegisterStandIn)
    # Each page is built once.
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.pageStack.count() == 3


def test_missing_page_module_shows_a_placeholder(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, make_window: Callable[..., MainWindow]
) -> None:
    pages.register_page(
        PageSpec("reports", "Reports", "reports", "pmodesk.gui.no_such_reports:Reports")
    )
    second = make_window(window.ctx)
    page = second.show_page("reports")
    assert isinstance(page, pages.UnavailablePage)
    assert "not part of this version" in page.findChildren(QLabel)[1].text()


def test_menus_have_mnemonics_and_tooltips_for_later_releases(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Help"]
    window._fill_recent_menu()
    for action in window.all_actions():
        assert "&" in action.text().replace("&&", ""), action.text()
    view_letters = [
        a.text().replace("&&", "").split("&")[1][0].lower()
        for a in window.menuView.actions()
        if not a.isSeparator()
    ]
    assert len(view_letters) == len(set(view_letters))  # no clashing mnemonics
    assert window._page_actions["second"].text() == "&Portfolios && programmes"
    assert window.actionImport.isEnabled()
    assert "drop it on the window" in window.actionImport.toolTip()
    assert window.actionPrintPack.isEnabled()
    assert window.actionExport.isEnabled()
    assert window.actionStatusRequests in window.menuFile.actions()
    assert window.actionPrintPack.shortcut().matches(QKeySequence(QKeySequence.StandardKey.Print))
    assert window.actionOpen.shortcut().toString() == "Ctrl+O"
    assert window.actionNewRecord.shortcut().toString() == "Ctrl+N"
    assert window.navList.accessibleName() == "Areas"


def test_undo_and_redo_follow_the_stack(qtbot: QtBot, window: MainWindow) -> None:
    ctx = window.ctx
    assert not window.undo_action.isEnabled()
    assert not window.redo_action.isEnabled()
    with ctx.session() as session:
        project = session.exec(select(Project)).one()
    ctx.push(EditRecordCommand(ctx, Project, project.id, {"name": "Payroll replacement"}))
    assert window.undo_action.isEnabled()
    assert "Edit project" in window.undo_action.text()
    assert {k.toString() for k in window.redo_action.shortcuts()} >= {"Ctrl+Shift+Z"}

    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with ctx.session() as session:
        assert session.get(Project, project.id).name == "Payroll upgrade"  # type: ignore[union-attr]
    assert window.redo_action.isEnabled()
    QTest.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    with ctx.session() as session:
        assert session.get(Project, project.id).name == "Payroll replacement"  # type: ignore[union-attr]

    window.actionUndoHistory.trigger()
    assert window.undo_dock.isVisible()
    assert window.undo_view.stack() is ctx.undo_stack
    assert window.undo_view.model().rowCount() == 2  # the opened state and the edit


def test_counts_follow_data_changes(window: MainWindow) -> None:
    ctx = window.ctx
    ctx.push(CreateRecordCommand(ctx, Project, {"code": "PRJ-002", "name": "Data centre exit"}))
    assert window.counts_label.text() == "2 projects · 0 people"
    ctx.undo_stack.undo()
    assert window.counts_label.text() == "1 project · 0 people"


def test_new_record_opens_the_editor_for_the_page_kind(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Any, ...]] = []
    fake = types.ModuleType("pmodesk.gui.editors")
    fake.open_editor = lambda ctx, model, record_id=None, parent=None: calls.append(  # type: ignore[attr-defined]
        (ctx, model, record_id, parent)
    )
    monkeypatch.setitem(sys.modules, "pmodesk.gui.editors", fake)
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert calls == [(window.ctx, Project, None, window)]
    window.show_page("second")
    assert not window.actionNewRecord.isEnabled()  # that page creates nothing
    window.show_page("people")
    window.actionNewRecord.trigger()
    assert calls[-1][1] is Person


# ---------------------------------------------------------------- settings


def test_geometry_splitter_and_last_page_are_restored(
    qtbot: QtBot, filled_ctx: AppContext, make_window: Callable[[AppContext], MainWindow]
) -> None:
    first = make_window(filled_ctx)
    first.resize(760, 560)
    first.mainSplitter.setSizes([300, 460])
    first.show_page("people")
    first.actionToggleToolbar.trigger()
    assert first.mainToolBar.isHidden()
    first.close()

    settings = filled_ctx.settings
    settings.sync()
    reread = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    assert reread.value("mainWindow/lastPage") == "people"

    second = make_window(filled_ctx)
    assert (second.width(), second.height()) == (760, 560)
    assert second.mainSplitter.sizes()[0] == 300
    assert second.current_page_key() == "people"
    assert second.mainToolBar.isHidden()
    assert not second.actionToggleToolbar.isChecked()


def test_sidebar_can_be_hidden_and_stays_hidden(
    filled_ctx: AppContext, make_window: Callable[[AppContext], MainWindow]
) -> None:
    first = make_window(filled_ctx)
    first.actionToggleSidebar.trigger()
    assert first.navList.isHidden()
    first.close()
    second = make_window(filled_ctx)
    assert second.navList.isHidden()
    assert not second.actionToggleSidebar.isChecked()


# ---------------------------------------------------------------- File menu


def test_opening_a_corrupt_file_keeps_the_current_workspace(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corrupt = tmp_path / "broken.pmodesk"
    corrupt.write_bytes(b"this is not a database, just some bytes" * 100)
    monkeypatch.setattr(workspace_dialogs, "ask_open_path", lambda *_a: corrupt)
    before = window.ctx.workspace
    found: list[QWidget] = []
    close_next_modal(found)
    window.actionOpen.trigger()
    assert found
    assert isinstance(found[0], QMessageBox)
    assert found[0].objectName() == "errorMessage"
    assert texts(found) == [
        f"{corrupt} is not a pmodesk workspace (it is not a SQLite database file). No backup of it was found."
    ]
    assert window.ctx.workspace is before
    assert window.windowTitle() == "test — pmodesk"
    # Still usable: edits land in the old workspace.
    window.ctx.push(
        CreateRecordCommand(window.ctx, Project, {"code": "PRJ-003", "name": "Still here"})
    )
    assert window.counts_label.text() == "2 projects · 0 people"


def test_opening_a_locked_workspace_gives_a_clear_message(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "busy.pmodesk"
    open_workspace(other).close()
    holder = sqlite3.connect(other, timeout=0)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(workspace_dialogs, "ask_open_path", lambda *_a: other)
    real_connect = sqlite3.connect

    def connect_without_waiting(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        kwargs["timeout"] = 0  # SQLite answers "locked" at once: keeps the test quick
        connection: sqlite3.Connection = real_connect(*args, **kwargs)
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect_without_waiting)
    found: list[QWidget] = []
    close_next_modal(found)
    try:
        assert not window.open_workspace()
    finally:
        holder.rollback()
        holder.close()
    assert texts(found)
    assert "locked" in texts(found)[0]
    assert window.ctx.workspace.path == (tmp_path / "test.pmodesk").resolve()
    assert window.windowTitle() == "test — pmodesk"


def test_open_switches_workspace_and_remembers_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other_path = tmp_path / "other.pmodesk"
    with open_workspace(other_path) as other:
        add_project(other, "PRJ-777", "Other office")
        add_project(other, "PRJ-778", "Second")
    ctx = window.ctx
    ctx.push(CreateRecordCommand(ctx, Project, {"code": "PRJ-010", "name": "Undoable"}))
    monkeypatch.setattr(workspace_dialogs, "ask_open_path", lambda *_a: other_path)
    with qtbot.wait_signal(ctx.workspace_changed):
        window.actionOpen.trigger()
    assert ctx.workspace.path == other_path.resolve()
    assert window.windowTitle() == "other — pmodesk"
    assert window.counts_label.text() == "2 projects · 0 people"
    assert ctx.undo_stack.count() == 0
    assert window.recent_workspaces()[:2] == [
        str(other_path.resolve()),
        str(tmp_path / "test.pmodesk"),
    ]
    window._fill_recent_menu()
    recent_texts = [a.text() for a in window.menuOpenRecent.actions()]
    assert recent_texts[0].startswith("&1 other")
    assert recent_texts[1].startswith("&2 test")


def test_recent_list_keeps_eight(window: MainWindow, tmp_path: Path) -> None:
    for number in range(12):
        window._add_recent(
            dataclasses.replace(window.ctx.workspace, path=tmp_path / f"w{number}.pmodesk")
        )
    recent = window.recent_workspaces()
    assert len(recent) == MAX_RECENT
    assert recent[0].endswith("w11.pmodesk")


def test_new_workspace_creates_and_opens_an_empty_one(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "fresh"
    monkeypatch.setattr(
        workspace_dialogs, "ask_new_path", lambda *_a: target.with_suffix(".pmodesk")
    )
    window.actionNewWorkspace.trigger()
    assert window.ctx.workspace.path == (tmp_path / "fresh.pmodesk").resolve()
    assert window.windowTitle() == "fresh — pmodesk"
    assert window.is_first_run_shown()  # a new workspace has no projects
    from pmodesk.domain import Stage

    with window.ctx.session() as session:
        assert session.exec(select(Stage)).all()  # the default lifecycle was seeded


def test_save_a_copy_writes_a_sound_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    destination = tmp_path / "copies" / "copy.pmodesk"
    destination.parent.mkdir()
    monkeypatch.setattr(workspace_dialogs, "ask_copy_path", lambda *_a: destination)
    job = window.save_copy()
    assert job is not None
    qtbot.wait_until(lambda: job.done, timeout=WAIT_MS)
    assert job.succeeded
    assert quick_check(destination) == []
    with open_workspace(destination, create=False) as copy, copy.session() as session:
        assert session.exec(select(Project.code)).all() == ["PRJ-001"]
    assert str(destination) in window.statusbar.currentMessage()


# ---------------------------------------------------------------- first run, help


def test_first_run_panel_on_an_empty_workspace(
    qtbot: QtBot, ctx: AppContext, make_window: Callable[[AppContext], MainWindow]
) -> None:
    window = make_window(ctx)
    assert window.is_first_run_shown()
    panel = window.first_run_panel
    assert panel is not None
    assert panel.isVisible()
    assert window.current_page_key() == ""
    assert panel.demoButton.isEnabled()
    assert panel.openButton.isEnabled()
    assert panel.importButton.isEnabled()
    assert "arrives with" not in panel.importButton.toolTip()
    assert str(ctx.workspace.path) in panel.workspaceLabel.text()
    QTest.mouseClick(panel.emptyButton, Qt.MouseButton.LeftButton)
    assert not window.is_first_run_shown()
    assert window.current_page_key() == "register"


def test_first_run_panel_gives_way_to_the_first_project(
    ctx: AppContext, make_window: Callable[[AppContext], MainWindow]
) -> None:
    window = make_window(ctx)
    assert window.is_first_run_shown()
    ctx.push(CreateRecordCommand(ctx, Project, {"code": "PRJ-100", "name": "First"}))
    assert window.current_page_key() == "register"


def test_first_run_demo_button_creates_the_demo_portfolio(
    qtbot: QtBot, ctx: AppContext, make_window: Callable[[AppContext], MainWindow]
) -> None:
    pytest.importorskip("pmodesk.services.demo")
    window = make_window(ctx)
    panel = window.first_run_panel
    assert panel is not None
    QTest.mouseClick(panel.demoButton, Qt.MouseButton.LeftButton)
    assert not panel.demoButton.isEnabled()  # busy while the job runs
    qtbot.wait_until(lambda: not window.jobs.is_busy(), timeout=120_000)
    assert window.current_page_key() == "register"
    with ctx.session() as session:
        assert len(session.exec(select(Project.id)).all()) >= 50
    assert window.counts_label.text().startswith(
        f"{len(session.exec(select(Project.id)).all())} projects"
    )


def test_about_shows_version_and_workspace(qtbot: QtBot, window: MainWindow) -> None:
    found: list[QWidget] = []
    labels: list[str] = []

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            labels.extend(label.text() for label in dialog.findChildren(QLabel))
            dialog.close()
            found.append(dialog)
        else:
            QTimer.singleShot(20, inspect)

    QTimer.singleShot(0, inspect)
    window.actionAbout.trigger()
    assert found
    assert f"Version {__version__}" in labels
    assert str(window.ctx.workspace.path) in labels
    assert any("MIT" in text for text in labels)


def test_shortcuts_dialog_lists_the_keys(qtbot: QtBot, window: MainWindow) -> None:
    from pmodesk.gui.dialogs.shortcuts import shortcut_rows

    rows = dict(shortcut_rows(window.all_actions()))
    assert rows["Open"] == "Ctrl+O"
    assert rows["Register"] == "Ctrl+1"
    assert rows["Undo"].startswith("Ctrl+Z")
    assert "Ctrl+Shift+Z" in rows["Redo"]
    page_action: QAction = window._page_actions["people"]
    assert page_action.shortcut().toString() == "Ctrl+3"


@pytest.mark.parametrize(
    ("action_name", "dialog_class"),
    [
        ("actionImport", "ImportWizard"),
        ("actionExport", "ExportDialog"),
        ("actionStatusRequests", "StatusRequestsDialog"),
        ("actionCollectStatus", "CollectStatusDialog"),
        ("actionPrintPack", "PackDialog"),
    ],
)
def test_file_menu_opens_the_exchange_and_pack_dialogs(
    qtbot: QtBot, window: MainWindow, action_name: str, dialog_class: str
) -> None:
    from PySide6.QtWidgets import QDialog

    getattr(window, action_name).trigger()

    def shown() -> QDialog:
        dialogs = [d for d in window.findChildren(QDialog) if d.isVisible()]
        assert [type(d).__name__ for d in dialogs] == [dialog_class]
        return dialogs[0]

    qtbot.waitUntil(lambda: bool(shown()))
    dialog = shown()
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_shortcuts_dialog_lists_keys_that_work_inside_pages(
    qtbot: QtBot, window: MainWindow
) -> None:
    from pmodesk.gui.dialogs.shortcuts import ShortcutsDialog

    dialog = ShortcutsDialog(window.all_actions(), window)
    qtbot.addWidget(dialog)
    table = dialog.shortcutsTable
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Dashboard: copy as an image"] == "Ctrl+Shift+C"
    assert rows["Status & RAID: escalate the selected RAID item"] == "Ctrl+E"
    assert "Print pack" in " ".join(rows)
