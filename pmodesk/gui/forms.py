"""Load Qt Designer forms from ``ui/`` into existing widget subclasses.

``load_form("project_editor.ui", self)`` builds the form's children inside
``self`` (a QDialog, QMainWindow or QWidget subclass) and sets each named
child as an attribute, like ``setupUi(self)`` of compiled forms, but reading
the ``.ui`` file at run time so ``ui/`` stays the single source of layouts.
"""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice, QMetaObject, QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from pmodesk.paths import ui_form


class _IntoInstanceLoader(QUiLoader):
    """A loader whose top-level widget is an existing instance instead of a new one."""

    def __init__(self, base_instance: QWidget) -> None:
        super().__init__(base_instance)
        self._base = base_instance

    def createWidget(
        self, class_name: str, parent: QWidget | None = None, name: str = ""
    ) -> QWidget:
        if parent is None:
            return self._base
        widget = super().createWidget(class_name, parent, name)
        if name:
            setattr(self._base, name, widget)
        return widget


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
    # Actions and layouts are not widgets: expose the named ones too.
    for child in base_instance.findChildren(QObject):
        object_name = child.objectName()
        if (
            object_name
            and not object_name.startswith("qt_")
            and not hasattr(base_instance, object_name)
        ):
            setattr(base_instance, object_name, child)
    QMetaObject.connectSlotsByName(base_instance)
    return widget
