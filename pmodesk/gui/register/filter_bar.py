"""The register's filter bar: a search box, multi-select filter menus, "show archived".

The widgets come from ``ui/register_view.ui``; :class:`FilterBar` wires them
into one :class:`~pmodesk.services.register.RegisterFilter`, emitted on every
change. Each filter button opens a menu of checkable values that stays open
while the user ticks several.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QCheckBox, QLineEdit, QMenu, QToolButton, QWidget

from pmodesk.services.register import FilterChoices, RegisterFilter

#: RegisterFilter field → FilterChoices field and the button's title.
FILTERS: tuple[tuple[str, str], ...] = (
    ("portfolios", "Portfolio"),
    ("programmes", "Programme"),
    ("stages", "Stage"),
    ("states", "State"),
    ("rags", "RAG"),
    ("managers", "Manager"),
)


class _StayOpen(QObject):
    """Keeps a menu open when a checkable action is clicked, so several can be ticked."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(watched, QMenu):
            assert isinstance(event, QMouseEvent)
            action = watched.actionAt(event.position().toPoint())
            if action is not None and action.isCheckable() and action.isEnabled():
                action.trigger()
                return True
        return False


class ChoiceMenu(QObject):
    """A multi-select menu of ``(key, label)`` choices on a tool button."""

    changed = Signal()

    def __init__(self, button: QToolButton, title: str) -> None:
        super().__init__(button)
        self._button = button
        self._title = title
        self._menu = QMenu(button)
        self._menu.setToolTipsVisible(True)
        self._stay_open = _StayOpen(self._menu)
        self._menu.installEventFilter(self._stay_open)
        self._actions: dict[str, QAction] = {}
        button.setMenu(self._menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._update_text()

    @property
    def menu(self) -> QMenu:
        return self._menu

    def set_choices(self, choices: Iterable[tuple[str, str]]) -> None:
        """Offer ``choices``; keys that are still offered stay ticked."""
        keep = self.selected()
        self._menu.clear()
        self._actions = {}
        any_action = self._menu.addAction("Any")
        any_action.triggered.connect(lambda: self.set_selected(frozenset(), notify=True))
        self._menu.addSeparator()
        for key, label in choices:
            action = self._menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(key in keep)
            action.toggled.connect(self._on_toggled)
            self._actions[key] = action
        self._update_text()
        if keep - set(self._actions):
            self.changed.emit()

    def keys(self) -> list[str]:
        return list(self._actions)

    def action(self, key: str) -> QAction:
        return self._actions[key]

    def selected(self) -> frozenset[str]:
        return frozenset(key for key, action in self._actions.items() if action.isChecked())

    def set_selected(self, keys: frozenset[str], *, notify: bool = False) -> None:
        if keys == self.selected():
            return
        for key, action in self._actions.items():
            action.blockSignals(True)
            action.setChecked(key in keys)
            action.blockSignals(False)
        self._update_text()
        if notify:
            self.changed.emit()

    def _on_toggled(self, _checked: bool) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        count = sum(1 for action in self._actions.values() if action.isChecked())
        self._button.setText(f"{self._title} ({count})" if count else self._title)
        self._button.setAccessibleName(f"Filter by {self._title.lower()}")


class FilterBar(QObject):
    """Turns the filter widgets into a :class:`RegisterFilter` and back."""

    changed = Signal(object)

    def __init__(
        self,
        search: QLineEdit,
        buttons: dict[str, QToolButton],
        show_archived: QCheckBox,
        clear: QToolButton,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._show_archived = show_archived
        self.menus: dict[str, ChoiceMenu] = {}
        for field, title in FILTERS:
            menu = ChoiceMenu(buttons[field], title)
            menu.changed.connect(self._emit)
            self.menus[field] = menu
        search.textChanged.connect(self._emit)
        show_archived.toggled.connect(self._emit)
        clear.clicked.connect(self.clear)
        self._current = RegisterFilter()

    @classmethod
    def from_form(cls, page: QWidget) -> FilterBar:
        """The filter bar of a page whose form uses the standard widget names.

        ``ui/register_view.ui`` and ``ui/board_page.ui`` both name their filter widgets
        ``searchEdit``, ``<field>Button`` (portfolio, programme, stage, state, rag,
        manager), ``showArchivedCheck`` and ``clearFiltersButton``.
        """
        names = {field: f"{field[:-1]}Button" for field, _title in FILTERS}
        found = {name: page.findChild(QObject, name) for name in names.values()}
        for name in ("searchEdit", "showArchivedCheck", "clearFiltersButton"):
            found[name] = page.findChild(QObject, name)
        missing = sorted(name for name, widget in found.items() if widget is None)
        if missing:
            raise RuntimeError(f"The form of {page.objectName()} lacks {', '.join(missing)}.")
        return cls(
            cast(QLineEdit, found["searchEdit"]),
            {field: cast(QToolButton, found[name]) for field, name in names.items()},
            cast(QCheckBox, found["showArchivedCheck"]),
            cast(QToolButton, found["clearFiltersButton"]),
            page,
        )

    def set_choices(self, choices: FilterChoices) -> None:
        for field, menu in self.menus.items():
            menu.set_choices(getattr(choices, field))

    def state(self) -> RegisterFilter:
        return RegisterFilter(
            text=self._search.text(),
            show_archived=self._show_archived.isChecked(),
            **{field: menu.selected() for field, menu in self.menus.items()},
        )

    def set_state(self, wanted: RegisterFilter) -> None:
        """Show ``wanted`` in the widgets and emit it once."""
        for widget in (self._search, self._show_archived):
            widget.blockSignals(True)
        self._search.setText(wanted.text)
        self._show_archived.setChecked(wanted.show_archived)
        for widget in (self._search, self._show_archived):
            widget.blockSignals(False)
        for field, menu in self.menus.items():
            menu.set_selected(getattr(wanted, field))
        self._emit()

    def clear(self) -> None:
        self.set_state(RegisterFilter(show_archived=self._show_archived.isChecked()))

    def _emit(self) -> None:
        state = self.state()
        if state != self._current:
            self._current = state
            self.changed.emit(state)
