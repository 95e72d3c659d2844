"""New project from a template: asks only what differs, shows what will be made, one undo step.

The template (published project templates only), the project's name, its
start date and its manager; everything else comes from the template. A
summary under the form says what will be created and when the plan ends, so
nothing is a surprise. Enter creates, Esc cancels; refusals are shown in the
dialog, beside the form, and nothing is written.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain.enums import TemplateKind
from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.templates.commands import InstantiateCommand


def next_monday(today: date | None = None) -> date:
    today = today or date.today()
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


class CreateFromTemplateDialog(QDialog):
    """``CreateFromTemplateDialog(ctx, parent, template_code="")``; :attr:`project_id` after OK."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, template_code: str = ""
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.project_id: uuid.UUID | None = None
        self.notes: list[str] = []
        self.setWindowTitle("New project from a template")
        self.setObjectName("createFromTemplateDialog")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "The template brings the milestones, gate checklist, standard risks, team shape "
            "and documents. Give only what is particular to this project.",
            self,
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        layout.addWidget(intro)

        form = QFormLayout()
        self.template_combo = QComboBox(self)
        self.template_combo.setObjectName("templateCombo")
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setPlaceholderText("For example: Customer portal relaunch")
        self.start_edit = QDateEdit(self)
        self.start_edit.setObjectName("startEdit")
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("d MMM yyyy")
        start = next_monday()
        self.start_edit.setDate(QDate(start.year, start.month, start.day))
        self.manager_combo = QComboBox(self)
        self.manager_combo.setObjectName("managerCombo")
        self.manager_combo.setEditable(True)
        self.manager_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.manager_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText("Name of the project manager")
        form.addRow("&Template:", self.template_combo)
        form.addRow("Project &name:", self.name_edit)
        form.addRow("&Start:", self.start_edit)
        form.addRow("&Manager:", self.manager_combo)
        layout.addLayout(form)

        self.summary = QLabel(self)
        self.summary.setObjectName("summaryLabel")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #d64545;")
        self.error_label.hide()
        layout.addWidget(self.error_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText("&Create project")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._load(template_code)
        self.template_combo.currentIndexChanged.connect(self._update)
        self.start_edit.dateChanged.connect(self._update)
        self.name_edit.textChanged.connect(self._update)
        self._update()
        self.name_edit.setFocus()

    def _load(self, wanted: str) -> None:
        from pmodesk.services.lookups import person_names
        from pmodesk.services.templates.library import published_of_kind

        with self._ctx.session() as session:
            self._templates = {
                t.code: t.body for t in published_of_kind(session, TemplateKind.PROJECT)
            }
            for template in published_of_kind(session, TemplateKind.PROJECT):
                self.template_combo.addItem(
                    f"{template.name}  (v{template.template_version})", template.code
                )
            names = person_names(session)
        self.manager_combo.addItems(names)
        self.manager_combo.setCurrentIndex(-1)
        at = self.template_combo.findData(wanted)
        self.template_combo.setCurrentIndex(max(at, 0))

    def start(self) -> date:
        value = self.start_edit.date()
        return date(value.year(), value.month(), value.day())

    def template_code(self) -> str:
        return str(self.template_combo.currentData() or "")

    def _update(self) -> None:
        from pmodesk.services.templates.instantiate import planned_finish

        body = self._templates.get(self.template_code())
        self.create_button.setEnabled(bool(body) and bool(self.name_edit.text().strip()))
        if not body:
            self.summary.setText("There is no published project template to use.")
            return
        start = self.start()
        finish = planned_finish(body, start)
        waived = len((body.get("checklist") or {}).get("waive", []))
        hours = sum(
            float(t.get("hours_per_week", 0)) * int(t.get("weeks", 0)) for t in body.get("team", [])
        )
        self.summary.setText(
            f"Creates <b>{len(body.get('milestones', []))} milestones</b> from "
            f"{start:%d %b %Y} to <b>{finish:%d %b %Y}</b>, the gate checklist"
            f"{f' ({waived} items waived)' if waived else ''}, "
            f"<b>{len(body.get('raid', []))} RAID entries</b>, a team of "
            f"{len(body.get('team', []))} roles ({hours:,.0f} hours) and "
            f"<b>{len(body.get('documents', []))} documents</b> to produce."
        )

    def accept(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            self._show_error("Give the project a name.")
            return
        command = InstantiateCommand(
            self._ctx,
            self.template_code(),
            name=name,
            start=self.start(),
            manager=self.manager_combo.currentText().strip(),
        )
        try:
            self._ctx.push(command)
        except DomainError as error:
            self._show_error(str(error))
            return
        assert command.result is not None
        self.project_id = command.result.project_id
        self.notes = command.result.notes
        super().accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()


def create_project_from_template(
    ctx: AppContext, parent: QWidget | None = None, template_code: str = ""
) -> CreateFromTemplateDialog | None:
    """Open the dialog; the dialog (with :attr:`project_id`) when a project was made."""
    dialog = CreateFromTemplateDialog(ctx, parent, template_code)
    return dialog if dialog.exec() == QDialog.DialogCode.Accepted else None
