"""The words people put in column headers and sheet names, per field and per kind of record.

Matching a header to a field compares it with these (after normalising case,
accents and punctuation), so a register with "PM", "Owner" or "Project
Manager" fills the manager, and "RAG" or "Status colour" the overall RAG.
The first synonym of a field is its label, the header an export writes.
"""

from __future__ import annotations

# fmt: off
#: Synonyms that hold for a field in every kind that has it.
COMMON: dict[str, tuple[str, ...]] = {
    "code": (
        "Code", "id", "ref", "reference", "ref no", "reference number", "key", "number", "no",
        "nr", "identifier", "unique id",
    ),
    "name": ("Name", "title"),
    "title": ("Title", "name", "subject", "headline", "summary"),
    "description": ("Description", "details", "detail", "notes", "narrative", "comments"),
    "owner": ("Owner", "responsible", "assigned to", "accountable", "action owner"),
    "manager": (
        "Manager", "project manager", "pm", "owner", "lead", "project lead", "delivery manager",
        "managed by",
    ),
    "sponsor": (
        "Sponsor", "executive sponsor", "senior responsible owner", "sro", "business owner",
    ),
    "department": (
        "Department", "dept", "business unit", "bu", "division", "directorate", "function",
    ),
    "portfolio": ("Portfolio", "portfolio code", "portfolio name"),
    "programme": ("Programme", "program", "programme code", "program code", "programme name"),
    "project": (
        "Project", "project code", "project id", "project name", "initiative", "engagement",
    ),
    "stage": ("Stage", "phase", "lifecycle stage", "project phase", "gate", "lifecycle"),
    "state": ("State", "status", "project status", "project state"),
    "rag_overall": (
        "Overall RAG", "rag", "rag status", "status colour", "status color", "overall status",
        "health", "overall health", "traffic light", "overall", "rag rating",
    ),
    "rag_schedule": (
        "Schedule RAG", "schedule", "time", "schedule status", "timeline rag", "time rag",
    ),
    "rag_cost": ("Cost RAG", "cost", "budget rag", "financial rag", "finance", "cost status"),
    "rag_scope": ("Scope RAG", "scope", "scope status", "quality rag"),
    "rag_resources": ("Resources RAG", "resources", "resource rag", "resourcing", "staffing"),
    "planned_start": (
        "Planned start", "start", "start date", "plan start", "baseline start", "begin",
    ),
    "planned_finish": (
        "Planned finish", "planned end", "end", "end date", "finish", "finish date",
        "plan finish", "baseline finish", "baseline end", "target end", "completion date",
    ),
    "forecast_start": ("Forecast start", "expected start", "estimated start", "revised start"),
    "forecast_finish": (
        "Forecast finish", "forecast end", "expected finish", "expected end", "estimated finish",
        "forecast completion", "eta", "revised end",
    ),
    "actual_start": ("Actual start", "started", "date started", "actual start date"),
    "actual_finish": ("Actual finish", "actual end", "completed on", "date completed", "closed on"),
    "budget": (
        "Budget", "approved budget", "total budget", "bac", "budget at completion",
        "cost estimate", "capex", "total cost",
    ),
    "actual_cost": (
        "Actual cost", "actuals", "spend", "spent", "actual spend", "cost to date", "acwp",
    ),
    "forecast_cost": (
        "Forecast cost", "eac", "estimate at completion", "forecast spend",
        "forecast at completion", "forecast",
    ),
    "percent_complete": (
        "Percent complete", "% complete", "percent done", "progress", "completion",
        "pct complete", "% done", "complete",
    ),
    "tags": ("Tags", "labels", "keywords"),
    "expected_benefits": ("Expected benefits", "benefits", "benefit"),
    "email": ("Email", "e mail", "email address", "mail"),
    "team": ("Team", "team code", "team name", "squad"),
    "role": ("Role", "job title", "position", "resource role", "discipline", "role name"),
    "weekly_capacity_hours": (
        "Weekly capacity in hours", "weekly capacity", "capacity", "hours per week",
        "weekly hours", "contracted hours", "hours week", "capacity hours",
    ),
    "part_time_factor": ("Part-time factor", "fte", "part time", "part time factor", "percent fte"),
    "calendar": ("Calendar", "holiday calendar", "country"),
    "location": ("Location", "office", "site", "city", "base"),
    "person": (
        "Person", "resource", "resource name", "employee", "staff", "team member", "assignee",
        "who", "person code", "consultant", "staff name", "name",
    ),
    "week_start": (
        "Week", "week start", "week starting", "week commencing", "w c", "week beginning", "date",
    ),
    "hours": (
        "Hours", "hrs", "effort", "effort hours", "planned hours", "allocated hours",
        "allocation",
    ),
    "percent_of_capacity": (
        "Percent of capacity", "% of capacity", "percent", "allocation percent", "fte percent",
        "utilisation", "utilization", "share",
    ),
    "tentative": ("Tentative", "soft", "pencilled", "penciled", "unconfirmed"),
    "scenario": ("Scenario", "what if"),
    "note": ("Note", "notes", "comment", "comments", "remarks"),
    "baseline_date": (
        "Baseline date", "baseline", "planned date", "plan date", "due date", "target date",
        "original date", "date",
    ),
    "forecast_date": (
        "Forecast date", "forecast", "expected date", "revised date", "eta", "estimated date",
    ),
    "actual_date": (
        "Actual date", "actual", "achieved", "completed", "date achieved", "completed on",
    ),
    "is_gate": ("Gate", "is gate", "stage gate", "gate milestone"),
    "kind": ("Type", "raid type", "kind", "item type", "log type", "raid"),
    "status": ("Status", "state", "open closed"),
    "probability": (
        "Probability", "likelihood", "prob", "probability rating", "likelihood rating", "chance",
    ),
    "impact": ("Impact", "severity", "consequence", "impact rating", "impact level"),
    "response": (
        "Response", "mitigation", "mitigation strategy", "mitigation plan", "response strategy",
        "treatment", "responses", "potential responses", "contingency", "mitigating actions",
    ),
    "actions": ("Actions", "action", "action plan", "actions required", "next actions"),
    "raised_on": (
        "Date raised", "raised on", "raised", "date identified", "identified", "date logged",
        "logged", "date opened", "opened", "created", "date created",
    ),
    "due_date": (
        "Due date", "due", "target date", "target resolution date", "deadline", "needed by",
        "required by",
    ),
    "closed_on": (
        "Date closed", "closed on", "closure date", "closed", "resolved on", "resolution date",
    ),
    "escalated": ("Escalated", "escalate", "escalation"),
    "options": ("Options", "alternatives", "options considered"),
    "recommendation": ("Recommendation", "recommended option", "proposal"),
    "forum": ("Forum", "board", "committee", "decided at", "meeting", "governance forum"),
    "decided_on": (
        "Decision date", "decided on", "date decided", "date of decision", "approved on",
    ),
    "decided_by": ("Decided by", "decision maker", "approver", "approved by", "authority"),
    "outcome": ("Outcome", "result", "resolution", "decision made"),
    "period": (
        "Period", "month", "reporting period", "report month", "report period", "as of",
        "report date",
    ),
    "summary": (
        "Summary", "status summary", "commentary", "executive summary", "overall summary",
        "comments",
    ),
    "achievements": (
        "Achievements", "accomplishments", "progress this period", "completed this period",
        "highlights",
    ),
    "next_steps": (
        "Next steps", "next period", "planned next period", "plans", "upcoming", "coming up",
    ),
    "submitted_by": ("Submitted by", "reported by", "author", "prepared by"),
    "lead": ("Lead", "team lead", "team leader", "manager"),
    "measure": ("Measure", "kpi", "metric"),
    "unit": ("Unit", "units", "unit of measure"),
    "baseline_value": ("Baseline value", "baseline", "current value"),
    "target_value": ("Target value", "target"),
    "realised_value": ("Realised value", "realized value", "actual value", "achieved value"),
    "target_date": ("Target date", "due date", "by when"),
    "objective": ("Objective", "strategic objective", "objective code"),
    "category": ("Category", "theme", "area"),
    "recorded_on": ("Recorded on", "date", "date recorded", "logged"),
    "stage_code": ("Stage", "phase"),
}

