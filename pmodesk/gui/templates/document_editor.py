"""The document editor: a produced document's fields and sections, its status, and its exports.

Fields show what the workspace filled in and can be changed; lists and
paragraphs get a text box (one list entry per line). Each section shows its
guidance as the placeholder and tooltip. *Fill from workspace* fills the
fields still empty; *Workbook…* and *PDF…* export what the editor shows.
Saving (Ctrl+S) is one undoable step.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.templates.commands import EditDocumentCommand
from pmodesk.services.templates.documents import DocumentView, FieldView, format_value

MULTILINE = frozenset({"list", "longtext"})
RAG_CHOICES = ("", "green", "amber", "red")


def parse_field(kind: str, text: str) -> Any:
    """What the person typed, as the document stores it; a ValueError names the problem."""
    from datetime import date

    text = text.strip()
    if not text:
        return None
    if kind == "list":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind == "date":
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError(f"'{text}' is not a date; write it as 2026-03-31.") from None
    if kind in ("money", "number", "percent"):
        cleaned = text.replace(",", "").replace("%", "").strip()
        for prefix in ("EUR", "USD", "GBP", "CHF", "€", "$", "£"):
            cleaned = cleaned.removeprefix(prefix).strip()
        try:
            return float(cleaned)
        except ValueError:
            raise ValueError(f"'{text}' is not a number.") from None
    return text


def _edit_text(field: FieldView) -> str:
    if isinstance(field.value, list):
        return "\n".join(str(v) for v in field.value)
    if field.value is None:
        return ""
    if field.type in ("money", "number", "percent") and isinstance(field.value, float):
        return f"{field.value:,.2f}".rstrip("0").rstrip(".")
    return str(field.value)


class DocumentEditorDialog(QDialog):
    def __init__(
        self, ctx: AppContext, document_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._id = document_id
        self.setObjectName("documentEditor")
        self.resize(820, 760)
        self._inputs: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        self._sections: dict[str, QPlainTextEdit] = {}
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("statusCombo")
        self.status_combo.addItem("Draft", "draft")
        self.status_combo.addItem("Complete", "complete")
        header.addWidget(self.title_edit, 1)
        header.addWidget(QLabel("Status:", self))
        header.addWidget(self.status_combo)
        layout.addLayout(header)
        self.about = QLabel(self)
        self.about.setProperty("role", "muted")
        self.about.setWordWrap(True)
        layout.addWidget(self.about)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        layout.addWidget(self.scroll_area, 1)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet("color: #d64545;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)

        bottom = QHBoxLayout()
        self.fill_button = QPushButton("&Fill from workspace", self)
        self.fill_button.setToolTip("Fill the fields still empty with what the workspace knows now")
        self.workbook_button = QPushButton("&Workbook…", self)
        self.pdf_button = QPushButton("P&DF…", self)
        for button in (self.fill_button, self.workbook_button, self.pdf_button):
            bottom.addWidget(button)
        bottom.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        save = QShortcut(QKeySequence("Ctrl+S"), self)
        save.activated.connect(self.accept)
        self.fill_button.clicked.connect(self._fill)
        self.workbook_button.clicked.connect(lambda: self._export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self._export("pdf"))
        self._load()

    # ------------------------------------------------------------ building

    def _load(self) -> None:
        from pmodesk.services.templates import document_view

        with self._ctx.session() as session:
            self.view = document_view(session, self._id)
        view = self.view
        self.setWindowTitle(f"{view.title} ({view.project_code})")
        self.title_edit.setText(view.title)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(view.status.value)))
        produced = f", produced {view.produced_on:%d %b %Y}" if view.produced_on else ""
        self.about.setText(
            f"{view.template_name}, template version {view.template_version}{produced}. "
            f"{view.purpose}"
        )
        body = QWidget()
        column = QVBoxLayout(body)
        facts = QGroupBox("Key facts", body)
        form = QFormLayout(facts)
        for field in view.fields:
            widget = self._input(field)
            self._inputs[field.key] = widget
            label = QLabel(field.label + ":", facts)
            label.setBuddy(widget)
            if field.help:
                widget.setToolTip(field.help)
            form.addRow(label, widget)
        column.addWidget(facts)
        for section in view.sections:
            box = QGroupBox(section.title, body)
            inner = QVBoxLayout(box)
            edit = QPlainTextEdit(box)
            edit.setObjectName(f"section_{section.key}")
            edit.setPlaceholderText(section.guidance)
            edit.setToolTip(section.guidance)
            edit.setPlainText(section.text)
            edit.setMinimumHeight(90)
            inner.addWidget(edit)
            self._sections[section.key] = edit
            column.addWidget(box)
        column.addStretch(1)
        self.scroll_area.setWidget(body)

    def _input(self, field: FieldView) -> QLineEdit | QPlainTextEdit | QComboBox:
        if field.type == "rag":
            combo = QComboBox()
            for value in RAG_CHOICES:
                combo.addItem(value.capitalize() or "Not rated", value)
            combo.setCurrentIndex(max(0, combo.findData(str(field.value or ""))))
            return combo
        if field.type in MULTILINE:
            edit = QPlainTextEdit()
            edit.setPlainText(_edit_text(field))
            lines = max(2, min(6, _edit_text(field).count("\n") + 1))
            edit.setFixedHeight(22 * lines + 12)
            return edit
        line = QLineEdit()
        line.setText(_edit_text(field))
        if field.type == "date":
            line.setPlaceholderText("YYYY-MM-DD")
        return line

    # ------------------------------------------------------------ reading back

    def values(self) -> dict[str, Any]:
        """The fields as typed; a ValueError names the first one that is not acceptable."""
        found: dict[str, Any] = {}
        for field in self.view.fields:
            widget = self._inputs[field.key]
            if isinstance(widget, QComboBox):
                found[field.key] = widget.currentData() or None
                continue
            text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
            try:
                found[field.key] = parse_field(field.type, text)
            except ValueError as error:
                widget.setFocus()
                raise ValueError(f"{field.label}: {error}") from None
        return found

    def sections(self) -> dict[str, str]:
        return {key: edit.toPlainText().strip() for key, edit in self._sections.items()}

    def edited_view(self) -> DocumentView:
        values = self.values()
        texts = self.sections()
        return replace(
            self.view,
            title=self.title_edit.text().strip() or self.view.title,
            fields=[replace(f, value=values[f.key]) for f in self.view.fields],
            sections=[replace(s, text=texts.get(s.key, "")) for s in self.view.sections],
        )

    # ------------------------------------------------------------ actions

    def _fill(self) -> None:
        from pmodesk.domain import Project, ProjectDocument
        from pmodesk.services import records
        from pmodesk.services.templates.documents import fill, template_of

        with self._ctx.session() as session:
            document = records.get(session, ProjectDocument, self._id)
            template = template_of(session, document)
            project = records.get(session, Project, document.project_id)
            fresh = fill(session, project, template.body)["fields"]
        filled = 0
        for field in self.view.fields:
            widget = self._inputs[field.key]
            value = fresh.get(field.key)
            if value in (None, "", []) or isinstance(widget, QComboBox):
                continue
            current = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
            if current.strip():
                continue
            text = (
                format_value("list", value)
                if isinstance(value, list)
                else _edit_text(replace(field, value=value))
            )
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(text)
            else:
                widget.setText(text)
            filled += 1
        self._show_note(
            f"{filled} empty field{'s' if filled != 1 else ''} filled from the workspace."
        )

    def _export(self, kind: str) -> None:
        try:
            view = self.edited_view()
        except ValueError as error:
            self._show_error(str(error))
            return
        suffix = ".xlsx" if kind == "xlsx" else ".pdf"
        what = "Workbooks (*.xlsx)" if kind == "xlsx" else "PDF documents (*.pdf)"
        start = str(Path.home() / f"{view.project_code} {view.template_name}{suffix}")
        name, _ = QFileDialog.getSaveFileName(self, "Export document", start, what)
        if not name:
            return
        path = Path(name) if Path(name).suffix else Path(name).with_suffix(suffix)
        try:
            if kind == "xlsx":
                from pmodesk.exchange.documents import write_document_workbook

                write_document_workbook(view, path)
            else:
                from pmodesk.reports.document_pdf import write_document_pdf

                write_document_pdf(view, path, organisation=self._organisation())
        except (DomainError, OSError) as error:
            self._show_error(f"{path.name} was not written: {error}")
            return
        self._show_note(f"Exported to {path}.")

    def _organisation(self) -> str:
        from pmodesk.services.settings import ORGANISATION_NAME, get_setting

        with self._ctx.session() as session:
            return str(get_setting(session, ORGANISATION_NAME) or "")

    def accept(self) -> None:
        try:
            fields = self.values()
        except ValueError as error:
            self._show_error(str(error))
            return
        command = EditDocumentCommand(
            self._ctx,
            self._id,
            fields=fields,
            sections=self.sections(),
            title=self.title_edit.text().strip(),
            status=str(self.status_combo.currentData()),
            expected_version=self.view.version,
        )
        try:
            self._ctx.push(command)
        except DomainError as error:
            self._show_error(str(error))
            return
        super().accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setStyleSheet("color: #d64545;")
        self.error_label.setText(text)
        self.error_label.show()

    def _show_note(self, text: str) -> None:
        self.error_label.setStyleSheet("")
        self.error_label.setText(text)
        self.error_label.show()
