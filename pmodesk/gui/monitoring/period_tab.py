"""Status reports per period: who reported, what changed since the last period, closing the period.

The period (monthly by default; the workspace's period length decides) is
picked in the combo or stepped with ◀ ▶ (Alt+Left / Alt+Right). The table
lists every active project with its report; the pane at the right shows the
selected report's commentary, achievements, next steps and what changed.
*Close period…* freezes the period's reports (the snapshot that trends and the
review pack read); Ctrl+Z reopens exactly the reports it froze.
"""

from __future__ import annotations

import html
import uuid
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain import StatusReport
from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors import open_editor
from pmodesk.gui.editors.confirm import confirm
from pmodesk.gui.monitoring.commands import ClosePeriodCommand, ReopenPeriodCommand
from pmodesk.gui.monitoring.common import RagChipDelegate, current_id, select_id, setup_table
from pmodesk.gui.monitoring.period_model import COLUMN, RAG_COLUMNS, PeriodModel, PeriodProxy
from pmodesk.gui.monitoring.reloading import ReloadingTab
from pmodesk.gui.theme import rag_letter
from pmodesk.services.monitoring.period_view import PeriodLine, PeriodView, period_view
from pmodesk.services.monitoring.periods import recent_periods, reporting_months

TABLES = frozenset({"status_report", "project", "milestone", "project_baseline"})
PERIODS_OFFERED = 24
WIDTHS = {
    "code": 78,
    "trend": 74,
    "finish": 96,
    "slip": 62,
    "cost": 96,
    "cost_change": 78,
    "behind": 58,
    "state": 96,
}


