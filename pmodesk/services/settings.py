"""Workspace settings: gate mode, default capacity, reporting period, thresholds, currency.

Each setting is one row of the ``workspace_setting`` table (a key and a JSON
value). Unset keys read as their default, so a new workspace works before
anything was saved. Every change is validated, and audited like any other
change made through a service.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from pmodesk.domain import Record, WorkspaceSetting, utcnow
from pmodesk.domain.enums import AuditAction, GateMode
from pmodesk.domain.errors import ValidationError
from pmodesk.services.audit import record_event

GATE_MODE = "gate_mode"
DEFAULT_WEEKLY_CAPACITY_HOURS = "default_weekly_capacity_hours"
PERIOD_LENGTH_MONTHS = "period_length_months"
OVER_ALLOCATION_THRESHOLD = "over_allocation_threshold"
UNDER_USE_THRESHOLD = "under_use_threshold"
CURRENCY = "currency"
ORGANISATION_NAME = "organisation_name"
#: The review pack's last choices (scope, period, sections, paper ...), kept per workspace.
PACK_SETTINGS = "pack.settings"

#: Reporting periods must tile a year: monthly, every two months, quarterly, ...
PERIOD_LENGTHS = (1, 2, 3, 4, 6, 12)
CURRENCY_PATTERN = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """A setting's key, its label for people, its default and how a value is checked."""

    key: str
    label: str
    default: Any
    parse: Callable[[str, Any], Any]
    """Turns a given value into the typed value, or raises ValidationError naming the key."""

    def to_json(self, value: Any) -> Any:
        return value.value if isinstance(value, GateMode) else value


def _refuse(key: str, message: str) -> ValidationError:
    return ValidationError(f"Setting '{key}': {message}", field=key)


