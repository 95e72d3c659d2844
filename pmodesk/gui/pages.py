"""The page registry: which areas the sidebar offers, in order, and how each is built.

A page is named by a :class:`PageSpec`; its class is imported only when the
page is first shown, so the window opens without importing every view.
Later issues add their areas (Board, Resources, Templates, Reports) with
:func:`register_page`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pmodesk.gui.context import AppContext


@dataclass(frozen=True)
class PageSpec:
    """One area of the main window.

    ``factory`` is ``"module:Class"``; the class is called as ``Class(ctx, parent)``.
    ``shortcut`` is a key sequence such as ``"Ctrl+1"`` (empty: none).
    """

    key: str
    title: str
    icon: str
    factory: str
    shortcut: str = ""
    #: The release that brings the page, shown if its module is not installed.
    arrives_with: str = ""


_PAGES: list[PageSpec] = [
    PageSpec("register", "Register", "register", "pmodesk.gui.register.view:RegisterView"),
    PageSpec("board", "Portfolio board", "board", "pmodesk.gui.board.page:BoardPage"),
    PageSpec(
        "priorities", "Priorities", "priorities", "pmodesk.gui.priorities.page:PrioritiesPage"
    ),
    PageSpec("resources", "Resources", "resources", "pmodesk.gui.resources.page:ResourcesPage"),
    PageSpec(
        "portfolio",
        "Portfolios & programmes",
        "portfolio",
        "pmodesk.gui.records_page:PortfolioStructurePage",
    ),
    PageSpec("people", "People & teams", "people", "pmodesk.gui.records_page:PeoplePage"),
    PageSpec("raid", "Status & RAID", "raid", "pmodesk.gui.monitoring.raid_page:RaidPage"),
    PageSpec(
        "benefits",
        "Benefits & lessons",
        "benefits",
        "pmodesk.gui.monitoring.benefits_page:BenefitsPage",
    ),
    PageSpec("templates", "Templates", "templates", "pmodesk.gui.templates.page:TemplatesPage"),
    PageSpec(
        "dashboard",
        "Dashboard",
        "dashboard",
        "pmodesk.gui.monitoring.dashboard_page:DashboardPage",
        "Ctrl+0",
    ),
]


def _with_shortcuts(specs: list[PageSpec]) -> list[PageSpec]:
    """Pages without an explicit shortcut get Ctrl+<position> (1 to 9)."""
    result = []
    for position, spec in enumerate(specs, start=1):
        if not spec.shortcut and position <= 9:
            spec = PageSpec(
                spec.key, spec.title, spec.icon, spec.factory, f"Ctrl+{position}", spec.arrives_with
            )
        result.append(spec)
    return result


def page_specs() -> list[PageSpec]:
    """The pages in sidebar order, each with its shortcut."""
    return _with_shortcuts(list(_PAGES))


def register_page(spec: PageSpec, *, before: str | None = None) -> None:
    """Add a page (or replace the one with the same key), optionally before another page."""
    unregister_page(spec.key)
    if before is not None:
        for index, existing in enumerate(_PAGES):
            if existing.key == before:
                _PAGES.insert(index, spec)
                return
    _PAGES.append(spec)


def unregister_page(key: str) -> None:
    _PAGES[:] = [p for p in _PAGES if p.key != key]


def find_page(key: str) -> PageSpec | None:
    return next((p for p in page_specs() if p.key == key), None)


class UnavailablePage(QWidget):
    """Stands in for an area whose module this copy of pmodesk does not have yet."""

    def __init__(self, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(f"{spec.title} (not available)")
        layout = QVBoxLayout(self)
        title = QLabel(spec.title, self)
        title.setProperty("role", "title")
        when = f" It arrives with {spec.arrives_with}." if spec.arrives_with else ""
        text = QLabel(f"This area is not part of this version of pmodesk yet.{when}", self)
        text.setProperty("role", "muted")
        text.setWordWrap(True)
        for label in (title, text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addStretch(2)


def _missing_module(exc: ModuleNotFoundError, module_name: str) -> bool:
    """True when the page's own module (or a package above it) is what is missing."""
    missing = exc.name or ""
    return bool(missing) and (module_name == missing or module_name.startswith(missing + "."))


def build_page(spec: PageSpec, ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    """Import the page's module and build it; an absent module gives an :class:`UnavailablePage`.

    Any other import error is a bug and propagates to the crash handler.
    """
    module_name, _, class_name = spec.factory.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if not _missing_module(exc, module_name):
            raise
        return UnavailablePage(spec, parent)
    page_class = getattr(module, class_name)
    widget = page_class(ctx, parent)
    if not isinstance(widget, QWidget):
        raise TypeError(f"{spec.factory} did not build a QWidget")
    return widget
