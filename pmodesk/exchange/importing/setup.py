"""Deciding how each sheet is read: which sheets, their kind, header row, columns and readers.

In order of authority: the kind the caller names for a sheet, a saved mapping,
the workbook's own description (``_pmodesk``), and last a guess from the
sheet's headers, its cells and its name. A sheet with weeks or months across
and people down is a resource plan whatever its name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from pmodesk.domain.enums import RaidKind
from pmodesk.exchange.importing.cells import ColumnContext, cell_reader
from pmodesk.exchange.importing.described import Description, find_header_row
from pmodesk.exchange.importing.kinds import FieldType, KindSpec, kind_spec
from pmodesk.exchange.importing.matching import ColumnSample, guess_kind, match_columns
from pmodesk.exchange.importing.model import ColumnMatch, MatrixInfo, MatrixUnit, SheetPlan
from pmodesk.exchange.importing.periods import Periods, find_periods, week_of_number
from pmodesk.exchange.importing.saved import SavedMapping, SheetMapping
from pmodesk.exchange.importing.sheets import ColumnReader, SheetSetup
from pmodesk.exchange.importing.state import PlanContext
from pmodesk.exchange.importing.words import fold
from pmodesk.exchange.reading import (
    Book,
    NumberStyle,
    ReadError,
    TableStream,
    infer_date_order,
    infer_number_style,
)
from pmodesk.exchange.reading.values import DateOrder, parse_date

SAMPLE_ROWS = 500
_MATRIX_FIELDS = frozenset({"week_start", "hours", "percent_of_capacity"})
_NUMBER_TYPES = frozenset(
    {FieldType.NUMBER, FieldType.INTEGER, FieldType.MONEY, FieldType.PERCENT, FieldType.FRACTION}
)


@dataclass(frozen=True)
class Request:
    """What the caller asked for: kinds by sheet ("*" for all), sheet names, a saved mapping."""

    kinds: Mapping[str, str]
    sheets: Sequence[str] | None
    saved: SavedMapping | None


def chosen_sheets(book: Book, request: Request, described: Description | None) -> list[str]:
    """The sheets of ``book`` to import: those named, else those described, else visible ones."""
    names = [s.name for s in book.sheets]
    if request.sheets:
        wanted = {s.casefold() for s in request.sheets}
        return [n for n in names if n.casefold() in wanted]
    if described is not None:
        return [n for n in names if n in described.sheets]
    return [s.name for s in book.default_sheets() if s.name != "_pmodesk"]


def setup_sheet(
    ctx: PlanContext, book: Book, sheet: str, request: Request, described: Description | None
) -> SheetSetup | None:
    """How ``sheet`` is read, or None when it holds no records (a note says why)."""
    source = book.path.name
    given_kind = request.kinds.get(sheet) or request.kinds.get("*")
    saved = request.saved.for_sheet(sheet) if request.saved else None
    told = described.sheets.get(sheet) if described else None
    header_row = saved.header_row if saved else None
    if told is not None and header_row is None:
        header_row = find_header_row(book.grid(sheet), list(told.columns))
    try:
        stream = book.open_table(sheet, header_row=header_row)
    except ReadError as exc:
        if "empty" in str(exc):
            ctx.notes.append(f"{source}: {sheet} is empty; nothing to import there.")
            return None
        raise
    sample_stream = book.open_table(sheet, header_row=stream.info.header_row)
    rows = list(islice(sample_stream, SAMPLE_ROWS))
    samples = [
        ColumnSample(col, [r.cells[i] for r in rows]) for i, col in enumerate(stream.columns)
    ]
    kind_name, detected, confidence, how = _decide_kind(given_kind, saved, told)
    fixed: dict[str, str | None] | None = None
    if saved is not None:
        fixed = dict(saved.columns)
    elif told is not None:
        fixed = dict(told.columns)
    periods = find_periods(stream.columns)
    matches: list[ColumnMatch] | None = None
    if kind_name is None and periods is not None:
        matches = _plan_matches(kind_spec("allocation"), samples, periods, None, how)
        if any(m.field in ("person", "role") for m in matches):
            kind_name, confidence = "allocation", 0.9
        else:
            matches, periods = None, None
    if kind_name is None:
        guess = guess_kind(samples, sheet, evidence=ctx.known_codes)
        if guess is None:
            ctx.notes.append(
                f"{source}: {sheet} does not look like any kind of record; it was not imported "
                "(name its kind to import it)."
            )
            return None
        kind_name, confidence, matches = guess.kind, guess.confidence, guess.columns
    spec = kind_spec(kind_name)
    if spec.kind != "allocation":
        periods = None
    if matches is None:
        matches = _plan_matches(spec, samples, periods, fixed, how)
    plan = SheetPlan(
        source=source, path=book.path, sheet=sheet, kind=spec.kind, detected=detected,
        confidence=round(confidence, 3), header_row=stream.info.header_row, columns=[],
        key=saved.key if saved and saved.key else spec.key,
    )  # fmt: skip
    plan.notes.extend(stream.info.notes)
    columns = _all_columns(stream, matches, periods)
    plan.columns = columns
    setup = SheetSetup(plan, spec, lambda: book.open_table(sheet, header_row=plan.header_row), [])
    setup.periods = periods
    setup.height = book.sheet(sheet).rows
    setup.readers = _readers(ctx, book, stream, samples, columns, spec, saved)
    setup.defaults = _defaults(ctx, spec, sheet, source, setup)
    if periods is not None:
        unit, why = _unit(ctx, samples, periods, sheet)
        if why:
            plan.notes.append(why)
        first, last = periods.columns[0], periods.columns[-1]
        start, end = first.start, last.start
        if periods.kind == "week numbers" and ctx.options.first_week is not None:
            start = week_of_number(ctx.options.first_week, first.number or 1)
            end = week_of_number(ctx.options.first_week, last.number or 1)
        plan.matrix = MatrixInfo(periods.kind, unit, start, end, len(periods.columns))
        if periods.moved:
            plan.notes.append(
                "The week columns are not Mondays; each is read as its week's Monday."
            )
    _check_required(ctx, setup)
    return setup


def _decide_kind(
    given: str | None, saved: SheetMapping | None, told: Any
) -> tuple[str | None, bool, float, str]:
    """(kind, detected, confidence, how) from what the caller, a mapping or the workbook says."""
    if given:
        return given, False, 1.0, "given"
    if saved is not None:
        return saved.kind, False, 1.0, "saved"
    if told is not None:
        return told.kind, False, 1.0, "pmodesk"
    return None, True, 0.0, ""


def _plan_matches(
    spec: KindSpec,
    samples: list[ColumnSample],
    periods: Periods | None,
    fixed: dict[str, str | None] | None,
    how: str,
) -> list[ColumnMatch]:
    """The columns' fields; a plan's period columns are left to the periods."""
    in_periods = periods.positions if periods is not None else frozenset()
    labels = [s for n, s in enumerate(samples) if n not in in_periods]
    exclude = _MATRIX_FIELDS if periods is not None else frozenset()
    return match_columns(spec, labels, fixed=fixed, how_fixed=how, exclude=exclude)


def _all_columns(
    stream: TableStream, matches: list[ColumnMatch], periods: Periods | None
) -> list[ColumnMatch]:
    """Every column of the sheet in order, period columns marked as such."""
    by_letter = {m.letter: m for m in matches}
    out: list[ColumnMatch] = []
    period_letters = {p.column.letter: p for p in periods.columns} if periods else {}
    for col in stream.columns:
        if col.letter in period_letters:
            out.append(
                ColumnMatch(
                    col.letter, col.name, None, 1.0, "period", "a week, month or day of the plan"
                )
            )
        else:
            out.append(by_letter.get(col.letter) or ColumnMatch(col.letter, col.name, None, 0.0))
    return out


def _readers(
    ctx: PlanContext,
    book: Book,
    stream: TableStream,
    samples: list[ColumnSample],
    columns: list[ColumnMatch],
    spec: KindSpec,
    saved: SheetMapping | None,
) -> list[ColumnReader]:
    readers: list[ColumnReader] = []
    order = ctx.options.date_order or _sheet_date_order(spec, samples, columns)
    style = ctx.options.number_style or _sheet_number_style(spec, samples, columns)
    for position, (col, match) in enumerate(zip(stream.columns, columns, strict=True)):
        if match.field is None:
            continue
        field_spec = spec.fields[match.field]
        sample = samples[position].cells
        context = ColumnContext(
            header=col.name,
            sample=sample,
            number_format=col.number_format,
            date1904=book.date1904,
            date_order=order,
            number_style=style,
            first_week=ctx.options.first_week,
            currency=ctx.currency,
            given_values=(saved.values.get(match.field, {}) if saved else {}),
        )
        read = cell_reader(field_spec, context)
        if (
            field_spec.type in (FieldType.DATE, FieldType.WEEK)
            and order is None
            and infer_date_order(sample) is None
            and any(parse_date(v).ambiguous for v in sample[:200])
        ):
            context.notes.append(
                "some dates could be read day-first or month-first (04/05/2024); "
                "choose the date order to read them"
            )
        readers.append(ColumnReader(position, field_spec, read, match.label, context))
    return readers


def _sheet_date_order(
    spec: KindSpec, samples: list[ColumnSample], columns: list[ColumnMatch]
) -> DateOrder | None:
    """The day/month order the sheet's date columns show together (15/04 in one tells them all)."""
    cells = [
        value
        for sample, match in zip(samples, columns, strict=True)
        if match.field is not None
        and spec.fields[match.field].type in (FieldType.DATE, FieldType.WEEK, FieldType.DATETIME)
        for value in sample.cells
    ]
    return infer_date_order(cells)


