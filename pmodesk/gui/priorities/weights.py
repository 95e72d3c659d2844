"""The weights editor: one slider and spin box per scoring criterion.

Moving a weight emits :attr:`WeightsEditor.weights_changed` at once with the
whole what-if set, so the page re-ranks without writing anything; "Apply
weights" and "Reset" are the page's to wire (:attr:`apply_requested`,
:meth:`reset`). Each row also shows the criterion's share of the total
weight, which is what the weight really means for the score.

The criteria themselves are managed here too: "New criterion…", "Edit…"
(or a double-click on a criterion's name) and "Archive…" emit
:attr:`new_requested`, :attr:`edit_requested` and :attr:`archive_requested`
for the page to open the record editor or ask before archiving. Edit and
Archive act on the current criterion, shown highlighted: the one whose name
was clicked or whose slider or spin box has the focus.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from pmodesk.gui.priorities.formatting import weight_text

if TYPE_CHECKING:
    from pmodesk.services.scoring import CriterionInfo

#: Slider steps per unit of weight (the slider moves in tenths).
_STEPS = 10
#: The largest weight the slider reaches; the spin box goes further.
SLIDER_MAX = 10.0
SPIN_MAX = 100.0

_EDIT_TIP = "Edit the highlighted criterion: its name, scale, direction and objective."
_ARCHIVE_TIP = "Take the highlighted criterion out of the scoring model (undoable)."
_STYLE = """
QLabel[current="true"] {
    background: palette(highlight); color: palette(highlighted-text);
    border-radius: 3px; padding: 0 3px;
}
"""


class _NameLabel(QLabel):
    """A criterion's name: a click makes it current, a double-click asks to edit it."""

    clicked = Signal()
    double_clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.double_clicked.emit()
        super().mouseDoubleClickEvent(event)


class _WeightRow:
    """The widgets of one criterion's weight."""

    def __init__(self, criterion: CriterionInfo, parent: QWidget) -> None:
        self.criterion = criterion
        self.name = _NameLabel(criterion.name, parent)
        better = "higher is better" if criterion.higher_is_better else "lower is better"
        self.name.setToolTip(
            f"{criterion.name} ({criterion.code}): scored {criterion.scale_min}–"
            f"{criterion.scale_max}, {better}. Double-click to edit the criterion."
        )
        self.slider = QSlider(Qt.Orientation.Horizontal, parent)
        self.slider.setRange(0, int(SLIDER_MAX * _STEPS))
        self.slider.setPageStep(_STEPS)
        self.slider.setAccessibleName(f"{criterion.name} weight slider")
        self.spin = QDoubleSpinBox(parent)
        self.spin.setRange(0.0, SPIN_MAX)
        self.spin.setDecimals(1)
        self.spin.setSingleStep(0.5)
        self.spin.setAccessibleName(f"{criterion.name} weight")
        self.spin.setKeyboardTracking(False)
        self.spin.setFixedWidth(64)
        self.share = QLabel(parent)
        self.share.setMinimumWidth(38)
        self.share.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.share.setProperty("role", "muted")
        self.name.setBuddy(self.spin)

    def show(self, weight: float) -> None:
        for widget in (self.slider, self.spin):
            widget.blockSignals(True)
        self.slider.setValue(round(min(weight, SLIDER_MAX) * _STEPS))
        self.spin.setValue(weight)
        for widget in (self.slider, self.spin):
            widget.blockSignals(False)


