"""One way for a page to tell the coordinator something: a line above its view and the status bar."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

STATUS_BAR_MS = 10_000


def announce(page: QWidget, label: QLabel, hide_timer: QTimer, text: str) -> None:
    """Show ``text`` in the page's message line (hidden again by ``hide_timer``) and in
    the window's status bar."""
    label.setText(text)
    label.show()
    hide_timer.start()
    window = page.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_BAR_MS)
