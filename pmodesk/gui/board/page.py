"""The portfolio board page: the toolbar, the board of cards, the legend, and the actions.

Layout from ``ui/board_page.ui``: the register's search box and filters (the
same :class:`~pmodesk.gui.register.filter_bar.FilterBar`, kept in step with
the register through :func:`pmodesk.gui.shared_filter.shared_filter`), the
swimlane choice, the gate mode, a count, the :class:`BoardView` and a legend.
Moving a card (drag, Ctrl+Right / Ctrl+Left, the card's menu) opens the
:class:`~pmodesk.gui.board.gate_dialog.GateDialog`; holds, cancels and closes
ask for a reason; everything goes through the context's undo stack.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain.enums import GateMode, ProjectState, Rag
from pmodesk.errors import DomainError
from pmodesk.gui.board.commands import ChangeStateCommand
from pmodesk.gui.board.delegate import BADGES
from pmodesk.gui.board.model import BoardModel, format_money
from pmodesk.gui.board.view import BoardView
from pmodesk.gui.context import AppContext
from pmodesk.gui.forms import load_form
from pmodesk.gui.icons import icon
from pmodesk.gui.page_messages import announce
from pmodesk.gui.register.delegates import paint_rag_chip
from pmodesk.gui.register.filter_bar import FilterBar
from pmodesk.gui.shared_filter import shared_filter
from pmodesk.services.board import BOARD_TABLES, Swimlanes
from pmodesk.services.register import RegisterFilter, filter_choices

SWIMLANES_KEY = "board/swimlanes"
_CHOICE_TABLES = frozenset({"project", "portfolio", "programme", "stage"})
_SETTING_TABLES = frozenset({"workspace_setting"})
_STATE_ACTIONS: tuple[tuple[ProjectState, str], ...] = (
    (ProjectState.ON_HOLD, "Put on &hold…"),
    (ProjectState.CANCELLED, "C&ancel…"),
    (ProjectState.CLOSED, "C&lose…"),
)


def _chip_pixmap(rag: Rag, size: QSize) -> QPixmap:
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_rag_chip(painter, QRectF(0, 0, size.width(), size.height()), rag)
    painter.end()
    return pixmap


class BoardPage(QWidget):
    """The portfolio board: ``BoardPage(ctx, parent)``."""

    #: A message for the status bar (refused moves, results).
    status_message = Signal(str)

    # Widgets from ui/board_page.ui
    searchEdit: QLineEdit
    portfolioButton: QToolButton
    programmeButton: QToolButton
    stageButton: QToolButton
    stateButton: QToolButton
    ragButton: QToolButton
    managerButton: QToolButton
    showArchivedCheck: QCheckBox
    clearFiltersButton: QToolButton
    swimlaneCombo: QComboBox
    gateModeLabel: QLabel
    countLabel: QLabel
    messageLabel: QLabel
    boardHost: QWidget
    legendHost: QWidget

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        load_form("board_page.ui", self)
        self.shared = shared_filter(ctx)
        self.model = BoardModel(ctx, self, load=False)
        self.view = BoardView(self.boardHost)
        layout = self.boardHost.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self.view)
        self.view.setModel(self.model)
        self._build_legend()

        self.filter_bar = FilterBar.from_form(self)
        for swimlanes in Swimlanes:
            self.swimlaneCombo.addItem(swimlanes.label, swimlanes.value)
        self.gateModeLabel.setProperty("role", "muted")
        self.countLabel.setProperty("role", "muted")
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(10_000)
        self._message_timer.timeout.connect(self.messageLabel.hide)
        self._setup_actions()

        stored = str(ctx.settings.value(SWIMLANES_KEY, Swimlanes.NONE.value))
        at = self.swimlaneCombo.findData(stored)
        self.swimlaneCombo.setCurrentIndex(max(at, 0))
        self.model.set_swimlanes(self.swimlanes())
        self.swimlaneCombo.currentIndexChanged.connect(self._on_swimlanes)

        self.filter_bar.changed.connect(self._on_filter_bar)
        self.shared.changed.connect(self._on_shared_filter)
        self.model.modelReset.connect(self._update_count)
        self.view.move_requested.connect(self.request_move)
        self.view.step_requested.connect(self.step)
        self.view.open_requested.connect(self.open_project)
        self.view.menu_requested.connect(self._show_menu)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(self.reload)

        self.reload()
        if self.shared.current != RegisterFilter():
            self.filter_bar.set_state(self.shared.current)

    # ------------------------------------------------------------ public API

    def current_model(self) -> type[Any]:
        """The record kind Edit > New record creates here: a project."""
        from pmodesk.domain import Project

        return Project

    def new_record(self) -> None:
        """A new idea enters the first stage through the intake form."""
        from pmodesk.gui.priorities.intake_dialog import open_intake

        new_id = open_intake(self._ctx, self)
        if new_id is not None:
            self.view.select_project(new_id)

    def reload(self) -> None:
        """Read the cards, the filter choices and the gate mode again."""
        self.model.reload()
        with self._ctx.session() as session:
            choices = filter_choices(session)
        self.filter_bar.set_choices(choices)
        self._update_gate_mode()

    def swimlanes(self) -> Swimlanes:
        return Swimlanes(self.swimlaneCombo.currentData())

    def set_swimlanes(self, swimlanes: Swimlanes) -> None:
        self.swimlaneCombo.setCurrentIndex(self.swimlaneCombo.findData(swimlanes.value))

    def filter_state(self) -> RegisterFilter:
        return self.model.register_filter()

    def set_filter_state(self, wanted: RegisterFilter) -> None:
        self.filter_bar.set_state(wanted)

    def focus_search(self) -> None:
        self.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.searchEdit.selectAll()

    def show_message(self, text: str) -> None:
        """Show ``text`` above the board and in the window's status bar."""
        announce(self, self.messageLabel, self._message_timer, text)
        self.status_message.emit(text)

    # ------------------------------------------------------------ set-up

    def _build_legend(self) -> None:
        layout = self.legendHost.layout()
        assert isinstance(layout, QHBoxLayout)
        height = max(16, self.fontMetrics().height())
        chip = QSize(round(height * 1.9), height + 4)

        def add(pixmap: QPixmap | None, text: str) -> None:
            if pixmap is not None:
                picture = QLabel(self.legendHost)
                picture.setPixmap(pixmap)
                layout.addWidget(picture)
            label = QLabel(text, self.legendHost)
            label.setProperty("role", "muted")
            layout.addWidget(label)

        for rag, text in ((Rag.GREEN, "On track"), (Rag.AMBER, "At risk"), (Rag.RED, "Off track")):
            add(_chip_pixmap(rag, chip), text + "   ")
        for name, text in BADGES:
            add(icon(name).pixmap(QSize(14, 14)), text + "   ")
        layout.addStretch(1)
        # The count and the gate mode sit at the right of the legend bar.
        for widget in (self.gateModeLabel, self.countLabel):
            layout.addWidget(widget)
        self.view.setToolTip(
            "Drag a card to another stage, or press Ctrl+Right / Ctrl+Left, to move it "
            "through its gate. Enter opens the project; right-click for more."
        )

    def _setup_actions(self) -> None:
        find = QAction("&Find", self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)

    # ------------------------------------------------------------ filters, swimlanes, refresh

    def _on_filter_bar(self, wanted: RegisterFilter) -> None:
        self.model.set_register_filter(wanted)
        self.shared.set_filter(wanted)

    def _on_shared_filter(self, wanted: RegisterFilter) -> None:
        if wanted != self.filter_bar.state():
            self.filter_bar.set_state(wanted)  # emits changed -> _on_filter_bar
        self.model.set_register_filter(wanted)

    def _on_swimlanes(self, _index: int) -> None:
        swimlanes = self.swimlanes()
        self._ctx.settings.setValue(SWIMLANES_KEY, swimlanes.value)
        self.model.set_swimlanes(swimlanes)

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if tables & BOARD_TABLES:
            self.model.reload()
        if tables & _CHOICE_TABLES:
            with self._ctx.session() as session:
                self.filter_bar.set_choices(filter_choices(session))
        if tables & _SETTING_TABLES:
            self._update_gate_mode()

    def _update_gate_mode(self) -> None:
        from pmodesk.services.settings import GATE_MODE, get_setting

        with self._ctx.session() as session:
            mode = GateMode(get_setting(session, GATE_MODE))
        self.gateModeLabel.setText(f"Gates: {mode.value.capitalize()}  ·")
        self.gateModeLabel.setToolTip(
            {
                GateMode.SUPPORTIVE: "Missing checklist items are advice; moves go ahead.",
                GateMode.CONTROLLING: "Moves wait until required items are done or waived.",
                GateMode.DIRECTIVE: "Moves also need the PMO's recorded decision.",
            }[mode]
        )

    def _update_count(self) -> None:
        model = self.model
        shown, total = len(model.cards), model.total_count
        budget = sum(card.budget or 0.0 for card in model.cards)
        self.countLabel.setText(
            f"{shown:,} of {total:,} project{'s' if total != 1 else ''} · "
            f"{format_money(budget, model.currency)}"
        )

    # ------------------------------------------------------------ actions

    def open_project(self, project_id: uuid.UUID) -> None:
        """Open the project's form."""
        from pmodesk.domain import Project
        from pmodesk.gui.editors import open_editor

        open_editor(self._ctx, Project, record_id=project_id, parent=self)

    def request_move(self, project_id: uuid.UUID, to_stage_id: uuid.UUID) -> bool:
        """Run the gate for moving the project to ``to_stage_id``; True when it moved."""
        from pmodesk.gui.board.gate_dialog import GateDialog

        try:
            dialog = GateDialog(self._ctx, project_id, to_stage_id, self)
        except DomainError as error:
            self.show_message(error.message)
            return False
        try:
            moved = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        if moved:
            self.view.select_project(project_id)
            check = dialog.check
            if check is not None:
                self.show_message(f"{check.project_code} moved to {check.to_stage_name}.")
        return moved

    def step(self, project_id: uuid.UUID, direction: int) -> bool:
        """Move the project to the next (``+1``) or previous (``-1``) stage, through the gate."""
        from pmodesk.services import gates

        try:
            with self._ctx.session() as session:
                previous, following = gates.adjacent_stages(session, project_id)
        except DomainError as error:
            self.show_message(error.message)
            return False
        target = following if direction > 0 else previous
        if target is None:
            self.show_message(
                "The project is already in the last stage."
                if direction > 0
                else "The project is already in the first stage."
            )
            return False
        return self.request_move(project_id, target)

    def change_state(
        self, project_id: uuid.UUID, state: ProjectState, reason: str | None = None
    ) -> bool:
        """Put the project on hold, cancel or close it; asks for the reason unless given."""
        card_row = self.model.row_of(project_id)
        code = self.model.card_at(card_row).code if card_row is not None else "the project"
        if reason is None:
            verb = {
                ProjectState.ON_HOLD: "put on hold",
                ProjectState.CANCELLED: "cancelled",
                ProjectState.CLOSED: "closed",
                ProjectState.ACTIVE: "reactivated",
            }[state]
            text, ok = QInputDialog.getText(
                self,
                f"Project {verb}",
                f"Why is {code} being {verb}? The reason is kept in the audit trail.",
            )
            if not ok:
                return False
            reason = text
        try:
            self._ctx.push(ChangeStateCommand(self._ctx, project_id, state, reason))
        except DomainError as error:
            self.show_message(error.message)
            return False
        self.show_message(f"{code} is now {state.label.lower()}.")
        return True

    def copy_code(self, project_id: uuid.UUID) -> None:
        row = self.model.row_of(project_id)
        if row is not None:
            QGuiApplication.clipboard().setText(self.model.card_at(row).code)

    def card_menu(self, project_id: uuid.UUID) -> QMenu:
        """The card's menu: open, move, hold, cancel, close, copy code."""
        menu = QMenu(self)
        row = self.model.row_of(project_id)
        card = self.model.card_at(row) if row is not None else None
        active = card is not None and card.state is ProjectState.ACTIVE
        ended = card is not None and card.state in (ProjectState.CANCELLED, ProjectState.CLOSED)
        open_action = menu.addAction(icon("open"), "&Open…")
        open_action.triggered.connect(lambda: self.open_project(project_id))
        menu.setDefaultAction(open_action)
        menu.addSeparator()
        forward = menu.addAction(icon("gate"), "Move to &next stage…")
        forward.setShortcut(QKeySequence("Ctrl+Right"))
        forward.setEnabled(not ended)
        forward.triggered.connect(lambda: self.step(project_id, 1))
        back = menu.addAction("Move &back…")
        back.setShortcut(QKeySequence("Ctrl+Left"))
        back.setEnabled(not ended)
        back.triggered.connect(lambda: self.step(project_id, -1))
        menu.addSeparator()
        for state, text in _STATE_ACTIONS:
            action = menu.addAction(text)
            action.setEnabled(card is not None and card.state is not state)
            action.triggered.connect(lambda _c=False, s=state: self.change_state(project_id, s))
        if card is not None and not active:
            reactivate = menu.addAction("&Reactivate")
            reactivate.triggered.connect(
                lambda: self.change_state(project_id, ProjectState.ACTIVE, "Reactivated")
            )
        menu.addSeparator()
        copy = menu.addAction("&Copy code")
        copy.triggered.connect(lambda: self.copy_code(project_id))
        return menu

    def _show_menu(self, project_id: uuid.UUID, where: QPoint) -> None:
        menu = self.card_menu(project_id)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(where)