class PeriodTab(ReloadingTab):
    watched_tables = TABLES

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("periodTab")
        self._stale = True
        self.view: PeriodView | None = None
        self.months = 1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(self._top_row())
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("periodSummary")
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary_label)

        self.model = PeriodModel(self)
        self.proxy = PeriodProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("periodTable")
        self.table.setModel(self.proxy)
        setup_table(self.table, "Status reports of the period", stretch=COLUMN["name"])
        delegate = RagChipDelegate(self.table)
        for column in RAG_COLUMNS:
            self.table.setItemDelegateForColumn(column, delegate)
            self.table.setColumnWidth(column, 50)
        for key, width in WIDTHS.items():
            self.table.setColumnWidth(COLUMN[key], width)
        self.table.sortByColumn(COLUMN["code"], Qt.SortOrder.AscendingOrder)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("reportDetail")
        self.detail.setAccessibleName("The selected project's report")
        self.detail.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([1000, 310])
        layout.addWidget(splitter, 1)

        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_detail())
        enter = QAction("Edit report", self.table)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(self.edit_current)
        self.table.addAction(enter)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(self._on_workspace_changed)

    def _top_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        label = QLabel("&Period:", self)
        self.previous_button = QPushButton("◀", self)
        self.period_combo = QComboBox(self)
        self.period_combo.setObjectName("periodCombo")
        self.period_combo.setAccessibleName("Period")
        label.setBuddy(self.period_combo)
        self.next_button = QPushButton("▶", self)
        for button, text, key in (
            (self.previous_button, "Previous period (Alt+Left)", "Alt+Left"),
            (self.next_button, "Next period (Alt+Right)", "Alt+Right"),
        ):
            button.setToolTip(text)
            button.setAccessibleName(text)
            button.setShortcut(QKeySequence(key))
            button.setFixedWidth(34)
        self.show_combo = QComboBox(self)
        self.show_combo.setObjectName("showFilter")
        self.show_combo.setAccessibleName("Show")
        self.show_combo.addItem("Every active project", "all")
        self.show_combo.addItem("Not reported", "missing")
        self.show_combo.addItem("Changed since last period", "changed")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search project or submitter…")
        self.search.setAccessibleName("Search the period's projects")
        self.search.setClearButtonEnabled(True)
        self.report_button = QPushButton("&Write report…", self)
        self.close_button = QPushButton("&Close period…", self)
        self.close_button.setObjectName("closePeriodButton")
        self.reopen_button = QPushButton("Re&open period", self)
        for widget in (label, self.previous_button, self.period_combo, self.next_button):
            row.addWidget(widget)
        row.addSpacing(12)
        row.addWidget(self.show_combo)
        row.addWidget(self.search, 1)
        row.addWidget(self.report_button)
        row.addWidget(self.close_button)
        row.addWidget(self.reopen_button)
        self.period_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.previous_button.clicked.connect(lambda: self._step(1))
        self.next_button.clicked.connect(lambda: self._step(-1))
        self.show_combo.currentIndexChanged.connect(lambda _i: self._refilter())
        self.search.textChanged.connect(lambda _t: self._refilter())
        self.report_button.clicked.connect(self.edit_current)
        self.close_button.clicked.connect(self.close_period)
        self.reopen_button.clicked.connect(self.reopen_period)
        return row

    # ------------------------------------------------------------------ loading

    def period(self) -> str:
        return str(self.period_combo.currentData() or "")

    def set_period(self, period: str) -> bool:
        found = self.period_combo.findData(period)
        if found >= 0:
            self.period_combo.setCurrentIndex(found)
        return found >= 0

    def _step(self, offset: int) -> None:
        index = self.period_combo.currentIndex() + offset
        if 0 <= index < self.period_combo.count():
            self.period_combo.setCurrentIndex(index)

    def _fill_periods(self, months: int) -> None:
        periods = recent_periods(date.today(), months, PERIODS_OFFERED)
        if (
            months == self.months
            and self.period_combo.count()
            and self.period_combo.itemData(0) == periods[0]
        ):
            return
        self.months = months
        current = self.period()
        blocked = self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for n, period in enumerate(periods):
            self.period_combo.addItem(f"{period} (current)" if n == 0 else period, period)
        self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(current)))
        self.period_combo.blockSignals(blocked)

    def reload(self) -> None:
        if not self.ctx.has_workspace:
            return
        kept = current_id(self.table)
        with self.ctx.session() as session:
            self._fill_periods(reporting_months(session))
            self.view = period_view(session, self.period(), date.today(), months=self.months)
        self._stale = False
        self.model.set_lines(list(self.view.lines))
        self._refilter()
        if kept is None or not select_id(self.table, kept):
            self.table.selectRow(0)
        self._show_detail()

    def _refilter(self) -> None:
        self.proxy.set_filter(str(self.show_combo.currentData()), self.search.text())
        self._update_summary()

    def _update_summary(self) -> None:
        view = self.view
        if view is None:
            return
        total, done = len(view.lines), view.reported
        missing = total - done
        changed = sum(1 for line in view.lines if line.reported and line.changed)
        state = (
            "closed: its reports are frozen"
            if view.is_closed
            else "not started yet"
            if not view.started
            else "open"
        )
        colour = "#b36200" if missing else "#1b7a2a"
        self.summary_label.setText(
            f"<b>{html.escape(view.period)}</b> is {state} · {total} active projects · "
            f"{done} reported · <span style='color:{colour}'><b>{missing} not reported</b></span>"
            f" · {changed} changed since {html.escape(view.previous_period)}"
        )
        self.close_button.setEnabled(view.started and view.open_reports > 0)
        self.close_button.setToolTip(
            "Freeze this period's reports as the snapshot the trends and the review pack read"
        )
        self.reopen_button.setVisible(view.is_closed or view.open_reports < done)
        self.reopen_button.setEnabled(any(line.frozen for line in view.lines))

    # ------------------------------------------------------------------ detail

    def current_line(self) -> PeriodLine | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.line(self.proxy.mapToSource(index).row())

    def _show_detail(self) -> None:
        line = self.current_line()
        self.report_button.setEnabled(line is not None)
        if line is None:
            self.detail.setHtml("<p>Select a project to read its report.</p>")
            return
        self.report_button.setText("&Edit report…" if line.reported else "&Write report…")
        self.detail.setHtml(_detail_html(line, self.period()))

    # ------------------------------------------------------------------ actions

    def new_report(self) -> uuid.UUID | None:
        """Write (or edit) the selected project's report for the period shown."""
        return self.edit_current()

    def edit_current(self) -> uuid.UUID | None:
        line = self.current_line()
        if line is None:
            return open_editor(self.ctx, StatusReport, None, self, {"period": self.period()})
        if line.report_id is not None:
            return open_editor(self.ctx, StatusReport, line.report_id, self)
        defaults = {"project_id": line.project_id, "period": self.period()}
        return open_editor(self.ctx, StatusReport, None, self, defaults)

    def close_period(self) -> bool:
        view = self.view
        if view is None:
            return False
        missing = len(view.not_reported)
        note = (
            f"{missing} active project{'s have' if missing != 1 else ' has'} not reported; "
            "a report written later stays open until you close the period again. "
            if missing
            else ""
        )
        if not confirm(
            self,
            "Close period",
            f"Close {view.period} and freeze its {view.open_reports} open reports?",
            "Close period",
            informative=note + "Frozen reports are the snapshot the trends and the review pack "
            "read. Ctrl+Z reopens them.",
        ):
            return False
        return self._push(ClosePeriodCommand(self.ctx, view.period), "Close period")

    def reopen_period(self) -> bool:
        if self.view is None:
            return False
        return self._push(ReopenPeriodCommand(self.ctx, self.view.period), "Reopen period")

    def _push(self, command: object, title: str) -> bool:
        try:
            self.ctx.push(command)  # type: ignore[arg-type]
        except DomainError as error:
            QMessageBox.warning(self, title, error.message)
            return False
        return True


