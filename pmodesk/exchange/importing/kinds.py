"""The kinds of record a workbook can bring in, and their fields as a sheet names them.

A kind is a domain table (``project``, ``raid_item`` ...). Its fields are the
table's attributes, with a foreign key ``programme_id`` seen as the field
``programme`` whose cells hold the programme's code (the contract with the
exporter). Each field knows how its cells are read (:class:`FieldType`), its
label and the headers people use for it (:mod:`.vocabulary`).
"""

from __future__ import annotations

import builtins
import typing
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Any

from pmodesk.exchange.importing.vocabulary import BY_KIND, COMMON, SIGNATURE

#: The kinds of the contract with the exporter, in the order their references need.
KIND_ORDER: tuple[str, ...] = (
    "portfolio",
    "programme",
    "team",
    "role",
    "person",
    "project",
    "milestone",
    "raid_item",
    "decision",
    "status_report",
    "benefit",
    "lesson",
    "allocation",
)

#: Kinds a row may create when it names one the workspace lacks (create_missing).
CREATABLE = frozenset({"portfolio", "programme", "team", "role", "person", "project"})

_KEPT_BY_PMODESK = frozenset({"id", "created_at", "updated_at", "version", "archived_at"})
#: Fields an import does not set: computed, or owned by another workflow.
_NOT_IMPORTED: dict[str, frozenset[str]] = {
    "status_report": frozenset({"frozen", "submitted_at"}),
}
_MONEY = frozenset({"budget", "actual_cost", "forecast_cost"})
_SCALE = frozenset({"probability", "impact"})
_LONG_TEXT = frozenset(
    {"description", "summary", "achievements", "next_steps", "response", "actions", "options",
     "recommendation", "outcome", "expected_benefits", "note"}
)  # fmt: skip


class FieldType(StrEnum):
    """How the cells of a field are read."""

    TEXT = "text"
    LONG_TEXT = "long text"
    CODE = "code"
    DATE = "date"
    DATETIME = "date and time"
    NUMBER = "number"
    INTEGER = "whole number"
    MONEY = "amount"
    PERCENT = "percentage"
    FRACTION = "fraction"
    SCALE = "1-5 rating"
    BOOL = "yes/no"
    ENUM = "choice"
    REF = "reference"
    PERIOD = "period"
    WEEK = "week"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a kind as an import sees it.

    ``key`` is the contract's field key (``programme``), ``attr`` the table's
    attribute (``programme_id``); ``ref`` the kind a reference names.
    """

    key: str
    attr: str
    label: str
    type: FieldType
    required: bool
    synonyms: tuple[str, ...]
    max_length: int | None = None
    enum: builtins.type[StrEnum] | None = None
    ref: str | None = None
    signature: bool = False


@dataclass(frozen=True)
class KindSpec:
    """A kind of record: its table, its fields by key and how its rows are matched."""

    kind: str
    model: Any
    label: str
    plural: str
    fields: dict[str, FieldSpec]
    key: tuple[str, ...]
    coded: bool

    @property
    def name_field(self) -> str | None:
        """The field that names a record (``name`` or ``title``), if the kind has one."""
        for key in ("name", "title"):
            if key in self.fields:
                return key
        return None

    def field_for_attr(self, attr: str) -> FieldSpec | None:
        """The field stored in table attribute ``attr`` (``programme_id`` -> programme)."""
        for spec in self.fields.values():
            if spec.attr == attr or spec.key == attr:
                return spec
        return None


def _models() -> dict[str, Any]:
    from pmodesk.domain import (
        Allocation,
        Benefit,
        Decision,
        Lesson,
        Milestone,
        Person,
        Portfolio,
        Programme,
        Project,
        RaidItem,
        Role,
        StatusReport,
        Team,
    )

    return {
        "portfolio": Portfolio,
        "programme": Programme,
        "team": Team,
        "role": Role,
        "person": Person,
        "project": Project,
        "milestone": Milestone,
        "raid_item": RaidItem,
        "decision": Decision,
        "status_report": StatusReport,
        "benefit": Benefit,
        "lesson": Lesson,
        "allocation": Allocation,
    }


@cache
def reference_kinds() -> dict[str, tuple[str, Any]]:
    """Reference key -> (kind, model) for every reference a field may name by code."""
    from pmodesk.domain import Scenario, Stage, StrategicObjective
    from pmodesk.services.references import REFERENCES

    models = _models()
    by_model = {model: kind for kind, model in models.items()}
    out: dict[str, tuple[str, Any]] = {}
    for key, ref in REFERENCES.items():
        model = ref.model
        out[key] = (by_model.get(model, str(model.__tablename__)), model)
    out["scenario"] = ("scenario", Scenario)
    out["stage"] = ("stage", Stage)
    out["objective"] = ("objective", StrategicObjective)
    return out


def _annotation_type(annotation: Any) -> Any:
    """The one concrete type of an annotation (``date | None`` -> date)."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return args[0] if args else annotation


