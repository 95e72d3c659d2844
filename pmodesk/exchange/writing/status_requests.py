"""Status-request workbooks: one per project manager, to fill in and send back to the PMO.

Each workbook opens on an Instructions sheet, then Status (one row per
project: RAG, summary, achievements, next steps, forecasts, cost) and
Milestones (forecast and actual dates). Values are pre-filled from the last
report; the cells a manager may change are unlocked and tinted, everything
else is locked by sheet protection *without a password* — it guards against
slips, not against a determined person (Review › Unprotect sheet lifts it).
The hidden ``_pmodesk`` sheet says ``kind = status-request`` with the period
and the manager, and maps only the columns the manager owns: information
columns (project name, baseline dates) never overwrite the workspace.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.styles import Alignment, Border
from sqlmodel import Session

from pmodesk.domain.enums import Rag
from pmodesk.errors import DomainError
from pmodesk.exchange.writing.book import BookWriter, Cancelled, Progress, exported_stamp
from pmodesk.exchange.writing.safe_file import check_writable
from pmodesk.exchange.writing.sheets import (
    LINE_HEIGHT,
    Column,
    landscape,
    wrapped_lines,
    write_table,
)
from pmodesk.exchange.writing.styles import (
    ACCENT,
    EDITABLE_FILL,
    LOCKED_FILL,
    NOTE,
    SECTION,
    SUBTITLE,
    TITLE,
    CellStyle,
    font,
    solid,
    thin,
)
from pmodesk.services.exporting import ExportCancelled, ValueKind
from pmodesk.services.settings import CURRENCY, ORGANISATION_NAME, get_setting
from pmodesk.services.status_collection import StatusRequest, status_requests

STATUS_SHEET = "Status"
MILESTONES_SHEET = "Milestones"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
RAG_CHOICES = tuple(r.label for r in Rag)
INSTRUCTION_WIDTH = 100


@dataclass(frozen=True, slots=True)
class RequestFile:
    """One written request: whose, where, how many projects and milestones."""

    manager: str
    path: Path
    projects: int
    milestones: int


def request_file_name(period: str, manager: str) -> str:
    """``Status 2026-11 - Anna Nowak.xlsx``: a name any file system takes."""
    safe = " ".join(_UNSAFE.sub(" ", manager).split()).strip(" .") or "manager"
    return f"Status {period} - {safe[:80]}.xlsx"


def _rag(header: str, key: str, width: float) -> Column:
    return Column(header, ValueKind.ENUM, key, choices=RAG_CHOICES, rag=True, width=width)


def status_columns() -> list[Column]:
    """The Status sheet: locked project columns, then what the manager reports."""
    return [
        Column("Project", ValueKind.CODE, "project", editable=False, width=11),
        Column("Project name", ValueKind.TEXT, None, editable=False, width=30),
        Column("Stage", ValueKind.TEXT, None, editable=False, width=12),
        Column("Period", ValueKind.TEXT, "period", editable=False, width=9),
        _rag("Overall RAG", "rag_overall", 10),
        _rag("Schedule RAG", "rag_schedule", 10),
        _rag("Cost RAG", "rag_cost", 10),
        _rag("Scope RAG", "rag_scope", 10),
        _rag("Resources RAG", "rag_resources", 11),
        Column("Summary", ValueKind.TEXT, "summary", width=40, wrap=True),
        Column("Achievements", ValueKind.TEXT, "achievements", width=40, wrap=True),
        Column("Next steps", ValueKind.TEXT, "next_steps", width=40, wrap=True),
        Column("Forecast finish", ValueKind.DATE, "forecast_finish"),
        Column("Forecast cost", ValueKind.MONEY, "forecast_cost"),
        Column("Actual cost", ValueKind.MONEY, "actual_cost"),
        Column("% complete", ValueKind.PERCENT, "percent_complete", width=11),
        Column("Budget", ValueKind.MONEY, None, editable=False),
        Column("Planned finish", ValueKind.DATE, None, editable=False),
        Column("Submitted by", ValueKind.TEXT, "submitted_by", width=22),
    ]


def milestone_columns() -> list[Column]:
    return [
        Column("Milestone", ValueKind.CODE, "code", editable=False, width=15),
        Column("Project", ValueKind.CODE, None, editable=False, width=11),
        Column("Milestone name", ValueKind.TEXT, None, editable=False, width=36),
        Column("Gate", ValueKind.BOOL, None, editable=False, width=7),
        Column("Baseline date", ValueKind.DATE, None, editable=False),
        Column("Forecast date", ValueKind.DATE, "forecast_date"),
        Column("Actual date", ValueKind.DATE, "actual_date"),
    ]


def _status_rows(request: StatusRequest) -> list[tuple[Any, ...]]:
    rows = []
    for line in request.projects:
        v = line.values
        rows.append(
            (
                line.code,
                line.name,
                line.stage,
                request.period,
                *(v[f] for f in ("rag_overall", "rag_schedule", "rag_cost", "rag_scope")),
                v["rag_resources"],
                v["summary"],
                v["achievements"],
                v["next_steps"],
                v["forecast_finish"],
                v["forecast_cost"],
                v["actual_cost"],
                v["percent_complete"],
                line.budget,
                line.planned_finish,
                request.manager,
            )
        )
    return rows


def _milestone_rows(request: StatusRequest) -> list[tuple[Any, ...]]:
    return [
        (m.code, m.project, m.name, m.is_gate, m.baseline_date, m.forecast_date, m.actual_date)
        for m in request.milestones
    ]


def write_status_request(
    request: StatusRequest,
    path: Path,
    *,
    currency: str,
    organisation: str = "",
    due: date | None = None,
) -> RequestFile:
    """Write one manager's request workbook to ``path`` (atomically)."""
    with BookWriter() as book:
        _instructions(book, request, organisation, due)
        write_table(
            book,
            STATUS_SHEET,
            "status_report",
            status_columns(),
            _status_rows(request),
            table_name="Status",
            currency=currency,
            protect=True,
        )
        write_table(
            book,
            MILESTONES_SHEET,
            "milestone",
            milestone_columns(),
            _milestone_rows(request),
            table_name="Milestones",
            currency=currency,
            protect=True,
        )
        info = {
            "kind": "status-request",
            "exported": exported_stamp(),
            "workspace": organisation,
            "period": request.period,
            "manager": request.manager,
        }
        book.save(path, info)
    return RequestFile(request.manager, path, len(request.projects), len(request.milestones))


