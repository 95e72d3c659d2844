"""The ranked list: live projects by priority score, with the criteria behind each score.

:class:`RankedModel` holds the rows the scoring service ranked
(:class:`pmodesk.services.scoring.RankedProject`) and shows rank, code, name,
stage, RAG, budget and score, then one column per criterion with the raw
score and the points it adds (the tooltip spells the arithmetic out).
:class:`RankedProxy` sorts by each column's natural value, and
:class:`RankedDelegate` paints RAG chips and the score bar.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from pmodesk.domain.enums import Rag
from pmodesk.gui.priorities.formatting import contribution_tip, money, weight_text
from pmodesk.gui.register.delegates import paint_rag_chip
from pmodesk.gui.theme import ACCENT

if TYPE_CHECKING:
    from pmodesk.services.scoring import CriterionInfo, RankedProject

AnyIndex = QModelIndex | QPersistentModelIndex

#: The value a column sorts by (numbers as numbers, text folded).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The RAG value of the RAG column (a plain string or ``None``).
RAG_ROLE = Qt.ItemDataRole.UserRole + 2
#: The score (0–100) of the score column, for the bar.
SCORE_ROLE = Qt.ItemDataRole.UserRole + 3
#: The project id of every cell of a row.
ID_ROLE = Qt.ItemDataRole.UserRole + 4

RANK, CODE, NAME, STAGE, RAG, BUDGET, SCORE = range(7)
FIXED_HEADERS = ("Rank", "Code", "Name", "Stage", "RAG", "Budget", "Score")
FIXED_WIDTHS = (52, 80, 240, 96, 48, 100, 120)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_FIXED_TIPS = (
    "Competition ranking: projects with the same score share a rank (1, 2, 2, 4).",
    "Project code",
    "Project name",
    "Lifecycle stage",
    "Overall RAG status",
    "Budget (the rough cost for ideas)",
    "Priority score, 0–100: the weighted criteria below, scaled to 100.",
)


class RankedModel(QAbstractTableModel):
    """Ranked projects with one column per criterion; see the module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RankedProject] = []
        self._criteria: list[CriterionInfo] = []
        self._weights: dict[uuid.UUID, float] = {}
        self._row_of: dict[uuid.UUID, int] = {}
        #: Each project's place in the service's order (rank, then code): the Rank column sorts by it.
        self._position: dict[uuid.UUID, int] = {}

    # ------------------------------------------------------------ content

    def set_ranking(
        self,
        rows: Sequence[RankedProject],
        criteria: Sequence[CriterionInfo],
        weights: Mapping[uuid.UUID, float] | None = None,
    ) -> bool:
        """Show ``rows`` (already ranked), scored against ``criteria`` with ``weights``.

        When the projects and criteria are the ones shown already (a what-if
        re-rank, a score edited), the rows are updated in place and the views
        re-sort, keeping their selection; otherwise the model resets. Returns
        True when it reset.
        """
        weights_now = {c.id: c.weight for c in criteria}
        if weights:
            weights_now.update(weights)
        same_columns = [c.id for c in criteria] == [c.id for c in self._criteria] and all(
            a == b for a, b in zip(criteria, self._criteria, strict=True)
        )
        fresh = {r.project_id: r for r in rows}
        self._position = {r.project_id: i for i, r in enumerate(rows)}
        if same_columns and self._rows and fresh.keys() == self._row_of.keys():
            self._rows = [fresh[r.project_id] for r in self._rows]
            self._criteria = list(criteria)
            self._weights = weights_now
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            return False
        self.beginResetModel()
        self._rows = list(rows)
        self._criteria = list(criteria)
        self._weights = weights_now
        self._row_of = {r.project_id: i for i, r in enumerate(self._rows)}
        self.endResetModel()
        return True

    def clear(self) -> None:
        self.set_ranking([], self._criteria)

    @property
    def criteria(self) -> list[CriterionInfo]:
        return list(self._criteria)

    def ranked(self) -> list[RankedProject]:
        """The rows in rank order (ties by code, as the service lists them)."""
        return sorted(self._rows, key=lambda r: (r.rank, r.code))

    def row_of(self, project_id: uuid.UUID) -> int | None:
        return self._row_of.get(project_id)

    def project_at(self, row: int) -> RankedProject:
        return self._rows[row]

    def criterion_at(self, column: int) -> CriterionInfo | None:
        index = column - len(FIXED_HEADERS)
        return self._criteria[index] if 0 <= index < len(self._criteria) else None

    # ------------------------------------------------------------ Qt model API

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED_HEADERS) + len(self._criteria)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return None
        criterion = self.criterion_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if criterion is None:
                return FIXED_HEADERS[section] if 0 <= section < len(FIXED_HEADERS) else None
            return f"{criterion.name} ×{weight_text(self._weights.get(criterion.id, 0.0))}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if criterion is None:
                return _FIXED_TIPS[section] if 0 <= section < len(_FIXED_TIPS) else None
            better = "higher is better" if criterion.higher_is_better else "lower is better"
            return (
                f"{criterion.name}: scored {criterion.scale_min}–{criterion.scale_max}, "
                f"{better}; weight {weight_text(self._weights.get(criterion.id, 0.0))}. "
                "Each cell shows the score given and the points it adds."
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if section in (CODE, NAME, STAGE) else _CENTRE
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return row.project_id
        criterion = self.criterion_at(column)
        if criterion is not None:
            return self._criterion_data(row, criterion, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (RANK, BUDGET, SCORE):
                return _RIGHT
            return _CENTRE if column == RAG else _LEFT
        if role == RAG_ROLE and column == RAG:
            return row.rag.value if row.rag is not None else None
        if role == SCORE_ROLE and column == SCORE:
            return row.score
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == RAG:
            return row.rag.label if row.rag is not None else "Not rated"
        return None

    def _display(self, row: RankedProject, column: int) -> Any:
        if column == RANK:
            return str(row.rank)
        if column == CODE:
            return row.code
        if column == NAME:
            return row.name
        if column == STAGE:
            return row.stage_name
        if column == BUDGET:
            return money(row.budget)
        if column == SCORE:
            return f"{row.score:.1f}"
        return None

    def _sort_value(self, row: RankedProject, column: int) -> Any:
        if column == RANK:
            return self._position.get(row.project_id, row.rank)
        if column == CODE:
            return row.code
        if column == NAME:
            return row.name.casefold()
        if column == STAGE:
            return row.stage_name.casefold()
        if column == RAG:
            return Rag(row.rag).severity if row.rag is not None else -1
        if column == BUDGET:
            return row.budget if row.budget is not None else -1.0
        return row.score

    def _tooltip(self, row: RankedProject, column: int) -> str | None:
        if column == SCORE:
            parts = [
                f"{self._criterion_name(code)} {points:.1f}"
                for code, points in sorted(row.contributions.items(), key=lambda kv: -kv[1])
                if points > 0
            ]
            behind = "; ".join(parts) if parts else "no criterion adds points"
            missing = (
                f" Not scored yet: {', '.join(self._criterion_name(c) for c in row.missing)}."
                if row.missing
                else ""
            )
            return f"{row.code} scores {row.score:.1f} of 100 (rank {row.rank}): {behind}.{missing}"
        if column == NAME:
            return f"{row.code} {row.name} · {row.stage_name} · {row.state.label}"
        return None

    def _criterion_name(self, code: str) -> str:
        return next((c.name for c in self._criteria if c.code == code), code)

    def _criterion_data(self, row: RankedProject, criterion: CriterionInfo, role: int) -> Any:
        score = row.raw_scores.get(criterion.code)
        points = row.contributions.get(criterion.code)
        missing = score is None or criterion.code in row.missing
        if role == Qt.ItemDataRole.DisplayRole:
            if missing:
                return "not scored"
            return f"{score}  ·  {points or 0.0:.1f}"
        if role == SORT_ROLE:
            return points if points is not None else -1.0
        if role == Qt.ItemDataRole.ToolTipRole:
            return contribution_tip(
                criterion,
                self._weights.get(criterion.id, criterion.weight),
                None if missing else score,
                points,
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRE
        if role == Qt.ItemDataRole.FontRole and missing:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and missing:
            return QBrush(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        return None


class RankedProxy(QSortFilterProxyModel):
    """Sorts the ranked list by each column's natural value (rank, money, points).

    The values are compared natively by Qt (numbers, folded text), which keeps
    sorting fast for thousands of rows; the sort is stable, so ties keep the
    model's order.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)


class RankedDelegate(QStyledItemDelegate):
    """Paints the RAG chip and a small bar under the score."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        column = index.column()
        if column not in (RAG, SCORE):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        if column == RAG:
            opt.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
            rag = index.data(RAG_ROLE)
            if rag:
                paint_rag_chip(painter, QRectF(opt.rect), Rag(rag))
            return
        text = opt.text
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        score = float(index.data(SCORE_ROLE) or 0.0)
        rect = QRectF(opt.rect).adjusted(6, 0, -6, 0)
        number_width = 38.0
        bar = QRectF(rect.left(), rect.center().y() - 4, rect.width() - number_width - 6, 8)
        painter.save()
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(Qt.PenStyle.NoPen)
            track = QColor(opt.palette.color(QPalette.ColorRole.Mid))
            track.setAlpha(70)
            painter.setBrush(track)
            painter.drawRoundedRect(bar, 3, 3)
            filled = QRectF(bar)
            filled.setWidth(max(0.0, min(1.0, score / 100.0)) * bar.width())
            selected = bool(opt.state & QStyle.StateFlag.State_Selected)
            fill = (
                opt.palette.color(QPalette.ColorRole.HighlightedText)
                if selected
                else QColor(ACCENT)
            )
            painter.setBrush(fill)
            if filled.width() > 0:
                painter.drawRoundedRect(filled, 3, 3)
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            painter.setPen(opt.palette.color(role))
            number = QRectF(rect.right() - number_width, rect.top(), number_width, rect.height())
            painter.drawText(number, int(_RIGHT), text)
        finally:
            painter.restore()
