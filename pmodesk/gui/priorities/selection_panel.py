"""Portfolio selection: the best set of candidates within a budget and each role's hours.

Layout from ``ui/selection_panel.ui``. On the left the PMO sets the limits:
the period, the budget, the hours available per role (prefilled from the
people holding the role: weekly capacity × part-time factor × weeks in the
period) and, among the candidates, the projects that must be in or must stay
out. "Suggest portfolio" runs :func:`pmodesk.services.selection.suggest_portfolio`
(in the window's job runner when there is one) and the right-hand side shows
the chosen set, the totals against each limit, the service's explanation and
why each left-out project was left out.

The PMO can then tick projects in or out; the totals follow at once and a
warning appears when a limit is exceeded. "Accept portfolio" records an
approved decision of the portfolio board listing the projects (undoable).
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDoubleSpinBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from sqlalchemy import func
from sqlmodel import Session, col, select

from pmodesk.domain import Decision, Person, Role
from pmodesk.domain.enums import DecisionStatus
from pmodesk.errors import DomainError
from pmodesk.gui.commands import CreateRecordCommand
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors.confirm import confirm
from pmodesk.gui.forms import load_form
from pmodesk.gui.priorities.formatting import (
    money,
    next_quarter,
    period_title,
    short_money,
    weeks_in,
)

if TYPE_CHECKING:
    from pmodesk.services.scoring import RankedProject
    from pmodesk.services.selection import SelectionRequest, SelectionResult

#: The forum an accepted selection is recorded for.
FORUM = "Portfolio board"
_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def role_hours(session: Session, start: date, end: date) -> list[tuple[uuid.UUID, str, float]]:
    """(role id, name, hours available in the period) for every live role, from its people."""
    weekly = (
        select(
            Person.role_id,
            func.sum(Person.weekly_capacity_hours * Person.part_time_factor),
        )
        .where(col(Person.archived_at).is_(None), col(Person.role_id).is_not(None))
        .group_by(col(Person.role_id))
    )
    per_role = {role_id: float(hours or 0.0) for role_id, hours in session.exec(weekly).all()}
    weeks = weeks_in(start, end)
    roles = session.exec(
        select(Role).where(col(Role.archived_at).is_(None)).order_by(col(Role.name))
    ).all()
    return [(r.id, r.name, round(per_role.get(r.id, 0.0) * weeks, 1)) for r in roles]


def default_candidates(session: Session, ranked: Sequence[RankedProject]) -> list[RankedProject]:
    """The projects selection considers by default (the service's rule), in rank order."""
    from pmodesk.services.selection import candidate_ids

    wanted = set(candidate_ids(session))
    return [r for r in ranked if r.project_id in wanted]


def _item(text: str, *, sort: Any = None, right: bool = False, tip: str = "") -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    if right:
        item.setTextAlignment(_RIGHT)
    if tip:
        item.setToolTip(tip)
    item.setData(sort if sort is not None else text, _SORT_ROLE)
    return item


def _check(checked: bool, tip: str) -> QStandardItem:
    item = QStandardItem()
    item.setEditable(False)
    item.setCheckable(True)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    item.setToolTip(tip)
    return item


class SelectionPanel(QWidget):
    """The portfolio selection area; see the module docstring."""

    #: A message for the status bar.
    status_message = Signal(str)
    #: A decision was recorded: its id.
    accepted = Signal(object)

    splitter: QSplitter
    startEdit: QDateEdit
    endEdit: QDateEdit
    budgetSpin: QDoubleSpinBox
    capacityTable: QTableWidget
    candidatesView: QTableView
    candidatesCount: QLabel
    suggestButton: QPushButton
    summaryLabel: QLabel
    messageLabel: QLabel
    budgetBarLabel: QLabel
    budgetBar: QProgressBar
    roleBarsHost: QWidget
    explanationLabel: QLabel
    resultSplitter: QSplitter
    resultView: QTableView
    adjustedLabel: QLabel
    revertButton: QPushButton
    acceptButton: QPushButton

    CANDIDATE_HEADERS = ("Code", "Name", "Stage", "Cost", "Score", "Must include", "Exclude")
    RESULT_HEADERS = ("In", "Code", "Name", "Cost", "Score", "Why")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        load_form("selection_panel.ui", self)
        self._candidates: list[RankedProject] = []
        self._by_id: dict[uuid.UUID, RankedProject] = {}
        self._roles: list[tuple[uuid.UUID, str, float]] = []
        self._request: SelectionRequest | None = None
        self._result: SelectionResult | None = None
        self._suggested: set[uuid.UUID] = set()
        self._chosen: set[uuid.UUID] = set()
        self._reasons: dict[uuid.UUID, str] = {}
        self._role_bars: dict[uuid.UUID, tuple[QLabel, QProgressBar]] = {}
        self._filling = False
        self._budget_touched = False
        self._over: list[str] = []

        self.candidates_model = QStandardItemModel(self)
        self.candidates_model.setHorizontalHeaderLabels(list(self.CANDIDATE_HEADERS))
        self.candidatesView.setModel(self.candidates_model)
        self.result_model = QStandardItemModel(self)
        self.result_model.setHorizontalHeaderLabels(list(self.RESULT_HEADERS))
        self.resultView.setModel(self.result_model)
        for view in (self.candidatesView, self.resultView):
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.verticalHeader().setDefaultSectionSize(24)
            view.horizontalHeader().setHighlightSections(False)
        self._roles_grid = QGridLayout(self.roleBarsHost)
        self._roles_grid.setContentsMargins(0, 0, 0, 0)
        self._roles_grid.setHorizontalSpacing(8)
        self._roles_grid.setVerticalSpacing(3)
        self._roles_grid.setColumnStretch(1, 1)
        self._roles_grid.setColumnStretch(3, 1)
        self._roles_grid.setColumnMinimumWidth(0, 150)
        self._roles_grid.setColumnMinimumWidth(2, 150)
        self.resultSplitter.setStretchFactor(0, 2)
        self.resultSplitter.setStretchFactor(1, 3)
        self.resultSplitter.setSizes([170, 330])
        self.capacityTable.setMaximumHeight(230)
        self.capacityTable.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.capacityTable.verticalHeader().setDefaultSectionSize(24)
        self.messageLabel.hide()
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)

        start, end = next_quarter(date.today())
        self.startEdit.setDate(_qdate(start))
        self.endEdit.setDate(_qdate(end))
        self.startEdit.dateChanged.connect(self._period_changed)
        self.endEdit.dateChanged.connect(self._period_changed)
        self.budgetSpin.valueChanged.connect(self._budget_changed)
        self.candidates_model.itemChanged.connect(self._candidate_toggled)
        self.result_model.itemChanged.connect(self._result_toggled)
        self.suggestButton.clicked.connect(self.suggest)
        self.acceptButton.clicked.connect(self.accept)
        self.revertButton.clicked.connect(self.revert)
        self._clear_result()

    # ------------------------------------------------------------ inputs

    @property
    def period(self) -> tuple[date, date]:
        return _to_date(self.startEdit.date()), _to_date(self.endEdit.date())

    def set_period(self, start: date, end: date) -> None:
        self.startEdit.setDate(_qdate(start))
        self.endEdit.setDate(_qdate(end))

    def set_budget(self, amount: float) -> None:
        self.budgetSpin.setValue(amount)
        self._budget_touched = True

    def set_role_hours(self, role_id: uuid.UUID, hours: float) -> None:
        for row in range(self.capacityTable.rowCount()):
            spin = self.capacityTable.cellWidget(row, 1)
            if isinstance(spin, QDoubleSpinBox) and spin.property("role_id") == str(role_id):
                spin.setValue(hours)
                return
        raise KeyError(role_id)

    def role_capacity(self) -> dict[uuid.UUID, float]:
        found = {}
        for row in range(self.capacityTable.rowCount()):
            spin = self.capacityTable.cellWidget(row, 1)
            if isinstance(spin, QDoubleSpinBox):
                found[uuid.UUID(str(spin.property("role_id")))] = spin.value()
        return found

    def candidate_ids(self) -> list[uuid.UUID]:
        return [c.project_id for c in self._candidates]

    def set_forced(
        self, project_id: uuid.UUID, *, include: bool = False, exclude: bool = False
    ) -> None:
        """Tick "Must include" or "Exclude" for a candidate (what the checkboxes do)."""
        row = self._candidate_row(project_id)
        self.candidates_model.item(row, 5).setCheckState(
            Qt.CheckState.Checked if include else Qt.CheckState.Unchecked
        )
        self.candidates_model.item(row, 6).setCheckState(
            Qt.CheckState.Checked if exclude else Qt.CheckState.Unchecked
        )

    def forced(self) -> tuple[frozenset[uuid.UUID], frozenset[uuid.UUID]]:
        """(must include, must exclude) as ticked."""
        include, exclude = set(), set()
        for row in range(self.candidates_model.rowCount()):
            pid = self.candidates_model.item(row, 0).data(_ID_ROLE)
            if self.candidates_model.item(row, 5).checkState() == Qt.CheckState.Checked:
                include.add(pid)
            if self.candidates_model.item(row, 6).checkState() == Qt.CheckState.Checked:
                exclude.add(pid)
        return frozenset(include), frozenset(exclude)

    def _candidate_row(self, project_id: uuid.UUID) -> int:
        for row in range(self.candidates_model.rowCount()):
            if self.candidates_model.item(row, 0).data(_ID_ROLE) == project_id:
                return row
        raise KeyError(project_id)

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        """Read the candidates and the roles again (the limits typed stay)."""
        from pmodesk.services import scoring

        include, exclude = self.forced()
        try:
            with self._ctx.session() as session:
                ranked = scoring.rank_projects(session)
                self._candidates = default_candidates(session, ranked)
                start, end = self.period
                roles = role_hours(session, start, end)
        except DomainError as error:
            self._candidates = []
            roles = []
            self._show_message(error.message)
        self._by_id = {c.project_id: c for c in self._candidates}
        self._fill_candidates(include, exclude)
        self._fill_roles(roles, keep_edits=True)
        if not self._budget_touched:
            self._suggest_default_budget()

    def _suggest_default_budget(self) -> None:
        total = sum(c.budget or 0.0 for c in self._candidates)
        self._filling = True
        try:
            # Half of what the candidates would cost: a budget that makes choices matter.
            step = 10 ** max(3, len(str(int(total / 2))) - 2) if total > 0 else 1
            self.budgetSpin.setValue(round(total / 2 / step) * step)
        finally:
            self._filling = False

    def _fill_candidates(
        self, include: frozenset[uuid.UUID], exclude: frozenset[uuid.UUID]
    ) -> None:
        self._filling = True
        try:
            model = self.candidates_model
            model.removeRows(0, model.rowCount())
            for c in self._candidates:
                code = _item(c.code, tip=c.name)
                code.setData(c.project_id, _ID_ROLE)
                model.appendRow(
                    [
                        code,
                        _item(c.name, tip=c.name),
                        _item(c.stage_name),
                        _item(money(c.budget), sort=c.budget or 0.0, right=True),
                        _item(f"{c.score:.1f}", sort=c.score, right=True),
                        _check(c.project_id in include, f"Always choose {c.code}"),
                        _check(c.project_id in exclude, f"Never choose {c.code}"),
                    ]
                )
        finally:
            self._filling = False
        header = self.candidatesView.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4, 5, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        total = sum(c.budget or 0.0 for c in self._candidates)
        self.candidatesCount.setText(
            f"{len(self._candidates)} candidates (active, before Delivery) costing "
            f"{short_money(total)} in all"
        )

    def _fill_roles(self, roles: list[tuple[uuid.UUID, str, float]], *, keep_edits: bool) -> None:
        typed = self.role_capacity() if keep_edits else {}
        self._roles = roles
        table = self.capacityTable
        table.setRowCount(len(roles))
        for row, (role_id, name, hours) in enumerate(roles):
            item = QTableWidgetItem(name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, 0, item)
            spin = QDoubleSpinBox(table)
            spin.setRange(0.0, 1e9)
            spin.setDecimals(0)
            spin.setGroupSeparatorShown(True)
            spin.setSuffix(" h")
            spin.setProperty("role_id", str(role_id))
            spin.setAccessibleName(f"Hours available for {name}")
            spin.setToolTip(
                f"Prefilled from the people whose role is {name}: weekly capacity × part-time "
                f"factor × {weeks_in(*self.period):.1f} weeks ({hours:,.0f} h)."
            )
            spin.setValue(typed.get(role_id, hours))
            table.setCellWidget(row, 1, spin)

    def _period_changed(self) -> None:
        start, end = self.period
        with self._ctx.session() as session:
            roles = role_hours(session, start, end)
        self._fill_roles(roles, keep_edits=False)
        self._clear_result(stale=True)

    def _budget_changed(self) -> None:
        if not self._filling:
            self._budget_touched = True

    def _candidate_toggled(self, item: QStandardItem) -> None:
        if self._filling or item.column() not in (5, 6):
            return
        if item.checkState() != Qt.CheckState.Checked:
            return
        # "Must include" and "Exclude" rule each other out.
        other = self.candidates_model.item(item.row(), 11 - item.column())
        if other.checkState() == Qt.CheckState.Checked:
            self._filling = True
            other.setCheckState(Qt.CheckState.Unchecked)
            self._filling = False

    # ------------------------------------------------------------ suggesting

    def request(self) -> SelectionRequest:
        from pmodesk.services.selection import SelectionRequest

        start, end = self.period
        include, exclude = self.forced()
        return SelectionRequest(
            budget=self.budgetSpin.value(),
            period_start=start,
            period_end=end,
            role_capacity_hours=self.role_capacity(),
            candidate_ids=None,
            must_include=include,
            must_exclude=exclude,
        )

    def suggest(self) -> None:
        """Run the selection; in the window's job runner when there is one."""
        request = self.request()
        workspace = self._ctx.workspace

        def work(_control: object = None) -> object:
            from pmodesk.services.selection import suggest_portfolio

            try:
                with workspace.session() as session:
                    return suggest_portfolio(session, request)
            except DomainError as error:
                return error

        def done(outcome: object) -> None:
            self.suggestButton.setEnabled(True)
            if isinstance(outcome, DomainError):
                self._clear_result()
                self._show_message(outcome.message)
                return
            self._show_result(request, outcome)  # type: ignore[arg-type]

        runner = getattr(self.window(), "jobs", None)
        run: Callable[..., Any] | None = getattr(runner, "run", None)
        self.suggestButton.setEnabled(False)
        if run is not None:
            job = run("Suggesting a portfolio", work, done, modal=False)
            job.ended.connect(lambda: self.suggestButton.setEnabled(True))
        else:
            done(work())

    def _show_message(self, text: str) -> None:
        self.messageLabel.setText(text)
        self.messageLabel.setProperty("tone", "error")
        self.messageLabel.setStyleSheet(
            "QLabel { background: #fdecea; color: #7f1d1d; border: 1px solid #e57373;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.messageLabel.setVisible(bool(text))

    @property
    def message(self) -> str:
        """The sentence shown above the result ('' when none)."""
        return self.messageLabel.text() if self.messageLabel.isVisibleTo(self) else ""

    def _clear_result(self, *, stale: bool = False) -> None:
        self._request, self._result = None, None
        self._suggested, self._chosen, self._reasons = set(), set(), {}
        self.result_model.removeRows(0, self.result_model.rowCount())
        self.explanationLabel.setText("")
        self.adjustedLabel.setText("")
        self.budgetBar.setRange(0, 1)
        self.budgetBar.setValue(0)
        self.budgetBar.setFormat("")
        self._set_role_bars({})
        self.acceptButton.setEnabled(False)
        self.revertButton.setEnabled(False)
        self.messageLabel.hide()
        self.summaryLabel.setText(
            "The limits changed; press “Suggest portfolio” again."
            if stale
            else "Set the limits and press “Suggest portfolio”."
        )

    def _show_result(self, request: SelectionRequest, result: SelectionResult) -> None:
        self.messageLabel.hide()
        self._request, self._result = request, result
        self._suggested = {r.project_id for r in result.chosen}
        self._chosen = set(self._suggested)
        self._reasons = {r.project_id: reason for r, reason in result.left_out}
        for r in [*result.chosen, *(r for r, _ in result.left_out)]:
            self._by_id.setdefault(r.project_id, r)
        self._filling = True
        try:
            model = self.result_model
            model.removeRows(0, model.rowCount())
            for project in result.chosen:
                self._append_result(project, True, "Chosen")
            for project, reason in result.left_out:
                self._append_result(project, False, reason)
        finally:
            self._filling = False
        header = self.resultView.horizontalHeader()
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.summaryLabel.setText(
            f"<b>{len(result.chosen)} of {len(result.chosen) + len(result.left_out)} candidates "
            f"chosen</b> — total score {result.total_score:.1f}, cost {money(result.total_cost)} "
            f"of {money(result.budget)}. {result.method}."
        )
        self.explanationLabel.setText(
            "<ul style='margin-left:-20px'>"
            + "".join(f"<li>{html.escape(s)}</li>" for s in result.explanation)
            + "</ul>"
        )
        self._update_totals(result.total_cost, {k: v[1] for k, v in result.role_use.items()})
        self.acceptButton.setEnabled(True)
        self.revertButton.setEnabled(False)
        self.status_message.emit(f"Suggested {len(result.chosen)} projects.")

    def _append_result(self, project: RankedProject, chosen: bool, why: str) -> None:
        check = _check(
            chosen, f"Tick to put {project.code} in the portfolio, untick to leave it out."
        )
        check.setData(project.project_id, _ID_ROLE)
        self.result_model.appendRow(
            [
                check,
                _item(project.code),
                _item(project.name, tip=project.name),
                _item(money(project.budget), sort=project.budget or 0.0, right=True),
                _item(f"{project.score:.1f}", sort=project.score, right=True),
                _item(why, tip=why),
            ]
        )

    # ------------------------------------------------------------ adjusting

    def chosen_ids(self) -> set[uuid.UUID]:
        """The projects in the portfolio as it stands (the suggestion, as adjusted)."""
        return set(self._chosen)

    def set_chosen(self, project_id: uuid.UUID, chosen: bool) -> None:
        """Tick or untick a project in the result (what the "In" checkbox does)."""
        for row in range(self.result_model.rowCount()):
            item = self.result_model.item(row, 0)
            if item.data(_ID_ROLE) == project_id:
                item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
                return
        raise KeyError(project_id)

    def revert(self) -> None:
        """Back to the service's suggestion."""
        for pid in set(self._chosen) ^ self._suggested:
            self.set_chosen(pid, pid in self._suggested)

    def _result_toggled(self, item: QStandardItem) -> None:
        if self._filling or item.column() != 0 or self._request is None:
            return
        pid = item.data(_ID_ROLE)
        if item.checkState() == Qt.CheckState.Checked:
            self._chosen.add(pid)
        else:
            self._chosen.discard(pid)
        why = self.result_model.item(item.row(), 5)
        suggested = pid in self._suggested
        if (pid in self._chosen) == suggested:
            why.setText("Chosen" if suggested else self._reasons.get(pid, ""))
        else:
            why.setText("Added by you" if pid in self._chosen else "Taken out by you")
        self._remeasure()

    def _remeasure(self) -> None:
        assert self._request is not None
        if self._chosen == self._suggested and self._result is not None:
            self._update_totals(
                self._result.total_cost, {k: v[1] for k, v in self._result.role_use.items()}
            )
        else:
            cost, hours = self._measure(self._chosen)
            self._update_totals(cost, hours)
        added = len(self._chosen - self._suggested)
        removed = len(self._suggested - self._chosen)
        self.revertButton.setEnabled(bool(added or removed))
        self.acceptButton.setEnabled(bool(self._chosen))

    def _measure(self, ids: Iterable[uuid.UUID]) -> tuple[float, dict[uuid.UUID, float]]:
        """Cost and hours per role of exactly ``ids`` (the selection service's demand rule)."""
        from pmodesk.services.selection import role_demand

        assert self._request is not None
        wanted = list(ids)
        cost = sum((self._by_id[p].budget or 0.0) for p in wanted if p in self._by_id)
        with self._ctx.session() as session:
            demand = role_demand(
                session, wanted, self._request.period_start, self._request.period_end
            )
        hours: dict[uuid.UUID, float] = {}
        for per_role in demand.values():
            for role_id, amount in per_role.items():
                hours[role_id] = hours.get(role_id, 0.0) + amount
        return cost, hours

    def _update_totals(self, cost: float, hours: dict[uuid.UUID, float]) -> None:
        assert self._request is not None
        budget = self._request.budget
        over: list[str] = []
        self._fill_bar(self.budgetBar, cost, budget, f"{money(cost)} of {money(budget)}")
        if cost > budget + 1e-6:
            over.append(f"the budget by {money(cost - budget)}")
        limits = {
            rid: (name, self._request.role_capacity_hours.get(rid, 0.0))
            for rid, name, _h in self._roles
            if rid in self._request.role_capacity_hours
        }
        if self._result is not None:
            for rid, (name, _used, limit) in self._result.role_use.items():
                limits.setdefault(rid, (name, limit))
        shown = {
            rid: (name, hours.get(rid, 0.0), limit)
            for rid, (name, limit) in limits.items()
            if hours.get(rid, 0.0) > 0 or limit > 0
        }
        self._set_role_bars(shown)
        for _rid, (name, used, limit) in sorted(shown.items(), key=lambda kv: kv[1][0]):
            if used > limit + 1e-6:
                over.append(f"{name} hours by {used - limit:,.0f} h")
        count = len(self._chosen)
        added = len(self._chosen - self._suggested)
        removed = len(self._suggested - self._chosen)
        changes = f" You added {added} and took out {removed}." if added or removed else ""
        if over:
            self.adjustedLabel.setText(
                f"<span style='color:#b3261e'><b>⚠ Over the limit:</b> this portfolio exceeds "
                f"{'; '.join(over)}.</span>{changes}"
            )
        else:
            self.adjustedLabel.setText(
                f"{count} projects in the portfolio, within every limit.{changes}"
            )
        self._over = over

    @property
    def over_limits(self) -> list[str]:
        """The limits the current choice exceeds (empty when it fits)."""
        return list(self._over)

    @staticmethod
    def _fill_bar(bar: QProgressBar, used: float, limit: float, text: str) -> None:
        share = used / limit if limit > 0 else (0.0 if used <= 0 else 2.0)
        bar.setRange(0, 1000)
        bar.setValue(int(min(share, 1.0) * 1000))
        bar.setFormat(f"{text}  ({share:.0%})" if limit > 0 else text)
        colour = "#d64545" if share > 1.0 + 1e-9 else "#2f5fb3"
        bar.setStyleSheet(
            f"QProgressBar {{ border: 1px solid palette(mid); border-radius: 3px;"
            f" text-align: center; height: 16px; }}"
            f" QProgressBar::chunk {{ background: {colour}; border-radius: 2px; }}"
        )
        bar.setToolTip(text)

    def _set_role_bars(self, shown: dict[uuid.UUID, tuple[str, float, float]]) -> None:
        while self._roles_grid.count():
            layout_item = self._roles_grid.takeAt(0)
            widget = layout_item.widget() if layout_item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._role_bars = {}
        for position, (rid, (name, used, limit)) in enumerate(
            sorted(shown.items(), key=lambda kv: kv[1][0])
        ):
            # Two roles a line, so that a dozen roles leave room for the result.
            row, column = divmod(position, 2)
            label = QLabel(f"{name}", self.roleBarsHost)
            label.setToolTip(f"Hours of {name} the chosen projects need in the period")
            bar = QProgressBar(self.roleBarsHost)
            bar.setAccessibleName(f"{name} hours used")
            self._fill_bar(bar, used, limit, f"{used:,.0f} h of {limit:,.0f} h")
            self._roles_grid.addWidget(label, row, column * 2)
            self._roles_grid.addWidget(bar, row, column * 2 + 1)
            self._role_bars[rid] = (label, bar)

    def role_bar_text(self, role_id: uuid.UUID) -> str:
        return self._role_bars[role_id][1].format()

    # ------------------------------------------------------------ accepting

    def accept(self) -> uuid.UUID | None:
        """Record the portfolio as an approved decision of the portfolio board (undoable)."""
        if self._request is None or not self._chosen:
            return None
        if self.over_limits and not confirm(
            self,
            "Accept portfolio",
            "Accept a portfolio that exceeds its limits?",
            "Accept anyway",
            informative=f"It exceeds {'; '.join(self.over_limits)}.",
        ):
            return None
        values = self.decision_values()
        command = CreateRecordCommand(
            self._ctx, Decision, values, text=f"Accept {values['title'].lower()}"
        )
        try:
            self._ctx.push(command)
        except DomainError as error:
            self._show_message(error.message)
            return None
        self.status_message.emit(f"Recorded {values['code']}: {values['title']}.")
        self.accepted.emit(command.record_id)
        return command.record_id

    def decision_values(self) -> dict[str, Any]:
        """The decision that records the portfolio as it stands."""
        from pmodesk.services.audit import current_user
        from pmodesk.services.lookups import next_code

        assert self._request is not None
        request = self._request
        title = f"Portfolio selection {period_title(request.period_start, request.period_end)}"
        chosen = sorted(
            (self._by_id[pid] for pid in self._chosen if pid in self._by_id),
            key=lambda r: (r.rank, r.code),
        )
        left = sorted(
            (
                self._by_id[pid]
                for pid in self._candidate_pool() - self._chosen
                if pid in self._by_id
            ),
            key=lambda r: (r.rank, r.code),
        )
        cost = sum(r.budget or 0.0 for r in chosen)
        score = sum(r.score for r in chosen)
        chosen_lines = [
            f"- {r.code} {r.name} (score {r.score:.1f}, cost {money(r.budget) or 'none'})"
            for r in chosen
        ]
        left_lines = [f"- {r.code} {r.name}: {self._why_left_out(r.project_id)}" for r in left]
        added = sorted(
            self._by_id[p].code for p in self._chosen - self._suggested if p in self._by_id
        )
        removed = sorted(
            self._by_id[p].code for p in self._suggested - self._chosen if p in self._by_id
        )
        adjusted = []
        if added:
            adjusted.append(f"added {', '.join(added)}")
        if removed:
            adjusted.append(f"took out {', '.join(removed)}")
        limits = [f"budget {money(request.budget)}"] + [
            f"{name} {request.role_capacity_hours[rid]:,.0f} h"
            for rid, name, _h in self._roles
            if rid in request.role_capacity_hours
        ]
        outcome = (
            f"Approved {len(chosen)} projects for {period_title(request.period_start, request.period_end)}"
            f": {', '.join(r.code for r in chosen)}. Total cost {money(cost)} of {money(request.budget)}"
            f", total score {score:.1f}."
        )
        if adjusted:
            outcome += f" The PMO adjusted the suggestion: {'; '.join(adjusted)}."
        if self.over_limits:
            outcome += f" Accepted although it exceeds {'; '.join(self.over_limits)}."
        with self._ctx.session() as session:
            code = next_code(session, Decision)
        explanation = self._result.explanation if self._result is not None else []
        return {
            "code": code,
            "title": title,
            "description": (
                f"Choice of the projects to fund from {request.period_start.isoformat()} to "
                f"{request.period_end.isoformat()} within {', '.join(limits)}."
            ),
            "options": "Chosen:\n"
            + "\n".join(chosen_lines)
            + ("\n\nLeft out:\n" + "\n".join(left_lines) if left_lines else ""),
            "recommendation": " ".join(explanation),
            "forum": FORUM,
            "status": DecisionStatus.APPROVED,
            "decided_on": date.today(),
            "decided_by": current_user(),
            "outcome": outcome,
        }

    def _candidate_pool(self) -> set[uuid.UUID]:
        if self._result is None:
            return set(self._chosen)
        return {r.project_id for r in self._result.chosen} | {
            r.project_id for r, _ in self._result.left_out
        }

    def _why_left_out(self, project_id: uuid.UUID) -> str:
        if project_id in self._suggested:
            return "taken out by the PMO"
        return self._reasons.get(project_id, "not chosen")

    def result_rows(self) -> list[tuple[str, bool, str]]:
        """(code, in the portfolio, why) of each result row, as shown."""
        rows = []
        for row in range(self.result_model.rowCount()):
            rows.append(
                (
                    self.result_model.item(row, 1).text(),
                    self.result_model.item(row, 0).checkState() == Qt.CheckState.Checked,
                    self.result_model.item(row, 5).text(),
                )
            )
        return rows
