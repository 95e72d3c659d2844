"""Monitoring without Qt: reporting periods, risk, dependency alerts, benefits and KPIs.

* :mod:`.periods` — period names, the period view (who reported, what changed), closing;
* :mod:`.risk` — the probability × impact matrix, exposure, overdue issues;
* :mod:`.dependencies` — alerts when a predecessor's milestone slips or is overdue;
* :mod:`.benefits` — benefits rolled up per strategic objective;
* :mod:`.kpis` — on-time milestone rate, CPI/SPI, projects by stage and RAG.
"""

from __future__ import annotations

from pmodesk.services.monitoring.benefits import BenefitRollup, benefit_rollup
from pmodesk.services.monitoring.dependencies import DependencyAlert, dependency_alerts
from pmodesk.services.monitoring.kpis import (
    cpi_spi_distribution,
    on_time_milestone_rate,
    projects_by_stage_and_rag,
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
)
from pmodesk.services.monitoring.risk import (
    RiskExposure,
    open_risks,
    overdue_issues,
    risk_exposure,
    risk_matrix,
)

__all__ = [
    "BenefitRollup",
    "DependencyAlert",
    "PeriodStatus",
    "ProjectPeriod",
    "RagMove",
    "ReportChanges",
    "RiskExposure",
    "benefit_rollup",
    "close_period",
    "cpi_spi_distribution",
    "dependency_alerts",
    "on_time_milestone_rate",
    "open_risks",
    "overdue_issues",
    "period_of",
    "period_start",
    "period_status",
    "previous_period",
    "projects_by_stage_and_rag",
    "risk_exposure",
    "risk_matrix",
]
