"""The problem report: an import's problems as a workbook a manager can fix the file from.

One sheet lists every problem (file, sheet, row, column, value, reason,
whether it refuses the import or its row is skipped); a second sums up what
was found (each sheet's kind and mapping, the counts, the notes). The file is
written beside its destination and renamed into place, so a failure never
leaves half a workbook.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pmodesk.exchange.importing.model import ImportPlan

_PROBLEM_HEADERS = ("File", "Sheet", "Row", "Column", "Value", "Reason", "Severity", "Row skipped")


def write_problem_report(plan: ImportPlan, path: Path) -> Path:
    """Write the plan's problems (and a summary) to ``path`` as an .xlsx workbook."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    path = Path(path)
    wb = openpyxl.Workbook()
    problems = wb.active
    problems.title = "Problems"
    problems.append(_PROBLEM_HEADERS)
    for problem in plan.problems:
        problems.append(
            (
                problem.source,
                problem.sheet,
                problem.row or None,
                problem.column,
                problem.value,
                problem.reason,
                problem.severity,
                "yes" if problem.skipped else "",
            )
        )
    bold = Font(bold=True)
    error_fill = PatternFill("solid", fgColor="F8D7DA")
    for cell in problems[1]:
        cell.font = bold
    for row in problems.iter_rows(min_row=2):
        if row[6].value == "error" and not row[7].value:
            for cell in row:
                cell.fill = error_fill
    for letter, width in zip("ABCDEFGH", (24, 18, 7, 24, 30, 70, 9, 11), strict=True):
        problems.column_dimensions[letter].width = width
    problems.freeze_panes = "A2"
    problems.auto_filter.ref = problems.dimensions

    summary = wb.create_sheet("Summary")
    counts = plan.counts()
    summary.append(("Import", "refused" if plan.refused else "can be imported"))
    for name in ("created", "updated", "unchanged", "skipped"):
        summary.append((name.capitalize(), counts[name]))
    summary.append(())
    summary.append(("File", "Sheet", "Kind", "Detected", "Confidence", "Rows", "Columns"))
    for cell in summary[summary.max_row]:
        cell.font = bold
    for sheet in plan.sheets:
        mapped = ", ".join(f"{c.label} → {c.field}" for c in sheet.columns if c.field)
        summary.append(
            (sheet.source, sheet.sheet, sheet.kind, "yes" if sheet.detected else "no",
             round(sheet.confidence, 2), sheet.rows, mapped)
        )  # fmt: skip
    if plan.notes:
        summary.append(())
        summary.append(("Notes",))
        summary[summary.max_row][0].font = bold
        for note in plan.notes:
            summary.append((note,))
    summary.column_dimensions["A"].width = 28
    summary.column_dimensions["B"].width = 20
    summary.column_dimensions["G"].width = 80

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".xlsx", dir=path.parent)
    os.close(handle)
    try:
        wb.save(temp)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
