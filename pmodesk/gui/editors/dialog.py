"""The record editor: a form generated from a field spec, saved through the undo stack.

The dialog frame (header, banner, form area, buttons) is ``ui/record_editor.ui``;
the fields are built from :data:`pmodesk.gui.editors.specs.SPECS`. Saving
creates or edits the record with an undoable command; when a service refuses,
its sentence appears in the banner, the field it names is outlined and gets
the focus, and everything the user typed stays where it was.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime
from typing import Any, cast

from pydantic_core import PydanticUndefined
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain import CodedRecord, PortfolioRecord, Record, StatusReport
from pmodesk.errors import DomainError, ValidationError
from pmodesk.gui.commands import ArchiveRecordsCommand, CreateRecordCommand, EditRecordCommand
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors.confirm import confirm
from pmodesk.gui.editors.specs import (
    EditorSpec,
    FieldSpec,
    Widget,
    assign_mnemonics,
    nullable,
    spec_for,
)
from pmodesk.gui.editors.widgets import (
    FieldInput,
    ReferenceInput,
    TextInput,
    make_input,
    save_on_ctrl_return,
)
from pmodesk.gui.forms import load_form
from pmodesk.services import lookups, records
from pmodesk.services.audit import history
from pmodesk.services.settings import record_defaults

STYLE = """
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"],
QDateEdit[invalid="true"], QDoubleSpinBox[invalid="true"] {
    border: 2px solid #d32f2f; border-radius: 3px; padding: 1px;
}
QLabel[invalid="true"] { color: #c62828; font-weight: bold; }
QFrame#banner[tone="error"] {
    background: #fdecea; border: 1px solid #e57373; border-radius: 4px;
}
QFrame#banner[tone="error"] QLabel { color: #7f1d1d; }
QFrame#banner[tone="info"] {
    background: #e8f0fe; border: 1px solid #90b4f0; border-radius: 4px;
}
QFrame#banner[tone="info"] QLabel { color: #1a3d7c; }
QLabel#archivedBadge {
    background: #757575; color: white; border-radius: 3px; padding: 2px 8px; font-weight: bold;
}
QLabel#subtitleLabel { color: palette(placeholder-text); }
QGroupBox { font-weight: bold; }
QGroupBox QLabel, QGroupBox QLineEdit, QGroupBox QComboBox, QGroupBox QPlainTextEdit,
QGroupBox QCheckBox, QGroupBox QDateEdit, QGroupBox QDoubleSpinBox { font-weight: normal; }
"""

#: Letters the dialog's own buttons use (Save, Cancel, Archive, Restore).
BUTTON_LETTERS = "scvo"


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def _weight(spec: FieldSpec) -> float:
    """Roughly how many rows a field takes (a text area is about two and a half)."""
    return 2.5 if spec.widget is Widget.TEXT else 1.0


def balance_columns(weights: list[float], columns: int) -> list[int]:
    """The column of each section, in order, so that the columns end up about equally tall."""
    total = sum(weights)
    placement: list[int] = []
    column, height = 0, 0.0
    for weight in weights:
        target = total * (column + 1) / columns
        if placement and column < columns - 1 and height + weight / 2 > target:
            column += 1
        placement.append(column)
        height += weight
    return placement


def _when(at: datetime) -> str:
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


class RecordEditorDialog(QDialog):
    """Create or edit one record of ``model``; :attr:`record_id` holds the result."""

    #: The record was saved (created, edited, archived or restored); carries its id.
    saved = Signal(object)

    # Named children of ui/record_editor.ui (set by load_form).
    titleLabel: QLabel
    subtitleLabel: QLabel
    archivedBadge: QLabel
    banner: QWidget
    bannerIcon: QLabel
    bannerText: QLabel
    scrollArea: QScrollArea
    formHost: QWidget
    archiveButton: QPushButton
    restoreButton: QPushButton
    buttonBox: QDialogButtonBox

    def __init__(
        self,
        ctx: AppContext,
        model: type[Record],
        record_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        defaults: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        load_form("record_editor.ui", self)
        self.setStyleSheet(STYLE)
        self.ctx = ctx
        self.model = model
        self.spec: EditorSpec = spec_for(model)
        self.record_id: uuid.UUID | None = record_id
        self.inputs: dict[str, FieldInput] = {}
        self.labels: dict[str, QLabel] = {}
        self._marks: dict[str, QLabel] = {}
        self._original: dict[str, Any] = {}
        self._archived = False
        self._dirty = False
        self._marked: str | None = None

        self.save_button = self.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setText("&Save")
        self.cancel_button.setText("&Cancel")
        self.save_button.setDefault(True)
        self.save_button.setAutoDefault(True)
        self.cancel_button.setAutoDefault(False)
        self.buttonBox.accepted.connect(self.save)
        self.buttonBox.rejected.connect(self.reject)
        self.archiveButton.clicked.connect(self.archive)
        self.restoreButton.clicked.connect(self.restore)
        self.banner.hide()
        font = self.titleLabel.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.titleLabel.setFont(font)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.save)

        values = self._load(defaults or {})
        self._build_form()
        for name, field_input in self.inputs.items():
            if name in values:
                field_input.set_value(values[name])
        # What the form starts with (for a new record: defaults and the proposed code);
        # only differences from it count as edits.
        self._original = {name: self._safe_value(inp) for name, inp in self.inputs.items()}
        for field_input in self.inputs.values():
            field_input.on_change(self._changed)
        self._apply_archived_state()
        self._apply_create_only()
        self._fit_to_screen()

    # ------------------------------------------------------------------ building

    def _load(self, defaults: dict[str, Any]) -> dict[str, Any]:
        """Read the record (or the defaults), the choices of every reference, the header."""
        fields = self.spec.fields()
        self._options: dict[str, list[lookups.Choice]] = {}
        self._names: list[str] = []
        with self.ctx.session() as session:
            values: dict[str, Any] = {}
            if self.record_id is not None:
                obj = records.get(session, self.model, self.record_id)
                self._loaded_version: int | None = obj.version
                values = {f.name: getattr(obj, f.name) for f in fields}
                self._archived = isinstance(obj, PortfolioRecord) and obj.archived_at is not None
                last = history(session, obj, limit=1)
                self._header_for(obj, last[0].at if last else None, last[0].user if last else "")
            else:
                values = self._model_defaults() | record_defaults(session, self.model)
                if issubclass(self.model, CodedRecord) and self.spec.field("code"):
                    values["code"] = lookups.next_code(session, self.model)
                values |= defaults
                self._header_for(None, None, "")
            for spec in fields:
                if spec.widget is Widget.REFERENCE and spec.reference is not None:
                    keep = values.get(spec.name)
                    self._options[spec.name] = lookups.choices(
                        session, spec.reference, keep=keep if isinstance(keep, uuid.UUID) else None
                    )
            if any(f.widget is Widget.PERSON for f in fields):
                self._names = lookups.person_names(session)
        return values

    def _model_defaults(self) -> dict[str, Any]:
        """The table's own defaults (37.5 hours a week, state Active ...) for a new record."""
        found: dict[str, Any] = {}
        for spec in self.spec.fields():
            info = self.model.model_fields[spec.name]
            if info.default is not PydanticUndefined and info.default is not None:
                found[spec.name] = info.default
        return found

    def _header_for(self, obj: Record | None, at: datetime | None, user: str) -> None:
        noun = self.spec.noun
        if obj is None:
            self.titleLabel.setText(f"New {noun}")
            self.setWindowTitle(f"New {noun}")
            self.subtitleLabel.setText("Fields marked * are required.")
            self.archivedBadge.hide()
            self.archiveButton.hide()
            self.restoreButton.hide()
            return
        ident = self._identity(obj)
        self.titleLabel.setText(f"{noun[:1].upper()}{noun[1:]} {ident}")
        self.setWindowTitle(f"Edit {noun} {ident}")
        name = getattr(obj, "name", None) or getattr(obj, "title", None) or ""
        parts = [str(name)] if name else []
        parts.append(f"version {obj.version}")
        if at is not None:
            parts.append(f"last changed {_when(at)} by {user}")
        self.subtitleLabel.setText(" · ".join(parts))
        archivable = isinstance(obj, PortfolioRecord)
        archived = archivable and cast(PortfolioRecord, obj).archived_at is not None
        self.archivedBadge.setVisible(archived)
        self.archiveButton.setVisible(archivable and not archived)
        self.restoreButton.setVisible(archived)

    @staticmethod
    def _identity(obj: Record) -> str:
        if isinstance(obj, CodedRecord):
            return obj.code
        if isinstance(obj, StatusReport):
            return f"for {obj.period}"
        return ""

    def _build_form(self) -> None:
        specs = self.spec.fields()
        texts = assign_mnemonics([s.label for s in specs], BUTTON_LETTERS)
        label_text = {
            s.name: t + (" *" if s.required else "") for s, t in zip(specs, texts, strict=True)
        }
        for spec in specs:
            self.inputs[spec.name] = make_input(
                spec,
                nullable(self.model, spec.name),
                self._options.get(spec.name, ()),
                self._names,
            )
        label_width = max(
            self.fontMetrics().horizontalAdvance(t.replace("&", "")) for t in label_text.values()
        )
        outer = QHBoxLayout(self.formHost)
        outer.setContentsMargins(0, 0, 4, 0)
        outer.setSpacing(14)
        columns = [QVBoxLayout() for _ in range(self.spec.columns)]
        placement = balance_columns(
            [sum(_weight(f) for f in s.fields) for s in self.spec.sections], self.spec.columns
        )
        for index, section in enumerate(self.spec.sections):
            group = QGroupBox(section.title)
            form = QFormLayout(group)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
            form.setHorizontalSpacing(10)
            form.setVerticalSpacing(6)
            for spec in section.fields:
                form.addRow(self._label(spec, label_text[spec.name], label_width), self._row(spec))
            columns[placement[index]].addWidget(group)
        for column in columns:
            column.addStretch(1)
            outer.addLayout(column, 1)
        self._set_tab_order()

    def _label(self, spec: FieldSpec, text: str, width: int) -> QLabel:
        label = QLabel(text)
        label.setMinimumWidth(width + 12)
        field_input = self.inputs[spec.name]
        label.setBuddy(field_input.focus_widget)
        if spec.widget is Widget.TEXT:
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.labels[spec.name] = label
        return label

    def _row(self, spec: FieldSpec) -> QWidget:
        field_input = self.inputs[spec.name]
        focus = field_input.focus_widget
        focus.setAccessibleName(spec.plain_label)
        if spec.hint:
            focus.setAccessibleDescription(spec.hint)
            focus.setToolTip(spec.hint)
        if isinstance(field_input, TextInput):
            save_on_ctrl_return(field_input.edit, self.save)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        widget = field_input.widget
        fixed = (
            widget.maximumWidth() < 1000
            or widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Fixed
        )
        if fixed:
            layout.addWidget(field_input.widget, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            layout.addWidget(field_input.widget, 1)
        mark = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        mark.setPixmap(icon.pixmap(size, size))
        mark.setFixedWidth(size)
        mark.setAccessibleName(f"{spec.plain_label} problem")
        sp = mark.sizePolicy()
        sp.setRetainSizeWhenHidden(True)
        mark.setSizePolicy(sp)
        mark.hide()
        layout.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        if fixed:
            layout.addStretch(1)
        row.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._marks[spec.name] = mark
        return row

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [inp.focus_widget for inp in self.inputs.values()]
        chain += [self.save_button, self.cancel_button, self.archiveButton, self.restoreButton]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        if chain:
            first_input = next(iter(self.inputs.values()))
            first_input.focus_widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_to_screen(self) -> None:
        self.formHost.adjustSize()
        hint = self.formHost.sizeHint()
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        width = hint.width() + 48
        height = hint.height() + 170
        if available is not None:
            width = min(width, int(available.width() * 0.9))
            height = min(height, int(available.height() * 0.9))
        self.resize(max(width, 480), max(height, 260))

    def _apply_create_only(self) -> None:
        if self.record_id is None:
            return
        for field_input in self.inputs.values():
            spec = field_input.spec
            if spec.create_only:
                field_input.set_read_only(True)
                field_input.widget.setToolTip(spec.hint)

    def _apply_archived_state(self) -> None:
        if not self._archived:
            return
        for field_input in self.inputs.values():
            field_input.set_read_only(True)
        self.save_button.setEnabled(False)
        self._show_banner(
            f"This {self.spec.noun} is archived. Restore it to make changes.", tone="info"
        )

    # ------------------------------------------------------------------ state

    @staticmethod
    def _safe_value(field_input: FieldInput) -> Any:
        try:
            return field_input.value()
        except ValidationError:
            return None

    def _changed(self) -> None:
        self._dirty = True
        if self._marked is not None and self._marked in self.inputs:
            # The user is fixing the field: take the outline away, keep the sentence.
            self._unmark()

    @property
    def is_dirty(self) -> bool:
        if not self._dirty:
            return False
        return any(
            self._safe_value(inp) != self._original.get(name) for name, inp in self.inputs.items()
        )

    def field_input(self, name: str) -> FieldInput:
        """The input of field ``name`` (for tests and for callers that pre-fill a form)."""
        return self.inputs[name]

    # ------------------------------------------------------------------ feedback

    def _show_banner(self, message: str, *, tone: str = "error") -> None:
        icon = (
            QStyle.StandardPixmap.SP_MessageBoxCritical
            if tone == "error"
            else QStyle.StandardPixmap.SP_MessageBoxInformation
        )
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.bannerIcon.setPixmap(self.style().standardIcon(icon).pixmap(size, size))
        self.bannerText.setText(message)
        self.banner.setProperty("tone", tone)
        self.banner.setAccessibleName("Problem" if tone == "error" else "Note")
        self.banner.setAccessibleDescription(message)
        _repolish(self.banner)
        for child in self.banner.findChildren(QLabel):
            _repolish(child)
        self.banner.show()

    @property
    def banner_message(self) -> str:
        """The sentence shown in the banner ('' when it is hidden)."""
        return self.bannerText.text() if self.banner.isVisibleTo(self) else ""

    @property
    def marked_field(self) -> str | None:
        """The field currently outlined as wrong, if any."""
        return self._marked

    def _mark(self, name: str, message: str) -> None:
        self._unmark()
        field_input = self.inputs[name]
        target = field_input.focus_widget
        if isinstance(field_input, ReferenceInput):
            target = field_input.combo
        for widget in (target, self.labels[name]):
            widget.setProperty("invalid", True)
            _repolish(widget)
        target.setToolTip(message)
        mark = self._marks[name]
        mark.setToolTip(message)
        mark.show()
        self._marked = name
        self.scrollArea.ensureWidgetVisible(field_input.widget)
        field_input.focus_widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _unmark(self) -> None:
        name, self._marked = self._marked, None
        if name is None:
            return
        field_input = self.inputs[name]
        for widget in (field_input.focus_widget, field_input.widget, self.labels[name]):
            if widget.property("invalid"):
                widget.setProperty("invalid", False)
                _repolish(widget)
        if isinstance(field_input, ReferenceInput):
            field_input.combo.setProperty("invalid", False)
            _repolish(field_input.combo)
        field_input.focus_widget.setToolTip(field_input.spec.hint)
        self._marks[name].hide()

    def _refused(self, error: DomainError) -> None:
        self._show_banner(error.message)
        if error.field and error.field in self.inputs:
            self._mark(error.field, error.message)

    # ------------------------------------------------------------------ actions

    def _collect(self) -> dict[str, Any]:
        return {name: field_input.value() for name, field_input in self.inputs.items()}

    def save(self) -> None:
        """Create or edit the record; on a refusal show why and stay open."""
        if self._archived or not self.save_button.isEnabled():
            return
        self._unmark()
        try:
            values = self._collect()
            if self.record_id is None:
                create = CreateRecordCommand(self.ctx, self.model, values)
                self.ctx.push(create)
                self.record_id = create.record_id
            else:
                changes = {k: v for k, v in values.items() if v != self._original.get(k)}
                if changes:
                    self.ctx.push(
                        EditRecordCommand(
                            self.ctx,
                            self.model,
                            self.record_id,
                            changes,
                            expected_version=self._loaded_version,
                        )
                    )
        except DomainError as error:
            self._refused(error)
            return
        self._dirty = False
        self.saved.emit(self.record_id)
        self.accept()

    def _archive_or_restore(self, restore: bool) -> None:
        if self.record_id is None or not issubclass(self.model, PortfolioRecord):
            return
        noun = self.spec.noun
        title = self.titleLabel.text()
        if restore:
            question = (f"Restore {title}?", "Restore", "It comes back into the lists.")
        else:
            lost = " Unsaved changes in this form are discarded." if self.is_dirty else ""
            question = (
                f"Archive {title}?",
                "Archive",
                f"The {noun} leaves the lists but nothing is lost; it can be restored "
                f"with “Show archived”.{lost}",
            )
        if not confirm(
            self, f"{question[1]} {noun}", question[0], question[1], informative=question[2]
        ):
            return
        try:
            self.ctx.push(
                ArchiveRecordsCommand(self.ctx, self.model, [self.record_id], restore=restore)
            )
        except DomainError as error:
            self._refused(error)
            return
        self._dirty = False
        self.saved.emit(self.record_id)
        self.accept()

    def archive(self) -> None:
        self._archive_or_restore(False)

    def restore(self) -> None:
        self._archive_or_restore(True)

    def discard_changes(self) -> None:
        """Close without saving and without asking (the application is closing)."""
        self._dirty = False
        super().reject()

    def reject(self) -> None:
        """Esc / Cancel / close: ask before throwing away what was typed."""
        if self.is_dirty and not confirm(
            self,
            "Discard changes",
            f"Discard your changes to this {self.spec.noun}?",
            "Discard",
            safe="Keep editing",
        ):
            return
        self._dirty = False
        super().reject()


def open_editor(
    ctx: AppContext,
    model: type[Record],
    record_id: uuid.UUID | None = None,
    parent: QWidget | None = None,
    defaults: dict[str, Any] | None = None,
) -> uuid.UUID | None:
    """Edit (or with no ``record_id`` create) a record in a modal dialog.

    Returns the id of the record created or edited, ``None`` when cancelled.
    ``defaults`` pre-fill a new record's fields (e.g. ``{"project_id": ...}``).
    """
    try:
        dialog = RecordEditorDialog(ctx, model, record_id, parent, defaults)
    except DomainError as error:  # the record vanished meanwhile, the workspace is locked ...
        QMessageBox.warning(parent, "Cannot open the record", error.message)
        return None
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.record_id if accepted else None
    finally:
        dialog.deleteLater()