def _field_type(kind: str, attr: str, python_type: Any) -> FieldType:
    if attr == "code":
        return FieldType.CODE
    if attr == "period" and kind == "status_report":
        return FieldType.PERIOD
    if attr == "week_start":
        return FieldType.WEEK
    if isinstance(python_type, type) and issubclass(python_type, StrEnum):
        return FieldType.ENUM
    if python_type is bool:
        return FieldType.BOOL
    if python_type is datetime:
        return FieldType.DATETIME
    if python_type is date:
        return FieldType.DATE
    if python_type is int:
        return FieldType.SCALE if attr in _SCALE else FieldType.INTEGER
    if python_type is float:
        if attr in _MONEY:
            return FieldType.MONEY
        if attr in ("percent_complete", "percent_of_capacity"):
            return FieldType.PERCENT
        if attr == "part_time_factor":
            return FieldType.FRACTION
        return FieldType.NUMBER
    if attr in _LONG_TEXT:
        return FieldType.LONG_TEXT
    return FieldType.TEXT


def _max_length(model: Any, attr: str) -> int | None:
    column = model.__table__.c.get(attr)
    length = getattr(getattr(column, "type", None), "length", None)
    return int(length) if isinstance(length, int) else None


def _label(key: str, synonyms: tuple[str, ...]) -> str:
    if synonyms:
        return synonyms[0]
    from pmodesk.services.validation import field_label

    text = field_label(key)
    return text[:1].upper() + text[1:]


def _build(kind: str, model: Any) -> KindSpec:
    refs = reference_kinds()
    fields: dict[str, FieldSpec] = {}
    skipped = _KEPT_BY_PMODESK | _NOT_IMPORTED.get(kind, frozenset())
    for attr, info in model.model_fields.items():
        if attr in skipped:
            continue
        python_type = _annotation_type(info.annotation)
        ref_key = attr[:-3] if attr.endswith("_id") else None
        if python_type is uuid.UUID:
            if ref_key is None or ref_key not in refs:
                continue
            key, field_type, ref = ref_key, FieldType.REF, ref_key
        elif python_type in (dict, list) or typing.get_origin(python_type) in (dict, list):
            continue
        else:
            key, field_type, ref = attr, _field_type(kind, attr, python_type), None
        synonyms = BY_KIND.get(kind, {}).get(key) or COMMON.get(key, ())
        enum = python_type if field_type is FieldType.ENUM else None
        fields[key] = FieldSpec(
            key=key,
            attr=attr,
            label=_label(key, synonyms),
            type=field_type,
            required=info.is_required() and key != "code",
            synonyms=synonyms,
            max_length=_max_length(model, attr),
            enum=enum,
            ref=ref,
            signature=key in SIGNATURE.get(kind, frozenset()),
        )
    coded = "code" in fields
    if coded:
        key_fields: tuple[str, ...] = ("code",)
    elif kind == "status_report":
        key_fields = ("project", "period")
    elif kind == "allocation":
        key_fields = ("person", "role", "project", "week_start", "scenario")
    else:
        key_fields = tuple(f for f in fields if fields[f].required)
    label = kind.replace("_", " ")
    plural = {"person": "people", "raid_item": "RAID items", "status_report": "status reports"}
    return KindSpec(
        kind=kind,
        model=model,
        label="RAID item" if kind == "raid_item" else label,
        plural=plural.get(kind, f"{label}s"),
        fields=fields,
        key=key_fields,
        coded=coded,
    )


@cache
def kind_specs() -> dict[str, KindSpec]:
    """Every kind an import knows, in :data:`KIND_ORDER`."""
    return {kind: _build(kind, model) for kind, model in _models().items()}


def kind_spec(kind: str) -> KindSpec:
    """The spec of ``kind``; a clear error lists the kinds there are."""
    from pmodesk.errors import ValidationError

    specs = kind_specs()
    wanted = kind.strip().lower().replace(" ", "_").replace("-", "_")
    aliases = {"raid": "raid_item", "risk": "raid_item", "risks": "raid_item", "people": "person",
               "projects": "project", "allocations": "allocation", "milestones": "milestone",
               "decisions": "decision", "status": "status_report", "status_reports": "status_report",
               "programmes": "programme", "program": "programme", "resources": "allocation"}  # fmt: skip
    wanted = aliases.get(wanted, wanted)
    if wanted not in specs:
        names = ", ".join(specs)
        raise ValidationError(f"There is no kind of record called {kind!r}; the kinds are {names}.")
    return specs[wanted]
