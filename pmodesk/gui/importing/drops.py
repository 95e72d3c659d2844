"""Dropping workbooks onto a window: which files count, and the event filter that catches them.

Managers mail their spreadsheets; the quickest way in is to drag the
attachment onto pmodesk. :func:`accept_workbook_drops` makes any window (the
main window, the wizard's first page) accept such drops and hand the paths on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget

#: The files the reading layer opens (see pmodesk.exchange.reading.files).
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".tsv", ".txt"})

#: The filter string of the file dialog.
WORKBOOK_FILTER = "Workbooks (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.tsv *.txt);;All files (*)"


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES


def workbook_paths(mime: QMimeData | None) -> list[Path]:
    """The local workbook files a drag carries (others, and remote URLs, are left out)."""
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if is_workbook(p)]


class WorkbookDropFilter(QObject):
    """Accepts drags that carry workbooks and calls ``on_paths`` with them when dropped."""

    def __init__(self, target: QWidget, on_paths: Callable[[list[Path]], None]) -> None:
        super().__init__(target)
        self._on_paths = on_paths
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDragMoveEvent)
            if workbook_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
            return False
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = workbook_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self._on_paths(paths)
                return True
        return False


def accept_workbook_drops(
    window: QWidget, on_paths: Callable[[list[Path]], None]
) -> WorkbookDropFilter:
    """Let ``window`` take workbooks dropped onto it; ``on_paths(paths)`` runs on each drop.

    Children that take drops themselves (a text field) keep them; everywhere
    else on the window a dropped workbook reaches ``on_paths``. The filter is
    parented to the window and lives as long as it does.
    """
    return WorkbookDropFilter(window, on_paths)
