"""What a review pack contains: :class:`PackSettings`, kept as the workspace's pack settings.

A PMO prints the same pack every period for the same board, so the choices
made in the Print pack dialog (scope, sections, paper, title, classification)
are stored in the workspace under ``pack.settings`` and offered again next
time; only the period moves on. Settings read back from a workspace are
forgiving (a damaged or older value falls back to the default); settings
given by a person are checked by :meth:`PackSettings.validated`, which says
what is wrong in a sentence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from sqlmodel import Session, select

from pmodesk.domain import WorkspaceSetting, utcnow
from pmodesk.domain.enums import AuditAction
from pmodesk.domain.errors import ValidationError
from pmodesk.services import settings as workspace_settings
from pmodesk.services.audit import record_event
from pmodesk.services.monitoring.periods import period_start
from pmodesk.services.register import RegisterFilter

#: The workspace setting that keeps the pack's choices.
PACK_SETTINGS_KEY = "pack.settings"


class Scope(StrEnum):
    WORKSPACE = "workspace"
    PORTFOLIO = "portfolio"
    PROGRAMME = "programme"
    FILTER = "filter"


class Section(StrEnum):
    """The pack's optional sections, in the order they print (cover and contents always do)."""

    SUMMARY = "summary"
    DASHBOARD = "dashboard"
    DECISIONS = "decisions"
    RESOURCES = "resources"
    RISKS = "risks"
    PROJECTS = "projects"
    APPENDIX = "appendix"

    @property
    def heading(self) -> str:
        return SECTION_TITLES[self]


SECTION_TITLES: dict[Section, str] = {
    Section.SUMMARY: "Executive summary",
    Section.DASHBOARD: "Portfolio dashboard",
    Section.DECISIONS: "Decisions required",
    Section.RESOURCES: "Resources",
    Section.RISKS: "Risks",
    Section.PROJECTS: "Projects",
    Section.APPENDIX: "Appendix",
}


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


class HeatmapRows(StrEnum):
    TEAM = "team"
    PERSON = "person"


class HeatmapColumns(StrEnum):
    WEEK = "week"
    MONTH = "month"


DEFAULT_TITLE = "Portfolio review pack"
DEFAULT_CLASSIFICATION = "Internal"
MAX_LINE = 200
MAX_HEATMAP_WEEKS = 52
_FILTER_SETS = ("portfolios", "programmes", "stages", "states", "rags", "managers")


def filter_to_json(wanted: RegisterFilter) -> dict[str, Any]:
    """The register's filter as plain JSON values (sets as sorted lists)."""
    data: dict[str, Any] = {"text": wanted.text, "show_archived": wanted.show_archived}
    for name in _FILTER_SETS:
        data[name] = sorted(getattr(wanted, name))
    return data


def filter_from_json(data: Any) -> RegisterFilter:
    """A :class:`RegisterFilter` back from :func:`filter_to_json`; anything odd is dropped."""
    if not isinstance(data, dict):
        return RegisterFilter()
    sets = {
        name: frozenset(str(v) for v in data.get(name) or () if isinstance(v, str))
        for name in _FILTER_SETS
        if isinstance(data.get(name), list)
    }
    text = data.get("text")
    return RegisterFilter(
        text=text if isinstance(text, str) else "",
        show_archived=bool(data.get("show_archived", False)),
        **sets,
    )


