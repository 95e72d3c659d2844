"""The portfolio board through its real widgets: cards, filters, swimlanes, drags through gates."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from pmodesk.domain import (
    AuditEvent,
    Decision,
    GateChecklistItem,
    Programme,
    Project,
    ProjectChecklistItem,
    Stage,
)
from pmodesk.domain.enums import ChecklistStatus, ProjectState, Rag
from pmodesk.gui.board.gate_dialog import GateDialog
from pmodesk.gui.board.model import BoardModel
from pmodesk.gui.board.page import BoardPage
from pmodesk.gui.context import AppContext
from pmodesk.gui.shared_filter import shared_filter
from pmodesk.services import records
from pmodesk.services.board import Swimlanes
from pmodesk.services.settings import GATE_MODE, set_setting
from pmodesk.services.setup import prepare_session


@pytest.fixture
def world(ctx: AppContext) -> dict[str, uuid.UUID]:
    """Two programmes, five projects: three in Idea, one in Assessment, one in Delivery."""
    with ctx.session() as session:
        prepare_session(session)
        stage = {s.code: s.id for s in session.exec(select(Stage))}
        cloud = records.create(session, Programme, {"code": "PGM-1", "name": "Cloud First"})
        finance = records.create(session, Programme, {"code": "PGM-2", "name": "Finance"})
        ids: dict[str, uuid.UUID] = dict(stage)
        for code, name, stage_code, programme, budget, rag in (
            ("PRJ-001", "Data centre exit", "IDEA", cloud.id, 100_000, Rag.GREEN),
            ("PRJ-002", "Zoë's payroll", "IDEA", finance.id, 200_000, Rag.AMBER),
            ("PRJ-003", "Idea box", "IDEA", None, None, None),
            ("PRJ-004", "Treasury system", "ASSESS", finance.id, 300_000, Rag.RED),
            ("PRJ-005", "Office move", "DELIVERY", cloud.id, 400_000, Rag.GREEN),
        ):
            project = records.create(
                session,
                Project,
                {
                    "code": code,
                    "name": name,
                    "manager": "Zoë Ørsted" if code == "PRJ-002" else "Li Wei",
                    "stage_id": stage[stage_code],
                    "programme_id": programme,
                    "budget": budget,
                    "rag_overall": rag,
                    "planned_finish": date(2027, 6, 30),
                },
            )
            ids[code] = project.id
    return ids


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, world: dict[str, uuid.UUID]) -> Iterator[BoardPage]:
    board = BoardPage(ctx)
    qtbot.addWidget(board)
    board.resize(1500, 800)
    board.show()
    qtbot.waitExposed(board)
    yield board
    board.close()


def _gate_mode(ctx: AppContext, mode: str) -> None:
    with ctx.session() as session:
        set_setting(session, GATE_MODE, mode)
    ctx.notify({"workspace_setting"})


def _stage_of(ctx: AppContext, project_id: uuid.UUID) -> uuid.UUID | None:
    with ctx.session() as session:
        return records.get(session, Project, project_id).stage_id


def _stage_events(ctx: AppContext, project_id: uuid.UUID) -> list[AuditEvent]:
    with ctx.session() as session:
        events = list(
            session.exec(
                select(AuditEvent)
                .where(AuditEvent.entity_id == project_id, AuditEvent.field == "stage_id")
                .order_by(col(AuditEvent.at))
            )
        )
        session.expunge_all()
        return events


def _column_point(page: BoardPage, stage_code: str) -> QPoint:
    model = page.model
    column = next(n for n, c in enumerate(model.columns) if c.code == stage_code)
    header = page.view.column_header_rect(column)
    return QPoint(header.center().x(), page.view.header_height() + 300)


def _card_point(page: BoardPage, project_id: uuid.UUID) -> QPoint:
    rect = page.view.visualRect(page.model.index_of(project_id))
    assert rect.isValid()
    return rect.center()


def _on_modal(qtbot: QtBot, kind: type[QWidget], action: Callable[[Any], None]) -> list[Any]:
    """Run ``action(dialog)`` once a modal ``kind`` shows (it blocks the caller); returns seen."""
    seen: list[Any] = []

    def poll(attempts: int = 200) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            seen.append(dialog)
            action(dialog)
        elif attempts:
            QTimer.singleShot(20, lambda: poll(attempts - 1))
        else:  # never showed: leave nothing blocking
            pytest.fail(f"no {kind.__name__} appeared")

    QTimer.singleShot(0, poll)
    return seen


def _drag(qtbot: QtBot, page: BoardPage, project_id: uuid.UUID, stage_code: str) -> None:
    """Drag the card onto the stage's column with real mouse events."""
    viewport = page.view.viewport()
    start = _card_point(page, project_id)
    end = _column_point(page, stage_code)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(12, 4))
    assert page.view.is_dragging()
    qtbot.mouseMove(viewport, (start + end) / 2)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


