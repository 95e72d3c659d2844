"""File › Export…: the portfolio workbook, for the whole workspace or a part of it.

The person picks what to export — the whole workspace, a portfolio, a
programme, or what the register shows under its current filter — and where.
Export runs in the background through the window's :class:`JobRunner`
(progress and Cancel); the dialog stays open, says what was written and
offers to open the workbook. A file that is open in Excel, a read-only folder
or a cancel leave the old file untouched, and the dialog says so.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.dialogs.errors import show_message
from pmodesk.gui.exchange import common
from pmodesk.gui.jobs import Job, JobControl, JobRunner
from pmodesk.gui.shared_filter import shared_filter

FOLDER_KEY = "exportFolder"


class ExportDialog(QDialog):
    """See the module docstring. ``last_result`` holds the latest :class:`ExportResult`."""

    def __init__(self, ctx: AppContext, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.job: Job | None = None
        self.last_result: Any = None
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export to Excel")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)

        scope_box = QGroupBox("What to export", self)
        scope_layout = QFormLayout(scope_box)
        self.wholeRadio = QRadioButton("The &whole workspace", scope_box)
        self.portfolioRadio = QRadioButton("A &portfolio:", scope_box)
        self.programmeRadio = QRadioButton("A p&rogramme:", scope_box)
        self.filterRadio = QRadioButton("What the &register shows:", scope_box)
        self.portfolioCombo = QComboBox(scope_box)
        self.programmeCombo = QComboBox(scope_box)
        self.filterLabel = QLabel(scope_box)
        self.filterLabel.setWordWrap(True)
        self.scopeGroup = QButtonGroup(self)
        for radio in (self.wholeRadio, self.portfolioRadio, self.programmeRadio, self.filterRadio):
            self.scopeGroup.addButton(radio)
        scope_layout.addRow(self.wholeRadio)
        scope_layout.addRow(self.portfolioRadio, self.portfolioCombo)
        scope_layout.addRow(self.programmeRadio, self.programmeCombo)
        scope_layout.addRow(self.filterRadio, self.filterLabel)
        layout.addWidget(scope_box)

        form = QFormLayout()
        self.pathRow = common.PathRow("Where to save the workbook (.xlsx)", self)
        self.pathRow.setObjectName("exportPath")
        form.addRow("&File:", self.pathRow)
        self.weeksSpin = QSpinBox(self)
        self.weeksSpin.setRange(1, 104)
        self.weeksSpin.setValue(26)
        self.weeksSpin.setSuffix(" weeks from this week")
        form.addRow("&Heatmap:", self.weeksSpin)
        layout.addLayout(form)

        self.resultLabel = QLabel(self)
        self.resultLabel.setObjectName("exportResult")
        self.resultLabel.setWordWrap(True)
        layout.addWidget(self.resultLabel)

        self.buttonBox = QDialogButtonBox(self)
        self.exportButton = self.buttonBox.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.openButton = QPushButton("&Open the workbook", self)
        self.buttonBox.addButton(self.openButton, QDialogButtonBox.ButtonRole.ActionRole)
        self.closeButton = self.buttonBox.addButton(QDialogButtonBox.StandardButton.Close)
        self.openButton.setEnabled(False)
        layout.addWidget(self.buttonBox)

        self.exportButton.clicked.connect(self.start_export)
        self.openButton.clicked.connect(self._open_result)
        self.closeButton.clicked.connect(self.reject)
        self.pathRow.browse.clicked.connect(self._browse)
        self.scopeGroup.buttonToggled.connect(self._sync)
        self._fill()

    # ---------------------------------------------------------------- set-up

    def _fill(self) -> None:
        from pmodesk.services import lookups

        with self.ctx.session() as session:
            portfolios = lookups.portfolios(session)
            programmes = lookups.programmes(session)
        for combo, choices in (
            (self.portfolioCombo, portfolios),
            (self.programmeCombo, programmes),
        ):
            for choice in choices:
                combo.addItem(choice.label, choice.code)
        self.portfolioRadio.setEnabled(bool(portfolios))
        self.programmeRadio.setEnabled(bool(programmes))
        current = shared_filter(self.ctx).current
        self.register_filter = current
        self.filterLabel.setText(common.describe_filter(current))
        self.filterRadio.setEnabled(not current.is_empty)
        (self.filterRadio if not current.is_empty else self.wholeRadio).setChecked(True)
        folder = common.remembered_folder(self.ctx, FOLDER_KEY)
        name = self.ctx.workspace.name if self.ctx.has_workspace else "portfolio"
        self.pathRow.set_path(folder / f"{name} {date.today():%Y-%m-%d}.xlsx")
        self._sync()

    def _sync(self, *_args: object) -> None:
        self.portfolioCombo.setEnabled(self.portfolioRadio.isChecked())
        self.programmeCombo.setEnabled(self.programmeRadio.isChecked())

    def select_portfolio(self, code: str) -> None:
        self.portfolioRadio.setChecked(True)
        self.portfolioCombo.setCurrentIndex(self.portfolioCombo.findData(code))

    def select_programme(self, code: str) -> None:
        self.programmeRadio.setChecked(True)
        self.programmeCombo.setCurrentIndex(self.programmeCombo.findData(code))

    def scope(self) -> Any:
        """The :class:`~pmodesk.services.exporting.ExportScope` the radio buttons describe."""
        from pmodesk.services.exporting import ExportScope

        if self.portfolioRadio.isChecked():
            return ExportScope(portfolio=str(self.portfolioCombo.currentData() or ""))
        if self.programmeRadio.isChecked():
            return ExportScope(programme=str(self.programmeCombo.currentData() or ""))
        if self.filterRadio.isChecked():
            return ExportScope(register_filter=self.register_filter)
        return ExportScope()

    def _browse(self) -> None:
        suggested = self.pathRow.path or common.remembered_folder(self.ctx, FOLDER_KEY)
        chosen = common.ask_save_workbook(self, suggested)
        if chosen is not None:
            self.pathRow.set_path(common.with_xlsx(chosen))

    # ---------------------------------------------------------------- the job

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.exportButton, self.pathRow, self.weeksSpin, self.wholeRadio):
            widget.setEnabled(not busy)
        for radio, enabled in (
            (self.portfolioRadio, self.portfolioCombo.count() > 0),
            (self.programmeRadio, self.programmeCombo.count() > 0),
            (self.filterRadio, not self.register_filter.is_empty),
        ):
            radio.setEnabled(enabled and not busy)
        self._sync()

    def start_export(self) -> Job | None:
        """Check the target, then export in the background; returns the job (None if refused)."""
        path = self.pathRow.path
        if path is None:
            show_message(self, "Export", "Choose where to save the workbook first.")
            return None
        path = common.with_xlsx(path)
        self.pathRow.set_path(path)
        from pmodesk.exchange.writing import check_writable

        try:
            check_writable(path)
        except DomainError as error:
            show_message(self, "Export", str(error))
            return None
        scope, weeks, workspace = self.scope(), self.weeksSpin.value(), self.ctx.workspace

        def work(control: JobControl) -> Any:
            from pmodesk.exchange.writing import export_portfolio

            with workspace.session() as session:
                return export_portfolio(
                    session,
                    path,
                    scope,
                    workspace_name=workspace.name,
                    progress=control.progress,
                    cancelled=lambda: control.cancelled,
                    heatmap_weeks=weeks,
                )

        common.remember_folder(self.ctx, FOLDER_KEY, path.parent)
        self.resultLabel.setText("")
        self.openButton.setEnabled(False)
        self._set_busy(True)
        self.job = self.runner.run(f"Exporting to {path.name}", work, self._done)
        self.job.ended.connect(self._ended)
        return self.job

    def _done(self, result: Any) -> None:
        self.last_result = result
        counts = result.counts
        self.resultLabel.setText(
            f"Exported {counts['project']} projects, {counts['milestone']} milestones, "
            f"{counts['raid_item']} RAID items, {counts['decision']} decisions, "
            f"{counts['status_report']} status reports, {counts['person']} people and "
            f"{counts['allocation']} allocations to {result.path}."
        )
        self.openButton.setEnabled(True)

    def _ended(self) -> None:
        self._set_busy(False)
        job = self.job
        if job is not None and job.cancelled and not job.succeeded:
            self.resultLabel.setText("The export was cancelled; nothing was written.")

    def _open_result(self) -> None:
        if self.last_result is not None:
            common.open_in_system(self.last_result.path)


def open_export_dialog(window: Any) -> ExportDialog:
    """File › Export…: show the export dialog of ``window`` (which has ``ctx`` and ``jobs``)."""
    dialog = ExportDialog(window.ctx, window.jobs, window)
    dialog.open()
    return dialog
