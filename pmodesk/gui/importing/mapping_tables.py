"""The two tables of the mapping page: columns to fields, and the workbook's words to values.

A column table row is a column of the sheet: its letter and header, a few
example cells, a combo of the fields it can fill, and how sure the automatic
match was (a percentage, coloured: green is sure, amber worth a look, red a
guess). A value table row is a text met in one column ("On track") and a
combo of what it means (Green).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pmodesk.gui.importing.engine import FieldChoice

NOT_IMPORTED = "Not imported"
NOT_UNDERSTOOD = "Not understood: refused"

#: How each matching method reads in the Match column's tooltip.
HOW_WORDS = {
    "pmodesk": "described by the workbook (written by pmodesk)",
    "saved": "from the saved mapping",
    "given": "as you mapped it",
    "exact": "the header is the field's name",
    "synonym": "the header is a usual name for the field",
    "words": "the header contains the field's name",
    "fuzzy": "the header is spelt close to the field's name: check it",
}


def confidence_colour(confidence: float) -> QColor:
    """Green from 90 %, amber from 70 %, red below."""
    if confidence >= 0.9:
        return QColor("#2e9e5b")
    if confidence >= 0.7:
        return QColor("#b7791f")
    return QColor("#d64545")


def _readonly(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


#: How a column of a plan's periods (weeks, months, days across) is matched.
PERIOD = "period"


class ColumnTable(QTableWidget):
    """Columns of one sheet and the field each fills; emits ``field_changed(header, field)``."""

    field_changed = Signal(str, object)

    COL_LETTER, COL_HEADER, COL_EXAMPLES, COL_FIELD, COL_MATCH = range(5)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("columnTable")
        self.setAccessibleName("Columns and the fields they fill")
        self.setColumnCount(5)
        self.setHorizontalHeaderLabels(
            ["", "Column in the workbook", "Examples", "Imported as", "Match"]
        )
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.horizontalHeader()
        header.setSectionResizeMode(self.COL_LETTER, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(self.COL_HEADER, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.COL_EXAMPLES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.COL_FIELD, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(self.COL_MATCH, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(self.COL_LETTER, 36)
        self.setColumnWidth(self.COL_HEADER, 190)
        self.setColumnWidth(self.COL_FIELD, 210)
        self.setColumnWidth(self.COL_MATCH, 130)
        self._headers: list[str] = []

    def show_columns(
        self,
        columns: Sequence[Any],
        fields: Sequence[FieldChoice],
        samples: dict[str, list[str]],
        edited: dict[str, str | None],
    ) -> None:
        """One row per column match; ``edited`` holds the user's choices not yet planned."""
        self.setRowCount(len(columns))
        self._headers = []
        bold = QFont(self.font())
        bold.setBold(True)
        for row, match in enumerate(columns):
            self._headers.append(match.header)
            letter = _readonly(match.letter)
            letter.setFont(bold)
            letter.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setItem(row, self.COL_LETTER, letter)
            header = _readonly(match.header or f"(no header in column {match.letter})")
            header.setToolTip(match.header)
            self.setItem(row, self.COL_HEADER, header)
            examples = samples.get(match.letter, [])
            example = _readonly(", ".join(examples) if examples else "empty")
            example.setForeground(QBrush(self.palette().placeholderText().color()))
            example.setToolTip("\n".join(examples))
            self.setItem(row, self.COL_EXAMPLES, example)
            if match.how == PERIOD:
                self._show_period(row, match)
                continue
            chosen = (
                edited.get(match.header, match.field) if match.header in edited else match.field
            )
            self.setCellWidget(row, self.COL_FIELD, self._field_combo(row, match, fields, chosen))
            self.setItem(row, self.COL_MATCH, self._match_item(match, chosen))

    def _show_period(self, row: int, match: Any) -> None:
        """A column of a plan's periods: its cells are the planned amounts, not one field."""
        self.removeCellWidget(row, self.COL_FIELD)
        what = _readonly("Planned amounts")
        tip = f"Column {match.letter} is {match.note or 'a period of the plan'}: each cell is " \
              "the hours or percent planned for the person (or role) of its row"  # fmt: skip
        what.setToolTip(tip)
        self.setItem(row, self.COL_FIELD, what)
        found = _readonly("plan period")
        found.setForeground(QBrush(confidence_colour(1.0)))
        found.setToolTip(tip)
        font = found.font()
        font.setBold(True)
        found.setFont(font)
        self.setItem(row, self.COL_MATCH, found)

    def _field_combo(
        self, row: int, match: Any, fields: Sequence[FieldChoice], chosen: str | None
    ) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(f"fieldCombo_{match.letter}")
        combo.setAccessibleName(f"Field for column {match.letter} {match.header}")
        combo.addItem(NOT_IMPORTED, None)
        for choice in fields:
            combo.addItem(choice.label + (" *" if choice.required else ""), choice.key)
            combo.setItemData(
                combo.count() - 1,
                f"{choice.label}: {choice.type}" + (", required" if choice.required else ""),
                Qt.ItemDataRole.ToolTipRole,
            )
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.setEnabled(bool(match.header))
        combo.currentIndexChanged.connect(
            lambda _i, r=row, c=combo: self._chosen(r, c.currentData())
        )
        return combo

    def _match_item(self, match: Any, chosen: str | None) -> QTableWidgetItem:
        if chosen is None:
            item = _readonly("—")
            item.setToolTip("Not imported")
            item.setForeground(QBrush(self.palette().placeholderText().color()))
        elif chosen != match.field:
            item = _readonly("100%  yours")
            item.setForeground(QBrush(confidence_colour(1.0)))
            item.setToolTip("You chose this field")
        else:
            percent = round(match.confidence * 100)
            item = _readonly(f"{percent}%  {match.how}".rstrip())
            colour = confidence_colour(match.confidence)
            item.setForeground(QBrush(colour))
            tint = QColor(colour)
            tint.setAlpha(28)
            item.setBackground(QBrush(tint))
            why = HOW_WORDS.get(match.how, match.how)
            item.setToolTip(f"{percent}% sure: {why}" + (f". {match.note}" if match.note else ""))
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _chosen(self, row: int, field: str | None) -> None:
        header = self._headers[row]
        if field is not None:  # one column per field: the other column lets go of it
            for other in range(self.rowCount()):
                combo = self.field_combo(other)
                if other != row and combo is not None and combo.currentData() == field:
                    combo.setCurrentIndex(0)
        match_item = self.item(row, self.COL_MATCH)
        if match_item is not None:
            replacement = _readonly("100%  yours" if field else "—")
            replacement.setForeground(
                QBrush(
                    confidence_colour(1.0) if field else self.palette().placeholderText().color()
                )
            )
            font = replacement.font()
            font.setBold(True)
            replacement.setFont(font)
            self.setItem(row, self.COL_MATCH, replacement)
        self.field_changed.emit(header, field)

    def field_combo(self, row: int) -> QComboBox | None:
        widget = self.cellWidget(row, self.COL_FIELD)
        return widget if isinstance(widget, QComboBox) else None

    def row_of(self, header: str) -> int:
        """The row of the column with this header (-1 when there is none)."""
        return self._headers.index(header) if header in self._headers else -1


