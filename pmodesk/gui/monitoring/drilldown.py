"""The projects behind a dashboard figure: a sortable list, opened in the editor or the register.

The dashboard fills it when a bar, a point or a tile is clicked. Enter (or a
double-click) opens the project's editor; *Show in register* applies the
matching register filter (when the figure maps to one, such as a stage and a
RAG) and switches to the register.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain import Project
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors import open_editor
from pmodesk.gui.monitoring.common import (
    CENTRE,
    ID_ROLE,
    RAG_ROLE,
    RIGHT,
    SORT_ROLE,
    AnyIndex,
    RagChipDelegate,
    RowsModel,
    SortProxy,
    current_id,
    day_text,
    money,
    setup_table,
    sort_key,
)
from pmodesk.services.monitoring.dashboard import ProjectBrief
from pmodesk.services.register import RegisterFilter

COLUMNS = (
    ("code", "Code"),
    ("name", "Project"),
    ("rag", "RAG"),
    ("stage", "Stage"),
    ("manager", "Manager"),
    ("budget", "Budget"),
    ("finish", "Finish"),
)
COLUMN = {key: n for n, (key, _h) in enumerate(COLUMNS)}
PROMPT = "Click a bar, a point or a figure above to list the projects behind it."


def _value(p: ProjectBrief, key: str) -> Any:
    return {
        "code": p.code,
        "name": p.name,
        "rag": p.rag.severity if p.rag else None,
        "stage": p.stage_position,
        "manager": p.manager,
        "budget": p.budget,
        "finish": p.forecast_finish,
    }[key]


class ProjectListModel(RowsModel[ProjectBrief]):
    def sort_value(self, row: ProjectBrief, column: int) -> Any:
        return _value(row, COLUMNS[column][0])

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        value = _value(p, key)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "rag":
                return ""
            if key == "stage":
                return p.stage
            if key == "budget":
                return money(p.budget)
            if key == "finish":
                return day_text(p.forecast_finish)
            return value
        if role == RAG_ROLE and key == "rag":
            return p.rag
        if role == SORT_ROLE:
            return sort_key(value)
        if role == ID_ROLE:
            return p.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if key == "budget" else CENTRE if key == "rag" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{p.code} {p.name}\nStage {p.stage or 'none'} · manager {p.manager or 'none'}"
                f" · budget {money(p.budget) or 'none'} · finish {day_text(p.forecast_finish)}"
            )
        return None


class DrillDownPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("drillDown")
        self._register_filter: RegisterFilter | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title_label = QLabel("Projects behind a figure", self)
        self.title_label.setProperty("role", "strong")
        self.title_label.setWordWrap(True)
        self.subtitle_label = QLabel(PROMPT, self)
        self.subtitle_label.setObjectName("drillSubtitle")
        self.subtitle_label.setProperty("role", "muted")
        self.subtitle_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        self.model = ProjectListModel(self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("drillTable")
        self.table.setModel(self.proxy)
        setup_table(self.table, "Projects behind the figure", stretch=COLUMN["name"])
        self.table.setItemDelegateForColumn(COLUMN["rag"], RagChipDelegate(self.table))
        for key, width in (("code", 70), ("rag", 40), ("stage", 76), ("finish", 84)):
            self.table.setColumnWidth(COLUMN[key], width)
        for key in ("finish", "manager", "budget"):  # shown in the row's tooltip instead
            self.table.setColumnHidden(COLUMN[key], True)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("&Open project…", self)
        self.open_button.setToolTip("Open the selected project (Enter or double-click)")
        self.register_button = QPushButton("Show in re&gister", self)
        self.register_button.setToolTip("Filter the register the same way and go there")
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.register_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(self.open_current)
        self.register_button.clicked.connect(self.show_in_register)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        enter = QAction("Open project", self.table)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(self.open_current)
        self.table.addAction(enter)
        self._update_buttons()

    def show_projects(
        self,
        title: str,
        project_ids: Sequence[uuid.UUID],
        projects: Mapping[uuid.UUID, ProjectBrief],
        *,
        register_filter: RegisterFilter | None = None,
    ) -> None:
        rows = [projects[i] for i in dict.fromkeys(project_ids) if i in projects]
        self.model.set_rows(list(rows))
        self.table.sortByColumn(COLUMN["code"], Qt.SortOrder.AscendingOrder)
        self.title_label.setText(title)
        count = len(rows)
        self.subtitle_label.setText(
            f"{count} project{'s' if count != 1 else ''}"
            if count
            else "No project behind this figure."
        )
        self._register_filter = register_filter
        if count:
            self.table.selectRow(0)
        self._update_buttons()

    def clear(self) -> None:
        self.model.set_rows([])
        self.title_label.setText("Projects behind a figure")
        self.subtitle_label.setText(PROMPT)
        self._register_filter = None
        self._update_buttons()

    def codes(self) -> list[str]:
        """The codes listed, in view order."""
        column = COLUMN["code"]
        return [str(self.proxy.index(r, column).data()) for r in range(self.proxy.rowCount())]

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.model.rowCount() > 0)
        self.register_button.setEnabled(self._register_filter is not None)

    def open_current(self) -> uuid.UUID | None:
        project_id = current_id(self.table)
        return open_editor(self.ctx, Project, project_id, self) if project_id else None

    def show_in_register(self) -> bool:
        wanted = self._register_filter
        if wanted is None:
            return False
        from pmodesk.gui.shared_filter import shared_filter

        shared_filter(self.ctx).set_filter(wanted)
        show_page = getattr(self.window(), "show_page", None)
        if callable(show_page):
            show_page("register")
        return True


__all__ = ["DrillDownPanel", "ProjectListModel"]