def write_status_requests(
    session: Session,
    folder: Path,
    period: str,
    *,
    managers: Sequence[str] | None = None,
    workspace_name: str = "",
    due: date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[RequestFile]:
    """Write one request workbook per manager for ``period`` into ``folder``.

    Every target is checked first (a workbook still open in Excel stops the
    run before anything is written); a cancel keeps the workbooks already
    finished, each complete.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DomainError(f"The folder {folder} does not exist; choose or create it first.")
    requests = status_requests(session, period, managers=managers)
    currency = str(get_setting(session, CURRENCY))
    organisation = str(get_setting(session, ORGANISATION_NAME)) or workspace_name
    targets = [folder / request_file_name(period, r.manager) for r in requests]
    if len(set(targets)) != len(targets):
        raise DomainError("Two managers' names give the same file name; rename one of them.")
    for target in targets:
        check_writable(target)
    written = []
    for n, (request, target) in enumerate(zip(requests, targets, strict=True)):
        if cancelled is not None and cancelled():
            raise ExportCancelled(
                f"Cancelled after {n} of {len(requests)} workbooks; those are complete."
            )
        if progress is not None:
            progress(n, len(requests), f"Writing the request for {request.manager}")
        written.append(
            write_status_request(
                request, target, currency=currency, organisation=organisation, due=due
            )
        )
    if progress is not None:
        progress(len(requests), len(requests), "Done")
    return written


def _instructions(
    book: BookWriter, request: StatusRequest, organisation: str, due: date | None
) -> None:
    sheet = book.sheet("Instructions")
    sheet.sheet_properties.tabColor = ACCENT
    sheet.sheet_view.showGridLines = False
    sheet.column_dimensions["A"].width = 4
    sheet.column_dimensions["B"].width = INSTRUCTION_WIDTH
    landscape(sheet)
    sources = sorted({p.prefilled_from for p in request.projects if p.prefilled_from})
    since = f"your report for {', '.join(sources)}" if sources else "the projects' current values"
    deadline = f" by {due:%d %B %Y}" if due else ""
    by = organisation or "the PMO"
    lines: list[tuple[str, CellStyle | None]] = [
        (f"Status update {request.period}", TITLE),
        (f"For {request.manager} · requested by {by} · {len(request.projects)} projects", SUBTITLE),
        ("", None),
        ("What to do", SECTION),
        (
            "1. On the Status sheet, give each project's RAG ratings, summary, achievements, next steps, "
            "forecast finish, forecast and actual cost and % complete.",
            None,
        ),
        (
            "2. On the Milestones sheet, give the forecast date of each milestone not yet reached and the "
            "actual date of each one reached.",
            None,
        ),
        (f"3. The values are filled in from {since}: change only what has changed.", None),
        (
            f"4. Save the workbook as it is (.xlsx, any file name) and send it back to {by}{deadline}.",
            None,
        ),
        ("", None),
        ("Good to know", SECTION),
        (
            "Tinted cells are yours to fill in; grey cells are locked. RAG cells offer Green, Amber and Red.",
            None,
        ),
        ("Dates are dates (e.g. 2026-12-31); costs are amounts; % complete is 0–100 %.", None),
        (
            "Do not add or remove rows, sheets or columns, and do not rename the column headings: the "
            "PMO's pmodesk reads the workbook back by them.",
            None,
        ),
        ("The sheets are protected without a password, against slips only.", NOTE),
    ]
    for n, (text, style) in enumerate(lines, start=1):
        if style is TITLE:
            sheet.row_dimensions[n].height = 30
        elif wrapped_lines(text, INSTRUCTION_WIDTH) > 1:
            sheet.row_dimensions[n].height = LINE_HEIGHT * wrapped_lines(text, INSTRUCTION_WIDTH)
        cell = book.cell(
            sheet, text or None, style or CellStyle(alignment=Alignment(wrap_text=True))
        )
        sheet.append([None, cell])
    sheet.append([])
    sample = CellStyle(fill=solid(EDITABLE_FILL), border=Border(left=thin(), right=thin()))
    locked = CellStyle(fill=solid(LOCKED_FILL), border=Border(left=thin(), right=thin()))
    sheet.append(
        [
            book.cell(sheet, None, sample),
            book.cell(sheet, "You fill in", CellStyle(font=font(size=9))),
        ]
    )
    sheet.append(
        [book.cell(sheet, None, locked), book.cell(sheet, "Locked", CellStyle(font=font(size=9)))]
    )
    sheet.protection.sheet = True


__all__ = [
    "RequestFile",
    "milestone_columns",
    "request_file_name",
    "status_columns",
    "write_status_request",
    "write_status_requests",
]
