"""Checking a sheet's rows one by one, each as one record: read, resolve, validate, match, diff.

Every row is checked before anything is written. A row's cells are read by
their columns' readers; references are resolved (or, when allowed, the missing
record is planned too); required fields, the kind's validation rules and
duplicates inside the file are checked; the row is matched to an existing
record by code (or by name when it has no code) and compared with it. What
the row would do becomes a :class:`~.model.RowChange`; what is wrong becomes
a :class:`~.model.Problem` at its cell.
"""

from __future__ import annotations

import math
import uuid
from typing import Any

from sqlalchemy import Row as DbRow

from pmodesk.exchange.importing.candidates import candidate
from pmodesk.exchange.importing.cells import CellError
from pmodesk.exchange.importing.existing import match_value
from pmodesk.exchange.importing.kinds import FieldType
from pmodesk.exchange.importing.model import Problem, RowChange
from pmodesk.exchange.importing.resolver import Entry
from pmodesk.exchange.importing.sheet_base import SheetBase, kind_of, sentence
from pmodesk.exchange.importing.sheets import SheetSetup
from pmodesk.exchange.importing.state import PlanContext
from pmodesk.exchange.reading import Row

_REFERENCED = frozenset({"portfolio", "programme", "team", "role", "person", "project"})
#: Referenced kinds whose rules look further than whether a record is live (a programme's portfolio).
_WHOLE = frozenset({"programme"})
#: The id a skipped row's new record is checked under: it is never written, so takes no real id.
_UNWRITTEN = uuid.UUID(int=0)


def same(old: Any, new: Any) -> bool:
    """Equal as stored: floats within rounding, everything else exactly."""
    if isinstance(old, float) and isinstance(new, float | int) and not isinstance(new, bool):
        return math.isclose(old, float(new), rel_tol=1e-9, abs_tol=1e-9)
    return bool(old == new)


