"""Monitoring without Qt: reporting periods, baselines, risk, dependencies, benefits, lessons, KPIs.

* :mod:`.periods` — period names, the period view (who reported, what changed), closing;
* :mod:`.baselines` (writes) and :mod:`.baseline_plans` (reads) — the first baseline,
  re-baselines with a reason and their history; :mod:`.variance` — schedule and cost
  variance and milestone slip against the baseline in force;
* :mod:`.risk` — the probability × impact matrix, exposure, overdue issues;
  :mod:`.raid_log` — the RAID log's rows and the exposure trend;
* :mod:`.dependencies` — alerts when a predecessor's milestone slips or is overdue;
* :mod:`.benefits` — benefits rolled up per strategic objective;
  :mod:`.measurements` — benefit measurements over time;
* :mod:`.lessons` — the lessons-learned repository: search and suggestions;
* :mod:`.kpis` — on-time milestone rate, CPI/SPI, projects by stage and RAG;
  :mod:`.dashboard` — every figure of the KPI dashboard for a scope (imported on its
  own: it loads the capacity plan's NumPy code).
"""

from __future__ import annotations

from pmodesk.services.monitoring.baselines import (
    BaselinePlan,
    PlanSnapshot,
    baseline_history,
    baseline_in_force,
    baseline_unbaselined,
    current_plan,
    forecast_plan,
    rebaseline,
    set_first_baseline,
    snapshot_plan,
    withdraw_baseline,
)
from pmodesk.services.monitoring.benefits import BenefitRollup, benefit_progress, benefit_rollup
from pmodesk.services.monitoring.dependencies import DependencyAlert, dependency_alerts
from pmodesk.services.monitoring.kpis import (
    cpi_spi_distribution,
    on_time_milestone_rate,
    projects_by_stage_and_rag,
)
from pmodesk.services.monitoring.lessons import (
    LessonHit,
    LessonQuery,
    LessonSuggestion,
    lesson_facets,
    lessons_for_project,
    search_lessons,
    suggest_lessons,
)
from pmodesk.services.monitoring.measurements import (
    measurement_history,
    objective_trend,
    record_measurement,
    remove_measurement,
    restore_measurement,
    update_measurement,
    withdraw_measurement,
)
from pmodesk.services.monitoring.periods import (
    PeriodStatus,
    ProjectPeriod,
    RagMove,
    ReportChanges,
    close_period,
    period_of,
    period_start,
    period_status,
    previous_period,
    recent_periods,
    reopen_period,
    reporting_months,
)
from pmodesk.services.monitoring.raid_log import ExposurePoint, RaidRow, exposure_trend, raid_log
from pmodesk.services.monitoring.risk import (
    RiskExposure,
    open_risks,
    overdue_issues,
    risk_exposure,
    risk_matrix,
)
from pmodesk.services.monitoring.variance import (
    MilestoneSlip,
    Variance,
    milestone_slips,
    project_variance,
    variances,
)

__all__ = [
    "BaselinePlan",
    "BenefitRollup",
    "DependencyAlert",
    "ExposurePoint",
    "LessonHit",
    "LessonQuery",
    "LessonSuggestion",
    "MilestoneSlip",
    "PeriodStatus",
    "PlanSnapshot",
    "ProjectPeriod",
    "RagMove",
    "RaidRow",
    "ReportChanges",
    "RiskExposure",
    "Variance",
    "baseline_history",
    "baseline_in_force",
    "baseline_unbaselined",
    "benefit_progress",
    "benefit_rollup",
    "close_period",
    "cpi_spi_distribution",
    "current_plan",
    "dependency_alerts",
    "exposure_trend",
    "forecast_plan",
    "lesson_facets",
    "lessons_for_project",
    "measurement_history",
    "milestone_slips",
    "objective_trend",
    "on_time_milestone_rate",
    "open_risks",
    "overdue_issues",
    "period_of",
    "period_start",
    "period_status",
    "previous_period",
    "project_variance",
    "projects_by_stage_and_rag",
    "raid_log",
    "rebaseline",
    "recent_periods",
    "record_measurement",
    "remove_measurement",
    "reopen_period",
    "reporting_months",
    "restore_measurement",
    "risk_exposure",
    "risk_matrix",
    "search_lessons",
    "set_first_baseline",
    "snapshot_plan",
    "suggest_lessons",
    "update_measurement",
    "variances",
    "withdraw_baseline",
    "withdraw_measurement",
]
