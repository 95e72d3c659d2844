"""GUI fixtures: an application context on a fresh workspace, with isolated QSettings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from pmodesk.gui.context import AppContext
from pmodesk.store import Workspace


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ctx(qapp: object, workspace: Workspace, settings: QSettings) -> Iterator[AppContext]:
    context = AppContext(workspace, settings)
    yield context
    context.undo_stack.clear()
