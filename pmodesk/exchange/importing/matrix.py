"""Resource plans: allocations in long form (a row per person, project and week) or as a matrix.

A matrix has people (or roles) down and weeks, months or days across, with hours
or a percentage of capacity in its cells. Its project comes from a project
column, from the group row above (a row naming only a project, often with
totals), or from the import's options. Months are spread over their weeks by
weekdays; days are added up into their weeks. Every week of a row is one
allocation, matched after the sheet is read to the live allocation of the same
person (or role), project, week and scenario.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from pmodesk.errors import ValidationError
from pmodesk.exchange.importing.candidates import candidate
from pmodesk.exchange.importing.cells import CellError
from pmodesk.exchange.importing.existing import AllocationKey, existing_allocations
from pmodesk.exchange.importing.model import MatrixUnit, Problem, RowChange
from pmodesk.exchange.importing.periods import monday, month_week_days, week_of_number
from pmodesk.exchange.importing.rows import RecordSheet, same
from pmodesk.exchange.importing.sheets import SheetSetup
from pmodesk.exchange.importing.state import PlanContext
from pmodesk.exchange.reading import CellValue, Row, is_empty_marker, parse_number, parse_percent
from pmodesk.services.validation import HOURS_IN_WEEK, check_range

#: The most hours a day's cell of a plan may hold.
HOURS_IN_DAY = 24

FIELDS = ("person", "role", "project", "week_start", "hours", "percent_of_capacity", "scenario",
          "tentative", "note")  # fmt: skip
_LABELS = ("person", "role", "project", "scenario", "tentative", "note")
_P, _R, _J, _W, _H, _C, _S, _T, _N = range(9)


class AllocationSheet(RecordSheet):
    """Checks a resource plan; allocations are matched to existing ones when the sheet is done."""

    def __init__(self, ctx: PlanContext, setup: SheetSetup, unit: MatrixUnit = "hours") -> None:
        super().__init__(ctx, setup)
        self.unit = unit
        self.group_project: str | None = None
        self.pending: list[tuple[RowChange, AllocationKey]] = []
        self.rollups = 0
        self.capacity: dict[uuid.UUID | None, float] = {}
        periods = setup.periods
        self.period_cells = []
        if periods is not None:
            first_week = ctx.options.first_week
            for col in periods.columns:
                if periods.kind == "week numbers":
                    assert first_week is not None
                    assert col.number is not None
                    spans = [(week_of_number(first_week, col.number), 1.0)]
                elif periods.kind == "months":
                    assert col.start is not None
                    spans = month_week_days(col.start)
                elif periods.kind == "days":
                    assert col.start is not None
                    spans = [(monday(col.start), 0.2)]  # a weekday is a fifth of its week
                else:
                    assert col.start is not None
                    spans = [(col.start, 1.0)]
                self.period_cells.append(
                    (col.position, f"{col.column.letter} ({col.column.name})", spans)
                )
        self.months = periods is not None and periods.kind == "months"
        #: The most hours one cell may hold: a day's, a week's or a month's.
        self.most_hours = (
            HOURS_IN_DAY if periods is not None and periods.kind == "days"
            else HOURS_IN_WEEK * 5 if self.months else HOURS_IN_WEEK
        )  # fmt: skip
        #: Cells are hours added to one week each (not percent, not months spread over weeks).
        self.plain_hours = unit == "hours" and not self.months
        #: Week -> its ISO text, for the preview's keys.
        self.week_text: dict[date, str] = {}

    # ---------------------------------------------------------------- one row

    def row(self, row: Row) -> None:
        number, cells = row.number, row.cells
        read = self._read(row)
        if read is None:
            return
        values, errors = read
        who = [values[self.index[k]] for k in ("person", "role") if k in self.index]
        project_at = self.index.get("project")
        if not any(v is not None for v in who) and not errors:
            if project_at is not None and values[project_at] is not None and self.period_cells:
                if not self.skipping:
                    self.group_project = values[project_at]  # a project's group row (its totals)
                    self.rollups += 1
                self.skip(row)
                return
            if self.period_cells or not any(v is not None for v in values):
                self.skip(row)
                return
            errors.append(self._problem(number, "", None, "an allocation needs a person or a role"))
        for i, value in self.defaults:
            if values[i] is None:
                values[i] = value
        if project_at is not None and values[project_at] is None and self.group_project:
            values[project_at] = self.group_project
        ids = self._resolve(number, cells, values, errors)
        if project_at is None or values[project_at] is None:
            errors.append(
                self._problem(number, "", None, "names no project (give a project column, a "
                              "project row above, or the project of the whole sheet)")
            )  # fmt: skip
        if errors:
            self._refuse(row, values, errors)
            return
        if self.skipping and self.unsure:
            return  # it names a record only an import of it would create: no rule can judge it
        if self.period_cells:
            self._matrix_row(row, values, ids)
        else:
            self._long_row(row, values, ids)

    # ---------------------------------------------------------------- amounts

    def _amount(self, raw: CellValue) -> tuple[float | None, bool]:
        """(hours or percent points, is_percent) of one cell; None when empty."""
        if raw.__class__ is float or raw.__class__ is int:
            if self.unit == "percent":
                return (float(raw) * 100 if abs(float(raw)) <= 1 else float(raw)), True
            return float(raw), False
        if is_empty_marker(raw):
            return None, False
        if isinstance(raw, str) and "%" in raw:
            share = parse_percent(raw, style=self.ctx.options.number_style).value
            if share is None:
                raise CellError("is not a percentage of capacity")
            return share * 100, True
        number = parse_number(raw, style=self.ctx.options.number_style).value
        if number is None:
            raise CellError("is not a number of hours")
        return number, self.unit == "percent"

    def _standard_week(self, person_id: uuid.UUID | None) -> float:
        found = self.capacity.get(person_id)
        if found is None:
            from pmodesk.domain import Person
            from pmodesk.services.capacity.editing import standard_week

            person = self.ctx.rules.get(Person, person_id) if person_id is not None else None
            found = self.capacity[person_id] = standard_week(self.ctx.session, person)  # type: ignore[arg-type]
        return found

    # ---------------------------------------------------------------- matrix and long rows

    def _matrix_row(self, row: Row, values: list[Any], ids: dict[str, uuid.UUID | None]) -> None:
        weeks: dict[date, list[float]] = {}  # week -> [hours, percent points, 1 if percent]
        errors: list[Problem] = []
        cells = row.cells
        plain, most = self.plain_hours, self.most_hours
        for position, label, spans in self.period_cells:
            raw = cells[position]
            if raw is None:
                continue
            if plain and (raw.__class__ is float or raw.__class__ is int) and 0 <= raw <= most:
                # the usual cell: hours of a week (or a day of it) as a number; spans is that week
                slot = weeks.get(spans[0][0])
                if slot is None:
                    weeks[spans[0][0]] = [float(raw), 0.0, 0.0]
                else:
                    slot[0] += raw
                continue
            try:
                amount, percent = self._amount(raw)
                if amount is not None:
                    check_range(amount, 0, 100 if percent else most,
                                "percent_of_capacity" if percent else "hours")  # fmt: skip
            except CellError as exc:
                errors.append(self._problem(row.number, label, raw, str(exc)))
                continue
            except ValidationError as exc:
                errors.append(self._problem(row.number, label, raw, _reason(exc.message)))
                continue
            if amount is None:
                continue
            for week, share in spans:
                slot = weeks.setdefault(week, [0.0, 0.0, 0.0])
                if percent:
                    slot[1] += amount * share  # a week half in the month takes half its share
                    slot[2] = 1.0
                elif self.months:
                    slot[0] += amount * share * 5 / _weekdays(spans)
                else:
                    slot[0] += amount
        if errors:
            self._refuse(row, values, errors)
            return
        planned: list[tuple[date, float, float | None]] = []
        for week, (total, points, marked) in weeks.items():
            pct: float | None = None
            if marked:
                pct = round(points, 4)
                hours = round(pct / 100 * self._standard_week(ids.get("person")), 2)
            else:
                hours = round(total, 4)
            planned.append((week, hours, pct))
        if planned and self._allocations(row, values, ids, planned):
            self.plan.rows += 1

    def _long_row(self, row: Row, values: list[Any], ids: dict[str, uuid.UUID | None]) -> None:
        week = values[self.index["week_start"]] if "week_start" in self.index else None
        hours = values[self.index["hours"]] if "hours" in self.index else None
        percent = (
            values[self.index["percent_of_capacity"]]
            if "percent_of_capacity" in self.index
            else None
        )
        if hours is None and percent is not None:
            hours = round(percent / 100 * self._standard_week(ids.get("person")), 2)
        missing = [label for label, v in (("the week", week), ("the hours", hours)) if v is None]
        if missing:
            reason = f"an allocation needs {' and '.join(missing)}"
            self._refuse(row, values, [self._problem(row.number, "", None, reason)])
            return
        assert week is not None
        assert hours is not None
        if self._allocations(row, values, ids, [(week, float(hours), percent)]):
            self.plan.rows += 1

    def _allocations(
        self,
        row: Row,
        values: list[Any],
        ids: dict[str, uuid.UUID | None],
        planned: list[tuple[date, float, float | None]],
    ) -> bool:
        """The row's allocations, one per week, checked together: all are planned or none."""
        person, role = ids.get("person"), ids.get("role")
        project, scenario = ids.get("project"), ids.get("scenario")
        assert project is not None
        who = None if person is not None else role
        keys: list[AllocationKey] = [
            (person, who, project, week, scenario) for week, _h, _p in planned
        ]
        for key in keys:
            first = self.seen.get(key)
            if first is not None:
                where = (
                    f"row {first[2]}" if first[1] == self.sheet else f"{first[1]} row {first[2]}"
                )
                reason = f"has the same person, project and week ({key[3]:%d %b %Y}) as {where}"
                self._refuse(row, values, [self._problem(row.number, "", None, reason)])
                return False
        week, hours, percent = planned[0]
        attrs = {"person_id": person, "role_id": role, "project_id": project, "week_start": week,
                 "hours": hours, "percent_of_capacity": percent, "scenario_id": scenario}  # fmt: skip
        broken = self.ctx.rules.check(candidate(self.spec.model, self.model_defaults | attrs), None)
        if broken is not None:
            message, field = broken
            spec = self.spec.field_for_attr(field) if field else None
            label = self.label_of.get(spec.key, "") if spec else ""
            self._refuse(row, values, [self._problem(row.number, label, None, _reason(message))])
            return False
        if self.skipping:
            return False
        base: list[Any] = [None] * len(FIELDS)
        for n, key_name in enumerate(FIELDS):
            i = self.index.get(key_name)
            base[n] = values[i] if i is not None else None
        origin = (self.source, self.sheet, row.number)
        seen, pending, week_text = self.seen, self.pending, self.week_text
        source, sheet, number = origin
        prefix = f"{base[_P] or base[_R]} · {base[_J]} · "
        for key, (week, hours, percent) in zip(keys, planned, strict=True):
            seen[key] = origin
            new = base.copy()
            new[_W], new[_H], new[_C] = week, hours, percent
            text = week_text.get(week)
            if text is None:
                text = week_text[week] = week.isoformat()
            change = RowChange("allocation", "create", prefix + text, source, sheet, number,
                               FIELDS, tuple(new))  # fmt: skip
            pending.append((change, key))
        return True

    # ---------------------------------------------------------------- the sheet done

    def finish(self) -> None:
        projects = {key[2] for _c, key in self.pending}
        existing = existing_allocations(self.ctx.session, projects)
        preview = self.ctx.preview
        new_id = self.ctx.ids.next
        for change, key in self.pending:
            found = existing.get(key) if existing else None
            if found is None:
                if not change.new[_H]:
                    continue  # an empty week in a plan is no allocation
                change.record_id = new_id()
                preview.append(change)
                continue
            m = found._mapping
            old = (change.new[_P], self._role_code(m["role_id"]), change.new[_J], m["week_start"],
                   m["hours"], m["percent_of_capacity"], change.new[_S], m["tentative"], m["note"])  # fmt: skip
            changed = tuple(
                FIELDS[n] for n in (_H, _C, _T, _N)
                if change.new[n] is not None and not same(old[n], change.new[n])
                and not (n == _N and change.new[n] == "" and old[n] == "")
            )  # fmt: skip
            if (
                "hours" in changed
                and change.new[_C] is None
                and "percent_of_capacity" not in changed
            ):
                changed += ("percent_of_capacity",) if m["percent_of_capacity"] is not None else ()
            preview.append(dataclasses.replace(
                change, action="update" if changed else "unchanged", old=old,
                record_id=m["id"], version=m["version"], changed=changed,
            ))  # fmt: skip
        self.pending.clear()
        if self.rollups:
            self.plan.notes.append(
                f"{self.rollups} project rows (a project's name over its people, often with totals) "
                "gave the project of the rows below them; their own figures were not imported."
            )
        super().finish()

    def _role_code(self, role_id: uuid.UUID | None) -> str | None:
        return self.ctx.resolver.code_of("role", role_id)

    def run(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self.row(row)
        self.finish()


def _weekdays(spans: list[tuple[date, float]]) -> float:
    """The weekdays of a month: the sum of its weeks' shares times five."""
    return sum(share for _w, share in spans) * 5


def _reason(message: str) -> str:
    text = message.rstrip(".")
    return text[:1].lower() + text[1:]
