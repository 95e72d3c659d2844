"""The second page: which sheets to import and what each one holds.

Visible worksheets with data are picked; hidden sheets are listed but left
out unless the user ticks them (they are often old months or lookup lists);
chart sheets are shown greyed. The kind is detected unless the user says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from pmodesk.gui.importing.state import KIND_LABELS, ImportChoices, SheetChoice, kind_label
from pmodesk.gui.importing.tasks import WizardTasks

#: The sheet a pmodesk export hides its mapping in: never data, never listed.
META_SHEET = "_pmodesk"

COL_SHEET, COL_FILE, COL_ROWS, COL_KIND = range(4)


def list_sheets(sources: list[Path], cancelled: Any = None) -> list[SheetChoice]:
    """Every sheet of every file, hidden ones included, picked as the importer would."""
    from pmodesk.exchange.reading import Visibility, open_book

    found: list[SheetChoice] = []
    for path in sources:
        with open_book(path, cancelled=cancelled) as book:
            for info in book.sheets:
                if info.name == META_SHEET:
                    continue
                found.append(
                    SheetChoice(
                        source=path,
                        name=info.name,
                        rows=info.rows,
                        hidden=info.visibility in (Visibility.HIDDEN, Visibility.VERY_HIDDEN),
                        chart=info.visibility is Visibility.CHART,
                        picked=info.selectable,
                    )
                )
    return found


class SheetsPage(QWizardPage):
    """A table of sheets: a tick to import, the file, the rows, a kind per sheet."""

    def __init__(self, choices: ImportChoices, tasks: WizardTasks) -> None:
        super().__init__()
        self.choices, self.tasks = choices, tasks
        self.setTitle("Choose the sheets and what they hold")
        self.setSubTitle(
            "Tick the sheets to import. Hidden sheets are listed but left out unless you tick "
            "them. Leave the kind on “Detect automatically” unless it guesses wrong."
        )
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("sheetTable")
        self.table.setAccessibleName("Sheets")
        self.table.setHorizontalHeaderLabels(["Sheet", "File", "Rows", "Kind"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_SHEET, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_ROWS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_KIND, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(COL_KIND, 260)
        self.table.itemChanged.connect(self._item_changed)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.all_button = QPushButton("Tick &all", self)
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button = QPushButton("Tick &none", self)
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        self.status = QLabel(self)
        self.status.setObjectName("sheetsStatus")
        self.status.setProperty("role", "muted")
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addWidget(self.status, 1)
        layout.addLayout(buttons)

    # ------------------------------------------------------------------ showing
    def initializePage(self) -> None:
        self._fill()

    def _fill(self) -> None:
        blocked = self.table.blockSignals(True)
        self.table.setRowCount(len(self.choices.sheets))
        muted = self.palette().placeholderText().color()
        for row, sheet in enumerate(self.choices.sheets):
            name = QTableWidgetItem(sheet.name + ("  (hidden)" if sheet.hidden else ""))
            name.setData(Qt.ItemDataRole.UserRole, row)
            if sheet.chart:
                name.setFlags(Qt.ItemFlag.NoItemFlags)
                name.setToolTip("A chart sheet holds no table to import.")
            else:
                name.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                name.setCheckState(
                    Qt.CheckState.Checked if sheet.picked else Qt.CheckState.Unchecked
                )
            if sheet.hidden:
                name.setForeground(muted)
                name.setToolTip("Hidden in the workbook; tick it to import it anyway.")
            file_item = QTableWidgetItem(sheet.source.name)
            file_item.setToolTip(str(sheet.source))
            rows = QTableWidgetItem(f"{sheet.rows:,}" if sheet.rows else "empty")
            rows.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for item in (file_item, rows):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if sheet.hidden or sheet.chart:
                    item.setForeground(QColor(muted))
            self.table.setItem(row, COL_SHEET, name)
            self.table.setItem(row, COL_FILE, file_item)
            self.table.setItem(row, COL_ROWS, rows)
            self.table.setCellWidget(row, COL_KIND, self._kind_combo(row, sheet))
        self.table.setColumnHidden(COL_FILE, len(self.choices.sources) < 2)
        self.table.blockSignals(blocked)
        if self.choices.sheets:
            self.table.setCurrentCell(0, COL_SHEET)
        self._update_status()

    def _kind_combo(self, row: int, sheet: SheetChoice) -> QComboBox:
        combo = QComboBox(self.table)
        combo.setObjectName(f"kindCombo_{row}")
        combo.setAccessibleName(f"Kind of {sheet.name}")
        first = "Detect automatically"
        if sheet.detected:
            first += f" ({kind_label(sheet.detected)})"
        elif sheet.detected == "":
            first = "Not recognised: choose"
            combo.setToolTip("The importer did not recognise this sheet; choose what it holds")
        combo.addItem(first, None)
        for kind in KIND_LABELS:
            combo.addItem(kind_label(kind), kind)
        combo.setCurrentIndex(max(combo.findData(sheet.kind), 0))
        combo.setEnabled(not sheet.chart)
        combo.currentIndexChanged.connect(
            lambda _i, r=row, c=combo: self._kind_changed(r, c.currentData())
        )
        return combo

    # ------------------------------------------------------------------ edits
    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != COL_SHEET:
            return
        sheet = self.choices.sheets[item.row()]
        picked = item.checkState() == Qt.CheckState.Checked
        if picked != sheet.picked:
            sheet.picked = picked
            self.choices.plan = None
            self._update_status()

    def _kind_changed(self, row: int, kind: str | None) -> None:
        sheet = self.choices.sheets[row]
        if sheet.kind != kind:
            sheet.kind = kind
            self.choices.plan = None
            self.choices.mapping = None

    def _tick_all(self, on: bool) -> None:
        for row, sheet in enumerate(self.choices.sheets):
            item = self.table.item(row, COL_SHEET)
            if item is not None and not sheet.chart:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _update_status(self) -> None:
        picked = self.choices.picked_sheets()
        rows = sum(s.rows for s in picked)
        hidden = sum(1 for s in self.choices.sheets if s.hidden)
        text = f"{len(picked)} of {len(self.choices.sheets)} sheets ticked, about {rows:,} rows."
        if hidden:
            text += f" {hidden} hidden sheet{'s' if hidden != 1 else ''} left out unless ticked."
        if not picked and any(s.detected == "" for s in self.choices.sheets):
            text = "No sheet was recognised: tick the sheet to import and choose what it holds."
        self.status.setText(text)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.tasks.busy and bool(self.choices.picked_sheets())

    def validatePage(self) -> bool:
        """Leaving for the mapping: plan the import first (in the background), then move on."""
        if self.choices.plan is not None:
            return True
        self.tasks.plan(then_next=True)
        return False