class WeightsEditor(QWidget):
    """Edits the criteria weights; see the module docstring."""

    #: The what-if weights changed: ``dict[UUID, float]`` of every criterion.
    weights_changed = Signal(object)
    #: "Apply weights" was pressed.
    apply_requested = Signal()
    #: "New criterion…" was pressed.
    new_requested = Signal()
    #: "Edit…" was pressed or a criterion's name double-clicked: carries its ``UUID``.
    edit_requested = Signal(object)
    #: "Archive…" was pressed: carries the current criterion's ``UUID``.
    archive_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Criteria weights")
        self.setStyleSheet(_STYLE)
        self._rows: dict[uuid.UUID, _WeightRow] = {}
        self._current_id: uuid.UUID | None = None
        self._saved: dict[uuid.UUID, float] = {}
        self._current: dict[uuid.UUID, float] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        self._grid_host = QWidget(self)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(1, 1)
        outer.addWidget(self._grid_host)
        self.empty_label = QLabel(
            "This workspace has no scoring criteria yet, so projects cannot be ranked.",
            self,
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setProperty("role", "muted")
        outer.addWidget(self.empty_label)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.status_label = QLabel(self)
        self.status_label.setProperty("role", "muted")
        self.reset_button = QPushButton("&Reset", self)
        self.reset_button.setToolTip("Discard the weight changes not yet applied.")
        self.apply_button = QPushButton("&Apply weights", self)
        self.apply_button.setToolTip(
            "Save these weights and update every project's priority score (undoable)."
        )
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.apply_button)
        outer.addLayout(buttons)

        manage = QHBoxLayout()
        manage.setSpacing(6)
        self.new_button = QPushButton("Ne&w criterion…", self)
        self.new_button.setToolTip("Add a criterion to the scoring model (undoable).")
        self.edit_button = QPushButton("&Edit…", self)
        self.archive_button = QPushButton("Arc&hive…", self)
        manage.addWidget(self.new_button)
        manage.addWidget(self.edit_button)
        manage.addWidget(self.archive_button)
        manage.addStretch(1)
        outer.addLayout(manage)

        self.reset_button.clicked.connect(self.reset)
        self.apply_button.clicked.connect(self.apply_requested)
        self.new_button.clicked.connect(self.new_requested)
        self.edit_button.clicked.connect(self._edit_current)
        self.archive_button.clicked.connect(self._archive_current)
        self._sync_buttons()
        self._show_current()

    # ------------------------------------------------------------ content

    def set_criteria(self, criteria: Sequence[CriterionInfo], *, keep_edits: bool = False) -> None:
        """Show ``criteria`` with their stored weights (``keep_edits``: keep unapplied moves)."""
        pending = {k: v for k, v in self._current.items() if v != self._saved.get(k)}
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._rows.clear()
        self._saved = {c.id: c.weight for c in criteria}
        self._current = dict(self._saved)
        if keep_edits:
            self._current.update({k: v for k, v in pending.items() if k in self._saved})
        for position, criterion in enumerate(criteria):
            row = _WeightRow(criterion, self._grid_host)
            self._grid.addWidget(row.name, position, 0)
            self._grid.addWidget(row.slider, position, 1)
            self._grid.addWidget(row.spin, position, 2)
            self._grid.addWidget(row.share, position, 3)
            row.show(self._current[criterion.id])
            row.slider.valueChanged.connect(
                lambda value, cid=criterion.id: self._set(cid, value / _STEPS)
            )
            row.spin.valueChanged.connect(lambda value, cid=criterion.id: self._set(cid, value))
            row.name.clicked.connect(lambda cid=criterion.id: self.set_current(cid))
            row.name.double_clicked.connect(lambda cid=criterion.id: self._edit(cid))
            for widget in (row.slider, row.spin):
                widget.setProperty("criterion_id", str(criterion.id))
                widget.installEventFilter(self)
            self._rows[criterion.id] = row
        if self._current_id not in self._rows:
            self._current_id = None
        self._show_current()
        self.empty_label.setVisible(not criteria)
        self._update_shares()
        self._sync_buttons()

    def weights(self) -> dict[uuid.UUID, float]:
        """The weights as shown (applied or not)."""
        return dict(self._current)

    def saved_weights(self) -> dict[uuid.UUID, float]:
        return dict(self._saved)

    def is_dirty(self) -> bool:
        """True when a weight differs from the stored one."""
        return any(abs(v - self._saved.get(k, v)) > 1e-9 for k, v in self._current.items())

    def changed_weights(self) -> dict[uuid.UUID, float]:
        """Only the weights that differ from the stored ones."""
        return {k: v for k, v in self._current.items() if abs(v - self._saved.get(k, v)) > 1e-9}

    def set_weight(self, criterion_id: uuid.UUID, weight: float) -> None:
        """Set one weight as if the user moved it (emits :attr:`weights_changed`)."""
        self._set(criterion_id, weight)

    def spin_box(self, criterion_id: uuid.UUID) -> QDoubleSpinBox:
        return self._rows[criterion_id].spin

    def slider(self, criterion_id: uuid.UUID) -> QSlider:
        return self._rows[criterion_id].slider

    def criterion_ids(self) -> list[uuid.UUID]:
        """The criteria shown, top to bottom."""
        return list(self._rows)

    def name_label(self, criterion_id: uuid.UUID) -> QLabel:
        return self._rows[criterion_id].name

    def current_criterion(self) -> uuid.UUID | None:
        """The criterion Edit and Archive act on (``None``: none chosen)."""
        return self._current_id

    def set_current(self, criterion_id: uuid.UUID | None) -> None:
        """Make ``criterion_id`` the one Edit and Archive act on."""
        self._current_id = criterion_id if criterion_id in self._rows else None
        self._show_current()

    def reset(self) -> None:
        """Discard the unapplied changes; the list re-ranks with the stored weights."""
        if not self.is_dirty():
            return
        self._current = dict(self._saved)
        for cid, row in self._rows.items():
            row.show(self._current[cid])
        self._update_shares()
        self._sync_buttons()
        self.weights_changed.emit(self.weights())

    # ------------------------------------------------------------ internals

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Focus on a slider or spin box makes its criterion the current one."""
        if event.type() == QEvent.Type.FocusIn:
            value = watched.property("criterion_id")
            if isinstance(value, str):
                self.set_current(uuid.UUID(value))
        return super().eventFilter(watched, event)

    def _show_current(self) -> None:
        for cid, row in self._rows.items():
            current = cid == self._current_id
            if bool(row.name.property("current")) != current:
                row.name.setProperty("current", current)
                style = row.name.style()
                style.unpolish(row.name)
                style.polish(row.name)
        has_current = self._current_id is not None
        self.edit_button.setEnabled(has_current)
        self.archive_button.setEnabled(has_current)
        self.edit_button.setToolTip(
            _EDIT_TIP if has_current else "Click a criterion's name to choose it first."
        )
        self.archive_button.setToolTip(
            _ARCHIVE_TIP if has_current else "Click a criterion's name to choose it first."
        )

    def _edit(self, criterion_id: uuid.UUID) -> None:
        self.set_current(criterion_id)
        self.edit_requested.emit(criterion_id)

    def _edit_current(self) -> None:
        if self._current_id is not None:
            self.edit_requested.emit(self._current_id)

    def _archive_current(self) -> None:
        if self._current_id is not None:
            self.archive_requested.emit(self._current_id)

    def _set(self, criterion_id: uuid.UUID, weight: float) -> None:
        weight = max(0.0, round(float(weight), 1))
        if abs(self._current.get(criterion_id, -1.0) - weight) < 1e-9:
            return
        self._current[criterion_id] = weight
        row = self._rows.get(criterion_id)
        if row is not None:
            row.show(weight)
        self._update_shares()
        self._sync_buttons()
        self.weights_changed.emit(self.weights())

    def _update_shares(self) -> None:
        total = sum(self._current.values())
        for cid, row in self._rows.items():
            weight = self._current.get(cid, 0.0)
            row.share.setText(f"{weight / total:.0%}" if total > 0 else "–")
            row.share.setToolTip(
                f"{row.criterion.name} decides {weight / total:.0%} of the score."
                if total > 0
                else "Every weight is zero: nothing decides the score."
            )
            changed = abs(weight - self._saved.get(cid, weight)) > 1e-9
            font = row.name.font()
            font.setBold(changed)
            row.name.setFont(font)
            row.name.setToolTip(
                row.name.toolTip().split(" Stored weight")[0]
                + (f" Stored weight {weight_text(self._saved[cid])}." if changed else "")
            )

    def _sync_buttons(self) -> None:
        dirty = self.is_dirty()
        self.apply_button.setEnabled(dirty)
        self.reset_button.setEnabled(dirty)
        count = len(self.changed_weights())
        self.status_label.setText(
            f"{count} weight{'s' if count != 1 else ''} not applied yet" if dirty else ""
        )
