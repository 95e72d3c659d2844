"""What the wizard asks of the importer beyond plan/apply/undo: fields, value choices, mappings.

The importer (``pmodesk.exchange.importing``) is imported inside functions, as
the data stack loads after the window shows. Everything here is plain data
for the pages: a field's label, the choices of a value map, a column's sample
cells, the saved mappings' names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pmodesk.gui.context import AppContext

#: How many example cells the mapping page shows per column.
SAMPLE_ROWS = 4


@dataclass(frozen=True, slots=True)
class FieldChoice:
    key: str
    label: str
    required: bool
    #: How cells are read ("date", "amount", "choice", ...), shown as a hint.
    type: str


def field_choices(kind: str) -> list[FieldChoice]:
    """The fields a column of a ``kind`` sheet can fill, the required ones first."""
    from pmodesk.exchange.importing.kinds import kind_spec

    spec = kind_spec(kind)
    found = [
        FieldChoice(f.key, f.label, f.required or f.key in spec.key, str(f.type))
        for f in spec.fields.values()
    ]
    return sorted(found, key=lambda f: (not f.required, f.label.casefold()))


def value_choices(ctx: AppContext, kind: str, field: str) -> list[tuple[Any, str]] | None:
    """What a text of ``field`` can be read as, as (value, label); None for free values."""
    from pmodesk.exchange.importing.kinds import FieldType, kind_spec, reference_kinds

    spec = kind_spec(kind).fields.get(field)
    if spec is None:
        return None
    if spec.enum is not None:
        return [(member.value, _enum_label(member)) for member in spec.enum]
    if spec.type is FieldType.BOOL:
        return [(True, "Yes"), (False, "No")]
    if spec.type is FieldType.SCALE:
        words = ("very low", "low", "medium", "high", "very high")
        return [(n, f"{n} ({words[n - 1]})") for n in range(1, 6)]
    if spec.type is FieldType.REF and spec.ref is not None:
        _kind, model = reference_kinds()[spec.ref]
        if not hasattr(model, "code"):
            return None
        from pmodesk.services.lookups import choices

        with ctx.session() as session:
            return [(c.code, c.label) for c in choices(session, model)]
    return None


@cache
def is_reference(kind: str, field: str) -> bool:
    """True when ``field`` names another record (a stage, a programme, a person...)."""
    from pmodesk.exchange.importing.kinds import FieldType, kind_spec

    spec = kind_spec(kind).fields.get(field)
    return spec is not None and spec.type is FieldType.REF


def _enum_label(member: Any) -> str:
    label = getattr(member, "label", None)
    if isinstance(label, str):
        return label
    return str(member.value).replace("_", " ").capitalize()


def saved_mapping_names(ctx: AppContext) -> list[str]:
    """The mappings saved in the open workspace, by name."""
    try:
        from pmodesk.exchange.importing.saved import list_mappings
    except ImportError:  # an importer without saved mappings
        return []
    with ctx.session() as session:
        return list(list_mappings(session))


def save_mapping(ctx: AppContext, mapping: Any, name: str) -> None:
    """Store ``mapping`` under ``name`` (replacing one of that name); audited by the importer."""
    from pmodesk.exchange.importing.saved import save_mapping as store

    with ctx.session() as session:
        store(session, mapping, name=name)


def mapping_from_plan(plan: Any, name: str = "") -> Any:
    """The plan's kinds, columns and value maps as a SavedMapping the user can adjust."""
    return plan.to_mapping(name)


def sample_cells(plan: Any, cancelled: Any = None) -> dict[tuple[str, str], dict[str, list[str]]]:
    """A few cells under the header of each planned sheet, by column letter, to show as examples.

    Read from the first rows only (``Book.grid``), never the whole table.
    """
    from pmodesk.exchange.reading import column_letter, open_book

    found: dict[tuple[str, str], dict[str, list[str]]] = {}
    by_path: dict[Path, list[Any]] = {}
    for sheet in plan.sheets:
        by_path.setdefault(Path(sheet.path), []).append(sheet)
    for path, sheets in by_path.items():
        with open_book(path, cancelled=cancelled) as book:
            for sheet in sheets:
                grid = book.grid(sheet.sheet, rows=sheet.header_row + SAMPLE_ROWS * 3)
                found[(sheet.source, sheet.sheet)] = _columns_of(
                    grid[sheet.header_row :], column_letter
                )
    return found


def _columns_of(rows: Sequence[Sequence[Any]], letter: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    taken = 0
    for row in rows:
        if taken >= SAMPLE_ROWS:
            break
        if not any(v not in (None, "") for v in row):
            continue
        taken += 1
        for index, value in enumerate(row):
            if value in (None, ""):
                continue
            out.setdefault(letter(index), []).append(_sample_text(value))
    return out


def _sample_text(value: Any) -> str:
    from pmodesk.gui.importing.models import show_value

    text = show_value(value)
    return text if len(text) <= 24 else text[:23] + "…"
