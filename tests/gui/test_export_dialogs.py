"""The exchange dialogs: Export to Excel, Status requests, Collect returned status workbooks.

Each drives the real dialog: choose what to export or where, press the
button, wait for the background job, and read what the dialog then shows.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from pmodesk.domain import Project, StatusReport
from pmodesk.domain.enums import ProjectState
from pmodesk.exchange import writing
from pmodesk.exchange.writing import heatmap, styles
from pmodesk.gui.context import AppContext
from pmodesk.gui.exchange import export_dialog as export_module
from pmodesk.gui.exchange import (
    open_collect_status_dialog,
    open_export_dialog,
    open_status_requests_dialog,
)
from pmodesk.gui.jobs import JobRunner
from pmodesk.gui.resources import scale
from pmodesk.gui.shared_filter import shared_filter
from pmodesk.services import records
from pmodesk.services.demo import DemoSize, generate_demo
from pmodesk.services.register import RegisterFilter

WAIT_MS = 60_000
SMALL = DemoSize(projects=12, people=12, weeks=8, portfolios=2, programmes=3, teams=3, seed=5)
TODAY = date(2026, 3, 18)


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext) -> Iterator[QWidget]:
    """A stand-in for the main window: a widget with ``ctx`` and ``jobs``, over the demo portfolio."""
    generate_demo(ctx.workspace, SMALL, today=TODAY)
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.ctx = ctx  # type: ignore[attr-defined]
    widget.jobs = JobRunner(ctx, widget)  # type: ignore[attr-defined]
    yield widget
    widget.jobs.cancel_all()  # type: ignore[attr-defined]
    widget.jobs.wait(WAIT_MS)  # type: ignore[attr-defined]


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    for module in ("export_dialog", "requests_dialog"):
        monkeypatch.setattr(
            f"pmodesk.gui.exchange.{module}.show_message",
            lambda _parent, _title, text, **_kw: seen.append(text),
        )
    return seen


def wait_job(qtbot: QtBot, job: Any) -> None:
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=WAIT_MS)


# ---------------------------------------------------------------- the colour scale


def test_the_workbook_heatmap_uses_the_apps_colour_scale() -> None:
    assert [(f.lstrip("#").upper(), t.lstrip("#").upper()) for f, t in scale.COLOURS] == list(
        styles.BAND_COLOURS
    )
    assert styles.OVER_STEPS == scale.OVER_STEPS
    assert (styles.BAND_UNDER, styles.BAND_NORMAL, styles.BAND_OVER) == (
        scale.BAND_UNDER,
        scale.BAND_NORMAL,
        scale.BAND_OVER,
    )
    for under, over in ((0.5, 1.0), (0.3, 1.2)):
        samples = np.array([[0.0, 0.01, under / 3, under * 0.9, under, 0.75, over, over * 1.1001,
                             over * 1.3, over * 1.6, over * 2.0, over * 3.5]])  # fmt: skip
        expected, _flags = scale.bands(
            samples, samples, np.zeros_like(samples), under, over, np.array([False])
        )
        rules = heatmap.band_rules(under, over)
        compare = {
            "greaterThan": lambda v, b: v > b,
            "greaterThanOrEqual": lambda v, b: v >= b,
            "equal": lambda v, b: v == b,
        }
        for value, band in zip(samples[0], expected[0], strict=True):
            first = next(b for op, bound, b in rules if compare[op](value, bound))
            assert first == band, (value, under, over)


# ---------------------------------------------------------------- export


def test_export_of_a_programme_runs_in_the_background_and_says_what_it_wrote(
    qtbot: QtBot, window: QWidget, tmp_path: Path
) -> None:
    dialog = open_export_dialog(window)
    assert dialog.isVisible()
    assert dialog.wholeRadio.isChecked()
    dialog.select_programme("PGM-01")
    dialog.pathRow.edit.setText(str(tmp_path / "programme"))
    job = dialog.start_export()
    wait_job(qtbot, job)
    target = tmp_path / "programme.xlsx"
    assert target.exists()
    assert "Exported" in dialog.resultLabel.text()
    assert str(target) in dialog.resultLabel.text()
    assert dialog.openButton.isEnabled()
    assert dialog.exportButton.isEnabled()
    programmes = {
        r[7] for r in load_workbook(target)["Projects"].iter_rows(min_row=2, values_only=True)
    }
    assert programmes == {"PGM-01"}


def test_the_registers_filter_is_offered_and_exported(
    qtbot: QtBot, window: QWidget, ctx: AppContext, tmp_path: Path
) -> None:
    shared_filter(ctx).set_filter(RegisterFilter(states=frozenset({"active"})))
    dialog = open_export_dialog(window)
    assert dialog.filterRadio.isEnabled()
    assert dialog.filterRadio.isChecked()
    assert dialog.filterLabel.text() == "state active"
    dialog.pathRow.edit.setText(str(tmp_path / "filtered.xlsx"))
    wait_job(qtbot, dialog.start_export())
    states = {
        r[9]
        for r in load_workbook(tmp_path / "filtered.xlsx")["Projects"].iter_rows(
            min_row=2, values_only=True
        )
    }
    assert states == {"Active"}


def test_a_workbook_open_elsewhere_is_refused_before_any_work(
    window: QWidget, tmp_path: Path, messages: list[str]
) -> None:
    (tmp_path / ".~lock.busy.xlsx#").write_text("")
    dialog = open_export_dialog(window)
    dialog.pathRow.edit.setText(str(tmp_path / "busy.xlsx"))
    assert dialog.start_export() is None
    assert messages
    assert "open in another program" in messages[0]
    assert dialog.exportButton.isEnabled()


def test_cancelling_an_export_writes_nothing(
    qtbot: QtBot, window: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = writing.export_portfolio

    def wait_for_cancel(*args: Any, cancelled: Any = None, **kwargs: Any) -> Any:
        while not cancelled():
            time.sleep(0.01)
        return real(*args, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(writing, "export_portfolio", wait_for_cancel)
    dialog = open_export_dialog(window)
    dialog.pathRow.edit.setText(str(tmp_path / "never.xlsx"))
    job = dialog.start_export()
    assert job is not None
    assert not dialog.exportButton.isEnabled()
    job.cancel()
    wait_job(qtbot, job)
    assert dialog.resultLabel.text() == "The export was cancelled; nothing was written."
    assert not (tmp_path / "never.xlsx").exists()
    assert dialog.exportButton.isEnabled()
    assert export_module.FOLDER_KEY


# ---------------------------------------------------------------- status requests and returns


def _share_managers(ctx: AppContext) -> None:
    with ctx.session() as session:
        active = session.exec(
            select(Project)
            .where(col(Project.state) == ProjectState.ACTIVE, col(Project.archived_at).is_(None))
            .order_by(col(Project.code))
        ).all()
        for n, project in enumerate(active):
            records.update(session, project, {"manager": ("Anna Nowak", "Li Na")[n % 2]})


def test_status_requests_are_written_one_per_manager(
    qtbot: QtBot, window: QWidget, ctx: AppContext, tmp_path: Path
) -> None:
    _share_managers(ctx)
    dialog = open_status_requests_dialog(window)
    shown = [dialog.managersList.item(n).text() for n in range(dialog.managersList.count())]
    assert len(shown) == 2
    assert shown[0].startswith("Anna Nowak — ")
    dialog.periodEdit.setText("2026-04")
    dialog.folderRow.edit.setText(str(tmp_path))
    wait_job(qtbot, dialog.start_writing())
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == [
        "Status 2026-04 - Anna Nowak.xlsx",
        "Status 2026-04 - Li Na.xlsx",
    ]
    assert dialog.resultLabel.text().startswith("2 workbooks written")
    assert dialog.openButton.isEnabled()


def test_a_bad_period_is_refused_in_the_dialog(window: QWidget, messages: list[str]) -> None:
    dialog = open_status_requests_dialog(window)
    dialog.periodEdit.setText("April")
    assert dialog.start_writing() is None
    assert "YYYY-MM" in messages[0]


def test_returned_workbooks_are_checked_then_imported_together(
    qtbot: QtBot, window: QWidget, ctx: AppContext, tmp_path: Path
) -> None:
    _share_managers(ctx)
    requests = open_status_requests_dialog(window)
    requests.periodEdit.setText("2026-04")
    requests.folderRow.edit.setText(str(tmp_path))
    wait_job(qtbot, requests.start_writing())
    returned = tmp_path / "Status 2026-04 - Li Na.xlsx"
    book = load_workbook(returned)
    status = book["Status"]
    rag = status.cell(row=2, column=5)  # Overall RAG
    wanted = "Green" if rag.value == "Red" else "Red"
    rag.value = wanted
    book.save(returned)
    (tmp_path / "Status 2026-04 - Anna Nowak.xlsx").unlink()  # Anna has not returned hers

    dialog = open_collect_status_dialog(window)
    assert not dialog.checkButton.isEnabled()
    dialog.add_sources([tmp_path])
    assert not dialog.importButton.isEnabled()
    wait_job(qtbot, dialog.check())
    assert dialog.returnedTree.topLevelItemCount() == 1
    assert dialog.returnedTree.topLevelItem(0).text(0) == "Li Na"
    assert [dialog.missingList.item(n).text() for n in range(dialog.missingList.count())] == [
        "Anna Nowak"
    ]
    changes = [
        dialog.changesTree.topLevelItem(n).text(2)
        for n in range(dialog.changesTree.topLevelItemCount())
    ]
    assert any(f"→ {wanted}" in c for c in changes)
    assert "1 returned, 1 not returned" in dialog.summaryLabel.text()
    assert dialog.importButton.isEnabled()
    with qtbot.wait_signal(ctx.data_changed, timeout=WAIT_MS):
        job = dialog.import_returns()
    wait_job(qtbot, job)
    assert dialog.summaryLabel.text().startswith("Imported the returns of 1 managers for 2026-04")
    assert not dialog.importButton.isEnabled()
    assert dialog.undoButton.isEnabled()
    wait_job(qtbot, dialog.undo_import())
    assert dialog.summaryLabel.text().startswith("The import was undone:")
    assert not dialog.undoButton.isEnabled()
    with ctx.session() as session:
        assert not session.exec(select(StatusReport).where(StatusReport.period == "2026-04")).all()


def test_a_bad_return_shows_its_problem_and_cannot_be_imported(
    qtbot: QtBot, window: QWidget, ctx: AppContext, tmp_path: Path
) -> None:
    _share_managers(ctx)
    requests = open_status_requests_dialog(window)
    requests.periodEdit.setText("2026-04")
    requests.folderRow.edit.setText(str(tmp_path))
    wait_job(qtbot, requests.start_writing())
    returned = tmp_path / "Status 2026-04 - Li Na.xlsx"
    book = load_workbook(returned)
    book["Status"].cell(row=2, column=5).value = "Purple"
    book.save(returned)
    dialog = open_collect_status_dialog(window)
    dialog.add_sources([tmp_path])
    wait_job(qtbot, dialog.check())
    assert dialog.problemsTree.topLevelItemCount() >= 1
    problem = dialog.problemsTree.topLevelItem(0)
    assert problem.text(1) == "Status"
    assert problem.text(3) == "Purple"
    assert dialog.tabs.currentWidget() is dialog.problemsTree
    assert "must be put right" in dialog.summaryLabel.text()
    assert not dialog.importButton.isEnabled()
