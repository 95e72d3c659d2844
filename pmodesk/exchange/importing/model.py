"""What an import plan, a problem, a row change and a result are: the importer's public types.

The wizard and the command line show these and nothing else: a plan lists the
sheets found (with their kind, mapping and confidence), every problem at its
cell, and a preview of every record the import would create or update, so that
a person decides before anything is written.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pmodesk.errors import DomainError
from pmodesk.exchange.reading.numbers import NumberStyle

if TYPE_CHECKING:
    from pmodesk.exchange.importing.saved import SavedMapping
    from pmodesk.exchange.importing.state import PlanState

Severity = Literal["error", "warning"]
Action = Literal["create", "update", "unchanged", "skip"]
DateOrder = Literal["dmy", "mdy"]
MatrixUnit = Literal["hours", "percent"]

ACTIONS: tuple[Action, ...] = ("create", "update", "unchanged", "skip")


class ImportCancelled(DomainError):
    """The user cancelled the import; nothing was written."""

    def __init__(self, message: str = "The import was cancelled; nothing was written.") -> None:
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong (or worth knowing) about one cell, one row or one sheet of a file.

    ``row`` is the row number Excel shows (0 when the problem concerns the whole
    sheet), ``column`` the column letter and header ("B (Planned start)", "" for
    a whole row), ``value`` the cell as written. An error refuses the import
    unless its row is skipped (``skipped`` is then True).
    """

    source: str
    sheet: str
    row: int
    column: str
    value: str
    reason: str
    severity: Severity = "error"
    skipped: bool = False

    @property
    def letter(self) -> str:
        """The column letter alone ("B"), or "" when the problem is not about one column."""
        return self.column.split(" ", 1)[0] if self.column else ""

    @property
    def location(self) -> str:
        """``file:sheet!B12``, ``file:sheet!12`` (a row) or ``file:sheet`` (the sheet)."""
        where = f"{self.source}:{self.sheet}" if self.sheet else self.source
        if self.row:
            return f"{where}!{self.letter}{self.row}"
        return where

    def __str__(self) -> str:
        shown = f"value {self.value!r} — " if self.value else ""
        return f"{self.location}: {shown}{self.reason}"


@dataclass(frozen=True)
class ImportOptions:
    """Choices that apply to the whole import.

    * ``create_missing`` — programmes, portfolios, people, teams, roles and
      projects a row names but the workspace lacks are created (else refused);
    * ``skip_invalid`` — rows with errors are skipped instead of refusing the import;
    * ``skip_rows`` — rows to leave out, by sheet name (or ``"file.xlsx:Sheet"``);
    * ``date_order`` — how to read ``04/05/2024`` when a column does not tell;
    * ``number_style`` — how to read ``20.000`` or ``1,500`` when a column does not
      tell: "dot decimal" (1,234.50) or "comma decimal" (1.234,50); without it the
      sheet's other number columns decide, else the text is read as written in English
      and noted as doubtful;
    * ``first_week`` — the Monday of week 1, for plans that number their weeks;
    * ``project`` — the project (code or name) of rows that name none: a RAID
      log, a milestone list or a resource plan of one project;
    * ``matrix_unit`` — whether the cells of a resource plan are hours or percent
      of capacity (read from the cells' format when not given);
    * ``clear_blanks`` — an empty cell clears the value of an existing record
      (by default it leaves it alone);
    * ``skip_hidden_rows`` — leave out rows Excel hides (filtered or collapsed).
    """

    create_missing: bool = False
    skip_invalid: bool = False
    skip_rows: Mapping[str, Collection[int]] = field(default_factory=dict)
    date_order: DateOrder | None = None
    number_style: NumberStyle | None = None
    first_week: date | None = None
    project: str | None = None
    matrix_unit: MatrixUnit | None = None
    clear_blanks: bool = False
    skip_hidden_rows: bool = False

    def skips(self, source: str, sheet: str, row: int) -> bool:
        """True when ``row`` of ``sheet`` in file ``source`` is to be left out."""
        for key in (sheet, f"{source}:{sheet}"):
            rows = self.skip_rows.get(key)
            if rows is not None and row in rows:
                return True
        return False


@dataclass(frozen=True, slots=True)
class ColumnMatch:
    """How one column of a sheet is read: the field it fills and how sure the match is.

    ``how`` is "pmodesk" (from the workbook's own description), "saved" (a saved
    mapping), "given" (the caller named it), "exact", "synonym", "words",
    "fuzzy" or "" when the column is not imported (``field`` None).
    """

    letter: str
    header: str
    field: str | None
    confidence: float
    how: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        """``B (Planned start)``: the column as problems name it."""
        return f"{self.letter} ({self.header})" if self.header else self.letter


