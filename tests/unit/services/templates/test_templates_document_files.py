"""A produced document exported as a workbook and as a PDF in the review pack's look."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import Session

from pmodesk.domain import Project
from pmodesk.exchange.documents import write_document_workbook
from pmodesk.reports.document_pdf import write_document_pdf
from pmodesk.services import records
from pmodesk.services.templates import document_view, produce_document, update_document


def _view(s: Session):  # type: ignore[no-untyped-def]
    project = records.create(
        s,
        Project,
        {
            "code": "PRJ-007",
            "name": "客户门户 relaunch",
            "sponsor": "Zoë Ørsted",
            "planned_start": date(2026, 2, 2),
            "budget": 640000,
            "rag_overall": "amber",
        },
    )
    document = produce_document(s, project.id, "DOC-STATUS-REPORT", today=date(2026, 6, 1))
    update_document(s, document, sections={"summary": "=SUM(A1) stays text.\n\nSecond paragraph."})
    return document_view(s, document.id)


def test_the_workbook_holds_typed_values_and_every_section(s: Session, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = write_document_workbook(_view(s), out / "status.xlsx")
    assert [p.name for p in out.iterdir()] == ["status.xlsx"]  # no temporary file left
    sheet = load_workbook(path).active
    assert sheet is not None
    cells = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert sheet["A1"].value == "Project status report – 客户门户 relaunch"
    assert cells["Budget"] == 640000
    assert cells["Overall RAG"] == "Amber"
    texts = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "=SUM(A1) stays text.\n\nSecond paragraph." in texts
    assert "Help needed from the steering group" in texts


def test_the_pdf_prints_any_script_and_marks_a_draft(s: Session, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = write_document_pdf(_view(s), out / "status.pdf", organisation="Northwind PMO")
    assert [p.name for p in out.iterdir()] == ["status.pdf"]  # no temporary file left
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "客户门户" in text
    assert "DRAFT" in text
    assert "Second paragraph." in text
    assert "Not written yet." in text  # an empty section shows its guidance
    assert "Page 1 of" in text
