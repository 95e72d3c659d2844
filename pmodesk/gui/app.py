"""Start the desktop application: the QApplication, the theme, the workspace, the main window.

``run(args)`` is what ``pmodesk`` without a subcommand calls. The workspace is
the first positional argument or ``--workspace``, else ``PMODESK_WORKSPACE``,
else the default one in the user's data folder. A workspace that will not open
gets a dialog (open another, start a new one, or quit), never a traceback;
uncaught errors go to the crash handler, which logs them to the user's log
folder and shows where.
"""

from __future__ import annotations

import argparse
import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from pmodesk import APP_NAME, ORGANISATION, __version__
from pmodesk.domain.errors import DomainError
from pmodesk.paths import user_log_dir

log = logging.getLogger(__name__)


def parse_args(args: list[str]) -> argparse.Namespace:
    """``[WORKSPACE] [--workspace PATH]``; Qt's own options (``-platform``…) are left to Qt."""
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

    def scheme_changed(*_args: object) -> None:
        theme.apply_theme(app)
        icons.clear_cache()

    hints = QGuiApplication.styleHints()
    if hasattr(hints, "colorSchemeChanged"):
        hints.colorSchemeChanged.connect(scheme_changed)
    return app


def open_start_workspace(target: str | None) -> object | None:
    """Open and prepare the start-up workspace, asking the user while it fails.

    Returns the open :class:`~pmodesk.store.Workspace`, or ``None`` when the user quits.
    """
    from pmodesk.gui.dialogs import workspace as dialogs
    from pmodesk.services.setup import prepare_workspace
    from pmodesk.store import open_workspace

    create = True
    while True:
        workspace = None
        try:
            workspace = open_workspace(target, create=create)
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


def run(args: list[str]) -> int:
    """Run the desktop application until its window closes; the process exit code."""
    from pmodesk.gui.context import AppContext
    from pmodesk.gui.dialogs.errors import install_crash_handler
    from pmodesk.gui.main_window import MainWindow
    from pmodesk.store import Workspace

    setup_logging()
    app = create_application([sys.argv[0] if sys.argv else APP_NAME, *args])
    install_crash_handler()
    # Qt has taken its own options (-platform, -style…) out of arguments() by now.
    workspace = open_start_workspace(workspace_target(app.arguments()[1:]))
    if not isinstance(workspace, Workspace):
        return 1
    ctx = AppContext(workspace, QSettings())
    window = MainWindow(ctx)
    window.show()
    try:
        return int(app.exec())
    finally:
        window.jobs.cancel_all()
        window.jobs.wait(10_000)
        ctx.workspace.close()