def _paragraphs(text: str) -> str:
    lines = [html.escape(t.strip()) for t in text.splitlines() if t.strip()]
    if not lines:
        return "<p style='color:#6b7480'>—</p>"
    if len(lines) == 1:
        return f"<p>{lines[0]}</p>"
    return "<ul>" + "".join(f"<li>{t}</li>" for t in lines) + "</ul>"


def _detail_html(line: PeriodLine, period: str) -> str:
    head = f"<h3>{html.escape(line.code)} {html.escape(line.name)}</h3>"
    if not line.reported:
        return head + (
            f"<p><b style='color:#b36200'>No report for {html.escape(period)} yet.</b></p>"
            "<p>Press <b>Write report…</b> (or Enter) to write it.</p>"
        )
    rags = " · ".join(
        f"{name} <b>{rag_letter(rag)}</b>"
        for name, rag in zip(
            ("Overall", "Schedule", "Cost", "Scope", "Resources"), line.rags, strict=True
        )
    )
    state = "frozen (period closed)" if line.frozen else "open"
    parts = [head, f"<p>{rags}<br/><span style='color:#6b7480'>Report {state}"]
    if line.submitted_by:
        parts.append(f", by {html.escape(line.submitted_by)}")
    parts.append("</span></p>")
    changes = [
        f"{m.dimension.capitalize()} {rag_letter(m.previous)} → {rag_letter(m.current)}"
        for m in line.moves
    ]
    if line.finish_slip_days:
        changes.append(f"Forecast finish moved {line.finish_slip_days:+d} days")
    if line.cost_change:
        changes.append(f"Forecast cost {line.cost_change:+,.0f}")
    changes += [f"Milestone {s.code} {s.name}: {s.status.lower()}" for s in line.behind]
    if changes:
        parts.append("<h4>What changed</h4><ul>")
        parts += [f"<li>{html.escape(c)}</li>" for c in changes]
        parts.append("</ul>")
    for title, text in (
        ("Commentary", line.summary),
        ("Achievements", line.achievements),
        ("Next steps", line.next_steps),
    ):
        parts.append(f"<h4>{title}</h4>{_paragraphs(text)}")
    return "".join(parts)


__all__ = ["PeriodTab"]
