"""Start the desktop application: the QApplication, the theme, the workspace, the main window.

``run(args)`` is what ``pmodesk`` without a subcommand calls. The workspace is
the first positional argument or ``--workspace``, else ``PMODESK_WORKSPACE``,
else the default one in the user's data folder. A workspace that will not open
gets a dialog (open another, start a new one, or quit), never a traceback;
uncaught errors go to the crash handler, which logs them to the user's log
folder and shows where.

Start-up order, fastest first: the window shows before the data stack
(SQLAlchemy, SQLModel) loads; when the workspace is an existing file at the
current schema its register is read with the stdlib :mod:`sqlite3` and shown
(:func:`peek_workspace`); then the workspace opens properly and is attached,
and its integrity check runs in the background.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from pmodesk import APP_NAME, ORGANISATION, __version__
from pmodesk.errors import DomainError
from pmodesk.paths import user_log_dir

if TYPE_CHECKING:
    import argparse

    from pmodesk.gui.context import AppContext
    from pmodesk.gui.main_window import MainWindow
    from pmodesk.services.register import RegisterSnapshot
    from pmodesk.store import Workspace

log = logging.getLogger(__name__)


def parse_args(args: list[str]) -> argparse.Namespace:
    """``[WORKSPACE] [--workspace PATH]``; Qt's own options (``-platform``…) are left to Qt."""
    import argparse

    parser = argparse.ArgumentParser(prog=APP_NAME, add_help=False)
    parser.add_argument("path", nargs="?", default=None)
    parser.add_argument("--workspace", "-w", default=None)
    known, _unknown = parser.parse_known_args(args)
    return known


def workspace_target(args: list[str]) -> str | None:
    """The workspace named on the command line (``None``: the environment or the default)."""
    known = parse_args(args)
    target = known.path or known.workspace
    return str(target) if target else None


def setup_logging() -> Path | None:
    """Log warnings and errors to ``pmodesk.log`` in the user's log folder."""
    try:
        folder = user_log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "pmodesk.log"
        from logging.handlers import RotatingFileHandler

        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return path


def create_application(argv: list[str]) -> QApplication:
    """The QApplication with the app's identity, high-DPI defaults and the system's palette."""
    from pmodesk.gui import icons, theme
    from pmodesk.gui.collector import collect_in_gui_thread

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(icons.app_icon())
    theme.apply_theme(app)
    collect_in_gui_thread(app)  # background jobs must never destroy Qt objects

    def scheme_changed(*_args: object) -> None:
        theme.apply_theme(app)
        icons.clear_cache()

    hints = QGuiApplication.styleHints()
    if hasattr(hints, "colorSchemeChanged"):
        hints.colorSchemeChanged.connect(scheme_changed)
    return app


def peek_workspace(target: str | None) -> RegisterSnapshot | None:
    """The register of the start-up workspace, read with the stdlib alone, or ``None``.

    Only for an existing workspace file already at the current schema, which
    holds projects; anything else (a URL, a new, old, newer, locked or damaged
    file) returns ``None`` and goes the normal way, which reports problems.
    Reads nothing but never writes (``PRAGMA query_only``).
    """
    import sqlite3

    from pmodesk.services.register import register_snapshot
    from pmodesk.store.integrity import looks_like_sqlite, reading, recorded_revision
    from pmodesk.store.schema import SCHEMA_HEAD
    from pmodesk.store.workspace import target_path

    try:
        path = target_path(target)
        if path is None or not path.is_file() or path.stat().st_size == 0:
            return None
        if not looks_like_sqlite(path):
            return None
        with reading(path, timeout=0.2) as conn:
            if recorded_revision(conn) != SCHEMA_HEAD:
                return None
            conn.execute("BEGIN")  # one consistent read for rows and filter choices
            snapshot = register_snapshot(conn, path.stem, path)
    except (OSError, sqlite3.Error) as exc:
        log.info("Workspace %s not previewed: %s", target or "(default)", exc)
        return None
    except Exception:  # the normal path will open it and report; a bug here must not stop it
        log.warning("Workspace %s not previewed", target or "(default)", exc_info=True)
        return None
    return snapshot if snapshot.rows else None


def open_start_workspace(target: str | None, *, check: bool = True) -> Workspace | None:
    """Open and prepare the start-up workspace, asking the user while it fails.

    ``check=False`` leaves the integrity check of the file to the caller
    (:meth:`MainWindow.check_integrity` runs it in the background).
    Returns the open :class:`~pmodesk.store.Workspace`, or ``None`` when the user quits.
    """
    from pmodesk.gui.dialogs import workspace as dialogs
    from pmodesk.services.setup import prepare_workspace
    from pmodesk.store import open_workspace

    create = True
    while True:
        workspace = None
        try:
            workspace = open_workspace(target, create=create, check=check)
            prepare_workspace(workspace)
        except DomainError as exc:
            if workspace is not None:
                workspace.close()
            log.warning("Workspace %s not opened: %s", target or "(default)", exc)
            choice = dialogs.ask_after_open_failure(None, str(exc))
            if choice is dialogs.OpenFailedChoice.QUIT:
                return None
            asked = (
                dialogs.ask_open_path(None)
                if choice is dialogs.OpenFailedChoice.OPEN
                else dialogs.ask_new_path(None)
            )
            if asked is not None:
                target = str(asked)
                create = choice is dialogs.OpenFailedChoice.NEW
            continue
        return workspace


def start(args: list[str]) -> tuple[QApplication, MainWindow, AppContext]:
    """Create the application and show its window; the workspace opens from the event loop.

    The window shows first, before the data stack (SQLAlchemy, SQLModel) has
    even loaded. From the event loop, the register of an up-to-date workspace
    file is read with the stdlib and painted (:func:`peek_workspace`); then
    the workspace opens properly, is attached (the register compares and
    keeps its rows) and is checked in the background. The start-up benchmark
    (``tests/perf/bench_register.py``) measures exactly this path.
    """
    from PySide6.QtCore import QTimer

    from pmodesk.gui.context import AppContext
    from pmodesk.gui.dialogs.errors import install_crash_handler
    from pmodesk.gui.main_window import MainWindow

    reused = isinstance(QApplication.instance(), QApplication)  # e.g. under the GUI tests
    app = create_application([sys.argv[0] if sys.argv else APP_NAME, *args])
    install_crash_handler()
    ctx = AppContext(None, QSettings())
    window = MainWindow(ctx)
    window.show()
    app.processEvents()  # paint the frame now, before the data stack loads
    # The log file opens once the window is up (the crash handler is already in place).
    setup_logging()
    # Qt has taken its own options (-platform, -style…) out of arguments() by now;
    # an application made earlier never saw ``args``.
    target = workspace_target(args if reused else app.arguments()[1:])

    def attach_first_workspace() -> None:
        workspace = open_start_workspace(target, check=False)
        if workspace is None:
            window.close()
            app.exit(1)
            return
        ctx.set_workspace(workspace)
        window.check_integrity()

    def show_first_workspace() -> None:
        snapshot = peek_workspace(target)
        if snapshot is not None and window.show_preview(snapshot):
            QTimer.singleShot(0, attach_first_workspace)  # the rows are painted; now load
        else:
            attach_first_workspace()

    QTimer.singleShot(0, show_first_workspace)
    return app, window, ctx


def run(args: list[str]) -> int:
    """Run the desktop application until its window closes; the process exit code."""
    app, window, ctx = start(args)
    try:
        return int(app.exec())
    finally:
        window.jobs.cancel_all()
        window.jobs.wait(10_000)
        if ctx.has_workspace:
            ctx.workspace.close()
