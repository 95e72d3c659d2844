"""What every sheet's checking shares: its fields, skipping and refusing rows, references, codes.

:class:`SheetBase` holds a sheet's fields in the order its rows give them,
turns the texts a row names records by into those records (planning the
creation of the missing ones when allowed), and at the end of the sheet gives
new records without a code the next codes in the workspace's style.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable
from typing import Any

from pmodesk.exchange.importing.candidates import candidate
from pmodesk.exchange.importing.cell_base import as_text, empty
from pmodesk.exchange.importing.kinds import CREATABLE, FieldType, kind_specs, reference_kinds
from pmodesk.exchange.importing.model import Problem, RowChange
from pmodesk.exchange.importing.resolver import Entry, Found, Refused
from pmodesk.exchange.importing.sheets import SheetSetup
from pmodesk.exchange.importing.state import PlanContext, shown
from pmodesk.exchange.reading import Row

#: Distinct texts listed per reference field in ``SheetPlan.values`` (a column of 100,000 names
#: would otherwise make a value table nobody reads).
VALUES_LISTED = 500


class SheetBase:
    """A sheet being checked: the parts that do not depend on what one row holds."""

    def __init__(self, ctx: PlanContext, setup: SheetSetup) -> None:
        self.ctx = ctx
        self.setup = setup
        self.spec = setup.spec
        self.plan = setup.plan
        self.kind = setup.spec.kind
        extras = [k for k in setup.defaults if all(r.spec.key != k for r in setup.readers)]
        keys = [r.spec.key for r in setup.readers] + extras
        if self.spec.coded and "code" not in keys:
            keys.append("code")
        name = self.spec.name_field
        if name and name not in keys and "description" in keys and self.kind == "raid_item":
            keys.append(name)  # a RAID log without titles: the description's first line
        self.fields = tuple(keys)
        self.index = {k: i for i, k in enumerate(self.fields)}
        self.specs = [self.spec.fields[k] for k in self.fields]
        self.readers = [(self.index[r.spec.key], r) for r in setup.readers]
        self.refs = [(i, s) for i, s in enumerate(self.specs) if s.type is FieldType.REF]
        self.required = [s for s in self.spec.fields.values() if s.required]
        self.defaults = [(self.index[k], v) for k, v in setup.defaults.items()]
        self.existing = ctx.existing(self.kind)
        self.seen = ctx.seen.setdefault(self.kind, {})
        self.needs_code: list[tuple[RowChange, Entry | None]] = []
        self.stubs: list[int] = []
        self.source = self.plan.source
        self.sheet = self.plan.sheet
        self.model_defaults = ctx.defaults(self.spec)
        self.label_of = {r.spec.key: r.label for r in setup.readers}
        self.raw_of = {r.spec.key: r.position for r in setup.readers}
        self.found: dict[tuple[str, str], Found] = {}
        self.nullable = frozenset(c.name for c in self.spec.model.__table__.c if c.nullable)
        #: True while a row the options skip is read: its problems are reported (skipped) and
        #: nothing it holds is planned, remembered or counted.
        self.skipping = False
        #: True when the row being skipped names a record "create missing" would have added:
        #: the rules cannot judge it as it would have been, so they are not asked.
        self.unsure = False

    # ---------------------------------------------------------------- the sheet

    def run(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self.row(row)
        self.finish()

    def finish(self) -> None:
        self._assign_codes()
        if self.stubs:
            listed = ", ".join(str(n) for n in self.stubs[:10])
            more = f" and {len(self.stubs) - 10} more" if len(self.stubs) > 10 else ""
            self.plan.notes.append(
                f"Rows {listed}{more} hold only a code or number; they were skipped."
                if len(self.stubs) > 1
                else f"Row {listed} holds only a code or number; it was skipped."
            )

    def _assign_codes(self) -> None:
        """New records without a code get the next free codes in the workspace's style."""
        if not self.needs_code:
            return
        style = self.ctx.resolver.style(self.kind)
        at = self.index["code"]
        first = ""
        for change, entry in self.needs_code:
            code = style.next()
            first = first or code
            values = list(change.new)
            values[at] = code
            change.new = tuple(values)
            change.key = code
            if entry is not None:
                self.ctx.resolver.recode(self.kind, entry, code)
        count = len(self.needs_code)
        what = self.spec.plural if count != 1 else self.spec.label
        self.plan.notes.append(
            f"{count} new {what} without a code will get codes from {first} on "
            "(in the workspace's style)."
        )

    def row(self, row: Row) -> None:
        raise NotImplementedError

    def skipped_row(self, row: Row) -> None:
        """Check a row the options skip, for its problems only (reported as skipped)."""
        skipped = self.plan.skipped
        self.skipping, self.unsure = True, False
        try:
            self.row(row)
        finally:
            self.skipping = self.unsure = False
        if self.plan.skipped == skipped:
            self.skip(row)

    def skip(self, row: Row, values: tuple[Any, ...] = ()) -> None:
        self.plan.skipped += 1
        self.ctx.preview.append(
            RowChange(self.kind, "skip", "", self.source, self.sheet, row.number, self.fields,
                      values or (None,) * len(self.fields))
        )  # fmt: skip

    def _problem(self, number: int, label: str, raw: Any, reason: str) -> Problem:
        return Problem(self.source, self.sheet, number, label, shown(raw), reason)

    def _resolve(
        self, number: int, cells: tuple[Any, ...], values: list[Any], errors: list[Problem]
    ) -> dict[str, uuid.UUID | None]:
        """Reference texts -> codes in ``values``; returns field key -> id."""
        ids: dict[str, uuid.UUID | None] = {}
        resolver = self.ctx.resolver
        for i, spec in self.refs:
            text = values[i]
            if text is None:
                ids[spec.key] = None
                continue
            assert spec.ref is not None
            memo = (spec.ref, str(text))
            found = self.found.get(memo) or resolver.find(spec.ref, str(text))
            label = self.label_of.get(spec.key, "")
            if isinstance(found, Found):
                values[i] = found.entry.code
                ids[spec.key] = found.entry.id
                if len(self.found) < 10_000:
                    self.found[memo] = found
                if not found.entry.new:
                    self._list_value(spec.key, cells, found.entry.code)
                continue
            if isinstance(found, Refused):
                self._list_value(spec.key, cells, None)
                errors.append(self._problem(number, label, text, found.reason))
                continue
            ref_kind = kind_of(spec.ref)
            if self.ctx.options.create_missing and ref_kind in CREATABLE:
                if self.skipping:  # a skipped row plans no record
                    self.unsure = True
                    ids[spec.key] = None
                    continue
                entry = self._create_missing(number, spec.ref, str(text))
                values[i] = entry.code
                ids[spec.key] = entry.id
                continue
            hint = " (import with “create missing” to add it)" if ref_kind in CREATABLE else ""
            if ref_kind == "stage":
                hint = f" (the stages are {self._stage_names()})"
            self._list_value(spec.key, cells, None)
            errors.append(
                self._problem(
                    number,
                    label,
                    text,
                    f"there is no {_what(spec.ref)} {text!r} in the workspace{hint}",
                )
            )
        return ids

    def _list_value(self, key: str, cells: tuple[Any, ...], code: str | None) -> None:
        """List the text of a reference cell in ``plan.values`` with the code it was read as.

        So a mapping step shows every stage or programme name the sheet uses, those
        that resolved on their own ("Build" is DELIVERY) as well as the mapped ones,
        and lets the user correct any. Records "create missing" adds are not listed:
        they are not in the workspace to be picked.
        """
        position = self.raw_of.get(key)
        if position is None:
            return  # the value came from the options or a group row, not this column
        raw = cells[position]
        if raw is None or empty(raw):
            return
        listed = self.plan.values.setdefault(key, {})
        text = as_text(raw)
        if text not in listed and len(listed) < VALUES_LISTED:
            listed[text] = code

    def _stage_names(self) -> str:
        entries = [e for e in self.ctx.resolver.table("stage").by_id.values() if not e.archived]
        return ", ".join(e.name for e in entries)

    def _create_missing(self, number: int, ref_key: str, text: str) -> Entry:
        """Plan the creation of a record a row names and the workspace lacks."""
        kind, entry = self.ctx.resolver.new_entry(ref_key, text)
        spec = kind_specs()[kind]
        fields = ("code", spec.name_field or "name")
        self.ctx.preview.append(
            RowChange(kind, "create", entry.code, self.source, self.sheet, number, fields,
                      (entry.code, entry.name), record_id=entry.id)
        )  # fmt: skip
        values = self.ctx.defaults(spec) | {
            "id": entry.id,
            "code": entry.code,
            fields[1]: entry.name,
        }
        self.ctx.rules.remember(candidate(spec.model, values))
        self.ctx.notes.append(
            f"{spec.label.capitalize()} {entry.name!r} is not in the workspace; it will be created "
            f"as {entry.code} (first named in {self.sheet} row {number})."
        )
        return entry

    def _refuse(self, row: Row, values: list[Any], errors: list[Problem]) -> None:
        skipped = self.ctx.options.skip_invalid or self.skipping
        for problem in errors:
            self.ctx.problems.append(
                dataclasses.replace(problem, skipped=True) if skipped else problem
            )
        self.skip(row, tuple(values))


def kind_of(ref_key: str) -> str:

    return reference_kinds()[ref_key][0]


def _what(ref_key: str) -> str:
    return {"objective": "strategic objective"}.get(ref_key, ref_key)


def sentence(message: str) -> str:
    """A rule's message as a reason after the value: no capital, no full stop."""
    text = message.rstrip(".")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
