"""Resources: the utilisation heatmap and demand against capacity by role, split across pages."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, PageBreak

from pmodesk.reports.sections.common import Story
from pmodesk.reports.settings import Section
from pmodesk.reports.tables import grid_tables

#: (row label width, narrowest column) of the heatmap and of demand against capacity.
HEATMAP_WIDTHS = (110.0, 31.0)
DEMAND_WIDTHS = (120.0, 62.0)


def resources_section(story: Story) -> None:
    data = story.data
    story.add(story.heading(Section.RESOURCES.heading, 0, "h1"))
    for grid, (label_width, column_width) in (
        (data.heatmap, HEATMAP_WIDTHS),
        (data.demand, DEMAND_WIDTHS),
    ):
        if grid is None:
            continue
        story.add(CondPageBreak(160), story.heading(grid.title, 1))
        if grid.note:
            story.note(grid.note)
        if not grid.row_labels:
            story.note("Nobody has capacity or planned work in these weeks.")
            continue
        story.add(
            *grid_tables(grid, story.width, label_width=label_width, column_width=column_width)
        )
    story.add(PageBreak())
