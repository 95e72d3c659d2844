"""The board view: cards in a grid of swimlanes × stage columns, painted through the delegate.

:class:`BoardView` is a :class:`QAbstractItemView` over a
:class:`~pmodesk.gui.board.model.BoardModel`. It lays every card out once per
model reset or width change (rectangles cached, indexed in horizontal bands),
and paints only the cards that intersect the viewport. The column headers
(stage, count, budget total) stay at the top while the board scrolls.

Moving a card is done here without ``QDrag``: press on a card, move past the
drag distance, and the card follows the pointer while the column under it is
highlighted; releasing over another stage emits :attr:`BoardView.move_requested`.
The board scrolls by itself when the pointer nears an edge. Ctrl+Right and
Ctrl+Left emit :attr:`BoardView.step_requested` for the current card; Enter
and a double-click emit :attr:`BoardView.open_requested`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QRegion,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyleOptionViewItem,
    QWidget,
)

from pmodesk.gui.board.delegate import CARD_WIDTH, BoardCardDelegate, _mix
from pmodesk.gui.board.model import BoardModel, format_money
from pmodesk.services.board import BoardStage

AnyIndex = QModelIndex | QPersistentModelIndex

MARGIN = 12
COLUMN_GAP = 10
CARD_GAP = 8
COLUMN_PAD = 6
MAX_COLUMN_WIDTH = 340
_BAND = 512  # height of the bands the card index is split into
_AUTOSCROLL_EDGE = 40


@dataclass(slots=True)
class _Drag:
    row: int
    grab: QPoint  # where the card was grabbed, relative to its top-left corner
    pos: QPoint  # the pointer, viewport coordinates
    target: int | None = None  # column index under the pointer


@dataclass(frozen=True, slots=True)
class LaneBand:
    """A swimlane's header band in content coordinates."""

    top: int
    height: int
    title: str
    count: int