def _sheet_number_style(
    spec: KindSpec, samples: list[ColumnSample], columns: list[ColumnMatch]
) -> NumberStyle | None:
    """How the sheet's number, amount and percentage columns write their numbers together
    ("1.250,50" in one settles "20.000" in another); None when they do not tell or disagree."""
    cells = [
        value
        for sample, match in zip(samples, columns, strict=True)
        if match.field is not None and spec.fields[match.field].type in _NUMBER_TYPES
        for value in sample.cells
    ]
    return infer_number_style(cells)


def _defaults(
    ctx: PlanContext, spec: KindSpec, sheet: str, source: str, setup: SheetSetup
) -> dict[str, Any]:
    defaults: dict[str, Any] = {}
    if "project" in spec.fields and ctx.options.project:
        defaults["project"] = ctx.options.project.strip()
    if spec.kind == "raid_item" and setup.reader_for("kind") is None:
        name = fold(f"{sheet} {source}")
        for word, raid_kind in (("assumption", RaidKind.ASSUMPTION), ("dependenc", RaidKind.DEPENDENCY),
                                ("issue", RaidKind.ISSUE), ("risk", RaidKind.RISK)):  # fmt: skip
            if word in name:
                defaults["kind"] = raid_kind
                plural = {"dependency": "dependencies"}.get(raid_kind.value, f"{raid_kind.value}s")
                setup.plan.notes.append(
                    f"The rows are taken as {plural} (the sheet's name says so)."
                )
                break
    return defaults


