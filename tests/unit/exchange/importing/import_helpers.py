"""Helpers of the importer's tests (imported as a plain module): plan, import, count rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from pmodesk.exchange.importing import (
    ImportOptions,
    ImportPlan,
    ImportResult,
    apply_import,
    plan_import,
)
from pmodesk.store import Workspace

#: Sheets of a workbook made in a test: name -> rows, row 1 first.
Sheets = Mapping[str, Sequence[Sequence[Any]]]
#: The ``make_book`` fixture: sheets -> the path of the .xlsx written.
MakeBook = Callable[..., Path]

#: Tables whose rows an import may add or change (the audit trail is counted too).
TABLES = (
    "project", "programme", "portfolio", "person", "team", "role", "allocation", "milestone",
    "raid_item", "decision", "status_report", "audit_event", "workspace_setting",
)  # fmt: skip


def row_counts(workspace: Workspace) -> dict[str, int]:
    """Rows in every table an import touches, read straight from the file."""
    assert workspace.path is not None
    with closing(sqlite3.connect(f"file:{workspace.path}?mode=ro", uri=True)) as conn:
        return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}


def plan(workspace: Workspace, paths: Sequence[Path] | Path, **kwargs: Any) -> ImportPlan:
    sources = [paths] if isinstance(paths, Path) else list(paths)
    with workspace.session() as session:
        return plan_import(session, sources, **kwargs)


def run_import(
    workspace: Workspace, paths: Sequence[Path] | Path, **kwargs: Any
) -> tuple[ImportPlan, ImportResult]:
    """Plan and apply in one session (committed); the plan must not be refused."""
    sources = [paths] if isinstance(paths, Path) else list(paths)
    with workspace.session() as session:
        found = plan_import(session, sources, **kwargs)
        assert not found.refused, [str(p) for p in found.problems[:10]]
        return found, apply_import(session, found)


def options(**kwargs: Any) -> ImportOptions:
    return ImportOptions(**kwargs)
