"""Load Qt Designer forms from ``ui/`` into existing widget subclasses.

``load_form("project_editor.ui", self)`` builds the form's children inside
``self`` (a QDialog, QMainWindow or QWidget subclass) and sets each named
child as an attribute, like ``setupUi(self)`` of compiled forms, but reading
the ``.ui`` file at run time so ``ui/`` stays the single source of layouts.
"""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice, QMetaObject, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QLayout, QWidget

from pmodesk.paths import ui_form


class _IntoInstanceLoader(QUiLoader):
    """A loader whose top-level widget is an existing instance instead of a new one."""

    def __init__(self, base_instance: QWidget) -> None:
        super().__init__(base_instance)
        # pmodesk's forms use only Qt's own widgets: skipping the scan of Designer
        # plugin folders saves ~50 ms on the first form, which the window waits for.
        self.clearPluginPaths()
        self._base = base_instance

    def _expose(self, name: str, child: QObject) -> None:
        """Make a named child an attribute of the instance, as ``setupUi`` would."""
        if name and not name.startswith("qt_") and not hasattr(self._base, name):
            setattr(self._base, name, child)

    def createWidget(
        self, class_name: str, parent: QWidget | None = None, name: str = ""
    ) -> QWidget:
        if parent is None:
            return self._base
        widget = super().createWidget(class_name, parent, name)
        self._expose(name, widget)
        return widget

    # Actions and layouts are not widgets: expose them as they are made, rather than
    # walking every child afterwards (that walk cost ~30 ms on the main window).
    def createAction(self, parent: QObject | None = None, name: str = "") -> QAction:
        action = super().createAction(parent, name)
        self._expose(name, action)
        return action

    def createActionGroup(self, parent: QObject | None = None, name: str = "") -> QActionGroup:
        group = super().createActionGroup(parent, name)
        self._expose(name, group)
        return group

    def createLayout(
        self, class_name: str, parent: QObject | None = None, name: str = ""
    ) -> QLayout:
        layout = super().createLayout(class_name, parent, name)
        self._expose(name, layout)
        return layout


def load_form(name: str, base_instance: QWidget) -> QWidget:
    """Build ``ui/<name>`` inside ``base_instance`` and connect its ``on_<obj>_<signal>`` slots."""
    path = ui_form(name)
    handle = QFile(str(path))
    if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"The form {path} cannot be read: {handle.errorString()}")
    try:
        loader = _IntoInstanceLoader(base_instance)
        widget = loader.load(handle)
    finally:
        handle.close()
    if widget is None:
        raise RuntimeError(
            f"The form {path} is not a valid Qt Designer file: {loader.errorString()}"
        )
    QMetaObject.connectSlotsByName(base_instance)
    return widget
