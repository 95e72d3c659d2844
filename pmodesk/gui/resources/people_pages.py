"""The people-development tabs of the Resources page, and the staffing search.

Skills (the catalogue and each person's level), certifications (expiring and
expired ones highlighted, with a count above the list), the training log,
leave and other capacity exceptions, and public holidays are record lists
(:class:`~pmodesk.gui.records.RecordListTab`, editors from
:mod:`pmodesk.gui.editors`). The staffing search (``ui/staffing_search.ui``)
finds people with a skill and free hours over a span of weeks, best fit first.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain import (
    CapacityException,
    Certification,
    PersonSkill,
    PortfolioRecord,
    PublicHoliday,
    Skill,
    TrainingRecord,
)
from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.forms import load_form
from pmodesk.gui.records import RecordListTab
from pmodesk.services import capacity, lookups

#: Certificates expiring within this many days are highlighted.
EXPIRY_WARNING_DAYS = 90
EXPIRED_COLOUR = QColor("#f8d0d0")
EXPIRING_COLOUR = QColor("#fde7b0")

AnyIndex = QModelIndex | QPersistentModelIndex

#: (kind, tab title) in tab order.
RECORD_TABS: tuple[tuple[type[PortfolioRecord], str], ...] = (
    (Skill, "Skills"),
    (PersonSkill, "Skill levels"),
    (Certification, "Certifications"),
    (TrainingRecord, "Training"),
    (CapacityException, "Leave & exceptions"),
    (PublicHoliday, "Public holidays"),
)


def expiry_state(expires_on: date | None, today: date | None = None) -> str:
    """``"expired"``, ``"expiring"`` (within 90 days) or ``""``."""
    if expires_on is None:
        return ""
    today = today or date.today()
    if expires_on < today:
        return "expired"
    if expires_on <= today + timedelta(days=EXPIRY_WARNING_DAYS):
        return "expiring"
    return ""


class ExpiryDelegate(QStyledItemDelegate):
    """Tints the rows of certificates that have expired (red) or expire soon (amber)."""

    def __init__(self, tab: RecordListTab) -> None:
        super().__init__(tab.tableView)
        self._tab = tab
        keys = [c.key for c in tab.listing.columns]
        self._column = keys.index("expires_on")

    def state(self, index: AnyIndex) -> str:
        source = self._tab.proxy.mapToSource(self._tab.proxy.index(index.row(), index.column()))
        values = self._tab.table_model.row_record(source.row()).values
        value = values[self._column]
        return expiry_state(value if isinstance(value, date) else None)

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        state = self.state(index)
        if state:
            colour = EXPIRED_COLOUR if state == "expired" else EXPIRING_COLOUR
            option.backgroundBrush = QBrush(colour)
            if index.column() == self._column:
                option.text = f"{option.text}  ({state})"


class CertificationsTab(QWidget):
    """The certification list with expiring ones highlighted and counted."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.expiry_label = QLabel(self)
        self.expiry_label.setObjectName("expiryLabel")
        self.expiry_label.setWordWrap(True)
        layout.addWidget(self.expiry_label)
        self.list_tab = RecordListTab(ctx, Certification, "Certifications", self)
        layout.addWidget(self.list_tab, 1)
        self.delegate = ExpiryDelegate(self.list_tab)
        self.list_tab.tableView.setItemDelegate(self.delegate)
        ctx.data_changed.connect(self._on_data_changed)
        self._stale = True

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if tables & {"certification", "person"}:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        with self.ctx.session() as session:
            soon = capacity.expiring_certifications(session, within_days=EXPIRY_WARNING_DAYS)
        self._stale = False
        expired = [c for c in soon if c.expired]
        if not soon:
            self.expiry_label.setText(
                f"No certificate expires in the next {EXPIRY_WARNING_DAYS} days."
            )
            return
        names = ", ".join(f"{c.person_name} — {c.name} ({c.expires_on})" for c in soon[:5])
        more = f" and {len(soon) - 5} more" if len(soon) > 5 else ""
        self.expiry_label.setText(
            f"⚠ {len(soon) - len(expired)} certificates expire within {EXPIRY_WARNING_DAYS} days"
            f" and {len(expired)} have expired: {names}{more}."
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()


class StaffingSearch(QWidget):
    """Who has a skill and free hours over a span of weeks, best fit first."""

    skillCombo: QComboBox
    levelSpin: QSpinBox
    fromDate: QDateEdit
    weeksSpin: QSpinBox
    hoursSpin: QDoubleSpinBox
    searchButton: QPushButton
    resultsTable: QTableWidget
    resultLabel: QLabel

    HEADERS = ("Person", "Team", "Role", "Level", "Weeks free", "Least free h", "Average free h")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_form("staffing_search.ui", self)
        self.ctx = ctx
        self.setObjectName("staffingSearch")
        today = date.today()
        self.fromDate.setDate(QDate(today - timedelta(days=today.weekday())))
        self.resultsTable.setColumnCount(len(self.HEADERS))
        self.resultsTable.setHorizontalHeaderLabels(list(self.HEADERS))
        self.resultsTable.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.resultsTable.horizontalHeader().setStretchLastSection(True)
        self.searchButton.clicked.connect(self.search)
        self._skills_loaded = False
        self.matches: list[Any] = []
        ctx.data_changed.connect(self._on_data_changed)

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if "skill" in tables:
            self._skills_loaded = False

    def load_skills(self) -> None:
        with self.ctx.session() as session:
            skills = lookups.choices(session, Skill)
        current = self.skillCombo.currentData()
        self.skillCombo.clear()
        for choice in skills:
            self.skillCombo.addItem(choice.label, str(choice.id))
        if current is not None:
            self.skillCombo.setCurrentIndex(max(0, self.skillCombo.findData(current)))
        self._skills_loaded = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._skills_loaded:
            self.load_skills()

    def search(self) -> list[Any]:
        if not self._skills_loaded:
            self.load_skills()
        skill = self.skillCombo.currentData()
        if not skill:
            self.resultLabel.setText("There are no skills yet: add them on the Skills tab first.")
            return []
        start = self.fromDate.date().toPython()
        assert isinstance(start, date)
        try:
            with self.ctx.session() as session:
                self.matches = capacity.staffing_search(
                    session,
                    skill_id=uuid.UUID(str(skill)),
                    min_level=self.levelSpin.value(),
                    start=start,
                    weeks=self.weeksSpin.value(),
                    hours_per_week=self.hoursSpin.value(),
                )
        except DomainError as error:
            self.resultLabel.setText(error.message)
            return []
        self.resultsTable.setRowCount(len(self.matches))
        for row, match in enumerate(self.matches):
            cells = (
                match.name,
                match.team,
                match.role,
                str(match.level),
                f"{match.weeks_covered} of {match.weeks}",
                f"{match.min_free_hours:.1f}",
                f"{match.average_free_hours:.1f}",
            )
            for column, text in enumerate(cells):
                self.resultsTable.setItem(row, column, QTableWidgetItem(text))
        full = sum(1 for m in self.matches if m.covers_all)
        self.resultLabel.setText(
            f"{len(self.matches)} people could take the work; {full} have the hours in every week."
            if self.matches
            else "No one with that skill has the free hours; try fewer hours or another span."
        )
        return self.matches


class PeopleDevelopmentTabs:
    """Builds the record tabs and the staffing search; answers which kind each tab shows."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        self._pages: list[tuple[QWidget, str]] = []
        self._tabs: dict[int, RecordListTab] = {}
        self.certifications: CertificationsTab | None = None
        for model, title in RECORD_TABS:
            if model is Certification:
                self.certifications = CertificationsTab(ctx, parent)
                widget: QWidget = self.certifications
                tab = self.certifications.list_tab
            else:
                tab = RecordListTab(ctx, model, title, parent)
                widget = tab
            self._tabs[id(widget)] = tab
            self._pages.append((widget, title))
        self.staffing = StaffingSearch(ctx, parent)
        self._pages.append((self.staffing, "Staffing search"))

    def pages(self) -> list[tuple[QWidget, str]]:
        return list(self._pages)

    def list_tab(self, widget: QWidget | None) -> RecordListTab | None:
        return self._tabs.get(id(widget)) if widget is not None else None

    def model_of(self, widget: QWidget | None) -> type[PortfolioRecord] | None:
        tab = self.list_tab(widget)
        return tab.model if tab is not None else None
