"""The register's rows (one query, joined names) and its Qt-free filter."""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing
from datetime import date
from typing import Any

import pytest
from sqlmodel import Session

from pmodesk.domain import Portfolio, Programme, Project, Stage
from pmodesk.domain.enums import ProjectState, Rag
from pmodesk.services import records
from pmodesk.services.register import (
    RegisterFilter,
    filter_choices,
    fold,
    project_count,
    register_row,
    register_rows,
    register_snapshot,
    search_text,
    to_register_row,
)
from pmodesk.store import Workspace


@pytest.fixture
def portfolio_data(session: Session) -> dict[str, Any]:
    idea = records.create(session, Stage, {"code": "IDEA", "name": "Idea", "position": 0})
    delivery = records.create(
        session, Stage, {"code": "DELIVERY", "name": "Delivery", "position": 3}
    )
    digital = records.create(session, Portfolio, {"code": "PF-DIG", "name": "Digital"})
    estates = records.create(session, Portfolio, {"code": "PF-EST", "name": "Estates"})
    crm = records.create(
        session, Programme, {"code": "PG-CRM", "name": "Customer first", "portfolio_id": digital.id}
    )
    p1 = records.create(
        session,
        Project,
        {
            "code": "PRJ-1",
            "name": "Portail client",
            "manager": "Zoë Ørsted",
            "programme_id": crm.id,
            "stage_id": delivery.id,
            "rag_overall": "red",
            "budget": 120000,
            "forecast_finish": date(2026, 6, 30),
            "tags": "web, customer",
        },
    )
    p2 = records.create(
        session,
        Project,
        {
            "code": "PRJ-2",
            "name": "New boiler house",
            "manager": "Иван Петров",
            "portfolio_id": estates.id,
            "stage_id": idea.id,
            "state": "on_hold",
        },
    )
    p3 = records.create(session, Project, {"code": "PRJ-3", "name": "Old archive scan"})
    records.archive(session, p3)
    return {"p1": p1, "p2": p2, "p3": p3, "crm": crm, "digital": digital}


def test_rows_join_portfolio_programme_and_stage(
    session: Session, portfolio_data: dict[str, Any]
) -> None:
    rows = {row.code: row for row in register_rows(session)}

    assert set(rows) == {"PRJ-1", "PRJ-2"}
    first = rows["PRJ-1"]
    assert (first.programme_code, first.programme_name) == ("PG-CRM", "Customer first")
    # The portfolio comes through the programme when the project names none itself.
    assert (first.portfolio_code, first.portfolio_name) == ("PF-DIG", "Digital")
    assert (first.stage_code, first.stage_name, first.stage_position) == ("DELIVERY", "Delivery", 3)
    assert first.rag_overall is Rag.RED
    assert first.budget == 120000
    assert first.forecast_finish == date(2026, 6, 30)
    assert first.tag_list == ["web", "customer"]
    second = rows["PRJ-2"]
    assert second.portfolio_code == "PF-EST"
    assert second.programme_code == ""
    assert second.state is ProjectState.ON_HOLD
    assert second.rag_overall is None


def test_archived_rows_only_on_request(session: Session, portfolio_data: dict[str, Any]) -> None:
    every = {row.code: row for row in register_rows(session, include_archived=True)}

    assert every["PRJ-3"].archived is True
    assert every["PRJ-1"].archived is False
    assert project_count(session) == 3
    assert project_count(session, include_archived=False) == 2


def test_one_row_and_changes_since(session: Session, portfolio_data: dict[str, Any]) -> None:
    p1 = portfolio_data["p1"]
    before = register_row(session, p1.id)
    assert before is not None
    watermark = max(row.updated_at for row in register_rows(session, include_archived=True))
    records.update(session, p1, {"name": "Portail client v2"})

    after = register_row(session, p1.id)
    changed = register_rows(session, include_archived=True, changed_since=watermark)

    assert after is not None
    assert after.name == "Portail client v2"
    assert after.version == before.version + 1
    assert [row.code for row in changed if row.updated_at > watermark] == ["PRJ-1"]


def test_filter_choices_list_what_exists(session: Session, portfolio_data: dict[str, Any]) -> None:
    choices = filter_choices(session)

    assert [key for key, _ in choices.portfolios] == ["PF-DIG", "PF-EST"]
    assert [key for key, _ in choices.programmes] == ["PG-CRM", ""]
    assert [label for _, label in choices.stages] == ["Idea", "Delivery"]
    assert ("Zoë Ørsted", "Zoë Ørsted") in choices.managers
    assert ("on_hold", "On hold") in choices.states


