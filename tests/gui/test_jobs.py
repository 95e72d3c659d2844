"""The job runner: work off the UI thread, progress, a Cancel that stops, one error path."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from pmodesk.domain import Project
from pmodesk.domain.errors import ValidationError
from pmodesk.gui import jobs
from pmodesk.gui.context import AppContext
from pmodesk.gui.jobs import JobCancelled, JobControl, JobRunner
from pmodesk.services import records

WAIT_MS = 20_000


@pytest.fixture
def runner(qtbot: QtBot, ctx: AppContext) -> Iterator[JobRunner]:
    parent = QWidget()
    qtbot.addWidget(parent)
    job_runner = JobRunner(ctx, parent)
    yield job_runner
    job_runner.cancel_all()
    job_runner.wait(WAIT_MS)


@pytest.fixture
def reported(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """Errors that reach the runner's one error path."""
    seen: list[BaseException] = []
    monkeypatch.setattr(jobs, "report_exception", lambda exc, *_a, **_k: seen.append(exc))
    return seen


def test_a_long_job_leaves_the_event_loop_running(
    qtbot: QtBot, ctx: AppContext, runner: JobRunner, reported: list[BaseException]
) -> None:
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    worker_threads: list[threading.Thread] = []
    results: list[tuple[int, threading.Thread]] = []

    def long_job(control: JobControl) -> int:
        worker_threads.append(threading.current_thread())
        steps = 100
        for step in range(steps):
            time.sleep(0.02)  # 2 s in small steps
            control.progress(step + 1, steps, f"Step {step + 1} of {steps}")
        return steps

    timer.start()
    with qtbot.wait_signal(ctx.data_changed, timeout=WAIT_MS) as changed:
        job = runner.run(
            "Long job",
            long_job,
            lambda result: results.append((result, threading.current_thread())),
            tables=["project"],
        )
        ticks_at_start = len(ticks)
    timer.stop()

    assert job.done
    assert job.succeeded
    assert results == [(100, threading.main_thread())]
    assert worker_threads
    assert worker_threads[0] is not threading.main_thread()
    assert changed.args == [frozenset({"project"})]
    # 2 s of work with a 10 ms timer: a blocked loop would have ticked at most once.
    assert len(ticks) - ticks_at_start > 20
    assert job.last_progress == (100, 100, "Step 100 of 100")
    assert not runner.is_busy()
    assert reported == []


def test_progress_reaches_the_dialog(qtbot: QtBot, runner: JobRunner) -> None:
    release = threading.Event()

    def job_fn(control: JobControl) -> str:
        control.progress(3, 10, "Reading the third sheet")
        release.wait(10)
        return "ok"

    job = runner.run("Importing", job_fn, lambda _r: None)
    dialog = job.dialog
    assert dialog is not None
    qtbot.wait_until(
        lambda: dialog.messageLabel.text() == "Reading the third sheet", timeout=WAIT_MS
    )
    assert dialog.progressBar.maximum() == 10
    assert dialog.progressBar.value() == 3
    assert dialog.titleLabel.text() == "Importing"
    qtbot.wait_until(dialog.isVisible, timeout=WAIT_MS)  # shown after a short delay
    release.set()
    qtbot.wait_until(lambda: job.done, timeout=WAIT_MS)
    assert job.dialog is None


def test_cancel_stops_the_job_and_skips_on_done(
    qtbot: QtBot, ctx: AppContext, runner: JobRunner, reported: list[BaseException]
) -> None:
    steps_done: list[int] = []
    done_called: list[object] = []

    def endless(control: JobControl) -> None:
        for step in range(1000):
            if control.cancelled:
                raise JobCancelled("stopped")
            steps_done.append(step)
            control.progress(step, 1000, "")
            time.sleep(0.01)

    job = runner.run("Endless", endless, done_called.append, tables=["project"])
    dialog = job.dialog
    assert dialog is not None
    qtbot.wait_until(lambda: len(steps_done) >= 5, timeout=WAIT_MS)
    dialog.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert job.cancelled
    with qtbot.assert_not_emitted(ctx.data_changed, wait=50):
        qtbot.wait_until(lambda: job.done, timeout=WAIT_MS)
    assert done_called == []
    assert reported == []
    assert len(steps_done) < 1000


