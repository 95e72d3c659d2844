"""The first page: which workbook (browsed or dropped) and which saved mapping to start from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from pmodesk.gui.context import AppContext
from pmodesk.gui.icons import icon
from pmodesk.gui.importing import engine
from pmodesk.gui.importing.drops import WORKBOOK_FILTER, accept_workbook_drops, is_workbook
from pmodesk.gui.importing.state import KEY_LAST_FOLDER, ImportChoices
from pmodesk.gui.importing.tasks import WizardTasks

NO_MAPPING = "None: match the columns by their names"


class FilePage(QWizardPage):
    """Choose the file(s) and, for a monthly return, the mapping saved last time."""

    def __init__(self, ctx: AppContext, choices: ImportChoices, tasks: WizardTasks) -> None:
        super().__init__()
        self.ctx, self.choices, self.tasks = ctx, choices, tasks
        self.setTitle("Choose the workbook")
        self.setSubTitle(
            "Pick the spreadsheet to bring in, or drop it on this window. "
            "A workbook exported by pmodesk needs no mapping."
        )
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        drop = QFrame(self)
        drop.setObjectName("dropZone")
        drop.setFrameShape(QFrame.Shape.StyledPanel)
        drop.setStyleSheet(
            "QFrame#dropZone { border: 2px dashed palette(mid); border-radius: 10px; }"
        )
        drop_layout = QHBoxLayout(drop)
        drop_layout.setContentsMargins(18, 16, 18, 16)
        picture = QLabel(drop)
        picture.setPixmap(icon("import").pixmap(32, 32))
        text = QLabel("Drop one or more workbooks here (.xlsx, .xls, .ods, .csv), or", drop)
        self.browse_button = QPushButton(icon("open"), "&Browse…", drop)
        self.browse_button.setObjectName("browseButton")
        self.browse_button.clicked.connect(self.browse)
        drop_layout.addWidget(picture)
        drop_layout.addWidget(text, 1)
        drop_layout.addWidget(self.browse_button)
        layout.addWidget(drop)

        files_label = QLabel("&Files to import:", self)
        self.file_list = QListWidget(self)
        self.file_list.setObjectName("fileList")
        self.file_list.setAccessibleName("Files to import")
        self.file_list.setMaximumHeight(120)
        files_label.setBuddy(self.file_list)
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.setObjectName("removeFileButton")
        self.remove_button.setToolTip("Leave the selected file out of this import")
        self.remove_button.clicked.connect(self.remove_selected)
        self.file_list.currentRowChanged.connect(
            lambda row: self.remove_button.setEnabled(row >= 0)
        )
        self.remove_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.file_list, 1)
        row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(files_label)
        layout.addLayout(row)

        mapping_row = QHBoxLayout()
        mapping_label = QLabel("Saved &mapping:", self)
        self.mapping_combo = QComboBox(self)
        self.mapping_combo.setObjectName("savedMappingCombo")
        self.mapping_combo.setAccessibleName("Saved mapping")
        self.mapping_combo.setMinimumWidth(320)
        self.mapping_combo.setToolTip(
            "A mapping saved from an earlier import of the same spreadsheet: "
            "its columns, kinds and values are matched the same way again"
        )
        mapping_label.setBuddy(self.mapping_combo)
        self.mapping_combo.currentIndexChanged.connect(self._mapping_chosen)
        mapping_row.addWidget(mapping_label)
        mapping_row.addWidget(self.mapping_combo)
        mapping_row.addStretch(1)
        layout.addLayout(mapping_row)
        hint = QLabel(
            "Nothing is written until the last step, and the whole import can be undone "
            "in one step with Edit > Undo.",
            self,
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        layout.addWidget(hint)
        layout.addStretch(1)
        self.drop_filter = accept_workbook_drops(self, self.add_files)

    # ------------------------------------------------------------------ state
    def initializePage(self) -> None:
        self._fill_mappings()
        self._show_files()

    def _fill_mappings(self) -> None:
        names = engine.saved_mapping_names(self.ctx)
        blocked = self.mapping_combo.blockSignals(True)
        self.mapping_combo.clear()
        self.mapping_combo.addItem(NO_MAPPING, None)
        for name in names:
            self.mapping_combo.addItem(name, name)
        index = self.mapping_combo.findData(self.choices.saved_mapping)
        self.mapping_combo.setCurrentIndex(max(index, 0))
        self.mapping_combo.setEnabled(bool(names))
        self.mapping_combo.blockSignals(blocked)

    def _mapping_chosen(self, index: int) -> None:
        name = self.mapping_combo.itemData(index)
        if name != self.choices.saved_mapping:
            self.choices.saved_mapping = name
            self.choices.mapping = None
            self.choices.sheets = []  # its kinds may pick other sheets: survey again
            self.choices.plan = None

    def _show_files(self) -> None:
        self.file_list.clear()
        for path in self.choices.sources:
            item = QListWidgetItem(icon("import"), path.name)
            item.setToolTip(str(path))
            self.file_list.addItem(item)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.choices.sources) and not self.tasks.busy

    def validatePage(self) -> bool:
        """Read the files and plan before the sheets page: it shows what was detected."""
        if self.choices.sheets and self.choices.plan is not None:
            return True
        self.tasks.plan(then_next=True, survey=not self.choices.sheets)
        return False

    # ------------------------------------------------------------------ actions
    def last_folder(self) -> str:
        stored = str(self.ctx.settings.value(KEY_LAST_FOLDER, "") or "")
        return stored if stored and Path(stored).is_dir() else str(Path.home())

    def browse(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, "Choose the workbook to import", self.last_folder(), WORKBOOK_FILTER
        )
        if names:
            self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        """Add workbooks (from the dialog or a drop); the last folder is remembered."""
        fresh = [p for p in paths if is_workbook(p)]
        if not fresh:
            return
        merged = list(self.choices.sources)
        for path in fresh:
            if path.resolve() not in {p.resolve() for p in merged}:
                merged.append(path)
        self.choices.set_sources(merged)
        self.ctx.settings.setValue(KEY_LAST_FOLDER, str(fresh[-1].resolve().parent))
        self._show_files()

    def remove_selected(self) -> None:
        row = self.file_list.currentRow()
        if 0 <= row < len(self.choices.sources):
            remaining = [p for i, p in enumerate(self.choices.sources) if i != row]
            self.choices.set_sources(remaining)
            self._show_files()
