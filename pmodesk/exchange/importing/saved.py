"""Mappings saved by name, to import next month's file of the same shape without a mapping step.

A :class:`SavedMapping` says, per sheet (by name, or ``"*"`` for any sheet),
the kind of its rows, which header fills which field (None: not imported), how
texts are read as values ("Pass" is cancelled) and, when records are matched on
something other than their code, on which fields. It is stored in the workspace
as the setting ``import.mapping.<name>`` (audited like any change), or kept
in a JSON file next to the workbooks.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from pmodesk.domain import WorkspaceSetting, utcnow
from pmodesk.domain.enums import AuditAction
from pmodesk.errors import NotFoundError, ValidationError
from pmodesk.services.audit import record_event

if TYPE_CHECKING:
    from pmodesk.exchange.importing.model import ImportPlan

SETTING_PREFIX = "import.mapping."
FORMAT = "pmodesk-import-mapping"
_NAME = re.compile(r"^[\w .()/-]{1,60}$")


@dataclass
class SheetMapping:
    """How one sheet is read: kind, header -> field, value maps, match key, header row."""

    kind: str
    columns: dict[str, str | None] = field(default_factory=dict)
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    key: tuple[str, ...] = ()
    header_row: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "columns": dict(self.columns)}
        if self.values:
            out["values"] = {f: dict(v) for f, v in self.values.items()}
        if self.key:
            out["key"] = list(self.key)
        if self.header_row:
            out["header_row"] = self.header_row
        return out

    @classmethod
    def from_json(cls, data: Any) -> SheetMapping:
        if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
            raise ValueError("a sheet mapping needs a kind")
        columns = data.get("columns") or {}
        values = data.get("values") or {}
        if not isinstance(columns, dict) or not isinstance(values, dict):
            raise ValueError("columns and values are tables")
        return cls(
            kind=data["kind"],
            columns={str(k): (str(v) if v is not None else None) for k, v in columns.items()},
            values={str(f): dict(v) for f, v in values.items() if isinstance(v, dict)},
            key=tuple(str(k) for k in data.get("key") or ()),
            header_row=int(data["header_row"]) if data.get("header_row") else None,
        )


@dataclass
class SavedMapping:
    """Sheet name (or ``"*"``) -> :class:`SheetMapping`, under a name people recognise."""

    name: str = ""
    sheets: dict[str, SheetMapping] = field(default_factory=dict)

    def for_sheet(self, sheet: str) -> SheetMapping | None:
        """The mapping of ``sheet`` (names compared without case), else the one for any sheet."""
        for name, mapping in self.sheets.items():
            if name.casefold() == sheet.casefold():
                return mapping
        return self.sheets.get("*")

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": 1,
            "name": self.name,
            "sheets": {name: m.to_json() for name, m in self.sheets.items()},
        }

    @classmethod
    def from_json(cls, data: Any, *, name: str = "") -> SavedMapping:
        if not isinstance(data, dict) or not isinstance(data.get("sheets"), dict):
            raise ValueError("not a saved import mapping")
        sheets = {str(k): SheetMapping.from_json(v) for k, v in data["sheets"].items()}
        return cls(name=str(data.get("name") or name), sheets=sheets)

    def write(self, path: Path) -> None:
        """Save as a JSON file (written beside and renamed into place)."""
        temp = path.with_name(f".{path.name}.tmp")
        temp.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False), encoding="utf-8")
        temp.replace(path)

    @classmethod
    def read(cls, path: Path) -> SavedMapping:
        """Load a mapping saved as a JSON file; one clear sentence when it is not one."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls.from_json(data, name=path.stem)
        except FileNotFoundError:
            raise NotFoundError(f'There is no mapping file "{path.name}".') from None
        except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError):
            raise ValidationError(
                f'"{path.name}" is not a saved import mapping (a JSON file written by pmodesk).'
            ) from None