class ValueTable(QTableWidget):
    """The texts met in one field's column and the value each is read as."""

    value_changed = Signal(str, object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(0, 2, parent)
        self.setObjectName("valueTable")
        self.setAccessibleName("Values and what they mean")
        self.setHorizontalHeaderLabels(["In the workbook", "Read as"])
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(1, 190)
        self._texts: list[str] = []

    def show_values(
        self,
        seen: dict[str, Any],
        choices: Sequence[tuple[Any, str]],
        colour_of: Callable[[Any], QColor | None] = lambda _v: None,
    ) -> None:
        self._texts = sorted(seen, key=str.casefold)
        self.setRowCount(len(self._texts))
        for row, text in enumerate(self._texts):
            item = _readonly(text)
            if seen[text] is None:  # not understood: draw the eye
                item.setForeground(QBrush(QColor("#d64545")))
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                item.setToolTip("Not understood: pick what it means, or its rows are refused")
            self.setItem(row, 0, item)
            combo = QComboBox(self)
            combo.setObjectName(f"valueCombo_{row}")
            combo.setAccessibleName(f"Read {text} as")
            combo.addItem(NOT_UNDERSTOOD, None)
            for value, label in choices:
                combo.addItem(label, value)
                colour = colour_of(value)
                if colour is not None:
                    combo.setItemData(combo.count() - 1, colour, Qt.ItemDataRole.DecorationRole)
            combo.setCurrentIndex(max(combo.findData(seen[text]), 0))
            combo.currentIndexChanged.connect(
                lambda _i, t=text, c=combo: self.value_changed.emit(t, c.currentData())
            )
            self.setCellWidget(row, 1, combo)

    def value_combo(self, text: str) -> QComboBox | None:
        if text not in self._texts:
            return None
        widget = self.cellWidget(self._texts.index(text), 1)
        return widget if isinstance(widget, QComboBox) else None
