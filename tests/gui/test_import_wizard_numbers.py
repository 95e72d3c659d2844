"""The preview's "Numbers like 20.000" choice: shown only when amounts could be read two ways."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers_import import (
    MARCH,
    WAIT_MS,
    Harness,
    harness,
    idle,
    next_page,
    plain,
    projects,
    walk_to,
    write_register,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWizard
from pytestqt.qtbot import QtBot

from pmodesk.gui.context import AppContext
from pmodesk.gui.importing.models import ChangesModel
from pmodesk.gui.importing.wizard import ImportWizard, Step

BUDGET = 7  # the register's Budget column (0-based)


@pytest.fixture
def env(qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    with harness(qtbot, ctx, monkeypatch) as made:
        yield made


def euro_register(tmp_path: Path) -> Path:
    """The March register with its budgets typed as text a European manager writes."""
    rows = plain(MARCH)
    for row, budget in zip(rows, ("€ 120.000", "€ 450.000", "€ 80.000"), strict=True):
        row[BUDGET] = budget
    return write_register(tmp_path / "Register euros.xlsx", rows)


def budgets(wizard: ImportWizard) -> dict[str, Any]:
    return {c.key: c.value("budget") for c in wizard.choices.plan.preview}


def what_changes(wizard: ImportWizard, code: str) -> str:
    model = wizard.preview_page.changes_model
    for row in range(model.rowCount()):
        if model.index(row, ChangesModel.COL_KEY).data().startswith(code):
            return str(model.index(row, ChangesModel.COL_WHAT).data())
    raise AssertionError(f"{code} is not in the preview")


def test_a_clean_register_shows_no_number_choice(
    qtbot: QtBot, env: Harness, tmp_path: Path
) -> None:
    wizard = env.start([write_register(tmp_path / "Register March.xlsx", plain(MARCH))])
    walk_to(qtbot, wizard, Step.PREVIEW)
    preview = wizard.preview_page
    assert budgets(wizard)["PRJ-101"] == 120000
    assert not preview.number_style.isVisible()
    assert not preview.number_style_label.isVisible()


def test_amounts_that_read_both_ways_are_settled_by_the_user(
    qtbot: QtBot, ctx: AppContext, env: Harness, tmp_path: Path
) -> None:
    wizard = env.start([euro_register(tmp_path)])
    walk_to(qtbot, wizard, Step.PREVIEW)
    preview = wizard.preview_page
    assert preview.number_style.isVisible()
    assert preview.number_style_label.isVisible()
    assert preview.number_style.currentData() is None
    assert budgets(wizard)["PRJ-101"] == pytest.approx(120.0)
    assert "120,000" not in what_changes(wizard, "PRJ-101")

    index = preview.number_style.findData("comma decimal")
    assert "comma for decimals" in preview.number_style.itemText(index)
    with qtbot.wait_signal(wizard.tasks.planned, timeout=WAIT_MS):
        preview.number_style.setCurrentIndex(index)
    idle(qtbot, wizard)
    assert wizard.choices.number_style == "comma decimal"
    assert budgets(wizard) == {"PRJ-101": 120000.0, "PRJ-102": 450000.0, "PRJ-103": 80000.0}
    assert "120,000" in what_changes(wizard, "PRJ-101")
    assert preview.number_style.isVisible()  # the choice stays in sight once made

    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled(), preview.verdict.text()
    next_page(qtbot, wizard, Step.SUMMARY)
    stored = projects(ctx)
    assert stored["PRJ-101"].budget == 120000.0
    assert stored["PRJ-103"].budget == 80000.0


def test_the_number_choice_is_reached_from_the_keyboard(
    qtbot: QtBot, env: Harness, tmp_path: Path
) -> None:
    wizard = env.start([euro_register(tmp_path)])
    walk_to(qtbot, wizard, Step.PREVIEW)
    preview = wizard.preview_page
    label = preview.number_style_label
    assert label.buddy() is preview.number_style
    texts = [w.text() for w in wizard.findChildren(QLabel) if w.isVisible()]
    texts += [w.text() for w in wizard.findChildren(QAbstractButton) if w.isVisible()]
    letters = [m[1].lower() for t in texts if (m := re.search(r"&(\w)", t))]
    assert letters.count("u") == 1, letters  # Alt+U is the number choice's alone
    wizard.activateWindow()
    preview.recheck_button.setFocus()
    qtbot.wait_until(lambda: preview.recheck_button.hasFocus(), timeout=WAIT_MS)
    QTest.keyClick(wizard, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.wait_until(lambda: preview.number_style.hasFocus(), timeout=WAIT_MS)
