"""The preview: every problem at its cell, what each record would become, and the Import button.

Validation comes first: nothing is written while an error remains. The user
fixes the workbook (and presses Check again, which reads it afresh), ticks
Skip on the rows to leave out, or lets the import create the people and
programmes it names. The Import button stays disabled, and says why, until
the plan is clean.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from pmodesk.gui.context import AppContext
from pmodesk.gui.importing.command import ImportBatchCommand
from pmodesk.gui.importing.details import action_filter, changes_view
from pmodesk.gui.importing.models import ChangesModel, FilterProxy
from pmodesk.gui.importing.plan_options import PlanOptions
from pmodesk.gui.importing.problems import ProblemsPanel
from pmodesk.gui.importing.state import IMPORTED_TABLES, KIND_LABELS, ImportChoices
from pmodesk.gui.importing.tasks import WizardTasks

#: How many of the plan's notes show before "and N more…".
NOTES_SHOWN = 3
#: How long after the last Skip tick the plan is checked again.
RECHECK_DELAY_MS = 700
REFUSED_STYLE = "color: #d64545; font-weight: 600;"
READY_STYLE = "color: #2e9e5b; font-weight: 600;"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


class PreviewPage(QWizardPage):
    """Problems and changes of the plan; the commit page whose button imports."""

    def __init__(self, ctx: AppContext, choices: ImportChoices, tasks: WizardTasks) -> None:
        super().__init__()
        self.ctx, self.choices, self.tasks = ctx, choices, tasks
        self.setTitle("Check before importing")
        self.setSubTitle(
            "Nothing has been written yet. Every problem is listed at its sheet, row and column; "
            "fix it in the workbook and check again, or tick Skip to leave its row out."
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        layout = QVBoxLayout(self)

        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("previewCounts")
        self.counts_label.setProperty("role", "strong")
        layout.addWidget(self.counts_label)
        self.notes_label = QLabel(self)
        self.notes_label.setObjectName("planNotes")
        self.notes_label.setWordWrap(True)
        self.notes_label.setProperty("role", "muted")
        self.notes_label.setTextFormat(Qt.TextFormat.RichText)
        self.notes_label.linkActivated.connect(self._toggle_notes)
        self._all_notes = False
        layout.addWidget(self.notes_label)

        options = QHBoxLayout()
        self.create_missing = QCheckBox(
            "&Create missing people, programmes and other records the rows name",
            self,
        )
        self.create_missing.setObjectName("createMissingCheck")
        self.create_missing.setToolTip(
            "Ticked, a row naming a person, programme, portfolio, team or role the workspace "
            "lacks creates it; unticked, the row is refused"
        )
        self.create_missing.toggled.connect(self._create_missing_toggled)
        self.skip_invalid = QCheckBox("S&kip every row with an error", self)
        self.skip_invalid.setObjectName("skipInvalidCheck")
        self.skip_invalid.toggled.connect(self._skip_invalid_toggled)
        options.addWidget(self.create_missing)
        options.addWidget(self.skip_invalid)
        options.addStretch(1)
        layout.addLayout(options)
        self.plan_options = PlanOptions(ctx, choices, self)
        self.plan_options.chosen.connect(self.recheck)
        layout.addWidget(self.plan_options)
        self.date_order, self.date_order_label = (
            self.plan_options.date_order,
            self.plan_options.date_order_label,
        )
        self.number_style, self.number_style_label = (
            self.plan_options.number_style,
            self.plan_options.number_style_label,
        )

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("previewTabs")
        self.problems = ProblemsPanel(choices, self)
        self.problems.skips_changed.connect(self._skips_changed)
        self.tabs.addTab(self.problems, "Problems")
        self.tabs.addTab(self._changes_tab(), "What will change")
        layout.addWidget(self.tabs, 1)

        bottom = QHBoxLayout()
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdictLabel")
        self.verdict.setWordWrap(True)
        self.recheck_button = QPushButton("C&heck again", self)
        self.recheck_button.setObjectName("recheckButton")
        self.recheck_button.setToolTip(
            "Read the workbook again (after you fixed it) and apply the rows ticked to skip"
        )
        self.recheck_button.clicked.connect(self.recheck)
        bottom.addWidget(self.verdict, 1)
        bottom.addWidget(self.recheck_button)
        layout.addLayout(bottom)

        self._recheck_timer = QTimer(self)
        self._recheck_timer.setSingleShot(True)
        self._recheck_timer.setInterval(RECHECK_DELAY_MS)
        self._recheck_timer.timeout.connect(self.recheck)
        self._stale = False
        tasks.planned.connect(self._on_planned)

    def _changes_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.changes_model = ChangesModel()
        self.changes_proxy = FilterProxy(ChangesModel.COL_ACTION)
        row = QHBoxLayout()
        show = QLabel("S&how:", tab)
        self.action_combo = action_filter(tab, self.changes_proxy)
        show.setBuddy(self.action_combo)
        row.addWidget(show)
        row.addWidget(self.action_combo)
        row.addStretch(1)
        layout.addLayout(row)
        self.changes_view = changes_view(tab, self.changes_model, self.changes_proxy)
        self.changes_view.setObjectName("changesView")
        layout.addWidget(self.changes_view, 1)
        return tab

    # ------------------------------------------------------------------ showing the plan
    def initializePage(self) -> None:
        for box, value in (
            (self.create_missing, self.choices.create_missing),
            (self.skip_invalid, self.choices.skip_invalid),
        ):
            blocked = box.blockSignals(True)
            box.setChecked(value)
            box.blockSignals(blocked)
        self.plan_options.load()
        self._show_plan()

    def _on_planned(self) -> None:
        if self.wizard() is not None and self.wizard().currentPage() is self:
            self._stale = False
            self._show_plan()

    def _show_plan(self) -> None:
        plan = self.choices.plan
        if plan is None:
            self.counts_label.setText("")
            self._set_verdict("The workbook has not been checked yet.", refused=True)
            self.completeChanged.emit()
            return
        self.counts_label.setText(self.counts_text(plan))
        self._show_notes(plan.notes)
        self.plan_options.show_for(plan)
        self.problems.show_problems(plan.problems, several_files=len(plan.sources) > 1)
        errors, warnings = self.problems.counts()
        self.tabs.setTabText(0, f"Problems ({errors + warnings:,})")
        self.changes_model.set_items(plan.preview)
        self.tabs.setTabText(1, f"What will change ({len(plan.preview):,})")
        if errors and self.tabs.currentIndex() != 0:
            self.tabs.setCurrentIndex(0)
        elif not errors and not warnings:
            self.tabs.setCurrentIndex(1)
        self._update_verdict()

    def _show_notes(self, notes: list[str]) -> None:
        """The plan's notes: the first few, and a link to the rest (a long list would push
        the problems off the page)."""
        shown = notes if self._all_notes else notes[:NOTES_SHOWN]
        lines = [html.escape(n) for n in shown]
        if len(notes) > NOTES_SHOWN:
            more = len(notes) - NOTES_SHOWN
            link = "show fewer" if self._all_notes else f"and {more} more…"
            lines.append(f'<a href="notes">{link}</a>')
        self.notes_label.setText("<br>".join(lines))
        self.notes_label.setVisible(bool(notes))

    def _toggle_notes(self, _link: str) -> None:
        self._all_notes = not self._all_notes
        if self.choices.plan is not None:
            self._show_notes(self.choices.plan.notes)

    @staticmethod
    def counts_text(plan: Any) -> str:
        """``12 rows: 3 to create, 2 to update, 6 unchanged, 1 with errors, 0 skipped.``"""
        counts = plan.counts()
        error_rows = len({(p.source, p.sheet, p.row) for p in plan.errors if p.row})
        skipped = max(counts["skipped"] - error_rows, 0)
        parts = [
            f"{counts['created']:,} to create",
            f"{counts['updated']:,} to update",
            f"{counts['unchanged']:,} unchanged",
        ]
        if error_rows:
            parts.append(f"{_plural(error_rows, 'row')} with errors")
        parts.append(f"{skipped:,} skipped")
        sheets = ", ".join(
            f"{s.sheet} as {KIND_LABELS.get(s.kind, s.kind).lower()}" for s in plan.sheets
        )
        return f"{sheets or 'No sheet'}: {', '.join(parts)}."

    def _update_verdict(self) -> None:
        plan = self.choices.plan
        if plan is None:
            return
        if self._stale or self._recheck_timer.isActive():
            self._set_verdict("Check again to take your changes into account.", refused=True)
        elif plan.refused:
            errors = plan.errors
            rows = {(p.source, p.sheet, p.row) for p in errors}
            self._set_verdict(
                f"Nothing can be imported while {_plural(len(errors), 'error')} "
                f"remain{'s' if len(errors) == 1 else ''} in {_plural(len(rows), 'row')}: "
                "fix the workbook and check again, or tick Skip on those rows.",
                refused=True,
            )
        elif not plan.preview or all(c.action in ("unchanged", "skip") for c in plan.preview):
            self._set_verdict(
                "The workspace already holds everything in this workbook.", refused=False
            )
        else:
            self._set_verdict(
                "Ready to import. Edit > Undo takes it back in one step.", refused=False
            )
        self.completeChanged.emit()

    def _set_verdict(self, text: str, *, refused: bool) -> None:
        self.verdict.setText(text)
        self.verdict.setStyleSheet(REFUSED_STYLE if refused else READY_STYLE)
        button = self.wizard().button(QWizard.WizardButton.CommitButton) if self.wizard() else None
        if button is not None:
            button.setToolTip(text)

    def why_not(self) -> str:
        """Why Import is disabled ("" when it is enabled)."""
        return "" if self.isComplete() else self.verdict.text()

    def isComplete(self) -> bool:
        plan = self.choices.plan
        return (
            plan is not None
            and not plan.refused
            and not self._stale
            and not self._recheck_timer.isActive()
            and not self.tasks.busy
        )

    # ------------------------------------------------------------------ changes
    def _create_missing_toggled(self, on: bool) -> None:
        self.choices.create_missing = on
        self.recheck()

    def _skip_invalid_toggled(self, on: bool) -> None:
        self.choices.skip_invalid = on
        self.recheck()

    def _skips_changed(self) -> None:
        self._stale = True
        self._recheck_timer.start()
        self._update_verdict()

    def recheck(self) -> None:
        """Plan again with the current options (and the file as it is on disk now)."""
        self._recheck_timer.stop()
        self._stale = True
        self._update_verdict()
        if self.tasks.plan() is None:  # a job is running; try again after it
            self._recheck_timer.start()

    # ------------------------------------------------------------------ import
    def validatePage(self) -> bool:
        """Import runs as a job; its completion moves the wizard to the summary."""
        if self.choices.result is not None:
            return True
        if not self.isComplete():
            return False
        self.tasks.apply(self._imported)
        return False

    def _imported(self, result: object) -> None:
        sources = ", ".join(p.name for p in self.choices.sources)
        self.ctx.push(
            ImportBatchCommand(self.ctx, self.tasks.jobs, sources, result, IMPORTED_TABLES)
        )
        self.wizard().next()
