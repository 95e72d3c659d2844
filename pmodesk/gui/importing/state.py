"""What the wizard has gathered so far, kept apart from its pages so that Back loses nothing.

Each page reads its part of :class:`ImportChoices` when it is shown and writes
it back as the user changes things. A change that invalidates later work (a
different file, another sheet, a new mapping) drops the plan, so the next page
plans again instead of showing stale results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

#: The record kinds a sheet can hold, parents first, with the words a PMO uses for them.
KIND_LABELS: dict[str, str] = {
    "portfolio": "Portfolios",
    "programme": "Programmes",
    "team": "Teams",
    "role": "Roles",
    "person": "People",
    "project": "Projects",
    "milestone": "Milestones",
    "raid_item": "RAID items",
    "decision": "Decisions",
    "status_report": "Status reports",
    "allocation": "Allocations",
    "benefit": "Benefits",
    "lesson": "Lessons",
}

#: What an import (or its undo) may change: every kind, the records it creates for
#: names it does not find (create_missing), and the audit log; views refresh on these.
IMPORTED_TABLES = frozenset(KIND_LABELS) | {"audit_event"}

#: Settings keys (in the application's QSettings).
KEY_LAST_FOLDER = "importWizard/lastFolder"
KEY_GEOMETRY = "importWizard/geometry"


def kind_label(kind: str | None) -> str:
    if not kind:
        return "Detect automatically"
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


@dataclass(slots=True)
class SheetChoice:
    """One sheet of one source file as the sheets page lists it."""

    source: Path
    name: str
    rows: int
    hidden: bool
    chart: bool = False
    picked: bool = False
    #: The kind the user chose; ``None``: let the importer detect it.
    kind: str | None = None
    #: What the latest plan took the sheet for; ``""``: it was read and not recognised.
    detected: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.source.name, self.name)


@dataclass(slots=True)
class ImportChoices:
    """Everything the user has chosen, and the latest plan and result."""

    sources: list[Path] = field(default_factory=list)
    #: The saved mapping picked on the first page (its name), or ``None``.
    saved_mapping: str | None = None
    sheets: list[SheetChoice] = field(default_factory=list)
    #: The mapping the user adjusted on the mapping page (an engine SavedMapping), if any.
    mapping: Any = None
    #: ImportOptions.create_missing: people, programmes... the rows name are created.
    create_missing: bool = False
    #: ImportOptions.skip_invalid: rows with errors are left out instead of refusing.
    skip_invalid: bool = False
    #: ImportOptions.date_order when the user settled an ambiguous date column.
    date_order: Any = None
    #: ImportOptions.number_style when the user settled how "20.000" is written.
    number_style: Any = None
    #: ImportOptions.project: the project (code or name) of rows that name none.
    project: str | None = None
    #: ImportOptions.first_week: the Monday of week 1 of a plan with numbered weeks.
    first_week: date | None = None
    #: ImportOptions.matrix_unit ("hours" or "percent") when the user said what a plan's cells are.
    matrix_unit: Literal["hours", "percent"] | None = None
    #: Rows the user chose to leave out: (file name, sheet, row number).
    skipped_rows: set[tuple[str, str, int]] = field(default_factory=set)
    #: True when the user changed the mapping since the plan was made (plan again).
    mapping_edited: bool = False
    #: The latest ImportPlan, ``None`` when something changed since it was made.
    plan: Any = None
    #: Example cells of the planned sheets: (file name, sheet) -> column letter -> texts.
    samples: dict[tuple[str, str], dict[str, list[str]]] = field(default_factory=dict)
    #: The ImportResult once the import has run.
    result: Any = None

    def options(self) -> Any:
        """The engine's ImportOptions for these choices."""
        from pmodesk.exchange.importing import ImportOptions

        skip: dict[str, set[int]] = {}
        for source, sheet, row in self.skipped_rows:
            skip.setdefault(f"{source}:{sheet}", set()).add(row)
        return ImportOptions(
            create_missing=self.create_missing,
            skip_invalid=self.skip_invalid,
            skip_rows={key: frozenset(rows) for key, rows in skip.items()},
            date_order=self.date_order,
            number_style=self.number_style,
            project=self.project,
            first_week=self.first_week,
            matrix_unit=self.matrix_unit,
        )

    def picked_sheets(self) -> list[SheetChoice]:
        return [s for s in self.sheets if s.picked]

    def set_sources(self, paths: list[Path]) -> bool:
        """Take new files; returns whether they differ (then the sheets and plan start over)."""
        if [p.resolve() for p in paths] == [p.resolve() for p in self.sources]:
            return False
        self.sources = list(paths)
        self.sheets = []
        self.mapping = None
        self.mapping_edited = False
        self.skipped_rows.clear()
        self.plan = None
        return True