# ---------------------------------------------------------------- cards, totals, filters


def test_cards_sit_in_their_stage_columns_with_counts_and_totals(
    page: BoardPage, world: dict[str, uuid.UUID]
) -> None:
    model = page.model
    assert [c.code for c in model.columns] == [
        "IDEA",
        "ASSESS",
        "APPROVED",
        "DELIVERY",
        "CLOSING",
        "CLOSED",
    ]
    assert model.codes_in("IDEA") == ["PRJ-001", "PRJ-002", "PRJ-003"]
    assert model.codes_in("ASSESS") == ["PRJ-004"]
    assert model.codes_in("DELIVERY") == ["PRJ-005"]
    assert model.totals[world["IDEA"]].count == 3
    assert model.totals[world["IDEA"]].budget == 300_000
    assert model.totals[world["APPROVED"]].count == 0
    assert page.countLabel.text() == "5 of 5 projects · €1.0M"
    # Each card is laid out inside its column, below the header.
    view = page.view
    for code in ("PRJ-001", "PRJ-004", "PRJ-005"):
        rect = view.visualRect(model.index_of(world[code]))
        column = view.column_at(rect.center())
        assert column is not None
        assert model.columns[column].id == model.card_at(model.row_of(world[code]) or 0).stage_id
        assert rect.top() >= view.header_height()
    assert sorted(model.card_at(r).code for r in view.visible_rows()) == [
        f"PRJ-00{n}" for n in range(1, 6)
    ]
    assert not view.grab().isNull()  # paints through the delegate


def test_search_and_filters_narrow_the_cards_and_are_shared(
    qtbot: QtBot, page: BoardPage, ctx: AppContext
) -> None:
    qtbot.keyClicks(page.searchEdit, "zoe")
    assert [c.code for c in page.model.cards] == ["PRJ-002"]
    assert page.countLabel.text().startswith("1 of 5 projects")
    assert shared_filter(ctx).current.text == "zoe"
    page.searchEdit.clear()
    page.filter_bar.menus["programmes"].action("PGM-1").setChecked(True)
    assert sorted(c.code for c in page.model.cards) == ["PRJ-001", "PRJ-005"]
    assert page.model.totals[page.model.columns[0].id].count == 1
    # A filter set elsewhere (the register) shows here too.
    from pmodesk.services.register import RegisterFilter

    shared_filter(ctx).set_filter(RegisterFilter(stages=frozenset({"ASSESS"})))
    assert [c.code for c in page.model.cards] == ["PRJ-004"]
    assert page.filter_bar.menus["stages"].selected() == {"ASSESS"}
    assert page.filter_bar.menus["programmes"].selected() == frozenset()


def test_swimlanes_by_programme_show_lane_headers(
    page: BoardPage, ctx: AppContext, world: dict[str, uuid.UUID]
) -> None:
    assert page.view.lane_bands() == []
    page.set_swimlanes(Swimlanes.PROGRAMME)
    bands = page.view.lane_bands()
    assert [(b.title, b.count) for b in bands] == [
        ("PGM-1 · Cloud First", 2),
        ("PGM-2 · Finance", 2),
        ("No programme", 1),
    ]
    # Cards of a lane sit below its header and above the next one.
    view, model = page.view, page.model
    top_2 = view.visualRect(model.index_of(world["PRJ-002"])).top()
    assert bands[1].top < view.card_rect(model.row_of(world["PRJ-002"]) or 0).top() < bands[2].top
    assert top_2 > 0
    assert ctx.settings.value("board/swimlanes") == "programme"


