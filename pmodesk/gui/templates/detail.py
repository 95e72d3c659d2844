"""The right-hand side of the library: one template, its actions, preview, versions and use.

The header names the template and shows its state; the buttons offer what
the state allows (publish a draft, edit = a new version of a published one,
retire, use a project template for a new project). The tabs show the
selected version's content, the version history (select a version to preview
it), and the projects that used the template and the lessons that say it
should change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pmodesk.domain import Lesson, Template
from pmodesk.domain.enums import TemplateKind, TemplateState
from pmodesk.gui.context import AppContext
from pmodesk.gui.templates.library_model import STATE_COLOURS
from pmodesk.gui.templates.preview import template_html
from pmodesk.services.templates.library import KIND_LABELS, TemplateUse

if TYPE_CHECKING:
    from sqlmodel import Session

VERSION_COLUMNS = ("Version", "State", "Published", "By", "What changed")


class TemplateDetail(QWidget):
    """Shows one template (by code); emits what the person asked for."""

    use_requested = Signal(str)
    edit_requested = Signal(str)
    publish_requested = Signal(str, int)
    retire_requested = Signal(str, int)
    duplicate_requested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.code = ""
        self._versions: list[tuple[int, str]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 4, 4)
        self.title = QLabel(self)
        self.title.setObjectName("templateTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.title.setWordWrap(True)
        self.subtitle = QLabel(self)
        self.subtitle.setProperty("role", "muted")
        self.subtitle.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)

        buttons = QHBoxLayout()
        self.use_button = QPushButton("&Use for a new project…", self)
        self.edit_button = QPushButton("&Edit…", self)
        self.publish_button = QPushButton("&Publish", self)
        self.retire_button = QPushButton("Re&tire", self)
        self.duplicate_button = QPushButton("D&uplicate…", self)
        for button in (
            self.use_button,
            self.edit_button,
            self.publish_button,
            self.retire_button,
            self.duplicate_button,
        ):
            name = button.text().replace("&", "").split()[0].strip(".…").lower()
            button.setObjectName(f"{name}Button")
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.use_button.setDefault(True)
        self.use_button.clicked.connect(lambda: self.use_requested.emit(self.code))
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.code))
        self.publish_button.clicked.connect(self._publish)
        self.retire_button.clicked.connect(self._retire)
        self.duplicate_button.clicked.connect(lambda: self.duplicate_requested.emit(self.code))

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("templatePreview")
        self.preview.setOpenExternalLinks(False)
        self.preview.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.versions = QTableWidget(0, len(VERSION_COLUMNS), self)
        self.versions.setObjectName("versionTable")
        self.versions.setHorizontalHeaderLabels(list(VERSION_COLUMNS))
        self.versions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.versions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions.verticalHeader().hide()
        self.versions.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.versions.itemSelectionChanged.connect(self._on_version_selected)
        self.usage = QTextBrowser(self)
        self.usage.setObjectName("templateUsage")
        self.tabs.addTab(self.preview, "Preview")
        self.tabs.addTab(self.versions, "Version history")
        self.tabs.addTab(self.usage, "Used by and lessons")
        layout.addWidget(self.tabs, 1)
        self.show_template("")

    # ------------------------------------------------------------ showing

    def selected_version(self) -> int | None:
        rows = self.versions.selectionModel().selectedRows()
        if not rows:
            return None
        return self._versions[rows[0].row()][0]

    def show_template(self, code: str) -> None:
        """Show ``code`` (empty: nothing selected)."""
        self.code = code
        self.setEnabled(bool(code))
        if not code:
            self.title.setText("No template selected")
            self.subtitle.setText("Choose a template on the left to see its content and history.")
            self.preview.clear()
            self.usage.clear()
            self.versions.setRowCount(0)
            for button in (self.use_button, self.publish_button, self.retire_button):
                button.setVisible(False)
            return
        from pmodesk.services.templates import lessons_for, projects_using, versions_of

        with self._ctx.session() as session:
            versions = versions_of(session, code)
            uses = projects_using(session, code)
            lessons = lessons_for(session, code)
            current = next((v for v in versions if v.state is TemplateState.PUBLISHED), versions[0])
            self._current = current
            latest = versions[0]
            self._versions = [(v.template_version, v.state.value) for v in versions]
            self._fill_versions(versions)
            self.title.setText(current.name)
            colour = STATE_COLOURS[current.state]
            draft = (
                f" · <b>version {latest.template_version} is a draft</b>"
                if latest is not current and latest.state is TemplateState.DRAFT
                else ""
            )
            built_in = " · built in" if current.built_in else ""
            self.subtitle.setText(
                f"{current.code} · {KIND_LABELS[current.kind][0]} · version "
                f"{current.template_version} · <span style='color:{colour}; font-weight:600'>"
                f"{current.state.value.capitalize()}</span>{draft}{built_in}"
            )
            self._show_preview(session, current)
            self.usage.setHtml(_usage_html(uses, lessons))
            self.use_button.setVisible(current.kind is TemplateKind.PROJECT)
            self.use_button.setEnabled(current.state is TemplateState.PUBLISHED)
            self.publish_button.setVisible(latest.state is not TemplateState.PUBLISHED)
            self.publish_button.setText(
                f"&Publish version {latest.template_version}"
                if latest.state is TemplateState.DRAFT
                else f"Re&publish version {latest.template_version}"
            )
            self._publish_version = latest.template_version
            self.retire_button.setVisible(current.state is TemplateState.PUBLISHED)
            self.edit_button.setText(
                "&Edit draft…" if latest.state is TemplateState.DRAFT else "&Edit (new version)…"
            )

    def _show_preview(self, session: Session, template: Template) -> None:
        from pmodesk.services.templates.body import FIELD_TYPES, SOURCES
        from pmodesk.services.templates.library import list_library

        names = {r.code: r.name for r in list_library(session)}
        self.preview.setHtml(
            template_html(
                template.kind.value,
                template.name,
                template.description,
                template.body,
                names=names,
                sources=SOURCES,
                types=FIELD_TYPES,
            )
        )

    def _fill_versions(self, versions: list[Template]) -> None:
        self.versions.blockSignals(True)
        self.versions.setRowCount(len(versions))
        for row, v in enumerate(versions):
            when = v.published_at.strftime("%d %b %Y") if v.published_at else ""
            cells = [
                f"v{v.template_version}",
                v.state.value.capitalize(),
                when,
                v.published_by,
                v.change_note,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setToolTip(text)
                self.versions.setItem(row, column, item)
        self.versions.resizeColumnsToContents()
        self.versions.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.versions.blockSignals(False)

    def _on_version_selected(self) -> None:
        version = self.selected_version()
        if version is None or not self.code:
            return
        from pmodesk.services.templates import get_version

        with self._ctx.session() as session:
            self._show_preview(session, get_version(session, self.code, version))
        self.tabs.setTabText(0, f"Preview (v{version})")

    # ------------------------------------------------------------ actions

    def _publish(self) -> None:
        self.publish_requested.emit(self.code, self._publish_version)

    def _retire(self) -> None:
        self.retire_requested.emit(self.code, self._current.template_version)


def _usage_html(uses: list[TemplateUse], lessons: list[Lesson]) -> str:
    from html import escape

    if uses:
        rows = "".join(
            f"<tr><td>{escape(u.project_code)}</td><td>{escape(u.project_name)}</td>"
            f"<td>version {u.version or '–'}</td></tr>"
            for u in uses
        )
        projects = f"<table cellpadding='3'>{rows}</table>"
    else:
        projects = "<p style='color:#6b7685'>No project was created from this template yet.</p>"
    if lessons:
        items = "".join(
            f"<li><b>{escape(lesson.title)}</b> <span style='color:#6b7685'>({escape(lesson.code)})</span>"
            f"<br/>{escape(lesson.recommendation or lesson.description)}</li>"
            for lesson in lessons
        )
        lessons_html = f"<ul>{items}</ul>"
    else:
        lessons_html = (
            "<p style='color:#6b7685'>No lesson asks for a change to this template. "
            "Link a lesson to it from Benefits &amp; lessons (its template code).</p>"
        )
    return (
        "<h3>Projects that used it</h3>"
        + projects
        + "<h3>Lessons that say it should change</h3>"
        + lessons_html
    )
