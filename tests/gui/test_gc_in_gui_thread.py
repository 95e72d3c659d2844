"""Garbage is collected on a GUI-thread timer: a background job never destroys a Qt object."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pmodesk.gui.collector import INTERVAL_MS, collect_in_gui_thread


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_automatic_collection_is_off_and_the_timer_collects(qapp: QApplication) -> None:
    collector = collect_in_gui_thread(qapp)
    assert collect_in_gui_thread(qapp) is collector  # installed once
    assert not gc.isenabled()
    assert collector.timer.isActive()
    assert collector.timer.interval() == INTERVAL_MS
    gc.collect()
    assert collector.collect_if_due() == -1  # nothing new: nothing is collected
    for _ in range(collector.thresholds[0] * 2):
        Cycle()
    assert gc.get_count()[0] > collector.thresholds[0]  # Python did not collect them itself
    assert collector.collect_if_due() >= 0
    assert gc.get_count()[0] < collector.thresholds[0]


class QtHolder(Cycle):
    """A cycle holding a Qt object; says in which thread it was freed (and its QObject with it)."""

    def __init__(self, freed_in: list[str]) -> None:
        super().__init__()
        self.qt_object = QObject()
        self.freed_in = freed_in

    def __del__(self) -> None:
        self.freed_in.append(threading.current_thread().name)


def test_a_cycle_holding_a_qt_object_dropped_in_a_job_thread_is_freed_in_the_gui_thread(
    qtbot: QtBot, qapp: QApplication
) -> None:
    collector = collect_in_gui_thread(qapp)
    freed_in: list[str] = []
    QtHolder(freed_in)  # dropped at once: only a collection frees it

    def job() -> None:
        for _ in range(collector.thresholds[0] * 20):  # far past the threshold
            Cycle()

    worker = threading.Thread(target=job, name="job")
    worker.start()
    worker.join()
    assert freed_in == []  # without the collector it is freed here, in the job's thread
    qtbot.waitUntil(lambda: bool(freed_in), timeout=INTERVAL_MS * 4)  # the GUI timer frees it
    assert freed_in == [threading.main_thread().name]


def test_stopping_gives_collection_back_to_python(qapp: QApplication) -> None:
    collector = collect_in_gui_thread(qapp)
    collector.stop()
    try:
        assert gc.isenabled()
        assert not collector.timer.isActive()
    finally:
        collector.start()
    assert not gc.isenabled()