def test_model_passes_the_model_tester(qtmodeltester: Any, ctx: AppContext, world: Any) -> None:
    model = BoardModel(ctx)
    qtmodeltester.check(model)
    model.set_swimlanes(Swimlanes.PROGRAMME)
    qtmodeltester.check(model)


def test_refresh_keeps_the_selection(
    qtbot: QtBot, page: BoardPage, ctx: AppContext, world: dict[str, uuid.UUID]
) -> None:
    page.view.select_project(world["PRJ-004"])
    with ctx.session() as session:
        project = records.get(session, Project, world["PRJ-004"])
        records.update(session, project, {"name": "Treasury platform"})
    ctx.notify({"project"})
    assert page.view.current_project_id() == world["PRJ-004"]
    assert page.model.card_at(page.model.row_of(world["PRJ-004"]) or 0).name == "Treasury platform"


def test_double_click_opens_the_project(
    qtbot: QtBot, page: BoardPage, world: dict[str, uuid.UUID], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pmodesk.gui.editors as editors

    opened: list[tuple[type, uuid.UUID | None]] = []
    monkeypatch.setattr(
        editors,
        "open_editor",
        lambda ctx, model, record_id=None, parent=None: opened.append((model, record_id)),
    )
    qtbot.mouseDClick(
        page.view.viewport(), Qt.MouseButton.LeftButton, pos=_card_point(page, world["PRJ-005"])
    )
    assert opened == [(Project, world["PRJ-005"])]
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert opened[-1] == (Project, world["PRJ-005"])


# ---------------------------------------------------------------- gates in each PMO mode


def test_supportive_drag_moves_with_advice_audit_and_undo(
    qtbot: QtBot, page: BoardPage, ctx: AppContext, world: dict[str, uuid.UUID]
) -> None:
    _gate_mode(ctx, "supportive")
    project = world["PRJ-001"]
    observed: dict[str, Any] = {}

    def act(dialog: GateDialog) -> None:
        observed["enabled"] = dialog.moveButton.isEnabled()
        observed["outcome"] = dialog.outcomeLabel.text()
        observed["rows"] = dialog.checklistTable.rowCount()
        qtbot.mouseClick(dialog.moveButton, Qt.MouseButton.LeftButton)

    seen = _on_modal(qtbot, GateDialog, act)
    _drag(qtbot, page, project, "ASSESS")
    assert seen, "the gate dialog did not appear"
    assert observed["enabled"] is True
    assert "Advice" in observed["outcome"]
    assert "not done yet" in observed["outcome"]
    assert observed["rows"] == 4  # the exit gate of Idea
    assert _stage_of(ctx, project) == world["ASSESS"]
    assert page.model.codes_in("ASSESS") == ["PRJ-001", "PRJ-004"]
    events = _stage_events(ctx, project)
    assert [(e.old, e.new) for e in events] == [(str(world["IDEA"]), str(world["ASSESS"]))]

    ctx.undo_stack.undo()
    assert _stage_of(ctx, project) == world["IDEA"]
    assert "PRJ-001" in page.model.codes_in("IDEA")
    assert len(_stage_events(ctx, project)) == 2  # the undo is audited too


def test_controlling_refuses_until_items_are_done_or_waived(
    qtbot: QtBot, page: BoardPage, ctx: AppContext, world: dict[str, uuid.UUID]
) -> None:
    _gate_mode(ctx, "controlling")
    project = world["PRJ-001"]
    observed: dict[str, Any] = {}

    def act(dialog: GateDialog) -> None:
        observed["before"] = dialog.moveButton.isEnabled()
        observed["refused"] = dialog.outcomeLabel.text()
        # Waive the first required item with a reason, tick the other required ones done.
        dialog.reason_edit(dialog.row_of("GATE-IDEA-01")).setText("Covered by the 2026 strategy")
        combo = dialog.status_combo(dialog.row_of("GATE-IDEA-01"))
        combo.setCurrentIndex(combo.findData(ChecklistStatus.WAIVED.value))
        for code in ("GATE-IDEA-02", "GATE-IDEA-03"):
            combo = dialog.status_combo(dialog.row_of(code))
            observed.setdefault("partial", dialog.moveButton.isEnabled())
            combo.setCurrentIndex(combo.findData(ChecklistStatus.DONE.value))
        observed["after"] = dialog.moveButton.isEnabled()
        qtbot.mouseClick(dialog.moveButton, Qt.MouseButton.LeftButton)

    seen = _on_modal(qtbot, GateDialog, act)
    _drag(qtbot, page, project, "ASSESS")
    assert seen
    assert observed["before"] is False
    assert "refused" in observed["refused"]
    assert "GATE-IDEA-01" in observed["refused"]
    assert observed["partial"] is False
    assert observed["after"] is True
    assert _stage_of(ctx, project) == world["ASSESS"]
    with ctx.session() as session:
        answers = {
            records.get(session, GateChecklistItem, a.item_id).code: (
                a.status,
                a.reason,
            )
            for a in session.exec(
                select(ProjectChecklistItem).where(ProjectChecklistItem.project_id == project)
            )
        }
    assert answers["GATE-IDEA-01"] == (ChecklistStatus.WAIVED, "Covered by the 2026 strategy")
    assert answers["GATE-IDEA-02"][0] is ChecklistStatus.DONE
    assert len(_stage_events(ctx, project)) == 1
    ctx.undo_stack.undo()
    assert _stage_of(ctx, project) == world["IDEA"]


def test_controlling_cancel_leaves_the_card(
    qtbot: QtBot, page: BoardPage, ctx: AppContext, world: dict[str, uuid.UUID]
) -> None:
    _gate_mode(ctx, "controlling")
    seen = _on_modal(qtbot, GateDialog, lambda d: d.cancelButton.click())
    _drag(qtbot, page, world["PRJ-002"], "DELIVERY")
    assert seen
    assert _stage_of(ctx, world["PRJ-002"]) == world["IDEA"]
    assert _stage_events(ctx, world["PRJ-002"]) == []
    assert ctx.undo_stack.count() == 0


def test_directive_needs_the_decision(
    qtbot: QtBot, page: BoardPage, ctx: AppContext, world: dict[str, uuid.UUID]
) -> None:
    _gate_mode(ctx, "directive")
    project = world["PRJ-001"]
    observed: dict[str, Any] = {}

    def act(dialog: GateDialog) -> None:
        observed["decision_shown"] = dialog.decisionGroup.isVisible()
        for code in ("GATE-IDEA-01", "GATE-IDEA-02", "GATE-IDEA-03"):
            combo = dialog.status_combo(dialog.row_of(code))
            combo.setCurrentIndex(combo.findData(ChecklistStatus.DONE.value))
        observed["items_done"] = dialog.moveButton.isEnabled()
        observed["blocker"] = dialog.outcomeLabel.text()
        dialog.forumEdit.setText("Portfolio board")
        dialog.decidedByEdit.setText("Ana Lima")
        qtbot.mouseClick(dialog.recordDecisionButton, Qt.MouseButton.LeftButton)
        observed["status"] = dialog.decisionStatusLabel.text()
        observed["after"] = dialog.moveButton.isEnabled()
        qtbot.mouseClick(dialog.moveButton, Qt.MouseButton.LeftButton)

    seen = _on_modal(qtbot, GateDialog, act)
    _drag(qtbot, page, project, "ASSESS")
    assert seen
    assert observed["decision_shown"] is True
    assert observed["items_done"] is False
    assert "decision" in observed["blocker"]
    assert "Portfolio board" in observed["status"]
    assert "Ana Lima" in observed["status"]
    assert observed["after"] is True
    assert _stage_of(ctx, project) == world["ASSESS"]
    with ctx.session() as session:
        decision = session.exec(select(Decision).where(Decision.project_id == project)).one()
        assert (decision.forum, decision.stage_id) == ("Portfolio board", world["ASSESS"])
    assert len(_stage_events(ctx, project)) == 1
    ctx.undo_stack.undo()
    assert _stage_of(ctx, project) == world["IDEA"]
    ctx.undo_stack.redo()
    assert _stage_of(ctx, project) == world["ASSESS"]


# ---------------------------------------------------------------- keyboard and menu


def test_keyboard_moves_forward_then_back_with_a_reason(
    qtbot: QtBot, page: BoardPage, ctx: AppContext, world: dict[str, uuid.UUID]
) -> None:
    _gate_mode(ctx, "supportive")
    project = world["PRJ-004"]
    page.view.select_project(project)
    page.view.setFocus()
    seen = _on_modal(qtbot, GateDialog, lambda d: d.moveButton.click())
    qtbot.keyClick(page.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert seen
    assert _stage_of(ctx, project) == world["APPROVED"]

    observed: dict[str, Any] = {}

    def back(dialog: GateDialog) -> None:
        observed["without_reason"] = dialog.moveButton.isEnabled()
        qtbot.keyClicks(dialog.reasonEdit, "Business case reopened")
        observed["with_reason"] = dialog.moveButton.isEnabled()
        dialog.moveButton.click()

    seen = _on_modal(qtbot, GateDialog, back)
    qtbot.keyClick(page.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert seen
    assert observed == {"without_reason": False, "with_reason": True}
    assert _stage_of(ctx, project) == world["ASSESS"]
    with ctx.session() as session:
        reasons = session.exec(
            select(AuditEvent.new).where(
                AuditEvent.entity_id == project, AuditEvent.field == "stage_reason"
            )
        ).all()
    assert "Business case reopened" in reasons


def test_context_menu_puts_a_project_on_hold_with_a_reason(
    qtbot: QtBot, page: BoardPage, ctx: AppContext, world: dict[str, uuid.UUID]
) -> None:
    project = world["PRJ-005"]
    viewport = page.view.viewport()
    point = _card_point(page, project)
    with qtbot.waitSignal(page.view.menu_requested):
        QApplication.sendEvent(
            viewport,
            QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point)),
        )
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:4] == ["&Open…", "Move to &next stage…", "Move &back…", "Put on &hold…"]
    assert "&Copy code" in texts
    hold = next(a for a in menu.actions() if a.text() == "Put on &hold…")
    menu.close()

    def answer(dialog: QInputDialog) -> None:
        dialog.setTextValue("Waiting for the supplier")
        dialog.accept()

    seen = _on_modal(qtbot, QInputDialog, answer)
    hold.trigger()
    assert seen
    with ctx.session() as session:
        assert records.get(session, Project, project).state is ProjectState.ON_HOLD
        reason = session.exec(
            select(AuditEvent.new).where(
                AuditEvent.entity_id == project, AuditEvent.field == "state_reason"
            )
        ).all()
    assert reason == ["Waiting for the supplier"]
    assert page.model.card_at(page.model.row_of(project) or 0).state is ProjectState.ON_HOLD
    ctx.undo_stack.undo()
    with ctx.session() as session:
        assert records.get(session, Project, project).state is ProjectState.ACTIVE


