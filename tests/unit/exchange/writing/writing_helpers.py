"""Shared data and checks of the workbook-writing tests (imported as a plain module)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pmodesk.domain import Milestone, Person, Project
from pmodesk.services.demo import DemoSize
from pmodesk.services.exporting import NOT_IMPORTED, ExportData, gather_export
from pmodesk.store import Workspace

TODAY = date(2026, 3, 18)
SMALL = DemoSize(projects=16, people=20, weeks=10, portfolios=2, programmes=3, teams=3, seed=11)

#: Text a spreadsheet would run as a formula, an error value, or mangle; written by people.
AWKWARD: dict[tuple[type[Any], str, str], str] = {
    (Project, "PRJ-001", "description"): '=HYPERLINK("http://example.invalid","click me")',
    (Project, "PRJ-001", "sponsor"): "@Sponsor Office",
    (Project, "PRJ-002", "tags"): "+urgent, -legacy",
    (Project, "PRJ-002", "expected_benefits"): "=1+1",
    (Project, "PRJ-003", "name"): "#N/A replacement — Zoë Ørsted's 项目",
    (Milestone, "PRJ-001-M01", "description"): "line one\nline two\twith a tab inside",
    (Person, "EMP-0001", "location"): "-5 floor, Kraków",
}


#: Fields the importer does not set (computed, or owned by another workflow): not round-tripped.
NOT_ROUND_TRIPPED: dict[str, set[str]] = {
    kind: set(fields) for kind, fields in NOT_IMPORTED.items()
}


def export_data(workspace: Workspace) -> ExportData:
    with workspace.session() as session:
        return gather_export(session)


def differences(before: ExportData, after: ExportData, *, skip: dict[str, set[str]]) -> list[str]:
    """Every record and field that differs between two exports (``skip``: fields not compared)."""
    found: list[str] = []
    for kind, rows in before.kinds.items():
        keys = [f.key for f in rows.spec.fields]
        other = after.kinds[kind].rows
        if len(rows.rows) != len(other):
            found.append(f"{kind}: {len(rows.rows)} records before, {len(other)} after")
            continue
        for old, new in zip(rows.rows, other, strict=True):
            for key, a, b in zip(keys, old, new, strict=True):
                if key not in skip.get(kind, set()) and a != b:
                    found.append(f"{kind} {old[0]} {key}: {a!r} -> {b!r}")
    return found
