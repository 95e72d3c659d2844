"""Workspace settings: defaults, typed values, validation naming the key, and the audit trail."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, select

from pmodesk.domain import AuditEvent, WorkspaceSetting
from pmodesk.domain.enums import AuditAction, GateMode
from pmodesk.domain.errors import ValidationError
from pmodesk.services import settings
from pmodesk.services.settings import all_settings, get_setting, set_setting


def _events(session: Session) -> list[AuditEvent]:
    return list(session.exec(select(AuditEvent).where(AuditEvent.entity == "workspace_setting")))


def test_unset_settings_read_as_their_defaults(session: Session) -> None:
    assert get_setting(session, "gate_mode") is GateMode.SUPPORTIVE
    assert get_setting(session, "default_weekly_capacity_hours") == 37.5
    assert get_setting(session, "period_length_months") == 1
    assert get_setting(session, "over_allocation_threshold") == 1.0
    assert get_setting(session, "under_use_threshold") == 0.5
    assert get_setting(session, "currency") == "EUR"
    assert get_setting(session, "organisation_name") == ""
    assert session.exec(select(WorkspaceSetting)).first() is None


def test_set_values_come_back_typed(session: Session) -> None:
    set_setting(session, "gate_mode", "Directive")
    set_setting(session, "default_weekly_capacity_hours", "40")
    set_setting(session, "period_length_months", 3)
    set_setting(session, "currency", " gbp ")
    set_setting(session, "organisation_name", "  Northwind Group ")

    assert get_setting(session, "gate_mode") is GateMode.DIRECTIVE
    assert get_setting(session, "default_weekly_capacity_hours") == 40.0
    assert get_setting(session, "period_length_months") == 3
    assert get_setting(session, "currency") == "GBP"
    assert get_setting(session, "organisation_name") == "Northwind Group"
    stored = session.exec(select(WorkspaceSetting).where(WorkspaceSetting.key == "gate_mode")).one()
    assert stored.value == "directive"


def test_all_settings_lists_every_key_with_defaults_filled_in(session: Session) -> None:
    set_setting(session, "currency", "CHF")
    values = all_settings(session)
    assert set(values) == set(settings.SPECS)
    assert values["currency"] == "CHF"
    assert values["gate_mode"] is GateMode.SUPPORTIVE


def test_an_unknown_key_is_refused_naming_it(session: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        set_setting(session, "colour_scheme", "dark")
    assert caught.value.field == "colour_scheme"
    assert "colour_scheme" in caught.value.message
    with pytest.raises(ValidationError):
        get_setting(session, "colour_scheme")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("gate_mode", "strict"),
        ("default_weekly_capacity_hours", -1),
        ("default_weekly_capacity_hours", 0),
        ("default_weekly_capacity_hours", 200),
        ("default_weekly_capacity_hours", "lots"),
        ("default_weekly_capacity_hours", True),
        ("period_length_months", 5),
        ("period_length_months", 1.5),
        ("over_allocation_threshold", 0),
        ("under_use_threshold", 1.5),
        ("currency", "EURO"),
        ("currency", 978),
        ("organisation_name", 42),
        ("organisation_name", "x" * 201),
    ],
)
def test_bad_values_are_refused_with_the_key_named(session: Session, key: str, value: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        set_setting(session, key, value)
    assert caught.value.field == key
    assert key in caught.value.message
    assert caught.value.message.endswith(".")
    assert session.exec(select(WorkspaceSetting)).first() is None
    assert _events(session) == []


def test_under_use_must_stay_below_over_allocation(session: Session) -> None:
    set_setting(session, "over_allocation_threshold", 0.9)
    with pytest.raises(ValidationError, match="below the over-allocation threshold"):
        set_setting(session, "under_use_threshold", 0.95)
    with pytest.raises(ValidationError, match="above the under-use threshold"):
        set_setting(session, "over_allocation_threshold", 0.4)
    assert get_setting(session, "over_allocation_threshold") == 0.9


def test_changes_are_audited_with_old_and_new_values(session: Session) -> None:
    set_setting(session, "currency", "GBP")
    set_setting(session, "currency", "USD")
    set_setting(session, "currency", "USD")  # unchanged: nothing to audit

    events = sorted(_events(session), key=lambda e: (e.at, e.action != AuditAction.CREATE))
    assert [(e.action, e.field, e.old, e.new, e.user) for e in events] == [
        (AuditAction.CREATE, "currency", None, "GBP", "tester"),
        (AuditAction.UPDATE, "currency", "GBP", "USD", "tester"),
    ]
    row = session.exec(select(WorkspaceSetting).where(WorkspaceSetting.key == "currency")).one()
    assert row.version == 2
    assert {e.entity_id for e in events} == {row.id}


def test_a_damaged_stored_value_reads_as_the_default(session: Session) -> None:
    session.add(WorkspaceSetting(key="period_length_months", value="often"))
    session.flush()
    assert get_setting(session, "period_length_months") == 1
    assert all_settings(session)["period_length_months"] == 1


def test_seed_defaults_writes_only_missing_keys(session: Session) -> None:
    set_setting(session, "currency", "SEK")
    written = settings.seed_defaults(session)
    assert written == len(settings.SPECS) - 1
    assert get_setting(session, "currency") == "SEK"
    assert settings.seed_defaults(session) == 0
    assert len(list(session.exec(select(WorkspaceSetting)))) == len(settings.SPECS)


def test_a_new_person_takes_the_workspaces_standard_week(session: Session) -> None:
    """Capacity defaults come from the workspace setting, and an explicit value still wins."""
    from pmodesk.domain import Person
    from pmodesk.services import records

    set_setting(session, settings.DEFAULT_WEEKLY_CAPACITY_HOURS, 40.0)
    default = records.create(session, Person, {"code": "EMP-1", "name": "Inès Moreau"})
    chosen = records.create(
        session, Person, {"code": "EMP-2", "name": "王芳", "weekly_capacity_hours": 30}
    )
    assert (default.weekly_capacity_hours, chosen.weekly_capacity_hours) == (40.0, 30.0)
