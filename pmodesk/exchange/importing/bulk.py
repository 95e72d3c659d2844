"""Writing many rows at once through SQLAlchemy Core, inside the caller's transaction.

Adding ORM objects one by one costs ten times what an ``executemany`` does, so
an import writes rows as plain values. On SQLite the values are turned into
what the column types store by the types' own bind processors, once per value
(once per import for the columns every row shares, such as the time stamps),
and sent with the driver's ``executemany``; on other databases the rows go
through a Core ``insert()`` / ``update()``. Either way the rows land in the
transaction of the session the import was given.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select, update

from pmodesk.errors import ConflictError

#: Rows sent per ``executemany``.
CHUNK = 5000
#: Columns whose values are unique per row: their stored forms are not remembered.
_UNIQUE = frozenset({"id", "entity_id"})
_MEMO_SIZE = 50_000
_MISSING = object()


@contextmanager
def bulk_work() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many small objects are made.

    An import makes a few objects per cell and keeps them (the preview); the
    collector would otherwise walk that growing heap again and again, for
    nothing: none of them form cycles. It runs once at the end instead.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def table_of(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


class Inserter:
    """Collects new rows of one table and inserts them in chunks."""

    def __init__(
        self,
        connection: Connection,
        model: Any,
        defaults: Mapping[str, Any],
        *,
        on_flush: Callable[[int], None] | None = None,
    ) -> None:
        self.connection = connection
        self.table = table_of(model)
        dialect = connection.dialect
        self.fast = dialect.name == "sqlite"
        self.names = [c.name for c in self.table.c]
        self.position = {name: n for n, name in enumerate(self.names)}
        self.processors: dict[str, Callable[[Any], Any] | None] = {
            c.name: c.type._cached_bind_processor(dialect) if self.fast else None
            for c in self.table.c
        }
        self.template = [self._stored(name, defaults.get(name)) for name in self.names]
        #: Stored forms of values already seen, per column: the same project id, week or
        #: file name comes back on thousands of rows (ids, unique, are not kept).
        self._memo: dict[str, dict[Any, Any]] = {
            name: {} for name, p in self.processors.items() if p is not None and name not in _UNIQUE
        }
        self.rows: list[list[Any]] = []
        self.written = 0
        self._on_flush = on_flush
        if self.fast:
            self.sql = str(self.table.insert().compile(dialect=dialect))

    def _stored(self, name: str, value: Any) -> Any:
        processor = self.processors.get(name)
        return processor(value) if processor is not None and value is not None else value

    def add(self, values: Mapping[str, Any]) -> None:
        """A new row: ``values`` by column, the defaults for the rest."""
        row = self.template.copy()
        position, processors, memos = self.position, self.processors, self._memo
        for name, value in values.items():
            processor = processors[name]
            if processor is None or value is None:
                row[position[name]] = value
                continue
            memo = memos.get(name)
            if memo is None:
                row[position[name]] = processor(value)
                continue
            stored = memo.get(value, _MISSING)
            if stored is _MISSING:
                stored = processor(value)
                if len(memo) < _MEMO_SIZE:
                    memo[value] = stored
            row[position[name]] = stored
        self.rows.append(row)
        if len(self.rows) >= CHUNK:
            self.flush()

    def append(self, row: list[Any]) -> None:
        """A new row already in stored form (a copy of ``template`` filled in)."""
        self.rows.append(row)
        if len(self.rows) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        if self.fast:
            self.connection.exec_driver_sql(self.sql, [tuple(r) for r in self.rows])
        else:
            names = self.names
            self.connection.execute(
                self.table.insert(), [dict(zip(names, r, strict=True)) for r in self.rows]
            )
        self.written += len(self.rows)
        self.rows.clear()
        if self._on_flush is not None:
            self._on_flush(self.written)


class RowFiller:
    """Fills an inserter's row from a tuple of values given in a fixed order of columns.

    Made once for each order of fields a sheet gives; each value is turned into
    its stored form through ``convert`` (a reference's code into its id) and the
    column's bind processor, remembering the stored forms of repeated values.
    Empty values leave the row's default.
    """

    def __init__(
        self,
        inserter: Inserter,
        columns: Sequence[str | None],
        convert: Mapping[str, Callable[[Any], Any]] | None = None,
    ) -> None:
        self.inserter = inserter
        convert = convert or {}
        processor = inserter.processors.get("id")
        #: A record id in its stored form.
        self.stored_id: Callable[[Any], Any] = processor if processor is not None else _as_given
        #: (value's place, column's place, stored form or None when as given, memo or None)
        self.slots: list[tuple[int, int, Callable[[Any], Any] | None, dict[Any, Any] | None]] = []
        for at, name in enumerate(columns):
            if name is None:
                continue
            processor = inserter.processors[name]
            first = convert.get(name)
            stored = _chain(first, processor) if first is not None else processor
            memo: dict[Any, Any] | None = None if stored is None or name in _UNIQUE else {}
            self.slots.append((at, inserter.position[name], stored, memo))

    def row(self, values: Sequence[Any]) -> list[Any]:
        """A copy of the inserter's template with ``values`` in their columns."""
        row = self.inserter.template.copy()
        for at, position, stored, memo in self.slots:
            value = values[at]
            if value is None:
                continue
            if stored is None:
                row[position] = value
            elif memo is None:
                row[position] = stored(value)
            else:
                found = memo.get(value, _MISSING)
                if found is _MISSING:
                    found = stored(value)
                    if len(memo) < _MEMO_SIZE:
                        memo[value] = found
                row[position] = found
        return row


def _as_given(value: Any) -> Any:
    return value


def _chain(first: Callable[[Any], Any], then: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    if then is None:
        return first

    def both(value: Any) -> Any:
        converted = first(value)
        return None if converted is None else then(converted)

    return both


class Updater:
    """Updates records of one table, grouped by the columns that change, guarded by version."""

    def __init__(self, connection: Connection, model: Any, label: str) -> None:
        self.connection = connection
        self.table = table_of(model)
        self.label = label
        self.groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}

    def add(self, record_id: Any, version: int, values: Mapping[str, Any], when: Any) -> None:
        columns = tuple(sorted(values))
        row = {f"v_{c}": values[c] for c in columns}
        row.update(b_id=record_id, b_version=version, b_next=version + 1, b_when=when)
        self.groups.setdefault(columns, []).append(row)

    def _check_versions(self) -> None:
        """Refuse when a record's version is not the one the plan saw (it changed since)."""
        expected = {row["b_id"]: row["b_version"] for rows in self.groups.values() for row in rows}
        ids = list(expected)
        table = self.table
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            found = dict(
                self.connection.execute(
                    select(table.c.id, table.c.version).where(table.c.id.in_(chunk))
                ).all()
            )
            if any(found.get(record_id) != expected[record_id] for record_id in chunk):
                raise ConflictError(
                    f"Some {self.label} were changed in the workspace after the import was "
                    "checked; check the file again and import it then."
                )

    def flush(self) -> int:
        """Write every update; a record changed since the plan refuses the whole import."""
        written = 0
        table = self.table
        if self.groups:
            self._check_versions()
        for columns, rows in self.groups.items():
            statement = (
                update(table)
                .where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"))
                .values(
                    {c: bindparam(f"v_{c}") for c in columns}
                    | {"version": bindparam("b_next"), "updated_at": bindparam("b_when")}
                )
            )
            for start in range(0, len(rows), CHUNK):
                chunk = rows[start : start + CHUNK]
                result = self.connection.execute(statement, chunk)
                if self.connection.dialect.supports_sane_multi_rowcount and result.rowcount != len(
                    chunk
                ):
                    raise ConflictError(
                        f"Some {self.label} were changed in the workspace after the import was "
                        "checked; check the file again and import it then."
                    )
                written += len(chunk)
        self.groups.clear()
        return written
