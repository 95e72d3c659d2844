"""Python's cyclic garbage collector, run in the GUI thread only.

CPython collects cycles in whichever thread crosses its allocation threshold.
When that is a background job (an import, an export, the pack), a cycle that
holds a Qt object made in the GUI thread is destroyed from the wrong thread,
and Qt crashes. So automatic collection is switched off and the same
generational thresholds are checked on a GUI-thread timer instead, as calibre
and pyqtgraph do.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks whether a collection is due.
INTERVAL_MS = 500

_installed: list[MainThreadCollector] = []


class MainThreadCollector(QObject):
    """Collects garbage on a timer of the thread it lives in (the GUI thread)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect_if_due)
        self.start()

    def start(self) -> None:
        """Switch automatic collection off; the timer collects from now on."""
        gc.disable()
        self.timer.start()

    def stop(self) -> None:
        """Give collection back to Python (when no background job is left running)."""
        self.timer.stop()
        gc.enable()

    def collect_if_due(self) -> int:
        """Collect the generations whose counts passed their thresholds; returns the generation
        collected, or -1 when none was due."""
        first, second, third = gc.get_count()
        if first <= self.thresholds[0]:
            return -1
        if second <= self.thresholds[1]:
            gc.collect(0)
            return 0
        if third <= self.thresholds[2]:
            gc.collect(1)
            return 1
        gc.collect(2)
        return 2


def collect_in_gui_thread(app: QObject) -> MainThreadCollector:
    """Install the collector on ``app`` once; later calls return the same one."""
    if not _installed:
        _installed.append(MainThreadCollector(app))
    return _installed[0]