#: Synonyms of a field in one kind only (checked before the common ones).
BY_KIND: dict[str, dict[str, tuple[str, ...]]] = {
    "project": {
        "name": (
            "Name", "project", "project name", "projects", "title", "project title", "initiative",
        ),
        "description": ("Description", "details", "notes", "scope description", "comments"),
    },
    "person": {
        "name": (
            "Name", "person", "full name", "resource name", "employee", "staff name", "resource",
        ),
    },
    "milestone": {
        "name": ("Name", "milestone", "milestone name", "title", "deliverable", "milestones"),
    },
    "raid_item": {
        "title": (
            "Title", "risk", "issue", "summary", "name", "subject", "headline", "event",
            "risk title",
        ),
        "description": (
            "Description", "details", "cause", "detail", "risk description", "issue description",
        ),
        "owner": (
            "Owner", "risk owner", "issue owner", "responsible", "assigned to", "action owner",
            "actionee",
        ),
    },
    "decision": {
        "title": ("Title", "decision", "summary", "subject", "decision required"),
        "status": ("Status", "decision status", "state"),
    },
    "status_report": {
        "summary": (
            "Summary", "status summary", "commentary", "executive summary", "comments",
            "headline",
        ),
    },
}

#: Words that name the kind itself; a header's own kind word is dropped before
#: matching ("Project Manager" in a project sheet is the manager).
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "project": ("project", "projects", "proj"),
    "person": ("person", "people", "staff", "employee"),
    "allocation": ("allocation", "allocated"),
    "milestone": ("milestone", "milestones"),
    "raid_item": ("risk", "risks", "issue", "issues", "raid", "assumption", "dependency", "item"),
    "decision": ("decision", "decisions"),
    "status_report": ("report", "reporting"),
    "programme": ("programme", "program"),
    "portfolio": ("portfolio",),
    "team": ("team",),
    "role": ("role",),
    "benefit": ("benefit", "benefits"),
    "lesson": ("lesson", "lessons", "learned", "learnt"),
}

