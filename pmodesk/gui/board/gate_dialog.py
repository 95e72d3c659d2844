"""The stage-gate dialog: what passing the gate needs, answered in place, then the move.

Opened when a card is dropped on another stage (or moved with Ctrl+Right /
Ctrl+Left, or from the card's menu). It shows the exit-gate checklist of the
stage being left with each item's status (done, waived with its reason,
missing), editable here; what the workspace's gate mode makes of it
(supportive: advice, the move goes ahead; controlling: the move waits until
every required item is done or waived; directive: it also needs the PMO's
decision with its forum and date, which can be recorded here); and a reason,
required for moving back. Confirming pushes an undoable
:class:`~pmodesk.gui.board.commands.MoveStageCommand`; a refusal shows the
service's sentence in the dialog.
"""

from __future__ import annotations

import html
import uuid
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pmodesk.domain.enums import ChecklistStatus, GateMode
from pmodesk.errors import DomainError
from pmodesk.gui.board.commands import MoveStageCommand
from pmodesk.gui.context import AppContext
from pmodesk.gui.forms import load_form
from pmodesk.gui.theme import RAG_COLOURS

_STATUS_LABELS: dict[ChecklistStatus, str] = {
    ChecklistStatus.MISSING: "✗ Missing",
    ChecklistStatus.DONE: "✓ Done",
    ChecklistStatus.WAIVED: "~ Waived",
}
_MODE_TEXT: dict[GateMode, str] = {
    GateMode.SUPPORTIVE: (
        "<b>Supportive PMO</b> — the checklist is advice: missing items are noted in the "
        "audit trail and the move goes ahead."
    ),
    GateMode.CONTROLLING: (
        "<b>Controlling PMO</b> — every required item must be done, or waived with a "
        "recorded reason, before the project may move on."
    ),
    GateMode.DIRECTIVE: (
        "<b>Directive PMO</b> — every required item must be done or waived, and the PMO's "
        "decision (forum and date) must be recorded before the project may move on."
    ),
}
#: The tables a checklist answer or a gate decision changes.
_CHECKLIST_TABLES = frozenset({"project_checklist_item"})
_DECISION_TABLES = frozenset({"decision"})


