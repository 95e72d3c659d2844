"""The preview's plan options: the project of rows naming none, week 1, hours or percent."""

from __future__ import annotations

import datetime as dt
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
    walk_to,
    write_register,
)
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot
from sqlmodel import select

from pmodesk.domain import Allocation, Milestone, Person, Project, RaidItem
from pmodesk.gui.context import AppContext
from pmodesk.gui.importing.wizard import ImportWizard, Step

D = dt.date
MONDAYS = [D(2025, 3, 3) + dt.timedelta(weeks=n) for n in range(4)]


@pytest.fixture
def env(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Harness]:
    """The wizard over a workspace with two people (40 and 30 hours) and two projects."""
    from pmodesk.exchange.importing import apply_import, plan_import

    with harness(qtbot, ctx, monkeypatch) as made:
        setup = book(
            tmp_path / "setup.xlsx",
            {
                "People": [["Code", "Name", "Email", "Weekly capacity"],
                           ["EMP-1", "Ann Lee", "ann@x.org", 40], ["EMP-2", "Bo Chen", "bo@x.org", 30]],
                "Projects": [["Code", "Project", "Sponsor"], ["PRJ-1", "Alpha", "S"], ["PRJ-2", "Beta", "S"]],
            },
        )  # fmt: skip
        with ctx.session() as session:
            plan = plan_import(session, [setup])
            assert not plan.refused, plan.problems
            apply_import(session, plan)
        yield made


