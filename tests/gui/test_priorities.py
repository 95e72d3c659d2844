"""The Priorities page: ranking, live re-ranking by weight, scoring, selection, bubble chart, intake."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from pmodesk.domain import (
    Allocation,
    Decision,
    Person,
    Project,
    ProjectScore,
    Role,
    ScoringCriterion,
    Stage,
)
from pmodesk.domain.enums import DecisionStatus, Rag
from pmodesk.gui.context import AppContext
from pmodesk.gui.editors import RecordEditorDialog
from pmodesk.gui.priorities.intake_dialog import IntakeDialog
from pmodesk.gui.priorities.page import PrioritiesPage
from pmodesk.services import records, scoring
from pmodesk.services.setup import prepare_session
from tests.gui.helpers_records import answer_question, when_modal

# code, name, stage, budget, value score, risk score, RAG. Every other criterion scores 3.
# With the default model (fit 3, value 2.5, risk 1.5, urgency 1, cost 1, resource 1):
# PRJ-A 62.5, PRJ-B = PRJ-C 60.0 (a tie), PRJ-D 45.0.
PROJECTS = (
    ("PRJ-A", "Alpha analytics", "IDEA", 500_000.0, 5, 3, Rag.GREEN),
    ("PRJ-B", "Bravo billing", "ASSESS", 300_000.0, 4, 2, Rag.AMBER),
    ("PRJ-C", "Charlie CRM", "APPROVED", 300_000.0, 4, 2, Rag.RED),
    ("PRJ-D", "Delta data lake", "IDEA", 100_000.0, 1, 1, None),
)


def _build(ctx: AppContext) -> dict[str, uuid.UUID]:
    """A prepared workspace with four scored candidate projects."""
    with ctx.session() as session:
        prepare_session(session)
        criteria = scoring.criteria(session)
        assert {"VALUE", "RISK"} <= {c.code for c in criteria}
        stages = {s.code: s.id for s in session.exec(select(Stage)).all()}
        ids: dict[str, uuid.UUID] = {}
        for code, name, stage, budget, value, risk, rag in PROJECTS:
            project = records.create(
                session,
                Project,
                {
                    "code": code,
                    "name": name,
                    "stage_id": stages[stage],
                    "budget": budget,
                    "rag_overall": rag,
                },
            )
            ids[code] = project.id
            for criterion in criteria:
                given = {"VALUE": value, "RISK": risk}.get(criterion.code, 3)
                scoring.set_score(session, project.id, criterion.id, given)
    return ids


def _criterion(ctx: AppContext, code: str) -> scoring.CriterionInfo:
    with ctx.session() as session:
        return next(c for c in scoring.criteria(session) if c.code == code)


@pytest.fixture
def data(ctx: AppContext) -> dict[str, uuid.UUID]:
    return _build(ctx)


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, data: dict[str, uuid.UUID]) -> PrioritiesPage:
    widget = PrioritiesPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1400, 880)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _ranks(page: PrioritiesPage) -> list[tuple[str, str]]:
    """(rank, code) of each row as shown."""
    proxy = page.proxy
    return [(proxy.index(r, 0).data(), proxy.index(r, 1).data()) for r in range(proxy.rowCount())]


# ------------------------------------------------------------------ ranked list


def test_ranked_list_shows_ranks_with_ties_and_the_criteria_behind(
    page: PrioritiesPage, qtmodeltester: ModelTester
) -> None:
    assert _ranks(page) == [("1", "PRJ-A"), ("2", "PRJ-B"), ("2", "PRJ-C"), ("4", "PRJ-D")]
    qtmodeltester.check(page.model)  # type: ignore[no-untyped-call]

    value = _criterion(page._ctx, "VALUE")
    column = next(c for c in range(page.model.columnCount()) if page.model.criterion_at(c) == value)
    cell = page.model.index(page.model.row_of(page.model.ranked()[0].project_id) or 0, column)
    assert cell.data() == "5  ·  25.0"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "Value 5/5 × weight 2.5 → 25.0 points"
    assert page.model.headerData(column, Qt.Orientation.Horizontal) == "Value ×2.5"
    score = page.proxy.index(0, 6)
    assert score.data() == "62.5"


def test_an_unscored_criterion_is_marked(page: PrioritiesPage, data: dict[str, uuid.UUID]) -> None:
    urgency = _criterion(page._ctx, "URGENCY")
    with page._ctx.session() as session:
        scoring.set_score(session, data["PRJ-D"], urgency.id, None)
    page._ctx.notify({"project_score"})
    column = next(
        c for c in range(page.model.columnCount()) if page.model.criterion_at(c) == urgency
    )
    row = page.model.row_of(data["PRJ-D"])
    assert row is not None
    cell = page.model.index(row, column)
    assert cell.data() == "not scored"
    assert "not scored yet" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "1 not fully scored" in page.countLabel.text()


def test_sorting_by_budget_then_back_by_rank(page: PrioritiesPage) -> None:
    page.rankedView.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    assert page.shown_codes()[0] == "PRJ-A"
    assert page.shown_codes()[-1] == "PRJ-D"
    page.rankedView.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert page.shown_codes() == ["PRJ-A", "PRJ-B", "PRJ-C", "PRJ-D"]


# ------------------------------------------------------------------ weights


def test_moving_a_weight_reranks_at_once_without_writing(page: PrioritiesPage) -> None:
    ctx = page._ctx
    value = _criterion(ctx, "VALUE")
    page.weights.spin_box(value.id).setValue(0.0)

    assert _ranks(page) == [("1", "PRJ-D"), ("2", "PRJ-B"), ("2", "PRJ-C"), ("4", "PRJ-A")]
    assert _criterion(ctx, "VALUE").weight == 2.5  # nothing written
    assert page.weights.apply_button.isEnabled()
    assert "what-if weights" in page.countLabel.text()
    assert ctx.undo_stack.count() == 0

    page.weights.reset_button.click()
    assert _ranks(page)[0] == ("1", "PRJ-A")
    assert page.weights.spin_box(value.id).value() == 2.5


def test_apply_weights_writes_them_and_undo_reverts(
    page: PrioritiesPage, data: dict[str, uuid.UUID]
) -> None:
    ctx = page._ctx
    value = _criterion(ctx, "VALUE")
    page.weights.slider(value.id).setValue(0)
    page.weights.apply_button.click()

    assert _criterion(ctx, "VALUE").weight == 0.0
    with ctx.session() as session:
        assert records.get(session, Project, data["PRJ-D"]).priority_score == 60.0
    assert _ranks(page)[0] == ("1", "PRJ-D")
    assert not page.weights.is_dirty()

    ctx.undo_stack.undo()
    assert _criterion(ctx, "VALUE").weight == 2.5
    assert page.weights.spin_box(value.id).value() == 2.5
    assert _ranks(page)[0] == ("1", "PRJ-A")
    ctx.undo_stack.redo()
    assert _criterion(ctx, "VALUE").weight == 0.0


def test_all_weights_zero_shows_the_service_sentence(page: PrioritiesPage) -> None:
    for criterion in page.model.criteria:
        page.weights.spin_box(criterion.id).setValue(0.0)
    assert page.rankStack.currentWidget() is page.rankMessage
    assert "give at least one criterion a weight" in page.rankMessage.text()
    assert page.model.rowCount() == 0

    page.weights.reset()
    assert page.rankStack.currentWidget() is page.rankedView
    assert page.model.rowCount() == 4


# ------------------------------------------------------------------ scoring editor


def test_editing_a_score_reranks_and_undo_restores(
    page: PrioritiesPage, data: dict[str, uuid.UUID]
) -> None:
    ctx = page._ctx
    value = _criterion(ctx, "VALUE")
    page.select_projects([data["PRJ-D"]])
    assert page.scoring.project_id == data["PRJ-D"]
    combo: QComboBox = page.scoring.combo(value.id)
    assert combo.currentData() == 1
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Not scored",
        "1 – worst",
        "2",
        "3",
        "4",
        "5 – best",
    ]

    page.scoring.note_edit(value.id).setText("New market opened")
    combo.setCurrentIndex(combo.findData(5))
    combo.activated.emit(combo.currentIndex())

    assert _ranks(page)[0] == ("1", "PRJ-D")
    with ctx.session() as session:
        stored = session.exec(
            select(ProjectScore).where(
                col(ProjectScore.project_id) == data["PRJ-D"],
                col(ProjectScore.criterion_id) == value.id,
            )
        ).one()
        assert (stored.score, stored.note) == (5, "New market opened")
    # The edited project stays selected and its editor shows the new score.
    assert page.selected_project_ids() == [data["PRJ-D"]]
    assert page.scoring.combo(value.id).currentData() == 5

    ctx.undo_stack.undo()
    assert _ranks(page)[-1] == ("4", "PRJ-D")
    assert page.scoring.combo(value.id).currentData() == 1


# ------------------------------------------------------------------ bubble chart


def test_clicking_a_bubble_selects_the_project_row(
    qtbot: QtBot, page: PrioritiesPage, data: dict[str, uuid.UUID]
) -> None:
    chart = page.chart
    assert {b.row.code for b in chart.bubbles()} == {"PRJ-A", "PRJ-B", "PRJ-C", "PRJ-D"}
    bubble_a = chart.bubble(data["PRJ-A"])
    bubble_d = chart.bubble(data["PRJ-D"])
    assert bubble_a is not None
    assert bubble_d is not None
    # Area in proportion to the budget: 500k is five times 100k.
    assert bubble_a.diameter**2 == pytest.approx(5 * bubble_d.diameter**2)
    assert round(bubble_a.x) == 5
    assert round(bubble_a.y) == 3

    where = chart.scene_position(data["PRJ-D"])
    assert where is not None
    qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=where.toPoint())  # type: ignore[no-untyped-call]
    assert page.selected_project_ids() == [data["PRJ-D"]]
    assert chart.highlighted() == [data["PRJ-D"]]

    # A click through the scatter item's own signal (several points: the top one wins).
    spots = [s for s in chart.scatter.points() if s.data() == data["PRJ-B"]]
    chart.scatter.sigClicked.emit(chart.scatter, spots, None)
    assert page.selected_project_ids() == [data["PRJ-B"]]


def test_selecting_rows_highlights_their_bubbles_and_the_tip_names_the_project(
    page: PrioritiesPage, data: dict[str, uuid.UUID]
) -> None:
    page.select_projects([data["PRJ-A"], data["PRJ-C"]])
    assert set(page.chart.highlighted()) == {data["PRJ-A"], data["PRJ-C"]}
    tip = page.chart._tip(0, 0, data["PRJ-C"])
    assert tip.startswith("PRJ-C Charlie CRM\nBudget 300,000 · score 60.0 (rank 2)")
    assert tip.endswith("RAG Red")


def test_dragging_a_box_selects_the_bubbles_inside(
    page: PrioritiesPage, data: dict[str, uuid.UUID]
) -> None:
    from PySide6.QtCore import QRectF

    page.chart._on_rect(QRectF(3.5, 1.5, 1.0, 1.0), Qt.KeyboardModifier.NoModifier)
    assert set(page.selected_project_ids()) == {data["PRJ-B"], data["PRJ-C"]}


# ------------------------------------------------------------------ selection


def _fill_limits(page: PrioritiesPage, budget: float) -> None:
    page.tabs.setCurrentWidget(page.selectionTab)
    page.selection.set_period(date(2027, 1, 1), date(2027, 3, 31))
    page.selection.set_budget(budget)


def test_role_hours_are_prefilled_from_the_people_of_the_role(
    ctx: AppContext, data: dict[str, uuid.UUID], qtbot: QtBot
) -> None:
    with ctx.session() as session:
        role = records.create(session, Role, {"code": "DEV", "name": "Developer"})
        records.create(
            session,
            Person,
            {
                "code": "P-1",
                "name": "Ana Silva",
                "role_id": role.id,
                "weekly_capacity_hours": 40.0,
                "part_time_factor": 0.5,
            },
        )
        role_id = role.id
    page = PrioritiesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    _fill_limits(page, 700_000)
    assert page.selection.role_capacity() == {role_id: pytest.approx(20.0 * 90 / 7, abs=0.5)}


def test_selection_with_a_binding_budget_explains_its_choice(
    page: PrioritiesPage, data: dict[str, uuid.UUID]
) -> None:
    panel = page.selection
    _fill_limits(page, 700_000)
    assert set(panel.candidate_ids()) == set(data.values())

    panel.suggestButton.click()

    assert panel.message == ""
    assert panel.chosen_ids() == {data["PRJ-B"], data["PRJ-C"], data["PRJ-D"]}
    rows = {code: (chosen, why) for code, chosen, why in panel.result_rows()}
    assert rows["PRJ-B"] == (True, "Chosen")
    assert rows["PRJ-A"][0] is False
    assert "exceed the budget" in rows["PRJ-A"][1]
    assert "3 of 4 candidates chosen" in panel.summaryLabel.text()
    assert "budget binds" in panel.explanationLabel.text()
    assert panel.budgetBar.format().startswith("700,000 of 700,000")
    assert panel.over_limits == []


def test_adjusting_then_accepting_records_the_decision_and_undo_removes_it(
    page: PrioritiesPage, data: dict[str, uuid.UUID]
) -> None:
    ctx = page._ctx
    panel = page.selection
    _fill_limits(page, 700_000)
    panel.suggestButton.click()

    panel.set_chosen(data["PRJ-A"], True)
    assert panel.over_limits == ["the budget by 500,000"]
    assert "Over the limit" in panel.adjustedLabel.text()
    assert panel.budgetBar.format().startswith("1,200,000 of 700,000")
    assert {c: w for c, _i, w in panel.result_rows()}["PRJ-A"] == "Added by you"

    panel.set_chosen(data["PRJ-A"], False)
    panel.set_chosen(data["PRJ-D"], False)
    assert panel.over_limits == []
    assert "within every limit" in panel.adjustedLabel.text()

    panel.acceptButton.click()

    with ctx.session() as session:
        decision = session.exec(select(Decision)).one()
        assert decision.title == "Portfolio selection 2027-Q1"
        assert decision.status is DecisionStatus.APPROVED
        assert decision.forum == "Portfolio board"
        assert decision.decided_on == date.today()
        assert "PRJ-B" in decision.options
        assert "PRJ-C" in decision.options
        assert "PRJ-D Delta data lake: taken out by the PMO" in decision.options
        assert "took out PRJ-D" in decision.outcome
        decision_id = decision.id

    ctx.undo_stack.undo()
    with ctx.session() as session:
        assert session.get(Decision, decision_id) is None


def test_accepting_over_the_limits_asks_first(
    page: PrioritiesPage, data: dict[str, uuid.UUID]
) -> None:
    panel = page.selection
    _fill_limits(page, 700_000)
    panel.suggestButton.click()
    panel.set_chosen(data["PRJ-A"], True)

    seen: list[str] = []
    answer_question("safeButton", seen)
    assert panel.accept() is None
    assert seen == ["Accept a portfolio that exceeds its limits?"]
    with page._ctx.session() as session:
        assert session.exec(select(Decision)).first() is None


def test_an_infeasible_request_shows_the_service_sentence(
    page: PrioritiesPage, data: dict[str, uuid.UUID]
) -> None:
    panel = page.selection
    _fill_limits(page, 400_000)
    panel.set_forced(data["PRJ-A"], include=True)
    panel.set_forced(data["PRJ-B"], include=True)
    panel.suggestButton.click()
    assert "must include" in panel.message
    assert "more than the budget" in panel.message
    assert panel.result_model.rowCount() == 0
    assert not panel.acceptButton.isEnabled()


def test_must_include_and_exclude_rule_each_other_out(
    page: PrioritiesPage, data: dict[str, uuid.UUID]
) -> None:
    panel = page.selection
    _fill_limits(page, 700_000)
    panel.set_forced(data["PRJ-A"], include=True)
    row = panel._candidate_row(data["PRJ-A"])
    panel.candidates_model.item(row, 6).setCheckState(Qt.CheckState.Checked)
    assert panel.forced() == (frozenset(), frozenset({data["PRJ-A"]}))
    panel.suggestButton.click()
    rows = {code: why for code, _in, why in panel.result_rows()}
    assert rows["PRJ-A"] == "Left out as you asked."


# ------------------------------------------------------------------ intake


def _fill_intake(dialog: IntakeDialog) -> None:
    dialog.nameEdit.setText("Chatbot for HR questions")
    dialog.sponsorEdit.setText("Maria Jensen")
    dialog.problemEdit.setPlainText("HR answers the same questions all day.")
    dialog.benefitsEdit.setPlainText("Half the tickets answered at once.")
    dialog.costSpin.setValue(120_000)


def test_intake_creates_a_project_in_the_first_stage_and_undo_removes_it(
    page: PrioritiesPage,
) -> None:
    ctx = page._ctx

    def fill_and_submit(dialog: IntakeDialog) -> None:
        _fill_intake(dialog)
        dialog.save()

    when_modal(fill_and_submit, IntakeDialog)  # type: ignore[arg-type]
    project_id = page.new_record()

    assert project_id is not None
    with ctx.session() as session:
        project = records.get(session, Project, project_id)
        first = session.exec(select(Stage).order_by(col(Stage.position))).first()
        assert first is not None
        assert project.stage_id == first.id
        assert (project.sponsor, project.budget) == ("Maria Jensen", 120_000.0)
        assert project.expected_benefits == "Half the tickets answered at once."
        code = project.code
    assert code in page.shown_codes()
    assert page.selected_project_ids() == [project_id]
    assert page.current_model() is Project

    ctx.undo_stack.undo()
    with ctx.session() as session:
        assert session.get(Project, project_id) is None
    assert code not in page.shown_codes()

    ctx.undo_stack.redo()
    with ctx.session() as session:
        assert records.get(session, Project, project_id).code == code
    assert code in page.shown_codes()


def test_intake_refusal_is_shown_at_the_field(page: PrioritiesPage, qtbot: QtBot) -> None:
    dialog = IntakeDialog(page._ctx, page)
    qtbot.addWidget(dialog)
    _fill_intake(dialog)
    dialog.sponsorEdit.setText("")
    dialog.save()
    assert "sponsor is required" in dialog.banner_message.lower()
    assert dialog.marked_widget is dialog.sponsorEdit
    assert dialog.sponsorEdit.property("invalid") is True
    assert dialog.result() == 0
    assert page._ctx.undo_stack.count() == 0
    dialog.discard()


def test_intake_records_objective_alignment(page: PrioritiesPage, qtbot: QtBot) -> None:
    from pmodesk.domain import ProjectObjective, StrategicObjective

    ctx = page._ctx
    with ctx.session() as session:
        objective = records.create(
            session, StrategicObjective, {"code": "OBJ-1", "name": "Serve customers online"}
        )
        objective_id = objective.id
    dialog = IntakeDialog(ctx, page)
    qtbot.addWidget(dialog)
    _fill_intake(dialog)
    dialog.set_alignment("OBJ-1", 4)
    dialog.save()
    assert dialog.project_id is not None
    with ctx.session() as session:
        link = session.exec(
            select(ProjectObjective).where(col(ProjectObjective.project_id) == dialog.project_id)
        ).one()
        assert (link.objective_id, link.contribution) == (objective_id, 4)
    ctx.undo_stack.undo()
    with ctx.session() as session:
        assert session.get(Project, dialog.project_id) is None


def test_undo_of_an_intake_archives_once_other_records_refer_to_it(
    page: PrioritiesPage, qtbot: QtBot
) -> None:
    ctx = page._ctx
    dialog = IntakeDialog(ctx, page)
    qtbot.addWidget(dialog)
    _fill_intake(dialog)
    dialog.save()
    project_id = dialog.project_id
    assert project_id is not None
    with ctx.session() as session:
        role = records.create(session, Role, {"code": "BA", "name": "Business analyst"})
        records.create(
            session,
            Allocation,
            {
                "project_id": project_id,
                "role_id": role.id,
                "week_start": date(2027, 1, 4),
                "hours": 8.0,
            },
        )
    ctx.undo_stack.undo()
    with ctx.session() as session:
        assert records.get(session, Project, project_id).archived_at is not None
    ctx.undo_stack.redo()
    with ctx.session() as session:
        assert records.get(session, Project, project_id).archived_at is None


def test_the_page_refreshes_on_project_changes(
    page: PrioritiesPage, data: dict[str, uuid.UUID]
) -> None:
    with page._ctx.session() as session:
        records.update(session, records.get(session, Project, data["PRJ-B"]), {"name": "Renamed"})
    page._ctx.notify({"project"})
    row = page.model.row_of(data["PRJ-B"])
    assert row is not None
    assert page.model.project_at(row).name == "Renamed"


# ------------------------------------------------------------------ inside the main window


def test_in_the_window_the_suggestion_runs_as_a_job_and_new_record_opens_the_intake(
    qtbot: QtBot,
    ctx: AppContext,
    data: dict[str, uuid.UUID],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pmodesk.gui import pages
    from pmodesk.gui.main_window import MainWindow

    spec = pages.PageSpec(
        "priorities", "Priorities", "portfolio", "pmodesk.gui.priorities.page:PrioritiesPage"
    )
    monkeypatch.setattr(pages, "_PAGES", [spec])
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        page = window.show_page("priorities")
        assert isinstance(page, PrioritiesPage)
        assert window.actionNewRecord.isEnabled()
        _fill_limits(page, 700_000)
        with qtbot.waitSignal(window.jobs.ended, timeout=10_000):
            page.selection.suggestButton.click()
        assert page.selection.chosen_ids() == {data["PRJ-B"], data["PRJ-C"], data["PRJ-D"]}

        opened: list[str] = []

        def cancel(dialog: IntakeDialog) -> None:
            opened.append(dialog.windowTitle())
            dialog.discard()

        when_modal(cancel, IntakeDialog)  # type: ignore[arg-type]
        window.actionNewRecord.trigger()
        assert opened == ["New idea"]
        assert ctx.undo_stack.count() == 0
    finally:
        window.jobs.cancel_all()
        window.jobs.wait(5_000)


# ------------------------------------------------------------------ criteria


def _type(qtbot: QtBot, target: QWidget, text: str) -> None:
    """Replace a field's text by typing, as a user would."""
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # type: ignore[no-untyped-call]
    qtbot.keyClick(target, Qt.Key.Key_Delete)  # type: ignore[no-untyped-call]
    qtbot.keyClicks(target, text)  # type: ignore[no-untyped-call]