class GateDialog(QDialog):
    """``GateDialog(ctx, project_id, to_stage_id, parent)``; ``exec()`` accepted = moved."""

    # Widgets from ui/gate_dialog.ui
    titleLabel: QLabel
    routeLabel: QLabel
    modeLabel: QLabel
    checklistGroup: QGroupBox
    checklistHint: QLabel
    checklistTable: QTableWidget
    decisionGroup: QGroupBox
    decisionStatusLabel: QLabel
    forumEdit: QLineEdit
    decidedOnEdit: QDateEdit
    decidedByEdit: QLineEdit
    recordDecisionButton: QPushButton
    reasonLabel: QLabel
    reasonEdit: QLineEdit
    outcomeLabel: QLabel
    errorLabel: QLabel
    cancelButton: QPushButton
    moveButton: QPushButton

    def __init__(
        self,
        ctx: AppContext,
        project_id: uuid.UUID,
        to_stage_id: uuid.UUID,
        parent: QWidget | None = None,
        *,
        reason: str = "",
    ) -> None:
        super().__init__(parent)
        load_form("gate_dialog.ui", self)
        self._ctx = ctx
        self.project_id = project_id
        self.to_stage_id = to_stage_id
        self.command: MoveStageCommand | None = None
        from pmodesk.services import gates

        self._gates = gates
        self.check: gates.GateCheck | None = None
        self._item_ids: list[uuid.UUID] = []
        self._codes: list[str] = []

        self.titleLabel.setProperty("role", "title")
        self.routeLabel.setProperty("role", "muted")
        self.modeLabel.setFrameShape(QLabel.Shape.StyledPanel)
        self.modeLabel.setMargin(8)
        self.errorLabel.setStyleSheet(f"color: {RAG_COLOURS['red']}; font-weight: 600;")
        self.errorLabel.hide()
        table = self.checklistTable
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels(["Item", "Status", "Reason (for a waiver)"])
        table.verticalHeader().hide()
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 200)
        self.decidedOnEdit.setDate(QDate.currentDate())
        self.reasonEdit.setText(reason)

        self.cancelButton.clicked.connect(self.reject)
        self.moveButton.clicked.connect(self.confirm_move)
        self.recordDecisionButton.clicked.connect(self.record_decision)
        self.reasonEdit.textChanged.connect(self._update_move_button)
        self.refresh()

    # ------------------------------------------------------------ reading the gate

    def refresh(self) -> None:
        """Run the gate check again and show it."""
        with self._ctx.session() as session:
            check = self._gates.check_gate(session, self.project_id, self.to_stage_id)
            decision_text = self._decision_text(session, check)
        self.check = check
        back = check.direction == "back"
        verb = "Move back" if back else "Move"
        self.setWindowTitle(f"{verb} {check.project_code} to {check.to_stage_name}")
        self.titleLabel.setText(f"{verb} {check.project_code} to {check.to_stage_name}")
        origin = check.from_stage_name or "no stage"
        if back:
            self.routeLabel.setText(f"{origin} → {check.to_stage_name} · moving back")
            self.modeLabel.setText(
                "<b>Moving back</b> — no gate to pass, but the reason is kept in the audit trail."
            )
        else:
            self.routeLabel.setText(
                f"{origin} → {check.to_stage_name} · passing the exit gate of {origin}"
            )
            self.modeLabel.setText(_MODE_TEXT[check.mode])
        self._fill_checklist(check)
        self.decisionGroup.setVisible(check.needs_decision)
        self.decisionStatusLabel.setText(decision_text)
        has_decision = check.decision_id is not None
        for widget in (
            self.forumEdit,
            self.decidedOnEdit,
            self.decidedByEdit,
            self.recordDecisionButton,
        ):
            widget.setVisible(not has_decision)
        for label in ("forumLabel", "decidedOnLabel", "decidedByLabel"):
            child = getattr(self, label, None)
            if isinstance(child, QWidget):
                child.setVisible(not has_decision)
        self.reasonLabel.setText(
            "R&eason for moving back (required):" if back else "R&eason or note (optional):"
        )
        self.moveButton.setText(f"{verb} to {check.to_stage_name}")
        self._show_outcome(check)
        self._update_move_button()

    def _decision_text(self, session: object, check: object) -> str:
        from pmodesk.domain import Decision
        from pmodesk.services import records

        assert isinstance(check, self._gates.GateCheck)
        if check.decision_id is None:
            return (
                f"No approved decision for {check.project_code} to enter "
                f"{check.to_stage_name} yet: record the one the PMO took."
            )
        decision = records.get(session, Decision, check.decision_id)  # type: ignore[arg-type]
        by = f" by {decision.decided_by}" if decision.decided_by else ""
        return f"✓ Approved: {decision.code}, {decision.forum}, {decision.decided_on}{by}."

    def _fill_checklist(self, check: object) -> None:
        assert isinstance(check, self._gates.GateCheck)
        table = self.checklistTable
        items = check.items
        self.checklistGroup.setVisible(bool(items))
        self.checklistGroup.setTitle(f"Exit gate of {check.from_stage_name}")
        table.setRowCount(len(items))
        self._item_ids = [item.item_id for item in items]
        self._codes = [item.code for item in items]
        for row, item in enumerate(items):
            kind = "required" if item.required else "optional"
            cell = QTableWidgetItem(f"{item.text}  ({kind})")
            cell.setToolTip(f"{item.code} · {kind}")
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if item.required:
                font = cell.font()
                font.setBold(item.status is ChecklistStatus.MISSING)
                cell.setFont(font)
            table.setItem(row, 0, cell)
            combo = QComboBox(table)
            combo.setAccessibleName(f"Status of {item.code}")
            for status in (ChecklistStatus.MISSING, ChecklistStatus.DONE, ChecklistStatus.WAIVED):
                combo.addItem(_STATUS_LABELS[status], status.value)
            combo.setCurrentIndex(combo.findData(item.status.value))
            combo.currentIndexChanged.connect(lambda _i, r=row: self._on_status(r))
            table.setCellWidget(row, 1, combo)
            edit = QLineEdit(item.reason, table)
            edit.setAccessibleName(f"Reason for waiving {item.code}")
            edit.setPlaceholderText("Why it is waived, who agreed")
            edit.editingFinished.connect(lambda r=row: self._on_reason(r))
            table.setCellWidget(row, 2, edit)
        table.resizeRowsToContents()

    def _show_outcome(self, check: object) -> None:
        assert isinstance(check, self._gates.GateCheck)
        lines: list[str] = []
        if check.allowed:
            head = "✓ The move can go ahead."
            if check.advice:
                head += " Advice:"
            lines.append(f"<b>{head}</b>")
            lines.extend(f"• {html.escape(text)}" for text in check.advice)
        else:
            lines.append("<b>✗ The move is refused until:</b>")
            lines.extend(f"• {html.escape(text)}" for text in check.blockers)
            lines.extend(f"• {html.escape(text)}" for text in check.advice)
        self.outcomeLabel.setText("<br>".join(lines))

    # ------------------------------------------------------------ answering the gate

    def row_of(self, code: str) -> int:
        """The checklist row of the gate item ``code``."""
        return self._codes.index(code)

    def status_combo(self, row: int) -> QComboBox:
        widget = self.checklistTable.cellWidget(row, 1)
        assert isinstance(widget, QComboBox)
        return widget

    def reason_edit(self, row: int) -> QLineEdit:
        widget = self.checklistTable.cellWidget(row, 2)
        assert isinstance(widget, QLineEdit)
        return widget

    def _on_status(self, row: int) -> None:
        status = ChecklistStatus(self.status_combo(row).currentData())
        reason = self.reason_edit(row).text().strip()
        if status is ChecklistStatus.WAIVED and not reason:
            self.show_error("Give the reason for the waiver in the item's Reason cell.")
            self.reason_edit(row).setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._record(row, status, reason)

    def _on_reason(self, row: int) -> None:
        status = ChecklistStatus(self.status_combo(row).currentData())
        if status is ChecklistStatus.WAIVED:
            self._record(row, status, self.reason_edit(row).text().strip())

    def _record(self, row: int, status: ChecklistStatus, reason: str) -> None:
        check = self.check
        if check is not None and row < len(check.items):
            before = check.items[row]
            if before.status is status and before.reason == reason:
                return
        try:
            with self._ctx.session() as session:
                self._gates.record_checklist(
                    session, self.project_id, self._item_ids[row], status, reason
                )
        except DomainError as error:
            self.show_error(error.message)
            return
        self.clear_error()
        self._ctx.notify(_CHECKLIST_TABLES)
        self.refresh()

    def record_decision(self) -> None:
        """Record the PMO's gate decision from the fields (directive mode)."""
        picked = self.decidedOnEdit.date()
        try:
            with self._ctx.session() as session:
                self._gates.record_gate_decision(
                    session,
                    self.project_id,
                    self.to_stage_id,
                    forum=self.forumEdit.text(),
                    decided_on=date(picked.year(), picked.month(), picked.day()),
                    decided_by=self.decidedByEdit.text().strip(),
                )
        except DomainError as error:
            self.show_error(error.message)
            return
        self.clear_error()
        self._ctx.notify(_DECISION_TABLES)
        self.refresh()

    # ------------------------------------------------------------ moving

    def _update_move_button(self, *_args: object) -> None:
        check = self.check
        if check is None:
            self.moveButton.setEnabled(False)
            return
        reason_ok = not check.needs_reason or bool(self.reasonEdit.text().strip())
        self.moveButton.setEnabled(check.allowed and reason_ok)

    def confirm_move(self) -> None:
        """Push the move onto the undo stack; close when it went ahead."""
        command = MoveStageCommand(
            self._ctx,
            self.project_id,
            self.to_stage_id,
            reason=self.reasonEdit.text().strip(),
            text=self.windowTitle(),
        )
        try:
            self._ctx.push(command)
        except DomainError as error:
            self.show_error(error.message)
            self.refresh()
            return
        self.command = command
        self.accept()

    def show_error(self, text: str) -> None:
        self.errorLabel.setText(text)
        self.errorLabel.show()

    def clear_error(self) -> None:
        self.errorLabel.clear()
        self.errorLabel.hide()
