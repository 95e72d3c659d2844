"""What a sheet's rows are checked against: its kind, its column readers, the values it adds.

A :class:`SheetSetup` is decided before a sheet's rows are read (kind, mapping,
header row); the rows are then read once, by :mod:`.rows` (one record per
row) or :mod:`.matrix` (a resource plan with periods across).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pmodesk.exchange.importing.cells import ColumnContext, Reader
from pmodesk.exchange.importing.kinds import FieldSpec, KindSpec
from pmodesk.exchange.importing.model import SheetPlan
from pmodesk.exchange.importing.periods import Periods
from pmodesk.exchange.reading import TableStream


@dataclass(slots=True)
class ColumnReader:
    """One mapped column: where it sits in the table's rows, its field, and how cells are read."""

    position: int
    spec: FieldSpec
    read: Reader
    label: str
    context: ColumnContext


@dataclass
class SheetSetup:
    """A sheet ready to be read: its public plan, kind, readers and the values it adds to rows."""

    plan: SheetPlan
    spec: KindSpec
    open_stream: Callable[[], TableStream]
    readers: list[ColumnReader]
    periods: Periods | None = None
    #: Values rows take when they give none: the project of a one-project log,
    #: the RAID kind a sheet called "Risks" implies.
    defaults: dict[str, Any] = field(default_factory=dict)
    #: Sheet-level problems found while setting up (a required field with no column).
    blocked: bool = False
    #: Rows in the sheet, for progress.
    height: int = 0

    @property
    def sort_key(self) -> int:
        from pmodesk.exchange.importing.kinds import KIND_ORDER

        return KIND_ORDER.index(self.spec.kind)

    def reader_for(self, field_key: str) -> ColumnReader | None:
        """The column that fills ``field_key`` (by key or table attribute)."""
        for reader in self.readers:
            if field_key in (reader.spec.key, reader.spec.attr):
                return reader
        return None
