"""The dashboard through its real widgets: hover figures, clicks that drill down, tiles, copy, scope."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from pmodesk.domain import Portfolio, Programme, Project, Stage
from pmodesk.domain.enums import ProjectState, Rag
from pmodesk.gui.context import AppContext
from pmodesk.gui.monitoring.dashboard_page import DashboardPage
from pmodesk.gui.shared_filter import shared_filter
from pmodesk.services.register import RegisterFilter
from tests.gui.helpers_records import create, fetch, make_stages


@pytest.fixture
def portfolio(ctx: AppContext) -> None:
    make_stages(ctx)
    delivery = fetch(ctx, Stage, code="DELIVERY")
    idea = fetch(ctx, Stage, code="IDEA")
    digital = create(ctx, Portfolio, code="PF-01", name="Digital")
    ops = create(ctx, Portfolio, code="PF-02", name="Operations")
    web = create(ctx, Programme, code="PGM-01", name="Web", portfolio_id=digital.id)
    for code, stage, rag, portfolio, programme, budget in [
        ("PRJ-001", delivery, Rag.RED, digital, web, 100_000),
        ("PRJ-002", delivery, Rag.RED, ops, None, 50_000),
        ("PRJ-003", delivery, Rag.GREEN, digital, None, 20_000),
        ("PRJ-004", idea, None, ops, None, None),
    ]:
        create(
            ctx,
            Project,
            code=code,
            name=f"Project {code[-1]}",
            stage_id=stage.id,
            rag_overall=rag,
            portfolio_id=portfolio.id,
            programme_id=programme.id if programme else None,
            budget=budget,
            forecast_cost=budget * 1.1 if budget else None,
        )
    create(ctx, Project, code="PRJ-005", name="Stopped", state=ProjectState.CANCELLED)


def show(qtbot: QtBot, ctx: AppContext) -> DashboardPage:
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitExposed(page)
    assert page.board is not None
    return page


def test_clicking_a_bar_segment_lists_the_projects_behind_it(
    qtbot: QtBot, ctx: AppContext, portfolio: None
) -> None:
    page = show(qtbot, ctx)
    chart = page.charts["stage_rag"]
    assert chart.chart is not None
    assert [p.label for p in chart.chart.points] == ["Idea", "Delivery"]

    # Delivery (point 1): the red segment (series 2) holds PRJ-001 and PRJ-002.
    where = chart.position_of(1, 2)
    qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=where)

    assert page.drill.codes() == ["PRJ-001", "PRJ-002"]
    assert page.drill.title_label.text() == "Projects by stage and RAG: Delivery · Red"
    assert page.drill.subtitle_label.text() == "2 projects"

    # The green segment of the same bar: PRJ-003 only.
    qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=chart.position_of(1, 0))
    assert page.drill.codes() == ["PRJ-003"]


def test_hovering_a_bar_writes_its_figures(qtbot: QtBot, ctx: AppContext, portfolio: None) -> None:
    page = show(qtbot, ctx)
    chart = page.charts["money"]
    assert chart.chart is not None
    assert [p.label for p in chart.chart.points] == ["PF-01", "PF-02"]
    qtbot.mouseMove(chart.plot.viewport(), chart.position_of(0, 0))
    qtbot.waitUntil(lambda: "Budget" in chart.hover_label.text())
    assert chart.hover_label.text() == "Digital · Budget: 120k (2 projects)"


def test_a_tile_drills_down_and_the_register_opens_filtered(
    qtbot: QtBot, ctx: AppContext, portfolio: None
) -> None:
    page = show(qtbot, ctx)
    red = page.tiles.buttons["red"]
    assert red.accessibleName() == "Red: 2"
    qtbot.mouseClick(red, Qt.MouseButton.LeftButton)
    assert page.drill.codes() == ["PRJ-001", "PRJ-002"]
    assert page.drill.register_button.isEnabled()
    qtbot.mouseClick(page.drill.register_button, Qt.MouseButton.LeftButton)
    assert shared_filter(ctx).current == RegisterFilter(
        rags=frozenset({"red"}), states=frozenset({"active"})
    )


def test_copy_as_image_puts_the_dashboard_on_the_clipboard(
    qtbot: QtBot, ctx: AppContext, portfolio: None
) -> None:
    page = show(qtbot, ctx)
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    image = clipboard.image()
    assert not image.isNull()
    assert image.width() == page.canvas.width()
    assert page.status_label.text() == "Copied to the clipboard"
    clipboard.clear()
    target = page.charts["money"].plot
    page.activateWindow()
    target.setFocus()
    qtbot.waitUntil(target.hasFocus)
    qtbot.keyClick(
        target,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not clipboard.image().isNull()


def test_the_scope_narrows_every_figure(qtbot: QtBot, ctx: AppContext, portfolio: None) -> None:
    page = show(qtbot, ctx)
    assert page.set_scope("Programme PGM-01")
    assert page.board is not None
    assert page.board.scope_label == "Programme PGM-01 Web"
    assert [t.value for t in page.board.tiles if t.key == "active"] == ["1"]
    assert page.caption.text().startswith("Programme PGM-01 Web · 1 projects")
    assert page.set_scope("Whole portfolio")
    assert page.board.scope_label == "Whole portfolio"


def test_the_dashboard_follows_changes(qtbot: QtBot, ctx: AppContext, portfolio: None) -> None:
    page = show(qtbot, ctx)
    with ctx.session() as session:
        from pmodesk.services import records

        project = records.get_by_code(session, Project, "PRJ-003")
        records.update(session, project, {"rag_overall": Rag.RED})
    ctx.notify({"project"})
    qtbot.waitUntil(lambda: page.tiles.buttons["red"].accessibleName() == "Red: 3", timeout=3000)
