"""The lessons-learned repository: search by project, category, stage, tags and text; suggestions."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from pmodesk.domain import Lesson, Project
from pmodesk.services import records
from pmodesk.services.monitoring.lessons import (
    LessonQuery,
    lesson_facets,
    lessons_for_project,
    search_lessons,
    split_tags,
    suggest_lessons,
)
from tests.unit.services.portfolio_world import World, build_world


def _lessons(session: Session, world: World) -> dict[str, Lesson]:
    records.update(session, world.project, {"department": "Finance", "tags": "ERP, cloud"})
    records.update(session, world.other_project, {"department": "IT"})
    specs = [
        (
            "LES-1",
            world.project,
            "Involve the users early",
            "Stakeholders",
            "DELIVERY",
            "erp, change",
            "PT-ERP",
            date(2026, 1, 10),
            "Users rejected the first release.",
        ),
        (
            "LES-2",
            world.other_project,
            "Order laptops before the price rise",
            "Procurement",
            "APPROVED",
            "hardware, procurement",
            None,
            date(2026, 2, 1),
            "Prices went up 8 %.",
        ),
        (
            "LES-3",
            world.other_project,
            "Test the backups",
            "Operations",
            "DELIVERY",
            "cloud",
            None,
            date(2025, 11, 3),
            "A restore failed during cut-over (Zoë found it).",
        ),
        (
            "LES-4",
            None,
            "Keep a decision log",
            "Governance",
            "",
            "",
            "PT-ERP",
            None,
            "Nobody remembered why the vendor was chosen.",
        ),
    ]
    made = {}
    for code, project, title, category, stage, tags, template, recorded, text in specs:
        made[code] = records.create(
            session,
            Lesson,
            {
                "code": code,
                "project_id": project.id if project else None,
                "title": title,
                "category": category,
                "stage_code": stage,
                "tags": tags,
                "template_code": template,
                "recorded_on": recorded,
                "description": text,
            },
        )
    return made


def _codes(hits: list[object]) -> list[str]:
    return [getattr(h, "code", None) or h.lesson.code for h in hits]  # type: ignore[attr-defined]


def test_split_tags_folds_and_deduplicates() -> None:
    assert split_tags("ERP, Procurement ,, erp, Zoë") == ("erp", "procurement", "zoe")
    assert split_tags(["A", " b "]) == ("a", "b")


def test_search_without_criteria_lists_live_lessons_newest_first(session: Session) -> None:
    world = build_world(session)
    made = _lessons(session, world)
    records.archive(session, made["LES-2"])

    assert _codes(search_lessons(session)) == ["LES-1", "LES-3", "LES-4"]  # undated last
    everything = search_lessons(session, LessonQuery(include_archived=True))
    assert _codes(everything) == ["LES-2", "LES-1", "LES-3", "LES-4"]
    assert everything[0].archived


def test_search_narrows_by_each_criterion(session: Session) -> None:
    world = build_world(session)
    _lessons(session, world)

    def find(**criteria: object) -> list[str]:
        return _codes(search_lessons(session, LessonQuery(**criteria)))  # type: ignore[arg-type]

    assert find(project_id=world.other_project.id) == ["LES-2", "LES-3"]
    assert find(category="procurement") == ["LES-2"]
    assert find(stage_code="delivery") == ["LES-1", "LES-3"]
    assert find(tags=("cloud",)) == ["LES-3"]
    assert find(tags=("ERP", "change")) == ["LES-1"]
    assert find(tags=("erp", "cloud")) == []
    # Free text: every word, anywhere (project name included), accents and case ignored.
    assert find(text="zoe restore") == ["LES-3"]
    assert find(text="laptop refresh") == ["LES-2", "LES-3"]  # PRJ-2's name
    assert find(text="vendor", stage_code="DELIVERY") == []
    assert find(text="PRJ-1 users") == ["LES-1"]


def test_facets_offer_the_values_in_use(session: Session) -> None:
    world = build_world(session)
    _lessons(session, world)
    facets = lesson_facets(session)
    assert facets.categories == ("Governance", "Operations", "Procurement", "Stakeholders")
    assert facets.stages == ("APPROVED", "DELIVERY")
    assert facets.tags == ("change", "cloud", "erp", "hardware", "procurement")


def test_suggestions_score_template_department_tags_and_words(session: Session) -> None:
    world = build_world(session)
    _lessons(session, world)

    found = suggest_lessons(
        session,
        tags="erp",
        department="finance",
        template_code="pt-erp",
        text="Replace the ERP and buy hardware",
    )

    # LES-1: template 3 + department 2 + tag erp 2 = 7; LES-4: template 3;
    # LES-2: "hardware" in the text 1. LES-3 shares nothing.
    assert [(s.lesson.code, s.score) for s in found] == [("LES-1", 7), ("LES-4", 3), ("LES-2", 1)]
    assert found[0].reasons == ("same template PT-ERP", "from a Finance project", "tag erp")
    assert found[2].reasons == ("mentions hardware",)
    assert suggest_lessons(session, text="nothing in common") == []
    assert len(suggest_lessons(session, template_code="PT-ERP", limit=1)) == 1


def test_lessons_for_a_project_leave_its_own_out(session: Session) -> None:
    world = build_world(session)
    _lessons(session, world)
    new = records.create(
        session,
        Project,
        {"code": "PRJ-3", "name": "Cloud backup", "department": "IT", "tags": "cloud"},
    )

    found = lessons_for_project(session, new.id)

    # LES-3: department IT 2 + tag cloud 2; LES-2: department IT 2.
    assert [(s.lesson.code, s.score) for s in found] == [("LES-3", 4), ("LES-2", 2)]
    # PRJ-1 (Finance, tags ERP, cloud) gets LES-3 for its tag but never its own LES-1.
    assert [s.lesson.code for s in lessons_for_project(session, world.project.id)] == ["LES-3"]


def test_the_same_lesson_learned_twice_is_offered_once(session: Session) -> None:
    world = build_world(session)
    _lessons(session, world)
    records.create(
        session,
        Lesson,
        {
            "code": "LES-5",
            "project_id": world.project.id,
            "title": "Test the BACKUPS",
            "tags": "cloud",
            "recorded_on": date(2025, 1, 1),
        },
    )

    [found] = suggest_lessons(session, tags="cloud")

    assert (found.lesson.code, found.others) == ("LES-3", ("LES-5",))
