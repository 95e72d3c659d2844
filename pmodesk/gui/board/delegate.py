"""Painting one project card of the board.

A card shows the code, the state when it is not active, the overall RAG as a
chip with its letter, the name (two lines at most), the manager, the finish
date, the budget, and badges with counts for overdue milestones, open high
risks and pending decisions. Everything that tells cards apart has a shape or
a letter as well as a colour, so a black-and-white printout still reads: the
chip's letter and outline, the badge icons, a thick outline when selected.

Painting is the hot path of a 5,000-card board, so fonts, metrics, badge
pixmaps and the wrapped name of each card are cached, and each card is drawn
the antialiased shapes (the card's frame and shadow per state, the RAG chips,
the state pills) are drawn once into pixmaps that every card reuses; a card
is then a few pixmap copies, a plain rectangle and its text.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from pmodesk.domain.enums import ProjectState, Rag
from pmodesk.gui.board.model import BoardModel, format_date, format_money
from pmodesk.gui.icons import icon
from pmodesk.gui.register.delegates import paint_rag_chip
from pmodesk.gui.theme import is_dark, rag_colour
from pmodesk.services.board import BoardCard

AnyIndex = QModelIndex | QPersistentModelIndex

#: Badge icon names (resources/icons) in the order they are drawn.
BADGES: tuple[tuple[str, str], ...] = (
    ("badge-milestone", "Overdue milestones"),
    ("badge-risk", "Open high risks"),
    ("badge-decision", "Pending decisions"),
)
CARD_WIDTH = 168
_PAD = 10
#: Antialiased pieces kept (frames per state, chips, pills): few are ever needed.
_PIXMAP_CACHE_SIZE = 256
_RADIUS = 6.0
_STATE_LABELS = {
    ProjectState.ON_HOLD: "ON HOLD",
    ProjectState.CANCELLED: "CANCELLED",
    ProjectState.CLOSED: "CLOSED",
}


def _mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    keep = 1.0 - share_of_b
    return QColor(
        round(a.red() * keep + b.red() * share_of_b),
        round(a.green() * keep + b.green() * share_of_b),
        round(a.blue() * keep + b.blue() * share_of_b),
    )


class BoardCardDelegate(QStyledItemDelegate):
    """Paints a :class:`~pmodesk.services.board.BoardCard` into the rectangle the view gives."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = date.today()
        self._font_key: tuple[str, float] | None = None
        self._names: dict[tuple[uuid.UUID, str, int], tuple[str, ...]] = {}
        self._badges: dict[tuple[str, str], QPixmap] = {}
        self._pixmaps: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()
        self._set_fonts(QFont())

    # ------------------------------------------------------------ fonts and sizes

    def _set_fonts(self, base: QFont) -> None:
        key = (base.family(), base.pointSizeF())
        if key == self._font_key:
            return
        self._font_key = key
        self.font = QFont(base)
        self.small = QFont(base)
        self.small.setPointSizeF(max(6.5, base.pointSizeF() * 0.86))
        self.code_font = QFont(self.small)
        self.code_font.setBold(True)
        self.name_font = QFont(base)
        self.name_font.setWeight(QFont.Weight.DemiBold)
        self.pill_font = QFont(self.small)
        self.pill_font.setPointSizeF(max(6.0, base.pointSizeF() * 0.72))
        self.pill_font.setBold(True)
        self.fm = QFontMetrics(self.font)
        self.small_fm = QFontMetrics(self.small)
        self.name_fm = QFontMetrics(self.name_font)
        self.pill_fm = QFontMetrics(self.pill_font)
        self._names.clear()
        self._pixmaps.clear()

    def card_height(self) -> int:
        """The height of every card (they are all the same size)."""
        return (
            _PAD
            + max(20, self.small_fm.height())  # code, state, chip
            + 4
            + 2 * self.name_fm.lineSpacing()  # name
            + 6
            + self.small_fm.height()  # manager, finish
            + 8
            + max(16, self.small_fm.height())  # badges, budget
            + _PAD
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        self._set_fonts(option.font)
        return QSize(CARD_WIDTH, self.card_height())

    def forget(self) -> None:
        """Drop cached wrapped names and card pictures (palette or font changed)."""
        self._names.clear()
        self._pixmaps.clear()
        self._badges.clear()

    def _piece(
        self, key: tuple[object, ...], size: QSize, ratio: float, draw: Callable[[QPainter], None]
    ) -> QPixmap:
        """A cached antialiased picture (card frame, chip, pill): drawn once, then copied."""
        full = (*key, size.width(), size.height(), ratio)
        pixmap = self._pixmaps.get(full)
        if pixmap is None:
            pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            into = QPainter(pixmap)
            into.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            draw(into)
            into.end()
            if len(self._pixmaps) >= _PIXMAP_CACHE_SIZE:
                self._pixmaps.popitem(last=False)
            self._pixmaps[full] = pixmap
        return pixmap

    # ------------------------------------------------------------ painting

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        model = index.model()
        if not isinstance(model, BoardModel):
            super().paint(painter, option, index)
            return
        self.paint_card(
            painter,
            option.rect,
            model.card_at(index.row()),
            option.palette,
            state=option.state,
            currency=model.currency,
        )

    def paint_card(
        self,
        painter: QPainter,
        rect: QRect,
        card: BoardCard,
        palette: QPalette,
        *,
        state: QStyle.StateFlag = QStyle.StateFlag.State_None,
        currency: str = "EUR",
        ghost: bool = False,
    ) -> None:
        """Draw ``card`` in ``rect`` (also used for the card being dragged, ``ghost``)."""
        selected = bool(state & QStyle.StateFlag.State_Selected)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        dark = is_dark(palette)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        muted = _mix(text, base, 0.42)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        inactive = card.state is not ProjectState.ACTIVE

        painter.save()
        ratio = painter.device().devicePixelRatioF()
        palette_key = palette.cacheKey()
        fill = _mix(base, highlight, 0.10) if selected else base
        if inactive and not selected:
            fill = _mix(base, text, 0.05)
        if selected:
            border = QPen(highlight, 2.0)
        elif hovered:
            border = QPen(_mix(base, text, 0.45), 1.0)
        else:
            border = QPen(_mix(base, text, 0.20), 1.0)
        width_h = rect.size()

        def frame(into: QPainter) -> None:
            box = QRectF(1, 0, width_h.width(), width_h.height()).adjusted(0.5, 0.5, -0.5, -0.5)
            if not ghost:  # a soft shadow under the card
                into.setPen(Qt.PenStyle.NoPen)
                into.setBrush(QColor(0, 0, 0, 60 if dark else 22))
                into.drawRoundedRect(box.translated(0, 1.5), _RADIUS, _RADIUS)
            into.setBrush(fill)
            into.setPen(border)
            into.drawRoundedRect(box, _RADIUS, _RADIUS)
            if focused and not ghost:
                into.setPen(QPen(highlight, 1.0, Qt.PenStyle.DotLine))
                into.setBrush(Qt.BrushStyle.NoBrush)
                into.drawRoundedRect(box.adjusted(3, 3, -3, -3), _RADIUS - 2, _RADIUS - 2)

        frame_key = ("frame", selected, hovered, focused, inactive, ghost, palette_key)
        frame_size = QSize(rect.width() + 2, rect.height() + 3)
        painter.drawPixmap(
            rect.left() - 1, rect.top(), self._piece(frame_key, frame_size, ratio, frame)
        )

        # The RAG stripe on the left edge (the chip carries the letter).
        painter.fillRect(
            QRectF(rect.left() + 3.5, rect.top() + 8.5, 3.5, rect.height() - 17),
            rag_colour(card.rag),
        )

        left = rect.left() + _PAD + 4
        right = rect.right() - _PAD
        width = right - left
        y = rect.top() + _PAD

        # Row 1: code, state pill, RAG chip.
        top_h = max(20, self.small_fm.height())
        rag = card.rag

        def chip(into: QPainter) -> None:
            cell = QRectF(0, 0, 30, top_h)
            if rag is not None:
                paint_rag_chip(into, cell, rag)
            else:
                self._no_rag(into, cell, muted)

        chip_key = ("chip", rag.value if rag is not None else "", palette_key)
        painter.drawPixmap(right - 30, y, self._piece(chip_key, QSize(30, top_h), ratio, chip))
        painter.setFont(self.code_font)
        painter.setPen(muted if not selected else _mix(text, highlight, 0.4))
        code_w = self.small_fm.horizontalAdvance(card.code) + 6
        painter.drawText(QRect(left, y, code_w, top_h), Qt.AlignmentFlag.AlignVCenter, card.code)
        label = _STATE_LABELS.get(card.state)
        if label:
            pill_w = self.pill_fm.horizontalAdvance(label) + 10

            def pill(into: QPainter) -> None:
                self._pill(into, 0, 0, top_h, label or "", text, base)

            pill_key = ("pill", label, palette_key)
            painter.drawPixmap(
                left + code_w + 4, y, self._piece(pill_key, QSize(pill_w + 2, top_h), ratio, pill)
            )
        y += top_h + 4

        # Row 2: name, two lines at most.
        painter.setFont(self.name_font)
        painter.setPen(_mix(text, base, 0.3) if inactive else text)
        line_h = self.name_fm.lineSpacing()
        for number, line in enumerate(self._name_lines(card, width)):
            painter.drawText(
                QRect(left, y + number * line_h, width, line_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                line,
            )
        y += 2 * line_h + 6

        # Row 3: manager, finish date.
        painter.setFont(self.small)
        row_h = self.small_fm.height()
        finish = format_date(card.finish)
        late = card.finish is not None and card.finish < self.today and not inactive
        finish_text = f"⚑ {finish}" if late else finish
        finish_w = self.small_fm.horizontalAdvance(finish_text) + 2
        painter.setPen(text if late else muted)
        if late:
            painter.setFont(self.code_font)
            finish_w = QFontMetrics(self.code_font).horizontalAdvance(finish_text) + 2
        painter.drawText(
            QRect(right - finish_w, y, finish_w, row_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            finish_text,
        )
        painter.setFont(self.small)
        painter.setPen(muted)
        manager = self.small_fm.elidedText(
            card.manager or "No manager", Qt.TextElideMode.ElideRight, width - finish_w - 8
        )
        painter.drawText(
            QRect(left, y, width - finish_w - 8, row_h), Qt.AlignmentFlag.AlignVCenter, manager
        )
        y += row_h + 4

        # A hairline, then row 4: badges and budget.
        painter.setPen(QPen(_mix(base, text, 0.12), 1.0))
        painter.drawLine(QPointF(left, y + 1.5), QPointF(right, y + 1.5))
        y += 4
        badge_h = max(16, self.small_fm.height())
        x = left
        painter.setFont(self.code_font)
        for (name, _label), count in zip(
            BADGES,
            (card.overdue_milestones, card.open_high_risks, card.pending_decisions),
            strict=True,
        ):
            if not count:
                continue
            pixmap = self._badge(name, palette)
            painter.drawPixmap(QPointF(x, y + (badge_h - 14) / 2), pixmap)
            x += 16
            count_text = str(count)
            painter.setPen(text)
            number_w = self.small_fm.horizontalAdvance(count_text) + 4
            painter.drawText(
                QRect(x, y, number_w, badge_h), Qt.AlignmentFlag.AlignVCenter, count_text
            )
            x += number_w + 8
        painter.setFont(self.small)
        painter.setPen(muted)
        painter.drawText(
            QRect(left, y, width, badge_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            format_money(card.budget, currency),
        )
        painter.restore()

    def _no_rag(self, painter: QPainter, cell: QRectF, muted: QColor) -> None:
        height = min(cell.height() - 6.0, 18.0)
        chip = QRectF(
            cell.center().x() - height * 0.85, cell.center().y() - height / 2, height * 1.7, height
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(muted, 1.0, Qt.PenStyle.DotLine))
        painter.drawRoundedRect(chip, height / 2, height / 2)
        painter.setFont(self.pill_font)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, "–")

    def _pill(
        self, painter: QPainter, x: int, y: int, h: int, label: str, text: QColor, base: QColor
    ) -> None:
        painter.setFont(self.pill_font)
        w = self.pill_fm.horizontalAdvance(label) + 10
        pill = QRectF(x + 0.5, y + (h - 15) / 2, w, 15)
        painter.setPen(QPen(_mix(text, base, 0.35), 1.0))
        painter.setBrush(_mix(base, text, 0.08))
        painter.drawRoundedRect(pill, 3, 3)
        painter.setPen(_mix(text, base, 0.2))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)

    def _badge(self, name: str, palette: QPalette) -> QPixmap:
        colour = palette.color(QPalette.ColorRole.Text).name()
        key = (name, colour)
        pixmap = self._badges.get(key)
        if pixmap is None:
            pixmap = icon(name).pixmap(QSize(14, 14))
            self._badges[key] = pixmap
        return pixmap

    def _name_lines(self, card: BoardCard, width: int) -> tuple[str, ...]:
        key = (card.id, card.name, width)
        lines = self._names.get(key)
        if lines is None:
            lines = self._wrap(card.name, width)
            self._names[key] = lines
        return lines

    def _wrap(self, name: str, width: int) -> tuple[str, ...]:
        fm = self.name_fm
        if fm.horizontalAdvance(name) <= width:
            return (name,)
        words = name.split()
        first = ""
        rest_at = 0
        for n, word in enumerate(words):
            candidate = f"{first} {word}" if first else word
            if fm.horizontalAdvance(candidate) > width:
                break
            first, rest_at = candidate, n + 1
        if not first:  # one very long word
            return (fm.elidedText(name, Qt.TextElideMode.ElideRight, width),)
        rest = " ".join(words[rest_at:])
        return (first, fm.elidedText(rest, Qt.TextElideMode.ElideRight, width))


def rag_legend() -> list[tuple[Rag | None, str]]:
    """The RAG values a legend explains, in order."""
    return [
        (Rag.GREEN, "On track"),
        (Rag.AMBER, "At risk"),
        (Rag.RED, "In trouble"),
        (None, "Not rated"),
    ]