def _gate_mode(key: str, value: Any) -> GateMode:
    try:
        return GateMode(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(m.value for m in GateMode)
        raise _refuse(key, f"{value!r} is not a gate mode; choose one of {choices}.") from None


def _number(low: float, high: float, *, low_inclusive: bool = True) -> Callable[[str, Any], float]:
    def parse(key: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise _refuse(key, f"{value!r} is not a number.")
        try:
            number = float(value)
        except ValueError:
            raise _refuse(key, f"{value!r} is not a number.") from None
        too_low = number < low if low_inclusive else number <= low
        if not math.isfinite(number) or too_low or number > high:
            bound = "from" if low_inclusive else "above"
            raise _refuse(key, f"{value!r} must be {bound} {low:g} up to {high:g}.")
        return number

    return parse


def _period_length(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _refuse(key, f"{value!r} is not a number of months.")
    try:
        months = float(value)
    except ValueError:
        raise _refuse(key, f"{value!r} is not a number of months.") from None
    if not months.is_integer() or int(months) not in PERIOD_LENGTHS:
        allowed = ", ".join(str(n) for n in PERIOD_LENGTHS)
        raise _refuse(key, f"a reporting period lasts {allowed} months, not {value!r}.")
    return int(months)


def _currency(key: str, value: Any) -> str:
    code = str(value).strip().upper() if isinstance(value, str) else ""
    if not CURRENCY_PATTERN.match(code):
        raise _refuse(key, f"{value!r} is not a three-letter currency code such as EUR or GBP.")
    return code


def _organisation(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise _refuse(key, f"{value!r} is not a name.")
    name = value.strip()
    if len(name) > 200:
        raise _refuse(key, "the organisation name is longer than 200 characters.")
    return name


def _json_object(key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _refuse(key, "must be a set of named values (a JSON object).")
    return value


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(GATE_MODE, "Gate mode", GateMode.SUPPORTIVE, _gate_mode),
        SettingSpec(
            DEFAULT_WEEKLY_CAPACITY_HOURS,
            "Default weekly capacity (hours)",
            37.5,
            _number(0, 168, low_inclusive=False),
        ),
        SettingSpec(PERIOD_LENGTH_MONTHS, "Reporting period (months)", 1, _period_length),
        SettingSpec(
            OVER_ALLOCATION_THRESHOLD,
            "Over-allocated above (share of capacity)",
            1.0,
            _number(0, 5, low_inclusive=False),
        ),
        SettingSpec(
            UNDER_USE_THRESHOLD, "Under-used below (share of capacity)", 0.5, _number(0, 1)
        ),
        SettingSpec(CURRENCY, "Currency", "EUR", _currency),
        SettingSpec(ORGANISATION_NAME, "Organisation name", "", _organisation),
        SettingSpec(PACK_SETTINGS, "Review pack settings", {}, _json_object),
    )
}


def spec_for(key: str) -> SettingSpec:
    try:
        return SPECS[key]
    except KeyError:
        known = ", ".join(SPECS)
        raise ValidationError(
            f"There is no workspace setting '{key}'; the settings are {known}.", field=key
        ) from None


def defaults() -> dict[str, Any]:
    """Every setting with its default value."""
    return {key: spec.default for key, spec in SPECS.items()}


def _row(session: Session, key: str) -> WorkspaceSetting | None:
    return session.exec(select(WorkspaceSetting).where(WorkspaceSetting.key == key)).first()


def _typed(spec: SettingSpec, stored: Any) -> Any:
    """The stored JSON value as its type; a damaged value falls back to the default."""
    try:
        return spec.parse(spec.key, stored)
    except ValidationError:
        return spec.default


def get_setting(session: Session, key: str) -> Any:
    """The value of ``key``, or its default when it was never set."""
    spec = spec_for(key)
    row = _row(session, key)
    if row is None or row.value is None:
        return spec.default
    return _typed(spec, row.value)


def record_defaults(session: Session, model: type[Record]) -> dict[str, Any]:
    """Values a new record of ``model`` takes from the workspace settings when none is given.

    A new person's weekly capacity is the workspace's standard week, not a constant.
    """
    from pmodesk.domain import Person

    if model is Person:
        return {"weekly_capacity_hours": get_setting(session, DEFAULT_WEEKLY_CAPACITY_HOURS)}
    return {}


def all_settings(session: Session) -> dict[str, Any]:
    """Every setting (defaults filled in), keyed by setting name."""
    values = defaults()
    for row in session.exec(select(WorkspaceSetting)):
        spec = SPECS.get(row.key)
        if spec is not None and row.value is not None:
            values[row.key] = _typed(spec, row.value)
    return values


def _check_thresholds(session: Session, key: str, value: float) -> None:
    """Under-use must stay below over-allocation, whichever of the two is being set."""
    if key == UNDER_USE_THRESHOLD:
        over = float(get_setting(session, OVER_ALLOCATION_THRESHOLD))
        if value >= over:
            raise _refuse(key, f"{value:g} must be below the over-allocation threshold ({over:g}).")
    elif key == OVER_ALLOCATION_THRESHOLD:
        under = float(get_setting(session, UNDER_USE_THRESHOLD))
        if value <= under:
            raise _refuse(key, f"{value:g} must be above the under-use threshold ({under:g}).")


def set_setting(session: Session, key: str, value: Any, *, source: str = "") -> None:
    """Validate and store ``value`` for ``key``; the change is audited (nothing when unchanged)."""
    spec = spec_for(key)
    typed = spec.parse(key, value)
    if key in (UNDER_USE_THRESHOLD, OVER_ALLOCATION_THRESHOLD):
        _check_thresholds(session, key, typed)
    stored = spec.to_json(typed)
    row = _row(session, key)
    if row is None:
        row = WorkspaceSetting(key=key, value=stored)
        session.add(row)
        session.flush()
        record_event(session, AuditAction.CREATE, row, field=key, new=stored, source=source)
        return
    old = row.value
    if old == stored:
        return
    row.value = stored
    row.version += 1
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    record_event(session, AuditAction.UPDATE, row, field=key, old=old, new=stored, source=source)


def seed_defaults(session: Session, *, source: str = "") -> int:
    """Store the default of every setting not stored yet; returns how many were written."""
    stored = set(session.exec(select(WorkspaceSetting.key)))
    missing = [spec for key, spec in SPECS.items() if key not in stored]
    for spec in missing:
        set_setting(session, spec.key, spec.default, source=source)
    return len(missing)
