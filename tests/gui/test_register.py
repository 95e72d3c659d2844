"""The project register driven through its real widgets: search, filters, sort, edit, archive."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QMessageBox,
    QStyleOptionViewItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pmodesk.domain import Portfolio, Programme, Project, Stage
from pmodesk.gui.commands import CreateRecordCommand
from pmodesk.gui.context import AppContext
from pmodesk.gui.register.columns import COLUMN_INDEX, COLUMNS
from pmodesk.gui.register.delegates import paint_rag_chip
from pmodesk.gui.register.model import RegisterModel
from pmodesk.gui.register.proxy import RegisterProxy
from pmodesk.gui.register.view import HEADER_KEY, RegisterView
from pmodesk.gui.theme import rag_colour
from pmodesk.services import records
from pmodesk.services.register import RegisterFilter

PROJECTS: list[dict[str, Any]] = [
    {
        "code": "PRJ-1",
        "name": "Portail client",
        "manager": "Zoë Ørsted",
        "rag_overall": "red",
        "budget": 120000,
        "forecast_finish": date(2026, 6, 30),
        "tags": "web",
    },
    {
        "code": "PRJ-2",
        "name": "New boiler house",
        "manager": "Ivan Petrov",
        "rag_overall": "amber",
        "budget": 5000,
        "forecast_finish": date(2025, 12, 1),
    },
    {
        "code": "PRJ-10",
        "name": "Data platform",
        "manager": "Amélie Durand",
        "rag_overall": "green",
        "budget": None,
        "forecast_finish": None,
    },
    {
        "code": "PRJ-3",
        "name": "Warehouse robots",
        "manager": "Ivan Petrov",
        "rag_overall": None,
        "budget": 800000,
        "forecast_finish": date(2027, 1, 15),
    },
]


@pytest.fixture
def portfolio(ctx: AppContext) -> dict[str, uuid.UUID]:
    """Two stages, a portfolio with a programme, and four projects."""
    ids: dict[str, uuid.UUID] = {}
    with ctx.session() as session:
        idea = records.create(session, Stage, {"code": "IDEA", "name": "Idea", "position": 0})
        delivery = records.create(
            session, Stage, {"code": "DELIVERY", "name": "Delivery", "position": 3}
        )
        digital = records.create(session, Portfolio, {"code": "PF-DIG", "name": "Digital"})
        crm = records.create(
            session,
            Programme,
            {"code": "PG-CRM", "name": "Customer first", "portfolio_id": digital.id},
        )
        for i, values in enumerate(PROJECTS):
            extra = {"stage_id": (delivery if i % 2 == 0 else idea).id}
            if values["code"] == "PRJ-1":
                extra["programme_id"] = crm.id
            project = records.create(session, Project, values | extra)
            ids[project.code] = project.id
    return ids


@pytest.fixture
def view(ctx: AppContext, portfolio: dict[str, uuid.UUID], qtbot: QtBot) -> RegisterView:
    widget = RegisterView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    return widget


def stored(ctx: AppContext, project_id: uuid.UUID) -> Project:
    with ctx.session() as session:
        return records.get(session, Project, project_id)


def cell(view: RegisterView, code: str, field: str) -> QModelIndex:
    """The proxy index of ``code``'s ``field`` cell."""
    row = view.shown_codes().index(code)
    return view.proxy.index(row, COLUMN_INDEX[field])


def click_header(qtbot: QtBot, view: RegisterView, field: str) -> None:
    header = view.tableView.horizontalHeader()
    section = COLUMN_INDEX[field]
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def open_editor_on(qtbot: QtBot, view: RegisterView, index: QModelIndex) -> Any:
    table = view.tableView
    table.setFocus()
    table.setCurrentIndex(index)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editors = [
        w
        for w in table.viewport().findChildren(QWidget)
        if w.accessibleName().startswith("Edit ") and w.isVisible()
    ]
    assert editors, "no inline editor opened"
    assert QApplication.focusWidget() in (editors[-1], *editors[-1].findChildren(QWidget))
    return editors[-1]


