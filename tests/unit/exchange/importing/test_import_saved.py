"""Mappings saved by name or to a file and reused; workbooks that describe themselves (_pmodesk)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from import_helpers import MakeBook, plan, run_import
from sqlmodel import select

from pmodesk.domain import AuditEvent, Project, WorkspaceSetting
from pmodesk.domain.enums import ProjectState, Rag
from pmodesk.errors import NotFoundError, ValidationError
from pmodesk.exchange.importing import (
    SavedMapping,
    SheetMapping,
    delete_mapping,
    list_mappings,
    load_mapping,
    save_mapping,
)
from pmodesk.services import records
from pmodesk.store import Workspace

MONTHLY = [
    ["Ref", "Initiative", "Health", "Phase", "Comment"],
    ["X-1", "Alpha", "Blue", "Build", "fine"],
    ["X-2", "Beta", "Grey", "Idea", "paused"],
]


@pytest.fixture
def monthly(make_book: MakeBook) -> Path:
    return make_book({"March": MONTHLY}, name="march.xlsx")


def mapping() -> SavedMapping:
    return SavedMapping(
        "Monthly tracker",
        {
            "*": SheetMapping(
                kind="project",
                columns={
                    "Ref": "code",
                    "Initiative": "name",
                    "Health": "rag_overall",
                    "Phase": "stage",
                    "Comment": None,
                },
                values={"rag_overall": {"Blue": "green", "Grey": "amber"}},
            )
        },
    )


def test_a_mapping_saved_by_name_is_reused_next_month(
    ws: Workspace, monthly: Path, make_book: MakeBook
) -> None:
    unmapped = plan(ws, monthly, kinds={"*": "project"})
    # "Blue" and "Grey" are no RAG colours, so the column is not taken for one by itself
    assert "Health" not in unmapped.sheets[0].mapping
    with ws.session() as session:
        save_mapping(session, mapping())
        assert list_mappings(session) == ["Monthly tracker"]
        row = session.exec(
            select(WorkspaceSetting).where(WorkspaceSetting.key == "import.mapping.Monthly tracker")
        ).one()
        assert row.value["sheets"]["*"]["kind"] == "project"
        event = session.exec(
            select(AuditEvent).where(AuditEvent.entity == "workspace_setting")
        ).all()[-1]
        assert (event.action.value, event.new) == ("create", "Monthly tracker")
    found, result = run_import(ws, monthly, mapping="Monthly tracker")
    (sheet,) = found.sheets
    assert (sheet.kind, sheet.detected) == ("project", False)
    assert {c.header: (c.field, c.how) for c in sheet.columns} == {
        "Ref": ("code", "saved"), "Initiative": ("name", "saved"), "Health": ("rag_overall", "saved"),
        "Phase": ("stage", "saved"), "Comment": (None, ""),
    }  # fmt: skip
    assert result.created == 2
    april = make_book(
        {"April": [MONTHLY[0], ["X-1", "Alpha", "Grey", "Build", ""], MONTHLY[2]]},
        name="april.xlsx",
    )
    _found, result = run_import(ws, april, mapping="Monthly tracker")
    assert (result.updated, result.unchanged) == (1, 1)
    with ws.session() as session:
        assert records.get_by_code(session, Project, "X-1").rag_overall == Rag.AMBER
        assert records.get_by_code(session, Project, "X-2").state == ProjectState.ACTIVE


def test_mapping_from_a_plan_and_as_a_json_file(
    ws: Workspace, monthly: Path, tmp_path: Path
) -> None:
    found = plan(ws, monthly, mapping=mapping())
    saved = found.to_mapping("From plan")
    sheet = saved.sheets["March"]
    assert sheet.kind == "project"
    assert sheet.columns["Health"] == "rag_overall"
    assert sheet.values["rag_overall"] == {"Blue": "green", "Grey": "amber"}
    assert sheet.values["stage"] == {} if "stage" in sheet.values else True
    path = tmp_path / "tracker.json"
    saved.write(path)
    again = plan(ws, monthly, mapping=path)
    assert not again.refused
    assert again.counts()["created"] == 2
    assert SavedMapping.read(path).name == "From plan"
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    with pytest.raises(ValidationError, match=r'"bad\.json" is not a saved import mapping'):
        plan(ws, monthly, mapping=bad)


def test_unknown_and_deleted_mappings(ws: Workspace, monthly: Path) -> None:
    with pytest.raises(
        NotFoundError, match="no saved import mapping called 'Nope' \\(none are saved yet\\)"
    ):
        plan(ws, monthly, mapping="Nope")
    with ws.session() as session:
        save_mapping(session, mapping())
        assert load_mapping(session, "Monthly tracker").sheets["*"].columns["Ref"] == "code"
        delete_mapping(session, "Monthly tracker")
        assert list_mappings(session) == []
        with pytest.raises(ValidationError, match="mapping name"):
            save_mapping(session, mapping(), name="")


def test_a_workbook_that_describes_itself_needs_no_mapping(
    ws: Workspace, make_book: MakeBook
) -> None:
    path = make_book(
        {
            "Read me": [["How to fill this workbook"], ["Change the cells, keep the codes."]],
            "Register": [
                ["Portfolio register"],
                ["Exported 2026-03-18"],
                ["Code", "Name", "Planned finish", "Overall RAG"],
                ["PRJ-7", "Seven", dt.date(2026, 5, 1), "Amber"],
            ],
            "Summary": [["Projects", 1]],
            "_pmodesk": [
                ["pmodesk", 1],
                ["kind", "export"],
                ["exported", "2026-03-18T10:00:00"],
                [],
                ["sheet", "kind", "column", "field"],
                ["Register", "project", "Code", "code"],
                ["Register", "project", "Name", "name"],
                ["Register", "project", "Planned finish", "planned_finish"],
                ["Register", "project", "Overall RAG", "rag_overall"],
            ],
        },
        hidden=["_pmodesk"],
    )
    found, result = run_import(ws, path)
    (sheet,) = found.sheets  # "Read me" and "Summary" are not imported
    assert (sheet.sheet, sheet.kind, sheet.header_row, sheet.detected, sheet.confidence) == (
        "Register", "project", 3, False, 1.0,
    )  # fmt: skip
    assert all(c.how == "pmodesk" and c.confidence == 1.0 for c in sheet.columns)
    assert result.created == 1
    with ws.session() as session:
        seven = records.get_by_code(session, Project, "PRJ-7")
        assert (seven.planned_finish, seven.rag_overall) == (dt.date(2026, 5, 1), Rag.AMBER)


def test_records_matched_on_a_key_the_mapping_names(ws: Workspace, make_book: MakeBook) -> None:
    from pmodesk.domain import Person

    people = [
        ["Code", "Name", "Email"],
        ["EMP-1", "Ann Lee", "ann@example.org"],
        ["EMP-2", "Bo Chen", "bo@example.org"],
    ]
    run_import(ws, make_book({"People": people}, name="people.xlsx"))
    hr = make_book(
        {
            "HR": [
                ["Staff no", "Full name", "E-mail"],
                ["S-100", "Ann Lee-Smith", "ANN@example.org"],
                ["S-200", "Cy Diaz", "cy@example.org"],
            ]
        },
        name="hr.xlsx",
    )
    by_email = SavedMapping(
        "HR list",
        {
            "*": SheetMapping(
                "person", {"Staff no": None, "Full name": "name", "E-mail": "email"}, key=("email",)
            )
        },
    )
    found, result = run_import(ws, hr, mapping=by_email)
    assert found.sheets[0].key == ("email",)
    assert (result.created, result.updated) == (1, 1)
    (update,) = [c for c in found.preview if c.action == "update"]
    assert update.key == "EMP-1"
    assert update.changes == {
        "name": ("Ann Lee", "Ann Lee-Smith"), "email": ("ann@example.org", "ANN@example.org"),
    }  # fmt: skip
    with ws.session() as session:
        names = {p.code: p.name for p in session.exec(select(Person))}
    assert names == {"EMP-1": "Ann Lee-Smith", "EMP-2": "Bo Chen", "EMP-3": "Cy Diaz"}
    _found, again = run_import(ws, hr, mapping=by_email)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
