"""Redo of an undone import: the same records under the same ids, refused when something changed."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from typing import Any

import pytest
from import_helpers import MakeBook, run_import
from sqlmodel import select

from pmodesk.domain import AuditEvent, Project
from pmodesk.errors import ConflictError
from pmodesk.exchange.importing import redo_import, undo_import
from pmodesk.services import records
from pmodesk.store import Workspace

PROJECTS = [
    ["Code", "Name", "Manager", "Stage", "Status", "RAG", "Start", "Finish", "Budget"],
    ["PRJ-001", "Alpha", "Ann Lee", "Delivery", "Active", "Green", dt.date(2025, 1, 6), dt.date(2025, 9, 30), 120000],
    ["PRJ-002", "Beta", "Bo Chen", "Idea", "On hold", "Amber", dt.date(2025, 3, 3), None, 50000],
]  # fmt: skip
SECOND = [
    PROJECTS[0],
    ["PRJ-001", "Alpha 2", "Zoe", "Closing", "Closed", "Red", dt.date(2025, 1, 13), None, 99],
    ["PRJ-003", "Gamma", "Cy Dunn", "Idea", "Active", "Green", dt.date(2025, 4, 7), None, 10],
]  # fmt: skip
MILESTONES = [
    ["Code", "Project", "Milestone", "Baseline date"],
    ["MS-1", "PRJ-003", "Kick-off", dt.date(2025, 4, 7)],
]
_VOLATILE = frozenset({"updated_at", "version"})


def rows(workspace: Workspace, table: str) -> dict[str, dict[str, Any]]:
    """Every row of ``table`` by id, without its version and time of last change."""
    assert workspace.path is not None
    with closing(sqlite3.connect(f"file:{workspace.path}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        return {
            str(r["id"]): {k: r[k] for k in r.keys() if k not in _VOLATILE}  # noqa: SIM118 (a Row iterates values)
            for r in conn.execute(f"SELECT * FROM {table}")
        }


def test_redo_gives_back_the_same_rows_under_the_same_ids(
    ws: Workspace, make_book: MakeBook
) -> None:
    run_import(ws, make_book({"P": PROJECTS}, name="first.xlsx"))
    book = make_book({"Projects": SECOND, "Milestones": MILESTONES}, name="second.xlsx")
    _plan, result = run_import(ws, book)
    imported = {t: rows(ws, t) for t in ("project", "milestone")}
    with ws.session() as session:
        undone = undo_import(session, result.batch)
    assert (undone.deleted, undone.restored) == (2, 1)
    assert rows(ws, "project") != imported["project"]
    assert rows(ws, "milestone") == {}
    with ws.session() as session:
        redone = redo_import(session, result.batch)
    assert (redone.batch, redone.created, redone.updated) == (result.batch, 2, 1)
    assert {t: rows(ws, t) for t in ("project", "milestone")} == imported
    with ws.session() as session:
        trail = session.exec(select(AuditEvent).where(AuditEvent.source.startswith("redo"))).all()
        assert {e.source for e in trail} == {f"redo of import {result.batch}"}
        assert sorted((e.action.value, e.code) for e in trail if not e.field) == [
            ("create", "MS-1"), ("create", "PRJ-003"),
        ]  # fmt: skip
        with pytest.raises(ConflictError, match="only an undone import"):
            redo_import(session, result.batch)
    # and round again: undo and redo as often as the user likes
    with ws.session() as session:
        assert undo_import(session, result.batch).deleted == 2
    with ws.session() as session:
        assert redo_import(session, result.batch).created == 2
    assert {t: rows(ws, t) for t in ("project", "milestone")} == imported


def test_redo_refused_when_a_record_changed_since_the_undo(
    ws: Workspace, make_book: MakeBook
) -> None:
    run_import(ws, make_book({"P": PROJECTS}, name="first.xlsx"))
    _plan, result = run_import(ws, make_book({"P": SECOND}, name="second.xlsx"))
    with ws.session() as session:
        undo_import(session, result.batch)
    with ws.session() as session:
        alpha = records.get_by_code(session, Project, "PRJ-001")
        records.update(session, alpha, {"sponsor": "New sponsor"})
    before = rows(ws, "project")
    with (
        ws.session() as session,
        pytest.raises(
            ConflictError, match="project PRJ-001 was changed after the import was undone"
        ),
    ):
        redo_import(session, result.batch)
    assert rows(ws, "project") == before


def test_redo_refused_when_a_created_code_was_taken_since(
    ws: Workspace, make_book: MakeBook
) -> None:
    _plan, result = run_import(ws, make_book({"P": PROJECTS}, name="first.xlsx"))
    with ws.session() as session:
        undo_import(session, result.batch)
    with ws.session() as session:
        records.create(session, Project, {"code": "PRJ-002", "name": "Someone else's"})
    with ws.session() as session, pytest.raises(ConflictError, match="code is taken"):
        redo_import(session, result.batch)
    assert [p["code"] for p in rows(ws, "project").values()] == ["PRJ-002"]
