"""The inputs of the record editors, one per widget kind, behind one small interface.

Each :class:`FieldInput` wraps a Qt widget and converts between what the
user sees and the value a record field holds: ``None`` for an empty optional
date, number or reference; a UUID for a reference; an enum value string for a
choice. :meth:`FieldInput.value` raises
:class:`~pmodesk.domain.errors.ValidationError` (naming the field) when the
text cannot be read, so the form reports it exactly like a service refusal.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from pmodesk.domain.enums import Rag
from pmodesk.errors import ValidationError
from pmodesk.gui.editors.specs import FieldSpec, Widget
from pmodesk.services.lookups import Choice

NOT_SET = "Not set"
RAG_COLOURS = {Rag.GREEN: "#2e7d32", Rag.AMBER: "#f9a825", Rag.RED: "#c62828"}
SCALE_WORDS = {1: "Very low", 2: "Low", 3: "Medium", 4: "High", 5: "Very high"}
_NULL_DATE = QDate(1900, 1, 1)


def enum_label(member: StrEnum) -> str:
    """How a PMO reads an enum value: its ``label`` if it has one, else the value in words."""
    label = getattr(member, "label", None)
    if isinstance(label, str):
        return label
    return member.value.replace("_", " ").capitalize()


def rag_icon(rag: Rag, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(RAG_COLOURS[rag]))
    return QIcon(pixmap)


def format_number(value: float, *, money: bool = False) -> str:
    """``1,250,000.00`` for money; ``37.5`` or ``1,200`` for other numbers."""
    if money:
        return f"{value:,.2f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def parse_number(text: str) -> float | None:
    """Read a number typed with or without thousands separators; ``None`` when empty.

    Raises ``ValueError`` when the text is not a number.
    """
    cleaned = text.strip().replace(",", "").replace("_", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    return float(cleaned)


class FieldInput:
    """One field of a form: its widget, how to read and set its value, where focus goes."""

    def __init__(self, spec: FieldSpec, widget: QWidget, nullable: bool) -> None:
        self.spec = spec
        self.widget = widget
        self.nullable = nullable

    @property
    def focus_widget(self) -> QWidget:
        return self.widget

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def on_change(self, callback: Callable[[], None]) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setEnabled(not read_only)

    def refuse(self, message: str) -> ValidationError:
        return ValidationError(message, field=self.spec.name)


class LineInput(FieldInput):
    def __init__(self, spec: FieldSpec, nullable: bool, completions: Sequence[str] = ()) -> None:
        edit = QLineEdit()
        if spec.hint:
            edit.setPlaceholderText(spec.hint)
        if spec.widget is Widget.CODE:
            edit.setMaxLength(40)
        if spec.widget is Widget.PERIOD:
            edit.setMaxLength(7)
        if completions:
            completer = QCompleter(list(completions), edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
        super().__init__(spec, edit, nullable)
        self.edit = edit

    def value(self) -> Any:
        text = self.edit.text().strip()
        if self.spec.widget is Widget.CODE:
            text = text.upper()
        if not text and self.nullable:
            return None
        return text

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def on_change(self, callback: Callable[[], None]) -> None:
        self.edit.textChanged.connect(lambda _text: callback())

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class TextInput(FieldInput):
    def __init__(self, spec: FieldSpec, nullable: bool) -> None:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(56)
        edit.setMaximumHeight(96)
        if spec.hint:
            edit.setPlaceholderText(spec.hint)
        super().__init__(spec, edit, nullable)
        self.edit = edit

    def value(self) -> Any:
        text = self.edit.toPlainText().strip()
        return None if not text and self.nullable else text

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))

    def on_change(self, callback: Callable[[], None]) -> None:
        self.edit.textChanged.connect(callback)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class CheckInput(FieldInput):
    def __init__(self, spec: FieldSpec, nullable: bool) -> None:
        box = QCheckBox()
        box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        super().__init__(spec, box, nullable)
        self.box = box

    def value(self) -> Any:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def on_change(self, callback: Callable[[], None]) -> None:
        self.box.toggled.connect(lambda _on: callback())


class ChoiceInput(FieldInput):
    """A fixed list: enum values by their labels, or the 1–5 scale."""

    def __init__(self, spec: FieldSpec, nullable: bool) -> None:
        combo = QComboBox()
        if nullable:
            combo.addItem(NOT_SET, None)
        if spec.widget is Widget.SCALE:
            for n, word in SCALE_WORDS.items():
                combo.addItem(f"{n} — {word}", n)
        else:
            assert spec.enum is not None, f"{spec.name} needs an enum"
            for member in spec.enum:
                if isinstance(member, Rag):
                    combo.addItem(rag_icon(member), enum_label(member), member.value)
                else:
                    combo.addItem(enum_label(member), member.value)
        super().__init__(spec, combo, nullable)
        self.combo = combo

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        wanted = value.value if isinstance(value, StrEnum) else value
        index = self.combo.findData(wanted)
        self.combo.setCurrentIndex(max(index, 0))

    def on_change(self, callback: Callable[[], None]) -> None:
        self.combo.currentIndexChanged.connect(lambda _i: callback())


class ReferenceInput(FieldInput):
    """Another record, picked from "CODE — Name" entries; type to search (code or name)."""

    def __init__(self, spec: FieldSpec, nullable: bool, options: Sequence[Choice]) -> None:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setMaxVisibleItems(20)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(18)
        if nullable:
            combo.addItem("", None)
        for choice in options:
            combo.addItem(choice.label, str(choice.id))
        completer = QCompleter(combo.model(), combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)
        combo.lineEdit().setPlaceholderText("None" if nullable else "Choose…")  # type: ignore[union-attr]
        combo.setToolTip("Type part of a code or name to search the list.")
        super().__init__(spec, combo, nullable)
        self.combo = combo
        self.options = list(options)

    def add_missing(self, choice: Choice) -> None:
        """List a record the value refers to that the live list left out (e.g. archived)."""
        if self.combo.findData(str(choice.id)) < 0:
            self.combo.addItem(choice.label, str(choice.id))
            self.options.append(choice)

    def value(self) -> Any:
        text = self.combo.currentText().strip()
        if not text:
            if self.nullable:
                return None
            raise self.refuse(f"Choose a {self.spec.plain_label.lower()}.")
        index = self.combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            data = self.combo.itemData(index)
            return uuid.UUID(data) if data else None
        folded = text.casefold()
        by_code = [c for c in self.options if c.code.casefold() == folded]
        if len(by_code) == 1:
            return by_code[0].id
        containing = [c for c in self.options if folded in c.label.casefold()]
        if len(containing) == 1:
            return containing[0].id
        noun = self.spec.plain_label.lower()
        if containing:
            raise self.refuse(f"“{text}” matches several of the list; choose one {noun}.")
        raise self.refuse(f"No {noun} matches “{text}”; choose one from the list.")

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(str(value)) if value is not None else -1
        if index < 0 and self.nullable:
            index = self.combo.findData(None)
        self.combo.setCurrentIndex(index)
        if index < 0:
            self.combo.setEditText("")

    def on_change(self, callback: Callable[[], None]) -> None:
        self.combo.editTextChanged.connect(lambda _t: callback())
        self.combo.currentIndexChanged.connect(lambda _i: callback())


class _NullableDateEdit(QDateEdit):
    """A date edit whose lowest date stands for "no date"; clicking or typing starts at today."""

    def __init__(self, nullable: bool) -> None:
        super().__init__()
        self.nullable = nullable
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        if nullable:
            self.setMinimumDate(_NULL_DATE)
            self.setSpecialValueText(NOT_SET)
            self.setDate(_NULL_DATE)
        else:
            self.setDate(QDate.currentDate())

    def is_null(self) -> bool:
        return self.nullable and self.date() == _NULL_DATE

    def _start_today(self) -> None:
        if self.is_null():
            self.setDate(QDate.currentDate())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._start_today()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.is_null() and event.text().isdigit():
            self._start_today()
            self.setSelectedSection(QDateEdit.Section.YearSection)
        super().keyPressEvent(event)


class DateInput(FieldInput):
    def __init__(self, spec: FieldSpec, nullable: bool) -> None:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        edit = _NullableDateEdit(nullable)
        edit.setMinimumWidth(130)
        layout.addWidget(edit)
        self.clear_button: QToolButton | None = None
        if nullable:
            clear = QToolButton()
            clear.setText("✕")
            clear.setAutoRaise(True)
            clear.setToolTip(f"Clear the {spec.plain_label.lower()}")
            clear.setAccessibleName(f"Clear {spec.plain_label}")
            clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            clear.clicked.connect(lambda: edit.setDate(_NULL_DATE))
            layout.addWidget(clear)
            self.clear_button = clear
            edit.dateChanged.connect(lambda _d: clear.setEnabled(not edit.is_null()))
            clear.setEnabled(False)
        layout.addStretch(1)
        super().__init__(spec, box, nullable)
        self.edit = edit

    @property
    def focus_widget(self) -> QWidget:
        return self.edit

    def value(self) -> Any:
        if self.edit.is_null():
            return None
        return self.edit.date().toPython()

    def set_value(self, value: Any) -> None:
        if value is None:
            self.edit.setDate(_NULL_DATE if self.nullable else QDate.currentDate())
        elif isinstance(value, date):
            self.edit.setDate(QDate(value.year, value.month, value.day))

    def on_change(self, callback: Callable[[], None]) -> None:
        self.edit.dateChanged.connect(lambda _d: callback())


class NumberInput(FieldInput):
    """A decimal typed freely (``1,250,000``); empty means no value; shown with separators."""

    def __init__(self, spec: FieldSpec, nullable: bool) -> None:
        edit = QLineEdit()
        edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        edit.setPlaceholderText(spec.hint or ("Not set" if nullable else ""))
        edit.setMaximumWidth(170)
        super().__init__(spec, edit, nullable)
        self.edit = edit
        self.money = spec.widget is Widget.MONEY
        edit.editingFinished.connect(self._tidy)

    def _tidy(self) -> None:
        try:
            number = parse_number(self.edit.text())
        except ValueError:
            return
        if number is not None:
            self.edit.setText(format_number(number, money=self.money))

    def value(self) -> Any:
        text = self.edit.text()
        try:
            number = parse_number(text)
        except ValueError:
            raise self.refuse(
                f"{self.spec.plain_label}: “{text.strip()}” is not a number."
            ) from None
        if number is None and not self.nullable:
            raise self.refuse(f"{self.spec.plain_label} is required.")
        return number

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else format_number(float(value), money=self.money))

    def on_change(self, callback: Callable[[], None]) -> None:
        self.edit.textChanged.connect(lambda _t: callback())

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class PercentInput(FieldInput):
    """0–100 %, with "Not set" below zero when the field may be empty."""

    def __init__(self, spec: FieldSpec, nullable: bool) -> None:
        spin = QDoubleSpinBox()
        spin.setDecimals(0)
        spin.setRange(-1 if nullable else 0, 100)
        spin.setSuffix(" %")
        spin.setMaximumWidth(170)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if nullable:
            spin.setSpecialValueText(NOT_SET)
            spin.setValue(-1)
        super().__init__(spec, spin, nullable)
        self.spin = spin

    def value(self) -> Any:
        number = self.spin.value()
        return None if number < 0 else float(number)

    def set_value(self, value: Any) -> None:
        self.spin.setValue(-1 if value is None else float(value))

    def on_change(self, callback: Callable[[], None]) -> None:
        self.spin.valueChanged.connect(lambda _v: callback())


class _CtrlReturnFilter(QObject):
    """Sends Ctrl+Enter in a text area to ``handler`` (plain Enter types a new line)."""

    def __init__(self, handler: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._handler = handler

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                QTimer.singleShot(0, self._handler)
                return True
        return False


def save_on_ctrl_return(widget: QWidget, handler: Callable[[], None]) -> None:
    widget.installEventFilter(_CtrlReturnFilter(handler, widget))


def make_input(
    spec: FieldSpec,
    nullable: bool,
    options: Sequence[Choice] = (),
    completions: Sequence[str] = (),
) -> FieldInput:
    """The input for a field spec."""
    kind = spec.widget
    if kind in (Widget.LINE, Widget.CODE, Widget.PERIOD):
        return LineInput(spec, nullable)
    if kind is Widget.PERSON:
        return LineInput(spec, nullable, completions)
    if kind is Widget.TEXT:
        return TextInput(spec, nullable)
    if kind is Widget.CHECK:
        return CheckInput(spec, nullable)
    if kind in (Widget.ENUM, Widget.SCALE):
        return ChoiceInput(spec, nullable)
    if kind is Widget.REFERENCE:
        return ReferenceInput(spec, nullable, options)
    if kind is Widget.DATE:
        return DateInput(spec, nullable)
    if kind in (Widget.MONEY, Widget.NUMBER):
        return NumberInput(spec, nullable)
    if kind is Widget.PERCENT:
        return PercentInput(spec, nullable)
    raise ValueError(f"Unknown widget kind {kind!r}")
