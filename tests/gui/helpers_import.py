"""Helpers for the import wizard tests: managers' registers as workbooks, and driving the wizard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget, QWizard
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from pmodesk.domain import Project, Stage
from pmodesk.gui import jobs as jobs_module
from pmodesk.gui.context import AppContext
from pmodesk.gui.importing import open_import_wizard
from pmodesk.gui.importing.wizard import ImportWizard, Step
from pmodesk.gui.jobs import JobRunner
from pmodesk.services.setup import prepare_workspace

WAIT_MS = 60_000
HEADERS = [
    "Ref",
    "Project Title",
    "PM",
    "Status colour",
    "Phase",
    "Start",
    "Finish",
    "Budget",
    "PMO notes",
]
D = dt.date
MARCH = [
    ["PRJ-101", "Payroll upgrade", "Ana Lima", "On track", "Build", D(2026, 1, 5), D(2026, 6, 30), 120000, "Steady"],
    ["PRJ-102", "Data warehouse", "Ben Ortiz", "At risk", "Kick-off", D(2026, 2, 2), D(2026, 11, 27), 450000, "Watch vendor"],
    ["PRJ-103", "Office move", "Cleo Park", "Watch", "Build", D(2026, 3, 2), D(2026, 5, 29), 80000, ""],
]  # fmt: skip
APRIL = [
    MARCH[0],
    ["PRJ-102", "Data warehouse", "Ben Ortiz", "On track", "Build", D(2026, 2, 2), D(2026, 11, 27), 450000, "Vendor back on plan"],
    MARCH[2],
    ["PRJ-104", "Intranet refresh", "Dev Rao", "Watch", "Kick-off", D(2026, 4, 6), D(2026, 9, 25), 60000, "New this month"],
]  # fmt: skip


#: Words of the registers the importer does not know, and the plain words for them.
PLAIN_WORDS = {"Watch": "Off track", "Kick-off": "Idea"}


def plain(rows: list[list[Any]]) -> list[list[Any]]:
    """The rows with only words the importer knows ("Watch" is "Off track"): no mapping needed."""
    return [[PLAIN_WORDS.get(v, v) if isinstance(v, str) else v for v in row] for row in rows]


def write_register(path: Path, rows: list[list[Any]], *, hidden_sheet: bool = True) -> Path:
    """A register as managers keep it: a title, a blank row, the header on row 4."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Register"
    sheet["A1"] = "Northwind PMO — project register"
    sheet["A2"] = "Reported by the delivery leads"
    for column, header in enumerate(HEADERS, start=1):
        sheet.cell(row=4, column=column, value=header)
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=5 + offset, column=column, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    if hidden_sheet:
        old = book.create_sheet("Old February")
        old.append(HEADERS)
        old.append(["PRJ-090", "Closed thing", "Zed", "On track", "Build", None, None, 1, ""])
        old.sheet_state = "hidden"
    book.save(path)
    return path


class Harness:
    """A main window, the app's job runner, and the wizards opened over it."""

    def __init__(self, qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
        self.qtbot, self.ctx = qtbot, ctx
        prepare_workspace(ctx.workspace)
        self.window = QMainWindow()
        self.window.resize(1200, 800)
        qtbot.addWidget(self.window)
        self.window.show()
        self.runner = JobRunner(ctx, self.window)
        #: Errors that reach the job runner's message box and refused undos (not shown).
        self.reported: list[BaseException] = []
        monkeypatch.setattr(
            jobs_module, "report_exception", lambda exc, *_a, **_k: self.reported.append(exc)
        )

    def start(self, paths: list[Path] | None = None) -> ImportWizard:
        wizard = open_import_wizard(self.window, self.ctx, self.runner, paths)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.qtbot.addWidget(wizard)
        self.qtbot.wait_exposed(wizard)
        return wizard

    def close(self) -> None:
        self.runner.cancel_all()
        self.runner.wait(WAIT_MS)


@contextmanager
def harness(qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    made = Harness(qtbot, ctx, monkeypatch)
    try:
        yield made
    finally:
        made.close()


def idle(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.wait_until(lambda: not wizard.tasks.busy, timeout=WAIT_MS)


def click(qtbot: QtBot, wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible(), f"{button.text()} is not shown"
    assert button.isEnabled(), f"{button.text()} is not enabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_page(qtbot: QtBot, wizard: ImportWizard, expected: Step) -> None:
    """Click Next (or Import) and wait until the wizard shows ``expected`` (jobs run between)."""
    on = wizard.currentId()
    which = (
        QWizard.WizardButton.CommitButton
        if wizard.currentPage().isCommitPage()
        else QWizard.WizardButton.NextButton
    )
    click(qtbot, wizard, which)
    qtbot.wait_until(lambda: wizard.currentId() != on, timeout=WAIT_MS)
    idle(qtbot, wizard)
    assert wizard.currentId() == expected


def walk_to(qtbot: QtBot, wizard: ImportWizard, last: Step) -> None:
    """Click Next from the current page to ``last``, accepting every default."""
    for step in Step:
        if wizard.currentId() < step <= last:
            next_page(qtbot, wizard, step)


def projects(ctx: AppContext) -> dict[str, Project]:
    with ctx.session() as session:
        found = session.exec(select(Project).where(col(Project.archived_at).is_(None))).all()
        return {p.code: p for p in found}


def stage_code(ctx: AppContext, project: Project) -> str | None:
    with ctx.session() as session:
        stage = session.get(Stage, project.stage_id) if project.stage_id else None
        return stage.code if stage is not None else None


def drop(target: QWidget, paths: list[Path]) -> bool:
    """Drag ``paths`` over ``target`` and drop them; True when the drop was taken."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, button, none)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    dropped = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, button, none)
    QApplication.sendEvent(target, dropped)
    return dropped.isAccepted()