#: Words in a sheet's name that point at a kind.
SHEET_WORDS: dict[str, tuple[str, ...]] = {
    "project": ("project", "register", "portfolio", "pipeline", "tracker", "projects"),
    "person": ("people", "staff", "team", "resources", "employees", "persons", "capacity"),
    "allocation": (
        "allocation", "resource plan", "resourcing", "assignments", "forecast", "plan", "demand",
    ),
    "milestone": ("milestone",),
    "raid_item": ("risk", "raid", "issue", "assumption", "dependenc", "log"),
    "decision": ("decision",),
    "status_report": ("status", "report", "highlight"),
    "programme": ("programme", "program"),
    "portfolio": ("portfolios",),
    "team": ("teams",),
    "role": ("roles",),
    "benefit": ("benefit",),
    "lesson": ("lesson",),
}

#: Fields that tell one kind from another; they weigh more when a sheet's kind is guessed.
SIGNATURE: dict[str, frozenset[str]] = {
    "project": frozenset({
        "budget", "department", "forecast_finish", "manager", "percent_complete",
        "planned_finish", "planned_start", "portfolio", "programme", "rag_overall", "sponsor",
        "stage", "state",
    }),
    "person": frozenset({
        "email", "location", "part_time_factor", "role", "team", "weekly_capacity_hours",
    }),
    "allocation": frozenset({"hours", "percent_of_capacity", "person", "week_start"}),
    "milestone": frozenset({"actual_date", "baseline_date", "forecast_date", "is_gate"}),
    "raid_item": frozenset({
        "closed_on", "escalated", "impact", "kind", "probability", "raised_on", "response",
    }),
    "decision": frozenset({
        "decided_by", "decided_on", "forum", "options", "outcome", "recommendation",
    }),
    "status_report": frozenset({"achievements", "next_steps", "period", "submitted_by", "summary"}),
    "programme": frozenset(),
    "portfolio": frozenset(),
    "team": frozenset({"lead"}),
    "role": frozenset(),
    "benefit": frozenset({"baseline_value", "measure", "realised_value", "target_value"}),
    "lesson": frozenset({"category", "recommendation", "recorded_on"}),
}
# fmt: on

#: Fields that appear in most kinds and say little about which kind a sheet holds.
GENERIC_FIELDS = frozenset(
    {"code", "name", "title", "description", "owner", "status", "note", "project"}
)