def test_a_hold_without_a_reason_is_refused_with_a_message(
    qtbot: QtBot, page: BoardPage, ctx: AppContext, world: dict[str, uuid.UUID]
) -> None:
    project = world["PRJ-005"]
    assert page.change_state(project, ProjectState.CANCELLED, "  ") is False
    assert "reason is required" in page.messageLabel.text()
    with ctx.session() as session:
        assert records.get(session, Project, project).state is ProjectState.ACTIVE
    assert ctx.undo_stack.count() == 0


def test_search_typed_in_the_register_narrows_the_board_and_back(
    qtbot: QtBot, ctx: AppContext, world: dict[str, uuid.UUID], page: BoardPage
) -> None:
    """The register's filters and search apply on the board too, both ways."""
    from pmodesk.gui.register.view import RegisterView

    register = RegisterView(ctx)
    qtbot.addWidget(register)
    register.show()

    qtbot.keyClicks(register.searchEdit, "treasury")
    qtbot.waitUntil(lambda: page.model.codes_in("ASSESS") == ["PRJ-004"])
    assert page.model.codes_in("IDEA") == []
    assert page.searchEdit.text() == "treasury"

    page.searchEdit.clear()
    qtbot.keyClicks(page.searchEdit, "payroll")
    qtbot.waitUntil(lambda: register.shown_codes() == ["PRJ-002"])
    assert register.searchEdit.text() == "payroll"
