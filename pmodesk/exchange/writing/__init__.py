"""Workbooks out: the portfolio workbook, status-request workbooks, and collecting them back.

    from pmodesk.exchange.writing import ExportScope, export_portfolio

    with workspace.session() as session:
        result = export_portfolio(session, Path("portfolio.xlsx"), ExportScope(programme="PGM-01"),
                                  progress=on_progress, cancelled=is_cancelled)

    write_status_requests(session, Path("requests"), "2026-04")      # one workbook per manager
    plan = plan_collection(session, [Path("returned")])               # files or folders
    plan.returned, plan.missing, plan.changes, plan.problems          # nothing written yet
    apply_collection(session, plan)                                   # all or nothing

Every workbook is written to a temporary file beside the target and moved into
place (:mod:`.safe_file`); user text that a spreadsheet would run as a formula
is written as quote-prefixed text (:mod:`.cells`); each carries the hidden
``_pmodesk`` sheet, so it imports back with no mapping step. The look (colours,
fonts, number formats, the heatmap scale) is shared in :mod:`.styles`.
"""

from __future__ import annotations

from pmodesk.exchange.writing.collection import (
    CollectionPlan,
    CollectionResult,
    ReportedChange,
    ReturnedWorkbook,
    apply_collection,
    plan_collection,
)
from pmodesk.exchange.writing.portfolio import ExportResult, export_portfolio
from pmodesk.exchange.writing.safe_file import check_writable, replaced_atomically
from pmodesk.exchange.writing.status_requests import (
    RequestFile,
    write_status_request,
    write_status_requests,
)
from pmodesk.services.exporting import ExportCancelled, ExportScope

__all__ = [
    "CollectionPlan",
    "CollectionResult",
    "ExportCancelled",
    "ExportResult",
    "ExportScope",
    "ReportedChange",
    "RequestFile",
    "ReturnedWorkbook",
    "apply_collection",
    "check_writable",
    "export_portfolio",
    "plan_collection",
    "replaced_atomically",
    "write_status_request",
    "write_status_requests",
]
