"""The Print pack dialog: settings from the workspace, a pack built in the background, opened or printed."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import pmodesk.gui.pack as pack_gui
from pmodesk.gui import jobs
from pmodesk.gui.context import AppContext
from pmodesk.gui.jobs import JobRunner
from pmodesk.gui.pack import make_pack_dialog, printing
from pmodesk.gui.pack.dialog import PackDialog
from pmodesk.gui.shared_filter import shared_filter
from pmodesk.reports import PackSettings, Scope, Section, load_pack_settings, save_pack_settings
from pmodesk.services.register import RegisterFilter
from tests.unit.reports.pack_world import NAMES, PERIOD, build_pack_world

WAIT_MS = 60_000


@pytest.fixture
def world_ctx(ctx: AppContext) -> AppContext:
    with ctx.session() as session:
        build_pack_world(session)
    return ctx


@pytest.fixture
def runner(qtbot: QtBot, world_ctx: AppContext) -> Iterator[JobRunner]:
    parent = QWidget()
    qtbot.addWidget(parent)
    job_runner = JobRunner(world_ctx, parent)
    yield job_runner
    job_runner.cancel_all()
    job_runner.wait(WAIT_MS)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Files handed to the system viewer."""
    seen: list[Path] = []
    monkeypatch.setattr(pack_gui, "open_pdf", lambda path: seen.append(path) or True)
    monkeypatch.setattr(printing, "open_pdf", lambda path: seen.append(path) or True)
    return seen


@pytest.fixture
def reported(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    seen: list[BaseException] = []
    monkeypatch.setattr(jobs, "report_exception", lambda exc, *_a, **_k: seen.append(exc))
    return seen


def dialog_for(qtbot: QtBot, ctx: AppContext, runner: JobRunner, folder: Path) -> PackDialog:
    dialog = make_pack_dialog(ctx)
    qtbot.addWidget(dialog)
    dialog.accepted.connect(lambda: pack_gui.start_pack(runner, dialog))
    dialog.period_combo.setCurrentIndex(dialog.period_combo.findData(PERIOD))
    dialog.path_edit.setText(str(folder / "board.pdf"))
    dialog.show()
    return dialog


def wait_for_jobs(qtbot: QtBot, runner: JobRunner) -> None:
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=WAIT_MS)


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_opens_with_the_workspaces_pack_settings(qtbot: QtBot, world_ctx: AppContext) -> None:
    with world_ctx.session() as session:
        save_pack_settings(
            session,
            PackSettings(
                scope=Scope.PROGRAMME,
                scope_code="PGM-2",
                title="Κοινό πακέτο",
                landscape=True,
                sections=(Section.SUMMARY, Section.RISKS),
                classification="Secret",
            ),
        )
    dialog = make_pack_dialog(world_ctx)
    qtbot.addWidget(dialog)
    assert dialog.scope_buttons[Scope.PROGRAMME].isChecked()
    assert dialog.programme_combo.currentData() == "PGM-2"
    assert dialog.programme_combo.isEnabled()
    assert not dialog.portfolio_combo.isEnabled()
    assert dialog.title_edit.text() == "Κοινό πακέτο"
    assert dialog.orientation_combo.currentText() == "Landscape"
    assert dialog.classification_edit.text() == "Secret"
    checked = [s for s, box in dialog.section_boxes.items() if box.isChecked()]
    assert checked == [Section.SUMMARY, Section.RISKS]
    assert dialog.period_combo.findData(PERIOD) >= 0
    assert dialog.path_edit.text().endswith(".pdf")


def test_save_and_open_builds_in_the_background_and_opens_the_pdf(
    qtbot: QtBot,
    world_ctx: AppContext,
    runner: JobRunner,
    opened: list[Path],
    reported: list[BaseException],
    tmp_path: Path,
) -> None:
    dialog = dialog_for(qtbot, world_ctx, runner, tmp_path)
    dialog.scope_buttons[Scope.PROGRAMME].click()
    dialog.programme_combo.setCurrentIndex(dialog.programme_combo.findData("PGM-1"))
    dialog.section_boxes[Section.RESOURCES].setChecked(False)
    dialog.title_edit.setText("Board — März")
    dialog.save_button.click()
    wait_for_jobs(qtbot, runner)

    assert reported == []
    target = tmp_path / "board.pdf"
    assert opened == [target]
    text = pdf_text(target)
    assert NAMES["PRJ-1"] in text
    assert NAMES["PRJ-2"] in text
    assert NAMES["PRJ-3"] not in text
    assert "Board — März" in text
    with world_ctx.session() as session:
        kept = load_pack_settings(session)
    assert (kept.scope, kept.scope_code, kept.title, kept.period) == (
        Scope.PROGRAMME,
        "PGM-1",
        "Board — März",
        "",
    )
    assert Section.RESOURCES not in kept.sections
    assert world_ctx.settings.value("pack/lastFolder") == str(tmp_path)


