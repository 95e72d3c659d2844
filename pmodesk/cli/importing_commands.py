"""Subcommand import: take workbooks in (issue 7).

``pmodesk import FILE...`` checks every row of every file first, says what it
found (each sheet's kind, whether it was guessed, its columns), the counts of
what would be created, updated, left unchanged or skipped, and every problem as
``file:sheet!B12: value 'x' — reason``; then writes everything in one
transaction, or nothing when a problem remains (exit 2). ``--dry-run`` stops
before writing; ``--undo BATCH`` takes an import back as one step.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pmodesk.cli.core import (
    EXIT_CANCELLED,
    EXIT_ERROR,
    EXIT_OK,
    ProgressLine,
    Runner,
    UsageError,
    ctrl_c_requests_cancel,
    opened_workspace,
    say,
    subcommand,
)

if TYPE_CHECKING:
    from pmodesk.exchange.importing import ImportOptions, ImportPlan
    from pmodesk.exchange.reading import NumberStyle


def _first_week(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _skip(text: str) -> tuple[str, int]:
    sheet, _bang, row = text.rpartition("!")
    if not sheet or not row.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not SHEET!ROW (for example Register!12)")
    return sheet, int(row)


def _batch(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an import's batch id") from None


#: --decimal: the mark between whole units and decimals → ImportOptions.number_style.
_DECIMALS: dict[str, NumberStyle] = {"point": "dot decimal", "comma": "comma decimal"}


@subcommand("import", "import projects, people, plans, RAID items ... from workbooks")
def _import(parser: argparse.ArgumentParser) -> Runner:
    parser.add_argument(
        "files", nargs="*", type=Path, metavar="FILE", help=".xlsx, .xls, .ods or .csv"
    )
    parser.add_argument(
        "--kind", action="append", default=[], metavar="[SHEET=]KIND",
        help="the kind of record of every sheet, or of one sheet (project, person, allocation, "
        "milestone, raid_item, decision, status_report ...); guessed when not given",
    )  # fmt: skip
    parser.add_argument(
        "--sheet",
        action="append",
        default=[],
        metavar="NAME",
        help="import only this sheet (repeatable; hidden sheets too)",
    )
    parser.add_argument(
        "--mapping", metavar="NAME|FILE", help="a mapping saved in the workspace, or a JSON file"
    )
    parser.add_argument(
        "--save-mapping", metavar="NAME", help="save this import's mapping under NAME"
    )
    parser.add_argument("--dry-run", action="store_true", help="check and show, write nothing")
    parser.add_argument(
        "--create-missing",
        action="store_true",
        help="create programmes, people ... the rows name but the workspace lacks",
    )
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="skip rows with problems instead of refusing the import",
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        type=_skip,
        metavar="SHEET!ROW",
        help="leave out one row (repeatable)",
    )
    parser.add_argument(
        "--project", metavar="CODE", help="the project of rows that name none (a RAID log, a plan)"
    )
    parser.add_argument(
        "--first-week",
        type=_first_week,
        metavar="YYYY-MM-DD",
        help="the Monday of week 1, for plans with numbered weeks",
    )
    parser.add_argument(
        "--unit",
        choices=("hours", "percent"),
        help="whether a resource plan's cells are hours or percent of capacity; "
        "detected when not given",
    )
    parser.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        help="how to read 04/05/2025 when a column does not tell",
    )
    parser.add_argument(
        "--decimal",
        choices=tuple(_DECIMALS),
        help="how to read 20.000 or 1,500 when a column does not tell: "
        "point (1,234.50, 20.000 is twenty) or comma (1.234,50, 20.000 is twenty thousand)",
    )
    parser.add_argument(
        "--report", type=Path, metavar="FILE.xlsx", help="save the problems as a workbook"
    )
    parser.add_argument("--undo", type=_batch, metavar="BATCH", help="undo the import with this batch id")  # fmt: skip

    def run(args: argparse.Namespace) -> int:
        if args.undo is not None:
            if args.files:
                raise UsageError("--undo takes no files.")
            return _undo(args)
        if not args.files:
            raise UsageError("name the files to import (or --undo BATCH)")
        return _run_import(args)

    return run


def _kinds(given: list[str]) -> dict[str, str]:
    from pmodesk.exchange.importing import kind_spec

    kinds: dict[str, str] = {}
    for text in given:
        sheet, _eq, kind = text.rpartition("=")
        kinds[sheet or "*"] = kind_spec(kind).kind
    return kinds


def _options(args: argparse.Namespace) -> ImportOptions:
    from pmodesk.exchange.importing import ImportOptions

    skips: dict[str, set[int]] = {}
    for sheet, row in args.skip:
        skips.setdefault(sheet, set()).add(row)
    return ImportOptions(
        create_missing=args.create_missing,
        skip_invalid=args.skip_invalid,
        skip_rows=skips,
        date_order=args.date_order,
        number_style=_DECIMALS.get(args.decimal) if args.decimal else None,
        first_week=args.first_week,
        project=args.project,
        matrix_unit=args.unit,
    )


def _run_import(args: argparse.Namespace) -> int:
    from pmodesk.exchange.importing import (
        ImportCancelled,
        apply_import,
        plan_import,
        save_mapping,
        write_problem_report,
    )

    progress = ProgressLine(sys.stderr)
    kinds = _kinds(args.kind)
    with opened_workspace(args, create=True) as workspace, ctrl_c_requests_cancel() as cancelled:
        try:
            with workspace.session() as session:
                plan = plan_import(
                    session, args.files, kinds=kinds, sheets=args.sheet or None,
                    mapping=args.mapping, options=_options(args), progress=progress,
                    cancelled=cancelled,
                )  # fmt: skip
                progress.finish()
                _show(plan)
                if args.report is not None:
                    written = write_problem_report(plan, args.report.expanduser())
                    say(f"Problems saved to {written}.")
                if not plan.sheets:
                    say(
                        "pmodesk: no sheet of the files holds records pmodesk recognises; "
                        "name their kind with --kind.",
                        stream=sys.stderr,
                    )
                    return EXIT_ERROR
                if plan.refused:
                    count = len(plan.errors)
                    say(
                        f"pmodesk: the import was refused: {count} problem{'s' if count != 1 else ''} "
                        "to fix (or skip their rows); nothing was written.",
                        stream=sys.stderr,
                    )
                    return EXIT_ERROR
                if args.dry_run:
                    say("Dry run: nothing was written.")
                    return EXIT_OK
                result = apply_import(session, plan, progress=progress, cancelled=cancelled)
                if args.save_mapping:
                    save_mapping(session, plan.to_mapping(args.save_mapping))
            progress.finish()
        except (ImportCancelled, KeyboardInterrupt):
            progress.finish()
            say("pmodesk: import cancelled; nothing was written.", stream=sys.stderr)
            return EXIT_CANCELLED
    say(f"Imported into {workspace.display_location} as batch {result.batch}.")
    say(f"Undo with: pmodesk import --undo {result.batch}")
    if args.save_mapping:
        say(f"Mapping saved as {args.save_mapping!r}.")
    return EXIT_OK


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _show(plan: ImportPlan) -> None:
    """What was found, the counts and every problem, as a person reads them."""
    for sheet in plan.sheets:
        how = f"detected, {_percent(sheet.confidence)} sure" if sheet.detected else "as told"
        kind = sheet.kind.replace("_", " ")
        if sheet.matrix is not None:
            matrix = sheet.matrix
            kind += f" plan ({matrix.columns} {matrix.periods} across, in {matrix.unit})"
        say(
            f"{sheet.source}: {sheet.sheet}: {kind} ({how}); header on row {sheet.header_row}; {sheet.rows} rows"
        )
        mapped = [
            f"{c.letter} {c.header} → {c.field}"
            + (f" ({_percent(c.confidence)})" if c.confidence < 1 else "")
            for c in sheet.columns
            if c.field
        ]
        if mapped:
            say("  columns: " + "; ".join(mapped))
        ignored = [
            f"{c.letter} {c.header}"
            for c in sheet.columns
            if not c.field and c.how != "period" and c.header
        ]
        if ignored:
            say("  not imported: " + "; ".join(ignored))
    for note in plan.notes:
        say(f"Note: {note}")
    counts = plan.counts()
    say(
        f"Summary: {counts['created']} created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['skipped']} skipped."
    )
    if plan.problems:
        say(f"Problems ({len(plan.problems)}):")
        for problem in plan.problems:
            mark = " (row skipped)" if problem.skipped else ""
            say(f"  {problem}{mark}")


def _undo(args: argparse.Namespace) -> int:
    from pmodesk.exchange.importing import undo_import

    with opened_workspace(args, create=False) as workspace, workspace.session() as session:
        done = undo_import(session, args.undo)
    say(
        f"Undone: {done.deleted} records deleted, {done.restored} restored (batch {done.undo_batch})."
    )
    return EXIT_OK