def _key(name: str) -> str:
    clean = name.strip()
    if not _NAME.match(clean):
        raise ValidationError(
            f"A mapping name is 1 to 60 letters, digits, spaces and . ( ) / -, not {name!r}.",
            field="name",
        )
    return SETTING_PREFIX + clean


def _row(session: Session, key: str) -> WorkspaceSetting | None:
    return session.exec(select(WorkspaceSetting).where(WorkspaceSetting.key == key)).first()


def save_mapping(session: Session, mapping: SavedMapping, *, name: str | None = None) -> None:
    """Store ``mapping`` in the workspace under its name (replacing one of that name); audited."""
    mapping_name = (name if name is not None else mapping.name).strip()
    key = _key(mapping_name)
    mapping.name = mapping_name
    value = mapping.to_json()
    row = _row(session, key)
    if row is None:
        row = WorkspaceSetting(key=key, value=value)
        session.add(row)
        session.flush()
        record_event(session, AuditAction.CREATE, row, field=key, new=mapping_name)
        return
    if row.value == value:
        return
    row.value = value
    row.version += 1
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    record_event(session, AuditAction.UPDATE, row, field=key, new=mapping_name)


def load_mapping(session: Session, name: str) -> SavedMapping:
    """The mapping saved under ``name``; a NotFoundError lists the saved ones."""
    row = _row(session, _key(name))
    if row is None:
        saved = list_mappings(session)
        known = f" (saved: {', '.join(saved)})" if saved else " (none are saved yet)"
        raise NotFoundError(f"There is no saved import mapping called {name!r}{known}.")
    try:
        return SavedMapping.from_json(row.value, name=name.strip())
    except (ValueError, TypeError, KeyError):
        raise ValidationError(f"The saved mapping {name!r} is damaged; save it again.") from None


def list_mappings(session: Session) -> list[str]:
    """The names of the saved mappings, sorted."""
    keys = session.exec(
        select(WorkspaceSetting.key).where(col(WorkspaceSetting.key).startswith(SETTING_PREFIX))
    )
    return sorted(k[len(SETTING_PREFIX) :] for k in keys)


def delete_mapping(session: Session, name: str) -> None:
    """Forget a saved mapping (audited)."""
    row = _row(session, _key(name))
    if row is None:
        raise NotFoundError(f"There is no saved import mapping called {name!r}.")
    record_event(session, AuditAction.DELETE, row, field=row.key, old=name.strip())
    session.delete(row)
    session.flush()


def resolve_mapping(
    session: Session, mapping: SavedMapping | str | Path | None
) -> SavedMapping | None:
    """A mapping given as itself, a saved name, or a JSON file (a path, or a name ending .json)."""
    if mapping is None or isinstance(mapping, SavedMapping):
        return mapping
    if isinstance(mapping, Path) or str(mapping).lower().endswith(".json"):
        return SavedMapping.read(Path(mapping).expanduser())
    return load_mapping(session, str(mapping))


def mapping_from_plan(plan: ImportPlan, name: str) -> SavedMapping:
    """The kinds, columns and value maps of a plan's sheets, as a mapping to save."""
    from pmodesk.exchange.importing.kinds import FieldType, kind_specs

    sheets: dict[str, SheetMapping] = {}
    for sheet in plan.sheets:
        spec = kind_specs().get(sheet.kind)
        refs = (
            {k for k, f in spec.fields.items() if f.type is FieldType.REF} if spec else set[str]()
        )
        columns = {c.header: c.field for c in sheet.columns if c.header}
        values = {
            f: {
                text: _json_value(v)
                for text, v in seen.items()
                if v is not None and (f not in refs or text in sheet.mapped.get(f, ()))
            }
            for f, seen in sheet.values.items()
        }
        sheets[sheet.sheet] = SheetMapping(
            kind=sheet.kind,
            columns=columns,
            values={f: v for f, v in values.items() if v},
            key=sheet.key,
            header_row=sheet.header_row,
        )
    return SavedMapping(name=name, sheets=sheets)


def _json_value(value: Any) -> Any:
    from enum import Enum

    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)
