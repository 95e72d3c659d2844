"""Reading the template library: its templates by kind, search, versions, who uses what.

A template is a code with one or more versions. The library shows each code
once, as its *current* version: the published one if there is one, else the
newest. Only a published version can be used by a project (see
:func:`published_version`).
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from pmodesk.domain import Lesson, Project, ProjectDocument, Template
from pmodesk.domain.enums import TemplateKind, TemplateState
from pmodesk.domain.errors import NotFoundError, ValidationError
from pmodesk.services.register import fold

#: How people name each kind, singular and plural.
KIND_LABELS: dict[TemplateKind, tuple[str, str]] = {
    TemplateKind.PROJECT: ("Project template", "Project templates"),
    TemplateKind.GATE_CHECKLIST: ("Gate checklist", "Gate checklists"),
    TemplateKind.DOCUMENT: ("Document template", "Document templates"),
    TemplateKind.LIFECYCLE: ("Lifecycle", "Lifecycle"),
}
#: The order the library lists kinds in.
KIND_ORDER: tuple[TemplateKind, ...] = (
    TemplateKind.PROJECT,
    TemplateKind.GATE_CHECKLIST,
    TemplateKind.DOCUMENT,
    TemplateKind.LIFECYCLE,
)
STATE_LABELS: dict[TemplateState, str] = {
    TemplateState.DRAFT: "Draft",
    TemplateState.PUBLISHED: "Published",
    TemplateState.RETIRED: "Retired",
}


@dataclass(frozen=True)
class TemplateRow:
    """One template of the library, as its current version."""

    id: uuid.UUID
    code: str
    kind: TemplateKind
    name: str
    description: str
    state: TemplateState
    version: int
    #: The published version, if any (may be older than ``version`` while a draft is open).
    published_version: int | None
    #: The newest version (a draft being prepared, or the same as ``version``).
    latest_version: int
    latest_state: TemplateState
    versions: int
    built_in: bool
    updated_at: datetime
    projects: int
    lessons: int

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind][0]

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def has_open_draft(self) -> bool:
        return self.latest_state is TemplateState.DRAFT and self.latest_version != self.version


def _all_versions(session: Session) -> list[Template]:
    statement = select(Template).where(col(Template.archived_at).is_(None))
    return list(
        session.exec(statement.order_by(col(Template.code), col(Template.template_version)))
    )


def current_of(versions: list[Template]) -> Template:
    """The version the library shows for a code: the published one, else the newest."""
    published = [v for v in versions if v.state is TemplateState.PUBLISHED]
    return max(published or versions, key=lambda v: v.template_version)


def matches(row: TemplateRow, search: str) -> bool:
    """True when every word of ``search`` is in the code, name, description or kind (no accents)."""
    haystack = fold(" ".join((row.code, row.name, row.description, row.kind_label)))
    return all(word in haystack for word in fold(search).split())


def list_library(
    session: Session,
    *,
    kind: TemplateKind | None = None,
    search: str = "",
    include_retired: bool = True,
) -> list[TemplateRow]:
    """Every template (one row per code) in library order: by kind, then by name."""
    by_code: dict[str, list[Template]] = {}
    for version in _all_versions(session):
        by_code.setdefault(version.code, []).append(version)
    projects = Counter(
        session.exec(
            select(Project.template_code).where(
                col(Project.template_code).is_not(None), col(Project.archived_at).is_(None)
            )
        )
    )
    lessons = Counter(
        session.exec(
            select(Lesson.template_code).where(
                col(Lesson.template_code).is_not(None), col(Lesson.archived_at).is_(None)
            )
        )
    )
    rows = []
    for code, versions in by_code.items():
        current = current_of(versions)
        latest = versions[-1]
        published = [v.template_version for v in versions if v.state is TemplateState.PUBLISHED]
        row = TemplateRow(
            id=current.id,
            code=code,
            kind=current.kind,
            name=current.name,
            description=current.description,
            state=current.state,
            version=current.template_version,
            published_version=max(published) if published else None,
            latest_version=latest.template_version,
            latest_state=latest.state,
            versions=len(versions),
            built_in=current.built_in,
            updated_at=max(v.updated_at for v in versions),
            projects=projects.get(code, 0),
            lessons=lessons.get(code, 0),
        )
        if kind is not None and row.kind is not kind:
            continue
        if not include_retired and row.state is TemplateState.RETIRED:
            continue
        if search.strip() and not matches(row, search):
            continue
        rows.append(row)
    order = {k: n for n, k in enumerate(KIND_ORDER)}
    rows.sort(key=lambda r: (order[r.kind], fold(r.name), r.code))
    return rows


def versions_of(session: Session, code: str) -> list[Template]:
    """Every version of ``code``, newest first; a :class:`NotFoundError` when there is none."""
    wanted = code.strip().upper()
    found = list(
        session.exec(
            select(Template)
            .where(Template.code == wanted, col(Template.archived_at).is_(None))
            .order_by(col(Template.template_version).desc())
        )
    )
    if not found:
        raise NotFoundError(f"There is no template with code {wanted}.", field="code")
    return found


def get_version(session: Session, code: str, version: int | None = None) -> Template:
    """One version of ``code``; without ``version`` the current one (published, else newest)."""
    versions = versions_of(session, code)
    if version is None:
        return current_of(versions)
    for candidate in versions:
        if candidate.template_version == version:
            return candidate
    raise NotFoundError(
        f"Template {versions[0].code} has no version {version}; "
        f"it has versions {', '.join(str(v.template_version) for v in reversed(versions))}.",
        field="template_version",
    )


def latest_version(session: Session, code: str) -> Template:
    return versions_of(session, code)[0]


def find_published(session: Session, code: str) -> Template | None:
    """The published version of ``code``, or ``None`` (no such code, or nothing published)."""
    statement = select(Template).where(
        Template.code == code.strip().upper(),
        Template.state == TemplateState.PUBLISHED,
        col(Template.archived_at).is_(None),
    )
    found = list(session.exec(statement))
    return max(found, key=lambda t: t.template_version) if found else None


def published_version(session: Session, code: str, kind: TemplateKind | None = None) -> Template:
    """The version of ``code`` projects may use now, with a sentence when there is none."""
    found = find_published(session, code)
    if found is None:
        versions = versions_of(session, code)
        states = {v.state for v in versions}
        why = (
            "it is retired"
            if states == {TemplateState.RETIRED}
            else "it has only a draft; publish it first"
        )
        raise ValidationError(f"Template {versions[0].code} cannot be used: {why}.", field="code")
    if kind is not None and found.kind is not kind:
        raise ValidationError(
            f"Template {found.code} is a {KIND_LABELS[found.kind][0].lower()}, "
            f"not a {KIND_LABELS[kind][0].lower()}.",
            field="code",
        )
    return found


def published_of_kind(session: Session, kind: TemplateKind) -> list[Template]:
    """The published version of every template of ``kind``, by name (for choosers)."""
    statement = select(Template).where(
        Template.kind == kind,
        Template.state == TemplateState.PUBLISHED,
        col(Template.archived_at).is_(None),
    )
    found: dict[str, Template] = {}
    for template in session.exec(statement):
        kept = found.get(template.code)
        if kept is None or template.template_version > kept.template_version:
            found[template.code] = template
    return sorted(found.values(), key=lambda t: (fold(t.name), t.code))


@dataclass(frozen=True)
class TemplateUse:
    """A project that used a template: which version, and whether it is the current one."""

    project_id: uuid.UUID
    project_code: str
    project_name: str
    version: int | None


def projects_using(session: Session, code: str) -> list[TemplateUse]:
    """Live projects created from ``code`` (any version), by project code."""
    statement = (
        select(Project)
        .where(Project.template_code == code.strip().upper(), col(Project.archived_at).is_(None))
        .order_by(col(Project.code))
    )
    return [TemplateUse(p.id, p.code, p.name, p.template_version) for p in session.exec(statement)]


def documents_from(session: Session, code: str) -> list[ProjectDocument]:
    """Live documents produced from the document template ``code``."""
    statement = select(ProjectDocument).where(
        ProjectDocument.template_code == code.strip().upper(),
        col(ProjectDocument.archived_at).is_(None),
    )
    return list(session.exec(statement))


def lessons_for(session: Session, code: str) -> list[Lesson]:
    """Lessons learned that say this template should change, newest first."""
    statement = select(Lesson).where(
        Lesson.template_code == code.strip().upper(), col(Lesson.archived_at).is_(None)
    )
    found = list(session.exec(statement))
    found.sort(key=lambda lesson: (lesson.recorded_on is not None, lesson.recorded_on, lesson.code))
    return list(reversed(found))
