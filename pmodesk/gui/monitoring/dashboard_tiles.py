"""The dashboard's headline figures: one tile each, tinted by how good it is, clickable.

A tile is a button (Tab reaches it, Space or Enter presses it) showing a big
figure over its label; its left edge is green, amber or red for the tones
``good``, ``warn`` and ``bad``. Pressing a tile announces its key so the page
lists the projects behind the figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QSizePolicy, QWidget

from pmodesk.domain.enums import Rag
from pmodesk.gui.theme import rag_colour
from pmodesk.services.monitoring.dashboard import Tile

TONES = {"good": Rag.GREEN, "warn": Rag.AMBER, "bad": Rag.RED}


class TileButton(QAbstractButton):
    """A headline figure over its label, drawn so the label elides rather than widen the row."""

    def __init__(self, tile: Tile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = tile.key
        self.setObjectName(f"tile_{tile.key}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.tile = tile
        self.set_tile(tile)

    def set_tile(self, tile: Tile) -> None:
        self.tile = tile
        self.setText(f"{tile.value} {tile.label}")
        self.setAccessibleName(f"{tile.label}: {tile.value}")
        self.setToolTip(
            (tile.tip + "\n" if tile.tip else "") + "Click to list the projects behind it."
        )
        self.update()

    def _value_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.6)
        return font

    def sizeHint(self) -> QSize:
        height = QFontMetrics(self._value_font()).height() + self.fontMetrics().height() + 16
        return QSize(120, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            palette = self.palette()
            rag = TONES.get(self.tile.tone)
            edge = rag_colour(rag) if rag is not None else QColor("#9aa3ad")
            back = palette.color(
                QPalette.ColorRole.AlternateBase if self.underMouse() else QPalette.ColorRole.Base
            )
            frame = palette.color(
                QPalette.ColorRole.Highlight if self.hasFocus() else QPalette.ColorRole.Mid
            )
            box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
            painter.setPen(QPen(frame, 1.2 if self.hasFocus() else 1.0))
            painter.setBrush(back)
            painter.drawRoundedRect(box, 5, 5)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(edge)
            painter.drawRoundedRect(QRectF(box.left(), box.top(), 5, box.height()), 2, 2)
            inner = box.adjusted(14, 6, -8, -6)
            value_font = self._value_font()
            painter.setFont(value_font)
            ink = edge.darker(160) if rag is not None else palette.color(QPalette.ColorRole.Text)
            painter.setPen(ink)
            value_height = QFontMetrics(value_font).height()
            painter.drawText(
                QRectF(inner.left(), inner.top(), inner.width(), value_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.tile.value,
            )
            painter.setFont(self.font())
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            label = self.fontMetrics().elidedText(
                self.tile.label, Qt.TextElideMode.ElideRight, int(inner.width())
            )
            painter.drawText(
                QRectF(
                    inner.left(),
                    inner.top() + value_height,
                    inner.width(),
                    inner.height() - value_height,
                ),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                label,
            )
        finally:
            painter.end()


class TileBar(QWidget):
    #: The key of the tile pressed.
    tile_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 6)
        self._layout.setSpacing(8)
        self.buttons: dict[str, TileButton] = {}

    def set_tiles(self, tiles: Sequence[Tile]) -> None:
        for tile in tiles:
            button = self.buttons.get(tile.key)
            if button is None:
                button = TileButton(tile, self)
                button.clicked.connect(lambda _c=False, key=tile.key: self.tile_clicked.emit(key))
                self._layout.addWidget(button, 1)
                self.buttons[tile.key] = button
            else:
                button.set_tile(tile)


__all__ = ["TileBar", "TileButton"]
