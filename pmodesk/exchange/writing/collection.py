"""Collecting returned status workbooks: who returned, who did not, what changed — then import.

The PMO selects the returned files (or the folder they were saved into).
:func:`plan_collection` keeps the workbooks whose ``_pmodesk`` sheet says
``status-request`` (other files are listed as ignored, with the reason),
refuses a mix of periods or two workbooks from one manager, and plans the
import of all of them at once with the importer
(:func:`pmodesk.exchange.importing.plan_import`): every row is validated
before anything is written. :func:`apply_collection` then writes all of them
in one transaction, or nothing (:func:`pmodesk.exchange.importing.apply_import`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from pmodesk.domain import Project, StatusReport
from pmodesk.domain.enums import Rag
from pmodesk.errors import DomainError
from pmodesk.exchange.reading import ReadError, clean_text, open_book
from pmodesk.exchange.writing.book import META_SHEET
from pmodesk.services.monitoring.periods import period_start
from pmodesk.services.register import fold
from pmodesk.services.status_collection import expected_managers

if TYPE_CHECKING:
    from pmodesk.exchange.importing import ImportPlan, ImportResult, RowChange

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_RAG_FIELDS = (
    ("rag_overall", "Overall RAG"),
    ("rag_schedule", "Schedule RAG"),
    ("rag_cost", "Cost RAG"),
    ("rag_scope", "Scope RAG"),
    ("rag_resources", "Resources RAG"),
)


@dataclass(frozen=True, slots=True)
class ReturnedWorkbook:
    path: Path
    manager: str
    period: str


@dataclass(frozen=True, slots=True)
class ReportedChange:
    """What one returned row changes, in words: ``Overall RAG Amber → Red``."""

    manager: str
    record: str  # project or milestone code
    kind: str  # status_report or milestone
    changes: tuple[str, ...]


@dataclass
class CollectionPlan:
    """The returned workbooks of one period, checked and planned, before anything is written."""

    period: str
    returned: list[ReturnedWorkbook]
    missing: list[str]
    ignored: list[tuple[str, str]]
    plan: ImportPlan
    changes: list[ReportedChange] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.plan.refused

    @property
    def problems(self) -> list[Any]:
        return list(self.plan.problems)


@dataclass(frozen=True)
class CollectionResult:
    """What the collection wrote (one import batch) and the plan it followed."""

    result: ImportResult
    plan: CollectionPlan


def workbook_files(sources: Sequence[Path]) -> list[Path]:
    """The workbooks among ``sources``: files as given, folders' .xlsx/.xlsm (no lock files)."""
    found: list[Path] = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            found.extend(
                p
                for p in sorted(source.iterdir())
                if p.is_file()
                and p.suffix.lower() in WORKBOOK_SUFFIXES
                and not p.name.startswith(("~$", ".~lock", "."))
            )
        else:
            found.append(source)
    return list(dict.fromkeys(found))


def read_meta(path: Path) -> dict[str, str] | None:
    """The key/value rows of a workbook's ``_pmodesk`` sheet, or None when it has none."""
    with open_book(path) as book:
        if not any(s.name == META_SHEET for s in book.sheets):
            return None
        grid = book.grid(META_SHEET, rows=50)
    if not grid or clean_text(grid[0][0] if grid[0] else None).casefold() != "pmodesk":
        return None
    meta: dict[str, str] = {}
    for row in grid[1:]:
        if not row or not any(clean_text(v) for v in row):
            break
        meta[clean_text(row[0]).casefold()] = clean_text(row[1] if len(row) > 1 else None)
    return meta


def _sort_returned(
    files: list[Path],
) -> tuple[list[ReturnedWorkbook], list[tuple[str, str]]]:
    returned: list[ReturnedWorkbook] = []
    ignored: list[tuple[str, str]] = []
    for path in files:
        try:
            meta = read_meta(path)
        except ReadError as error:
            ignored.append((path.name, str(error)))
            continue
        if meta is None:
            ignored.append((path.name, "not a workbook pmodesk wrote (no _pmodesk sheet)"))
        elif meta.get("kind") != "status-request":
            ignored.append(
                (path.name, f"a pmodesk {meta.get('kind') or 'workbook'}, not a status request")
            )
        elif not meta.get("period") or not meta.get("manager"):
            ignored.append((path.name, "a status request without its period or manager"))
        else:
            returned.append(ReturnedWorkbook(path, meta["manager"], meta["period"]))
    return returned, ignored


def _check_returned(returned: list[ReturnedWorkbook], ignored: list[tuple[str, str]]) -> str:
    if not returned:
        why = "; ".join(f"{name}: {reason}" for name, reason in ignored[:3])
        raise DomainError(
            "None of the files is a status request written by pmodesk"
            + (f" ({why})." if why else ".")
        )
    periods = sorted({r.period for r in returned})
    if len(periods) > 1:
        counts = ", ".join(f"{p} ({sum(r.period == p for r in returned)} files)" for p in periods)
        raise DomainError(
            f"The workbooks are for different periods: {counts}. Collect one period at a time."
        )
    seen: dict[str, ReturnedWorkbook] = {}
    for workbook in returned:
        other = seen.setdefault(fold(workbook.manager), workbook)
        if other is not workbook:
            raise DomainError(
                f"{workbook.manager} returned two workbooks, {other.path.name} and "
                f"{workbook.path.name}; keep the right one and collect again."
            )
    return periods[0]


