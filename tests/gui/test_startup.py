"""Start-up: the register is painted from the file before the workspace is attached.

``gui.app.start`` shows the window, reads an up-to-date workspace file's
register with the stdlib, paints it, then opens the workspace properly and
attaches it; older, damaged or foreign files go the normal way. The
integrity check runs afterwards, in the background.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pmodesk.domain import Portfolio, Programme, Project
from pmodesk.gui import app as app_module
from pmodesk.gui.context import AppContext
from pmodesk.gui.dialogs import errors as error_dialogs
from pmodesk.gui.dialogs import workspace as workspace_dialogs
from pmodesk.gui.dialogs.workspace import OpenFailedChoice
from pmodesk.gui.main_window import MainWindow
from pmodesk.gui.register.view import RegisterView
from pmodesk.services import records
from pmodesk.store import open_workspace, schema
from pmodesk.store import workspace as store_workspace
from pmodesk.store.engine import make_engine

Started = tuple[QApplication, MainWindow, AppContext]


def make_workspace(path: Path, projects: int = 3) -> Path:
    """A workspace file at the newest schema holding ``projects`` projects."""
    workspace = open_workspace(path)
    try:
        with workspace.session() as session:
            portfolio = records.create(session, Portfolio, {"code": "PF-1", "name": "Digital"})
            programme = records.create(
                session,
                Programme,
                {"code": "PG-1", "name": "Customer first", "portfolio_id": portfolio.id},
            )
            for number in range(1, projects + 1):
                records.create(
                    session,
                    Project,
                    {
                        "code": f"PRJ-{number}",
                        "name": f"Project {number}",
                        "programme_id": programme.id if number % 2 else None,
                        "manager": "Zoë Ørsted",
                        "rag_overall": "amber",
                    },
                )
    finally:
        workspace.close()
    return path


@pytest.fixture
def start_app(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[Path], Started]]:
    """``start([path])`` as ``pmodesk`` runs it; closes the window and workspace afterwards."""
    monkeypatch.setattr(app_module, "setup_logging", lambda: None)
    # pytest-qt reports exceptions raised in slots; the crash dialog would wait for a click.
    monkeypatch.setattr(error_dialogs, "install_crash_handler", lambda: None)
    started: list[Started] = []

    def start(path: Path) -> Started:
        result = app_module.start([str(path)])
        started.append(result)
        return result

    yield start
    for _app, window, ctx in started:
        window.jobs.wait(10_000)
        window.close()
        if ctx.has_workspace:
            ctx.workspace.close()
        window.deleteLater()


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each call of ``MainWindow.show_preview`` showed the rows."""
    shown: list[bool] = []
    real = MainWindow.show_preview

    def spy(self: MainWindow, snapshot: Any) -> bool:
        result = real(self, snapshot)
        shown.append(result)
        return result

    monkeypatch.setattr(MainWindow, "show_preview", spy)
    return shown


def register_page(window: MainWindow) -> RegisterView:
    page = window.page_widget("register")
    assert isinstance(page, RegisterView)
    return page


