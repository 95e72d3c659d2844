"""Compliance: how far each project follows its templates, and the portfolio's score.

A sortable, searchable table of projects (score, gate items met, documents
complete) beside the selected project's gates and documents. A document that
is due but missing can be produced here, and any document opened in the
editor (double-click or Enter).
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmodesk.errors import DomainError
from pmodesk.gui.context import AppContext
from pmodesk.gui.theme import RAG_COLOURS
from pmodesk.services.templates.compliance import (
    ATTENTION_BELOW,
    PortfolioCompliance,
    ProjectCompliance,
)

COLUMNS = ("Code", "Project", "Stage", "Template", "Score", "Gate items", "Documents")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_TEXT = {"complete": "Complete", "draft": "Draft", "missing": "Not produced"}
_WATCHED = frozenset(
    {"project", "project_checklist_item", "project_document", "template", "gate_checklist_item"}
)


def score_colour(score: float | None) -> QColor:
    if score is None:
        return QColor("#8a94a3")
    if score >= ATTENTION_BELOW:
        return QColor(RAG_COLOURS["green"])
    return QColor(RAG_COLOURS["amber"] if score >= 60 else RAG_COLOURS["red"])


def _item(text: str, sort: object = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(sort if sort is not None else text.casefold(), SORT_ROLE)
    return item


class ComplianceView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.result: PortfolioCompliance | None = None
        self.current: ProjectCompliance | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        top = QHBoxLayout()
        self.score_label = QLabel(self)
        self.score_label.setObjectName("portfolioScoreLabel")
        self.score_label.setTextFormat(Qt.TextFormat.RichText)
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText("Search projects")
        self.search_edit.setClearButtonEnabled(True)
        self.attention_check = QCheckBox(f"Only below {ATTENTION_BELOW:.0f}%", self)
        top.addWidget(self.search_edit)
        top.addWidget(self.attention_check)
        top.addSpacing(12)
        top.addWidget(self.score_label, 1)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView(splitter)
        self.table.setObjectName("complianceTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        side = QWidget(splitter)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 0, 0, 0)
        self.project_label = QLabel(side)
        self.project_label.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.project_label.setWordWrap(True)
        self.standard_label = QLabel(side)
        self.standard_label.setProperty("role", "muted")
        self.standard_label.setWordWrap(True)
        self.gates = QTableWidget(0, 4, side)
        self.gates.setObjectName("gateTable")
        self.gates.setHorizontalHeaderLabels(
            ["Gate of stage", "Done", "Waived", "Required missing"]
        )
        self.documents = QTableWidget(0, 3, side)
        self.documents.setObjectName("documentTable")
        self.documents.setHorizontalHeaderLabels(["Document", "Due when leaving", "State"])
        for table in (self.gates, self.documents):
            table.verticalHeader().hide()
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        buttons = QHBoxLayout()
        self.produce_button = QPushButton("&Produce", side)
        self.produce_button.setObjectName("produceButton")
        self.open_button = QPushButton("&Open…", side)
        self.open_button.setObjectName("openDocumentButton")
        buttons.addWidget(self.produce_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        side_layout.addWidget(self.project_label)
        side_layout.addWidget(self.standard_label)
        side_layout.addWidget(QLabel("<b>Gate checklists</b>", side))
        side_layout.addWidget(self.gates, 2)
        side_layout.addWidget(QLabel("<b>Documents</b>", side))
        side_layout.addWidget(self.documents, 3)
        side_layout.addLayout(buttons)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self.search_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.attention_check.toggled.connect(lambda _on: self.reload())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.documents.itemSelectionChanged.connect(self._update_buttons)
        self.documents.itemActivated.connect(lambda _item: self._open_or_produce())
        self.produce_button.clicked.connect(self._produce)
        self.open_button.clicked.connect(self._open)
        ctx.data_changed.connect(self._on_data_changed)
        ctx.workspace_changed.connect(self.reload)
        self._loaded = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._loaded:
            self.reload()
        super().showEvent(event)

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        from sqlmodel import col, select

        from pmodesk.domain import Project
        from pmodesk.services.templates import portfolio_compliance

        self._loaded = True
        keep = self.current.project_id if self.current is not None else None
        with self._ctx.session() as session:
            ids = session.exec(select(Project.id).where(col(Project.archived_at).is_(None))).all()
            self.result = portfolio_compliance(session, ids)
        shown = [
            p
            for p in self.result.projects
            if not self.attention_check.isChecked() or p.needs_attention
        ]
        self.model.removeRows(0, self.model.rowCount())
        for p in shown:
            self.model.appendRow(self._row(p))
        score = self.result.score
        attention = len(self.result.needing_attention)
        self.score_label.setText(
            f"Portfolio compliance <b style='color:{score_colour(score).name()}'>"
            f"{'–' if score is None else f'{score:.1f}%'}</b> &nbsp;·&nbsp; average per project "
            f"{'–' if self.result.average is None else f'{self.result.average:.1f}%'}"
            f" &nbsp;·&nbsp; {attention} project{'s' if attention != 1 else ''} below "
            f"{ATTENTION_BELOW:.0f}%"
        )
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.select_project(keep)

    def _row(self, p: ProjectCompliance) -> list[QStandardItem]:
        # Nothing due yet sorts after every score, so the worst projects come first.
        order = p.score if p.score is not None else 1000.0
        score = _item("–" if p.score is None else f"{p.score:.0f}%", order)
        score.setForeground(QBrush(score_colour(p.score)))
        bold = QFont()
        bold.setBold(True)
        score.setFont(bold)
        score.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        complete = sum(1 for d in p.documents if d.due and d.state == "complete")
        template = p.template_code + (f" v{p.template_version}" if p.template_version else "")
        row = [
            _item(p.project_code),
            _item(p.project_name),
            _item(p.stage_name),
            _item(template),
            score,
            _item(f"{p.items_met} of {p.items_due}", p.items_due - p.items_met),
            _item(f"{complete} of {p.documents_due}", p.documents_due - complete),
        ]
        row[1].setToolTip(p.summary)
        for item in row:
            item.setData(str(p.project_id), ID_ROLE)
        return row

    def select_project(self, project_id: uuid.UUID | None) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if project_id is None or index.data(ID_ROLE) == str(project_id):
                self.table.setCurrentIndex(index)
                self._show_current()
                return
        self.current = None
        self._show_current()

    def _on_data_changed(self, tables: frozenset[str]) -> None:
        if self._loaded and tables & _WATCHED:
            self.reload()

    # ------------------------------------------------------------ the selected project

    def _show_current(self) -> None:
        index = self.table.currentIndex()
        wanted = index.data(ID_ROLE) if index.isValid() else None
        projects = self.result.projects if self.result is not None else []
        self.current = next((p for p in projects if str(p.project_id) == wanted), None)
        p = self.current
        self.gates.setRowCount(0)
        self.documents.setRowCount(0)
        if p is None:
            self.project_label.setText("No project selected")
            self.standard_label.setText("")
            self._update_buttons()
            return
        self.project_label.setText(f"{p.project_code} · {p.project_name}")
        self.standard_label.setText(
            f"Measured against {p.template_name}"
            + (f" (version {p.template_version})" if p.template_version else "")
            + f". {p.summary}."
        )
        self.gates.setRowCount(len(p.gates))
        for row, gate in enumerate(p.gates):
            name = gate.stage_name + ("  (working towards it)" if gate.current else "")
            cells = [
                name,
                f"{gate.done} of {gate.items}",
                str(gate.waived),
                str(gate.missing_required),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3 and gate.missing_required and gate.passed:
                    item.setForeground(QBrush(QColor(RAG_COLOURS["red"])))
                self.gates.setItem(row, column, item)
        self.documents.setRowCount(len(p.documents))
        for row, document in enumerate(p.documents):
            state = STATE_TEXT[document.state] + ("" if document.due else "  (not due yet)")
            cells = [document.name, document.due_stage_name, state]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2 and document.due and document.state != "complete":
                    item.setForeground(
                        QBrush(
                            QColor(RAG_COLOURS["red"] if document.state == "missing" else "#b26a00")
                        )
                    )
                self.documents.setItem(row, column, item)
        self.gates.resizeColumnsToContents()
        self.gates.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.documents.resizeColumnsToContents()
        self.documents.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._update_buttons()

    def _selected_document(self) -> int | None:
        rows = self.documents.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_buttons(self) -> None:
        row = self._selected_document()
        document = (
            self.current.documents[row] if self.current is not None and row is not None else None
        )
        self.produce_button.setEnabled(document is not None and document.document_id is None)
        self.open_button.setEnabled(document is not None and document.document_id is not None)

    def _open_or_produce(self) -> None:
        if self.open_button.isEnabled():
            self._open()
        elif self.produce_button.isEnabled():
            self._produce()

    def _produce(self) -> None:
        from pmodesk.gui.templates.commands import ProduceDocumentCommand

        row = self._selected_document()
        if self.current is None or row is None:
            return
        document = self.current.documents[row]
        command = ProduceDocumentCommand(self._ctx, self.current.project_id, document.template_code)
        try:
            self._ctx.push(command)
        except DomainError as error:
            from pmodesk.gui.dialogs.errors import show_domain_error

            show_domain_error(self, error, "Produce document")
            return
        if command.document_id is not None:
            self.open_document(command.document_id)

    def _open(self) -> None:
        row = self._selected_document()
        if self.current is None or row is None:
            return
        document_id = self.current.documents[row].document_id
        if document_id is not None:
            self.open_document(document_id)

    def open_document(self, document_id: uuid.UUID) -> None:
        from pmodesk.gui.templates.document_editor import DocumentEditorDialog

        DocumentEditorDialog(self._ctx, document_id, self).exec()
