"""Documents: produced from a template, filled from the workspace, edited, shown with labels."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from pmodesk.domain import Project, ProjectDocument, RaidItem, StatusReport
from pmodesk.domain.enums import DocumentStatus, RaidKind
from pmodesk.domain.errors import ConflictError, ValidationError
from pmodesk.services import records
from pmodesk.services.templates import (
    document_view,
    edit_template,
    format_value,
    produce_document,
    publish,
    refill_document,
    update_document,
)

TODAY = date(2026, 6, 1)


@pytest.fixture
def project(s: Session) -> Project:
    project = records.create(
        s,
        Project,
        {
            "code": "PRJ-042",
            "name": "Customer portal",
            "sponsor": "Zoë Ørsted",
            "manager": "Ana Silva",
            "planned_start": date(2026, 2, 2),
            "planned_finish": date(2026, 11, 30),
            "budget": 1_250_000,
        },
    )
    for n, (title, p, i) in enumerate(
        [("Supplier late", 2, 3), ("Data quality poor", 4, 4), ("Key user leaves", 3, 2)], 1
    ):
        records.create(
            s,
            RaidItem,
            {
                "code": f"PRJ-042-R{n:02d}",
                "project_id": project.id,
                "kind": RaidKind.RISK,
                "title": title,
                "probability": p,
                "impact": i,
            },
        )
    return project


def test_producing_fills_what_the_workspace_knows(s: Session, project: Project) -> None:
    document = produce_document(s, project.id, "DOC-BUSINESS-CASE", today=TODAY)
    fields = document.body["fields"]
    assert document.title == "Business case – Customer portal"
    assert (document.template_code, document.template_version) == ("DOC-BUSINESS-CASE", 1)
    assert document.status is DocumentStatus.DRAFT
    assert document.produced_on == TODAY
    assert fields["sponsor"] == "Zoë Ørsted"
    assert fields["budget"] == 1_250_000.0
    assert fields["start"] == "2026-02-02"
    assert [line.split(" (")[0] for line in fields["risks"]] == [
        "PRJ-042-R02 Data quality poor",
        "PRJ-042-R01 Supplier late",
        "PRJ-042-R03 Key user leaves",
    ]
    assert fields["payback"] is None  # no source: left for the manager
    assert set(document.body["sections"]) >= {"summary", "options", "recommendation"}

    with pytest.raises(ConflictError, match="already has a business case"):
        produce_document(s, project.id, "DOC-BUSINESS-CASE")


def test_sections_with_a_source_start_from_the_latest_status_report(
    s: Session, project: Project
) -> None:
    records.create(
        s,
        StatusReport,
        {"project_id": project.id, "period": "2026-05", "summary": "On track after re-plan."},
    )
    document = produce_document(s, project.id, "DOC-STATUS-REPORT", today=TODAY)
    assert document.body["sections"]["summary"] == "On track after re-plan."
    assert document.body["fields"]["period"] == "2026-05"
    assert document.body["sections"]["help"] == ""


def test_editing_keeps_other_values_and_refill_only_fills_gaps(
    s: Session, project: Project
) -> None:
    document = produce_document(s, project.id, "DOC-CHARTER", today=TODAY)
    update_document(
        s,
        document,
        fields={"sponsor": "Board of directors"},
        sections={"scope": "Web and app."},
        status="complete",
    )
    assert document.body["fields"]["project"] == "Customer portal"
    assert document.body["fields"]["sponsor"] == "Board of directors"
    assert document.status is DocumentStatus.COMPLETE
    with pytest.raises(ValidationError, match="needs a title"):
        update_document(s, document, title="  ")

    records.update(s, project, {"department": "Digital"})
    update_document(s, document, fields={"manager": None})
    assert refill_document(s, document) == ["manager"]
    assert document.body["fields"]["sponsor"] == "Board of directors"


def test_the_view_keeps_the_words_of_the_version_it_was_made_from(
    s: Session, project: Project
) -> None:
    document = produce_document(s, project.id, "DOC-CHARTER", today=TODAY)
    edit_template(
        s,
        "DOC-CHARTER",
        {
            "body": {
                "title": "Charter",
                "fields": [],
                "sections": [{"key": "why", "title": "Why", "guidance": "Say why."}],
            }
        },
    )
    publish(s, "DOC-CHARTER")

    view = document_view(s, document.id)
    assert view.template_version == 1
    assert [f.label for f in view.fields][:3] == ["Project", "Project code", "Sponsor"]
    assert view.sections[0].title == "Background"
    assert view.sections[0].guidance
    assert view.currency == "EUR"
    stored = records.get(s, ProjectDocument, document.id)
    assert stored.template_version == 1


def test_values_read_as_people_expect() -> None:
    assert format_value("money", 1250000.0, "EUR") == "EUR 1,250,000"
    assert format_value("date", "2026-02-02") == "2 February 2026"
    assert format_value("percent", 40.0) == "40 %"
    assert format_value("rag", "amber") == "Amber"
    assert format_value("list", ["a", "b"]) == "a\nb"
    assert format_value("text", None) == ""
