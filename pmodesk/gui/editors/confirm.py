"""Confirmation questions shared by the editors and the record pages.

One function, so that every "Archive?" or "Discard changes?" looks the same:
the safe answer is the default button (Enter / Esc keep things as they are)
and the action button names what happens.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    action: str,
    *,
    informative: str = "",
    safe: str = "Cancel",
) -> bool:
    """Ask before doing ``action``; ``True`` when the user chose it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    stay = box.addButton(safe, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    go.setObjectName("confirmButton")
    stay.setObjectName("safeButton")
    box.exec()
    return box.clickedButton() is go
