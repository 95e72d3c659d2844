"""The project filter the register and the board share: one per application context.

Filtering the register by a programme and switching to the board shows the
board filtered the same way (and back). :func:`shared_filter` returns the
context's :class:`SharedFilter`, created on first use as a child of the
context; views read :attr:`SharedFilter.current`, write with
:meth:`SharedFilter.set_filter` and follow :attr:`SharedFilter.changed`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from pmodesk.gui.context import AppContext
from pmodesk.services.register import RegisterFilter

#: The object name under which the context keeps its shared filter.
OBJECT_NAME = "pmodeskSharedProjectFilter"


class SharedFilter(QObject):
    """Holds the current :class:`RegisterFilter`; emits ``changed`` when it differs."""

    #: The filter changed; the argument is the new :class:`RegisterFilter`.
    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self._current = RegisterFilter()

    @property
    def current(self) -> RegisterFilter:
        return self._current

    def set_filter(self, wanted: RegisterFilter) -> bool:
        """Make ``wanted`` the current filter; True (and ``changed`` emitted) when it differs.

        Filters compare by value, so a view echoing back the filter it was just
        given emits nothing: no signal loops between views.
        """
        if wanted == self._current:
            return False
        self._current = wanted
        self.changed.emit(wanted)
        return True

    def clear(self) -> None:
        """Show every live project again (keeps "show archived" as it is)."""
        self.set_filter(RegisterFilter(show_archived=self._current.show_archived))


def shared_filter(ctx: AppContext) -> SharedFilter:
    """The context's shared filter, created on first use and kept as the context's child."""
    found = ctx.findChild(SharedFilter, OBJECT_NAME)
    if isinstance(found, SharedFilter):
        return found
    return SharedFilter(ctx)
