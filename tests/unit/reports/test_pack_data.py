"""The pack's data gathering, without a PDF: scope, period, exceptions first, reasons, compliance."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import Session

from pmodesk.domain.enums import Rag
from pmodesk.domain.errors import NotFoundError, ValidationError
from pmodesk.reports import PackSettings, Scope, Section, gather_pack
from pmodesk.reports.data.model import RANK_GREEN, RANK_RED
from pmodesk.reports.data.portfolio import needs_attention
from pmodesk.services.register import RegisterFilter
from tests.unit.reports.pack_world import NAMES, PERIOD, PREVIOUS, TODAY, PackWorld

SETTINGS = PackSettings(period=PERIOD)


def codes(data: object) -> list[str]:
    return [line.code for line in data.lines]  # type: ignore[attr-defined]


def test_whole_workspace_leaves_closed_projects_out_but_counts_them(
    session: Session, world: PackWorld
) -> None:
    data = gather_pack(session, SETTINGS, today=TODAY)
    assert sorted(codes(data)) == ["PRJ-1", "PRJ-2", "PRJ-3", "PRJ-4", "PRJ-5"]
    assert data.summary is not None
    assert dict(data.summary.by_state)["Closed"] == 1
    with_closed = gather_pack(session, replace(SETTINGS, include_closed=True), today=TODAY)
    assert "PRJ-6" in codes(with_closed)


def test_portfolio_programme_and_filter_scopes(session: Session, world: PackWorld) -> None:
    programme = gather_pack(
        session, replace(SETTINGS, scope=Scope.PROGRAMME, scope_code="pgm-2"), today=TODAY
    )
    assert sorted(codes(programme)) == ["PRJ-3", "PRJ-5"]
    assert "Программа Север" in programme.scope_label
    portfolio = gather_pack(
        session, replace(SETTINGS, scope=Scope.PORTFOLIO, scope_code="PF-2"), today=TODAY
    )
    assert codes(portfolio) == ["PRJ-4"]
    red = gather_pack(
        session,
        replace(
            SETTINGS, scope=Scope.FILTER, register_filter=RegisterFilter(rags=frozenset({"red"}))
        ),
        today=TODAY,
    )
    assert sorted(codes(red)) == ["PRJ-1", "PRJ-5"]
    assert "RAG red" in red.scope_label


def test_empty_scope_and_unknown_codes_say_what_to_do(session: Session, world: PackWorld) -> None:
    nobody = RegisterFilter(text="no such project anywhere")
    with pytest.raises(ValidationError, match="no project to report on"):
        gather_pack(session, replace(SETTINGS, scope=Scope.FILTER, register_filter=nobody))
    with pytest.raises(NotFoundError, match="PGM-9"):
        gather_pack(session, replace(SETTINGS, scope=Scope.PROGRAMME, scope_code="PGM-9"))
    with pytest.raises(ValidationError, match="Name the programme"):
        gather_pack(session, replace(SETTINGS, scope=Scope.PROGRAMME, scope_code=" "))
    with pytest.raises(ValidationError, match="YYYY-MM"):
        gather_pack(session, replace(SETTINGS, period="March"))


def test_an_empty_workspace_is_a_clear_message(session: Session) -> None:
    with pytest.raises(ValidationError, match="Choose another scope"):
        gather_pack(session, SETTINGS, today=TODAY)


def test_exceptions_come_first_within_each_programme(session: Session, world: PackWorld) -> None:
    data = gather_pack(session, SETTINGS, today=TODAY)
    assert codes(data) == ["PRJ-1", "PRJ-2", "PRJ-5", "PRJ-3", "PRJ-4"]
    first, second = data.lines[0], data.lines[1]
    assert first.rank == RANK_RED
    assert second.rank == RANK_GREEN


def test_rag_comes_from_the_periods_report_with_trend(session: Session, world: PackWorld) -> None:
    data = gather_pack(session, SETTINGS, today=TODAY)
    line = {line.code: line for line in data.lines}
    assert (line["PRJ-1"].previous_rag, line["PRJ-1"].rag, line["PRJ-1"].trend) == (
        Rag.AMBER,
        Rag.RED,
        -1,
    )
    cost = next(d for d in line["PRJ-1"].dimensions if d.dimension == "cost")
    assert (cost.previous, cost.current, cost.trend) == (Rag.AMBER, Rag.RED, -1)
    # PRJ-3 did not report in the current period: the register's RAG stands in.
    assert not line["PRJ-3"].reported
    assert line["PRJ-3"].rag is Rag.AMBER
    counts = {c.rag: (c.before, c.now) for c in data.summary.by_rag}  # type: ignore[union-attr]
    assert counts[Rag.RED] == (0, 2)


def test_attention_reasons_name_the_problems(session: Session, world: PackWorld) -> None:
    data = gather_pack(session, SETTINGS, today=TODAY)
    first = data.lines[0]
    assert first.code == "PRJ-1"
    text = "; ".join(first.reasons)
    assert "Red on cost, was Amber" in text
    assert "Gate: go-live approved overdue by 19 days" in text
    assert "1 decision pending (1 overdue)" in text
    assert needs_attention(first)
    assert data.summary is not None
    assert [line.code for line in data.summary.attention][:2] == ["PRJ-1", "PRJ-5"]
    assert data.summary.overdue_decisions == 1


def test_a_past_period_without_reports_gives_a_note_not_a_crash(
    session: Session, world: PackWorld
) -> None:
    data = gather_pack(session, replace(SETTINGS, period="2025-01"), today=TODAY)
    assert data.summary is not None
    assert data.summary.reported == 0
    assert all(line.rag is None for line in data.lines)
    assert any("No project in scope has a status report for January 2025" in n for n in data.notes)
    assert data.trend[-1].not_reported == len(data.lines)


def test_checklist_compliance_hook(session: Session, world: PackWorld) -> None:
    data = gather_pack(session, SETTINGS, today=TODAY)
    page = next(p for p in data.projects if p.line.code == "PRJ-1")
    assert page.compliance is not None
    assert page.compliance.stage_name == "Delivery"
    assert (page.compliance.done, len(page.compliance.items)) == (1, 3)
    assert [i.text for i in page.compliance.missing_required] == ["Support ready"]


def test_money_evm_and_pending_decisions(session: Session, world: PackWorld) -> None:
    data = gather_pack(session, SETTINGS, today=TODAY)
    assert data.summary is not None
    assert data.summary.budget == 500_000
    assert [d.code for d in data.decisions] == ["PRJ-1-D1"]
    first = data.projects[0]
    assert first.line.evm is not None
    assert first.line.evm.cpi == pytest.approx(0.75)
    assert first.line.slip_days == 32
    assert [r.code for r in first.risks] == ["PRJ-1-R1"]
    assert data.risk_matrix[(5, 4)] == 1
    assert data.open_risk_count == 1


def test_sections_not_chosen_are_not_gathered(session: Session, world: PackWorld) -> None:
    data = gather_pack(
        session, replace(SETTINGS, sections=(Section.SUMMARY, Section.PROJECTS)), today=TODAY
    )
    assert data.heatmap is None
    assert data.appendix is None
    full = gather_pack(session, SETTINGS, today=TODAY)
    assert full.appendix is not None
    assert full.heatmap is not None


def test_names_reach_the_data_untouched(session: Session, world: PackWorld) -> None:
    data = gather_pack(session, SETTINGS, today=TODAY)
    assert {line.code: line.name for line in data.lines} == {
        code: name for code, name in NAMES.items() if code != "PRJ-6"
    }
    assert data.previous_period == PREVIOUS
    assert data.period_label == "March 2026"
