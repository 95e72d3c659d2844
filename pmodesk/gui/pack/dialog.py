"""The Print pack dialog: what the review pack covers, how it looks, and where it goes.

The choices are the workspace's pack settings (``pack.settings``): the dialog
opens with the last ones used and saves them when the pack is printed, so the
next period's pack is one click. The period is not kept; the dialog offers
the current one. Building runs in the background (see :mod:`pmodesk.gui.pack`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.reports.data.gather import format_day, period_label
from pmodesk.reports.data.scope import describe_filter
from pmodesk.reports.settings import (
    HeatmapColumns,
    HeatmapRows,
    PackSettings,
    Paper,
    Scope,
    Section,
)
from pmodesk.services.register import NONE_KEY, RegisterFilter

PDF_FILTER = "PDF documents (*.pdf);;All files (*)"
KEY_FOLDER = "pack/lastFolder"
#: Periods offered before the current one.
PAST_PERIODS = 24


def ask_pdf_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Where to save the pack (a module function, so that tests can answer it)."""
    name, _ = QFileDialog.getSaveFileName(
        parent, "Save the review pack as", str(suggested), PDF_FILTER
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def safe_file_name(text: str) -> str:
    """``text`` usable as a file name on every system (no ``/ \\ : * ? " < > |``)."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text).strip(" .")
    return re.sub(r"\s+", " ", cleaned)[:120] or "Review pack"


class PackDialog(QDialog):
    """Scope, period, sections, paper, cover lines and file; emits nothing, the caller reads it."""

    def __init__(
        self,
        ctx: AppContext,
        settings: PackSettings,
        *,
        portfolios: list[tuple[str, str]],
        programmes: list[tuple[str, str]],
        periods: list[str],
        months: int,
        register_filter: RegisterFilter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("packDialog")
        self.setWindowTitle("Print review pack")
        self.ctx = ctx
        self.register_filter = register_filter
        self.print_requested = False
        layout = QVBoxLayout(self)
        layout.addWidget(self._scope_box(portfolios, programmes))
        layout.addWidget(self._content_box(periods, months))
        layout.addWidget(self._page_box())
        layout.addWidget(self._cover_box())
        layout.addLayout(self._file_row())
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #B71C1C;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("buttonBox")
        self.save_button = self.buttons.addButton(
            "Save and open", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("saveOpenButton")
        self.save_button.setDefault(True)
        self.print_button = self.buttons.addButton("Print…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setObjectName("printButton")
        self.print_button.setToolTip("Save the pack, then send it to a printer")
        self.save_button.clicked.connect(lambda: self._choose(print_after=False))
        self.print_button.clicked.connect(lambda: self._choose(print_after=True))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.set_settings(settings)

    # ------------------------------------------------------------ building the form

    def _scope_box(
        self, portfolios: list[tuple[str, str]], programmes: list[tuple[str, str]]
    ) -> QGroupBox:
        box = QGroupBox("Scope")
        grid = QGridLayout(box)
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[Scope, QRadioButton] = {}
        labels = {
            Scope.WORKSPACE: "Whole workspace",
            Scope.PORTFOLIO: "Portfolio",
            Scope.PROGRAMME: "Programme",
            Scope.FILTER: "The register's current filter",
        }
        for row, (scope, text) in enumerate(labels.items()):
            button = QRadioButton(text)
            button.setObjectName(f"scope_{scope.value}")
            self.scope_group.addButton(button)
            self.scope_buttons[scope] = button
            grid.addWidget(button, row, 0)
        self.portfolio_combo = self._coded_combo("portfolioCombo", portfolios)
        self.programme_combo = self._coded_combo("programmeCombo", programmes)
        self.filter_label = QLabel(describe_filter(self.register_filter))
        self.filter_label.setObjectName("filterLabel")
        self.filter_label.setWordWrap(True)
        grid.addWidget(self.portfolio_combo, 1, 1)
        grid.addWidget(self.programme_combo, 2, 1)
        grid.addWidget(self.filter_label, 3, 1)
        self.scope_buttons[Scope.PORTFOLIO].setEnabled(bool(portfolios))
        self.scope_buttons[Scope.PROGRAMME].setEnabled(bool(programmes))
        self.include_closed = QCheckBox("Include closed and cancelled projects")
        self.include_closed.setObjectName("includeClosed")
        grid.addWidget(self.include_closed, 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.scope_group.buttonToggled.connect(self._sync_scope)
        return box

    def _coded_combo(self, name: str, choices: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for code, label in choices:
            combo.addItem(label, code)
        return combo

    def _content_box(self, periods: list[str], months: int) -> QGroupBox:
        box = QGroupBox("Content")
        form = QFormLayout(box)
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        for period in periods:
            self.period_combo.addItem(f"{period_label(period, months)}  ({period})", period)
        form.addRow("Reporting period:", self.period_combo)
        sections = QWidget()
        grid = QGridLayout(sections)
        grid.setContentsMargins(0, 0, 0, 0)
        self.section_boxes: dict[Section, QCheckBox] = {}
        for n, section in enumerate(Section):
            check = QCheckBox(section.heading)
            check.setObjectName(f"section_{section.value}")
            self.section_boxes[section] = check
            grid.addWidget(check, n // 2, n % 2)
        form.addRow("Sections:", sections)
        return box

    def _page_box(self) -> QGroupBox:
        box = QGroupBox("Pages")
        form = QFormLayout(box)
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("paperCombo")
        self.paper_combo.addItem("A4", Paper.A4.value)
        self.paper_combo.addItem("Letter", Paper.LETTER.value)
        self.orientation_combo = QComboBox()
        self.orientation_combo.setObjectName("orientationCombo")
        self.orientation_combo.addItems(["Portrait", "Landscape"])
        row = QHBoxLayout()
        row.addWidget(self.paper_combo)
        row.addWidget(self.orientation_combo)
        row.addStretch(1)
        form.addRow("Paper:", row)
        self.heat_rows = QComboBox()
        self.heat_rows.setObjectName("heatmapRows")
        self.heat_rows.addItem("Teams", HeatmapRows.TEAM.value)
        self.heat_rows.addItem("People", HeatmapRows.PERSON.value)
        self.heat_columns = QComboBox()
        self.heat_columns.setObjectName("heatmapColumns")
        self.heat_columns.addItem("by week", HeatmapColumns.WEEK.value)
        self.heat_columns.addItem("by month", HeatmapColumns.MONTH.value)
        self.heat_weeks = QSpinBox()
        self.heat_weeks.setObjectName("heatmapWeeks")
        self.heat_weeks.setRange(1, 52)
        self.heat_weeks.setSuffix(" weeks")
        heat = QHBoxLayout()
        for widget in (self.heat_rows, self.heat_columns, self.heat_weeks):
            heat.addWidget(widget)
        heat.addStretch(1)
        form.addRow("Resource heatmap:", heat)
        return box

    def _cover_box(self) -> QGroupBox:
        box = QGroupBox("Cover and running header")
        form = QFormLayout(box)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.date_edit = QLineEdit()
        self.date_edit.setObjectName("dateEdit")
        self.date_edit.setPlaceholderText(format_day(date.today()))
        self.classification_edit = QLineEdit()
        self.classification_edit.setObjectName("classificationEdit")
        self.classification_edit.setPlaceholderText("e.g. Internal, Confidential")
        for widget in (self.title_edit, self.date_edit, self.classification_edit):
            widget.setMaxLength(200)
        form.addRow("Title:", self.title_edit)
        form.addRow("Date line:", self.date_edit)
        form.addRow("Classification:", self.classification_edit)
        return box

    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("Save as:"))
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("pathEdit")
        browse = QPushButton("Browse…")
        browse.setObjectName("browseButton")
        browse.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        return row

    # ------------------------------------------------------------ settings in and out

    def set_settings(self, settings: PackSettings) -> None:
        self.scope_buttons[settings.scope].setChecked(True)
        if not self.scope_buttons[settings.scope].isEnabled():
            self.scope_buttons[Scope.WORKSPACE].setChecked(True)
        for combo, scope in (
            (self.portfolio_combo, Scope.PORTFOLIO),
            (self.programme_combo, Scope.PROGRAMME),
        ):
            if settings.scope is scope:
                index = combo.findData(settings.scope_code)
                if index >= 0:
                    combo.setCurrentIndex(index)
        self.include_closed.setChecked(settings.include_closed)
        index = self.period_combo.findData(settings.period) if settings.period else 0
        self.period_combo.setCurrentIndex(max(index, 0))
        for section, check in self.section_boxes.items():
            check.setChecked(section in settings.sections)
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(settings.paper.value)))
        self.orientation_combo.setCurrentIndex(1 if settings.landscape else 0)
        self.heat_rows.setCurrentIndex(max(0, self.heat_rows.findData(settings.heatmap_rows.value)))
        self.heat_columns.setCurrentIndex(
            max(0, self.heat_columns.findData(settings.heatmap_columns.value))
        )
        self.heat_weeks.setValue(settings.heatmap_weeks)
        self.title_edit.setText(settings.title)
        self.date_edit.setText(settings.date_line)
        self.classification_edit.setText(settings.classification)
        self._sync_scope()
        self.path_edit.setText(str(self.suggested_path(settings)))

    def settings(self) -> PackSettings:
        """The pack the form describes (not yet validated)."""
        scope = next(s for s, b in self.scope_buttons.items() if b.isChecked())
        code = ""
        if scope is Scope.PORTFOLIO:
            code = str(self.portfolio_combo.currentData() or "")
        elif scope is Scope.PROGRAMME:
            code = str(self.programme_combo.currentData() or "")
        return PackSettings(
            scope=scope,
            scope_code=code,
            register_filter=self.register_filter if scope is Scope.FILTER else RegisterFilter(),
            period=str(self.period_combo.currentData() or ""),
            sections=tuple(s for s, c in self.section_boxes.items() if c.isChecked()),
            paper=Paper(self.paper_combo.currentData()),
            landscape=self.orientation_combo.currentIndex() == 1,
            title=self.title_edit.text(),
            date_line=self.date_edit.text(),
            classification=self.classification_edit.text(),
            include_closed=self.include_closed.isChecked(),
            heatmap_rows=HeatmapRows(self.heat_rows.currentData()),
            heatmap_columns=HeatmapColumns(self.heat_columns.currentData()),
            heatmap_weeks=self.heat_weeks.value(),
        )

    def kept_settings(self) -> PackSettings:
        """What is saved in the workspace: the settings without the period (it moves on)."""
        return replace(self.settings(), period="")

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def suggested_path(self, settings: PackSettings) -> Path:
        stored = self.ctx.settings.value(KEY_FOLDER, "")
        folder = (
            Path(stored) if isinstance(stored, str) and stored and Path(stored).is_dir() else None
        )
        if folder is None:
            documents = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
        period = str(self.period_combo.currentData() or "")
        return folder / f"{safe_file_name(settings.title or 'Review pack')} {period}.pdf".replace(
            " .pdf", ".pdf"
        )

    # ------------------------------------------------------------ reactions

    def _sync_scope(self, *_args: object) -> None:
        self.portfolio_combo.setEnabled(self.scope_buttons[Scope.PORTFOLIO].isChecked())
        self.programme_combo.setEnabled(self.scope_buttons[Scope.PROGRAMME].isChecked())
        self.filter_label.setEnabled(self.scope_buttons[Scope.FILTER].isChecked())

    def _browse(self) -> None:
        chosen = ask_pdf_path(self, self.path())
        if chosen is not None:
            self.path_edit.setText(str(chosen))

    def _choose(self, *, print_after: bool) -> None:
        self.print_requested = print_after
        self.accept()

    def problem(self) -> str:
        """What stops the pack from being printed, in a sentence; empty when nothing does."""
        try:
            self.settings().validated()
        except DomainError as error:
            return str(error)
        if not self.path_edit.text().strip():
            return "Choose where to save the pack."
        path = self.path()
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
            self.path_edit.setText(str(path))
        if path.is_dir() or not path.parent.is_dir():
            return f"The folder {path.parent} does not exist; choose another place for the pack."
        return ""

    def accept(self) -> None:
        """Close only when the pack can be printed; otherwise say why, in the dialog."""
        problem = self.problem()
        if problem:
            self.error_label.setText(problem)
            self.error_label.show()
            return
        self.error_label.hide()
        super().accept()


def coded_choices(values: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The register's ``(code, label)`` choices without the "(none)" entry."""
    return [(code, label) for code, label in values if code != NONE_KEY]
