"""The Status & RAID area: the RAID log, status reports per period, decisions, milestones, baselines.

``RaidPage(ctx, parent)``; the main window asks it for :meth:`current_model`
(Edit > New record) and calls :meth:`new_record`. Each tab loads when it is
first shown and refreshes itself when a table it shows changes.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from pmodesk.domain import Decision, Milestone, RaidItem, StatusReport
from pmodesk.gui.context import AppContext
from pmodesk.gui.monitoring.baselines_tab import BaselinesTab
from pmodesk.gui.monitoring.period_tab import PeriodTab
from pmodesk.gui.monitoring.raid_tab import RaidLogTab
from pmodesk.gui.records import RecordListTab

SETTINGS_KEY = "pages/RaidPage/tab"


class RaidPage(QWidget):
    """See the module docstring."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("RaidPage")
        self.setAccessibleName("Status and RAID")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        title = QLabel("Status & RAID", self)
        title.setProperty("role", "title")
        layout.addWidget(title)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self.raid = RaidLogTab(ctx, self.tabs)
        self.periods = PeriodTab(ctx, self.tabs)
        self.decisions = RecordListTab(ctx, Decision, "Decisions", self.tabs)
        self.milestones = RecordListTab(ctx, Milestone, "Milestones", self.tabs)
        self.baselines = BaselinesTab(ctx, self.tabs)
        self.tabs.addTab(self.raid, "&RAID log")
        self.tabs.addTab(self.periods, "Status re&ports")
        self.tabs.addTab(self.decisions, "&Decisions")
        self.tabs.addTab(self.milestones, "&Milestones")
        self.tabs.addTab(self.baselines, "&Baselines")
        self.tabs.setTabToolTip(2, "The decision log; pending decisions go into the review pack")
        saved = ctx.settings.value(SETTINGS_KEY)
        if saved is not None and str(saved).isdigit() and int(str(saved)) < self.tabs.count():
            self.tabs.setCurrentIndex(int(str(saved)))
        self.tabs.currentChanged.connect(lambda index: ctx.settings.setValue(SETTINGS_KEY, index))

    def current_model(self) -> type[Any] | None:
        """What Edit > New record creates on the tab shown."""
        widget = self.tabs.currentWidget()
        if widget is self.raid:
            return RaidItem
        if widget is self.periods:
            return StatusReport
        if isinstance(widget, RecordListTab):
            return widget.model
        return None

    def new_record(self) -> uuid.UUID | None:
        widget = self.tabs.currentWidget()
        if widget is self.raid:
            return self.raid.new_record()
        if widget is self.periods:
            return self.periods.new_report()
        if isinstance(widget, RecordListTab):
            return widget.new_record()
        return None

    def show_tab(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)


__all__ = ["RaidPage"]
