"""Helpers for the record editor and record page tests: test data and modal answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from pmodesk.domain import Record, Stage
from pmodesk.domain.lifecycle import DEFAULT_STAGES
from pmodesk.gui.context import AppContext
from pmodesk.services import records


def create[T: Record](ctx: AppContext, model: type[T], **values: Any) -> T:
    """Create a record through the services (as test data, not through the undo stack)."""
    with ctx.session() as session:
        return records.create(session, model, values)


def make_stages(ctx: AppContext) -> None:
    with ctx.session() as session:
        for position, (code, name, description) in enumerate(DEFAULT_STAGES):
            records.create(
                session,
                Stage,
                {"code": code, "name": name, "position": position, "description": description},
            )


def fetch[T: Record](ctx: AppContext, model: type[T], **where: Any) -> T:
    with ctx.session() as session:
        if "code" in where:
            return records.get_by_code(session, model, where["code"], include_archived=True)  # type: ignore[type-var]
        return records.get(session, model, where["id"])


def when_modal(act: Callable[[QWidget], None], kind: type[QWidget] = QWidget) -> None:
    """Run ``act`` on the next modal window of ``kind`` as soon as it shows (for exec() calls)."""
    attempts = [0]

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            act(widget)
            return
        attempts[0] += 1
        if attempts[0] < 500:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def answer_question(button: str = "confirmButton", seen: list[str] | None = None) -> None:
    """Click ``button`` (``confirmButton`` or ``safeButton``) of the next confirmation box."""

    def click(box: QWidget) -> None:
        if seen is not None:
            assert isinstance(box, QMessageBox)
            seen.append(box.text())
        target = box.findChild(QPushButton, button)
        assert target is not None, f"no {button} on {box!r}"
        target.click()

    when_modal(click, QMessageBox)
