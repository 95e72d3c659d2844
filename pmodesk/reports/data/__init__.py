"""The review pack's data, gathered from the services into plain dataclasses (no Qt, no PDF)."""

from __future__ import annotations

from pmodesk.reports.data.gather import PackCancelled, gather_pack
from pmodesk.reports.data.governance import checklist_compliance, template_compliance
from pmodesk.reports.data.model import PackData, ProjectDetail, ProjectLine

__all__ = [
    "PackCancelled",
    "PackData",
    "ProjectDetail",
    "ProjectLine",
    "checklist_compliance",
    "gather_pack",
    "template_compliance",
]
