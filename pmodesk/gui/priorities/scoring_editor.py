"""The scoring editor: the selected project's score on every criterion, with a note each.

Each criterion gets a combo box over its own scale (plus "Not scored") and a
line for the reasoning. A change is announced with :attr:`score_edited`; the
page turns it into an undoable command, so the editor itself never writes.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from pmodesk.services.scoring import CriterionInfo

NOT_SCORED = "Not scored"


def scale_labels(criterion: CriterionInfo) -> list[tuple[str, int | None]]:
    """The combo entries of a criterion: "Not scored", then each point of its scale."""
    low, high = criterion.scale_min, criterion.scale_max
    good, bad = ("best", "worst") if criterion.higher_is_better else ("worst", "best")
    entries: list[tuple[str, int | None]] = [(NOT_SCORED, None)]
    for value in range(low, high + 1):
        hint = f" – {bad}" if value == low else f" – {good}" if value == high else ""
        entries.append((f"{value}{hint}", value))
    return entries


class _ScoreRow:
    def __init__(self, criterion: CriterionInfo, parent: QWidget) -> None:
        self.criterion = criterion
        self.label = QLabel(criterion.name, parent)
        self.combo = QComboBox(parent)
        for text, value in scale_labels(criterion):
            self.combo.addItem(text, value)
        self.combo.setAccessibleName(f"{criterion.name} score")
        better = "higher is better" if criterion.higher_is_better else "lower is better"
        self.combo.setToolTip(
            f"{criterion.name}: {criterion.scale_min} to {criterion.scale_max}, {better}."
        )
        self.note = QLineEdit(parent)
        self.note.setPlaceholderText("Why this score?")
        self.note.setAccessibleName(f"{criterion.name} note")
        self.label.setBuddy(self.combo)
        self.saved_note = ""

    def score(self) -> int | None:
        value = self.combo.currentData()
        return None if value is None else int(value)

    def show(self, score: int | None, note: str) -> None:
        self.combo.blockSignals(True)
        index = self.combo.findData(score) if score is not None else 0
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(False)
        self.note.blockSignals(True)
        self.note.setText(note)
        self.note.blockSignals(False)
        self.saved_note = note


class ScoringEditor(QWidget):
    """Edits one project's scores; see the module docstring."""

    #: ``(project_id, criterion_id, score or None, note)``: the user changed a score or note.
    score_edited = Signal(object, object, object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Project scores")
        self._project_id: uuid.UUID | None = None
        self._rows: dict[uuid.UUID, _ScoreRow] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.title_label = QLabel(self)
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        layout.addWidget(self.title_label)
        self._grid_host = QWidget(self)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(2, 1)
        layout.addWidget(self._grid_host)
        self.hint_label = QLabel("Choose a project in the list to see and change its scores.", self)
        self.hint_label.setWordWrap(True)
        self.hint_label.setProperty("role", "muted")
        layout.addWidget(self.hint_label)
        self.show_project(None, "", {}, {})

    def set_criteria(self, criteria: Sequence[CriterionInfo]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._rows.clear()
        for position, criterion in enumerate(criteria):
            row = _ScoreRow(criterion, self._grid_host)
            self._grid.addWidget(row.label, position, 0)
            self._grid.addWidget(row.combo, position, 1)
            self._grid.addWidget(row.note, position, 2)
            row.combo.activated.connect(lambda _i, cid=criterion.id: self._emit(cid))
            row.note.editingFinished.connect(lambda cid=criterion.id: self._note_done(cid))
            self._rows[criterion.id] = row

    @property
    def project_id(self) -> uuid.UUID | None:
        return self._project_id

    def show_project(
        self,
        project_id: uuid.UUID | None,
        title: str,
        scores: Mapping[uuid.UUID, int],
        notes: Mapping[uuid.UUID, str],
    ) -> None:
        """Show one project's scores (``None``: nothing selected, the inputs are disabled)."""
        self._project_id = project_id
        self.title_label.setText(title if project_id is not None else "No project selected")
        self.hint_label.setVisible(project_id is None)
        for cid, row in self._rows.items():
            row.show(scores.get(cid), notes.get(cid, ""))
            row.combo.setEnabled(project_id is not None)
            row.note.setEnabled(project_id is not None)

    def combo(self, criterion_id: uuid.UUID) -> QComboBox:
        return self._rows[criterion_id].combo

    def note_edit(self, criterion_id: uuid.UUID) -> QLineEdit:
        return self._rows[criterion_id].note

    def _emit(self, criterion_id: uuid.UUID) -> None:
        row = self._rows[criterion_id]
        if self._project_id is None:
            return
        row.saved_note = row.note.text().strip()
        self.score_edited.emit(self._project_id, criterion_id, row.score(), row.saved_note)

    def _note_done(self, criterion_id: uuid.UUID) -> None:
        row = self._rows[criterion_id]
        if row.note.text().strip() == row.saved_note:
            return
        if row.score() is None:
            # A note needs a score to belong to; keep it typed until one is chosen.
            row.note.setToolTip("Choose a score first; the note is saved with it.")
            return
        self._emit(criterion_id)