def test_the_register_shows_before_the_workspace_is_attached(
    qtbot: QtBot,
    tmp_path: Path,
    start_app: Callable[[Path], Started],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = make_workspace(tmp_path / "office.pmodesk")
    seen: dict[str, Any] = {}
    resets: list[str] = []
    real_open = app_module.open_start_workspace

    def opening(target: str | None, *, check: bool = True) -> Any:
        # The moment the data stack starts opening the workspace: what is on screen?
        page = register_page(window)
        seen.update(
            attached=ctx.has_workspace,
            codes=page.shown_codes(),
            visible=page.isVisible(),
            title=window.windowTitle(),
            editable=page.model.flags(page.model.index(0, 1)),
            check=check,
        )
        page.model.modelReset.connect(lambda: resets.append("reset"))
        return real_open(target, check=check)

    monkeypatch.setattr(app_module, "open_start_workspace", opening)
    _app, window, ctx = start_app(path)
    assert not ctx.has_workspace  # start() returns as soon as the window is painted
    qtbot.wait_until(lambda: ctx.has_workspace, timeout=10_000)

    assert seen["attached"] is False
    assert seen["visible"] is True
    assert seen["codes"] == ["PRJ-1", "PRJ-2", "PRJ-3"]
    assert seen["title"] == "office — pmodesk"
    assert not seen["editable"] & Qt.ItemFlag.ItemIsEditable  # read-only until attached
    assert seen["check"] is False  # the integrity check runs in the background instead
    page = register_page(window)
    assert page.shown_codes() == ["PRJ-1", "PRJ-2", "PRJ-3"]
    assert resets == []  # the attached workspace's rows were compared, not reloaded
    assert page.model.flags(page.model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert window.current_page_key() == "register"
    assert window.counts_label.text() == "3 projects · 0 people"
    assert page.countLabel.text() == "3 of 3 projects"
    assert page.filter_bar.menus["programmes"].keys() == ["PG-1", ""]
    # The background check of a sound file ends quietly.
    qtbot.wait_until(lambda: not window.jobs.is_busy(), timeout=10_000)


def test_a_change_made_between_the_preview_and_the_attach_is_shown(
    qtbot: QtBot,
    tmp_path: Path,
    start_app: Callable[[Path], Started],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = make_workspace(tmp_path / "office.pmodesk")
    real_open = app_module.open_start_workspace

    def opening(target: str | None, *, check: bool = True) -> Any:
        other = open_workspace(path)  # another process edits the file meanwhile
        try:
            with other.session() as session:
                project = records.get_by_code(session, Project, "PRJ-2")
                records.update(session, project, {"name": "Renamed meanwhile"})
                records.create(session, Project, {"code": "PRJ-4", "name": "Added meanwhile"})
        finally:
            other.close()
        return real_open(target, check=check)

    monkeypatch.setattr(app_module, "open_start_workspace", opening)
    _app, window, ctx = start_app(path)
    qtbot.wait_until(lambda: ctx.has_workspace, timeout=10_000)
    page = register_page(window)
    assert page.shown_codes() == ["PRJ-1", "PRJ-2", "PRJ-3", "PRJ-4"]
    names = {row.code: row.name for row in page.model.rows}
    assert names["PRJ-2"] == "Renamed meanwhile"


def test_an_older_workspace_goes_the_normal_way_and_is_upgraded(
    qtbot: QtBot, tmp_path: Path, start_app: Callable[[Path], Started], previews: list[bool]
) -> None:
    path = tmp_path / "old.pmodesk"
    first = schema.known_revisions()[0]
    if first == schema.SCHEMA_HEAD:
        pytest.skip("only one schema revision exists so far")
    engine = make_engine(f"sqlite:///{path}")
    schema.upgrade(engine, first)
    engine.dispose()

    _app, window, ctx = start_app(path)
    qtbot.wait_until(lambda: ctx.has_workspace, timeout=20_000)
    assert previews == []  # never read before being upgraded
    assert ctx.workspace.migrated_from == first
    assert ctx.workspace.backup_taken is not None
    assert ctx.workspace.backup_taken.exists()
    assert ctx.workspace.schema_revision() == schema.SCHEMA_HEAD
    assert window.windowTitle() == "old — pmodesk"


def test_a_corrupt_file_goes_the_normal_way_with_the_usual_message(
    qtbot: QtBot,
    tmp_path: Path,
    start_app: Callable[[Path], Started],
    previews: list[bool],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corrupt = tmp_path / "broken.pmodesk"
    corrupt.write_bytes(b"garbage" * 500)
    messages: list[str] = []

    def ask(_parent: QWidget | None, message: str) -> OpenFailedChoice:
        messages.append(message)
        return OpenFailedChoice.NEW

    monkeypatch.setattr(workspace_dialogs, "ask_after_open_failure", ask)
    monkeypatch.setattr(workspace_dialogs, "ask_new_path", lambda *_a: tmp_path / "new.pmodesk")
    _app, window, ctx = start_app(corrupt)
    qtbot.wait_until(lambda: ctx.has_workspace, timeout=10_000)
    assert previews == []
    assert messages == [
        f"{corrupt} is not a pmodesk workspace (it is not a SQLite database file). No backup of it was found."
    ]
    assert ctx.workspace.path == (tmp_path / "new.pmodesk").resolve()
    assert window.is_first_run_shown()


def test_the_background_check_reports_a_damaged_file(
    qtbot: QtBot,
    tmp_path: Path,
    start_app: Callable[[Path], Started],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = make_workspace(tmp_path / "damaged.pmodesk")
    # SQLite's verdict on a file whose index pages were damaged (the rows still read).
    monkeypatch.setattr(
        store_workspace, "quick_check", lambda _p: ["row 2 missing from index ix_project_code"]
    )
    shown: list[tuple[str, str, bool]] = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append((box.objectName(), box.text(), ctx.has_workspace))
            box.close()
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    _app, window, ctx = start_app(path)
    qtbot.wait_until(lambda: bool(shown), timeout=10_000)
    assert shown == [
        (
            "errorMessage",
            f"The workspace {path.resolve()} is damaged (row 2 missing from index ix_project_code). "
            "No backup of it was found.",
            True,
        )
    ]
    # The window stays usable: the register shows the workspace's rows.
    assert register_page(window).shown_codes() == ["PRJ-1", "PRJ-2", "PRJ-3"]


def test_the_window_and_register_modules_do_not_load_the_data_stack() -> None:
    code = (
        "import sys\n"
        "import pmodesk.gui.app, pmodesk.gui.main_window, pmodesk.gui.register.view\n"
        "import pmodesk.gui.audit_view, pmodesk.gui.commands, pmodesk.gui.pages\n"
        "import pmodesk.gui.jobs, pmodesk.gui.icons, pmodesk.gui.theme\n"
        "import pmodesk.services.register\n"
        "heavy = ('sqlalchemy', 'sqlmodel', 'pydantic', 'pmodesk.services.records')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
