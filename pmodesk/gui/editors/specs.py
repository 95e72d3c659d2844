"""What each record editor shows: sections of fields, each with its label and widget kind.

The specs are plain data (no Qt), read by the form engine in
:mod:`pmodesk.gui.editors.dialog`. Field names are the table's own field
names, so the values a form collects go to the record services unchanged;
references are the ``*_id`` fields and carry UUIDs.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from enum import StrEnum

from pmodesk.domain import (
    Allocation,
    Benefit,
    CapacityException,
    Certification,
    CodedRecord,
    Decision,
    Lesson,
    Milestone,
    Person,
    PersonSkill,
    Portfolio,
    Programme,
    Project,
    PublicHoliday,
    RaidItem,
    Record,
    Role,
    Scenario,
    ScoringCriterion,
    Skill,
    Stage,
    StatusReport,
    StrategicObjective,
    Team,
    TrainingRecord,
)
from pmodesk.domain.enums import (
    CapacityExceptionKind,
    DecisionStatus,
    ProjectState,
    Rag,
    RaidKind,
    RaidStatus,
    TrainingStatus,
)


class Widget(StrEnum):
    """The kinds of input a field can have."""

    LINE = "line"  # one line of text
    CODE = "code"  # a record code, upper case
    PERIOD = "period"  # YYYY-MM
    PERSON = "person"  # a person's name as free text, completed from the people list
    TEXT = "text"  # several lines
    ENUM = "enum"  # one of an enum's values, shown by its label
    REFERENCE = "reference"  # another record, picked by "CODE — Name"
    DATE = "date"
    MONEY = "money"  # an amount with thousands separators
    NUMBER = "number"  # a decimal number
    PERCENT = "percent"  # 0-100 %
    SCALE = "scale"  # 1-5 (probability, impact)
    CHECK = "check"  # yes / no


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    label: str
    widget: Widget = Widget.LINE
    enum: type[StrEnum] | None = None
    reference: type[CodedRecord] | None = None
    required: bool = False
    hint: str = ""  # placeholder / tooltip
    #: Set when the record is created; afterwards it changes through its own use case
    #: (a project's stage moves through the gate, not through the form).
    create_only: bool = False

    @property
    def plain_label(self) -> str:
        return self.label.replace("&", "")


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True, slots=True)
class EditorSpec:
    model: type[Record]
    noun: str  # "project", "RAID item"
    sections: tuple[Section, ...]
    columns: int = 1  # sections are laid out in this many columns

    def fields(self) -> list[FieldSpec]:
        return [f for s in self.sections for f in s.fields]

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields() if f.name == name), None)


def nullable(model: type[Record], name: str) -> bool:
    """Whether the table accepts no value (``None``) for the field."""
    annotation = model.model_fields[name].annotation
    return type(None) in typing.get_args(annotation) or annotation is type(None)


def _f(name: str, label: str, widget: Widget = Widget.LINE, **kw: typing.Any) -> FieldSpec:
    return FieldSpec(name, label, widget, **kw)


def _code(hint: str) -> FieldSpec:
    return _f("code", "Code", Widget.CODE, required=True, hint=hint)


def _ref(name: str, label: str, model: type[CodedRecord], *, required: bool = False) -> FieldSpec:
    return _f(name, label, Widget.REFERENCE, reference=model, required=required)


def _enum(name: str, label: str, enum: type[StrEnum]) -> FieldSpec:
    return _f(name, label, Widget.ENUM, enum=enum)


def _rags(prefix: str = "rag_") -> tuple[FieldSpec, ...]:
    return (
        _enum(f"{prefix}overall", "Overall", Rag),
        _enum(f"{prefix}schedule", "Schedule", Rag),
        _enum(f"{prefix}cost", "Cost", Rag),
        _enum(f"{prefix}scope", "Scope", Rag),
        _enum(f"{prefix}resources", "Resources", Rag),
    )


W = Widget
SPECS: dict[type[Record], EditorSpec] = {
    Project: EditorSpec(
        Project,
        "project",
        (
            Section(
                "Identity",
                (
                    _code("e.g. PRJ-042"),
                    _f("name", "Name", required=True),
                    _f("description", "Description", W.TEXT),
                    _f("tags", "Tags", hint="Comma-separated, e.g. digital, regulatory"),
                ),
            ),
            Section(
                "Governance",
                (
                    _ref("portfolio_id", "Portfolio", Portfolio),
                    _ref("programme_id", "Programme", Programme),
                    _f(
                        "stage_id",
                        "Lifecycle stage",
                        Widget.REFERENCE,
                        reference=Stage,
                        create_only=True,
                        hint="After creation a project moves between stages through its gate.",
                    ),
                    _enum("state", "State", ProjectState),
                    _f("sponsor", "Sponsor", W.PERSON),
                    _f("manager", "Manager", W.PERSON),
                    _f("department", "Department"),
                ),
            ),
            Section("RAG", _rags()),
            Section(
                "Dates",
                (
                    _f("planned_start", "Planned start", W.DATE),
                    _f("planned_finish", "Planned finish", W.DATE),
                    _f("forecast_start", "Forecast start", W.DATE),
                    _f("forecast_finish", "Forecast finish", W.DATE),
                    _f("actual_start", "Actual start", W.DATE),
                    _f("actual_finish", "Actual finish", W.DATE),
                ),
            ),
            Section(
                "Money and progress",
                (
                    _f("budget", "Budget", W.MONEY),
                    _f("forecast_cost", "Forecast cost", W.MONEY),
                    _f("actual_cost", "Actual cost", W.MONEY),
                    _f("percent_complete", "Complete", W.PERCENT),
                    _f("priority_score", "Priority score", W.NUMBER),
                ),
            ),
        ),
        columns=2,
    ),
    Portfolio: EditorSpec(
        Portfolio,
        "portfolio",
        (
            Section(
                "Portfolio",
                (
                    _code("e.g. PF-001"),
                    _f("name", "Name", required=True),
                    _f("owner", "Owner", W.PERSON),
                    _f("description", "Description", W.TEXT),
                ),
            ),
        ),
    ),
    Programme: EditorSpec(
        Programme,
        "programme",
        (
            Section(
                "Programme",
                (
                    _code("e.g. PGM-001"),
                    _f("name", "Name", required=True),
                    _ref("portfolio_id", "Portfolio", Portfolio),
                    _f("sponsor", "Sponsor", W.PERSON),
                    _f("manager", "Manager", W.PERSON),
                    _f("description", "Description", W.TEXT),
                ),
            ),
        ),
    ),
    StrategicObjective: EditorSpec(
        StrategicObjective,
        "strategic objective",
        (
            Section(
                "Objective",
                (
                    _code("e.g. OBJ-001"),
                    _f("name", "Name", required=True),
                    _f("weight", "Weight", W.NUMBER, required=True, hint="Relative weight, e.g. 1"),
                    _f("description", "Description", W.TEXT),
                ),
            ),
        ),
    ),
    Person: EditorSpec(
        Person,
        "person",
        (
            Section(
                "Person",
                (
                    _code("e.g. PER-001"),
                    _f("name", "Name", required=True),
                    _f("email", "E-mail"),
                    _ref("team_id", "Team", Team),
                    _ref("role_id", "Role", Role),
                    _f("location", "Location"),
                ),
            ),
            Section(
                "Capacity",
                (
                    _f("weekly_capacity_hours", "Hours per week", W.NUMBER, required=True),
                    _f(
                        "part_time_factor",
                        "Part-time factor",
                        W.NUMBER,
                        required=True,
                        hint="1 = full time, 0.5 = half time",
                    ),
                    _f("calendar", "Calendar", required=True),
                ),
            ),
        ),
    ),
    Team: EditorSpec(
        Team,
        "team",
        (
            Section(
                "Team",
                (
                    _code("e.g. TEAM-001"),
                    _f("name", "Name", required=True),
                    _f("lead", "Lead", W.PERSON),
                    _f("description", "Description", W.TEXT),
                ),
            ),
        ),
    ),
    Role: EditorSpec(
        Role,
        "role",
        (
            Section(
                "Role",
                (
                    _code("e.g. ROLE-001"),
                    _f("name", "Name", required=True),
                    _f("description", "Description", W.TEXT),
                ),
            ),
        ),
    ),
    Milestone: EditorSpec(
        Milestone,
        "milestone",
        (
            Section(
                "Milestone",
                (
                    _code("e.g. MS-001"),
                    _ref("project_id", "Project", Project, required=True),
                    _f("name", "Name", required=True),
                    _f("is_gate", "Stage gate", W.CHECK),
                    _f("description", "Description", W.TEXT),
                ),
            ),
            Section(
                "Dates",
                (
                    _f("baseline_date", "Baseline", W.DATE),
                    _f("forecast_date", "Forecast", W.DATE),
                    _f("actual_date", "Actual", W.DATE),
                ),
            ),
        ),
    ),
    RaidItem: EditorSpec(
        RaidItem,
        "RAID item",
        (
            Section(
                "RAID item",
                (
                    _code("e.g. RAID-001"),
                    _enum("kind", "Kind", RaidKind),
                    _ref("project_id", "Project", Project),
                    _f("title", "Title", required=True),
                    _f("description", "Description", W.TEXT),
                    _f("owner", "Owner", W.PERSON),
                    _enum("status", "Status", RaidStatus),
                    _f("escalated", "Escalated", W.CHECK),
                ),
            ),
            Section(
                "Assessment",
                (
                    _f("probability", "Probability", W.SCALE),
                    _f("impact", "Impact", W.SCALE),
                    _f("response", "Response", W.TEXT),
                    _f("actions", "Actions", W.TEXT),
                ),
            ),
            Section(
                "Dates",
                (
                    _f("raised_on", "Raised on", W.DATE),
                    _f("due_date", "Due", W.DATE),
                    _f("closed_on", "Closed on", W.DATE),
                ),
            ),
        ),
        columns=2,
    ),
    Decision: EditorSpec(
        Decision,
        "decision",
        (
            Section(
                "Decision",
                (
                    _code("e.g. DEC-001"),
                    _ref("project_id", "Project", Project),
                    _f("title", "Title", required=True),
                    _f("description", "Description", W.TEXT),
                    _f("options", "Options", W.TEXT),
                    _f("recommendation", "Recommendation", W.TEXT),
                ),
            ),
            Section(
                "Outcome",
                (
                    _f("forum", "Forum", hint="e.g. Portfolio board"),
                    _enum("status", "Status", DecisionStatus),
                    _f("due_date", "Due", W.DATE),
                    _f("decided_on", "Decided on", W.DATE),
                    _f("decided_by", "Decided by", W.PERSON),
                    _f("outcome", "Outcome", W.TEXT),
                ),
            ),
        ),
        columns=2,
    ),
    StatusReport: EditorSpec(
        StatusReport,
        "status report",
        (
            Section(
                "Report",
                (
                    _ref("project_id", "Project", Project, required=True),
                    _f("period", "Period", W.PERIOD, required=True, hint="YYYY-MM"),
                    _f("submitted_by", "Submitted by", W.PERSON),
                    _f("summary", "Summary", W.TEXT),
                    _f("achievements", "Achievements", W.TEXT),
                    _f("next_steps", "Next steps", W.TEXT),
                ),
            ),
            Section("RAG", _rags()),
            Section(
                "Forecast",
                (
                    _f("forecast_finish", "Forecast finish", W.DATE),
                    _f("forecast_cost", "Forecast cost", W.MONEY),
                    _f("actual_cost", "Actual cost", W.MONEY),
                    _f("percent_complete", "Complete", W.PERCENT),
                ),
            ),
        ),
        columns=2,
    ),
    Benefit: EditorSpec(
        Benefit,
        "benefit",
        (
            Section(
                "Benefit",
                (
                    _code("e.g. BEN-001"),
                    _ref("project_id", "Project", Project, required=True),
                    _f("name", "Name", required=True),
                    _ref("objective_id", "Objective", StrategicObjective),
                    _f("owner", "Owner", W.PERSON),
                ),
            ),
            Section(
                "Measure",
                (
                    _f("measure", "Measure", hint="e.g. Calls handled per day"),
                    _f("unit", "Unit"),
                    _f("baseline_value", "Baseline", W.NUMBER),
                    _f("target_value", "Target", W.NUMBER),
                    _f("realised_value", "Realised", W.NUMBER),
                    _f("target_date", "Target date", W.DATE),
                ),
            ),
        ),
    ),
    Lesson: EditorSpec(
        Lesson,
        "lesson",
        (
            Section(
                "Lesson",
                (
                    _code("e.g. LES-001"),
                    _ref("project_id", "Project", Project),
                    _f("title", "Title", required=True),
                    _f("category", "Category", hint="e.g. Procurement"),
                    _f("stage_code", "Stage code", W.CODE, hint="e.g. DELIVERY"),
                    _f("tags", "Tags", hint="Comma-separated"),
                    _f("template_code", "Template to change", W.CODE, hint="e.g. PT-STANDARD"),
                    _f("recorded_on", "Recorded on", W.DATE),
                    _f("description", "What happened", W.TEXT),
                    _f("recommendation", "Recommendation", W.TEXT),
                ),
            ),
        ),
    ),
    CapacityException: EditorSpec(
        CapacityException,
        "capacity exception",
        (
            Section(
                "Capacity exception",
                (
                    _ref("person_id", "Person", Person, required=True),
                    _f("week_start", "Week of", W.DATE, required=True, hint="A Monday"),
                    _enum("kind", "Kind", CapacityExceptionKind),
                    _f("hours_unavailable", "Hours unavailable", W.NUMBER, required=True),
                    _f("note", "Note", W.TEXT),
                ),
            ),
        ),
    ),
    Allocation: EditorSpec(
        Allocation,
        "allocation",
        (
            Section(
                "Allocation",
                (
                    _ref("project_id", "Project", Project, required=True),
                    _ref("person_id", "Person", Person),
                    _ref("role_id", "Role", Role),
                    _f("week_start", "Week of", W.DATE, required=True, hint="A Monday"),
                    _f("hours", "Hours", W.NUMBER, required=True),
                    _f("tentative", "Tentative", W.CHECK),
                    _f("note", "Note", W.TEXT),
                ),
            ),
        ),
    ),
    Skill: EditorSpec(
        Skill,
        "skill",
        (
            Section(
                "Skill",
                (
                    _code("e.g. SKL-001"),
                    _f("name", "Name", required=True, hint="e.g. Agile delivery"),
                    _f("category", "Category", hint="e.g. Methods, Technical, Leadership"),
                    _f("description", "Description", W.TEXT),
                ),
            ),
        ),
    ),
    PersonSkill: EditorSpec(
        PersonSkill,
        "skill level",
        (
            Section(
                "Skill level",
                (
                    _ref("person_id", "Person", Person, required=True),
                    _ref("skill_id", "Skill", Skill, required=True),
                    _f("level", "Level", W.SCALE, hint="1 = aware … 5 = expert"),
                ),
            ),
        ),
    ),
    Certification: EditorSpec(
        Certification,
        "certification",
        (
            Section(
                "Certification",
                (
                    _ref("person_id", "Person", Person, required=True),
                    _f("name", "Certificate", required=True, hint="e.g. PRINCE2 Practitioner"),
                    _f("issuer", "Issuer", hint="e.g. PeopleCert, PMI"),
                    _f("obtained_on", "Obtained on", W.DATE),
                    _f("expires_on", "Expires on", W.DATE, hint="Leave empty if it never expires"),
                ),
            ),
        ),
    ),
    TrainingRecord: EditorSpec(
        TrainingRecord,
        "training record",
        (
            Section(
                "Training",
                (
                    _ref("person_id", "Person", Person, required=True),
                    _f("course", "Course", required=True),
                    _f("provider", "Provider"),
                    _enum("status", "Status", TrainingStatus),
                    _f("starts_on", "Starts on", W.DATE),
                    _f("ends_on", "Ends on", W.DATE),
                    _f("hours", "Hours", W.NUMBER),
                    _f("note", "Note", W.TEXT),
                ),
            ),
        ),
    ),
    PublicHoliday: EditorSpec(
        PublicHoliday,
        "public holiday",
        (
            Section(
                "Public holiday",
                (
                    _f("calendar", "Calendar", required=True, hint="e.g. default, UK, DE-BY"),
                    _f("day", "Day", W.DATE, required=True),
                    _f("name", "Name", required=True, hint="e.g. New Year's Day"),
                ),
            ),
        ),
    ),
    Scenario: EditorSpec(
        Scenario,
        "scenario",
        (
            Section(
                "Scenario",
                (
                    _code("e.g. SCN-001"),
                    _f("name", "Name", required=True, hint="e.g. Q3 intake"),
                    _f("description", "Description", W.TEXT),
                ),
            ),
        ),
    ),
    ScoringCriterion: EditorSpec(
        ScoringCriterion,
        "scoring criterion",
        (
            Section(
                "Criterion",
                (
                    _code("e.g. CRIT-001"),
                    _f("name", "Name", required=True, hint="e.g. Regulatory urgency"),
                    _f("description", "Description", W.TEXT),
                    _ref("objective_id", "Strategic objective", StrategicObjective),
                    _f(
                        "position",
                        "Position",
                        W.NUMBER,
                        required=True,
                        hint="Order in the lists, a whole number",
                    ),
                ),
            ),
            Section(
                "Scoring",
                (
                    _f("weight", "Weight", W.NUMBER, required=True, hint="Relative weight, e.g. 1"),
                    _f("scale_min", "Lowest score", W.NUMBER, required=True, hint="e.g. 1"),
                    _f("scale_max", "Highest score", W.NUMBER, required=True, hint="e.g. 5"),
                    _f(
                        "higher_is_better",
                        "Higher is better",
                        W.CHECK,
                        hint="Untick for cost, risk or resource need, where less is better.",
                    ),
                ),
            ),
        ),
    ),
}


def spec_for(model: type[Record]) -> EditorSpec:
    try:
        return SPECS[model]
    except KeyError:
        raise KeyError(f"There is no editor for {model.__name__} records.") from None


def assign_mnemonics(labels: list[str], reserved: str = "") -> list[str]:
    """Give each label a unique ``&`` accelerator, preferring word starts.

    ``reserved`` letters are taken already (the dialog's buttons). A label
    whose letters are all taken keeps no mnemonic rather than clashing.
    """
    taken = set(reserved.casefold())
    result: list[str] = []
    for label in labels:
        plain = label.replace("&", "")
        starts = [
            i for i, ch in enumerate(plain) if ch.isalnum() and (i == 0 or plain[i - 1] == " ")
        ]
        others = [i for i, ch in enumerate(plain) if ch.isalnum() and i not in starts]
        for i in starts + others:
            if plain[i].casefold() not in taken:
                taken.add(plain[i].casefold())
                result.append(f"{plain[:i]}&{plain[i:]}")
                break
        else:
            result.append(plain)
    return result
