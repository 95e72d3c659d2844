"""Every Qt Designer form in ui/ loads into a widget (forms added by any area are covered)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from pmodesk.paths import ui_dir

FORMS = sorted(ui_dir().glob("*.ui"))


def test_the_shell_forms_are_shipped() -> None:
    names = {p.name for p in FORMS}
    assert {
        "main_window.ui",
        "about_dialog.ui",
        "first_run_dialog.ui",
        "progress_dialog.ui",
    } <= names


@pytest.mark.parametrize("form", FORMS, ids=[p.name for p in FORMS])
def test_form_loads_into_a_widget(qtbot: object, form: Path) -> None:
    handle = QFile(str(form))
    assert handle.open(QIODevice.OpenModeFlag.ReadOnly), handle.errorString()
    loader = QUiLoader()
    try:
        widget = loader.load(handle)
    finally:
        handle.close()
    assert widget is not None, f"{form.name}: {loader.errorString()}"
    assert isinstance(widget, QWidget)
    assert widget.objectName(), f"{form.name} has no name for its top-level widget"
    # Every named child of the form is reachable (what load_form exposes as attributes).
    assert widget.findChildren(QWidget)
    widget.deleteLater()
