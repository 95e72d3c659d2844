"""The one place errors reach the user: a plain message for a rule, a crash dialog for a bug.

A :class:`~pmodesk.domain.errors.DomainError` (a broken rule, a locked or
damaged workspace) is shown as its one sentence. Anything else is a bug: its
traceback is written to a log file in the user's log folder and the crash
dialog names that file, so the person can send it, and never has to read a
traceback on screen.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from pmodesk import __version__
from pmodesk.errors import DomainError
from pmodesk.paths import user_log_dir

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]

_showing_crash = False


def _parent(parent: QWidget | None) -> QWidget | None:
    return parent if parent is not None else QApplication.activeWindow()


def show_message(
    parent: QWidget | None, title: str, message: str, *, informative: str = ""
) -> None:
    """A warning box with one sentence (the service's message); waits for the user."""
    box = QMessageBox(_parent(parent))
    box.setObjectName("errorMessage")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(message)
    if informative:
        box.setInformativeText(informative)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def show_domain_error(parent: QWidget | None, error: DomainError, title: str = "pmodesk") -> None:
    show_message(parent, title, str(error))


def write_crash_log(exc_info: ExcInfo) -> Path | None:
    """Write the traceback and the versions to ``crash-<time>.log``; ``None`` if that fails too."""
    exc_type, exc, tb = exc_info
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    header = (
        f"pmodesk {__version__}, Python {platform.python_version()}, "
        f"PySide6 {pyside_version}, {platform.platform()}\n"
        f"{datetime.now().isoformat(timespec='seconds')}\n\n"
    )
    try:
        folder = user_log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.log"
        path.write_text(header + text, encoding="utf-8")
    except OSError:
        log.exception("The crash log could not be written")
        return None
    return path


class CrashDialog(QMessageBox):
    """Tells the user something went wrong, where the log is, and offers the details."""

    def __init__(self, exc_info: ExcInfo, log_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.log_path = log_path
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("pmodesk met an unexpected problem")
        self.setText(
            "Something went wrong inside pmodesk. Your saved work is safe; "
            "the last action may not have finished."
        )
        where = (
            f"The details were written to {log_path}. Please send that file with a line "
            "about what you were doing."
            if log_path is not None
            else "The details could not be written to the log folder."
        )
        self.setInformativeText(where)
        exc_type, exc, tb = exc_info
        self.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
        self.copy_button = self.addButton("&Copy details", QMessageBox.ButtonRole.ActionRole)
        self.copy_button.clicked.disconnect()
        self.copy_button.clicked.connect(self._copy)
        self.setStandardButtons(QMessageBox.StandardButton.Close)
        self.setDefaultButton(QMessageBox.StandardButton.Close)

    def _copy(self) -> None:
        clipboard = QApplication.clipboard()
        location = f"Log: {self.log_path}\n\n" if self.log_path else ""
        clipboard.setText(location + self.detailedText())


def show_crash(exc_info: ExcInfo, parent: QWidget | None = None) -> Path | None:
    """Log a bug and show the crash dialog (once at a time); returns the log file."""
    global _showing_crash
    log.error("Unexpected error", exc_info=exc_info)
    path = write_crash_log(exc_info)
    if _showing_crash or QApplication.instance() is None:
        return path
    _showing_crash = True
    try:
        CrashDialog(exc_info, path, _parent(parent)).exec()
    finally:
        _showing_crash = False
    return path


def report_exception(
    exc: BaseException, parent: QWidget | None = None, *, title: str = "pmodesk"
) -> None:
    """Route an exception: a DomainError as its sentence, anything else to the crash dialog."""
    if isinstance(exc, DomainError):
        show_domain_error(parent, exc, title)
        return
    show_crash((type(exc), exc, exc.__traceback__), parent)


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt) or QApplication.instance() is None:
        sys.__excepthook__(exc_type, exc, tb)
        return
    if isinstance(exc, DomainError):
        # Shown after the failing slot has returned, so the event loop stays sane.
        message = str(exc)
        QTimer.singleShot(0, lambda: show_message(None, "pmodesk", message))
        return
    show_crash((exc_type, exc, tb))


def install_crash_handler() -> None:
    """Send uncaught exceptions (in slots and event handlers too) to :func:`report_exception`."""
    sys.excepthook = _excepthook
