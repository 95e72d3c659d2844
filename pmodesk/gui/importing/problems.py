"""The problem list of the preview: sortable, filtered to errors or warnings, saved as a workbook.

A manager fixes problems in the workbook they own, so the list can be saved
as a workbook of its own to send back; a row the coordinator will not wait
for is ticked to skip.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmodesk.errors import DomainError
from pmodesk.gui.dialogs.errors import show_domain_error
from pmodesk.gui.importing.details import SearchBox
from pmodesk.gui.importing.models import FilterProxy, ProblemsModel
from pmodesk.gui.importing.state import KEY_LAST_FOLDER, ImportChoices

#: The filter combo's entries: label, severities shown.
SHOW = (
    ("Every problem", None),
    ("Errors only", frozenset({"Error"})),
    ("Warnings only", frozenset({"Warning"})),
)


class ProblemsPanel(QWidget):
    """The table of problems with its filter, search, Skip ticks and Save button."""

    #: The user ticked or unticked Skip on a row.
    skips_changed = Signal()

    def __init__(self, choices: ImportChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        show = QLabel("Sho&w:", self)
        self.severity_combo = QComboBox(self)
        self.severity_combo.setObjectName("severityFilter")
        for label, allowed in SHOW:
            self.severity_combo.addItem(label, allowed)
        show.setBuddy(self.severity_combo)
        self.search = SearchBox("Find a sheet, a value or a reason", self)
        self.search.setObjectName("problemSearch")
        self.save_button = QPushButton("Save the &list as a workbook…", self)
        self.save_button.setObjectName("saveProblemsButton")
        self.save_button.setToolTip("Send it to whoever keeps the workbook, to fix at the source")
        self.save_button.clicked.connect(self.ask_and_save)
        row.addWidget(show)
        row.addWidget(self.severity_combo)
        row.addWidget(self.search, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

        self.model = ProblemsModel()
        self.model.skipped = choices.skipped_rows
        self.proxy = FilterProxy(ProblemsModel.COL_SKIP)
        self.proxy.setSourceModel(self.model)
        self.severity_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_allowed(self.severity_combo.currentData())
        )
        self.search.searched.connect(self.proxy.set_search)
        self.view = QTableView(self)
        self.view.setObjectName("problemView")
        self.view.setAccessibleName("Problems")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(ProblemsModel.COL_ROW, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((0, 86), (1, 140), (2, 110), (3, 56), (4, 160), (5, 140)):
            self.view.setColumnWidth(column, width)
        self.model.dataChanged.connect(self._maybe_skips_changed)
        layout.addWidget(self.view, 1)
        self.empty_label = QLabel("No problems: every row reads cleanly.", self)
        self.empty_label.setObjectName("noProblemsLabel")
        self.empty_label.setProperty("role", "muted")
        self.empty_label.hide()
        layout.addWidget(self.empty_label)

    def show_problems(self, problems: Sequence[Any], *, several_files: bool = False) -> None:
        self.model.set_items(problems)
        self.view.setColumnHidden(ProblemsModel.COL_FILE, not several_files)
        self.empty_label.setVisible(not problems)
        self.view.setVisible(bool(problems))
        self.save_button.setEnabled(bool(problems))

    def counts(self) -> tuple[int, int]:
        """Errors and warnings shown."""
        errors = sum(1 for p in self.model.items if p.severity == "error")
        return errors, len(self.model.items) - errors

    def _maybe_skips_changed(self, _first: Any, _last: Any, roles: Sequence[int] = ()) -> None:
        if Qt.ItemDataRole.CheckStateRole in roles:
            self.skips_changed.emit()

    def set_skipped(self, source: str, sheet: str, row: int, skipped: bool) -> bool:
        """Tick (or untick) Skip on a row, as a click would; False when no problem is on it."""
        for position, problem in enumerate(self.model.items):
            if (problem.source, problem.sheet, problem.row) == (source, sheet, row):
                state = Qt.CheckState.Checked if skipped else Qt.CheckState.Unchecked
                index = self.model.index(position, ProblemsModel.COL_SKIP)
                return self.model.setData(index, state, Qt.ItemDataRole.CheckStateRole)
        return False

    # ------------------------------------------------------------------ saving
    def ask_and_save(self) -> Path | None:
        plan = self.choices.plan
        if plan is None:
            return None
        settings = self._settings()
        folder = str(settings.value(KEY_LAST_FOLDER, "") or "") if settings else ""
        stem = self.choices.sources[0].stem if self.choices.sources else "import"
        suggested = str(Path(folder or Path.home()) / f"{stem} - problems.xlsx")
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save the problems as a workbook", suggested, "Workbooks (*.xlsx)"
        )
        if not name:
            return None
        path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        return self.save_to(path)

    def save_to(self, path: Path) -> Path | None:
        """Write the problem list (every problem, not only those shown) to ``path``."""
        from pmodesk.exchange.importing import write_problem_report

        plan = self.choices.plan
        try:
            write_problem_report(plan, path)
        except DomainError as exc:
            show_domain_error(self, exc, "Save the problems")
            return None
        except OSError as exc:
            show_domain_error(
                self, DomainError(f"{path} cannot be written: {exc.strerror}."), "Save the problems"
            )
            return None
        return path

    def _settings(self) -> Any:
        wizard = self.window()
        ctx = getattr(wizard, "ctx", None)
        return getattr(ctx, "settings", None)
