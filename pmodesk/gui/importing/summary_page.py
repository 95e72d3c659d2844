"""The last page: what the import did, in four numbers, with a link to every record's change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from pmodesk.gui.importing.details import ChangesDialog
from pmodesk.gui.importing.state import ImportChoices, kind_label

#: The four outcomes, their words and the colour of their figure.
OUTCOMES: tuple[tuple[str, str, str], ...] = (
    ("created", "Created", "#2e9e5b"),
    ("updated", "Updated", "#2f5fb3"),
    ("unchanged", "Unchanged", "#5f6b7a"),
    ("skipped", "Skipped", "#b7791f"),
)


class _Figure(QFrame):
    """One big number with its word under it."""

    def __init__(self, name: str, word: str, colour: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Figure")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.number = QLabel("0", self)
        self.number.setObjectName(f"{name}Count")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setStyleSheet(f"font-size: 26pt; font-weight: 600; color: {colour};")
        caption = QLabel(word, self)
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption.setProperty("role", "muted")
        layout.addWidget(self.number)
        layout.addWidget(caption)
        self.setAccessibleName(word)

    def show_count(self, count: int) -> None:
        self.number.setText(f"{count:,}")
        self.setAccessibleDescription(f"{count:,}")


class SummaryPage(QWizardPage):
    """Created / updated / unchanged / skipped, per kind, and the details behind a link."""

    def __init__(self, choices: ImportChoices) -> None:
        super().__init__()
        self.choices = choices
        self.setTitle("Imported")
        self.setSubTitle(
            "The workbook is in the workspace. Edit > Undo takes the whole import back in one step."
        )
        layout = QVBoxLayout(self)
        figures = QHBoxLayout()
        self.figures: dict[str, _Figure] = {}
        for name, word, colour in OUTCOMES:
            figure = _Figure(name, word, colour, self)
            self.figures[name] = figure
            figures.addWidget(figure)
        layout.addLayout(figures)

        layout.addSpacing(8)
        self.by_kind_title = QLabel("By kind of record", self)
        self.by_kind_title.setProperty("role", "strong")
        layout.addWidget(self.by_kind_title)
        grid_row = QHBoxLayout()
        self.by_kind = QGridLayout()
        self.by_kind.setHorizontalSpacing(28)
        self.by_kind.setVerticalSpacing(4)
        grid_row.addLayout(self.by_kind)
        grid_row.addStretch(1)
        layout.addLayout(grid_row)
        layout.addSpacing(8)

        self.details_link = QLabel(self)
        self.details_link.setObjectName("detailsLink")
        self.details_link.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.details_link.setText('<a href="details">Show what changed, record by record…</a>')
        self.details_link.linkActivated.connect(lambda _link: self.show_details())
        layout.addWidget(self.details_link)
        self.source_label = QLabel(self)
        self.source_label.setObjectName("sourceLabel")
        self.source_label.setProperty("role", "muted")
        self.source_label.setWordWrap(True)
        layout.addWidget(self.source_label)
        layout.addStretch(1)
        self.details: ChangesDialog | None = None

    def initializePage(self) -> None:
        result = self.choices.result
        if result is None:
            return
        for name, figure in self.figures.items():
            figure.show_count(int(getattr(result, name)))
        self._fill_by_kind()
        files = ", ".join(p.name for p in self.choices.sources)
        self.source_label.setText(f"Every change is in the audit log with the source {files}.")

    def _fill_by_kind(self) -> None:
        while self.by_kind.count():
            item = self.by_kind.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        plan = self.choices.plan
        counts: dict[str, dict[str, int]] = plan.counts_by_kind() if plan is not None else {}
        self.by_kind_title.setVisible(len(counts) > 1)
        if len(counts) < 2:
            return
        for column, title in enumerate(("", "Created", "Updated", "Unchanged", "Skipped")):
            header = QLabel(title, self)
            header.setProperty("role", "muted")
            header.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.by_kind.addWidget(header, 0, column)
        for row, (kind_name, figures) in enumerate(counts.items(), start=1):
            self.by_kind.addWidget(QLabel(kind_label(kind_name), self), row, 0)
            for column, outcome in enumerate(("created", "updated", "unchanged", "skipped"), 1):
                cell = QLabel(f"{figures.get(outcome, 0):,}", self)
                cell.setAlignment(Qt.AlignmentFlag.AlignRight)
                self.by_kind.addWidget(cell, row, column)

    def show_details(self) -> ChangesDialog | None:
        result = self.choices.result
        if result is None:
            return None
        if self.details is None:
            plan = self.choices.plan
            # The plan's preview is what was applied, unchanged and skipped rows included.
            changes = plan.preview if plan is not None else result.changes
            self.details = ChangesDialog(changes, self)
        self.details.show()
        self.details.raise_()
        return self.details
