"""The Benefits & lessons area: benefits with their measurements and roll-up, the lessons repository.

``BenefitsPage(ctx, parent)``; the main window asks it for :meth:`current_model`
(Edit > New record) and calls :meth:`new_record`.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from pmodesk.domain import Benefit, Lesson
from pmodesk.gui.context import AppContext
from pmodesk.gui.monitoring.benefits_tab import BenefitsTab
from pmodesk.gui.monitoring.lessons_tab import LessonsTab

SETTINGS_KEY = "pages/BenefitsPage/tab"


class BenefitsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("BenefitsPage")
        self.setAccessibleName("Benefits and lessons")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        title = QLabel("Benefits & lessons", self)
        title.setProperty("role", "title")
        layout.addWidget(title)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self.benefits = BenefitsTab(ctx, self.tabs)
        self.lessons = LessonsTab(ctx, self.tabs)
        self.tabs.addTab(self.benefits, "&Benefits")
        self.tabs.addTab(self.lessons, "&Lessons learned")
        saved = ctx.settings.value(SETTINGS_KEY)
        if saved is not None and str(saved).isdigit() and int(str(saved)) < self.tabs.count():
            self.tabs.setCurrentIndex(int(str(saved)))
        self.tabs.currentChanged.connect(lambda index: ctx.settings.setValue(SETTINGS_KEY, index))

    def current_model(self) -> type[Any]:
        return Lesson if self.tabs.currentWidget() is self.lessons else Benefit

    def new_record(self) -> uuid.UUID | None:
        if self.tabs.currentWidget() is self.lessons:
            return self.lessons.new_record()
        return self.benefits.new_record()


__all__ = ["BenefitsPage"]