def _headers(page: PrioritiesPage) -> list[str]:
    model = page.model
    return [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]


def _row_names(page: PrioritiesPage) -> list[str]:
    return [page.weights.name_label(cid).text() for cid in page.weights.criterion_ids()]


def test_a_criterion_is_created_in_the_editor_and_archived_with_undo(
    page: PrioritiesPage, qtbot: QtBot
) -> None:
    ctx = page._ctx
    before = len(page.weights.criterion_ids())
    with ctx.session() as session:
        last = max(c.position for c in session.exec(select(ScoringCriterion)).all())
    assert not page.weights.edit_button.isEnabled()
    assert "Regulatory urgency" not in _row_names(page)

    def fill_and_save(dialog: QWidget) -> None:
        assert isinstance(dialog, RecordEditorDialog)
        assert dialog.field_input("code").value() == "CRIT-001"
        for field, text in (
            ("name", "Regulatory urgency"),
            ("weight", "2"),
            ("scale_min", "0"),
            ("scale_max", "10"),
        ):
            edit = dialog.field_input(field).widget
            assert isinstance(edit, QLineEdit)
            _type(qtbot, edit, text)
        box = dialog.field_input("higher_is_better").widget
        assert isinstance(box, QCheckBox)
        assert box.isChecked()
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]

    when_modal(fill_and_save, RecordEditorDialog)
    qtbot.mouseClick(page.weights.new_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]

    with ctx.session() as session:
        stored = session.exec(
            select(ScoringCriterion).where(col(ScoringCriterion.code) == "CRIT-001")
        ).one()
        criterion_id = stored.id
        assert (stored.name, stored.weight, stored.scale_min, stored.scale_max) == (
            "Regulatory urgency",
            2.0,
            0,
            10,
        )
        assert stored.higher_is_better is False
        assert stored.position == last + 1  # placed after the existing criteria
    assert "Regulatory urgency" in _row_names(page)
    assert len(page.weights.criterion_ids()) == before + 1
    assert any("Regulatory urgency" in h or "CRIT-001" in h for h in _headers(page))
    assert page.weights.current_criterion() == criterion_id
    assert f"on {before + 1} criteria" in page.countLabel.text()

    # Archive it: the question names it, the row and the column go; undo brings both back.
    seen: list[str] = []
    answer_question("confirmButton", seen)
    qtbot.mouseClick(page.weights.archive_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert len(seen) == 1
    assert "CRIT-001" in seen[0]
    with ctx.session() as session:
        assert records.get(session, ScoringCriterion, criterion_id).archived_at is not None
    assert "Regulatory urgency" not in _row_names(page)
    assert not any("Regulatory urgency" in h or "CRIT-001" in h for h in _headers(page))
    assert page.weights.current_criterion() is None

    ctx.undo_stack.undo()
    with ctx.session() as session:
        assert records.get(session, ScoringCriterion, criterion_id).archived_at is None
    assert "Regulatory urgency" in _row_names(page)
    assert any("Regulatory urgency" in h or "CRIT-001" in h for h in _headers(page))


def test_archiving_a_criterion_can_be_declined(page: PrioritiesPage, qtbot: QtBot) -> None:
    value = _criterion(page._ctx, "VALUE")
    qtbot.mouseClick(page.weights.name_label(value.id), Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert page.weights.current_criterion() == value.id
    assert page.weights.archive_button.isEnabled()
    answer_question("safeButton")
    qtbot.mouseClick(page.weights.archive_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert value.id in page.weights.criterion_ids()
    assert page._ctx.undo_stack.count() == 0


def test_double_clicking_a_criterion_edits_it_and_undo_reverts(
    page: PrioritiesPage, qtbot: QtBot
) -> None:
    ctx = page._ctx
    value = _criterion(ctx, "VALUE")

    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, RecordEditorDialog)
        edit = dialog.field_input("name").widget
        assert isinstance(edit, QLineEdit)
        assert edit.text() == value.name
        _type(qtbot, edit, "Business value")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]

    when_modal(rename, RecordEditorDialog)
    qtbot.mouseDClick(page.weights.name_label(value.id), Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]

    assert _criterion(ctx, "VALUE").name == "Business value"
    assert page.weights.name_label(value.id).text() == "Business value"
    ctx.undo_stack.undo()
    assert _criterion(ctx, "VALUE").name == value.name
    assert page.weights.name_label(value.id).text() == value.name


def test_a_criterion_with_an_upside_down_scale_is_refused_at_the_field(
    page: PrioritiesPage, qtbot: QtBot
) -> None:
    dialog = RecordEditorDialog(page._ctx, ScoringCriterion, parent=page)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.discard_changes())
    for field, text in (("name", "Backwards"), ("scale_min", "5"), ("scale_max", "1")):
        edit = dialog.field_input(field).widget
        assert isinstance(edit, QLineEdit)
        edit.setText(text)
    dialog.save()
    assert "must be below the highest score" in dialog.banner_message
    assert dialog.marked_field == "scale_max"
    assert page._ctx.undo_stack.count() == 0
