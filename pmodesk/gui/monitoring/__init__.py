"""Monitoring views: the RAID log and status reporting, baselines, benefits and lessons, the dashboard.

Pages (each built as ``Page(ctx, parent)`` when first shown):

* :class:`.raid_page.RaidPage` — RAID log with the probability × impact matrix,
  status reports per period, decisions, milestones and baselines;
* :class:`.benefits_page.BenefitsPage` — benefits with their measurements over
  time and the roll-up per objective, and the lessons-learned repository;
* :class:`.dashboard_page.DashboardPage` — the KPI dashboard (pyqtgraph).
"""
