"""The Python 3.11 ``none_dealloc`` regression of PySide6 (issue 2) stays away.

On Python 3.11, PySide6 6.12 dropped a reference to ``None`` on every
``QPainter.fillRect(QRect, QColor)`` and every ``QModelIndex.data()`` of an
unset role; after a few thousand cell paints the process died with
``Fatal Python error: none_dealloc``. This paints 100,000 cells through a
delegate doing exactly that and checks the result on the image.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QStandardItemModel
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

ROWS, COLUMNS = 1000, 100
CELL = 4
PAINT_COLOUR = QColor("#d64545")
UNSET_ROLE = Qt.ItemDataRole.UserRole + 41


class FillingDelegate(QStyledItemDelegate):
    def __init__(self) -> None:
        super().__init__()
        self.painted = 0
        self.unset_seen = 0

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if index.data(UNSET_ROLE) is None:
            self.unset_seen += 1
        painter.fillRect(QRect(option.rect), PAINT_COLOUR)
        self.painted += 1


def test_painting_100000_cells_through_a_delegate_completes(qapp: object) -> None:
    assert sys.version_info >= (3, 12)
    model = QStandardItemModel(ROWS, COLUMNS)
    delegate = FillingDelegate()
    image = QImage(COLUMNS * CELL, 40 * CELL, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    painter = QPainter(image)
    try:
        for row in range(ROWS):
            y = (row % 40) * CELL
            for column in range(COLUMNS):
                option.rect = QRect(column * CELL, y, CELL, CELL)
                delegate.paint(painter, option, model.index(row, column))
    finally:
        painter.end()
    assert delegate.painted == ROWS * COLUMNS == 100_000
    assert delegate.unset_seen == 100_000
    for x, y in ((0, 0), (image.width() - 1, image.height() - 1), (201, 77)):
        assert image.pixelColor(x, y) == PAINT_COLOUR
