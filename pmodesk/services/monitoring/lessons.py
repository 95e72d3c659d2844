"""The lessons-learned repository: search it, and offer the lessons that fit a new project.

Search narrows by project, category, stage and tags and matches every word of
the free text anywhere in the lesson (title, what happened, recommendation,
category, tags, project), accents and case ignored. Suggestions score each
lesson against a new project's type: the template it was created from, its
department, the tags it shares and words of its description that are tags or
categories of the lesson; each point says why it was offered.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from sqlmodel import Session, col

from pmodesk.domain import Lesson, Project
from pmodesk.services import records
from pmodesk.services.monitoring.query import columns
from pmodesk.services.register import fold

__all__ = [
    "LessonFacets",
    "LessonHit",
    "LessonQuery",
    "LessonSuggestion",
    "lesson_facets",
    "lessons_for_project",
    "search_lessons",
    "split_tags",
    "suggest_lessons",
]

TEMPLATE_POINTS = 3
DEPARTMENT_POINTS = 2
TAG_POINTS = 2
WORD_POINTS = 1
_WORD = re.compile(r"[\w-]+")


def split_tags(text: str | Iterable[str]) -> tuple[str, ...]:
    """``"ERP, Procurement ,"`` → ``("erp", "procurement")``: folded, unique, in order."""
    parts = text.split(",") if isinstance(text, str) else list(text)
    return tuple(dict.fromkeys(fold(p.strip()) for p in parts if p.strip()))


@dataclass(frozen=True, slots=True)
class LessonHit:
    """A lesson as the repository lists it (plain values, nothing bound to a session)."""

    id: uuid.UUID
    code: str
    title: str
    description: str
    recommendation: str
    category: str
    stage_code: str
    #: Folded (lower case, no accents), for matching; :attr:`tags_text` is as typed.
    tags: tuple[str, ...]
    tags_text: str
    template_code: str | None
    recorded_on: date | None
    project_id: uuid.UUID | None
    project_code: str
    project_name: str
    department: str
    archived: bool

    @property
    def haystack(self) -> str:
        return fold(
            " ".join(
                (
                    self.code,
                    self.title,
                    self.description,
                    self.recommendation,
                    self.category,
                    self.stage_code,
                    " ".join(self.tags),
                    self.project_code,
                    self.project_name,
                )
            )
        )


@dataclass(frozen=True, slots=True)
class LessonQuery:
    """What to look for; empty fields do not narrow."""

    text: str = ""
    project_id: uuid.UUID | None = None
    category: str = ""
    stage_code: str = ""
    tags: tuple[str, ...] = ()
    include_archived: bool = False


def _hits(session: Session) -> list[LessonHit]:
    statement = columns(
        Lesson.id,
        Lesson.code,
        Lesson.title,
        Lesson.description,
        Lesson.recommendation,
        Lesson.category,
        Lesson.stage_code,
        Lesson.tags,
        Lesson.template_code,
        Lesson.recorded_on,
        Lesson.project_id,
        Project.code,
        Project.name,
        Project.department,
        Lesson.archived_at,
    ).outerjoin(Project, col(Lesson.project_id) == Project.id)
    return [
        LessonHit(
            id=row[0],
            code=row[1],
            title=row[2],
            description=row[3],
            recommendation=row[4],
            category=row[5],
            stage_code=row[6],
            tags=split_tags(row[7]),
            tags_text=", ".join(t.strip() for t in row[7].split(",") if t.strip()),
            template_code=row[8],
            recorded_on=row[9],
            project_id=row[10],
            project_code=row[11] or "",
            project_name=row[12] or "",
            department=row[13] or "",
            archived=row[14] is not None,
        )
        for row in session.execute(statement)
    ]


def _newest_first(hit: LessonHit) -> tuple[bool, int, str]:
    return (hit.recorded_on is None, -(hit.recorded_on or date.min).toordinal(), hit.code)


def search_lessons(session: Session, query: LessonQuery | None = None) -> list[LessonHit]:
    """The lessons matching every part of ``query``, the most recently recorded first."""
    query = query or LessonQuery()
    words = fold(query.text).split()
    tags = split_tags(query.tags)
    category = fold(query.category.strip())
    stage = query.stage_code.strip().upper()
    found = []
    for hit in _hits(session):
        if hit.archived and not query.include_archived:
            continue
        if query.project_id is not None and hit.project_id != query.project_id:
            continue
        if category and fold(hit.category) != category:
            continue
        if stage and hit.stage_code.upper() != stage:
            continue
        if tags and not set(tags) <= set(hit.tags):
            continue
        if words and not all(word in hit.haystack for word in words):
            continue
        found.append(hit)
    found.sort(key=_newest_first)
    return found


@dataclass(frozen=True, slots=True)
class LessonFacets:
    """The values the repository's filters offer: categories, stages and tags in use."""

    categories: tuple[str, ...]
    stages: tuple[str, ...]
    tags: tuple[str, ...]