class RecordSheet(SheetBase):
    """Checks the rows of one sheet whose rows are records of one kind.

    Rows are matched to records on the kind's key (the code; project and period
    for a status report), or on the fields a saved mapping names as the key.
    """

    def __init__(self, ctx: PlanContext, setup: SheetSetup) -> None:
        super().__init__(ctx, setup)
        named = tuple(k for k in setup.plan.key if k in self.spec.fields)
        self.match_on = named if named and named != self.spec.key else ()
        self.match_attrs = tuple(self.spec.fields[k].attr for k in self.match_on)

    # ---------------------------------------------------------------- one row

    def _read(self, row: Row) -> tuple[list[Any], list[Problem]] | None:
        """The row's values and the cells that could not be read; None when it is skipped."""
        ctx = self.ctx
        if row.hidden and ctx.options.skip_hidden_rows:
            self.skip(row)
            return None
        if (
            not self.skipping
            and ctx.options.skip_rows
            and ctx.options.skips(self.source, self.sheet, row.number)
        ):
            self.skipped_row(row)  # read all the same: its problems stay listed, as skipped
            return None
        values: list[Any] = [None] * len(self.fields)
        errors: list[Problem] = []
        cells = row.cells
        for i, reader in self.readers:
            raw = cells[reader.position]
            if raw is None:
                continue
            try:
                values[i] = reader.read(raw)
            except CellError as exc:
                errors.append(self._problem(row.number, reader.label, raw, str(exc)))
        return values, errors

    def row(self, row: Row) -> None:
        number, cells = row.number, row.cells
        read = self._read(row)
        if read is None:
            return
        values, errors = read
        if not errors and self._is_stub(values):
            if not self.skipping:
                self.stubs.append(number)
            self.skip(row, tuple(values))
            return
        for i, value in self.defaults:
            if values[i] is None:
                values[i] = value
        self._derive(values)
        ids = self._resolve(number, cells, values, errors)
        for spec in self.required:
            at = self.index.get(spec.key)
            if at is None or values[at] is None:
                label = self.label_of.get(spec.key, "")
                errors.append(
                    self._problem(
                        number, label, None, f"{spec.label} is required for a {self.spec.label}"
                    )
                )
        if errors:
            self._refuse(row, values, errors)
            return
        self._check(row, values, ids)

    def _is_stub(self, values: list[Any]) -> bool:
        given = [i for i, v in enumerate(values) if v is not None]
        return len(given) == 1 and self.fields[given[0]] == "code"

    def _derive(self, values: list[Any]) -> None:
        """A RAID item without a title takes the first line of its description."""
        title = self.index.get("title")
        description = self.index.get("description")
        if title is None or description is None or values[title] is not None:
            return
        text = values[description]
        if text:
            first = str(text).strip().split("\n", 1)[0].strip()
            limit = self.spec.fields["title"].max_length or 300
            values[title] = first if len(first) <= limit else first[: limit - 1].rstrip() + "…"

    # ---------------------------------------------------------------- match, validate, diff

    def _named_key(
        self, values: list[Any], ids: dict[str, uuid.UUID | None]
    ) -> tuple[Any, ...] | None:
        """The row's values of the fields a mapping matches records on; None when one is empty."""
        out: list[Any] = []
        for key in self.match_on:
            value = (
                ids.get(key)
                if key in ids
                else values[self.index[key]]
                if key in self.index
                else None
            )
            if value is None:
                return None
            out.append(match_value(value))
        return tuple(out)

    def _key(self, values: list[Any], ids: dict[str, uuid.UUID | None]) -> tuple[Any, ...]:
        if self.match_on:
            named = self._named_key(values, ids)
            if named is not None:
                return ("~key", *named)
        if self.spec.coded:
            code = values[self.index["code"]]
            if code is not None:
                return (str(code).upper(),)
            name = self.spec.name_field
            text = values[self.index[name]] if name in self.index else ""
            return ("~name", str(text).casefold(), ids.get("project"))
        return tuple(ids.get(k) if k in ids else values[self.index[k]] for k in self.spec.key)

    def _match(self, values: list[Any], ids: dict[str, uuid.UUID | None]) -> DbRow[Any] | None:
        if self.match_on:
            named = self._named_key(values, ids)
            found = self.existing.matching(self.match_attrs, named) if named is not None else None
            if found is not None and self.spec.coded:
                values[self.index["code"]] = found._mapping["code"]
            if found is not None or named is not None:
                return found
        if self.spec.coded:
            code = values[self.index["code"]]
            if code is not None:
                return self.existing.by_code(str(code))
            name = self.spec.name_field
            if name is None or values[self.index[name]] is None:
                return None
            found = self.existing.named(str(values[self.index[name]]), ids.get("project"))
            if found is not None:
                values[self.index["code"]] = found._mapping["code"]
            return found
        key = tuple(ids.get(k) if k in ids else values[self.index[k]] for k in self.spec.key)
        return self.existing.by_key.get(key)

    def _check(self, row: Row, values: list[Any], ids: dict[str, uuid.UUID | None]) -> None:
        number = row.number
        key = self._key(values, ids)
        first = self.seen.get(key)
        if first is not None:
            where = f"row {first[2]}" if first[1] == self.sheet else f"{first[1]} row {first[2]}"
            label = self.label_of.get("code") or self.label_of.get(self.spec.key[0], "")
            shown_key = (
                values[self.index["code"]] if "code" in self.index else " ".join(map(str, key))
            )
            self._refuse(
                row, values, [self._problem(number, label, shown_key, f"is a duplicate of {where}")]
            )
            return
        if not self.skipping:
            self.seen[key] = (self.source, self.sheet, number)
        existing = self._match(values, ids)
        if existing is not None and existing._mapping["archived_at"] is not None:
            code = existing._mapping.get("code", "")
            problem = self._problem(
                number, self.label_of.get("code", ""), code,
                f"{self.spec.label} {code} is archived; restore it first or skip this row",
            )  # fmt: skip
            self._refuse(row, values, [problem])
            return
        given = self._given(values, ids, existing is not None)
        if self.skipping and self.unsure:
            return  # it names a record only an import of it would create: no rule can judge it
        record_id = (
            existing._mapping["id"]
            if existing is not None
            else _UNWRITTEN
            if self.skipping
            else self.ctx.ids.next()
        )
        if existing is not None:
            current = dict(existing._mapping)
            if all(same(current.get(attr), value) for attr, value in given.items()):
                if self.skipping:
                    return
                # nothing changes: no rule can be newly broken (a frozen report stays as it is)
                self.ctx.preview.append(self._change(number, values, existing, record_id, given))
                self.plan.rows += 1
                return
            obj = candidate(self.spec.model, current | given)
            before = candidate(self.spec.model, current)
        else:
            placeholder = (
                {"code": "NEW"} if self.spec.coded and values[self.index["code"]] is None else {}
            )
            obj = candidate(
                self.spec.model, self.model_defaults | placeholder | given | {"id": record_id}
            )
            before = None
        broken = self.ctx.rules.check_all(
            obj, before, current if existing is not None else self.model_defaults
        )
        if broken:
            problems = []
            for message, field in broken:
                spec = self.spec.field_for_attr(field) if field else None
                label = self.label_of.get(spec.key, "") if spec else ""
                raw = row.cells[self.raw_of[spec.key]] if spec and spec.key in self.raw_of else None
                problems.append(self._problem(number, label, raw, sentence(message)))
            self._refuse(row, values, problems)
            return
        if self.skipping:
            return
        change = self._change(number, values, existing, record_id, given)
        self.ctx.preview.append(change)
        self.plan.rows += 1
        if self.kind in _REFERENCED:
            if self.kind in _WHOLE:
                self.ctx.rules.remember(
                    obj
                )  # the rules read more of these than whether they are live
            else:
                name = (
                    values[self.index[self.spec.name_field]]
                    if self.spec.name_field in self.index
                    else ""
                )
                self.ctx.rules.remember_live(
                    self.spec.model, record_id, change.key, str(name or "")
                )
            if existing is None:
                entry = self._register(values, record_id)
                if change.key == "":
                    self.needs_code.append((change, entry))
        elif existing is None and self.spec.coded and values[self.index["code"]] is None:
            self.needs_code.append((change, None))

    def _given(
        self, values: list[Any], ids: dict[str, uuid.UUID | None], updating: bool
    ) -> dict[str, Any]:
        """Attribute -> value of what the row sets (empty cells leave an existing record alone)."""
        clear = self.ctx.options.clear_blanks
        given: dict[str, Any] = {}
        for spec, value in zip(self.specs, values, strict=True):
            if value is None:
                if updating and clear:
                    # a cleared cell: nothing where the table allows it, else the default ("")
                    given[spec.attr] = (
                        None if spec.attr in self.nullable else self.model_defaults.get(spec.attr)
                    )
                continue
            given[spec.attr] = ids.get(spec.key) if spec.type is FieldType.REF else value
        return given

    def _register(self, values: list[Any], record_id: uuid.UUID) -> Entry:
        code = values[self.index["code"]] if "code" in self.index else None
        name = self.spec.name_field
        text = values[self.index[name]] if name in self.index else ""
        entry = Entry(record_id, str(code or f"~{record_id}"), str(text or ""), new=True)
        self.ctx.resolver.register(self.kind, entry)
        return entry

    def _change(
        self,
        number: int,
        values: list[Any],
        existing: DbRow[Any] | None,
        record_id: uuid.UUID,
        given: dict[str, Any],
    ) -> RowChange:
        key = self._display_key(values)
        for i, spec in enumerate(self.specs):
            if values[i] is None and spec.attr in given and spec.type is not FieldType.REF:
                values[i] = given[spec.attr]  # a cleared cell: the value it clears to
        if existing is None:
            return RowChange(self.kind, "create", key, self.source, self.sheet, number,
                             self.fields, tuple(values), record_id=record_id)  # fmt: skip
        current = existing._mapping
        old: list[Any] = []
        changed: list[str] = []
        resolver = self.ctx.resolver
        for spec in self.specs:
            value = current.get(spec.attr)
            if spec.type is FieldType.REF and spec.ref is not None:
                old.append(resolver.code_of(kind_of(spec.ref), value))
            else:
                old.append(value)
            if spec.attr in given and not same(value, given[spec.attr]):
                changed.append(spec.key)
        return RowChange(
            self.kind, "update" if changed else "unchanged", key, self.source, self.sheet, number,
            self.fields, tuple(values), tuple(old), current["id"], current["version"], tuple(changed),
        )  # fmt: skip

    def _display_key(self, values: list[Any]) -> str:
        if self.spec.coded:
            code = values[self.index["code"]]
            return str(code) if code is not None else ""
        return " ".join(str(values[self.index[k]]) for k in self.spec.key if k in self.index)