def test_a_job_that_returns_early_on_cancel_does_not_call_on_done(
    qtbot: QtBot, runner: JobRunner
) -> None:
    done_called: list[object] = []
    loops: list[int] = []

    def polite(control: JobControl) -> str:
        while not control.cancelled and len(loops) < 2000:
            loops.append(1)
            time.sleep(0.005)
        return "partial"

    job = runner.run("Polite", polite, done_called.append, modal=False)
    assert job.dialog is None  # modal=False: the status bar shows it, not a dialog
    qtbot.wait_until(lambda: len(loops) > 3, timeout=WAIT_MS)
    runner.cancel_all()
    qtbot.wait_until(lambda: job.done, timeout=WAIT_MS)
    assert done_called == []
    assert len(loops) < 2000


def test_an_error_reaches_the_error_path(
    qtbot: QtBot, runner: JobRunner, reported: list[BaseException]
) -> None:
    done_called: list[object] = []

    def broken(_control: JobControl) -> None:
        raise RuntimeError("a bug in the job")

    job = runner.run("Broken", broken, done_called.append)
    qtbot.wait_until(lambda: job.done, timeout=WAIT_MS)
    assert [str(e) for e in reported] == ["a bug in the job"]
    assert isinstance(job.error, RuntimeError)
    assert done_called == []


def test_a_domain_error_is_shown_as_its_sentence(qtbot: QtBot, runner: JobRunner) -> None:
    shown: list[tuple[str, str]] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append((box.objectName(), box.text()))
            box.close()
        else:
            QTimer.singleShot(20, close_box)

    def refused(_control: JobControl) -> None:
        raise ValidationError("Budget: -5 is not valid (it must not be negative).", field="budget")

    QTimer.singleShot(20, close_box)
    job = runner.run("Refused", refused, lambda _r: None)
    qtbot.wait_until(lambda: job.done and bool(shown), timeout=WAIT_MS)
    assert shown == [("errorMessage", "Budget: -5 is not valid (it must not be negative).")]


def test_a_job_writes_through_its_own_session(
    qtbot: QtBot, ctx: AppContext, runner: JobRunner
) -> None:
    workspace = ctx.workspace

    def create(_control: JobControl) -> str:
        with workspace.session() as session:
            return records.create(session, Project, {"code": "PRJ-900", "name": "Worker"}).code

    codes: list[Any] = []
    with qtbot.wait_signal(ctx.data_changed, timeout=WAIT_MS):
        runner.run("Create", create, codes.append, tables=["project"])
    assert codes == ["PRJ-900"]
    with ctx.session() as session:
        assert session.exec(select(Project.name)).all() == ["Worker"]


def test_create_demo_portfolio_job_fills_the_workspace(qtbot: QtBot, ctx: AppContext) -> None:
    pytest.importorskip("pmodesk.services.demo")
    runner = JobRunner(ctx)
    results: list[object] = []
    job = jobs.create_demo_portfolio(runner, results.append)
    qtbot.wait_until(lambda: job.done, timeout=120_000)
    assert job.succeeded, job.error
    with ctx.session() as session:
        assert len(session.exec(select(Project.id)).all()) > 0


def test_cancelling_the_demo_portfolio_writes_nothing(
    qtbot: QtBot, ctx: AppContext, runner: JobRunner, reported: list[BaseException]
) -> None:
    pytest.importorskip("pmodesk.services.demo")
    results: list[object] = []
    job = jobs.create_demo_portfolio(runner, results.append)
    job.cancel()
    qtbot.wait_until(lambda: job.done, timeout=120_000)
    assert results == []
    assert reported == []
    with ctx.session() as session:
        assert session.exec(select(Project.id)).all() == []
