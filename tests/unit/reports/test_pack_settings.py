"""Pack settings: checked when given, forgiving when read back, kept in the workspace and audited."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import Session, select

from pmodesk.domain import AuditEvent
from pmodesk.domain.errors import ValidationError
from pmodesk.reports import (
    PackSettings,
    Paper,
    Scope,
    Section,
    load_pack_settings,
    save_pack_settings,
)
from pmodesk.reports.settings import PACK_SETTINGS_KEY, filter_from_json, filter_to_json
from pmodesk.services.register import RegisterFilter


def test_round_trip_through_json() -> None:
    settings = PackSettings(
        scope=Scope.FILTER,
        register_filter=RegisterFilter(text="cloud", rags=frozenset({"red", ""})),
        sections=(Section.SUMMARY, Section.RISKS),
        paper=Paper.LETTER,
        landscape=True,
        title="Board pack – Ωmega",
        classification="Confidential",
        heatmap_weeks=26,
    )
    assert PackSettings.from_json(settings.to_json()) == settings


def test_damaged_values_fall_back_to_defaults() -> None:
    read = PackSettings.from_json(
        {
            "scope": "galaxy",
            "paper": 4,
            "landscape": "yes",
            "sections": ["risks", "nonsense"],
            "heatmap_weeks": True,
            "title": ["not", "text"],
            "unknown": 1,
        }
    )
    assert read.scope is Scope.WORKSPACE
    assert read.paper is Paper.A4
    assert not read.landscape
    assert read.sections == (Section.RISKS,)
    assert read.heatmap_weeks == 13
    assert read.title == PackSettings().title
    assert PackSettings.from_json("garbage") == PackSettings()
    assert filter_from_json(None) == RegisterFilter()


def test_filter_json_keeps_every_choice() -> None:
    wanted = RegisterFilter(text="x", stages=frozenset({"IDEA"}), managers=frozenset({"Zoë"}))
    assert filter_from_json(filter_to_json(wanted)) == wanted


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"scope": Scope.PORTFOLIO}, "Name the portfolio"),
        ({"period": "2026-13"}, "YYYY-MM"),
        ({"sections": ()}, "at least one section"),
        ({"title": "x" * 201}, "title is longer"),
        ({"heatmap_weeks": 0}, "1 to 52 weeks"),
    ],
)
def test_validated_names_the_wrong_value(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        replace(PackSettings(), **changes).validated()  # type: ignore[arg-type]


def test_validated_cleans_and_orders() -> None:
    clean = replace(
        PackSettings(), title="  ", sections=(Section.APPENDIX, Section.SUMMARY), period=" 2026-03 "
    ).validated()
    assert clean.title == PackSettings().title
    assert clean.sections == (Section.SUMMARY, Section.APPENDIX)
    assert clean.period == "2026-03"


def test_saved_in_the_workspace_and_audited(session: Session) -> None:
    assert load_pack_settings(session) == PackSettings()
    chosen = PackSettings(title="Πακέτο", landscape=True)
    save_pack_settings(session, chosen, source="test")
    assert load_pack_settings(session) == chosen
    save_pack_settings(session, chosen)  # unchanged: no second event
    save_pack_settings(session, replace(chosen, landscape=False))
    events = session.exec(select(AuditEvent).where(AuditEvent.field == PACK_SETTINGS_KEY)).all()
    assert [e.action.value for e in events] == ["create", "update"]
