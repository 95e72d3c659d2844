"""GUI fixtures: an application context on a fresh workspace, with isolated QSettings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from pmodesk.gui.collector import collect_in_gui_thread
from pmodesk.gui.context import AppContext
from pmodesk.store import Workspace


@pytest.fixture(autouse=True)
def gc_in_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As in the app: garbage is collected in the GUI thread only, never in a job's thread.

    Given back to Python after each test, so that tests without Qt collect as usual."""
    collector = collect_in_gui_thread(qapp)
    collector.start()
    yield
    collector.stop()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ctx(qapp: object, workspace: Workspace, settings: QSettings) -> Iterator[AppContext]:
    context = AppContext(workspace, settings)
    yield context
    context.undo_stack.clear()