@dataclass(frozen=True, slots=True)
class MatrixInfo:
    """A resource plan laid out people down and weeks, months or days across."""

    periods: Literal["weeks", "months", "week numbers", "days"]
    unit: MatrixUnit
    first: date | None
    last: date | None
    columns: int


@dataclass(slots=True)
class SheetPlan:
    """One sheet of one file as it will be imported.

    ``columns`` is the column mapping (every column, mapped or not), ``values``
    the value maps used: per field, each text met and what it was read as
    (None when it could not be read; a reference field lists its texts with the
    codes they resolved to, at most 500 per field). ``mapped`` names, per
    reference field, the texts a value map translated: only those go into a
    mapping made from the plan (the others resolve by themselves each time).
    ``rows`` counts the accepted rows.
    """

    source: str
    path: Path
    sheet: str
    kind: str
    detected: bool
    confidence: float
    header_row: int
    columns: list[ColumnMatch]
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    key: tuple[str, ...] = ()
    matrix: MatrixInfo | None = None
    rows: int = 0
    skipped: int = 0
    notes: list[str] = field(default_factory=list)
    mapped: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    @property
    def mapping(self) -> dict[str, str]:
        """Header → field key of every mapped column."""
        return {c.header: c.field for c in self.columns if c.field is not None}


@dataclass(slots=True)
class RowChange:
    """What an import does to one record: create, update, leave unchanged, or skip its row.

    ``fields`` and ``new`` are the fields the file gives and their values
    (references as codes, enums as their values; None where the cell is
    empty); ``old`` the record's current values of the same fields (for an
    update or an unchanged record) and ``changed`` the fields an update changes.
    """

    kind: str
    action: Action
    key: str
    source: str
    sheet: str
    row: int
    fields: tuple[str, ...]
    new: tuple[Any, ...]
    old: tuple[Any, ...] | None = None
    record_id: uuid.UUID | None = None
    version: int | None = None
    changed: tuple[str, ...] = ()

    @property
    def changes(self) -> dict[str, tuple[Any, Any]]:
        """Field → (old, new) of what the row changes: the given fields of a new record,
        the changed fields of an update, nothing otherwise."""
        if self.action == "create":
            return {
                f: (None, v) for f, v in zip(self.fields, self.new, strict=True) if v is not None
            }
        if self.action != "update" or self.old is None:
            return {}
        return {
            f: (o, v)
            for f, o, v in zip(self.fields, self.old, self.new, strict=True)
            if f in self.changed
        }

    def value(self, field_key: str) -> Any:
        """The new value of one field (None when the file does not give it)."""
        try:
            return self.new[self.fields.index(field_key)]
        except ValueError:
            return None


@dataclass(slots=True)
class ImportPlan:
    """Everything an import would do, found before anything is written."""

    sources: list[Path]
    sheets: list[SheetPlan]
    problems: list[Problem]
    notes: list[str]
    preview: list[RowChange]
    options: ImportOptions
    state: PlanState | None = field(default=None, repr=False)

    @property
    def refused(self) -> bool:
        """True when an error remains that no skipped row accounts for."""
        return any(p.severity == "error" and not p.skipped for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error" and not p.skipped]

    def counts(self) -> dict[str, int]:
        """Records to be created, updated, left unchanged, and rows skipped."""
        counts = dict.fromkeys(("created", "updated", "unchanged", "skipped"), 0)
        names = {"create": "created", "update": "updated", "unchanged": "unchanged"}
        for change in self.preview:
            counts[names.get(change.action, "skipped")] += 1
        return counts

    def counts_by_kind(self) -> dict[str, dict[str, int]]:
        """The same counts, per kind of record."""
        out: dict[str, dict[str, int]] = {}
        names = {"create": "created", "update": "updated", "unchanged": "unchanged"}
        for change in self.preview:
            kind = out.setdefault(
                change.kind, dict.fromkeys(("created", "updated", "unchanged", "skipped"), 0)
            )
            kind[names.get(change.action, "skipped")] += 1
        return out

    def to_mapping(self, name: str) -> SavedMapping:
        """The sheets' kinds, column mappings and value maps as a mapping to save and reuse."""
        from pmodesk.exchange.importing.saved import mapping_from_plan

        return mapping_from_plan(self, name)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an applied import wrote, under one batch id (the handle to undo it)."""

    batch: uuid.UUID
    created: int
    updated: int
    unchanged: int
    skipped: int
    changes: list[RowChange]


@dataclass(frozen=True, slots=True)
class UndoResult:
    """What undoing an import did: records deleted (it had created them) and restored."""

    batch: uuid.UUID
    deleted: int
    restored: int
    undo_batch: uuid.UUID