@dataclass(frozen=True)
class PackSettings:
    """Everything the pack's content depends on besides the data itself.

    ``period`` empty means the current reporting period; ``date_line`` empty
    means today's date. ``register_filter`` is used when ``scope`` is
    :attr:`Scope.FILTER`. The heatmap covers ``heatmap_weeks`` weeks from the
    start of the period.
    """

    scope: Scope = Scope.WORKSPACE
    scope_code: str = ""
    register_filter: RegisterFilter = field(default_factory=RegisterFilter)
    period: str = ""
    sections: tuple[Section, ...] = tuple(Section)
    paper: Paper = Paper.A4
    landscape: bool = False
    title: str = DEFAULT_TITLE
    date_line: str = ""
    classification: str = DEFAULT_CLASSIFICATION
    include_closed: bool = False
    heatmap_rows: HeatmapRows = HeatmapRows.TEAM
    heatmap_columns: HeatmapColumns = HeatmapColumns.WEEK
    heatmap_weeks: int = 13

    def has(self, section: Section) -> bool:
        return section in self.sections

    def validated(self) -> PackSettings:
        """These settings, cleaned; a :class:`ValidationError` names the first wrong value."""
        if self.scope in (Scope.PORTFOLIO, Scope.PROGRAMME) and not self.scope_code.strip():
            raise ValidationError(
                f"Name the {self.scope.value} the pack covers (its code, e.g. PF-01).",
                field="scope_code",
            )
        if self.period.strip():
            period_start(self.period.strip())
        if not self.sections:
            raise ValidationError("Choose at least one section for the pack.", field="sections")
        for name, value in (
            ("title", self.title),
            ("date_line", self.date_line),
            ("classification", self.classification),
        ):
            if len(value) > MAX_LINE:
                raise ValidationError(
                    f"The {name.replace('_', ' ')} is longer than {MAX_LINE} characters; "
                    "shorten it.",
                    field=name,
                )
        if not 1 <= self.heatmap_weeks <= MAX_HEATMAP_WEEKS:
            raise ValidationError(
                f"The heatmap covers 1 to {MAX_HEATMAP_WEEKS} weeks, not {self.heatmap_weeks}.",
                field="heatmap_weeks",
            )
        ordered = tuple(s for s in Section if s in self.sections)
        return replace(
            self,
            scope_code=self.scope_code.strip(),
            period=self.period.strip(),
            sections=ordered,
            title=self.title.strip() or DEFAULT_TITLE,
            date_line=self.date_line.strip(),
            classification=self.classification.strip(),
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["register_filter"] = filter_to_json(self.register_filter)
        data["sections"] = [s.value for s in self.sections]
        for name in ("scope", "paper", "heatmap_rows", "heatmap_columns"):
            data[name] = str(data[name])
        return data

    @classmethod
    def from_json(cls, data: Any) -> PackSettings:
        """Settings read back from storage: unknown keys ignored, bad values set to the default."""
        if not isinstance(data, dict):
            return cls()
        defaults = cls()
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            raw = data[f.name]
            current = getattr(defaults, f.name)
            try:
                values[f.name] = _coerce(f.name, raw, current)
            except (TypeError, ValueError):
                continue
        return replace(defaults, **values)


def _coerce(name: str, raw: Any, current: Any) -> Any:
    if name == "register_filter":
        return filter_from_json(raw)
    if name == "sections":
        if not isinstance(raw, list):
            raise TypeError(name)
        return tuple(s for s in Section if s.value in raw)
    if isinstance(current, StrEnum):
        return type(current)(raw)
    if isinstance(current, bool):
        if not isinstance(raw, bool):
            raise TypeError(name)
        return raw
    if isinstance(current, int):
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise TypeError(name)
        return raw
    if not isinstance(raw, str):
        raise TypeError(name)
    return raw


# ---------------------------------------------------------------- storage


def load_pack_settings(session: Session) -> PackSettings:
    """The workspace's pack settings (defaults when none were saved)."""
    if PACK_SETTINGS_KEY in workspace_settings.SPECS:
        return PackSettings.from_json(workspace_settings.get_setting(session, PACK_SETTINGS_KEY))
    row = _row(session)
    return PackSettings.from_json(row.value if row is not None else None)


def save_pack_settings(session: Session, pack: PackSettings, *, source: str = "") -> None:
    """Keep ``pack`` as the workspace's pack settings (audited like every setting)."""
    value = pack.to_json()
    if PACK_SETTINGS_KEY in workspace_settings.SPECS:
        workspace_settings.set_setting(session, PACK_SETTINGS_KEY, value, source=source)
        return
    # Until services.settings knows the key, write the row the way set_setting does.
    row = _row(session)
    if row is None:
        row = WorkspaceSetting(key=PACK_SETTINGS_KEY, value=value)
        session.add(row)
        session.flush()
        record_event(
            session, AuditAction.CREATE, row, field=PACK_SETTINGS_KEY, new=value, source=source
        )
        return
    old = row.value
    if old == value:
        return
    row.value = value
    row.version += 1
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    record_event(
        session,
        AuditAction.UPDATE,
        row,
        field=PACK_SETTINGS_KEY,
        old=old,
        new=value,
        source=source,
    )


def _row(session: Session) -> WorkspaceSetting | None:
    statement = select(WorkspaceSetting).where(WorkspaceSetting.key == PACK_SETTINGS_KEY)
    return session.exec(statement).first()
