"""The intake form: a new idea with its sponsor, problem, benefits, rough cost and strategic fit.

Layout from ``ui/intake_dialog.ui``. Below the objectives, *Lessons from
similar projects* offers the lessons learned that fit the idea (its
department and the words of its name, problem and benefits), updated a
moment after typing stops. Saving pushes an :class:`IntakeCommand`
(undoable); when the intake service refuses, its sentence shows in the banner,
the field it names is outlined and focused, and what was typed stays.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import col, select

from pmodesk.domain import StrategicObjective
from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors.confirm import confirm
from pmodesk.gui.editors.dialog import STYLE
from pmodesk.gui.forms import load_form
from pmodesk.gui.priorities.commands import IntakeCommand

#: The role under which an offered lesson's item keeps the lesson's code.
LESSON_CODE_ROLE = Qt.ItemDataRole.UserRole + 1


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class IntakeDialog(QDialog):
    """The "New idea…" form; ``exec()`` returns Accepted once the idea is recorded."""

    titleLabel: QLabel
    subtitleLabel: QLabel
    banner: QFrame
    bannerIcon: QLabel
    bannerText: QLabel
    ideaGroup: QGroupBox
    nameEdit: QLineEdit
    sponsorEdit: QLineEdit
    managerEdit: QLineEdit
    departmentEdit: QLineEdit
    costSpin: QDoubleSpinBox
    problemEdit: QPlainTextEdit
    benefitsEdit: QPlainTextEdit
    objectivesTable: QTableWidget
    objectivesHint: QLabel
    buttonBox: QDialogButtonBox
    nameLabel: QLabel
    sponsorLabel: QLabel
    managerLabel: QLabel
    departmentLabel: QLabel
    costLabel: QLabel
    problemLabel: QLabel
    benefitsLabel: QLabel

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        load_form("intake_dialog.ui", self)
        self.setStyleSheet(STYLE)
        self.project_id: uuid.UUID | None = None
        self._marked: QWidget | None = None
        self.banner.hide()
        self._fields: dict[str, tuple[QWidget, QLabel]] = {
            "name": (self.nameEdit, self.nameLabel),
            "sponsor": (self.sponsorEdit, self.sponsorLabel),
            "manager": (self.managerEdit, self.managerLabel),
            "department": (self.departmentEdit, self.departmentLabel),
            "rough_cost": (self.costSpin, self.costLabel),
            "budget": (self.costSpin, self.costLabel),
            "problem": (self.problemEdit, self.problemLabel),
            "description": (self.problemEdit, self.problemLabel),
            "expected_benefits": (self.benefitsEdit, self.benefitsLabel),
        }
        self._objective_spins: dict[str, QSpinBox] = {}
        self._fill_objectives()
        for edit in (self.problemEdit, self.benefitsEdit):
            edit.setMinimumHeight(90)
        save = self.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setText("&Submit idea")
            save.setDefault(True)
        self.buttonBox.accepted.connect(self.save)
        self.buttonBox.rejected.connect(self.reject)
        for line in (self.nameEdit, self.sponsorEdit, self.managerEdit, self.departmentEdit):
            line.textEdited.connect(self._unmark)
        for text in (self.problemEdit, self.benefitsEdit):
            text.textChanged.connect(self._unmark)
        self.costSpin.valueChanged.connect(self._unmark)
        self._add_lessons_box()
        self.nameEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill_objectives(self) -> None:
        with self.ctx.session() as session:
            objectives = session.exec(
                select(StrategicObjective)
                .where(col(StrategicObjective.archived_at).is_(None))
                .order_by(col(StrategicObjective.code))
            ).all()
            rows = [(o.code, o.name, o.description) for o in objectives]
        table = self.objectivesTable
        table.setRowCount(len(rows))
        for row, (code, name, description) in enumerate(rows):
            item = QTableWidgetItem(f"{name}")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(f"{code}: {description}" if description else code)
            table.setItem(row, 0, item)
            spin = QSpinBox(table)
            spin.setRange(0, 5)
            spin.setAccessibleName(f"Alignment with {name}")
            spin.setToolTip("0 not at all, 5 directly serves this objective")
            table.setCellWidget(row, 1, spin)
            self._objective_spins[code] = spin
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        if not rows:
            self.objectivesHint.setText(
                "No strategic objectives are recorded yet; the idea can be aligned later."
            )
            table.hide()

    # ------------------------------------------------------------ lessons

    def _add_lessons_box(self) -> None:
        box = QGroupBox("Lessons from similar projects", self)
        box.setObjectName("lessonsGroup")
        layout = QVBoxLayout(box)
        self.lessonsHint = QLabel(box)
        self.lessonsHint.setWordWrap(True)
        self.lessonsList = QListWidget(box)
        self.lessonsList.setObjectName("lessonsList")
        self.lessonsList.setAccessibleName("Lessons from similar projects")
        self.lessonsList.setWordWrap(True)
        layout.addWidget(self.lessonsHint)
        layout.addWidget(self.lessonsList, 1)
        columns = self.findChild(QHBoxLayout, "columnsLayout")
        objectives = self.findChild(QGroupBox, "objectivesGroup")
        if columns is not None and objectives is not None:
            columns.removeWidget(objectives)
            right = QVBoxLayout()
            right.addWidget(objectives, 1)
            right.addWidget(box, 1)
            columns.addLayout(right, 1)
        self._lessons_timer = QTimer(self)
        self._lessons_timer.setSingleShot(True)
        self._lessons_timer.setInterval(300)
        self._lessons_timer.timeout.connect(self.refresh_lessons)
        for line in (self.nameEdit, self.departmentEdit):
            line.textChanged.connect(lambda _t: self._lessons_timer.start())
        for text in (self.problemEdit, self.benefitsEdit):
            text.textChanged.connect(self._lessons_timer.start)
        self.refresh_lessons()

    def refresh_lessons(self) -> None:
        """Offer the lessons that fit what is typed so far (department and words)."""
        from pmodesk.services.monitoring.lessons import suggest_lessons

        words = " ".join(
            (self.nameEdit.text(), self.problemEdit.toPlainText(), self.benefitsEdit.toPlainText())
        )
        with self.ctx.session() as session:
            found = suggest_lessons(
                session, department=self.departmentEdit.text(), text=words, limit=6
            )
        self.lessonsList.clear()
        for suggestion in found:
            lesson = suggestion.lesson
            why = ", ".join(suggestion.reasons)
            if suggestion.others:
                count = len(suggestion.others)
                why += f" · {count} more project{'s' if count != 1 else ''} learned it too"
            item = QListWidgetItem(f"{lesson.title}\n    {why}")
            item.setToolTip(
                f"{lesson.code} from {lesson.project_code or 'the portfolio'}\n"
                f"{lesson.recommendation or lesson.description}"
            )
            item.setData(LESSON_CODE_ROLE, lesson.code)
            self.lessonsList.addItem(item)
        self.lessonsHint.setText(
            "Read these before planning: other projects learned them the hard way."
            if found
            else "Lessons of projects with the same department or subject appear here as you type."
        )

    def offered_lessons(self) -> list[str]:
        """The codes of the lessons offered, best fit first."""
        items = (self.lessonsList.item(n) for n in range(self.lessonsList.count()))
        return [str(item.data(LESSON_CODE_ROLE)) for item in items]

    # ------------------------------------------------------------ values

    def set_alignment(self, objective_code: str, value: int) -> None:
        self._objective_spins[objective_code].setValue(value)

    def values(self) -> dict[str, Any]:
        """What the intake service receives."""
        cost = self.costSpin.value()
        return {
            "name": self.nameEdit.text().strip(),
            "sponsor": self.sponsorEdit.text().strip(),
            "problem": self.problemEdit.toPlainText().strip(),
            "expected_benefits": self.benefitsEdit.toPlainText().strip(),
            "rough_cost": cost if cost > 0 else None,
            "objectives": {
                code: spin.value() for code, spin in self._objective_spins.items() if spin.value()
            },
            "manager": self.managerEdit.text().strip(),
            "department": self.departmentEdit.text().strip(),
        }

    # ------------------------------------------------------------ feedback

    @property
    def banner_message(self) -> str:
        return self.bannerText.text() if self.banner.isVisibleTo(self) else ""

    @property
    def marked_widget(self) -> QWidget | None:
        return self._marked

    def _show_banner(self, message: str) -> None:
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        self.bannerIcon.setPixmap(icon.pixmap(size, size))
        self.bannerText.setText(message)
        self.banner.setProperty("tone", "error")
        self.banner.setAccessibleDescription(message)
        _repolish(self.banner)
        for label in (self.bannerIcon, self.bannerText):
            _repolish(label)
        self.banner.show()

    def _mark(self, field: str | None, message: str) -> None:
        self._unmark()
        target = self._fields.get(field or "")
        if field and field.startswith("objective"):
            target = (self.objectivesTable, self.objectivesHint)
        if target is None:
            return
        widget, label = target
        for w in (widget, label):
            w.setProperty("invalid", True)
            _repolish(w)
        widget.setToolTip(message)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._marked = widget

    def _unmark(self, *_args: object) -> None:
        widget, self._marked = self._marked, None
        if widget is None:
            return
        for w, label in self._fields.values():
            if w is widget:
                for item in (w, label):
                    item.setProperty("invalid", False)
                    _repolish(item)
                w.setToolTip("")
        if widget is self.objectivesTable:
            for item in (self.objectivesTable, self.objectivesHint):
                item.setProperty("invalid", False)
                _repolish(item)

    # ------------------------------------------------------------ actions

    def save(self) -> None:
        """Submit the idea; on a refusal show why and stay open."""
        self._unmark()
        command = IntakeCommand(self.ctx, self.values())
        try:
            self.ctx.push(command)
        except DomainError as error:
            self._show_banner(error.message)
            self._mark(error.field, error.message)
            return
        self.project_id = command.project_id
        self.accept()

    def reject(self) -> None:
        typed = any(
            (self.nameEdit.text(), self.problemEdit.toPlainText(), self.benefitsEdit.toPlainText())
        )
        if typed and not confirm(
            self,
            "Discard the idea",
            "Discard what you typed for this idea?",
            "Discard",
            safe="Keep editing",
        ):
            return
        super().reject()

    def discard(self) -> None:
        """Close without asking (tests, and the application closing)."""
        super().reject()


def open_intake(ctx: AppContext, parent: QWidget | None = None) -> uuid.UUID | None:
    """Show the intake form; the new project's id, or ``None`` when cancelled."""
    dialog = IntakeDialog(ctx, parent)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.project_id if accepted else None
    finally:
        dialog.deleteLater()