def lesson_facets(session: Session) -> LessonFacets:
    live = [h for h in _hits(session) if not h.archived]
    categories = sorted({h.category for h in live if h.category}, key=fold)
    stages = sorted({h.stage_code for h in live if h.stage_code})
    tags = sorted({t for h in live for t in h.tags})
    return LessonFacets(tuple(categories), tuple(stages), tuple(tags))


@dataclass(frozen=True, slots=True)
class LessonSuggestion:
    lesson: LessonHit
    score: int
    #: Why it was offered, e.g. ``("same template PT-IT", "tag erp")``.
    reasons: tuple[str, ...]
    #: Codes of lessons with the same title that other projects recorded too.
    others: tuple[str, ...] = ()


def suggest_lessons(
    session: Session,
    *,
    tags: str | Iterable[str] = (),
    department: str = "",
    template_code: str | None = None,
    text: str = "",
    exclude_project_id: uuid.UUID | None = None,
    limit: int = 8,
) -> list[LessonSuggestion]:
    """The live lessons that fit a project of this type, best first (at most ``limit``)."""
    wanted_tags = set(split_tags(tags))
    wanted_department = fold(department.strip())
    template = (template_code or "").strip().upper()
    words = {w for w in _WORD.findall(fold(text)) if len(w) > 2}
    suggestions = []
    for hit in _hits(session):
        if hit.archived or (exclude_project_id and hit.project_id == exclude_project_id):
            continue
        score, reasons = 0, []
        if template and (hit.template_code or "").upper() == template:
            score += TEMPLATE_POINTS
            reasons.append(f"same template {template}")
        if wanted_department and fold(hit.department) == wanted_department:
            score += DEPARTMENT_POINTS
            reasons.append(f"from a {hit.department} project")
        for tag in hit.tags:
            if tag in wanted_tags:
                score += TAG_POINTS
                reasons.append(f"tag {tag}")
            elif tag in words:
                score += WORD_POINTS
                reasons.append(f"mentions {tag}")
        category = fold(hit.category)
        if category and category in words and category not in hit.tags:
            score += WORD_POINTS
            reasons.append(f"mentions {category}")
        if score:
            suggestions.append(LessonSuggestion(hit, score, tuple(reasons)))
    suggestions.sort(key=lambda s: (-s.score, *_newest_first(s.lesson)))
    # The same lesson learned by several projects is offered once, naming the others.
    best: dict[str, LessonSuggestion] = {}
    others: dict[str, list[str]] = {}
    for suggestion in suggestions:
        title = fold(suggestion.lesson.title.strip())
        if title in best:
            others[title].append(suggestion.lesson.code)
        else:
            best[title], others[title] = suggestion, []
    unique = [replace(s, others=tuple(others[t])) for t, s in best.items()]
    return unique[:limit]


def lessons_for_project(
    session: Session, project_id: uuid.UUID, *, limit: int = 8
) -> list[LessonSuggestion]:
    """The lessons of other projects that fit this project's tags, department and template."""
    project = records.get(session, Project, project_id)
    return suggest_lessons(
        session,
        tags=project.tags,
        department=project.department,
        template_code=project.template_code,
        text=f"{project.name} {project.description}",
        exclude_project_id=project.id,
        limit=limit,
    )
