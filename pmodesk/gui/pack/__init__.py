"""File > Print pack: choose the pack in a dialog, build it in the background, open or print it.

``open_pack_dialog(window)`` is all the main window needs: it reads the
workspace's pack settings, shows :class:`PackDialog`, and on *Save and open*
or *Print…* saves the settings, builds the PDF with the window's
:class:`~pmodesk.gui.jobs.JobRunner` (progress and Cancel; the worker opens
its own session) and then opens it in the system's viewer or sends it to a
printer through Qt's print dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtWidgets import QMainWindow, QWidget

from pmodesk.gui.context import AppContext
from pmodesk.gui.jobs import Job, JobControl, JobRunner
from pmodesk.gui.pack.dialog import KEY_FOLDER, PAST_PERIODS, PackDialog, coded_choices
from pmodesk.gui.pack.printing import open_pdf, print_pdf
from pmodesk.gui.shared_filter import shared_filter

__all__ = ["PackDialog", "make_pack_dialog", "open_pack_dialog", "start_pack"]

JOB_TITLE = "Printing the review pack"


class _Window(Protocol):
    ctx: AppContext
    jobs: JobRunner


def _periods(session: Any, months: int) -> list[str]:
    """The current period, the ones before it, and any other period with reports, newest first."""
    from datetime import date

    from sqlmodel import col, select

    from pmodesk.domain import StatusReport
    from pmodesk.services.monitoring.periods import period_of, previous_period

    found = [period_of(date.today(), months)]
    while len(found) <= PAST_PERIODS:
        found.append(previous_period(found[-1], months))
    reported = session.exec(
        select(StatusReport.period).where(col(StatusReport.archived_at).is_(None)).distinct()
    )
    return sorted(set(found) | set(reported), reverse=True)


def make_pack_dialog(ctx: AppContext, parent: QWidget | None = None) -> PackDialog:
    """The dialog filled from the workspace: its pack settings, portfolios, programmes, periods."""
    from pmodesk.reports import load_pack_settings
    from pmodesk.services.register import filter_choices
    from pmodesk.services.settings import PERIOD_LENGTH_MONTHS, get_setting

    with ctx.session() as session:
        settings = load_pack_settings(session)
        choices = filter_choices(session)
        months = int(get_setting(session, PERIOD_LENGTH_MONTHS))
        periods = _periods(session, months)
    return PackDialog(
        ctx,
        settings,
        portfolios=coded_choices(choices.portfolios),
        programmes=coded_choices(choices.programmes),
        periods=periods,
        months=months,
        register_filter=shared_filter(ctx).current,
        parent=parent,
    )


def start_pack(
    runner: JobRunner,
    dialog: PackDialog,
    *,
    parent: QWidget | None = None,
) -> Job:
    """Save the dialog's settings in the workspace and build the pack in the background."""
    from pmodesk.reports import build_pack, save_pack_settings

    ctx = runner.ctx
    parent = parent if parent is not None else runner.parent_widget
    settings = dialog.settings().validated()
    path = dialog.path()
    print_after = dialog.print_requested
    with ctx.session() as session:
        save_pack_settings(session, dialog.kept_settings(), source="Print pack")
    ctx.settings.setValue(KEY_FOLDER, str(path.parent))
    ctx.notify({"workspace_setting", "audit_event"})
    workspace = ctx.workspace

    def work(control: JobControl) -> Any:
        with workspace.session() as session:
            return build_pack(
                session,
                settings,
                path,
                progress=control.progress,
                cancelled=lambda: control.cancelled,
            )

    def done(result: Any) -> None:
        written: Path = result.path
        if isinstance(parent, QMainWindow):
            parent.statusBar().showMessage(
                f"Review pack written: {result.pages} pages, {written}", 10_000
            )
        if print_after:
            print_pdf(written, result.pages, parent)
        else:
            open_pdf(written)

    return runner.run(JOB_TITLE, work, done)


def open_pack_dialog(window: _Window) -> PackDialog:
    """File > Print pack: show the dialog (window-modal); accepting it starts the job."""
    parent = window if isinstance(window, QWidget) else None
    dialog = make_pack_dialog(window.ctx, parent)
    dialog.accepted.connect(lambda: start_pack(window.jobs, dialog, parent=parent))
    dialog.open()
    return dialog
