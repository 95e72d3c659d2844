"""The record pages of the navigation areas, each a set of tabs with one record list per kind.

* :class:`PortfolioStructurePage` — portfolios, programmes, strategic objectives;
* :class:`PeoplePage` — people, teams, roles.

The Status & RAID and Benefits & lessons areas are the monitoring pages
(:mod:`pmodesk.gui.monitoring`).

The main window asks the visible page for :meth:`RecordsPage.current_model`
(Edit > New record) and calls :meth:`RecordsPage.new_record`.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from pmodesk.domain import (
    Person,
    Portfolio,
    PortfolioRecord,
    Programme,
    Role,
    StrategicObjective,
    Team,
)
from pmodesk.gui.context import AppContext
from pmodesk.gui.records import RecordListTab

#: The tab label of each kind.
PLURALS: dict[type[PortfolioRecord], str] = {
    Portfolio: "Portfolios",
    Programme: "Programmes",
    StrategicObjective: "Strategic objectives",
    Person: "People",
    Team: "Teams",
    Role: "Roles",
}


class RecordsPage(QWidget):
    """A page of record lists, one tab per kind in :attr:`kinds`."""

    kinds: ClassVar[tuple[type[PortfolioRecord], ...]] = ()
    title: ClassVar[str] = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(type(self).__name__)
        self.setAccessibleName(self.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs)
        self._tabs: dict[type[PortfolioRecord], RecordListTab] = {}
        for model in self.kinds:
            tab = RecordListTab(ctx, model, PLURALS[model], self.tabs)
            self._tabs[model] = tab
            self.tabs.addTab(tab, PLURALS[model])
        key = self._settings_key()
        saved = ctx.settings.value(key)
        if saved is not None and str(saved).isdigit() and int(str(saved)) < self.tabs.count():
            self.tabs.setCurrentIndex(int(str(saved)))
        self.tabs.currentChanged.connect(lambda index: ctx.settings.setValue(key, index))

    def _settings_key(self) -> str:
        return f"pages/{type(self).__name__}/tab"

    def tab(self, model: type[PortfolioRecord]) -> RecordListTab:
        """The list tab of ``model`` (a KeyError for a kind this page does not show)."""
        return self._tabs[model]

    def current_tab(self) -> RecordListTab:
        widget = self.tabs.currentWidget()
        assert isinstance(widget, RecordListTab)
        return widget

    def show_kind(self, model: type[PortfolioRecord]) -> RecordListTab:
        """Bring the tab of ``model`` to the front."""
        tab = self._tabs[model]
        self.tabs.setCurrentWidget(tab)
        return tab

    def current_model(self) -> type[PortfolioRecord]:
        """The kind of record of the active tab (what Edit > New record creates)."""
        return self.current_tab().model

    def new_record(self) -> uuid.UUID | None:
        """Open the editor for a new record of the active tab's kind."""
        return self.current_tab().new_record()

    def reload(self) -> None:
        for tab in self._tabs.values():
            tab.reload()


class PortfolioStructurePage(RecordsPage):
    title = "Portfolio structure"
    kinds = (Portfolio, Programme, StrategicObjective)


class PeoplePage(RecordsPage):
    title = "People"
    kinds = (Person, Team, Role)


__all__ = [
    "PLURALS",
    "PeoplePage",
    "PortfolioStructurePage",
    "RecordsPage",
]
