"""Screenshots of the import wizard on a register as a manager keeps it (a helper of make_screenshots).

The workbook is made here: a title above the header, the manager's own column
names, European amounts typed as text ("€ 120.000"), status words of their
own ("Watch"), and a finish before its start, so that the mapping page shows
its confidences and value map and the preview shows problems and the choice of
how to read the amounts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

D = dt.date
HEADERS = ["Ref", "Project Title", "PM", "Sponsor", "Programme", "Phase", "Status colour",
           "Start", "Finish", "Budget (€)", "% done", "PMO notes"]  # fmt: skip
ROWS = [
    ["PRJ-901", "Payroll upgrade", "CFO", "Build", "On track", D(2026, 1, 5), D(2026, 6, 30), "€ 120.000", 0.45, "Steady"],
    ["PRJ-902", "Data warehouse", "CIO", "Build", "At risk", D(2026, 2, 2), D(2026, 11, 27), "€ 450.000", 0.1, "Watch vendor"],
    ["PRJ-903", "Office move", "COO", "Idea", "Watch", D(2026, 3, 2), D(2026, 5, 29), "€ 80.000", 0.7, ""],
    ["PRJ-904", "Intranet refresh", "CMO", "Assess", "On track", D(2026, 4, 6), D(2026, 3, 25), "€ 60.000", 0.05, "Dates to check"],
    ["PRJ-905", "Supplier portal", "CFO", "Build", "Off track", D(2026, 1, 12), D(2026, 8, 28), "€ 210.000", 0.3, "Scope growing"],
    ["PRJ-906", "Field app", "COO", "Assess", "On track", D(2026, 5, 4), D(2026, 12, 18), "€ 95.000", 0.0, ""],
]  # fmt: skip


def write_register(path: Path, managers: list[str], programme: str) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Register"
    sheet["A1"] = "Northwind PMO — project register, March 2026"
    sheet["A2"] = "Kept by the delivery leads; amounts in euros"
    for column, header in enumerate(HEADERS, start=1):
        sheet.cell(row=4, column=column, value=header)
    for offset, row in enumerate(ROWS):
        code, title, sponsor, phase, status, start, finish, budget, done, notes = row
        values = [code, title, managers[offset % len(managers)], sponsor, programme, phase,
                  status, start, finish, budget, done, notes]  # fmt: skip
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=5 + offset, column=column, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
            elif column == 11:
                cell.number_format = "0%"
    book.save(path)
    return path


def wizard_screenshots(
    window: Any,
    ctx: Any,
    out: Path,
    scratch: Path,
    settle: Callable[[], None],
    save: Callable[[Any, Path], None],
) -> list[Path]:
    """The mapping and preview pages of the wizard over ``window``; returns the PNGs."""
    from sqlmodel import select

    from pmodesk.domain import Person, Programme
    from pmodesk.gui.importing import open_import_wizard
    from pmodesk.gui.importing.wizard import Step

    with ctx.session() as session:
        managers = [p.name for p in session.exec(select(Person).order_by(Person.code)).all()[:4]]
        programme = session.exec(select(Programme.name).order_by(Programme.code)).first() or ""
    book = write_register(scratch / "Project register March.xlsx", managers, programme)
    wizard = open_import_wizard(window, ctx, window.jobs, [book])
    wizard.resize(1180, 780)
    written: list[Path] = []

    def idle() -> None:
        for _ in range(600):
            settle()
            if not wizard.tasks.busy:
                return
        raise TimeoutError("the import wizard kept working for too long")

    idle()
    while wizard.currentId() < Step.MAPPING:
        wizard.next()
        idle()
    settle()  # the value map shows the column with a word not understood ("Watch")
    written.append(out / "import-wizard.png")
    save(wizard, written[-1])
    wizard.next()
    idle()
    written.append(out / "import-preview.png")
    save(wizard, written[-1])
    wizard.reject()
    settle()
    return written
