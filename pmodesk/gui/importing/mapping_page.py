"""The mapping page: which column fills which field, how the workbook's words read, save by name.

The importer has matched every column already (by name, synonym or close
spelling, with its confidence). The user corrects a column with its combo,
corrects a value ("Pass" means Cancelled), moves the header row when the
guess is wrong, and saves the whole mapping by name so that next month's
file needs none of this: it is picked on the first page.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWizardPage,
)

from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.dialogs.errors import show_domain_error
from pmodesk.gui.importing import engine
from pmodesk.gui.importing.mapping_tables import ColumnTable, ValueTable
from pmodesk.gui.importing.plan_options import matrix_text
from pmodesk.gui.importing.state import ImportChoices, kind_label
from pmodesk.gui.importing.tasks import WizardTasks
from pmodesk.gui.theme import RAG_COLOURS


def _rag_colour(value: Any) -> QColor | None:
    colour = RAG_COLOURS.get(str(value))
    return QColor(colour) if colour else None


class MappingPage(QWizardPage):
    """Adjust the automatic mapping sheet by sheet; save it for next time."""

    def __init__(self, ctx: AppContext, choices: ImportChoices, tasks: WizardTasks) -> None:
        super().__init__()
        self.ctx, self.choices, self.tasks = ctx, choices, tasks
        self.setTitle("Match the columns to pmodesk's fields")
        self.setSubTitle(
            "Each column was matched by its header; the percentage says how sure the match is. "
            "Change a column with its combo, and say what the workbook's words mean."
        )
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        sheet_label = QLabel("S&heet:", self)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("mappingSheetCombo")
        self.sheet_combo.setMinimumWidth(260)
        sheet_label.setBuddy(self.sheet_combo)
        self.sheet_combo.currentIndexChanged.connect(self._show_sheet)
        header_label = QLabel("Headers on &row:", self)
        self.header_spin = QSpinBox(self)
        self.header_spin.setObjectName("headerRowSpin")
        self.header_spin.setRange(1, 1000)
        self.header_spin.setToolTip("The row that holds the column headers, as Excel numbers it")
        self.header_spin.setKeyboardTracking(False)
        header_label.setBuddy(self.header_spin)
        self.header_spin.valueChanged.connect(self._header_row_changed)
        top.addWidget(sheet_label)
        top.addWidget(self.sheet_combo)
        top.addSpacing(16)
        top.addWidget(header_label)
        top.addWidget(self.header_spin)
        top.addStretch(1)
        legend = QLabel(
            '<span style="color:#2e9e5b">■</span> sure (90 % and more) &nbsp; '
            '<span style="color:#b7791f">■</span> worth a look &nbsp; '
            '<span style="color:#d64545">■</span> a guess (below 70 %) &nbsp; '
            "* required",
            self,
        )
        legend.setObjectName("confidenceLegend")
        legend.setProperty("role", "muted")
        top.addWidget(legend)
        layout.addLayout(top)
        self.sheet_summary = QLabel(self)
        self.sheet_summary.setObjectName("sheetSummary")
        self.sheet_summary.setProperty("role", "muted")
        self.sheet_summary.setWordWrap(True)
        layout.addWidget(self.sheet_summary)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.columns = ColumnTable(splitter)
        self.columns.field_changed.connect(self._field_changed)
        values_box = QGroupBox("What the workbook's words mean", splitter)
        values_layout = QVBoxLayout(values_box)
        field_row = QHBoxLayout()
        field_label = QLabel("&Column:", values_box)
        self.value_field_combo = QComboBox(values_box)
        self.value_field_combo.setObjectName("valueFieldCombo")
        field_label.setBuddy(self.value_field_combo)
        self.value_field_combo.currentIndexChanged.connect(self._show_values)
        field_row.addWidget(field_label)
        field_row.addWidget(self.value_field_combo, 1)
        values_layout.addLayout(field_row)
        self.values = ValueTable(values_box)
        self.values.value_changed.connect(self._value_changed)
        values_layout.addWidget(self.values, 1)
        self.values_hint = QLabel(values_box)
        self.values_hint.setProperty("role", "muted")
        self.values_hint.setWordWrap(True)
        values_layout.addWidget(self.values_hint)
        splitter.addWidget(self.columns)
        splitter.addWidget(values_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([700, 320])
        layout.addWidget(splitter, 1)

        save_row = QHBoxLayout()
        save_label = QLabel("&Save this mapping as:", self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("mappingNameEdit")
        self.name_edit.setPlaceholderText("e.g. Monthly project register")
        self.name_edit.setMaxLength(60)
        save_label.setBuddy(self.name_edit)
        self.save_button = QPushButton("Sa&ve mapping", self)
        self.save_button.setObjectName("saveMappingButton")
        self.save_button.setToolTip("Next month, pick it on the first page and skip this step")
        self.save_button.setEnabled(False)
        self.name_edit.textChanged.connect(lambda t: self.save_button.setEnabled(bool(t.strip())))
        self.name_edit.installEventFilter(self)
        self.save_button.clicked.connect(self.save_mapping)
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("savedLabel")
        self.saved_label.setProperty("role", "muted")
        save_row.addWidget(save_label)
        save_row.addWidget(self.name_edit, 1)
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.saved_label, 1)
        layout.addLayout(save_row)
        tasks.planned.connect(self._on_planned)

    # ------------------------------------------------------------------ showing
    def initializePage(self) -> None:
        if not self.name_edit.text() and self.choices.saved_mapping:
            self.name_edit.setText(self.choices.saved_mapping)
        self._fill_sheets()

    def _on_planned(self) -> None:
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            self._fill_sheets()

    def _fill_sheets(self) -> None:
        plan = self.choices.plan
        current = self.sheet_combo.currentIndex()
        blocked = self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for sheet in plan.sheets if plan is not None else ():
            text = sheet.sheet
            if len(self.choices.sources) > 1:
                text += f" ({sheet.source})"
            self.sheet_combo.addItem(f"{text} — {kind_label(sheet.kind)}")
        self.sheet_combo.blockSignals(blocked)
        self.sheet_combo.setCurrentIndex(max(min(current, self.sheet_combo.count() - 1), 0))
        self._show_sheet()

    def current_sheet(self) -> Any:
        plan = self.choices.plan
        index = self.sheet_combo.currentIndex()
        if plan is None or not 0 <= index < len(plan.sheets):
            return None
        return plan.sheets[index]

    def _sheet_mapping(self, sheet: Any) -> Any:
        """The user's mapping of ``sheet`` (made from the plan on the first edit)."""
        if self.choices.mapping is None:
            self.choices.mapping = engine.mapping_from_plan(
                self.choices.plan, self.choices.saved_mapping or ""
            )
        mapping = self.choices.mapping.for_sheet(sheet.sheet)
        if mapping is None:
            from pmodesk.exchange.importing.saved import SheetMapping

            mapping = SheetMapping(kind=sheet.kind)
            self.choices.mapping.sheets[sheet.sheet] = mapping
        return mapping

    def _edits(self, sheet: Any) -> dict[str, str | None]:
        if self.choices.mapping is None or not self.choices.mapping_edited:
            return {}
        mapping = self.choices.mapping.for_sheet(sheet.sheet)
        return dict(mapping.columns) if mapping is not None else {}

    def _show_sheet(self) -> None:
        sheet = self.current_sheet()
        if sheet is None:
            self.columns.setRowCount(0)
            self.sheet_summary.setText("No sheet to map.")
            return
        self.sheet_summary.setText(self.summary_text(sheet))
        blocked = self.header_spin.blockSignals(True)
        self.header_spin.setValue(sheet.header_row)
        self.header_spin.blockSignals(blocked)
        fields = engine.field_choices(sheet.kind)
        samples = self.choices.samples.get((sheet.source, sheet.sheet), {})
        self.columns.show_columns(sheet.columns, fields, samples, self._edits(sheet))
        self._fill_value_fields(sheet)

    def summary_text(self, sheet: Any) -> str:
        """What the sheet was taken for, how it was read, and how much of it is imported."""
        how = f"detected, {round(sheet.confidence * 100)}% sure" if sheet.detected else "as chosen"
        columns = [c for c in sheet.columns if c.how != "period"]
        mapped = sum(1 for c in columns if c.field)
        plan = self.choices.plan
        rows = sum(1 for c in plan.preview if c.source == sheet.source and c.sheet == sheet.sheet)
        if sheet.matrix is not None:
            found = f"Resource plan ({how}) · {matrix_text(sheet.matrix)} · {rows:,} allocations"
        else:
            found = f"{kind_label(sheet.kind)} ({how}) · {rows:,} rows under the header"
        notes = f" · {' '.join(sheet.notes)}" if sheet.notes else ""
        return f"{found} · {mapped} of {len(columns)} columns imported{notes}"

    def _fill_value_fields(self, sheet: Any) -> None:
        previous = self.value_field_combo.currentData()
        blocked = self.value_field_combo.blockSignals(True)
        self.value_field_combo.clear()
        labels = {f.key: f.label for f in engine.field_choices(sheet.kind)}
        letters = {c.field: c.label for c in sheet.columns if c.field}
        texts = self.value_texts(sheet)
        for field, seen in texts.items():
            if seen and engine.value_choices(self.ctx, sheet.kind, field) is not None:
                where = letters.get(field, "")
                self.value_field_combo.addItem(f"{labels.get(field, field)}  ·  {where}", field)
        self.value_field_combo.blockSignals(blocked)
        index = self.value_field_combo.findData(previous)
        if index < 0:  # first the column with words not understood
            unread = [f for f, seen in texts.items() if None in seen.values()]
            index = self.value_field_combo.findData(unread[0]) if unread else 0
        self.value_field_combo.setCurrentIndex(max(index, 0))
        self._show_values()

    def value_texts(self, sheet: Any) -> dict[str, dict[str, Any]]:
        """Per field, the texts met and what each was read as (None: not understood).

        The importer lists the texts of choice columns (RAG, state...) and the
        mapped ones of reference columns; a stage or programme name it could
        not find is added from the problems, so that the user can say what it is.
        """
        texts = {field: dict(seen) for field, seen in sheet.values.items()}
        fields = {c.letter: c.field for c in sheet.columns if c.field}
        for problem in self.choices.plan.problems if self.choices.plan is not None else ():
            field = fields.get(problem.letter)
            if (
                field is None
                or not problem.value
                or (problem.source, problem.sheet) != (sheet.source, sheet.sheet)
                or problem.severity != "error"
                or not engine.is_reference(sheet.kind, field)
            ):
                continue
            texts.setdefault(field, {}).setdefault(problem.value, None)
        return texts

    def _show_values(self) -> None:
        sheet = self.current_sheet()
        field = self.value_field_combo.currentData()
        if sheet is None or field is None:
            self.values.setRowCount(0)
            self.values_hint.setText("This sheet has no choice columns (RAG, state, stage…).")
            return
        choices = engine.value_choices(self.ctx, sheet.kind, field) or []
        seen = dict(self.value_texts(sheet).get(field, {}))
        if self.choices.mapping is not None and self.choices.mapping_edited:
            mapping = self.choices.mapping.for_sheet(sheet.sheet)
            if mapping is not None:
                seen.update({t: v for t, v in mapping.values.get(field, {}).items() if t in seen})
        colour = _rag_colour if field.startswith("rag_") else (lambda _v: None)
        self.values.show_values(seen, choices, colour)
        unread = sum(1 for v in seen.values() if v is None)
        self.values_hint.setText(
            f"{unread} word{'s' if unread != 1 else ''} not understood: pick what "
            f"{'they mean' if unread != 1 else 'it means'}, or those rows are refused."
            if unread
            else "Every word was understood; change one if it was read wrong."
        )

    # ------------------------------------------------------------------ edits
    def _field_changed(self, header: str, field: str | None) -> None:
        sheet = self.current_sheet()
        if sheet is None:
            return
        mapping = self._sheet_mapping(sheet)
        mapping.columns[header] = field
        self._edited()

    def _value_changed(self, text: str, value: Any) -> None:
        sheet, field = self.current_sheet(), self.value_field_combo.currentData()
        if sheet is None or field is None:
            return
        mapping = self._sheet_mapping(sheet)
        words = mapping.values.setdefault(field, {})
        if value is None:
            words.pop(text, None)
        else:
            words[text] = value
        self._edited()

    def _header_row_changed(self, row: int) -> None:
        sheet = self.current_sheet()
        if sheet is None or row == sheet.header_row:
            return
        mapping = self._sheet_mapping(sheet)
        mapping.header_row = row
        mapping.columns.clear()  # the headers are other texts now
        mapping.values.clear()
        self._edited()
        self.tasks.plan()  # the columns themselves change: read them now

    def _edited(self) -> None:
        self.choices.mapping_edited = True
        self.saved_label.setText("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the name field saves the mapping (and does not also press Next)."""
        if (
            watched is self.name_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.save_mapping()
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ saving
    def save_mapping(self) -> bool:
        """Save the mapping as shown (the user's changes included) under the typed name."""
        name = self.name_edit.text().strip()
        if not name or self.choices.plan is None:
            return False
        if self.choices.mapping is None:
            self.choices.mapping = engine.mapping_from_plan(self.choices.plan, name)
        mapping = self.choices.mapping
        try:
            engine.save_mapping(self.ctx, mapping, name)
        except DomainError as exc:
            show_domain_error(self, exc, "Save the mapping")
            return False
        self.saved_label.setText(f"Saved as “{name}”: pick it on the first page next time.")
        return True

    def validatePage(self) -> bool:
        """Changes to the mapping are planned again before the preview."""
        if self.choices.plan is not None and not self.choices.mapping_edited:
            return True
        self.tasks.plan(then_next=True)
        return False
