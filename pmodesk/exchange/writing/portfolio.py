"""The portfolio workbook: the workspace, or a part of it, as one .xlsx that imports back.

Sheets: Summary (dashboard), Projects, Milestones, RAID, Decisions, Status
reports, People, Allocations (long form), Heatmap, then the reference sheets
Portfolios, Programmes, Teams and Roles that the records name, and the hidden
``_pmodesk`` sheet that lets the importer read the workbook back with no
mapping step (kind ``export``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session

from pmodesk.domain.enums import Rag
from pmodesk.exchange.writing.book import BookWriter, Cancelled, Progress, exported_stamp
from pmodesk.exchange.writing.cells import enum_label
from pmodesk.exchange.writing.heatmap import write_heatmap
from pmodesk.exchange.writing.safe_file import check_writable
from pmodesk.exchange.writing.sheets import Column, write_table
from pmodesk.exchange.writing.summary import write_summary
from pmodesk.services.capacity import CapacityMatrix, MatrixQuery, capacity_matrix
from pmodesk.services.exporting import (
    ExportData,
    ExportField,
    ExportScope,
    KindSpec,
    ValueKind,
    gather_export,
)
from pmodesk.services.settings import CURRENCY, ORGANISATION_NAME, get_setting

HEATMAP_WEEKS = 26
#: Excel table names (no spaces), by kind.
TABLE_NAMES = {
    "project": "Projects",
    "milestone": "Milestones",
    "raid_item": "RAID",
    "decision": "Decisions",
    "status_report": "StatusReports",
    "person": "People",
    "allocation": "Allocations",
    "portfolio": "Portfolios",
    "programme": "Programmes",
    "team": "Teams",
    "role": "Roles",
}
#: The kinds before the Heatmap sheet; the reference kinds follow it.
MAIN_KINDS = (
    "project",
    "milestone",
    "raid_item",
    "decision",
    "status_report",
    "person",
    "allocation",
)


@dataclass(frozen=True)
class ExportResult:
    """What was written: the file, the records per kind, the cells, and how long it took."""

    path: Path
    counts: dict[str, int]
    cells: int
    heatmap_rows: int
    seconds: float


def column_for(spec_field: ExportField, stages: list[tuple[str, str]]) -> Column:
    """A data column for an exported field: lists for enums and the stage, RAG coloured."""
    choices: tuple[str, ...] = ()
    if spec_field.enum is not None:
        choices = tuple(enum_label(member) for member in spec_field.enum)
    elif spec_field.key == "stage":
        choices = tuple(code for code, _name in stages)
    return Column(
        header=spec_field.header,
        kind=spec_field.kind,
        field=spec_field.key if spec_field.imported else None,
        choices=choices if spec_field.imported else (),
        rag=spec_field.enum is Rag,
    )


def columns_for(spec: KindSpec, stages: list[tuple[str, str]]) -> list[Column]:
    return [column_for(f, stages) for f in spec.fields]


def _subtitle(workspace: str, data: ExportData, currency: str, now: datetime) -> str:
    parts = [p for p in (workspace, data.scope.describe()) if p]
    return " · ".join([*parts, f"exported {now:%d %b %Y %H:%M}", f"amounts in {currency}"])


def export_portfolio(
    session: Session,
    path: Path,
    scope: ExportScope | None = None,
    *,
    workspace_name: str = "",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    heatmap_start: date | None = None,
    heatmap_weeks: int = HEATMAP_WEEKS,
) -> ExportResult:
    """Write the portfolio workbook of ``scope`` (default: the whole workspace) to ``path``.

    Raises :class:`~pmodesk.services.exporting.ExportCancelled` when cancelled
    and a :class:`~pmodesk.errors.DomainError` when the file cannot be written;
    in both cases ``path`` is left as it was.
    """
    began = time.perf_counter()
    check_writable(Path(path))
    scope = scope or ExportScope()
    data = gather_export(session, scope, cancelled=cancelled)
    currency = str(get_setting(session, CURRENCY))
    name = workspace_name or str(get_setting(session, ORGANISATION_NAME))
    matrix = capacity_matrix(
        session, MatrixQuery(start=heatmap_start or date.today(), weeks=heatmap_weeks)
    )
    people = None if scope.is_whole_workspace else data.person_codes
    heat_cells = (len(people) if people is not None else len(matrix.rows)) * (heatmap_weeks + 6)
    with BookWriter(
        total=data.count() + heat_cells + 1, progress=progress, cancelled=cancelled
    ) as book:
        heat_rows = _write_book(book, data, matrix, people, Path(path), name, currency)
    return ExportResult(
        path=Path(path),
        counts={kind: len(rows.rows) for kind, rows in data.kinds.items()},
        cells=data.count(),
        heatmap_rows=heat_rows,
        seconds=time.perf_counter() - began,
    )


def _write_book(
    book: BookWriter,
    data: ExportData,
    matrix: CapacityMatrix,
    people: set[str] | None,
    path: Path,
    name: str,
    currency: str,
) -> int:
    """Every sheet in order, then save; returns the heatmap's rows."""
    now = datetime.now()
    write_summary(
        book,
        data,
        heading="Portfolio summary",
        subtitle=_subtitle(name, data, currency, now),
        currency=currency,
    )
    for kind in MAIN_KINDS:
        _write_kind(book, data, kind, currency)
    heat_note = (
        f"Allocated ÷ available hours per week, {len(matrix.columns)} weeks from "
        f"{matrix.columns[0]:%d %b %Y}; over-allocated above {matrix.over_allocation_threshold:.0%}, "
        f"under-used below {matrix.under_use_threshold:.0%}. Counts all of each person's work."
    )
    heat_rows = write_heatmap(book, matrix, people, subtitle=heat_note)
    for kind in TABLE_NAMES:
        if kind not in MAIN_KINDS:
            _write_kind(book, data, kind, currency)
    info = {
        "kind": "export",
        "exported": exported_stamp(),
        "workspace": name,
        "scope": data.scope.describe(),
    }
    book.save(path, info)
    return heat_rows


def _write_kind(book: BookWriter, data: ExportData, kind: str, currency: str) -> None:
    rows = data.kinds[kind]
    write_table(
        book,
        rows.spec.title,
        kind,
        columns_for(rows.spec, data.stages),
        rows.rows,
        table_name=TABLE_NAMES[kind],
        currency=currency,
    )


__all__ = ["ExportResult", "ValueKind", "column_for", "columns_for", "export_portfolio"]
