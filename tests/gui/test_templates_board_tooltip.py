"""The board's card tooltip says how far the project follows its templates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from pmodesk.gui.board.model import BoardModel
from pmodesk.gui.context import AppContext
from pmodesk.services.setup import prepare_session
from pmodesk.services.templates import create_project_from_template


def test_the_card_tooltip_shows_template_compliance(ctx: AppContext) -> None:
    with ctx.session() as session:
        prepare_session(session)
        create_project_from_template(session, "PT-STANDARD", name="Portal", start=date(2026, 1, 5))
    model = BoardModel(ctx)
    tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[0] == "PRJ-001 · Portal"
    assert tip.splitlines()[-1] == "Templates: Nothing due yet"
    spoken = model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Templates" not in spoken  # screen readers get the card without an extra query