def plan_collection(
    session: Session,
    sources: Sequence[Path],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> CollectionPlan:
    """Check the returned workbooks and plan their import (see the module docstring)."""
    from pmodesk.exchange.importing import plan_import

    files = workbook_files(sources)
    if not files:
        raise DomainError("There is no .xlsx workbook among the files or folders chosen.")
    returned, ignored = _sort_returned(files)
    period = _check_returned(returned, ignored)
    plan = plan_import(session, [r.path for r in returned], progress=progress, cancelled=cancelled)
    got = {fold(r.manager) for r in returned}
    missing = [m for m in expected_managers(session) if fold(m) not in got]
    collection = CollectionPlan(period, returned, missing, ignored, plan)
    collection.changes = describe_changes(session, collection)
    return collection


def apply_collection(
    session: Session,
    collection: CollectionPlan,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> CollectionResult:
    """Write every returned workbook in one transaction, or nothing (refused when any row is wrong)."""
    from pmodesk.exchange.importing import apply_import

    if collection.refused:
        first = "; ".join(str(p) for p in collection.plan.errors[:3])
        raise DomainError(
            f"The returned workbooks have {len(collection.plan.errors)} problems and nothing was "
            f"imported: {first}."
        )
    result = apply_import(session, collection.plan, progress=progress, cancelled=cancelled)
    return CollectionResult(result, collection)


# ---------------------------------------------------------------- what changed


def _manager_of(collection: CollectionPlan, source: str) -> str:
    for workbook in collection.returned:
        if workbook.path.name == source or str(workbook.path) == source:
            return workbook.manager
    return ""


def _previous_reports(session: Session, period: str) -> dict[str, StatusReport]:
    """Per project code, its latest live report before ``period``."""
    start = period_start(period)
    statement = (
        select(StatusReport, Project.code)
        .join(Project, col(Project.id) == col(StatusReport.project_id))
        .where(col(StatusReport.archived_at).is_(None))
    )
    latest: dict[str, StatusReport] = {}
    for report, code in session.exec(statement):
        try:
            if period_start(report.period) >= start:
                continue
        except DomainError:
            continue
        best = latest.get(code)
        if best is None or period_start(best.period) < period_start(report.period):
            latest[code] = report
    return latest


def _rag(value: Any) -> str:
    if value is None or value == "":
        return "not set"
    try:
        return Rag(str(value).lower()).label
    except ValueError:
        return str(value)


def _status_changes(change: RowChange, previous: StatusReport | None) -> list[str]:
    """A returned report against the project's last one, in words."""
    if previous is None:
        overall = change.value("rag_overall")
        return ["First report" + (f", overall RAG {_rag(overall)}" if overall else "")]
    words: list[str] = []
    for key, label in _RAG_FIELDS:
        new, old = change.value(key), getattr(previous, key)
        if key in change.fields and _rag(new) != _rag(old):
            words.append(f"{label} {_rag(old)} → {_rag(new)}")
    finish, before = change.value("forecast_finish"), previous.forecast_finish
    if isinstance(finish, date) and isinstance(before, date) and finish != before:
        days = (finish - before).days
        words.append(f"Forecast finish {before:%Y-%m-%d} → {finish:%Y-%m-%d} ({days:+d} days)")
    for key, label in (("forecast_cost", "Forecast cost"), ("actual_cost", "Actual cost")):
        new, old = change.value(key), getattr(previous, key)
        if isinstance(new, int | float) and isinstance(old, int | float) and new != old:
            words.append(f"{label} {old:,.0f} → {new:,.0f} ({new - old:+,.0f})")
    return words or [f"No change since {previous.period}"]


def describe_changes(session: Session, collection: CollectionPlan) -> list[ReportedChange]:
    """In words, what each returned row changes against the last report (or the milestone)."""
    previous = _previous_reports(session, collection.period)
    out: list[ReportedChange] = []
    for change in collection.plan.preview:
        manager = _manager_of(collection, change.source)
        if change.kind == "status_report" and change.action in ("create", "update"):
            project = str(change.value("project") or change.key)
            words = _status_changes(change, previous.get(project))
            out.append(ReportedChange(manager, project, change.kind, tuple(words)))
        elif change.kind == "milestone" and change.action == "update":
            words = [
                f"{key.replace('_', ' ').capitalize()} {_day(old)} → {_day(new)}"
                for key, (old, new) in change.changes.items()
            ]
            out.append(ReportedChange(manager, change.key, change.kind, tuple(words)))
    return out


def _day(value: Any) -> str:
    return (
        f"{value:%Y-%m-%d}"
        if isinstance(value, date)
        else ("not set" if value is None else str(value))
    )