def test_fold_drops_accents_and_case() -> None:
    assert fold("Zoë ÅNGSTRÖM Йосиф") == "zoe angstrom иосиф"
    assert fold("Ørsted Łódź Straße") == "orsted lodz strasse"
    assert fold("plain") == "plain"


def test_filter_by_text_is_accent_and_case_insensitive(
    session: Session, portfolio_data: dict[str, Any]
) -> None:
    rows = register_rows(session, include_archived=True)

    def codes(wanted: RegisterFilter) -> list[str]:
        return sorted(row.code for row in wanted.apply(rows))

    assert codes(RegisterFilter()) == ["PRJ-1", "PRJ-2"]
    assert codes(RegisterFilter(text="zoe orsted")) == ["PRJ-1"]
    assert codes(RegisterFilter(text="ПЕТРОВ")) == ["PRJ-2"]
    assert codes(RegisterFilter(text="customer")) == ["PRJ-1"]  # programme name and tag
    assert codes(RegisterFilter(text="prj")) == ["PRJ-1", "PRJ-2"]
    assert codes(RegisterFilter(rags=frozenset({"red"}))) == ["PRJ-1"]
    assert codes(RegisterFilter(rags=frozenset({""}))) == ["PRJ-2"]
    assert codes(RegisterFilter(states=frozenset({"on_hold"}))) == ["PRJ-2"]
    assert codes(RegisterFilter(programmes=frozenset({""}))) == ["PRJ-2"]
    assert codes(RegisterFilter(portfolios=frozenset({"PF-DIG"}))) == ["PRJ-1"]
    assert codes(RegisterFilter(stages=frozenset({"IDEA"}))) == ["PRJ-2"]
    assert codes(RegisterFilter(managers=frozenset({"Иван Петров"}))) == ["PRJ-2"]
    assert codes(RegisterFilter(show_archived=True)) == ["PRJ-1", "PRJ-2", "PRJ-3"]
    assert codes(RegisterFilter(text="archive", show_archived=True)) == ["PRJ-3"]


def test_bulk_flags_agree_with_single_rows(
    session: Session, portfolio_data: dict[str, Any]
) -> None:
    rows = register_rows(session, include_archived=True)
    texts = [search_text(row) for row in rows]
    for wanted in (
        RegisterFilter(),
        RegisterFilter(show_archived=True),
        RegisterFilter(text="o", rags=frozenset({"red", ""})),
    ):
        assert wanted.accepted(rows, texts) == [wanted.matches(row) for row in rows]
    assert RegisterFilter().is_empty
    assert not RegisterFilter(text=" x ").is_empty
    assert RegisterFilter(text="  ").is_empty


def test_rows_read_with_sqlite3_are_the_same_as_through_the_store(
    session: Session, workspace: Workspace, portfolio_data: dict[str, Any]
) -> None:
    session.commit()  # the stdlib connection sees committed data only
    assert workspace.path is not None
    stored = register_rows(session, include_archived=True)
    newest = max(row.updated_at for row in stored)
    with closing(sqlite3.connect(workspace.path)) as conn:
        direct = register_rows(conn, include_archived=True)
        assert direct == stored
        assert [row.code for row in direct] == ["PRJ-1", "PRJ-2", "PRJ-3"]
        first = direct[0]
        assert isinstance(first.id, uuid.UUID)
        assert first.id == portfolio_data["p1"].id
        assert first.rag_overall is Rag.RED
        assert first.state is ProjectState.ACTIVE
        assert first.forecast_finish == date(2026, 6, 30)
        assert first.updated_at.tzinfo is not None
        assert direct[2].archived is True
        assert register_rows(conn) == register_rows(session)
        assert register_rows(conn, changed_since=newest) == register_rows(
            session, changed_since=newest
        )
        p2 = portfolio_data["p2"].id
        assert register_row(conn, p2) == register_row(session, p2)
        assert register_row(conn, uuid.uuid4()) is None
        assert project_count(conn) == project_count(session) == 3
        assert project_count(conn, include_archived=False) == 2
        assert filter_choices(conn) == filter_choices(session)
        assert register_snapshot(conn, "test", workspace.path) == register_snapshot(
            session, "test", workspace.path
        )


def test_rows_from_a_driver_with_native_types_convert_the_same(
    session: Session, portfolio_data: dict[str, Any]
) -> None:
    """PostgreSQL returns UUID, date and aware datetime objects instead of SQLite's text."""
    row = register_rows(session)[0]
    native = [
        row.id,
        *row[1:10],
        row.state.value,
        *(rag.value if rag else None for rag in row[11:16]),
        *row[16:19],
        *row[19:23],
        *row[23:28],
        row.tags,
        row.archived,
        row.version,
        row.updated_at,
    ]
    assert to_register_row(native) == row
