"""Decisions required: every pending decision with its options, recommendation and due date."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import PageBreak, Paragraph

from pmodesk.domain.enums import Rag
from pmodesk.reports.fonts import markup
from pmodesk.reports.formatting import day, plural
from pmodesk.reports.sections.common import Story, project_title
from pmodesk.reports.settings import Section
from pmodesk.reports.styles import RAG_FILL, para, rich, styles
from pmodesk.reports.tables import data_table


def decisions_section(story: Story) -> None:
    data = story.data
    story.add(story.heading(Section.DECISIONS.heading, 0, "h1"))
    decisions = data.decisions
    as_of = data.generated_on
    overdue = [d for d in decisions if d.due_date is not None and d.due_date < as_of]
    if not decisions:
        story.add(
            Paragraph("No decision is pending for the projects in this pack.", styles()["body"])
        )
        story.add(PageBreak())
        return
    intro = f"{plural(len(decisions), 'decision')} pending, the earliest due first"
    if overdue:
        intro += f"; {len(overdue)} past {'its' if len(overdue) == 1 else 'their'} due date"
    story.add(Paragraph(markup(intro + "."), styles()["body"]))
    story.gap(6)
    rows: list[list[Any]] = [
        [para(h, "cell_head") for h in ("Due", "Decision", "Options", "Recommendation")]
    ]
    commands: list[tuple[Any, ...]] = []
    for n, d in enumerate(decisions, start=1):
        late = d.due_date is not None and d.due_date < as_of
        due = rich(
            markup(day(d.due_date))
            + ('<br/><font color="#C62828"><b>overdue</b></font>' if late else ""),
            "cell",
        )
        about = (
            project_title(d.project_code, d.project_name) if d.project_code else "Portfolio level"
        )
        parts = [
            f"<b>{markup(d.code)}</b> {markup(d.title)}",
            f'<font color="#5B6475">{markup(about)}</font>',
        ]
        if d.forum:
            parts.append(f'<font color="#5B6475">Forum: {markup(d.forum)}</font>')
        if d.description:
            parts.append(markup(d.description, lines=True))
        rows.append(
            [
                due,
                rich("<br/>".join(parts), "cell"),
                para(d.options or "–", lines=True),
                para(d.recommendation or "–", lines=True),
            ]
        )
        if late:
            commands.append(("LINEBEFORE", (0, n), (0, n), 2.5, RAG_FILL[Rag.RED]))
    width = story.width
    rest = width - 62
    story.add(data_table(rows, [62, rest * 0.38, rest * 0.31, rest * 0.31], commands=commands))
    story.add(PageBreak())
