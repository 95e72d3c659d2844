"""Editing a template: its name, description, what changed, and its content.

Editing a published template never changes it: saving makes a new draft
version with the next number (the dialog says so), which is published
separately. The content is the template's JSON, checked as you type: every
problem is listed under the editor, and a draft may be saved with problems
(it cannot be published until they are solved). For a new template the code
and kind are asked too, and the content starts from a sensible skeleton.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtGui import QFont, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain.enums import TemplateKind, TemplateState
from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.templates.commands import TemplateChangeCommand
from pmodesk.services.templates.body import body_problems
from pmodesk.services.templates.library import KIND_LABELS, KIND_ORDER


class TemplateEditorDialog(QDialog):
    """Edit ``code`` (a new version if it is published), or create a template when ``code`` is empty."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, code: str = "") -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.code = code
        self.setObjectName("templateEditorDialog")
        self.resize(760, 640)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setProperty("role", "muted")
        layout.addWidget(self.intro)

        form = QFormLayout()
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("codeEdit")
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kindCombo")
        for kind in KIND_ORDER:
            self.kind_combo.addItem(KIND_LABELS[kind][0], kind.value)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setObjectName("descriptionEdit")
        self.description_edit.setFixedHeight(64)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setPlaceholderText("What this version changes, for the version history")
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setObjectName("bodyEdit")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.body_edit.setFont(mono)
        self.body_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        if not code:
            form.addRow("&Code:", self.code_edit)
            form.addRow("&Kind:", self.kind_combo)
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Description:", self.description_edit)
        form.addRow("What &changed:", self.note_edit)
        layout.addLayout(form)
        content = QLabel("C&ontent (JSON):", self)
        content.setBuddy(self.body_edit)
        layout.addWidget(content)
        layout.addWidget(self.body_edit, 1)
        self.problems = QLabel(self)
        self.problems.setObjectName("problemsLabel")
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #d64545;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        save = QShortcut(QKeySequence("Ctrl+S"), self)
        save.activated.connect(self.accept)

        self._load()
        self.body_edit.textChanged.connect(self._check)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self._check()
        (self.name_edit if code else self.code_edit).setFocus()

    def _load(self) -> None:
        from pmodesk.services.templates.library import latest_version

        if not self.code:
            self.setWindowTitle("New template")
            self.intro.setText(
                "A new template starts as a draft: projects can use it once you publish it."
            )
            self._kind_changed()
            return
        with self._ctx.session() as session:
            latest = latest_version(session, self.code)
            self.kind = latest.kind
            self.name_edit.setText(latest.name)
            self.description_edit.setPlainText(latest.description)
            self.body_edit.setPlainText(json.dumps(latest.body, indent=2, ensure_ascii=False))
            if latest.state is TemplateState.DRAFT:
                self.setWindowTitle(f"Edit {latest.code} version {latest.template_version} (draft)")
                self.intro.setText(
                    "This version is a draft: your changes are saved into it. Publish it "
                    "when it is ready for projects."
                )
                self.note_edit.setText(latest.change_note)
            else:
                number = latest.template_version + 1
                self.setWindowTitle(f"Edit {latest.code}: new version {number}")
                self.intro.setText(
                    f"Version {latest.template_version} is {latest.state.value}; saving makes "
                    f"a new draft, version {number}. Projects that used version "
                    f"{latest.template_version} keep it."
                )

    def _kind_changed(self) -> None:
        from pmodesk.services.templates.versions import STARTER_BODIES

        if self.code:
            return
        self.kind = TemplateKind(self.kind_combo.currentData())
        self.body_edit.setPlainText(
            json.dumps(STARTER_BODIES[self.kind], indent=2, ensure_ascii=False)
        )

    def body(self) -> Any:
        return json.loads(self.body_edit.toPlainText() or "{}")

    def _check(self) -> None:
        try:
            problems = body_problems(self.kind, self.body())
        except json.JSONDecodeError as error:
            problems = [f"Line {error.lineno}, column {error.colno}: {error.msg}."]
            self.save_button.setEnabled(False)
        else:
            self.save_button.setEnabled(True)
        if problems:
            self.problems.setStyleSheet("color: #b26a00;")
            self.problems.setText("To solve before publishing: " + " ".join(problems))
        else:
            self.problems.setStyleSheet("color: #2e9e5b;")
            self.problems.setText("The content is complete: it can be published.")

    def accept(self) -> None:
        from pmodesk.services.templates import create_template, edit_template

        try:
            body = self.body()
        except json.JSONDecodeError:
            self._show_error("The content is not valid JSON; see the message above.")
            return
        name = self.name_edit.text().strip()
        description = self.description_edit.toPlainText().strip()
        note = self.note_edit.text().strip()
        if self.code:
            code = self.code
            command = TemplateChangeCommand(
                self._ctx,
                f"Edit template {code}",
                lambda s: edit_template(
                    s,
                    code,
                    {"name": name, "description": description, "body": body},
                    change_note=note,
                ),
            )
        else:
            code = self.code_edit.text().strip().upper()
            kind = self.kind
            command = TemplateChangeCommand(
                self._ctx,
                f"New template {code}",
                lambda s: create_template(
                    s,
                    code=code,
                    kind=kind,
                    name=name,
                    description=description,
                    body=body,
                    change_note=note,
                ),
            )
        try:
            self._ctx.push(command)
        except DomainError as error:
            self._show_error(str(error))
            return
        self.code = code
        super().accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
