"""The pack's sections, each a function that adds its flowables to the :class:`Story`."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable, PageBreak

from pmodesk.reports.data.model import PackData
from pmodesk.reports.document import ContentsPage, Layout, contents_pages
from pmodesk.reports.sections.appendix import appendix_section
from pmodesk.reports.sections.common import Story
from pmodesk.reports.sections.cover import cover
from pmodesk.reports.sections.dashboard import dashboard_section
from pmodesk.reports.sections.decisions import decisions_section
from pmodesk.reports.sections.projects import projects_section
from pmodesk.reports.sections.resources import resources_section
from pmodesk.reports.sections.risks import risks_section
from pmodesk.reports.sections.summary import summary_section
from pmodesk.reports.settings import Section

BUILDERS: dict[Section, Callable[[Story], None]] = {
    Section.SUMMARY: summary_section,
    Section.DASHBOARD: dashboard_section,
    Section.DECISIONS: decisions_section,
    Section.RESOURCES: resources_section,
    Section.RISKS: risks_section,
    Section.PROJECTS: projects_section,
    Section.APPENDIX: appendix_section,
}


def build_story(data: PackData, layout: Layout) -> tuple[list[Flowable], list[int]]:
    """The pack's flowables (cover, reserved contents pages, chosen sections) and contents levels."""
    front = Story(data, layout)
    cover(front)
    body = Story(data, layout)
    for section in data.settings.sections:
        BUILDERS[section](body)
    if body.flowables and isinstance(body.flowables[-1], PageBreak):
        body.flowables.pop()
    for _page in contents_pages(body.levels, layout):
        front.add(ContentsPage(), PageBreak())
    return [*front.flowables, *body.flowables], body.levels


__all__ = ["BUILDERS", "Story", "build_story"]
