"""The heatmap's legend: one small swatch per colour band, with the words the thresholds give."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from pmodesk.gui.resources.scale import COLOURS, OVER_BORDER, UNDER_BORDER, legend


class HeatmapLegend(QWidget):
    """A row of swatches; :meth:`set_thresholds` rewrites the words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatmapLegend")
        self.setAccessibleName("Colour scale of the heatmap")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._labels: list[QLabel] = []
        self._layout.addStretch(1)
        self.set_thresholds(0.5, 1.0)

    def set_thresholds(self, under: float, over: float) -> None:
        for label in self._labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self._labels = []
        for text, band in legend(under, over):
            fill, ink = COLOURS[band]
            label = QLabel(text, self)
            border = "1px solid #b0b7bf"
            if band >= 11 or band == 1:
                border = f"2px solid {OVER_BORDER}"
            elif band in (4, 5, 6):
                border = f"1px dashed {UNDER_BORDER}"
            label.setStyleSheet(
                f"QLabel {{ background: {fill}; color: {ink}; border: {border};"
                " padding: 1px 6px; border-radius: 2px; }"
            )
            self._layout.insertWidget(len(self._labels), label)
            self._labels.append(label)
        note = QLabel("◥ released", self)
        note.setToolTip("Hours on projects on hold or cancelled: released capacity, not load")
        note.setProperty("role", "muted")
        self._layout.insertWidget(len(self._labels), note)
        self._labels.append(note)

    def texts(self) -> list[str]:
        return [label.text() for label in self._labels]
