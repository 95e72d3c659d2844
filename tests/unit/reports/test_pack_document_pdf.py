"""A produced project document as a PDF: the pack's fonts only, every one of them embedded."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session

from pmodesk.domain import Project
from pmodesk.domain.enums import DocumentStatus
from pmodesk.reports.document_pdf import write_document_pdf
from pmodesk.services import records
from pmodesk.services.setup import prepare_session
from pmodesk.services.templates import document_view, produce_document
from pmodesk.services.templates.documents import DocumentView, FieldView, SectionView
from tests.unit.reports.pdf_reading import all_text, fonts, page_texts


def _write(session: Session, folder: Path, template_code: str) -> Path:
    prepare_session(session)
    project = records.create(
        session,
        Project,
        {
            "code": "PRJ-007",
            "name": "客户门户 relaunch – Zoë",
            "sponsor": "Zoë Ørsted",
            "planned_start": date(2026, 2, 2),
            "budget": 640000,
            "rag_overall": "amber",
        },
    )
    document = produce_document(session, project.id, template_code, today=date(2026, 6, 1))
    return write_document_pdf(
        document_view(session, document.id), folder / "document.pdf", organisation="Northwind"
    )


def test_a_document_pdf_embeds_every_font_and_never_names_helvetica(
    session: Session, tmp_path: Path
) -> None:
    path = _write(session, tmp_path, "DOC-STATUS-REPORT")
    found = fonts(path)
    assert found, "no fonts found"
    unembedded = [name for name, embedded in found.items() if not embedded]
    assert unembedded == [], unembedded
    assert "Helvetica" not in " ".join(found)
    assert "客户门户" in all_text(path)


def test_a_form_split_over_pages_embeds_every_font(tmp_path: Path) -> None:
    """Ninety fields, some empty: the form runs onto further pages, its header repeated, and
    still every font is the pack's, embedded."""
    kinds = ("text", "rag", "money", "date", "list")
    values: dict[str, Any] = {
        "text": "Ærø 客户门户",
        "rag": None,
        "money": 12_000,
        "date": date(2026, 1, 1),
        "list": ["First", "Second"],
    }
    fields = [
        FieldView(
            f"f{n}", f"Field {n}", kinds[n % 5], "" if n % 7 == 0 else values[kinds[n % 5]], "", ""
        )
        for n in range(90)
    ]
    view = DocumentView(
        id=uuid.uuid4(),
        version=1,
        title="Long form",
        status=DocumentStatus.DRAFT,
        purpose="",
        project_code="PRJ-009",
        project_name="Форма",
        template_code="DOC-FORM",
        template_name="Form",
        template_version=1,
        produced_on=None,
        currency="EUR",
        fields=fields,
        sections=[SectionView("notes", "Notes", "Write the notes.", "")],
    )
    path = write_document_pdf(view, tmp_path / "form.pdf")
    pages = page_texts(path)
    assert len(pages) > 1
    assert "Field 0" in pages[0]  # the form starts under the title, not on a page of its own
    assert "Field 89" not in pages[0]
    assert all("Field Value" in " ".join(text.split()) for text in pages[:2])  # header repeats
    found = fonts(path)
    assert [name for name, embedded in found.items() if not embedded] == []
    assert "Helvetica" not in " ".join(found)
