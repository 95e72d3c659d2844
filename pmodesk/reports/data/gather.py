"""Gather a pack's data from the workspace in one go: :func:`gather_pack` returns :class:`PackData`.

Only the services and the domain are used; nothing here knows about pages.
Sections that are not chosen are not gathered (the heatmap is the costly one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from sqlmodel import Session

from pmodesk.reports.data import governance, portfolio, projects, resources
from pmodesk.reports.data.model import PackData, ProjectDetail
from pmodesk.reports.data.scope import resolve_scope
from pmodesk.reports.settings import PackSettings, Scope, Section
from pmodesk.services.monitoring.periods import period_of, period_start, previous_period
from pmodesk.services.settings import (
    CURRENCY,
    ORGANISATION_NAME,
    PERIOD_LENGTH_MONTHS,
    get_setting,
)

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]

#: Periods shown in the RAG trend, the reporting period included.
TREND_PERIODS = 6


class PackCancelled(Exception):
    """The person printing the pack cancelled it; nothing was written."""


def is_week(period: str) -> bool:
    return "-W" in period


def period_end(period: str, months: int) -> date:
    """The last day of ``period``."""
    start = period_start(period)
    if is_week(period):
        return start + timedelta(days=6)
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1) - timedelta(days=1)


def period_label(period: str, months: int) -> str:
    """``November 2026``, ``Oct–Dec 2026`` for a quarter, ``Week 9, 2026`` for an ISO week."""
    start = period_start(period)
    if is_week(period):
        return f"Week {start.isocalendar().week}, {start.isocalendar().year}"
    if months == 1:
        return f"{start:%B %Y}"
    end = period_end(period, months)
    if end.year == start.year:
        return f"{start:%b}–{end:%b %Y}"
    return f"{start:%b %Y}–{end:%b %Y}"


def short_label(period: str) -> str:
    start = period_start(period)
    return f"W{start.isocalendar().week:02d}" if is_week(period) else f"{start:%b %y}"


def format_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _ordered(details: list[ProjectDetail]) -> list[ProjectDetail]:
    """By programme (code order, projects in none last), exceptions first within each."""
    return sorted(
        details,
        key=lambda d: (
            d.line.programme_code == "",
            d.line.programme_code,
            d.line.rank,
            d.line.code,
        ),
    )


def gather_pack(
    session: Session,
    pack: PackSettings,
    *,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> PackData:
    """Read everything ``pack`` prints; a clear :class:`DomainError` when the scope holds nothing."""
    today = today or date.today()
    steps = 6

    def step(done: int, message: str) -> None:
        if cancelled is not None and cancelled():
            raise PackCancelled("The pack was cancelled.")
        if progress is not None:
            progress(done, steps, message)

    pack = pack.validated()
    months = int(get_setting(session, PERIOD_LENGTH_MONTHS))
    step(0, "Reading the projects in scope")
    scope = resolve_scope(session, pack)
    period = pack.period or period_of(today, months)
    start = period_start(period)
    before = previous_period(period, months)
    trend_periods = [period]
    while len(trend_periods) < TREND_PERIODS:
        trend_periods.append(previous_period(trend_periods[-1], months))
    trend_periods.reverse()
    end = period_end(period, months)
    context = projects.PeriodContext(
        period=period,
        previous=before,
        as_of=min(today, end) if start <= today else today,
        is_current=end >= today,
        period_label=period_label(period, months),
    )
    ids = [r.id for r in scope.rows]
    step(1, "Reading status reports")
    reports = projects.reports_by_period(session, ids, [*trend_periods, before])
    step(2, "Reading milestones, risks, decisions and compliance")
    templates, compliance = None, None
    if pack.has(Section.PROJECTS) or pack.has(Section.SUMMARY):
        templates, compliance = governance.template_compliance(session, scope.rows)
    details = _ordered(projects.project_details(session, scope.rows, context, reports, templates))
    whole = pack.scope is Scope.WORKSPACE
    decisions = governance.pending_decisions(session, scope.rows, portfolio_level=whole)
    data = PackData(
        settings=pack,
        organisation=str(get_setting(session, ORGANISATION_NAME) or ""),
        currency=str(get_setting(session, CURRENCY)),
        period=period,
        period_label=context.period_label,
        previous_period=before,
        previous_label=period_label(before, months),
        period_short=short_label(period),
        previous_short=short_label(before),
        generated_on=today,
        date_line=pack.date_line or format_day(today),
        scope_label=scope.label,
        projects=details,
        decisions=decisions,
        compliance=compliance,
    )
    lines = data.lines
    data.summary = portfolio.summary(lines, scope.all_rows, decisions, context.as_of)
    data.trend = portfolio.rag_trend(ids, [(p, short_label(p)) for p in trend_periods], reports)
    data.programme_money = portfolio.programme_money(lines)
    step(3, "Reading the risks")
    if pack.has(Section.RISKS) or pack.has(Section.SUMMARY):
        data.top_risks, data.open_risk_count, data.risk_matrix = portfolio.top_risks(
            session, scope.rows, portfolio_level=whole
        )
    step(4, "Computing the resource heatmap")
    if pack.has(Section.RESOURCES):
        data.heatmap = resources.heatmap(session, pack, start)
        data.demand = resources.demand_by_role(session, pack, start)
    step(5, "Reading the rules in force")
    if pack.has(Section.APPENDIX):
        data.appendix = governance.appendix(session)
    if data.summary.reported == 0:
        data.notes.append(
            f"No project in scope has a status report for {context.period_label} yet"
            + (
                "; the RAG shown is the register's current assessment."
                if context.is_current
                else "; RAG is shown as not assessed."
            )
        )
    step(6, "Data read")
    return data