class BoardView(QAbstractItemView):
    """Cards laid out in stage columns and swimlanes; see the module docstring."""

    #: A card was dropped on another stage: (project id, stage id).
    move_requested = Signal(object, object)
    #: Ctrl+Right / Ctrl+Left on a card: (project id, +1 or -1).
    step_requested = Signal(object, int)
    #: Enter or double-click on a card: project id.
    open_requested = Signal(object)
    #: Right-click (or the menu key) on a card: (project id, global position).
    menu_requested = Signal(object, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rects: list[QRect] = []
        self._bands: dict[int, list[int]] = {}
        self._column_x: list[int] = []
        self._column_w = CARD_WIDTH + 2 * COLUMN_PAD
        self._lane_bands: list[LaneBand] = []
        self._content = QSize(0, 0)
        self._header_h = 56
        self._card_h = 100
        self._lane_h = 30
        self._hover: int = -1
        self._press: tuple[int, QPoint] | None = None
        self._drag: _Drag | None = None
        self._autoscroll = QTimer(self)
        self._autoscroll.setInterval(30)
        self._autoscroll.timeout.connect(self._autoscroll_step)
        self._kept_ids: list[uuid.UUID] = []
        self._kept_current: uuid.UUID | None = None
        self._kept_scroll: tuple[int, int] = (0, 0)
        self.card_delegate = BoardCardDelegate(self)
        self.setItemDelegate(self.card_delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(False)
        self.setMouseTracking(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QAbstractItemView.Shape.NoFrame)
        self.setAccessibleName("Portfolio board")
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

        self._update_fonts()

    # ------------------------------------------------------------ model

    def board_model(self) -> BoardModel:
        model = self.model()
        assert isinstance(model, BoardModel)
        return model

    def setModel(self, model: BoardModel) -> None:  # type: ignore[override]
        old = self.model()
        if isinstance(old, BoardModel):
            old.modelAboutToBeReset.disconnect(self._keep_state)
            old.modelReset.disconnect(self._restore_state)
        super().setModel(model)
        model.modelAboutToBeReset.connect(self._keep_state)
        model.modelReset.connect(self._restore_state)
        self.relayout()

    def _keep_state(self) -> None:
        model = self.board_model()
        selection = self.selectionModel()
        self._kept_ids = (
            [model.card_at(i.row()).id for i in selection.selectedIndexes()] if selection else []
        )
        current = self.currentIndex()
        self._kept_current = model.card_at(current.row()).id if current.isValid() else None
        self._kept_scroll = (self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def _restore_state(self) -> None:
        """After a reset: lay out again, keep the scroll position, the selection and the current card."""
        self.relayout()
        model = self.board_model()
        self.horizontalScrollBar().setValue(self._kept_scroll[0])
        self.verticalScrollBar().setValue(self._kept_scroll[1])
        selection = self.selectionModel()
        if selection is None:
            return
        chosen = QItemSelection()
        for project_id in self._kept_ids:
            index = model.index_of(project_id)
            if index.isValid():
                chosen.select(index, index)
        if self._kept_current is not None:
            current = model.index_of(self._kept_current)
            if current.isValid():
                selection.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
        selection.select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def rowsInserted(self, parent: AnyIndex, start: int, end: int) -> None:
        super().rowsInserted(parent, start, end)
        self.relayout()

    def rowsAboutToBeRemoved(self, parent: AnyIndex, start: int, end: int) -> None:
        super().rowsAboutToBeRemoved(parent, start, end)
        QTimer.singleShot(0, self.relayout)

    # ------------------------------------------------------------ layout

    def _update_fonts(self) -> None:
        delegate = self.card_delegate
        option = QStyleOptionViewItem()
        option.font = self.font()
        delegate.sizeHint(option, QModelIndex())
        self._card_h = delegate.card_height()
        fm = QFontMetrics(self.font())
        self._header_h = 14 + fm.height() + 4 + fm.height() + 10
        self._lane_h = fm.height() + 14

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "card_delegate"):
            self._update_fonts()
            self.relayout()

    def relayout(self) -> None:
        """Work out every card's rectangle (content coordinates) and the content size."""
        model = self.model()
        self._rects = []
        self._bands = {}
        self._lane_bands = []
        if not isinstance(model, BoardModel):
            self._content = QSize(0, 0)
            self.updateGeometries()
            return
        columns = len(model.columns)
        available = self.viewport().width() - 2 * MARGIN - COLUMN_GAP * max(0, columns - 1)
        column_w = CARD_WIDTH + 2 * COLUMN_PAD
        if columns:
            column_w = max(column_w, min(MAX_COLUMN_WIDTH, available // columns))
        self._column_w = column_w
        self._column_x = [MARGIN + n * (column_w + COLUMN_GAP) for n in range(columns)]
        card_w = column_w - 2 * COLUMN_PAD
        card_h = self._card_h
        step = card_h + CARD_GAP
        with_headers = model.swimlanes().value != "none"

        # Count cards per (lane, column) first: lane heights follow the tallest stack.
        lanes = len(model.lanes)
        stacks = [[0] * columns for _ in range(lanes)]
        for column, lane in model.placement:
            stacks[lane][column] += 1
        lane_top: list[int] = []
        y = COLUMN_PAD
        for lane in range(lanes):
            if with_headers:
                count = sum(stacks[lane])
                self._lane_bands.append(LaneBand(y, self._lane_h, model.lanes[lane].title, count))
                y += self._lane_h + CARD_GAP
            lane_top.append(y)
            tallest = max(stacks[lane], default=0)
            y += max(tallest * step, step if with_headers else 0) + (
                CARD_GAP if with_headers else 0
            )
        content_h = y + MARGIN

        filled = [[0] * columns for _ in range(lanes)]
        rects = self._rects
        bands = self._bands
        x_of = [x + COLUMN_PAD for x in self._column_x]
        for row, (column, lane) in enumerate(model.placement):
            n = filled[lane][column]
            filled[lane][column] = n + 1
            top = lane_top[lane] + n * step
            rects.append(QRect(x_of[column], top, card_w, card_h))
            for band in range(top // _BAND, (top + card_h) // _BAND + 1):
                bands.setdefault(band, []).append(row)
        width = (self._column_x[-1] + column_w + MARGIN) if columns else 0
        self._content = QSize(width, content_h)
        self.updateGeometries()
        self.viewport().update()

    def updateGeometries(self) -> None:
        viewport = self.viewport()
        visible_h = max(0, viewport.height() - self._header_h)
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        vbar.setRange(0, max(0, self._content.height() - visible_h))
        vbar.setPageStep(max(1, visible_h))
        vbar.setSingleStep(max(8, (self._card_h + CARD_GAP) // 4))
        hbar.setRange(0, max(0, self._content.width() - viewport.width()))
        hbar.setPageStep(max(1, viewport.width()))
        hbar.setSingleStep(24)
        super().updateGeometries()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.relayout()
        else:
            self.updateGeometries()

    def content_size(self) -> QSize:
        return QSize(self._content)

    def header_height(self) -> int:
        return self._header_h

    def lane_bands(self) -> list[LaneBand]:
        """The swimlane header bands (empty without swimlanes)."""
        return list(self._lane_bands)

    def card_rect(self, row: int) -> QRect:
        """The card's rectangle in content coordinates."""
        return QRect(self._rects[row])

    # ------------------------------------------------------------ coordinates

    def _offset(self) -> QPoint:
        """Content point shown at the viewport's (0, header height)."""
        return QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def _to_viewport(self, rect: QRect) -> QRect:
        off = self._offset()
        return rect.translated(-off.x(), self._header_h - off.y())

    def _to_content(self, point: QPoint) -> QPoint:
        off = self._offset()
        return QPoint(point.x() + off.x(), point.y() - self._header_h + off.y())

    def _visible_content(self) -> QRect:
        off = self._offset()
        viewport = self.viewport()
        return QRect(off.x(), off.y(), viewport.width(), max(0, viewport.height() - self._header_h))

    def rows_in(self, area: QRect) -> list[int]:
        """Rows whose card intersects ``area`` (content coordinates), in row order."""
        found: set[int] = set()
        rects = self._rects
        for band in range(max(0, area.top()) // _BAND, max(0, area.bottom()) // _BAND + 1):
            for row in self._bands.get(band, ()):
                if row not in found and rects[row].intersects(area):
                    found.add(row)
        return sorted(found)

    def visible_rows(self) -> list[int]:
        return self.rows_in(self._visible_content())

    def _row_at(self, point: QPoint) -> int:
        if point.y() < self._header_h:
            return -1
        content = self._to_content(point)
        for row in self._bands.get(max(0, content.y()) // _BAND, ()):
            if self._rects[row].contains(content):
                return row
        return -1

    def column_at(self, point: QPoint) -> int | None:
        """The column under a viewport point (the gap between columns counts to the nearest)."""
        if not self._column_x:
            return None
        x = self._to_content(point).x()
        half_gap = COLUMN_GAP // 2
        for n, left in enumerate(self._column_x):
            if left - half_gap <= x < left + self._column_w + half_gap:
                return n
        return 0 if x < self._column_x[0] else len(self._column_x) - 1

    def column_header_rect(self, column: int) -> QRect:
        """A column's header in viewport coordinates."""
        x = self._column_x[column] - self.horizontalScrollBar().value()
        return QRect(x, 0, self._column_w, self._header_h)

    # ------------------------------------------------------------ QAbstractItemView API

    def visualRect(self, index: AnyIndex) -> QRect:
        if not index.isValid() or not 0 <= index.row() < len(self._rects):
            return QRect()
        return self._to_viewport(self._rects[index.row()])

    def indexAt(self, point: QPoint) -> QModelIndex:
        row = self._row_at(point)
        model = self.model()
        return model.index(row, 0) if row >= 0 and model is not None else QModelIndex()

    def scrollTo(
        self,
        index: AnyIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        if not index.isValid() or not 0 <= index.row() < len(self._rects):
            return
        rect = self._rects[index.row()].adjusted(-COLUMN_PAD, -CARD_GAP, COLUMN_PAD, CARD_GAP)
        area = self._visible_content()
        hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        if hint == QAbstractItemView.ScrollHint.PositionAtCenter:
            hbar.setValue(rect.center().x() - area.width() // 2)
            vbar.setValue(rect.center().y() - area.height() // 2)
            return
        if rect.left() < area.left():
            hbar.setValue(rect.left())
        elif rect.right() > area.right():
            hbar.setValue(rect.right() - area.width() + 1)
        if rect.top() < area.top() or hint == QAbstractItemView.ScrollHint.PositionAtTop:
            vbar.setValue(rect.top())
        elif rect.bottom() > area.bottom():
            vbar.setValue(rect.bottom() - area.height() + 1)

    def horizontalOffset(self) -> int:
        return self.horizontalScrollBar().value()

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: AnyIndex) -> bool:
        return False

    def setSelection(self, rect: QRect, command: QItemSelectionModel.SelectionFlag) -> None:
        model = self.model()
        selection_model = self.selectionModel()
        if model is None or selection_model is None:
            return
        area = rect.normalized()
        content = QRect(self._to_content(area.topLeft()), area.size())
        chosen = QItemSelection()
        for row in self.rows_in(content):
            index = model.index(row, 0)
            chosen.select(index, index)
        selection_model.select(chosen, command)

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        region = QRegion()
        for index in selection.indexes():
            region = region.united(self.visualRect(index).adjusted(-3, -3, 3, 3))
        return region

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        model = self.model()
        if not isinstance(model, BoardModel) or not model.cards:
            return QModelIndex()
        current = self.currentIndex()
        if not current.isValid():
            first = self.visible_rows() or [0]
            return model.index(first[0], 0)
        row = current.row()
        Action = QAbstractItemView.CursorAction
        column, _lane = model.placement[row]
        same_column = [r for r, (c, _l) in enumerate(model.placement) if c == column]
        position = same_column.index(row)
        target = row
        if action in (Action.MoveUp, Action.MovePrevious) and position > 0:
            target = same_column[position - 1]
        elif action in (Action.MoveDown, Action.MoveNext) and position < len(same_column) - 1:
            target = same_column[position + 1]
        elif action == Action.MoveHome:
            target = same_column[0]
        elif action == Action.MoveEnd:
            target = same_column[-1]
        elif action in (Action.MovePageUp, Action.MovePageDown):
            per_page = max(1, self._visible_content().height() // (self._card_h + CARD_GAP))
            delta = -per_page if action == Action.MovePageUp else per_page
            target = same_column[max(0, min(len(same_column) - 1, position + delta))]
        elif action in (Action.MoveLeft, Action.MoveRight):
            target = self._neighbour(row, -1 if action == Action.MoveLeft else 1)
        return model.index(target, 0)

    def _neighbour(self, row: int, direction: int) -> int:
        """The card in the next non-empty column to the left or right, nearest in height."""
        model = self.board_model()
        column = model.placement[row][0]
        y = self._rects[row].center().y()
        columns = len(model.columns)
        step = column + direction
        while 0 <= step < columns:
            candidates = [r for r, (c, _l) in enumerate(model.placement) if c == step]
            if candidates:
                return min(candidates, key=lambda r: abs(self._rects[r].center().y() - y))
            step += direction
        return row

    # ------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        viewport = self.viewport()
        painter = QPainter(viewport)
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.Text)
        painter.fillRect(event.rect(), window)
        model = self.model()
        if not isinstance(model, BoardModel):
            painter.end()
            return
        off = self._offset()
        header_h = self._header_h
        height = viewport.height()
        column_fill = _mix(window, text, 0.035)
        target = self._drag.target if self._drag is not None else None
        accent = palette.color(QPalette.ColorRole.Highlight)

        # Column bodies.
        for n, left in enumerate(self._column_x):
            x = left - off.x()
            if x > viewport.width() or x + self._column_w < 0:
                continue
            body = QRectF(x, header_h - 4, self._column_w, height - header_h + 4)
            painter.setPen(Qt.PenStyle.NoPen)
            dropping = target == n and self._drag is not None and not self._same_column(n)
            painter.setBrush(_mix(window, accent, 0.14) if dropping else column_fill)
            painter.drawRect(body)
            if dropping:
                painter.setPen(QPen(accent, 2.0, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(body.adjusted(1, 1, -1, -1))

        painter.save()
        painter.setClipRect(QRect(0, header_h, viewport.width(), height - header_h))
        painter.translate(-off.x(), header_h - off.y())
        self._paint_lanes(painter, palette)
        self._paint_cards(painter, model, palette)
        painter.restore()

        self._paint_headers(painter, model, palette)
        if self._drag is not None:
            self._paint_drag(painter, model, palette)
        if not model.cards:
            painter.setPen(_mix(text, window, 0.4))
            painter.drawText(
                QRect(0, header_h, viewport.width(), max(80, height // 3)),
                Qt.AlignmentFlag.AlignCenter,
                "No project matches the search and filters.",
            )
        painter.end()

    def _same_column(self, column: int) -> bool:
        drag = self._drag
        return drag is not None and self.board_model().placement[drag.row][0] == column

    def _paint_lanes(self, painter: QPainter, palette: QPalette) -> None:
        if not self._lane_bands:
            return
        area = self._visible_content()
        text = palette.color(QPalette.ColorRole.Text)
        window = palette.color(QPalette.ColorRole.Window)
        width = self._content.width() - 2 * MARGIN + 2
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        fm = QFontMetrics(bold)
        for band in self._lane_bands:
            rect = QRect(MARGIN - 1, band.top, width, band.height)
            if not rect.intersects(area):
                continue
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_mix(window, text, 0.09))
            painter.drawRoundedRect(QRectF(rect), 4, 4)
            # Keep the title in view while scrolling sideways.
            left = max(rect.left(), area.left()) + 10
            painter.setPen(text)
            title = f"{band.title}"
            painter.drawText(
                QRect(left, rect.top(), rect.width(), rect.height()),
                Qt.AlignmentFlag.AlignVCenter,
                title,
            )
            painter.setFont(self.font())
            painter.setPen(_mix(text, window, 0.4))
            count = f"{band.count} project{'s' if band.count != 1 else ''}"
            painter.drawText(
                QRect(left + fm.horizontalAdvance(title) + 12, rect.top(), 200, rect.height()),
                Qt.AlignmentFlag.AlignVCenter,
                count,
            )
            painter.setFont(bold)

    def _paint_cards(self, painter: QPainter, model: BoardModel, palette: QPalette) -> None:
        selection = self.selectionModel()
        current = self.currentIndex()
        current_row = current.row() if current.isValid() else -1
        has_focus = self.hasFocus()
        dragged = self._drag.row if self._drag is not None else -1
        delegate = self.card_delegate
        State = QStyle.StateFlag
        currency = model.currency
        for row in self.visible_rows():
            state = State.State_Enabled
            index = model.index(row, 0)
            if selection is not None and selection.isSelected(index):
                state |= State.State_Selected
            if row == current_row and has_focus:
                state |= State.State_HasFocus
            if row == self._hover:
                state |= State.State_MouseOver
            if row == dragged:
                painter.setOpacity(0.35)
            delegate.paint_card(
                painter, self._rects[row], model.cards[row], palette, state=state, currency=currency
            )
            if row == dragged:
                painter.setOpacity(1.0)

    def _paint_headers(self, painter: QPainter, model: BoardModel, palette: QPalette) -> None:
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Highlight)
        muted = _mix(text, window, 0.42)
        viewport_w = self.viewport().width()
        painter.fillRect(QRect(0, 0, viewport_w, self._header_h - 4), window)
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font.setPointSizeF(self.font().pointSizeF() * 1.08)
        fm = QFontMetrics(self.font())
        title_fm = QFontMetrics(title_font)
        last = len(model.columns) - 1
        for n, column in enumerate(model.columns):
            rect = self.column_header_rect(n)
            if rect.right() < 0 or rect.left() > viewport_w:
                continue
            total = model.totals.get(column.id)
            count = total.count if total else 0
            budget = total.budget if total else 0.0
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_mix(window, text, 0.035))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.drawRoundedRect(QRectF(rect.adjusted(0, 6, 0, 4)), 6, 6)
            # A progress tick: how far along the lifecycle this stage is.
            painter.setBrush(_mix(window, accent, 0.35 + 0.55 * (n / max(1, last))))
            painter.drawRoundedRect(QRectF(rect.left(), rect.top() + 6, rect.width(), 4), 2, 2)
            inner = rect.adjusted(COLUMN_PAD + 4, 14, -COLUMN_PAD - 4, 0)
            painter.setFont(title_font)
            painter.setPen(text)
            painter.drawText(
                QRect(inner.left(), inner.top(), inner.width(), title_fm.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                column.name,
            )
            badge = str(count)
            badge_w = title_fm.horizontalAdvance(badge) + 14
            badge_rect = QRectF(inner.right() - badge_w, inner.top(), badge_w, title_fm.height())
            painter.setBrush(_mix(window, text, 0.12))
            painter.drawRoundedRect(badge_rect, badge_rect.height() / 2, badge_rect.height() / 2)
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge)
            painter.setFont(self.font())
            painter.setPen(muted)
            summary = f"{format_money(budget, model.currency)} budget"
            painter.drawText(
                QRect(
                    inner.left(), inner.top() + title_fm.height() + 4, inner.width(), fm.height()
                ),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                summary,
            )
        painter.setPen(QPen(_mix(window, text, 0.15), 1.0))
        painter.drawLine(0, self._header_h - 1, viewport_w, self._header_h - 1)

    def _paint_drag(self, painter: QPainter, model: BoardModel, palette: QPalette) -> None:
        drag = self._drag
        assert drag is not None
        rect = QRect(drag.pos - drag.grab, self._rects[drag.row].size())
        painter.save()
        painter.setOpacity(0.92)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 50))
        painter.drawRoundedRect(QRectF(rect.translated(3, 5)), 8, 8)
        self.card_delegate.paint_card(
            painter,
            rect,
            model.cards[drag.row],
            palette,
            state=QStyle.StateFlag.State_Selected,
            currency=model.currency,
            ghost=True,
        )
        painter.restore()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    # ------------------------------------------------------------ mouse: select, drag, open

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        point = event.position().toPoint()
        row = self._row_at(point)
        if event.button() == Qt.MouseButton.LeftButton and row >= 0:
            self._press = (row, point)
        else:
            self._press = None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        if self._drag is not None:
            self._drag.pos = point
            self._drag.target = self.column_at(point)
            self._autoscroll_check(point)
            self.viewport().update()
            return
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            row, start = self._press
            if (point - start).manhattanLength() >= QApplication.startDragDistance():
                self._start_drag(row, start, point)
            return
        hover = self._row_at(point)
        if hover != self._hover:
            self._hover = hover
            self.viewport().update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            self._finish_drag(event.position().toPoint())
            return
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        row = self._row_at(event.position().toPoint())
        if row >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.setCurrentIndex(self.board_model().index(row, 0))
            self.open_requested.emit(self.board_model().card_at(row).id)
            return
        super().mouseDoubleClickEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover != -1:
            self._hover = -1
            self.viewport().update()
        super().leaveEvent(event)

    def _start_drag(self, row: int, start: QPoint, point: QPoint) -> None:
        grab = start - self.visualRect(self.board_model().index(row, 0)).topLeft()
        self._drag = _Drag(row, grab, point, self.column_at(point))
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        self._autoscroll.start()
        self.viewport().update()

    def _finish_drag(self, point: QPoint) -> None:
        drag = self._drag
        self.cancel_drag()
        if drag is None:
            return
        model = self.board_model()
        target = self.column_at(point)
        if target is None or target == model.placement[drag.row][0]:
            return
        stage: BoardStage = model.columns[target]
        if stage.id is None:
            return
        self.move_requested.emit(model.card_at(drag.row).id, stage.id)

    def cancel_drag(self) -> None:
        self._drag = None
        self._press = None
        self._autoscroll.stop()
        self.viewport().unsetCursor()
        self.viewport().update()

    def is_dragging(self) -> bool:
        return self._drag is not None

    def _autoscroll_check(self, point: QPoint) -> None:
        if not self._autoscroll.isActive():
            self._autoscroll.start()

    def _autoscroll_step(self) -> None:
        drag = self._drag
        if drag is None:
            self._autoscroll.stop()
            return
        viewport = self.viewport()
        point = drag.pos
        dx = dy = 0
        edge = _AUTOSCROLL_EDGE
        if point.x() < edge:
            dx = -(edge - point.x())
        elif point.x() > viewport.width() - edge:
            dx = point.x() - (viewport.width() - edge)
        if point.y() < self._header_h + edge:
            dy = -(self._header_h + edge - point.y())
        elif point.y() > viewport.height() - edge:
            dy = point.y() - (viewport.height() - edge)
        if dx or dy:
            hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
            hbar.setValue(hbar.value() + dx // 2)
            vbar.setValue(vbar.value() + dy // 2)
            drag.target = self.column_at(point)

    # ------------------------------------------------------------ keyboard and menu

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers()
        if self._drag is not None and key == Qt.Key.Key_Escape:
            self.cancel_drag()
            return
        current = self.currentIndex()
        model = self.model()
        if current.isValid() and isinstance(model, BoardModel):
            project_id = model.card_at(current.row()).id
            if modifiers & Qt.KeyboardModifier.ControlModifier and key in (
                Qt.Key.Key_Right,
                Qt.Key.Key_Left,
            ):
                self.step_requested.emit(project_id, 1 if key == Qt.Key.Key_Right else -1)
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_requested.emit(project_id)
                return
            if key == Qt.Key.Key_Menu:
                rect = self.visualRect(current)
                self.menu_requested.emit(project_id, self.viewport().mapToGlobal(rect.center()))
                return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        row = self._row_at(event.pos())
        if row < 0:
            return
        model = self.board_model()
        index = model.index(row, 0)
        selection = self.selectionModel()
        if selection is not None and not selection.isSelected(index):
            self.setCurrentIndex(index)
        self.menu_requested.emit(model.card_at(row).id, event.globalPos())

    # ------------------------------------------------------------ helpers for the page

    def current_project_id(self) -> uuid.UUID | None:
        current = self.currentIndex()
        model = self.model()
        if not current.isValid() or not isinstance(model, BoardModel):
            return None
        return model.card_at(current.row()).id

    def select_project(self, project_id: uuid.UUID) -> bool:
        """Make the project's card current and selected, scrolled into view."""
        index = self.board_model().index_of(project_id)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True