def press_return(qtbot: QtBot, view: RegisterView, editor: QWidget) -> None:
    """Enter in an inline editor: the delegate commits (queued) and closes it."""
    with qtbot.wait_signal(view.delegate.closeEditor):
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def accept_next_message_box(button: QMessageBox.StandardButton) -> list[str]:
    """Click ``button`` on the next modal message box; returns its text once shown."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, click)
    return seen


# ---------------------------------------------------------------- model checks


def test_model_and_proxy_pass_the_model_tester(
    ctx: AppContext, portfolio: dict[str, uuid.UUID], qtmodeltester: Any
) -> None:
    model = RegisterModel(ctx)
    proxy = RegisterProxy()
    proxy.setSourceModel(model)

    qtmodeltester.check(model)
    qtmodeltester.check(proxy)

    assert model.rowCount() == 4
    assert proxy.rowCount() == 4


def test_model_refreshes_only_the_rows_that_changed(
    ctx: AppContext, portfolio: dict[str, uuid.UUID], qtbot: QtBot
) -> None:
    model = RegisterModel(ctx)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))

    with qtbot.wait_signal(model.rowsInserted):
        ctx.push(CreateRecordCommand(ctx, Project, {"code": "PRJ-20", "name": "Intranet"}))
    with qtbot.wait_signal(model.dataChanged) as changed:
        with ctx.session() as session:
            records.update(
                session, records.get(session, Project, portfolio["PRJ-2"]), {"budget": 7}
            )
        ctx.notify({"project"})
    with qtbot.wait_signal(model.rowsRemoved):
        ctx.undo_stack.undo()  # undoes the creation: PRJ-20 is removed again

    assert not resets
    top, bottom = changed.args[:2]
    assert top.row() == bottom.row() == model.row_of(portfolio["PRJ-2"])
    assert sorted(row.code for row in model.rows) == ["PRJ-1", "PRJ-10", "PRJ-2", "PRJ-3"]
    row = model.row_of(portfolio["PRJ-2"])
    assert row is not None
    assert model.row_at(row).budget == 7


# ---------------------------------------------------------------- search and filters


def test_search_box_filters_as_you_type(view: RegisterView, qtbot: QtBot) -> None:
    assert view.countLabel.text() == "4 of 4 projects"

    qtbot.keyClicks(view.searchEdit, "ivan")
    assert view.shown_codes() == ["PRJ-2", "PRJ-3"]
    assert view.countLabel.text() == "2 of 4 projects"

    view.searchEdit.clear()
    qtbot.keyClicks(view.searchEdit, "ZOE ORSTED")  # no accents, other case
    assert view.shown_codes() == ["PRJ-1"]

    view.searchEdit.clear()
    qtbot.keyClicks(view.searchEdit, "customer")  # the programme's name
    assert view.shown_codes() == ["PRJ-1"]
    assert view.filter_state().text == "customer"


def test_filter_menus_narrow_the_rows(view: RegisterView, qtbot: QtBot) -> None:
    rag_menu = view.filter_bar.menus["rags"]
    with qtbot.wait_signal(view.filter_changed) as emitted:
        rag_menu.action("red").trigger()
    assert view.shown_codes() == ["PRJ-1"]
    assert emitted.args[0] == RegisterFilter(rags=frozenset({"red"}))
    assert view.ragButton.text() == "RAG (1)"

    rag_menu.action("").trigger()  # "Not set" as well
    assert view.shown_codes() == ["PRJ-1", "PRJ-3"]

    view.filter_bar.menus["stages"].action("IDEA").trigger()
    assert view.shown_codes() == ["PRJ-3"]

    qtbot.mouseClick(view.clearFiltersButton, Qt.MouseButton.LeftButton)
    assert view.shown_codes() == ["PRJ-1", "PRJ-2", "PRJ-3", "PRJ-10"]
    assert view.filter_state().is_empty

    view.filter_bar.menus["managers"].action("Ivan Petrov").trigger()
    view.filter_bar.menus["programmes"].action("").trigger()
    assert view.shown_codes() == ["PRJ-2", "PRJ-3"]


def test_set_filter_state_updates_the_widgets(view: RegisterView) -> None:
    wanted = RegisterFilter(text="data", rags=frozenset({"green"}))
    view.set_filter_state(wanted)

    assert view.searchEdit.text() == "data"
    assert view.filter_bar.menus["rags"].selected() == frozenset({"green"})
    assert view.filter_state() == wanted
    assert view.shown_codes() == ["PRJ-10"]


# ---------------------------------------------------------------- sorting


def test_header_click_sorts_numbers_and_dates_with_empty_last(
    view: RegisterView, qtbot: QtBot
) -> None:
    assert view.shown_codes() == ["PRJ-1", "PRJ-2", "PRJ-3", "PRJ-10"]  # natural code order

    click_header(qtbot, view, "budget")
    assert view.shown_codes() == ["PRJ-2", "PRJ-1", "PRJ-3", "PRJ-10"]
    click_header(qtbot, view, "budget")
    assert view.shown_codes() == ["PRJ-3", "PRJ-1", "PRJ-2", "PRJ-10"]

    click_header(qtbot, view, "forecast_finish")
    assert view.shown_codes() == ["PRJ-2", "PRJ-1", "PRJ-3", "PRJ-10"]

    click_header(qtbot, view, "rag_overall")  # green, amber, red, not set
    assert view.shown_codes() == ["PRJ-10", "PRJ-2", "PRJ-1", "PRJ-3"]

    header = view.tableView.horizontalHeader()
    assert header.sortIndicatorSection() == COLUMN_INDEX["rag_overall"]


# ---------------------------------------------------------------- inline edits and undo


def test_inline_edit_of_budget_lands_in_the_store_and_undoes(
    view: RegisterView, ctx: AppContext, portfolio: dict[str, uuid.UUID], qtbot: QtBot
) -> None:
    project_id = portfolio["PRJ-2"]
    editor = open_editor_on(qtbot, view, cell(view, "PRJ-2", "budget"))
    assert isinstance(editor, QDoubleSpinBox)
    assert editor.value() == 5000

    editor.selectAll()
    qtbot.keyClicks(editor, "7500")
    press_return(qtbot, view, editor)

    assert cell(view, "PRJ-2", "budget").data() == "7,500"
    assert stored(ctx, project_id).budget == 7500
    assert ctx.undo_stack.count() == 1

    ctx.undo_stack.undo()
    assert stored(ctx, project_id).budget == 5000
    assert cell(view, "PRJ-2", "budget").data() == "5,000"

    ctx.undo_stack.redo()
    assert stored(ctx, project_id).budget == 7500
    assert cell(view, "PRJ-2", "budget").data() == "7,500"


def test_inline_edit_of_state_and_rag_with_combo_boxes(
    view: RegisterView, ctx: AppContext, portfolio: dict[str, uuid.UUID], qtbot: QtBot
) -> None:
    combo = open_editor_on(qtbot, view, cell(view, "PRJ-3", "state"))
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("on_hold"))
    press_return(qtbot, view, combo)
    assert cell(view, "PRJ-3", "state").data() == "On hold"
    assert stored(ctx, portfolio["PRJ-3"]).state.value == "on_hold"

    combo = open_editor_on(qtbot, view, cell(view, "PRJ-3", "rag_overall"))
    combo.setCurrentIndex(combo.findData("red"))
    press_return(qtbot, view, combo)
    assert stored(ctx, portfolio["PRJ-3"]).rag_overall is not None
    assert cell(view, "PRJ-3", "rag_overall").data() == "Red"

    ctx.undo_stack.undo()
    assert stored(ctx, portfolio["PRJ-3"]).rag_overall is None
    assert cell(view, "PRJ-3", "rag_overall").data() == ""


def test_refused_edit_shows_the_service_sentence_and_keeps_the_value(
    view: RegisterView, ctx: AppContext, portfolio: dict[str, uuid.UUID], qtbot: QtBot
) -> None:
    editor = open_editor_on(qtbot, view, cell(view, "PRJ-1", "budget"))
    editor.selectAll()
    qtbot.keyClicks(editor, "-5")
    with qtbot.wait_signal(view.status_message) as message:
        press_return(qtbot, view, editor)

    assert "cannot be negative" in message.args[0]
    assert view.messageLabel.isVisible()
    assert "budget cannot be negative" in view.messageLabel.text()
    assert cell(view, "PRJ-1", "budget").data() == "120,000"
    assert stored(ctx, portfolio["PRJ-1"]).budget == 120000
    assert ctx.undo_stack.count() == 0


def test_leaving_an_untouched_editor_changes_nothing(
    view: RegisterView, ctx: AppContext, portfolio: dict[str, uuid.UUID], qtbot: QtBot
) -> None:
    editor = open_editor_on(qtbot, view, cell(view, "PRJ-10", "budget"))  # budget not set
    press_return(qtbot, view, editor)

    assert stored(ctx, portfolio["PRJ-10"]).budget is None
    assert ctx.undo_stack.count() == 0


# ---------------------------------------------------------------- archive and restore


def select_codes(view: RegisterView, codes: list[str]) -> None:
    table = view.tableView
    table.clearSelection()
    for code in codes:
        index = cell(view, code, "code")
        table.selectionModel().select(
            index,
            table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows,
        )
        table.selectionModel().setCurrentIndex(index, table.selectionModel().SelectionFlag.NoUpdate)


def test_archive_with_delete_key_undo_and_restore(
    view: RegisterView, ctx: AppContext, portfolio: dict[str, uuid.UUID], qtbot: QtBot
) -> None:
    select_codes(view, ["PRJ-2", "PRJ-3"])
    assert view.selected_project_ids() == [portfolio["PRJ-2"], portfolio["PRJ-3"]]

    seen = accept_next_message_box(QMessageBox.StandardButton.Yes)
    view.tableView.setFocus()
    qtbot.keyClick(view.tableView, Qt.Key.Key_Delete)

    assert seen
    assert "PRJ-2, PRJ-3" in seen[0]
    assert view.shown_codes() == ["PRJ-1", "PRJ-10"]
    assert view.countLabel.text() == "2 of 2 projects"
    assert stored(ctx, portfolio["PRJ-2"]).archived_at is not None

    ctx.undo_stack.undo()
    assert view.shown_codes() == ["PRJ-1", "PRJ-2", "PRJ-3", "PRJ-10"]
    assert stored(ctx, portfolio["PRJ-3"]).archived_at is None

    ctx.undo_stack.redo()
    assert view.shown_codes() == ["PRJ-1", "PRJ-10"]
    qtbot.mouseClick(view.showArchivedCheck, Qt.MouseButton.LeftButton)
    assert view.showArchivedCheck.isChecked()
    assert view.shown_codes() == ["PRJ-1", "PRJ-2", "PRJ-3", "PRJ-10"]
    assert cell(view, "PRJ-2", "code").data(Qt.ItemDataRole.FontRole).italic()
    assert not (cell(view, "PRJ-2", "budget").flags() & Qt.ItemFlag.ItemIsEditable)

    select_codes(view, ["PRJ-3"])
    assert view.restore_action.isEnabled()
    view.restore_action.trigger()
    assert stored(ctx, portfolio["PRJ-3"]).archived_at is None
    assert stored(ctx, portfolio["PRJ-2"]).archived_at is not None

    qtbot.mouseClick(view.showArchivedCheck, Qt.MouseButton.LeftButton)
    assert view.shown_codes() == ["PRJ-1", "PRJ-3", "PRJ-10"]


def test_archive_cancelled_changes_nothing(
    view: RegisterView, ctx: AppContext, portfolio: dict[str, uuid.UUID], qtbot: QtBot
) -> None:
    select_codes(view, ["PRJ-1"])
    accept_next_message_box(QMessageBox.StandardButton.Cancel)
    view.archive_action.trigger()

    assert view.shown_codes() == ["PRJ-1", "PRJ-2", "PRJ-3", "PRJ-10"]
    assert stored(ctx, portfolio["PRJ-1"]).archived_at is None
    assert ctx.undo_stack.count() == 0


# ---------------------------------------------------------------- other actions


def test_copy_puts_selected_rows_as_tsv_on_the_clipboard(view: RegisterView, qtbot: QtBot) -> None:
    select_codes(view, ["PRJ-1", "PRJ-2"])
    view.tableView.setFocus()
    qtbot.keyClick(view.tableView, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)

    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:3] == ["Code", "Name", "Programme"]
    assert lines[1].split("\t")[:2] == ["PRJ-1", "Portail client"]
    assert lines[2].split("\t")[:2] == ["PRJ-2", "New boiler house"]
    assert len(lines) == 3


def test_enter_and_double_click_open_the_project(
    view: RegisterView,
    portfolio: dict[str, uuid.UUID],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[uuid.UUID | None] = []

    def fake_open_editor(
        ctx: AppContext, model: type, record_id: uuid.UUID | None = None, parent: object = None
    ) -> uuid.UUID | None:
        assert model is Project
        opened.append(record_id)
        return record_id

    import pmodesk.gui.editors

    monkeypatch.setattr(pmodesk.gui.editors, "open_editor", fake_open_editor)
    view.tableView.setFocus()
    view.tableView.setCurrentIndex(cell(view, "PRJ-2", "name"))
    with qtbot.wait_signal(view.project_activated) as activated:
        qtbot.keyClick(view.tableView, Qt.Key.Key_Return)
    assert activated.args == [portfolio["PRJ-2"]]

    index = cell(view, "PRJ-3", "name")
    rect = view.tableView.visualRect(index)
    viewport = view.tableView.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())

    assert opened == [portfolio["PRJ-2"], portfolio["PRJ-3"]]


def test_ctrl_f_focuses_the_search_box(view: RegisterView, qtbot: QtBot) -> None:
    view.activateWindow()
    view.tableView.setFocus()
    qtbot.keyClick(view.tableView, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.searchEdit.hasFocus()


# ---------------------------------------------------------------- column layout


def test_column_layout_persists_between_views(
    ctx: AppContext, portfolio: dict[str, uuid.UUID], qtbot: QtBot
) -> None:
    first = RegisterView(ctx)
    qtbot.addWidget(first)
    header = first.tableView.horizontalHeader()
    menu = first.header_menu()
    manager_action = next(a for a in menu.actions() if a.text() == "Manager")
    manager_action.trigger()  # hide
    header.moveSection(header.visualIndex(COLUMN_INDEX["budget"]), 0)
    header.resizeSection(COLUMN_INDEX["name"], 333)
    first.tableView.sortByColumn(COLUMN_INDEX["budget"], Qt.SortOrder.DescendingOrder)
    assert ctx.settings.value(HEADER_KEY) is not None
    first.close()

    second = RegisterView(ctx)
    qtbot.addWidget(second)
    header2 = second.tableView.horizontalHeader()
    assert header2.isSectionHidden(COLUMN_INDEX["manager"])
    assert header2.logicalIndex(0) == COLUMN_INDEX["budget"]
    assert header2.sectionSize(COLUMN_INDEX["name"]) == 333
    assert header2.sortIndicatorSection() == COLUMN_INDEX["budget"]
    assert second.shown_codes() == ["PRJ-3", "PRJ-1", "PRJ-2", "PRJ-10"]
    assert not header2.isSectionHidden(COLUMN_INDEX["name"])
    hidden_by_default = [c.field for c in COLUMNS if c.hidden]
    assert all(header2.isSectionHidden(COLUMN_INDEX[f]) for f in hidden_by_default)


# ---------------------------------------------------------------- painting


def test_rag_chip_is_painted_in_its_colour_with_its_letter(qapp: QApplication) -> None:
    from pmodesk.domain.enums import Rag

    image = QImage(60, 30, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_rag_chip(painter, QRectF(0, 0, 60, 30), Rag.RED)
    painter.end()

    colours = {image.pixelColor(x, y).name() for x in range(60) for y in range(30)}
    assert rag_colour(Rag.RED).name() in colours
    assert "#ffffff" in colours  # the letter (and the margin) stay white


def test_delegate_paints_the_chip_of_a_register_cell(view: RegisterView) -> None:
    index = cell(view, "PRJ-1", "rag_overall")
    size = view.tableView.visualRect(index).size()
    picture = QImage(size, QImage.Format.Format_ARGB32)
    picture.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.rect = picture.rect()
    painter = QPainter(picture)
    view.delegate.paint(painter, option, index)
    painter.end()

    colours = {
        picture.pixelColor(x, y).name()
        for x in range(picture.width())
        for y in range(picture.height())
    }
    assert rag_colour("red").name() in colours
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Overall RAG: Red"
