"""Painting RAG chips and editing register cells in place.

A RAG value is drawn as a small rounded chip in its colour with its letter
(G, A, R) on it, and with an outline that differs per value (thin, dashed,
thick), so that it reads on a black-and-white printout or for a reader who
cannot tell red from green. Inline editors fit the field: a combo box for
state and RAG, a date edit, spin boxes for money and percentages, a line edit
with completion for the manager.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    Qt,
)
from PySide6.QtGui import QBrush, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pmodesk.domain.enums import ProjectState, Rag
from pmodesk.gui.register.columns import COLUMNS, Kind
from pmodesk.gui.register.model import RAG_ROLE
from pmodesk.gui.theme import rag_colour, rag_text_colour

#: The outline that tells the values apart without colour: thin, dashed, thick.
_OUTLINES: dict[Rag, tuple[float, Qt.PenStyle]] = {
    Rag.GREEN: (1.0, Qt.PenStyle.SolidLine),
    Rag.AMBER: (1.5, Qt.PenStyle.DashLine),
    Rag.RED: (2.5, Qt.PenStyle.SolidLine),
}

#: The earliest date a date editor offers; choosing it means "no date".
NO_DATE = QDate(1900, 1, 1)
_MONEY_LIMIT = 1e13

AnyIndex = QModelIndex | QPersistentModelIndex


def paint_rag_chip(painter: QPainter, cell: QRectF, rag: Rag) -> None:
    """Draw ``rag`` as a rounded chip with its letter, centred in ``cell``."""
    height = max(10.0, min(cell.height() - 6.0, 18.0))
    width = height * 1.7
    chip = QRectF(cell.center().x() - width / 2, cell.center().y() - height / 2, width, height)
    painter.save()
    try:
        _draw_chip(painter, chip, rag, height)
    finally:
        painter.restore()


def _draw_chip(painter: QPainter, chip: QRectF, rag: Rag, height: float) -> None:
    outline_width, outline_style = _OUTLINES[rag]
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(rag_colour(rag).darker(160), outline_width, outline_style)
    painter.setPen(pen)
    painter.setBrush(QBrush(rag_colour(rag)))
    inset = outline_width / 2
    painter.drawRoundedRect(chip.adjusted(inset, inset, -inset, -inset), height / 2, height / 2)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(8, int(height * 0.62)))
    painter.setFont(font)
    painter.setPen(rag_text_colour(rag))
    painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, rag.letter)


class RegisterDelegate(QStyledItemDelegate):
    """Paints RAG chips and provides the inline editors of the register's columns."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._managers: list[str] = []

    def set_managers(self, managers: list[str]) -> None:
        """Names the manager editor completes from."""
        self._managers = managers

    # ------------------------------------------------------------ painting

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        if COLUMNS[index.column()].kind is not Kind.RAG:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rag = index.data(RAG_ROLE)
        if rag:  # Qt hands the value back as a plain string
            paint_rag_chip(painter, QRectF(opt.rect), Rag(rag))

    # ------------------------------------------------------------ editing

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        column = COLUMNS[index.column()]
        kind = column.kind
        editor: QWidget
        if kind is Kind.STATE:
            combo = QComboBox(parent)
            for state in ProjectState:
                combo.addItem(state.label, state.value)
            editor = combo
        elif kind is Kind.RAG:
            combo = QComboBox(parent)
            combo.addItem("Not set", "")
            for rag in (Rag.GREEN, Rag.AMBER, Rag.RED):
                combo.addItem(f"{rag.letter} · {rag.label}", rag.value)
            editor = combo
        elif kind is Kind.DATE:
            date_edit = QDateEdit(parent)
            date_edit.setCalendarPopup(True)
            date_edit.setDisplayFormat("yyyy-MM-dd")
            date_edit.setMinimumDate(NO_DATE)
            date_edit.setSpecialValueText("No date")
            editor = date_edit
        elif kind in (Kind.MONEY, Kind.PERCENT, Kind.NUMBER):
            spin = QDoubleSpinBox(parent)
            if kind is Kind.PERCENT:
                spin.setRange(0, 100)
                spin.setDecimals(0)
                spin.setSuffix(" %")
            else:
                # The service owns the rules (a negative budget is refused with its sentence).
                spin.setRange(-_MONEY_LIMIT, _MONEY_LIMIT)
                spin.setDecimals(0 if kind is Kind.MONEY else 1)
                spin.setGroupSeparatorShown(kind is Kind.MONEY)
            editor = spin
        else:
            line = QLineEdit(parent)
            if column.field == "manager" and self._managers:
                completer = QCompleter(self._managers, line)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                line.setCompleter(completer)
            editor = line
        editor.setAccessibleName(f"Edit {column.title.lower()}")
        editor.setAutoFillBackground(True)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            at = editor.findData(value or "")
            editor.setCurrentIndex(max(at, 0))
        elif isinstance(editor, QDateEdit):
            editor.setDate(value if isinstance(value, QDate) else NO_DATE)
        elif isinstance(editor, QDoubleSpinBox):
            editor.setValue(float(value) if value is not None else 0.0)
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
        else:
            super().setEditorData(editor, index)
        editor.setProperty("pmodesk_initial", self._editor_value(editor))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        value = self._editor_value(editor)
        if value == editor.property("pmodesk_initial"):
            return  # untouched: a None budget must not become 0 by leaving the cell
        model.setData(index, value, Qt.ItemDataRole.EditRole)

    @staticmethod
    def _editor_value(editor: QWidget) -> Any:
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QDateEdit):
            picked = editor.date()
            return None if picked == NO_DATE else date(picked.year(), picked.month(), picked.day())
        if isinstance(editor, QDoubleSpinBox):
            return editor.value()
        if isinstance(editor, QLineEdit):
            return editor.text()
        return None

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        rect = option.rect
        editor.setGeometry(rect.adjusted(0, -2, 0, 2) if isinstance(editor, QComboBox) else rect)
