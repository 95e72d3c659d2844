"""Risks: the portfolio's top open risks and the probability × impact matrix."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import PageBreak, Paragraph

from pmodesk.domain.rules import HIGH_RISK_SCORE, MEDIUM_RISK_SCORE, risk_band
from pmodesk.reports.charts import risk_matrix_chart
from pmodesk.reports.fonts import markup
from pmodesk.reports.formatting import plural
from pmodesk.reports.sections.common import Story, project_title, rag_commands
from pmodesk.reports.settings import Section
from pmodesk.reports.styles import para, rich, styles
from pmodesk.reports.tables import PackTable, data_table


def _bands(story: Story, width: float) -> PackTable:
    matrix = story.data.risk_matrix
    counts = {"R": 0, "A": 0, "G": 0}
    for (p, i), n in matrix.items():
        band = risk_band(p * i)
        if band is not None:
            counts[band.letter] += n
    rows: list[list[Any]] = [["Band", "Score", "Open risks"]]
    from pmodesk.domain.enums import Rag

    bands = [
        (Rag.RED, "R  High", f"{HIGH_RISK_SCORE}–25"),
        (Rag.AMBER, "A  Medium", f"{MEDIUM_RISK_SCORE}–{HIGH_RISK_SCORE - 1}"),
        (Rag.GREEN, "G  Low", f"1–{MEDIUM_RISK_SCORE - 1}"),
    ]
    for rag, name, scores in bands:
        rows.append([name, scores, counts[rag.letter]])
    commands = rag_commands([(rag, 0, n) for n, (rag, _name, _s) in enumerate(bands, start=1)])
    commands += [("ALIGN", (0, 1), (0, -1), "LEFT"), ("ALIGN", (2, 1), (2, -1), "RIGHT")]
    return data_table(rows, [width * 0.4, width * 0.3, width * 0.3], commands=commands, zebra=False)


def risks_section(story: Story) -> None:
    data = story.data
    story.add(story.heading(Section.RISKS.heading, 0, "h1"))
    intro = (
        f"{plural(data.open_risk_count, 'open risk')} in this pack's scope. A risk's score is "
        "its probability times its impact, each on a scale of 1 to 5."
    )
    story.add(Paragraph(markup(intro), styles()["body"]))
    story.add(story.heading("Probability × impact", 1))
    chart = risk_matrix_chart(data.risk_matrix)
    side = story.width - chart.width - 20
    unscored = data.open_risk_count - sum(data.risk_matrix.values())
    notes = [
        _bands(story, side),
        para(
            "Each cell counts the open risks with that probability (up) and impact (across); "
            "the letter in its corner is its band."
            + (
                f" {plural(unscored, 'risk')} without both scores are not on the matrix."
                if unscored > 0
                else ""
            ),
            "note",
        ),
    ]
    pair = PackTable([[chart, notes]], colWidths=[chart.width + 20, side], hAlign="LEFT")
    pair.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    story.add(pair)
    story.add(story.heading("Top risks", 1))
    if not data.top_risks:
        story.note("There is no open risk in this scope.")
        story.add(PageBreak())
        return
    rows: list[list[Any]] = [
        [para(h, "cell_head") for h in ("Score", "Risk", "Project", "Owner", "P", "I", "Response")]
    ]
    chips = []
    for n, risk in enumerate(data.top_risks, start=1):
        band = risk_band(risk.score)
        chips.append((band, 0, n))
        rows.append(
            [
                f"{band.letter if band else '–'} {risk.score if risk.score is not None else ''}".strip(),
                rich(f"<b>{markup(risk.code)}</b> {markup(risk.title)}", "cell"),
                para(project_title(risk.project_code, risk.project_name), "cell_small"),
                para(risk.owner or "–", "cell_small"),
                risk.probability or "–",
                risk.impact or "–",
                para(risk.response or "–", "cell_small"),
            ]
        )
    width = story.width
    fixed: list[float] = [34, 0, 96, 70, 16, 16, 0]
    rest = width - sum(fixed)
    fixed[1], fixed[6] = rest * 0.5, rest * 0.5
    commands = [*rag_commands(chips), ("ALIGN", (4, 1), (5, -1), "CENTER")]
    story.add(data_table(rows, fixed, commands=commands))
    story.add(PageBreak())
