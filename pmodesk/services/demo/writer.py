"""Bulk writing of generated rows through SQLAlchemy Core, with progress and cancel.

Rows are plain dicts (uuid ids, aware UTC time stamps, enum *values* as
strings) inserted with ``connection.execute(table.insert(), rows)``, an
``executemany`` per chunk: an order of magnitude faster than adding ORM
objects one by one. Between chunks the writer reports progress and asks
whether the user cancelled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table

from pmodesk.domain import Record
from pmodesk.services.demo.world import DemoCancelled

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]

CHUNK = 5000
#: Progress units per generation step.
STEP_UNITS = 100


def table_of(model: type[Record]) -> Table:
    table = getattr(model, "__table__", None)
    if not isinstance(table, Table):  # pragma: no cover - every Record subclass here is a table
        raise TypeError(f"{model.__name__} is not a table")
    return table


class BulkWriter:
    """Inserts rows table by table inside the caller's transaction, counting what it wrote."""

    def __init__(
        self,
        connection: Connection,
        steps: int,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> None:
        self._connection = connection
        self._progress = progress
        self._cancelled = cancelled
        self._step = 0
        self.total = steps * STEP_UNITS
        self.counts: dict[str, int] = {}

    def check(self) -> None:
        """Raise :class:`DemoCancelled` when the user asked to stop."""
        if self._cancelled is not None and self._cancelled():
            raise DemoCancelled

    def report(self, done: int, message: str) -> None:
        if self._progress is not None:
            self._progress(min(done, self.total), self.total, message)

    def begin_step(self, message: str) -> None:
        """A new generation step starts (its rows are being made)."""
        self.check()
        self.report(self._step * STEP_UNITS, message)

    def insert(self, model: type[Record], rows: Sequence[dict[str, Any]], label: str) -> None:
        """Write ``rows`` into ``model``'s table, in chunks; this completes one step."""
        table = table_of(model)
        base = self._step * STEP_UNITS
        count = len(rows)
        for start in range(0, count, CHUNK):
            self.check()
            chunk = rows[start : start + CHUNK]
            self._connection.execute(table.insert(), list(chunk))
            written = start + len(chunk)
            self.report(
                base + STEP_UNITS * written // max(count, 1),
                f"Writing {label}: {written:,} of {count:,}",
            )
        self.counts[table.name] = self.counts.get(table.name, 0) + count
        self._step += 1
        self.report(self._step * STEP_UNITS, f"Wrote {count:,} {label}")

    def finish(self, message: str) -> None:
        self.report(self.total, message)