def book(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def codes(ctx: AppContext, model: Any) -> dict[Any, str]:
    with ctx.session() as session:
        return {r.id: r.code for r in session.exec(select(model))}


def allocations(ctx: AppContext) -> dict[tuple[str, str, D], tuple[float, float | None]]:
    people, projects = codes(ctx, Person), codes(ctx, Project)
    with ctx.session() as session:
        return {
            (people[a.person_id], projects[a.project_id], a.week_start): (
                a.hours,
                a.percent_of_capacity,
            )
            for a in session.exec(select(Allocation))
        }


def shown(wizard: ImportWizard) -> dict[str, bool]:
    """Which plan options the user sees (label and control alike)."""
    row = wizard.preview_page.plan_options
    out: dict[str, bool] = {}
    for name, label, widget in (
        ("project", row.project_label, row.project),
        ("week 1", row.first_week_label, row.first_week),
        ("unit", row.unit_label, row.unit),
    ):
        assert label.isVisible() == widget.isVisible()
        out[name] = widget.isVisible()
    return out


def enter_project(qtbot: QtBot, wizard: ImportWizard, text: str) -> None:
    """Type ``text`` in the project field and press Enter; wait for the new plan."""
    line = wizard.preview_page.plan_options.project.lineEdit()
    assert line is not None
    line.clear()
    QTest.keyClicks(line, text)
    with qtbot.wait_signal(wizard.tasks.planned, timeout=WAIT_MS):
        QTest.keyClick(line, Qt.Key.Key_Return)
    idle(qtbot, wizard)


def test_a_raid_log_of_one_project_lands_on_the_project_chosen(
    qtbot: QtBot, ctx: AppContext, env: Harness, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "Apollo risks.xlsx",
        {
            "Risks": [
                ["Title", "Description", "Owner", "Probability", "Impact", "Status"],
                ["Supplier insolvency", "The supplier may fail", "Ann Lee", "High", "Very high", "Open"],
                ["Licences late", "Licences may arrive late", "Bo Chen", 3, 2, "Open"],
                ["Key person leaves", "The architect may leave", "Ann Lee", 2, 4, "Open"],
            ]
        },
    )  # fmt: skip
    wizard = env.start([path])
    walk_to(qtbot, wizard, Step.PREVIEW)
    row = wizard.preview_page.plan_options
    assert shown(wizard) == {"project": True, "week 1": False, "unit": False}
    assert row.project.currentText() == ""
    labels = [row.project.itemText(i) for i in range(row.project.count())]
    assert labels == ["", "PRJ-1 — Alpha", "PRJ-2 — Beta"]
    assert [c.value("project") for c in wizard.choices.plan.preview] == [None] * 3

    enter_project(qtbot, wizard, "prj-1")
    assert wizard.choices.project == "PRJ-1"
    assert row.project.currentText() == "PRJ-1 — Alpha"
    assert [c.value("project") for c in wizard.choices.plan.preview] == ["PRJ-1"] * 3
    assert wizard.currentId() == Step.PREVIEW  # Enter took the project, it did not import

    next_page(qtbot, wizard, Step.SUMMARY)
    projects = {v: k for k, v in codes(ctx, Project).items()}
    with ctx.session() as session:
        items = session.exec(select(RaidItem)).all()
        assert sorted(i.title for i in items) == [
            "Key person leaves", "Licences late", "Supplier insolvency",
        ]  # fmt: skip
        assert {i.project_id for i in items} == {projects["PRJ-1"]}


def test_a_milestone_list_without_a_project_is_refused_until_one_is_named(
    qtbot: QtBot, ctx: AppContext, env: Harness, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "Beta milestones.xlsx",
        {
            "Milestones": [
                ["Milestone", "Baseline date", "Forecast date"],
                ["Design signed off", D(2025, 2, 28), D(2025, 3, 14)],
                ["Go live", D(2025, 6, 30), D(2025, 6, 30)],
            ]
        },
    )
    wizard = env.start([path])
    walk_to(qtbot, wizard, Step.PREVIEW)
    preview = wizard.preview_page
    assert wizard.choices.plan.refused
    assert any("project" in p.reason for p in wizard.choices.plan.errors)
    assert preview.verdict.text().startswith("Nothing can be imported")
    assert not preview.isComplete()
    assert shown(wizard)["project"]

    enter_project(qtbot, wizard, "Beta")  # by its name
    assert wizard.choices.project == "PRJ-2"
    assert not wizard.choices.plan.refused
    assert preview.verdict.text().startswith("Ready to import")
    next_page(qtbot, wizard, Step.SUMMARY)
    projects = codes(ctx, Project)
    with ctx.session() as session:
        stored = {m.name: projects[m.project_id] for m in session.exec(select(Milestone))}
    assert stored == {"Design signed off": "PRJ-2", "Go live": "PRJ-2"}


def week_numbers_plan(tmp_path: Path) -> Path:
    return book(
        tmp_path / "Numbered plan.xlsx",
        {
            "Plan": [
                ["Person", "Project", "W1", "W2", "W3", "W4"],
                ["Ann Lee", "PRJ-1", 10, 20, 0, 5],
                ["Bo Chen", "PRJ-2", 8, 8, 8, 8],
            ]
        },
    )


def test_numbered_weeks_are_placed_from_the_monday_of_week_one(
    qtbot: QtBot, ctx: AppContext, env: Harness, tmp_path: Path
) -> None:
    wizard = env.start([week_numbers_plan(tmp_path)])
    walk_to(qtbot, wizard, Step.PREVIEW)
    row, preview = wizard.preview_page.plan_options, wizard.preview_page
    assert shown(wizard) == {"project": False, "week 1": True, "unit": True}
    assert row.first_week.text() == "not set"
    assert row.first_week.calendarPopup()
    assert "Monday" in row.first_week.toolTip()
    assert any("week 1" in p.reason for p in wizard.choices.plan.errors)
    assert not preview.isComplete()

    with qtbot.wait_signal(wizard.tasks.planned, timeout=WAIT_MS):
        row.first_week.setDate(QDate(2025, 1, 8))  # a Wednesday: its week's Monday is meant
    idle(qtbot, wizard)
    assert wizard.choices.first_week == D(2025, 1, 6)
    assert row.first_week.date() == QDate(2025, 1, 6)
    assert not wizard.choices.plan.refused
    next_page(qtbot, wizard, Step.SUMMARY)
    weeks = [D(2025, 1, 6) + dt.timedelta(weeks=n) for n in range(4)]
    assert allocations(ctx) == {
        ("EMP-1", "PRJ-1", weeks[0]): (10.0, None), ("EMP-1", "PRJ-1", weeks[1]): (20.0, None),
        ("EMP-1", "PRJ-1", weeks[3]): (5.0, None),
        **{("EMP-2", "PRJ-2", week): (8.0, None) for week in weeks},
    }  # fmt: skip


def test_plan_options_are_reached_from_the_keyboard(
    qtbot: QtBot, env: Harness, tmp_path: Path
) -> None:
    wizard = env.start([week_numbers_plan(tmp_path)])
    walk_to(qtbot, wizard, Step.PREVIEW)
    row, preview = wizard.preview_page.plan_options, wizard.preview_page
    texts = [w.text() for w in wizard.findChildren(QLabel) if w.isVisible()]
    texts += [w.text() for w in wizard.findChildren(QAbstractButton) if w.isVisible()]
    letters = [m[1].lower() for t in texts if (m := re.search(r"&(\w)", t))]
    assert len(letters) == len(set(letters)), letters
    assert {"e", "a"} <= set(letters)
    for key, widget in ((Qt.Key.Key_E, row.first_week), (Qt.Key.Key_A, row.unit)):
        wizard.activateWindow()
        preview.recheck_button.setFocus()
        qtbot.wait_until(lambda: preview.recheck_button.hasFocus(), timeout=WAIT_MS)
        QTest.keyClick(wizard, key, Qt.KeyboardModifier.AltModifier)
        qtbot.wait_until(lambda w=widget: w.hasFocus(), timeout=WAIT_MS)  # type: ignore[misc]


def test_plain_numbers_taken_as_percent_of_capacity_when_the_user_says_so(
    qtbot: QtBot, ctx: AppContext, env: Harness, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "Plan.xlsx",
        {
            "Plan": [
                ["Person", "Project", *MONDAYS[:2]],
                ["Ann Lee", "PRJ-1", 50, 100],  # percent points typed as plain numbers
                ["Bo Chen", "PRJ-2", 100, 50],
            ]
        },
    )
    wizard = env.start([path])
    walk_to(qtbot, wizard, Step.PREVIEW)
    row = wizard.preview_page.plan_options
    assert shown(wizard) == {"project": False, "week 1": False, "unit": True}
    assert row.unit.currentText() == "hours"  # as detected
    assert wizard.choices.matrix_unit is None
    assert sorted(c.value("hours") for c in wizard.choices.plan.preview) == [50, 50, 100, 100]

    with qtbot.wait_signal(wizard.tasks.planned, timeout=WAIT_MS):
        row.unit.setCurrentIndex(row.unit.findText("% of capacity"))
    idle(qtbot, wizard)
    assert wizard.choices.matrix_unit == "percent"
    assert row.unit.currentText() == "% of capacity"
    next_page(qtbot, wizard, Step.SUMMARY)
    assert allocations(ctx) == {
        ("EMP-1", "PRJ-1", MONDAYS[0]): (20.0, 50.0), ("EMP-1", "PRJ-1", MONDAYS[1]): (40.0, 100.0),
        ("EMP-2", "PRJ-2", MONDAYS[0]): (30.0, 100.0), ("EMP-2", "PRJ-2", MONDAYS[1]): (15.0, 50.0),
    }  # fmt: skip


def test_a_clean_register_shows_none_of_the_plan_options(
    qtbot: QtBot, env: Harness, tmp_path: Path
) -> None:
    wizard = env.start([write_register(tmp_path / "Register March.xlsx", plain(MARCH))])
    walk_to(qtbot, wizard, Step.PREVIEW)
    assert shown(wizard) == {"project": False, "week 1": False, "unit": False}
    assert not wizard.preview_page.plan_options.isVisible()
    options = wizard.choices.options()
    assert (options.project, options.first_week, options.matrix_unit) == (None, None, None)


def test_the_mapping_page_says_how_a_weekly_plan_was_read(
    qtbot: QtBot, env: Harness, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "Weekly plan.xlsx",
        {
            "Plan": [
                ["Person", "Project", *MONDAYS],
                ["Ann Lee", "PRJ-1", 20, 20, 10, 10],
                ["Bo Chen", "PRJ-2", 8, 8, 8, 8],
            ]
        },
    )
    wizard = env.start([path])
    walk_to(qtbot, wizard, Step.MAPPING)
    text = wizard.mapping_page.sheet_summary.text()
    assert text.startswith("Resource plan (detected"), text
    assert "4 weeks across (3 Mar 2025 – 24 Mar 2025), hours in the cells" in text
    assert "8 allocations" in text
    assert "2 of 2 columns imported" in text
    # the week columns are the plan's amounts, not columns left out
    table = wizard.mapping_page.columns
    for row in range(2, 6):
        assert table.item(row, table.COL_FIELD).text() == "Planned amounts"
        assert table.item(row, table.COL_MATCH).text() == "plan period"
        assert table.field_combo(row) is None  # nothing to choose for a period
    assert table.field_combo(0) is not None