def _unit(
    ctx: PlanContext, samples: list[ColumnSample], periods: Periods, sheet: str
) -> tuple[MatrixUnit, str]:
    """Whether a plan's cells are hours or percent of capacity, and a note when it was guessed."""
    if ctx.options.matrix_unit:
        return ctx.options.matrix_unit, ""
    positions = periods.positions
    for n, sample in enumerate(samples):
        if n not in positions:
            continue
        if sample.column.number_format and "%" in sample.column.number_format:
            return "percent", ""
        if any(isinstance(v, str) and v.strip().endswith("%") for v in sample.cells):
            return "percent", ""
    if "%" in sheet or "percent" in sheet.casefold():
        return "percent", ""
    numbers = [
        float(v)
        for n, sample in enumerate(samples)
        if n in positions
        for v in sample.cells
        if isinstance(v, int | float) and not isinstance(v, bool)
    ]
    if numbers and all(0 <= v <= 1 for v in numbers) and any(0 < v < 1 for v in numbers):
        # nobody plans half an hour a week for everyone: 0.5 and 1 are shares of capacity
        return "percent", (
            "The plan's cells are fractions such as 0.5 and 1; they were read as shares of "
            "each person's capacity (50 %, 100 %), not as hours."
        )
    return "hours", ""


def _check_required(ctx: PlanContext, setup: SheetSetup) -> None:
    """A field every row needs but no column gives refuses the sheet, once."""
    plan, spec = setup.plan, setup.spec
    mapped = {r.spec.key for r in setup.readers} | set(setup.defaults)
    missing: list[str] = []
    for field_spec in spec.fields.values():
        if not field_spec.required or field_spec.key in mapped:
            continue
        if field_spec.key == "title" and "description" in mapped:
            continue
        if spec.kind == "allocation" and field_spec.key in ("project", "week_start", "hours"):
            continue
        missing.append(field_spec.label.lower())
    if spec.kind == "allocation" and setup.periods is None:
        if "week_start" not in mapped:
            missing.append("week")
        if "hours" not in mapped and "percent_of_capacity" not in mapped:
            missing.append("hours (or percent of capacity)")
    if (
        setup.periods is not None
        and setup.periods.kind == "week numbers"
        and ctx.options.first_week is None
    ):
        ctx.problem(plan.source, plan.sheet, plan.header_row, "", None,
                    "the weeks are numbered; give the date of week 1 (“Week 1 starts on” in the "
                    "wizard, --first-week on the command line) to place them in the calendar")  # fmt: skip
        setup.blocked = True
    if missing:
        what = " and ".join(missing)
        ctx.problem(plan.source, plan.sheet, plan.header_row, "", None,
                    f"no column gives the {what} of each {spec.label}; map a column to it "
                    "or leave this sheet out")  # fmt: skip
        setup.blocked = True
