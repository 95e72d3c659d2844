"""The Templates page through its real widgets: browse and search, create a project from a
template, publish a new version, produce and edit a document, import a pack."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers_records import answer_question, when_modal
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from pmodesk.domain import Milestone, Project, ProjectDocument
from pmodesk.domain.enums import DocumentStatus, TemplateState
from pmodesk.gui.context import AppContext
from pmodesk.gui.templates.create_dialog import CreateFromTemplateDialog
from pmodesk.gui.templates.document_editor import DocumentEditorDialog
from pmodesk.gui.templates.editor_dialog import TemplateEditorDialog
from pmodesk.gui.templates.page import TemplatesPage
from pmodesk.services.setup import prepare_session
from pmodesk.services.templates import export_pack, versions_of, write_pack


@pytest.fixture
def page(ctx: AppContext, qtbot: QtBot) -> TemplatesPage:
    with ctx.session() as session:
        prepare_session(session)
    widget = TemplatesPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_library_lists_every_kind_and_searches_as_you_type(
    page: TemplatesPage, qtbot: QtBot
) -> None:
    assert len(page.visible_codes()) == 16
    assert page.count_label.text() == "16 templates"
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_edit.hasFocus()
    qtbot.keyClicks(page.search_edit, "report")
    page.search_edit.setText("rÉport")  # accents and case are ignored
    # Names, codes and descriptions are searched (Gate 3 asks for "a way of reporting").
    assert page.visible_codes() == ["GC-APPROVED", "DOC-CLOSURE-REPORT", "DOC-STATUS-REPORT"]
    assert page.count_label.text() == "3 of 16 templates"
    page.search_edit.clear()
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("gate_checklist"))
    assert page.visible_codes() == [
        "GC-IDEA",
        "GC-ASSESS",
        "GC-APPROVED",
        "GC-DELIVERY",
        "GC-CLOSING",
    ]

    page.select("GC-ASSESS")
    assert page.detail.title.text() == "Gate 2: Assessment to Approved"
    assert "Business case approved by the sponsor" in page.detail.preview.toPlainText()
    assert not page.detail.use_button.isVisible()  # only project templates make projects


def test_create_a_project_from_a_template_in_one_undoable_step(
    ctx: AppContext, page: TemplatesPage, qtbot: QtBot
) -> None:
    page.select("PT-SMALL-CHANGE")
    assert page.detail.use_button.isVisible()
    assert page.detail.use_button.isEnabled()
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, CreateFromTemplateDialog)
        assert dialog.template_code() == "PT-SMALL-CHANGE"
        seen.append(dialog.summary.text())
        assert not dialog.create_button.isEnabled()  # a name is needed first
        qtbot.keyClicks(dialog.name_edit, "Invoice layout")
        dialog.start_edit.setDate(QDate(2026, 3, 2))
        dialog.manager_combo.setEditText("Ana Silva")
        seen.append(dialog.summary.text())
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    when_modal(fill, CreateFromTemplateDialog)
    qtbot.mouseClick(page.detail.use_button, Qt.MouseButton.LeftButton)

    assert "4 milestones" in seen[-1]
    assert "25 May 2026" in seen[-1]
    with ctx.session() as session:
        project = session.exec(select(Project)).one()
        assert (project.name, project.manager, project.template_code) == (
            "Invoice layout",
            "Ana Silva",
            "PT-SMALL-CHANGE",
        )
        dates = sorted(m.baseline_date for m in session.exec(select(Milestone)))
    assert dates[0] == date(2026, 3, 2)
    assert dates[-1] == date(2026, 5, 25)
    assert "Invoice layout created" in page.message_label.text()
    row = next(r for r in page.model.rows if r.code == "PT-SMALL-CHANGE")
    assert row.projects == 1

    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    with ctx.session() as session:
        assert session.exec(select(Project)).all() == []
        assert session.exec(select(Milestone)).all() == []
    ctx.undo_stack.redo()
    with ctx.session() as session:
        assert session.exec(select(Project)).one().id == project.id


def test_publish_a_new_version_through_the_editor_and_the_publish_button(
    ctx: AppContext, page: TemplatesPage, qtbot: QtBot
) -> None:
    page.select("DOC-CHARTER")
    assert page.detail.edit_button.text() == "&Edit (new version)…"
    assert not page.detail.publish_button.isVisible()

    seen: list[str] = []

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, TemplateEditorDialog)
        seen.extend([dialog.intro.text(), dialog.problems.text()])
        dialog.name_edit.selectAll()
        qtbot.keyClicks(dialog.name_edit, "Project charter (one page)")
        qtbot.keyClicks(dialog.note_edit, "Shorter, one page")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen.append(dialog.error_label.text())
        if dialog.isVisible():  # never leave a modal dialog open behind a failed step
            dialog.reject()

    when_modal(edit, TemplateEditorDialog)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)

    assert "new draft, version 2" in seen[0]
    assert "can be published" in seen[1]
    assert seen[2] == ""
    with ctx.session() as session:
        states = [(v.template_version, v.state) for v in versions_of(session, "DOC-CHARTER")]
    assert states == [(2, TemplateState.DRAFT), (1, TemplateState.PUBLISHED)]
    assert page.detail.publish_button.isVisible()
    assert page.detail.publish_button.text() == "&Publish version 2"
    assert "version 2 is a draft" in page.detail.subtitle.text()

    answer_question("confirmButton")
    qtbot.mouseClick(page.detail.publish_button, Qt.MouseButton.LeftButton)

    with ctx.session() as session:
        states = [(v.template_version, v.state) for v in versions_of(session, "DOC-CHARTER")]
    assert states == [(2, TemplateState.PUBLISHED), (1, TemplateState.RETIRED)]
    assert page.detail.title.text() == "Project charter (one page)"
    assert page.detail.versions.rowCount() == 2
    assert page.detail.versions.item(0, 4).text() == "Shorter, one page"
    assert not page.detail.publish_button.isVisible()

    ctx.undo_stack.undo()  # the publish
    ctx.undo_stack.undo()  # the new version
    with ctx.session() as session:
        states = [(v.template_version, v.state) for v in versions_of(session, "DOC-CHARTER")]
    assert states == [(1, TemplateState.PUBLISHED)]


def test_a_document_is_produced_edited_and_saved_in_one_step(
    ctx: AppContext, page: TemplatesPage, qtbot: QtBot, tmp_path: Path
) -> None:
    from pmodesk.services.templates import create_project_from_template

    with ctx.session() as session:
        made = create_project_from_template(
            session, "PT-STANDARD", name="Portal", start=date(2026, 1, 5), sponsor="Bo Li"
        )
        document = session.exec(
            select(ProjectDocument).where(ProjectDocument.template_code == "DOC-CHARTER")
        ).one()
    dialog = DocumentEditorDialog(ctx, document.id, page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    sponsor = dialog._inputs["sponsor"]
    assert sponsor.text() == "Bo Li"  # type: ignore[union-attr]
    qtbot.keyClicks(dialog._sections["scope"], "Web and app.")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("complete"))
    budget = dialog._inputs["budget"]
    qtbot.keyClicks(budget, "lots")  # type: ignore[arg-type]
    qtbot.mouseClick(dialog.findChild(QWidget, "titleEdit"), Qt.MouseButton.LeftButton)
    dialog.accept()
    assert dialog.error_label.text() == "Approved budget: 'lots' is not a number."
    budget.clear()  # type: ignore[union-attr]
    qtbot.keyClicks(budget, "250,000")  # type: ignore[arg-type]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()

    with ctx.session() as session:
        saved = session.get(ProjectDocument, document.id)
        assert saved is not None
        assert saved.status is DocumentStatus.COMPLETE
        assert saved.body["sections"]["scope"] == "Web and app."
        assert saved.body["fields"]["budget"] == 250000.0
    ctx.undo_stack.undo()
    with ctx.session() as session:
        saved = session.get(ProjectDocument, document.id)
        assert saved is not None
        assert saved.status is DocumentStatus.DRAFT

    compliance = page.compliance
    page.tabs.setCurrentWidget(compliance)
    compliance.select_project(made.project_id)
    assert compliance.documents.rowCount() == 6
    assert "Portal" in compliance.project_label.text()


def test_importing_a_pack_shows_the_plan_before_anything_changes(
    ctx: AppContext,
    page: TemplatesPage,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dataclasses import replace

    from pmodesk.gui.templates import page as page_module
    from pmodesk.gui.templates.pack_dialog import PackImportDialog
    from pmodesk.services.templates import read_pack

    with ctx.session() as session:
        path = write_pack(export_pack(session, ["DOC-CHARTER"]), tmp_path / "b.pmtpl")
    versions = read_pack(path)
    newer = [*versions, replace(versions[0], version=2, name="Charter (office B)")]
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    data["templates"].append({**data["templates"][0], "version": 2, "name": newer[-1].name})
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(page_module.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    seen: list[str] = []

    def check(dialog: QWidget) -> None:
        assert isinstance(dialog, PackImportDialog)
        seen.append(dialog.table.item(0, 0).text())
        with ctx.session() as session:
            assert len(versions_of(session, "DOC-CHARTER")) == 1  # nothing written yet
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    when_modal(check, PackImportDialog)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert seen == ["Newer than local"]
    with ctx.session() as session:
        assert versions_of(session, "DOC-CHARTER")[0].name == "Charter (office B)"
    assert "Imported 1 template versions" in page.message_label.text()
