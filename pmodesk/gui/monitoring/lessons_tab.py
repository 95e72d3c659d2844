"""The lessons-learned repository: search by text, project, category, stage and tags; suggestions.

Every filter narrows at once (the search runs a moment after typing stops).
*Suggest for* lists the lessons of other projects that fit a project's type
(its template, department, tags and the words of its description), each with
why it was offered. New, Edit and Archive go through the record editor and
the undo stack.
"""

from __future__ import annotations

import html
import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain import Lesson
from pmodesk.gui.context import AppContext
from pmodesk.gui.monitoring.common import (
    ID_ROLE,
    SORT_ROLE,
    AnyIndex,
    SortProxy,
    as_uuid,
    current_id,
    day_text,
    select_id,
    setup_table,
    sort_key,
)
from pmodesk.gui.monitoring.reloading import RecordTab
from pmodesk.services import lookups
from pmodesk.services.monitoring.lessons import (
    LessonHit,
    LessonQuery,
    lesson_facets,
    lessons_for_project,
    search_lessons,
    split_tags,
)

TABLES = frozenset({"lesson", "project"})
COLUMNS = (
    ("code", "Code"),
    ("title", "Lesson"),
    ("category", "Category"),
    ("stage", "Stage"),
    ("tags", "Tags"),
    ("project", "Project"),
    ("recorded", "Recorded"),
    ("why", "Why offered"),
)
COLUMN = {key: n for n, (key, _h) in enumerate(COLUMNS)}


class LessonModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[LessonHit, str]] = []

    def set_rows(self, rows: list[tuple[LessonHit, str]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def hit(self, lesson_id: uuid.UUID) -> tuple[LessonHit, str] | None:
        return next((r for r in self._rows if r[0].id == lesson_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit, why = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        value = {
            "code": hit.code,
            "title": hit.title,
            "category": hit.category,
            "stage": hit.stage_code,
            "tags": hit.tags_text,
            "project": hit.project_code,
            "recorded": hit.recorded_on,
            "why": why,
        }[key]
        if role == Qt.ItemDataRole.DisplayRole:
            return day_text(hit.recorded_on) if key == "recorded" else value
        if role == SORT_ROLE:
            return sort_key(value)
        if role == ID_ROLE:
            return hit.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "project":
                return (
                    f"{hit.project_code} {hit.project_name}" if hit.project_code else "No project"
                )
            if key == "title":
                return hit.recommendation or hit.title
            return value if key in ("why", "tags") else None
        return None


class LessonsTab(RecordTab):
    watched_tables = TABLES
    record_model = Lesson
    record_label = "lesson"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("lessonsTab")
        self._stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(180)
        self._timer.timeout.connect(self.run_search)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("lessonSearch")
        self.search.setPlaceholderText("Search lessons (every word, anywhere)…")
        self.search.setAccessibleName("Search lessons")
        self.search.setClearButtonEnabled(True)
        self.project_combo = self._combo("Project", 18)
        self.category_combo = self._combo("Category", 12)
        self.stage_combo = self._combo("Stage", 10)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setObjectName("tagsFilter")
        self.tags_edit.setPlaceholderText("Tags, comma-separated")
        self.tags_edit.setAccessibleName("Tags")
        self.tags_edit.setClearButtonEnabled(True)
        row.addWidget(self.search, 2)
        for widget in (self.project_combo, self.category_combo, self.stage_combo):
            row.addWidget(widget)
        row.addWidget(self.tags_edit, 1)
        layout.addLayout(row)
        second = QHBoxLayout()
        suggest_label = QLabel("S&uggest for:", self)
        self.suggest_combo = self._combo("Suggest lessons for a project", 24)
        suggest_label.setBuddy(self.suggest_combo)
        self.new_button = QPushButton("&New lesson…", self)
        self.edit_button = QPushButton("Ed&it…", self)
        self.archive_button = QPushButton("&Archive…", self)
        self.count_label = QLabel(self)
        self.count_label.setProperty("role", "muted")
        second.addWidget(suggest_label)
        second.addWidget(self.suggest_combo)
        for button in (self.new_button, self.edit_button, self.archive_button):
            second.addWidget(button)
        second.addStretch(1)
        second.addWidget(self.count_label)
        layout.addLayout(second)

        self.model = LessonModel(self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("lessonTable")
        self.table.setModel(self.proxy)
        setup_table(self.table, "Lessons learned", stretch=COLUMN["title"])
        for key, width in (
            ("code", 110),
            ("category", 110),
            ("stage", 86),
            ("tags", 150),
            ("project", 76),
            ("recorded", 90),
        ):
            self.table.setColumnWidth(COLUMN[key], width)
        self.table.sortByColumn(COLUMN["recorded"], Qt.SortOrder.DescendingOrder)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("lessonDetail")
        self.detail.setAccessibleName("The selected lesson")
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([960, 380])
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.tags_edit.textChanged.connect(lambda _t: self._timer.start())
        for combo in (
            self.project_combo,
            self.category_combo,
            self.stage_combo,
            self.suggest_combo,
        ):
            combo.currentIndexChanged.connect(lambda _i: self.run_search())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_detail())
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_current)
        self.archive_button.clicked.connect(self.archive_current)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(self._on_workspace_changed)

    def _combo(self, name: str, width: int) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setMinimumContentsLength(width)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        if not self.ctx.has_workspace:
            return
        with self.ctx.session() as session:
            facets = lesson_facets(session)
            projects = lookups.projects(session)
        choices = [(c.label, str(c.id)) for c in projects]
        self._fill(self.project_combo, "Every project", choices)
        self._fill(self.suggest_combo, "— search the repository —", choices)
        self._fill(self.category_combo, "Every category", [(c, c) for c in facets.categories])
        self._fill(self.stage_combo, "Every stage", [(s, s) for s in facets.stages])
        completer = QCompleter(list(facets.tags), self.tags_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags_edit.setCompleter(completer)
        self._stale = False
        self.run_search()

    def _fill(self, combo: QComboBox, first: str, items: list[tuple[str, Any]]) -> None:
        current = combo.currentData()
        blocked = combo.blockSignals(True)
        combo.clear()
        combo.addItem(first, None)
        for label, data in items:
            combo.addItem(label, data)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(blocked)

    def query(self) -> LessonQuery:
        return LessonQuery(
            text=self.search.text(),
            project_id=as_uuid(self.project_combo.currentData()),
            category=self.category_combo.currentData() or "",
            stage_code=self.stage_combo.currentData() or "",
            tags=split_tags(self.tags_edit.text()),
        )

    def run_search(self) -> None:
        if not self.ctx.has_workspace:
            return
        kept = current_id(self.table)
        suggest_for = as_uuid(self.suggest_combo.currentData())
        with self.ctx.session() as session:
            if isinstance(suggest_for, uuid.UUID):
                rows = [
                    (s.lesson, "; ".join(s.reasons))
                    for s in lessons_for_project(session, suggest_for, limit=25)
                ]
            else:
                rows = [(hit, "") for hit in search_lessons(session, self.query())]
        suggesting = isinstance(suggest_for, uuid.UUID)
        for widget in (
            self.search,
            self.project_combo,
            self.category_combo,
            self.stage_combo,
            self.tags_edit,
        ):
            widget.setEnabled(not suggesting)
        self.table.setColumnHidden(COLUMN["why"], not suggesting)
        self.model.set_rows(rows)
        if suggesting:
            self.proxy.sort(-1)  # best fit first, as the service ranks them
        elif self.proxy.sortColumn() < 0:
            self.table.sortByColumn(COLUMN["recorded"], Qt.SortOrder.DescendingOrder)
        total = len(rows)
        self.count_label.setText(
            f"{total} lesson{'s' if total != 1 else ''} "
            + ("fit this project" if suggesting else "found")
        )
        if kept is None or not select_id(self.table, kept):
            self.table.selectRow(0)
        self._show_detail()

    def shown_codes(self) -> list[str]:
        column = COLUMN["code"]
        return [str(self.proxy.index(r, column).data()) for r in range(self.proxy.rowCount())]

    def _show_detail(self) -> None:
        lesson_id = current_id(self.table)
        found = self.model.hit(lesson_id) if lesson_id else None
        self.edit_button.setEnabled(found is not None)
        self.archive_button.setEnabled(found is not None)
        if found is None:
            self.detail.setHtml("<p>No lesson matches. Loosen a filter or search other words.</p>")
            return
        hit, why = found
        meta = " · ".join(
            part
            for part in (
                hit.category,
                f"stage {hit.stage_code}" if hit.stage_code else "",
                f"{hit.project_code} {hit.project_name}" if hit.project_code else "",
                day_text(hit.recorded_on),
            )
            if part
        )
        parts = [
            f"<h3>{html.escape(hit.title)}</h3><p style='color:#6b7480'>{html.escape(meta)}</p>"
        ]
        if why:
            parts.append(f"<p><b>Offered because:</b> {html.escape(why)}</p>")
        for title, text in (
            ("What happened", hit.description),
            ("Recommendation", hit.recommendation),
        ):
            parts.append(f"<h4>{title}</h4><p>{html.escape(text) or '—'}</p>")
        if hit.tags_text:
            parts.append(f"<p style='color:#6b7480'>Tags: {html.escape(hit.tags_text)}</p>")
        self.detail.setHtml("".join(parts))

    # ------------------------------------------------------------------ actions

    def new_defaults(self) -> dict[str, Any]:
        project = as_uuid(self.project_combo.currentData())
        return {"project_id": project} if project else {}


__all__ = ["LessonsTab"]
