"""Subcommands export and status-requests: workbooks out (issue 8).

``pmodesk export FILE.xlsx [--portfolio CODE] [--programme CODE]`` writes the
portfolio workbook; ``pmodesk status-requests FOLDER [--period YYYY-MM]``
writes one status-update workbook per project manager. The returned
workbooks come back in through ``pmodesk import`` (they carry ``_pmodesk``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pmodesk.cli.core import (
    EXIT_CANCELLED,
    EXIT_OK,
    ProgressLine,
    Runner,
    UsageError,
    ctrl_c_requests_cancel,
    opened_workspace,
    positive_int,
    say,
    subcommand,
)


def _xlsx_path(text: str) -> Path:
    path = Path(text).expanduser()
    if path.suffix.lower() != ".xlsx":
        raise argparse.ArgumentTypeError(f"{text!r} must end in .xlsx")
    return path


@subcommand("export", "write the portfolio (or part of it) to an Excel workbook")
def _export(parser: argparse.ArgumentParser) -> Runner:
    parser.add_argument("file", type=_xlsx_path, metavar="FILE.xlsx", help="the workbook to write")
    parser.add_argument("--portfolio", metavar="CODE", help="only this portfolio's projects")
    parser.add_argument("--programme", metavar="CODE", help="only this programme's projects")
    parser.add_argument(
        "--heatmap-weeks",
        type=positive_int,
        metavar="N",
        default=26,
        help="weeks in the heatmap (26)",
    )

    def run(args: argparse.Namespace) -> int:
        from pmodesk.exchange.writing import ExportCancelled, ExportScope, export_portfolio

        scope = ExportScope(portfolio=args.portfolio, programme=args.programme)
        progress = ProgressLine(sys.stderr)
        with (
            opened_workspace(args, create=False) as workspace,
            ctrl_c_requests_cancel() as cancelled,
            workspace.session() as session,
        ):
            try:
                result = export_portfolio(
                    session,
                    args.file,
                    scope,
                    workspace_name=workspace.name,
                    progress=progress,
                    cancelled=cancelled,
                    heatmap_weeks=args.heatmap_weeks,
                )
            except (ExportCancelled, KeyboardInterrupt):
                progress.finish()
                say("pmodesk: export cancelled; nothing was written.", stream=sys.stderr)
                return EXIT_CANCELLED
            progress.finish()
        counts, what = result.counts, scope.describe()
        say(
            f"Exported {what[:1].lower()}{what[1:]} to {result.path}: {counts['project']} projects, "
            f"{counts['milestone']} milestones, {counts['raid_item']} RAID items, "
            f"{counts['decision']} decisions, {counts['status_report']} status reports, "
            f"{counts['person']} people, {counts['allocation']} allocations "
            f"({result.seconds:.1f} s)."
        )
        return EXIT_OK

    return run


@subcommand("status-requests", "write one status-update workbook per project manager")
def _status_requests(parser: argparse.ArgumentParser) -> Runner:
    parser.add_argument("folder", type=Path, metavar="FOLDER", help="where to write the workbooks")
    parser.add_argument(
        "--period", metavar="YYYY-MM", help="the reporting period (default: the current one)"
    )
    parser.add_argument(
        "--manager",
        action="append",
        metavar="NAME",
        help="only this manager (repeat for several; default: every manager of an active project)",
    )

    def run(args: argparse.Namespace) -> int:
        from pmodesk.exchange.writing import ExportCancelled
        from pmodesk.exchange.writing.status_requests import write_status_requests
        from pmodesk.services.status_collection import current_period

        folder: Path = args.folder.expanduser()
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{folder} is a file; name a folder for the workbooks.")
        progress = ProgressLine(sys.stderr)
        with (
            opened_workspace(args, create=False) as workspace,
            ctrl_c_requests_cancel() as cancelled,
            workspace.session() as session,
        ):
            period = args.period or current_period(session)
            folder.mkdir(parents=True, exist_ok=True)
            try:
                written = write_status_requests(
                    session,
                    folder,
                    period,
                    managers=args.manager,
                    workspace_name=workspace.name,
                    progress=progress,
                    cancelled=cancelled,
                )
            except (ExportCancelled, KeyboardInterrupt) as stopped:
                progress.finish()
                say(f"pmodesk: {stopped or 'cancelled.'}", stream=sys.stderr)
                return EXIT_CANCELLED
            progress.finish()
        for request in written:
            say(f"{request.path}  ({request.projects} projects, {request.milestones} milestones)")
        say(
            f"{len(written)} status requests for {period} written to {folder}. "
            "Import the returned workbooks with `pmodesk import`."
        )
        return EXIT_OK

    return run
