"""The probability × impact matrix: 25 cells coloured by risk band, each with its count of risks.

Probability runs up (5 at the top), impact across (5 at the right), as risk
registers print it. A cell's colour is its band (green 1–4, amber 5–14, red
15–25, :func:`pmodesk.domain.rules.risk_band`) and carries the band's letter,
so it reads without colour too. Clicking a cell (or Space / Enter on the cell
under the keyboard cursor) selects it and :attr:`RiskMatrix.cell_selected`
announces ``(probability, impact)``; clicking it again, or Esc, clears the
selection (``None``). Hovering names the risks behind a cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from pmodesk.domain.enums import Rag
from pmodesk.domain.rules import risk_band
from pmodesk.gui.theme import ACCENT, rag_colour, rag_letter, rag_text_colour

Cell = tuple[int, int]
SIZE = 5
#: Most risks a cell's tooltip names before it says "and N more".
TIP_LIMIT = 8


class RiskMatrix(QWidget):
    """See the module docstring. Feed it with :meth:`set_cells`."""

    #: ``(probability, impact)`` of the selected cell, or ``None`` when cleared.
    cell_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("riskMatrix")
        self.setAccessibleName("Probability × impact matrix")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(250, 230)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._cells: dict[Cell, list[str]] = {}
        self._selected: Cell | None = None
        self._cursor: Cell = (3, 3)
        self._update_description()

    # ------------------------------------------------------------------ content

    def set_cells(self, cells: Mapping[Cell, Sequence[str]]) -> None:
        """The risks (as ``"CODE title"`` lines) behind each (probability, impact) cell."""
        self._cells = {cell: list(labels) for cell, labels in cells.items()}
        self._update_description()
        self.update()

    def count(self, cell: Cell) -> int:
        return len(self._cells.get(cell, []))

    def selected_cell(self) -> Cell | None:
        return self._selected

    def select_cell(self, cell: Cell | None, *, notify: bool = True) -> None:
        if cell == self._selected:
            return
        self._selected = cell
        if cell is not None:
            self._cursor = cell
        self._update_description()
        self.update()
        if notify:
            self.cell_selected.emit(cell)

    def _update_description(self) -> None:
        total = sum(len(v) for v in self._cells.values())
        chosen = ""
        if self._selected is not None:
            p, i = self._selected
            chosen = f" Selected: probability {p}, impact {i}, {self.count(self._selected)} risks."
        self.setAccessibleDescription(f"{total} open risks on the matrix.{chosen}")

    # ------------------------------------------------------------------ geometry

    def _margins(self) -> tuple[int, int]:
        """Room at the left (probability axis) and at the bottom (impact axis)."""
        height = self.fontMetrics().height()
        return 2 * height + 8, 2 * height + 6

    def _grid(self) -> QRectF:
        left, bottom = self._margins()
        side = max(10.0, min(self.width() - left - 4.0, self.height() - bottom - 4.0))
        return QRectF(left, 2.0, side, side)

    def cell_rect(self, cell: Cell) -> QRect:
        """Where a cell is drawn, in widget coordinates (its centre is what a click aims at)."""
        probability, impact = cell
        grid = self._grid()
        step = grid.width() / SIZE
        x = grid.left() + (impact - 1) * step
        y = grid.top() + (SIZE - probability) * step
        return QRectF(x, y, step, step).toRect()

    def cell_at(self, point: QPoint | QPointF) -> Cell | None:
        grid = self._grid()
        if not grid.contains(QPointF(point)):
            return None
        step = grid.width() / SIZE
        impact = int((point.x() - grid.left()) // step) + 1
        probability = SIZE - int((point.y() - grid.top()) // step)
        if 1 <= impact <= SIZE and 1 <= probability <= SIZE:
            return (probability, impact)
        return None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        left, bottom = self._margins()
        return width - left + bottom

    def sizeHint(self) -> QSize:
        return QSize(300, self.heightForWidth(300))

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self._paint_cells(painter)
            self._paint_axes(painter)
        finally:
            painter.end()

    def _paint_cells(self, painter: QPainter) -> None:
        base = self.palette().color(QPalette.ColorRole.Base)
        text = self.palette().color(QPalette.ColorRole.Text)
        number = QFont(self.font())
        number.setBold(True)
        number.setPixelSize(max(11, int(self._grid().width() / SIZE * 0.3)))
        small = QFont(self.font())
        small.setPixelSize(max(8, int(self._grid().width() / SIZE * 0.14)))
        for probability in range(1, SIZE + 1):
            for impact in range(1, SIZE + 1):
                cell = (probability, impact)
                rect = QRectF(self.cell_rect(cell)).adjusted(1.5, 1.5, -1.5, -1.5)
                band: Rag | None = risk_band(probability * impact)
                count = self.count(cell)
                fill = QColor(rag_colour(band))
                fill.setAlpha(235 if count else 70)
                painter.setPen(QPen(base, 1))
                painter.setBrush(fill)
                painter.drawRoundedRect(rect, 4, 4)
                ink = rag_text_colour(band) if count else text
                painter.setFont(small)
                painter.setPen(ink if count else QColor(text.red(), text.green(), text.blue(), 150))
                corner = rect.adjusted(4, 2, -4, -2)
                painter.drawText(
                    corner,
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                    str(probability * impact),
                )
                painter.drawText(
                    corner,
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    rag_letter(band),
                )
                if count:
                    painter.setFont(number)
                    painter.setPen(ink)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
                if cell == self._selected:
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.setPen(QPen(QColor(ACCENT), 3))
                    painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 5, 5)
                if cell == self._cursor and self.hasFocus():
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.setPen(QPen(text, 1, Qt.PenStyle.DotLine))
                    painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 3, 3)

    def _paint_axes(self, painter: QPainter) -> None:
        grid = self._grid()
        step = grid.width() / SIZE
        metrics = self.fontMetrics()
        painter.setFont(self.font())
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for n in range(1, SIZE + 1):
            x = grid.left() + (n - 0.5) * step
            painter.drawText(
                QRectF(x - step / 2, grid.bottom() + 2, step, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                str(n),
            )
            y = grid.top() + (SIZE - n + 0.5) * step
            painter.drawText(
                QRectF(grid.left() - metrics.height() - 6, y - step / 2, metrics.height(), step),
                Qt.AlignmentFlag.AlignCenter,
                str(n),
            )
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(
            QRectF(
                grid.left(),
                grid.bottom() + metrics.height() + 2,
                grid.width(),
                metrics.height() + 2,
            ),
            Qt.AlignmentFlag.AlignCenter,
            "Impact →",
        )
        painter.save()
        painter.translate(metrics.height() / 2 + 2, grid.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-grid.height() / 2, -metrics.height() / 2, grid.height(), metrics.height() + 2),
            Qt.AlignmentFlag.AlignCenter,
            "Probability →",
        )
        painter.restore()

    # ------------------------------------------------------------------ interaction

    def tip(self, cell: Cell) -> str:
        probability, impact = cell
        score = probability * impact
        band = risk_band(score)
        labels = self._cells.get(cell, [])
        head = (
            f"Probability {probability} × impact {impact} = {score} "
            f"({band.label if band else 'no band'}): {len(labels)} open "
            f"risk{'s' if len(labels) != 1 else ''}"
        )
        lines = labels[:TIP_LIMIT]
        more = len(labels) - len(lines)
        if more > 0:
            lines.append(f"… and {more} more")
        action = "\nClick to list them." if labels and cell != self._selected else ""
        return "\n".join([head, *lines]) + action

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        cell = self.cell_at(event.position())
        if cell is not None:
            self.select_cell(None if cell == self._selected else cell)
        event.accept()

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QHelpEvent.Type.ToolTip:
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tip(cell), self, self.cell_rect(cell))
            return True
        return super().event(event)  # type: ignore[arg-type]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        p, i = self._cursor
        moves = {
            Qt.Key.Key_Up: (min(SIZE, p + 1), i),
            Qt.Key.Key_Down: (max(1, p - 1), i),
            Qt.Key.Key_Left: (p, max(1, i - 1)),
            Qt.Key.Key_Right: (p, min(SIZE, i + 1)),
        }
        key = Qt.Key(event.key())
        if key in moves:
            self._cursor = moves[key]
            self.update()
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.select_cell(None if self._cursor == self._selected else self._cursor)
        elif key == Qt.Key.Key_Escape and self._selected is not None:
            self.select_cell(None)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()


__all__ = ["Cell", "RiskMatrix"]
