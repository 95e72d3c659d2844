"""Rows skipped by number keep their problems (marked skipped); reference columns list their texts."""

from __future__ import annotations

import datetime as dt

from import_helpers import MakeBook, options, plan, run_import
from sqlmodel import select

from pmodesk.domain import Programme, Project
from pmodesk.store import Workspace

HEADER = ["Code", "Project", "Programme", "Start", "Finish", "Budget"]
ROWS = [
    HEADER,
    ["PRJ-001", "Alpha", None, dt.date(2025, 1, 6), dt.date(2025, 6, 30), 1000],
    ["PRJ-002", None, None, dt.date(2025, 1, 6), None, None],  # no name
    ["PRJ-003", "Gamma", None, "next spring", None, "lots"],  # types
    ["PRJ-004", "Delta", None, dt.date(2025, 6, 1), dt.date(2025, 1, 1), 5],  # rule
    ["PRJ-001", "Alpha again", None, None, None, None],  # duplicate
    ["PRJ-006", "Zeta", "PGM-99", None, None, None],  # unknown programme
    ["PRJ-007", "Eta", None, None, None, None],  # fine, but skipped
]


def test_skipped_rows_keep_their_problems_marked_skipped(
    ws: Workspace, make_book: MakeBook
) -> None:
    path = make_book({"Register": ROWS})
    everything = plan(ws, path)
    assert everything.refused
    skipped = plan(ws, path, options=options(skip_rows={"Register": {3, 4, 5, 6, 7, 8}}))
    assert not skipped.refused
    assert [str(p) for p in skipped.problems] == [str(p) for p in everything.problems]
    assert len(skipped.problems) == 6
    assert all(p.skipped for p in skipped.problems)
    assert skipped.counts() == {"created": 1, "updated": 0, "unchanged": 0, "skipped": 6}
    assert [c.row for c in skipped.preview if c.action == "skip"] == [3, 4, 5, 6, 7, 8]


def test_a_skipped_row_plans_nothing_it_names(ws: Workspace, make_book: MakeBook) -> None:
    """Neither the programme "create missing" would add nor the code a duplicate would clash with."""
    path = make_book(
        {
            "Register": [
                ["Code", "Name", "Programme"],
                ["PRJ-001", "Alpha", "New programme"],
                ["PRJ-001", "Alpha", None],
            ]
        }
    )
    found, result = run_import(
        ws,
        path,
        kinds={"*": "project"},
        options=options(create_missing=True, skip_rows={"Register": {2}}),
    )
    assert found.problems == []
    assert found.counts() == {"created": 1, "updated": 0, "unchanged": 0, "skipped": 1}
    assert (result.created, result.skipped) == (1, 1)
    with ws.session() as session:
        assert session.exec(select(Programme)).all() == []
        assert [p.code for p in session.exec(select(Project))] == ["PRJ-001"]


def test_reference_columns_list_every_text_with_its_code(
    ws: Workspace, make_book: MakeBook
) -> None:
    path = make_book(
        {
            "Projects": [
                ["Code", "Project", "Stage"],
                ["PRJ-001", "Alpha", "Build"],
                ["PRJ-002", "Beta", "Delivery"],
                ["PRJ-003", "Gamma", "Whitepaper"],
                ["PRJ-004", "Delta", "Build"],
                ["PRJ-005", "Eps", "Pitch"],
            ]
        }
    )
    found = plan(ws, path, kinds={"*": "project"})
    (sheet,) = found.sheets
    assert sheet.values["stage"] == {
        "Build": "DELIVERY", "Delivery": "DELIVERY", "Whitepaper": None, "Pitch": None,
    }  # fmt: skip
    # the texts that resolve by themselves are not pinned in a mapping made from the plan
    assert "stage" not in found.to_mapping("m").sheets["Projects"].values
    mapped = found.to_mapping("m")
    mapped.sheets["Projects"].values["stage"] = {"Whitepaper": "IDEA"}
    again = plan(ws, path, mapping=mapped)
    (sheet,) = again.sheets
    assert sheet.values["stage"] == {
        "Build": "DELIVERY", "Delivery": "DELIVERY", "Whitepaper": "IDEA", "Pitch": None,
    }  # fmt: skip
    assert again.to_mapping("m").sheets["Projects"].values["stage"] == {"Whitepaper": "IDEA"}


def test_reference_texts_listed_are_capped_per_field(ws: Workspace, make_book: MakeBook) -> None:
    rows = [["Code", "Project", "Programme"]] + [
        [f"PRJ-{n:04d}", f"Project {n}", f"Programme {n}"] for n in range(520)
    ]
    found = plan(ws, make_book({"Projects": rows}), kinds={"*": "project"})
    listed = found.sheets[0].values["programme"]
    assert len(listed) == 500
    assert set(listed.values()) == {None}
    assert len([p for p in found.problems if p.letter == "C"]) == 520