def test_the_registers_filter_is_a_scope(
    qtbot: QtBot,
    world_ctx: AppContext,
    runner: JobRunner,
    opened: list[Path],
    reported: list[BaseException],
    tmp_path: Path,
) -> None:
    shared_filter(world_ctx).set_filter(RegisterFilter(rags=frozenset({"red"})))
    dialog = dialog_for(qtbot, world_ctx, runner, tmp_path)
    assert "RAG red" in dialog.filter_label.text()
    dialog.scope_buttons[Scope.FILTER].click()
    dialog.save_button.click()
    wait_for_jobs(qtbot, runner)
    assert reported == []
    text = pdf_text(tmp_path / "board.pdf")
    assert NAMES["PRJ-1"] in text
    assert NAMES["PRJ-2"] not in text


def test_mistakes_are_shown_in_the_dialog(
    qtbot: QtBot, world_ctx: AppContext, runner: JobRunner, tmp_path: Path
) -> None:
    dialog = dialog_for(qtbot, world_ctx, runner, tmp_path)
    for box in dialog.section_boxes.values():
        box.setChecked(False)
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.isVisible()
    assert "at least one section" in dialog.error_label.text()
    dialog.section_boxes[Section.SUMMARY].setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "missing" / "x"))
    dialog.save_button.click()
    assert "does not exist" in dialog.error_label.text()
    assert dialog.path_edit.text().endswith("x.pdf")
    assert not runner.is_busy()


def test_print_sends_the_pdf_to_the_chosen_printer(
    qtbot: QtBot,
    world_ctx: AppContext,
    runner: JobRunner,
    reported: list[BaseException],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    commands: list[list[str]] = []

    class FakePrintDialog:
        def __init__(self, printer: Any, _parent: Any) -> None:
            printer.setPrinterName("")
            printer.setCopyCount(2)

        def setWindowTitle(self, _title: str) -> None: ...
        def setMinMax(self, _low: int, _high: int) -> None: ...
        def setOption(self, *_args: Any) -> None: ...
        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

    def fake_run(command: list[str], **_kwargs: Any) -> subprocess.CompletedProcess[str]:
        commands.append(command)
        return subprocess.CompletedProcess(command, 0, "request id is x-1", "")

    monkeypatch.setattr(printing, "route", lambda: printing.Route.LP)
    monkeypatch.setattr(printing, "QPrintDialog", FakePrintDialog)
    monkeypatch.setattr(printing.subprocess, "run", fake_run)
    dialog = dialog_for(qtbot, world_ctx, runner, tmp_path)
    dialog.print_button.click()
    wait_for_jobs(qtbot, runner)
    assert reported == []
    assert len(commands) == 1
    command = commands[0]
    assert command[0] == "lp"
    assert command[-1] == str(tmp_path / "board.pdf")
    assert command[command.index("-n") + 1] == "2"


def test_without_a_way_to_print_the_viewer_opens_with_an_explanation(
    qtbot: QtBot,
    world_ctx: AppContext,
    runner: JobRunner,
    opened: list[Path],
    reported: list[BaseException],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(printing, "route", lambda: printing.Route.VIEWER)
    dialog = dialog_for(qtbot, world_ctx, runner, tmp_path)
    dialog.print_button.click()
    wait_for_jobs(qtbot, runner)
    assert reported == []
    assert opened == [tmp_path / "board.pdf"]
    box = runner.parent_widget.findChild(QMessageBox, "printViaViewer")
    assert box is not None
    assert box.isVisible()
    assert box.text() == printing.VIEWER_MESSAGE
    box.close()


def test_cancel_during_the_build_writes_nothing(
    qtbot: QtBot,
    world_ctx: AppContext,
    runner: JobRunner,
    opened: list[Path],
    reported: list[BaseException],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pmodesk.reports import build as build_module

    real = build_module.render_pack

    def cancel_first(*args: Any, **kwargs: Any) -> Any:
        runner.cancel_all()
        return real(*args, **kwargs)

    monkeypatch.setattr(build_module, "render_pack", cancel_first)
    dialog = dialog_for(qtbot, world_ctx, runner, tmp_path)
    dialog.save_button.click()
    wait_for_jobs(qtbot, runner)
    assert reported == []
    assert opened == []
    assert not (tmp_path / "board.pdf").exists()
    assert [p for p in tmp_path.iterdir() if p.suffix == ".part"] == []


def test_settings_round_trip_through_the_form(qtbot: QtBot, world_ctx: AppContext) -> None:
    dialog = make_pack_dialog(world_ctx)
    qtbot.addWidget(dialog)
    wanted = replace(
        dialog.settings(),
        scope=Scope.PORTFOLIO,
        scope_code="PF-2",
        include_closed=True,
        landscape=True,
        title="T",
        date_line="Q1 board",
        classification="C",
        heatmap_weeks=20,
    )
    dialog.set_settings(wanted)
    assert dialog.settings() == wanted
